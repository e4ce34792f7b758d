import { expect, meta, smsStatus, test } from '../harness';

/**
 * SMS Reject of an inbound session: the agent declines it and the session ends.
 * https://docs.genesys.com/Documentation/GWS/8.5.2/API/SMSReject
 */

test.describe('SMS Reject', () => {
  test(
    'Reject answers statusCode 0 and the session ends Completed, without participants or capabilities',
    meta({ id: 'sms.reject.completed', page: 'sms.reject', requirements: ['SMS-REJECT-REPLY', 'SMS-REJECT-COMPLETED', 'SMS-NOTIFICATION-SCHEMAS'] }),
    async ({ agent, sms }) => {
      const invited = await sms.inbound({ to: agent, text: 'Not now' });
      const seen = agent.notifications.expect(smsStatus(invited.id, 'Completed', { capabilities: { none: true } }));
      expect(await agent.sms.reject(invited.id)).toHaveStatusCode(0);
      const [completed] = await seen;
      expect((completed!.data.smssession as { participants?: unknown[] }).participants ?? [], 'participants of the Completed session').toEqual([]);
    },
  );
});
