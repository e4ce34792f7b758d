import { SMS_FAULTS } from './sms';
import { SEQUENCE_FAULTS } from './sequence';
import { SMS_SUPERVISION_FAULTS } from './sms-supervision';
import type { FaultDefinition } from './types';
import { VOICE_FAULTS } from './voice';

/** Every fault switch of the mock, by name; one file per API area. */

export type { FaultDefinition } from './types';

export const FAULTS = {
  ...SMS_FAULTS,
  ...SMS_SUPERVISION_FAULTS,
  ...VOICE_FAULTS,
  ...SEQUENCE_FAULTS,
} as const satisfies Record<string, FaultDefinition>;

export type FaultName = keyof typeof FAULTS;

export function isFaultName(name: string): name is FaultName {
  return Object.prototype.hasOwnProperty.call(FAULTS, name);
}

export function parseFaults(list: string | undefined): FaultName[] {
  if (!list) return [];
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((name) => {
      if (!isFaultName(name)) throw new Error(`unknown mock fault "${name}"; known: ${Object.keys(FAULTS).join(', ')}`);
      return name;
    });
}
