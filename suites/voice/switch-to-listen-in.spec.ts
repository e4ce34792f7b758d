import { test } from '../harness';
import { voiceSwitchTests } from './switching';

/**
 * SwitchToListenIn on the supervisor's call: from BargeIn or Coach to silent listening; once out
 * of Coach there is no way back to it.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorSwitchToListenin
 */
test.describe('Voice SwitchToListenIn', () => voiceSwitchTests('ListenIn'));
