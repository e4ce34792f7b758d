import { test } from '../harness';
import { channelMonitoringTests } from './supervision';

/** SMS Coach on an agent's channel. https://docs.genesys.com/Documentation/HTCC/latest/API/SMSCoach */
test.describe('SMS Coach', () => channelMonitoringTests('Coach'));
