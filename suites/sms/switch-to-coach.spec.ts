import { test } from '../harness';
import { switchTests } from './switching';

/** SMS SwitchToCoach. https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoCoach */
test.describe('SMS SwitchToCoach', () => switchTests('Coach'));
