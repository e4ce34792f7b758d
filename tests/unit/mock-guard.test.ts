import { expect, test } from '@playwright/test';
import { request } from 'undici';
import type { MockHandle } from '../../mock/server';
import { userOf, withMock } from './support';

/**
 * Inputs that once took the mock down or crossed users, each replayed: Bayeux cookies, channels
 * and subscriptions the library cannot take, a CometD handshake or request carrying another user's
 * cookie, session or wrong credentials, a deeply nested array in a monitoring request, and the
 * token of the /mock/ endpoints off loopback. After each, the mock still answers.
 */

type Reply = { status: number; text: string; json: unknown; setCookie: string[] };

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function post(mock: MockHandle, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await request(`${mock.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const text = await response.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const raw = response.headers['set-cookie'];
  return { status: response.statusCode, text, json, setCookie: raw === undefined ? [] : Array.isArray(raw) ? raw : [raw] };
}

const bayeux = (mock: MockHandle, messages: unknown, headers: Record<string, string> = {}) => post(mock, '/api/v2/notifications', messages, headers);

const credentials = (mock: MockHandle, role: 'agent' | 'supervisor') => {
  const user = mock.users.find((u) => u.role === role && u.set === 1)!;
  return basic(user.userName, user.password);
};

/** A handshake with the agent's credentials: its clientId and the browser cookie to send back. */
async function handshake(mock: MockHandle, headers: Record<string, string>): Promise<{ reply: Reply; clientId?: string; browser?: string }> {
  const reply = await bayeux(mock, [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '1' }], headers);
  const first = (reply.json as { clientId?: string; successful?: boolean }[] | undefined)?.[0];
  const browser = reply.setCookie.map((c) => c.split(';')[0]!).find((c) => c.startsWith('BAYEUX_BROWSER='));
  return { reply, clientId: first?.successful ? first.clientId : undefined, browser };
}

function unsuccessful(reply: Reply): boolean {
  if (reply.status >= 400 && reply.status < 500) return true;
  return reply.status === 200 && Array.isArray(reply.json) && (reply.json as { successful?: boolean }[]).every((m) => m.successful === false);
}

async function alive(mock: MockHandle): Promise<void> {
  const reply = await request(`${mock.url}/api/v2/me`, { headers: { authorization: credentials(mock, 'agent') } });
  await reply.body.text();
  expect(reply.statusCode, 'the mock still answers').toBe(200);
}

test('Bayeux requests the library cannot take are refused, and the mock stays up', async () => {
  await withMock({ log: () => undefined }, async (mock) => {
    const agent = await handshake(mock, { authorization: credentials(mock, 'agent') });
    expect(agent.clientId).toBeTruthy();
    const session = { authorization: credentials(mock, 'agent'), cookie: agent.browser! };
    const cases: [string, unknown, Record<string, string>][] = [
      ...['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((name): [string, unknown, Record<string, string>] => [
        `a browser cookie named ${name}`,
        [{ channel: '/meta/connect', clientId: agent.clientId, connectionType: 'long-polling' }],
        { cookie: `BAYEUX_BROWSER=${name}` },
      ]),
      ['a clientId named constructor', [{ channel: '/meta/connect', clientId: 'constructor', connectionType: 'long-polling' }], session],
      ...[{}, 5, ['/v2/me/*', 7], ['__proto__'], '__proto__', 'no-slash', '/v2//me', '/v2/me/*/x'].map((subscription): [string, unknown, Record<string, string>] => [
        `a subscription ${JSON.stringify(subscription)}`,
        [{ channel: '/meta/subscribe', clientId: agent.clientId, subscription }],
        session,
      ]),
      ...['no-slash', '/', '//', '/v2/me/*', '/a b', '/meta/nosuch'].map((channel): [string, unknown, Record<string, string>] => [
        `a message on ${channel}`,
        [{ channel, clientId: agent.clientId, data: {} }],
        session,
      ]),
      ['an ext that is not an object', [{ channel: '/meta/connect', clientId: agent.clientId, ext: 'x' }], session],
    ];
    for (const [what, messages, headers] of cases) {
      const reply = await bayeux(mock, messages, headers);
      expect(unsuccessful(reply), `${what}: HTTP ${reply.status} ${reply.text.slice(0, 200)}`).toBe(true);
      await alive(mock);
    }
  });
});

test('no client publishes on a /v2/ channel', async () => {
  await withMock({ log: () => undefined }, async (mock) => {
    const agent = await handshake(mock, { authorization: credentials(mock, 'agent') });
    const headers = { authorization: credentials(mock, 'agent'), cookie: agent.browser! };
    const reply = await bayeux(mock, [{ channel: '/v2/me/voice', clientId: agent.clientId, data: { forged: true }, id: '9' }], headers);
    expect(unsuccessful(reply), reply.text).toBe(true);
  });
});

test('a user\'s notifications reach only that user\'s CometD sessions, whatever another subscribes to', async () => {
  await withMock({ log: () => undefined }, async (mock) => {
    const connect = (clientId: string | undefined) => [{ channel: '/meta/connect', clientId, connectionType: 'long-polling', advice: { timeout: 0 } }];
    const channelsOf = (reply: Reply) => (reply.json as { channel: string }[]).map((m) => m.channel);
    const open = async (role: 'agent' | 'supervisor', subscription: string) => {
      const headers = { authorization: credentials(mock, role) };
      const { clientId, browser } = await handshake(mock, headers);
      const session = { ...headers, cookie: browser! };
      const subscribed = await bayeux(mock, [{ channel: '/meta/subscribe', clientId, subscription }], session);
      expect((subscribed.json as { successful?: boolean }[])[0]?.successful, subscribed.text).toBe(true);
      await bayeux(mock, connect(clientId), session); // the first connect answers at once
      return { clientId, session };
    };
    const other = await open('agent', '/v2/me/**');
    for (const subscription of ['/**', '/*', '/v2/**', '/v2/*']) {
      const refused = await bayeux(mock, [{ channel: '/meta/subscribe', clientId: other.clientId, subscription }], other.session);
      expect(unsuccessful(refused), `${subscription}: ${refused.text}`).toBe(true);
    }
    const owner = await open('supervisor', '/v2/me/*');

    // notifications of the supervisor's: its own log-in and state change
    const ready = await request(`${mock.url}/api/v2/me`, { headers: { authorization: credentials(mock, 'supervisor') } });
    await ready.body.text();
    const as = {
      authorization: credentials(mock, 'supervisor'),
      cookie: [ready.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]).join('; '),
      'x-csrf-token': String(ready.headers['x-csrf-token']),
    };
    const started = await post(mock, '/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['voice'] }, as);
    expect(started.status, started.text).toBe(200);
    const changed = await post(mock, '/api/v2/me/channels/voice', { operationName: 'NotReady' }, as);
    expect(changed.status, changed.text).toBe(200);
    await post(mock, '/api/v2/me', { operationName: 'EndContactCenterSession' }, as);

    const toOwner = await bayeux(mock, connect(owner.clientId), owner.session);
    expect(channelsOf(toOwner).filter((c) => c.startsWith('/v2/me/')).length, `the owner receives it: ${toOwner.text}`).toBeGreaterThan(0);
    const toOther = await bayeux(mock, connect(other.clientId), other.session);
    expect(channelsOf(toOther), toOther.text).toEqual(['/meta/connect']);
  });
});

test('the credentials decide the user: another user\'s cookie or session, or wrong credentials, are refused', async () => {
  await withMock({ log: () => undefined }, async (mock) => {
    const agent = userOf(mock, 'agent');
    await agent.login();
    try {
      const agentCookie = agent.session.cookieHeader();
      const supervisor = credentials(mock, 'supervisor');

      // REST: the agent's cookie with wrong credentials, or with the supervisor's
      for (const authorization of [basic('agent1', 'wrong'), supervisor]) {
        const response = await request(`${mock.url}/api/v2/me`, { headers: { authorization, cookie: agentCookie } });
        expect(response.statusCode).toBe(401);
        expect(await response.body.json()).toEqual({ statusCode: 20, statusMessage: expect.any(String) });
      }
      // CometD: the same combinations, and no credentials at all, get no handshake
      const combinations: Record<string, string>[] = [{ authorization: basic('agent1', 'wrong'), cookie: agentCookie }, { authorization: supervisor, cookie: agentCookie }, {}];
      for (const headers of combinations) {
        const { reply, clientId } = await handshake(mock, headers);
        expect(clientId, `handshake with ${JSON.stringify(Object.keys(headers))}: ${reply.text}`).toBeUndefined();
      }
      // CometD: the supervisor's credentials do not speak for the agent's CometD session
      const own = await handshake(mock, { authorization: credentials(mock, 'agent'), cookie: agentCookie });
      expect(own.clientId).toBeTruthy();
      const connect = [{ channel: '/meta/connect', clientId: own.clientId, connectionType: 'long-polling', advice: { timeout: 0 } }];
      const foreign = await bayeux(mock, connect, { authorization: supervisor, cookie: own.browser! });
      expect(unsuccessful(foreign), foreign.text).toBe(true);
      const wrong = await bayeux(mock, connect, { authorization: basic('agent1', 'wrong'), cookie: own.browser! });
      expect(unsuccessful(wrong), wrong.text).toBe(true);
    } finally {
      await agent.teardown();
    }
  });
});

test('a deeply nested array in a monitoring request is a documented 400, not a 500', async () => {
  await withMock({ log: () => undefined }, async (mock) => {
    const supervisor = userOf(mock, 'supervisor');
    await supervisor.login();
    try {
      const own = mock.users.find((u) => u.role === 'supervisor' && u.set === 1)!.device.id;
      const target = mock.users.find((u) => u.role === 'agent' && u.set === 1)!.device.id;
      const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      for (const operationName of ['ListenIn', 'Coach', 'BargeIn']) {
        for (const field of ['supervisorMonitoringScope', 'supervisorMonitoringMode']) {
          const prefix = JSON.stringify({ operationName, targetDeviceUri: `${mock.url}/api/v2/devices/${target}` }).slice(0, -1);
          const rawBody = `${prefix},${JSON.stringify(field)}:${deep}}`;
          const reply = await supervisor.session.send('POST', `/me/devices/${own}`, undefined, { rawBody });
          expect(reply.status, `${operationName} ${field}`).toBe(400);
          expect(reply.json).toEqual({ statusCode: 10, statusMessage: expect.any(String) });
        }
      }
    } finally {
      await supervisor.teardown();
    }
  });
});

test('off loopback, the /mock/ endpoints need the printed token', async () => {
  await withMock({}, async (mock) => {
    expect(mock.mockToken, 'no token on loopback').toBeUndefined();
  });
  await withMock({ mockToken: 'a-token-for-this-test' }, async (mock) => {
    const without = await request(`${mock.url}/mock/state`);
    await without.body.text();
    expect(without.statusCode).toBe(401);
    for (const [url, headers] of [
      [`${mock.url}/mock/state`, { 'x-mock-token': 'a-token-for-this-test' }],
      [`${mock.url}/mock/state?token=a-token-for-this-test`, {}],
    ] as const) {
      const reply = await request(url, { headers });
      await reply.body.text();
      expect(reply.statusCode).toBe(200);
    }
    expect(mock.smsInjectUrl).toContain('token=a-token-for-this-test');
  });
});
