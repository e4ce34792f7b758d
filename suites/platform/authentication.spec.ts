import { randomUUID } from 'node:crypto';
import { expect, meta, observe, test } from '../harness';

/**
 * Authentication: HTTP Basic, statusCode 20 when it is missing or wrong, the JSESSIONID session.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/InterpretingaResponse
 * One wrong password is sent per run and worker: an account lock-out policy of the target is not
 * approached.
 */

test.describe('Platform Authentication', () => {
  test(
    'GET /api/v2/me without credentials is answered statusCode 20 with a statusMessage only',
    meta({ id: 'platform.auth.no-credentials', page: 'platform.authentication', requirements: ['AUTH-REQUIRED', 'ERR-SHAPE'], features: [] }),
    async ({ http }) => {
      const reply = await http.anonymous().get('/me');
      await observe('HTTP status of the statusCode 20 reply without credentials', reply.status);
      expect(reply).toBeRefused(20);
    },
  );

  test(
    'GET /api/v2/me with a wrong password is answered statusCode 20 with a statusMessage only',
    meta({
      id: 'platform.auth.wrong-password',
      page: 'platform.authentication',
      requirements: ['AUTH-WRONG-PASSWORD', 'ERR-SHAPE'],
      features: [],
      inferred: 'The page shows a request without credentials; a wrong password is read as "not authenticated" too.',
    }),
    async ({ http }) => {
      const reply = await http.session('agent', { password: `not-the-password-${randomUUID()}` }).get('/me');
      await observe('HTTP status of the statusCode 20 reply to a wrong password', reply.status);
      expect(reply).toBeRefused(20);
    },
  );

  test(
    'the JSESSIONID cookie of an authenticated request keeps serving the same user without credentials',
    meta({ id: 'platform.auth.session-cookie', page: 'platform.csrf', requirements: ['AUTH-SESSION-COOKIE'], features: [] }),
    async ({ http }) => {
      const session = http.session('agent');
      const first = await session.get('/me');
      expect(first).toHaveStatusCode(0);
      expect(session.cookieNames(), 'cookies set by the authenticated GET /api/v2/me').toContain('JSESSIONID');
      const byCookie = await session.get('/me', { withAuth: false });
      expect(byCookie).toHaveStatusCode(0);
      const userOf = (reply: typeof first) => (reply.json as { user?: { id?: unknown; userName?: unknown } }).user;
      expect(userOf(byCookie)?.id, 'the user served by cookie alone').toBe(userOf(first)?.id);
    },
  );
});
