import { AGENT_NICKNAME, anySmsNotification, expect, meta, smsNewMessages, smsRefused, SUPERVISOR_NICKNAME, supervisedSession, test } from '../harness';

/**
 * SMS CancelSupervisorMonitoring on an agent's channel.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SMSCancelSupervisorMonitoring
 */

test.describe('SMS CancelSupervisorMonitoring', () => {
  test(
    'after CancelSupervisorMonitoring the supervisor joins no further session of the agent',
    meta({ id: 'sms.cancel.stops-joining', page: 'sms.cancel-supervisor-monitoring', requirements: ['SMS-CANCEL-REPLY', 'SMS-CANCEL-STOPS'] }),
    async ({ agent, supervisor, sms }) => {
      const first = await supervisedSession(agent, supervisor, sms, 'Monitor');
      expect(await supervisor.sms.cancelMonitoring(agent)).toHaveStatusCode(0);
      expect(await agent.sms.complete(first)).toHaveStatusCode(0);

      const next = await sms.inbound({ to: agent, text: 'after the cancel' });
      const nothing = supervisor.notifications.expectQuiet(anySmsNotification(next.id));
      expect(await agent.sms.accept(next.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
      await nothing;
    },
  );

  test(
    'CancelSupervisorMonitoring does not end the session the supervisor is in',
    meta({ id: 'sms.cancel.keeps-current-session', page: 'sms.cancel-supervisor-monitoring', requirements: ['SMS-CANCEL-REPLY', 'SMS-CANCEL-KEEPS-SESSION'] }),
    async ({ agent, supervisor, sms }) => {
      const id = await supervisedSession(agent, supervisor, sms, 'BargeIn');
      // Armed before the cancel: the session ending for the supervisor at any point rules the step out at once.
      const stillIn = supervisor.notifications.expect(smsNewMessages(id, [{ type: 'Text', text: 'are you still there?', fromType: 'Agent' }]));
      expect(await supervisor.sms.cancelMonitoring(agent)).toHaveStatusCode(0);
      expect(await agent.sms.sendMessage(id, 'are you still there?')).toHaveStatusCode(0);
      await stillIn;
      expect(supervisor.sms.stateOf(id), `state of smssession ${id} for ${SUPERVISOR_NICKNAME}`).toBe('Chatting');
    },
  );

  test(
    'CancelSupervisorMonitoring while no monitoring is active is refused',
    meta({
      id: 'sms.cancel.refused-when-not-monitoring',
      page: 'sms.cancel-supervisor-monitoring',
      requirements: ['SMS-CANCEL-NOT-ACTIVE', 'ERR-SHAPE'],
      inferred: 'The page says to send it only while monitoring is active, not what happens otherwise; a refusal is the reading taken here.',
    }),
    async ({ agent, supervisor }) => {
      await smsRefused(supervisor, undefined, 'CancelSupervisorMonitoring', () => supervisor.sms.cancelMonitoring(agent));
    },
  );
});
