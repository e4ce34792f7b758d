import { test } from '../harness';
import { channelMonitoringTests } from './supervision';

/** SMS BargeIn on an agent's channel. https://docs.genesys.com/Documentation/HTCC/latest/API/SMSBargeIn */
test.describe('SMS BargeIn', () => channelMonitoringTests('BargeIn'));
