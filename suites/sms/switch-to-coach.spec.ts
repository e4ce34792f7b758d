import { expect, meta, slug, smsRefused, supervisedSession, switchedTo, test } from '../harness';
import { COACH_INFERENCE } from './supervision';

/**
 * SMS SwitchToCoach: a supervisor in a session changes to Coach mode and is then seen by the agents
 * (visibility Agents). https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoCoach
 */

test.describe('SMS SwitchToCoach', () => {
  for (const from of ['Monitor', 'BargeIn'] as const) {
    test(
      `SwitchToCoach from ${from} gives the supervisor visibility Agents, the Coach capabilities and a ParticipantRejoined message`,
      meta({
        id: `sms.switch-to-coach.from-${slug(from)}`,
        page: 'sms.switch-to-coach',
        requirements: ['SMS-SWITCH-REPLY', 'SMS-SWITCH-VISIBILITY', 'SMS-SWITCH-CAPABILITIES', 'SMS-SWITCH-REJOINED', 'SMS-SWITCH-OTHERS-ALL', 'SMS-NOTIFICATION-SCHEMAS'],
        inferred: COACH_INFERENCE,
      }),
      async ({ agent, supervisor, sms }) => {
        const id = await supervisedSession(agent, supervisor, sms, from);
        const seen = supervisor.notifications.expect(...switchedTo(id, 'Coach'));
        expect(await supervisor.sms.switchTo(id, 'Coach')).toHaveStatusCode(0);
        await seen;
      },
    );
  }

  test(
    'SwitchToCoach while the supervisor is already in Coach mode is refused',
    meta({ id: 'sms.switch-to-coach.same-mode-refused', page: 'sms.switch-to-coach', requirements: ['SMS-SWITCH-SAME-MODE', 'ERR-SHAPE'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await supervisedSession(agent, supervisor, sms, 'Coach');
      await smsRefused(supervisor, id, 'SwitchToCoach', () => supervisor.sms.switchTo(id, 'Coach'));
    },
  );
});
