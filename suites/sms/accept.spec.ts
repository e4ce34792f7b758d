import { DOCUMENTED_CAPABILITIES, expect, meta, observe, smsNewMessages, smsParticipantsUpdated, smsRefused, smsStatus, test } from '../harness';

/**
 * SMS Accept on an inbound session (Reject, its alternative, has reject.spec.ts).
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SMSAccept
 */

const chatting = { include: [...DOCUMENTED_CAPABILITIES.smsAgentChatting] };

test.describe('SMS Accept', () => {
  test(
    'an inbound SMS reaches the Ready agent as Invited',
    meta({ id: 'sms.accept.invited', page: 'target.sms-injection', requirements: ['TARGET-SMS-INVITED', 'SMS-NOTIFICATION-SCHEMAS'] }),
    async ({ agent, sms }) => {
      const invited = await sms.inbound({ to: agent, text: 'Hello World' });
      expect(invited.session.state).toBe('Invited');
    },
  );

  test(
    'Accept answers statusCode 0, then StatusChange Chatting, ParticipantsUpdated and the history, in that order',
    meta({
      id: 'sms.accept.notification-sequence',
      page: 'sms.accept',
      requirements: [
        'SMS-ACCEPT-REPLY',
        'SMS-ACCEPT-CHATTING',
        'SMS-ACCEPT-CAPABILITIES',
        'SMS-ACCEPT-PARTICIPANTS',
        'SMS-ACCEPT-NICKNAME',
        'SMS-ACCEPT-HISTORY',
        'SMS-ACCEPT-ORDER',
        'SMS-NOTIFICATION-SCHEMAS',
      ],
    }),
    async ({ agent, sms }) => {
      const invited = await sms.inbound({ to: agent, text: 'Hello World', nickname: 'PersonP' });
      const seen = agent.notifications.expect(
        smsStatus(invited.id, 'Chatting', { capabilities: chatting }),
        smsParticipantsUpdated(invited.id, [
          { role: 'the agent', type: 'Agent', shownAs: 'Marat' },
          { role: 'the customer', type: 'Customer' },
        ]),
        smsNewMessages(invited.id, [{ type: 'Text', text: 'Hello World', fromType: 'Customer' }]),
      );
      expect(await agent.sms.accept(invited.id, { nickname: 'Marat' })).toHaveStatusCode(0);
      const [, participantsUpdated] = await seen;
      // SMS-ACCEPT-NICKNAME is open: which name the list shows is recorded, never judged.
      const listed = ((participantsUpdated?.data.smssession as { participants?: { type?: string; nickname?: unknown }[] } | undefined)?.participants ?? [])
        .filter((p) => p.type === 'Agent')
        .map((p) => String(p.nickname));
      await observe('the agent is listed after Accept (sent nickname "Marat") as', listed.join(', ') || '(no Agent participant)');
    },
  );

  for (const saveLAR of [true, false]) {
    test(
      `Accept with saveLAR ${saveLAR} answers statusCode 0 and the session becomes Chatting`,
      meta({ id: `sms.accept.save-lar-${saveLAR}`, page: 'sms.accept', requirements: ['SMS-ACCEPT-SAVELAR', 'SMS-ACCEPT-CHATTING'] }),
      async ({ agent, sms }) => {
        const invited = await sms.inbound({ to: agent, text: 'Remember me' });
        const seen = agent.notifications.expect(smsStatus(invited.id, 'Chatting'));
        expect(await agent.sms.accept(invited.id, { nickname: 'Marat', saveLAR })).toHaveStatusCode(0);
        await seen;
      },
    );
  }

  test(
    'Accept of an unknown session id is refused with a statusCode and a statusMessage only',
    meta({ id: 'sms.accept.unknown-id-refused', page: 'platform.return-values', requirements: ['ERR-UNKNOWN-RESOURCE', 'ERR-SHAPE'], features: ['api-multimedia'] }),
    async ({ agent }) => {
      await smsRefused(agent, '0000NoSuchSMS000', 'Accept', () => agent.sms.accept('0000NoSuchSMS000', { nickname: 'Marat' }));
    },
  );

  test(
    'a second Accept of a Chatting session is refused with a statusCode and a statusMessage only',
    meta({ id: 'sms.accept.second-accept-refused', page: 'platform.return-values', requirements: ['ERR-INVALID-STATE', 'ERR-SHAPE'], features: ['api-multimedia'] }),
    async ({ agent, sms }) => {
      const invited = await sms.inbound({ to: agent, text: 'Hello twice' });
      const seen = agent.notifications.expect(smsStatus(invited.id, 'Chatting'));
      expect(await agent.sms.accept(invited.id, { nickname: 'Marat' })).toHaveStatusCode(0);
      await seen;
      await smsRefused(agent, invited.id, 'the second Accept', () => agent.sms.accept(invited.id, { nickname: 'Marat' }));
    },
  );
});
