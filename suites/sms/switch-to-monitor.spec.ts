import { meta, smsRefused, test } from '../harness';
import { chattingSession } from './supervision';
import { switchTests } from './switching';

/** SMS SwitchToMonitor. https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoMonitor */
test.describe('SMS SwitchToMonitor', () => {
  switchTests('Monitor');

  test(
    'a switch in a session the supervisor is not part of is refused',
    meta({ id: 'sms.switch-to-monitor.outsider-refused', page: 'sms.switch-to-monitor', requirements: ['SMS-SWITCH-OUTSIDER', 'ERR-SHAPE'], features: ['api-multimedia'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await chattingSession(agent, sms, 'no supervisor here');
      await smsRefused(supervisor, id, 'SwitchToMonitor', () => supervisor.sms.switchTo(id, 'Monitor'));
    },
  );
});
