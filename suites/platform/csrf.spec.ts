import { expect, meta, observe, test } from '../harness';

/**
 * CSRF protection: the token pair learned from a GET, required on every POST, PUT and DELETE.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/CSRFProtection
 * A deployment may switch the protection off (serverSettings.enableCsrfProtection); without the
 * header pair on GET the checks are not applicable. The POST used is Ready on the voice channel,
 * which the agent already is: served or not, it changes nothing.
 */

const NOT_APPLICABLE =
  'not applicable: GET /api/v2/me answered no X-CSRF-HEADER/X-CSRF-TOKEN pair, so CSRF protection is off on this target; ' +
  'set serverSettings.enableCsrfProtection: true on the GWS nodes to run the CSRF checks';

test.describe('Platform CSRF protection', () => {
  for (const variant of [
    { name: 'without the token', id: 'platform.csrf.post-without-token', token: undefined },
    { name: 'with a wrong token', id: 'platform.csrf.post-with-wrong-token', token: 'ffffffff-0000-4000-8000-000000000000' },
  ]) {
    test(
      `a POST ${variant.name} is refused with HTTP 403`,
      meta({ id: variant.id, page: 'platform.csrf', requirements: ['CSRF-TOKEN-HEADERS', 'CSRF-POST-WITHOUT-TOKEN'] }),
      async ({ agent }) => {
        const probe = await agent.send('GET /api/v2/me (learn the CSRF header pair)', 'GET', '/me');
        const header = probe.headers['x-csrf-header'];
        test.skip(typeof header !== 'string' || !probe.headers['x-csrf-token'], NOT_APPLICABLE);
        const headers = variant.token === undefined ? {} : { [String(header)]: variant.token };
        const refused = await agent.send(`Ready on voice ${variant.name}`, 'POST', '/me/channels/voice', { operationName: 'Ready' }, { withCsrf: false, headers });
        await observe('body of the CSRF refusal', JSON.stringify(refused.text.slice(0, 200)));
        expect(refused).toHaveHttpStatus(403);
      },
    );
  }

  test(
    'a POST that sends the token back under the header named by X-CSRF-HEADER is served',
    meta({ id: 'platform.csrf.post-with-token', page: 'platform.csrf', requirements: ['CSRF-TOKEN-HEADERS', 'CSRF-POST-WITH-TOKEN'] }),
    async ({ agent }) => {
      const probe = await agent.send('GET /api/v2/me (learn the CSRF header pair)', 'GET', '/me');
      test.skip(typeof probe.headers['x-csrf-header'] !== 'string' || !probe.headers['x-csrf-token'], NOT_APPLICABLE);
      expect(await agent.send('Ready on voice with the token', 'POST', '/me/channels/voice', { operationName: 'Ready' })).toHaveStatusCode(0);
    },
  );
});
