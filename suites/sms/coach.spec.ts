import { AGENT_NICKNAME, expect, meta, SUPERVISOR_NICKNAME, supervisorJoined, test } from '../harness';
import { COACH_INFERENCE } from './supervision';

/** SMS Coach on an agent's channel. https://docs.genesys.com/Documentation/HTCC/latest/API/SMSCoach */
test.describe('SMS Coach', () => {
  test(
    "Coach answers statusCode 0, and the supervisor joins the agent's next accepted session with visibility Agents",
    meta({
      id: 'sms.coach.joins-with-visibility-agents',
      page: 'sms.coach',
      requirements: ['SMS-MONITOR-REPLY', 'SMS-MONITOR-JOIN', 'SMS-COACH-VISIBILITY', 'SMS-NOTIFICATION-SCHEMAS'],
      inferred: COACH_INFERENCE,
    }),
    async ({ agent, supervisor, sms }) => {
      expect(await supervisor.sms.supervise(agent, 'Coach', { nickname: SUPERVISOR_NICKNAME })).toHaveStatusCode(0);
      const invited = await sms.inbound({ to: agent, text: 'watched by Coach' });
      const joined = supervisor.notifications.expect(supervisorJoined(invited.id, 'Coach'));
      expect(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME })).toHaveStatusCode(0);
      await joined;
    },
  );
});
