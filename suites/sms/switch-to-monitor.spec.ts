import { chattingSession, expect, meta, slug, smsRefused, supervisedSession, switchedTo, test } from '../harness';
import { inferredFor } from './supervision';

/**
 * SMS SwitchToMonitor: a supervisor in a session changes to Monitor mode and is then seen by supervisors only
 * (visibility Supervisors). https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoMonitor
 */

test.describe('SMS SwitchToMonitor', () => {
  for (const from of ['Coach', 'BargeIn'] as const) {
    test(
      `SwitchToMonitor from ${from} gives the supervisor visibility Supervisors, the Monitor capabilities and a ParticipantRejoined message`,
      meta({
        id: `sms.switch-to-monitor.from-${slug(from)}`,
        page: 'sms.switch-to-monitor',
        requirements: ['SMS-SWITCH-REPLY', 'SMS-SWITCH-VISIBILITY', 'SMS-SWITCH-CAPABILITIES', 'SMS-SWITCH-REJOINED', 'SMS-SWITCH-OTHERS-ALL', 'SMS-NOTIFICATION-SCHEMAS'],
        ...inferredFor(from),
      }),
      async ({ agent, supervisor, sms }) => {
        const id = await supervisedSession(agent, supervisor, sms, from);
        const seen = supervisor.notifications.expect(...switchedTo(id, 'Monitor'));
        expect(await supervisor.sms.switchTo(id, 'Monitor')).toHaveStatusCode(0);
        await seen;
      },
    );
  }

  test(
    'SwitchToMonitor while the supervisor is already in Monitor mode is refused',
    meta({ id: 'sms.switch-to-monitor.same-mode-refused', page: 'sms.switch-to-monitor', requirements: ['SMS-SWITCH-SAME-MODE', 'ERR-SHAPE'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await supervisedSession(agent, supervisor, sms, 'Monitor');
      await smsRefused(supervisor, id, 'SwitchToMonitor', () => supervisor.sms.switchTo(id, 'Monitor'));
    },
  );

  test(
    'a switch in a session the supervisor is not part of is refused',
    meta({ id: 'sms.switch-to-monitor.outsider-refused', page: 'sms.switch-to-monitor', requirements: ['SMS-SWITCH-OUTSIDER', 'ERR-SHAPE'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await chattingSession(agent, sms, 'no supervisor here');
      await smsRefused(supervisor, id, 'SwitchToMonitor', () => supervisor.sms.switchTo(id, 'Monitor'));
    },
  );
});
