import { expect, meta, observe, smsRefused, smsStatusOtherThan, test } from '../harness';

/**
 * The error model: a refused request is answered with a non-zero statusCode and a statusMessage and
 * nothing else, and changes nothing. The HTTP status is recorded, not asserted: no page gives one.
 * https://enu.docs.genesys.com/Documentation:GWS:API:ReturnValues:8.6.0
 */

test.describe('Platform Error model', () => {
  for (const variant of [
    {
      title: 'a POST without operationName is refused with statusCode 1',
      id: 'platform.errors.missing-parameter',
      body: {},
      statusCode: 1 as number | undefined,
      inferred: 'the return-values table gives 1 for a required parameter missing; that operationName is such a parameter is the reading' as string | undefined,
      requirements: ['ERR-MISSING-PARAMETER', 'ERR-SHAPE', 'ERR-NO-CHANGE'] as const,
    },
    {
      title: 'an unknown operationName is refused',
      id: 'platform.errors.unknown-operation',
      body: { operationName: 'NoSuchOperationOfGws' },
      statusCode: undefined,
      inferred: undefined,
      requirements: ['ERR-UNKNOWN-OPERATION', 'ERR-SHAPE', 'ERR-NO-CHANGE'] as const,
    },
  ]) {
    test(
      `${variant.title} with a statusMessage only, and changes nothing`,
      meta({ id: variant.id, page: 'platform.return-values', requirements: [...variant.requirements] }),
      async ({ agent }) => {
        const before = await agent.snapshot();
        const reply = await agent.send(`POST /api/v2/me ${JSON.stringify(variant.body)}`, 'POST', '/me', variant.body);
        await observe(`HTTP status of the refusal (statusCode ${String(reply.statusCode)})`, reply.status);
        expect(reply).toBeRefused(variant.statusCode, { inferred: variant.inferred });
        expect(await agent.snapshot(), 'channel states after the refused request').toEqual(before);
      },
    );
  }

  test(
    'an operation the state does not allow (Complete while Invited) is refused with statusCode 2 and the session stays Invited',
    meta({
      id: 'platform.errors.invalid-state',
      page: 'platform.return-values',
      requirements: ['ERR-STATE-CODE', 'ERR-INVALID-STATE', 'ERR-SHAPE', 'ERR-NO-CHANGE'],
      features: ['api-multimedia'],
      inferred: 'No page names the code for an operation outside the capabilities; 2 is the closest entry of the table.',
    }),
    async ({ agent, sms }) => {
      const invited = await sms.inbound({ to: agent, text: 'Not yet' });
      const before = await agent.snapshot();
      const quiet = agent.notifications.expectQuiet(smsStatusOtherThan(invited.id, 'Invited'));
      const send = async () => {
        const reply = await agent.sms.send(invited.id, { operationName: 'Complete' });
        await observe(`HTTP status of the refusal (statusCode ${String(reply.statusCode)})`, reply.status);
        return reply;
      };
      await smsRefused(agent, invited.id, 'Complete while Invited', send, {
        statusCode: 2,
        inferred: 'no page names the code for an operation outside the capabilities; 2 is the closest entry of the table',
        carriedOut: smsStatusOtherThan(invited.id, 'Invited'),
      });
      await quiet;
      expect(await agent.snapshot(), 'the session and channel states after the refused Complete').toEqual(before);
    },
  );

  test(
    'an operation on an unknown SMS session id is refused with statusCode 6, and changes nothing',
    meta({
      id: 'platform.errors.unknown-resource',
      page: 'platform.return-values',
      requirements: ['ERR-NOT-FOUND-CODE', 'ERR-UNKNOWN-RESOURCE', 'ERR-SHAPE', 'ERR-NO-CHANGE'],
      features: ['api-multimedia'],
      inferred: 'No page names the code for an unknown session id; 6 ("resource not found") describes it.',
    }),
    async ({ agent }) => {
      const before = await agent.snapshot();
      const send = async () => {
        const reply = await agent.sms.send('0000NoSuchSession', { operationName: 'Complete' });
        await observe(`HTTP status of the refusal (statusCode ${String(reply.statusCode)})`, reply.status);
        return reply;
      };
      await smsRefused(agent, '0000NoSuchSession', 'Complete of an unknown session', send, {
        statusCode: 6,
        inferred: 'no page names the code for an unknown session id; 6 ("resource not found") describes it',
      });
      expect(await agent.snapshot(), 'channel states after the refused request').toEqual(before);
    },
  );
});
