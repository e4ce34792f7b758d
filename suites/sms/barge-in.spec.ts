import { AGENT_NICKNAME, expect, meta, SUPERVISOR_NICKNAME, supervisorJoined, test } from '../harness';

/** SMS BargeIn on an agent's channel. https://docs.genesys.com/Documentation/HTCC/latest/API/SMSBargeIn */
test.describe('SMS BargeIn', () => {
  test(
    "BargeIn answers statusCode 0, and the supervisor joins the agent's next accepted session with visibility All",
    meta({
      id: 'sms.barge-in.joins-with-visibility-all',
      page: 'sms.barge-in',
      requirements: ['SMS-MONITOR-REPLY', 'SMS-MONITOR-JOIN', 'SMS-BARGEIN-VISIBILITY', 'SMS-NOTIFICATION-SCHEMAS'],
    }),
    async ({ agent, supervisor, sms }) => {
      expect(await supervisor.sms.supervise(agent, 'BargeIn', { nickname: SUPERVISOR_NICKNAME })).toHaveStatusCode(0);
      const invited = await sms.inbound({ to: agent, text: 'watched by BargeIn' });
      const joined = supervisor.notifications.expect(supervisorJoined(invited.id, 'BargeIn'));
      expect(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
      await joined;
    },
  );
});
