import {
  AGENT_NICKNAME, anySmsNotification, chattingSession, expect, meta, smsParticipantListed, smsRefused, smsStatus, SUPERVISOR_NICKNAME, supervisedSession,
  supervisorJoined, test,
} from '../harness';

/**
 * SMS Monitor on an agent's channel, and what it shares with Coach and BargeIn: NextChat and
 * AllChats, Revoked on completion. https://docs.genesys.com/Documentation/HTCC/latest/API/SMSMonitor
 */

test.describe('SMS Monitor', () => {
  test(
    "Monitor answers statusCode 0, and the supervisor joins the agent's next accepted session with visibility Supervisors",
    meta({
      id: 'sms.monitor.joins-with-visibility-supervisors',
      page: 'sms.monitor',
      requirements: ['SMS-MONITOR-REPLY', 'SMS-MONITOR-JOIN', 'SMS-MONITOR-VISIBILITY', 'SMS-NOTIFICATION-SCHEMAS'],
    }),
    async ({ agent, supervisor, sms }) => {
      expect(await supervisor.sms.supervise(agent, 'Monitor', { nickname: SUPERVISOR_NICKNAME })).toHaveStatusCode(0);
      const invited = await sms.inbound({ to: agent, text: 'watched by Monitor' });
      const joined = supervisor.notifications.expect(supervisorJoined(invited.id, 'Monitor'));
      expect(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
      await joined;
    },
  );

  test(
    'in Monitor mode the agent is not shown the supervisor',
    meta({ id: 'sms.monitor.hidden-from-agent', page: 'sms.monitor', requirements: ['SMS-MONITOR-HIDDEN'] }),
    async ({ agent, supervisor, sms }) => {
      expect(await supervisor.sms.supervise(agent, 'Monitor', { nickname: SUPERVISOR_NICKNAME })).toHaveStatusCode(0);
      const invited = await sms.inbound({ to: agent, text: 'is anyone listening?' });
      const joined = supervisor.notifications.expect(supervisorJoined(invited.id, 'Monitor'));
      const unseen = agent.notifications.expectQuiet(smsParticipantListed(invited.id, SUPERVISOR_NICKNAME, 'the supervisor'));
      expect(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
      await joined;
      await unseen;
    },
  );

  test(
    'without supervisorMonitoringMode the supervisor joins every session until cancelled (AllChats)',
    meta({ id: 'sms.monitor.default-all-chats', page: 'sms.monitor', requirements: ['SMS-MONITOR-DEFAULT-ALLCHATS', 'SMS-MONITOR-JOIN'] }),
    async ({ agent, supervisor, sms }) => {
      const first = await supervisedSession(agent, supervisor, sms, 'Monitor');
      expect(await agent.sms.complete(first)).toHaveStatusCode(0);
      const invited = await sms.inbound({ to: agent, text: 'second session' });
      const joinedAgain = supervisor.notifications.expect(supervisorJoined(invited.id, 'Monitor'));
      expect(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
      await joinedAgain;
    },
  );

  test(
    'with NextChat the supervisor joins the next session only',
    meta({ id: 'sms.monitor.next-chat-disarms', page: 'sms.monitor', requirements: ['SMS-MONITOR-NEXTCHAT', 'SMS-MONITOR-JOIN'] }),
    async ({ agent, supervisor, sms }) => {
      expect(await supervisor.sms.supervise(agent, 'Monitor', { supervisorMonitoringMode: 'NextChat', nickname: SUPERVISOR_NICKNAME })).toHaveStatusCode(0);
      const first = await sms.inbound({ to: agent, text: 'first session' });
      const joined = supervisor.notifications.expect(supervisorJoined(first.id, 'Monitor'));
      expect(await agent.sms.accept(first.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
      await joined;
      expect(await agent.sms.complete(first.id)).toHaveStatusCode(0);

      const second = await sms.inbound({ to: agent, text: 'second session' });
      const nothing = supervisor.notifications.expectQuiet(anySmsNotification(second.id));
      expect(await agent.sms.accept(second.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
      await nothing;
    },
  );

  test(
    "when the agent completes the session, the supervisor's session becomes Revoked",
    meta({ id: 'sms.monitor.revoked-on-complete', page: 'sms.monitor', requirements: ['SMS-MONITOR-REVOKED'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await supervisedSession(agent, supervisor, sms, 'Monitor');
      const revoked = supervisor.notifications.expect(smsStatus(id, 'Revoked'));
      expect(await agent.sms.complete(id)).toHaveStatusCode(0);
      await revoked;
    },
  );

  test(
    'monitoring a user id that does not exist is refused',
    meta({ id: 'sms.monitor.unknown-agent-refused', page: 'sms.monitor', requirements: ['SMS-MONITOR-BAD-INPUT', 'ERR-SHAPE'] }),
    async ({ supervisor }) => {
      await smsRefused(supervisor, undefined, 'Monitor', () => supervisor.sms.supervise('0000000000000000000000000000dead', 'Monitor'));
    },
  );

  test(
    'monitoring with a supervisorMonitoringMode other than NextChat or AllChats is refused',
    meta({ id: 'sms.monitor.invalid-mode-refused', page: 'sms.monitor', requirements: ['SMS-MONITOR-BAD-INPUT', 'ERR-SHAPE'] }),
    async ({ agent, supervisor, sms }) => {
      await smsRefused(supervisor, undefined, 'Monitor', () => supervisor.sms.supervise(agent, 'Monitor', { supervisorMonitoringMode: 'EveryOtherChat' }));
      const id = await chattingSession(agent, sms, 'nobody is watching');
      await supervisor.notifications.expectQuiet(anySmsNotification(id));
    },
  );
});
