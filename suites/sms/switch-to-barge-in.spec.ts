import { expect, meta, slug, smsRefused, supervisedSession, switchedTo, test } from '../harness';
import { inferredFor } from './supervision';

/**
 * SMS SwitchToBargeIn: a supervisor in a session changes to BargeIn mode and is then seen by everyone
 * (visibility All). https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoBargeIn
 */

test.describe('SMS SwitchToBargeIn', () => {
  for (const from of ['Monitor', 'Coach'] as const) {
    test(
      `SwitchToBargeIn from ${from} gives the supervisor visibility All, the BargeIn capabilities and a ParticipantRejoined message`,
      meta({
        id: `sms.switch-to-barge-in.from-${slug(from)}`,
        page: 'sms.switch-to-barge-in',
        requirements: ['SMS-SWITCH-REPLY', 'SMS-SWITCH-VISIBILITY', 'SMS-SWITCH-CAPABILITIES', 'SMS-SWITCH-REJOINED', 'SMS-SWITCH-OTHERS-ALL', 'SMS-NOTIFICATION-SCHEMAS'],
        ...inferredFor(from),
      }),
      async ({ agent, supervisor, sms }) => {
        const id = await supervisedSession(agent, supervisor, sms, from);
        const seen = supervisor.notifications.expect(...switchedTo(id, 'BargeIn'));
        expect(await supervisor.sms.switchTo(id, 'BargeIn')).toHaveStatusCode(0);
        await seen;
      },
    );
  }

  test(
    'SwitchToBargeIn while the supervisor is already in BargeIn mode is refused',
    meta({ id: 'sms.switch-to-barge-in.same-mode-refused', page: 'sms.switch-to-barge-in', requirements: ['SMS-SWITCH-SAME-MODE', 'ERR-SHAPE'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await supervisedSession(agent, supervisor, sms, 'BargeIn');
      await smsRefused(supervisor, id, 'SwitchToBargeIn', () => supervisor.sms.switchTo(id, 'BargeIn'));
    },
  );
});
