import { switchesOf, type FaultDefinition } from '../../faults/types';
import { SEQUENCE_FAULTS } from './sequence';
import { SESSION_FAULTS } from './session';
import { SUPERVISION_FAULTS } from './supervision';

/**
 * Every deliberate deviation of the mock's SMS API, in one place: the SMS Session API's
 * (session.ts), supervision's (supervision.ts), and those only a sequence reveals (sequence.ts).
 * The SMS code reads each switch by name through `smsFault`.
 */

export const SMS_FAULTS = {
  ...SESSION_FAULTS,
  ...SUPERVISION_FAULTS,
  ...SEQUENCE_FAULTS,
} as const satisfies Record<string, FaultDefinition>;

export type SmsFaultName = keyof typeof SMS_FAULTS;

export const smsFault = switchesOf(SMS_FAULTS);
