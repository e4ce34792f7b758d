import { PLATFORM_REQUIREMENTS } from './platform';
import { SMS_REQUIREMENTS } from './sms';
import { SMS_SUPERVISION_REQUIREMENTS } from './sms-supervision';
import { VOICE_REQUIREMENTS } from './voice';
import type { Requirement } from './types';

/** The requirements catalogue, one file per API area. Tests name these ids in their metadata. */

export type { Requirement } from './types';

export const REQUIREMENTS = {
  ...SMS_REQUIREMENTS,
  ...SMS_SUPERVISION_REQUIREMENTS,
  ...PLATFORM_REQUIREMENTS,
  ...VOICE_REQUIREMENTS,
} as const satisfies Record<string, Requirement>;

export type RequirementId = keyof typeof REQUIREMENTS;
