import { test } from '../harness';
import { switchTests } from './switching';

/** SMS SwitchToBargeIn. https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoBargeIn */
test.describe('SMS SwitchToBargeIn', () => switchTests('BargeIn'));
