import { chattingSession, expect, meta, slug, SMS_SUPERVISOR_MODES, smsRefused, smsStatus, SUPERVISOR_NICKNAME, supervisorJoined, test, type SmsSupervisorMode } from '../harness';
import { inferredFor } from './supervision';

/**
 * SMS Intrude: a supervisor monitoring an agent enters one of the agent's running sessions.
 * https://docs.genesys.com/Documentation/GWS/8.5.2/API/SMSIntrude
 */

const invitedAs = (id: string, mode: SmsSupervisorMode) =>
  smsStatus(id, 'Invited', { supervisorMode: mode, capabilities: { include: ['Accept', 'Reject'] } });

test.describe('SMS Intrude', () => {
  for (const mode of SMS_SUPERVISOR_MODES) {
    test(
      `Intrude as ${mode} invites the supervisor with supervisorMode ${mode}; accepting joins with that mode's visibility`,
      meta({
        id: `sms.intrude.mode-${slug(mode)}`,
        page: 'sms.intrude',
        requirements: ['SMS-INTRUDE-REPLY', 'SMS-INTRUDE-INVITED', 'SMS-INTRUDE-ACCEPT', 'SMS-NOTIFICATION-SCHEMAS'],
        ...inferredFor(mode),
      }),
      async ({ agent, supervisor, sms }) => {
        const id = await chattingSession(agent, sms, `intrude as ${mode}`);
        // The supervisor monitors the agent, as the page requires; monitoring joins only later sessions.
        expect(await supervisor.sms.supervise(agent, 'Monitor', { nickname: SUPERVISOR_NICKNAME })).toHaveStatusCode(0);

        const invited = supervisor.notifications.expect(invitedAs(id, mode));
        expect(await supervisor.sms.intrude(agent, id, mode)).toHaveStatusCode(0);
        await invited;

        // Separate waits: the documentation gives no order for these two.
        const chatting = supervisor.notifications.expect(smsStatus(id, 'Chatting'));
        const joined = supervisor.notifications.expect(supervisorJoined(id, mode));
        expect(await supervisor.sms.accept(id, { nickname: SUPERVISOR_NICKNAME })).toHaveStatusCode(0);
        await chatting;
        await joined;
      },
    );
  }

  test(
    'Intrude without supervisorVisibilityMode takes the mode of the monitoring',
    meta({ id: 'sms.intrude.omitted-mode-inherited', page: 'sms.intrude', requirements: ['SMS-INTRUDE-INHERIT', 'SMS-INTRUDE-INVITED'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await chattingSession(agent, sms, 'intrude in the armed mode');
      expect(await supervisor.sms.supervise(agent, 'Coach', { nickname: SUPERVISOR_NICKNAME })).toHaveStatusCode(0);
      const invited = supervisor.notifications.expect(invitedAs(id, 'Coach'));
      expect(await supervisor.sms.intrude(agent, id)).toHaveStatusCode(0);
      await invited;
    },
  );

  test(
    'Intrude without supervisorVisibilityMode is refused while the supervisor does not monitor the agent',
    meta({ id: 'sms.intrude.omitted-mode-refused-when-not-monitoring', page: 'sms.intrude', requirements: ['SMS-INTRUDE-NO-MODE', 'ERR-SHAPE'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await chattingSession(agent, sms, 'nobody monitors me');
      await smsRefused(supervisor, id, 'Intrude', () => supervisor.sms.intrude(agent, id));
    },
  );

  test(
    'Intrude into a session id that does not exist is refused',
    meta({ id: 'sms.intrude.unknown-session-refused', page: 'sms.intrude', requirements: ['SMS-INTRUDE-BAD-INPUT', 'ERR-SHAPE'] }),
    async ({ agent, supervisor }) => {
      expect(await supervisor.sms.supervise(agent, 'Monitor')).toHaveStatusCode(0);
      await smsRefused(supervisor, '0000NoSuchSMS000', 'Intrude', () => supervisor.sms.intrude(agent, '0000NoSuchSMS000', 'Monitor'));
    },
  );

  test(
    'Intrude with a supervisorVisibilityMode other than Monitor, Coach or BargeIn is refused',
    meta({ id: 'sms.intrude.invalid-mode-refused', page: 'sms.intrude', requirements: ['SMS-INTRUDE-BAD-INPUT', 'ERR-SHAPE'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await chattingSession(agent, sms, 'intrude oddly');
      expect(await supervisor.sms.supervise(agent, 'Monitor')).toHaveStatusCode(0);
      await smsRefused(supervisor, id, 'Intrude', () => supervisor.sms.intrude(agent, id, 'Whisper'));
    },
  );
});
