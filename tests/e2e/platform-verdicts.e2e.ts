import { expect, test } from '@playwright/test';
import { parseCookies } from '../../mock/auth';
import { startMock } from '../../mock/server';
import { bayeuxMessages, startFaultProxy, type ProxiedRequest } from './support/fault-proxy';
import { CHILD_RUN_TIMEOUT_MS, mockTarget, outcome, runHarness } from './support/harness-run';

/**
 * The platform checks can fail: against a target that deviates from each documented behaviour
 * every platform test fails as a non-conformance (not a harness error); where a deployment
 * switches a feature off (CSRF), the checks are reported not applicable with the way to enable them.
 */

const PLATFORM_IDS = [
  'platform.auth.no-credentials',
  'platform.auth.wrong-password',
  'platform.auth.session-cookie',
  'platform.csrf.post-without-token',
  'platform.csrf.post-with-wrong-token',
  'platform.csrf.post-with-token',
  'platform.errors.missing-parameter',
  'platform.errors.unknown-operation',
  'platform.errors.invalid-state',
  'platform.errors.unknown-resource',
  'platform.version',
  'platform.notifications.cookie-handshake',
  'platform.notifications.user-isolation',
];

test('CSRF protection switched off: the CSRF checks are not applicable, naming the setting, and the run passes', async () => {
  const mock = await startMock({ csrf: false });
  try {
    // With one applicable test beside them: a run in which no test applies is incomplete, never a pass.
    const result = await runHarness('csrf-off', mockTarget(mock, 2), ['suites/platform/csrf.spec.ts', 'suites/platform/version.spec.ts']);
    expect(result.code, result.output.slice(-2000)).toBe(0);
    const csrf = result.outcomes.filter((o) => o.file.includes('csrf'));
    expect(csrf.map((o) => o.verdict)).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
    for (const o of csrf) expect(o.message).toMatch(/^not applicable: .*enableCsrfProtection/);
  } finally {
    await mock.close();
  }
});

/** What the pages leave open (COMETD-COOKIE-HANDSHAKE, AUTH-SESSION-COOKIE): observed, never judged. */
const OBSERVED_ONLY = ['platform.auth.session-cookie', 'platform.notifications.cookie-handshake'];

test('a target that deviates from each documented platform behaviour fails every judged platform check as a non-conformance; the open ones are observed', async () => {
  test.setTimeout(CHILD_RUN_TIMEOUT_MS);
  const mock = await startMock();
  const userOf = (r: ProxiedRequest) => {
    const basic = /^Basic (.+)$/.exec(String(r.headers.authorization ?? ''))?.[1];
    return basic ? mock.state.usersByName.get(Buffer.from(basic, 'base64').toString('utf8').split(':')[0]!) : undefined;
  };
  // Device notifications reach every user.
  const deliver = mock.state.notifier;
  mock.state.notifier = (userId, channel, data) => {
    if (data.messageType !== 'DeviceStateChangeMessage') return deliver(userId, channel, data);
    for (const id of mock.state.usersById.keys()) deliver(id, channel, data);
  };
  const rest = (r: ProxiedRequest) => r.path.startsWith('/api/v2/') && !r.path.startsWith('/api/v2/notifications');
  const proxy = await startFaultProxy(mock.url, [
    // The version answers without a version.
    (r) => (r.path === '/api/v2/diagnostics/version' ? { kind: 'respond', status: 200, body: '{"statusCode":0}' } : undefined),
    // A handshake without Basic credentials is refused, whatever cookie it carries.
    (r) =>
      bayeuxMessages(r).some((m) => m.channel === '/meta/handshake') && !r.headers.authorization
        ? { kind: 'respond', status: 200, body: JSON.stringify([{ channel: '/meta/handshake', successful: false, error: '403::credentials required', id: bayeuxMessages(r)[0]!.id }]) }
        : undefined,
    // A POST to the voice channel without the token, or with a made-up one, is served.
    (r) => {
      if (r.method !== 'POST' || r.path !== '/api/v2/me/channels/voice') return undefined;
      const token = r.headers['x-csrf-token'];
      return token === undefined || token === 'ffffffff-0000-4000-8000-000000000000' ? { kind: 'respond', status: 200, body: '{"statusCode":0}' } : undefined;
    },
    // The session cookie alone is not enough.
    (r) => (rest(r) && !r.headers.authorization && r.headers.cookie ? { kind: 'forward', before: () => void delete r.headers.cookie } : undefined),
    // A GET /me within an existing session (the login's first one has no cookie yet) hands out a token that does not work.
    (r) =>
      r.method === 'GET' && r.path === '/api/v2/me' && parseCookies(r.headers.cookie).JSESSIONID
        ? { kind: 'forward', after: (response) => ({ ...response, headers: { ...response.headers, 'x-csrf-token': 'bogus-token' } }) }
        : undefined,
    // A refused POST /me {} still sets the user NotReady on voice.
    (r) =>
      r.method === 'POST' && r.path === '/api/v2/me' && r.body === '{}'
        ? { kind: 'forward', before: () => void mock.state.logins.get(userOf(r)?.id ?? '')?.channels.set('voice', 'NotReady') }
        : undefined,
    // Every REST reply: "Access denied" becomes a success, and some refusals carry more than statusCode and statusMessage.
    (r) =>
      rest(r)
        ? {
            kind: 'forward',
            after: (response) => {
              const json = (() => {
                try {
                  return JSON.parse(response.body) as { statusCode?: number };
                } catch {
                  return undefined;
                }
              })();
              if (json?.statusCode === 20) return { ...response, status: 200, body: JSON.stringify({ statusCode: 0, user: { id: 'someone-else' } }) };
              const extra = json && (json.statusCode === 2 || json.statusCode === 6 || r.body.includes('NoSuchOperationOfGws'));
              return extra ? { ...response, body: JSON.stringify({ ...json, errorDetails: 'more than documented' }) } : undefined;
            },
          }
        : undefined,
  ]);
  try {
    const result = await runHarness('platform-deviations', mockTarget(mock, 2, proxy.url, `${proxy.url}/mock/sms/inject`), ['suites/platform']);
    const verdicts = Object.fromEntries(PLATFORM_IDS.map((id) => [id, outcome(result, id).verdict]));
    expect(verdicts, result.output.slice(-4000)).toEqual(Object.fromEntries(PLATFORM_IDS.map((id) => [id, OBSERVED_ONLY.includes(id) ? 'passed' : 'nonconformance'])));
    for (const id of OBSERVED_ONLY) {
      expect(outcome(result, id).annotations.some((a) => a.type === 'observed'), `${id} records what the target did`).toBe(true);
    }
    expect(result.code).toBe(1);
  } finally {
    await proxy.close();
    await mock.close();
  }
});
