import { SMS_FAULTS } from '../sms/faults';
import type { FaultDefinition } from './types';
import { VOICE_FAULTS } from '../voice/faults';

/**
 * Every fault switch of the mock, by name. Each API area keeps its own beside its code
 * (mock/sms/faults/, mock/voice/faults.ts); this is the list the command line, the self-check and
 * GET /mock/faults read.
 */

export type { FaultDefinition } from './types';

export const FAULTS = {
  ...SMS_FAULTS,
  ...VOICE_FAULTS,
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
