import { expect, test } from '@playwright/test';
import { Agent, request } from 'undici';
import { smsNewMessages, smsStatus } from '../../helpers/cometd/sms-steps';
import { SmsInjector } from '../../helpers/gws/sms-injector';
import { silentReporter } from '../../helpers/gws/user';
import { userOf, withMock } from './support';

/**
 * The mock under bad input: hundreds of malformed requests (bad JSON, wrong types, huge bodies,
 * unknown routes and operations, missing or wrong credentials and CSRF tokens, bad CometD
 * messages), each answered with a documented error or a protocol error, never a crash, and every
 * session that existed before is intact afterwards. The generator is seeded (FUZZ_SEED) so a
 * failure can be replayed.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const COUNT = 600;
const BODY_LIMIT = 64 * 1024;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  what: string;
  kind: 'rest' | 'bayeux' | 'inject';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

interface Identity {
  authorization: string;
  cookie: string;
  csrf: string;
  liveId: string;
  invitedId: string;
}

function generator(random: () => number, me: Identity) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const word = (n = 8) => Array.from({ length: 1 + Math.floor(random() * n) }, () => pick('abcXYZ019_-.%€ü/'.split(''))).join('');
  const junk = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const authed = (extra: Record<string, string> = {}) => ({
    authorization: me.authorization,
    cookie: me.cookie,
    'x-csrf-token': me.csrf,
    'content-type': 'application/json',
    ...extra,
  });
  const postPaths = () => pick(['/api/v2/me', '/api/v2/me/channels/voice', '/api/v2/me/channels/smssession', `/api/v2/me/smssessions/${me.liveId}`, `/api/v2/me/smssessions/${me.invitedId}`]);
  const wrongTyped = () => pick([123, -1, 1.5, true, null, [], ['x'], {}, { nested: { deep: [1] } }, '', 'x'.repeat(300)]);
  const badJson = () =>
    pick([
      '{"operationName":',
      '{operationName: "Accept"}',
      "{'operationName':'Complete'}",
      '{"operationName":"Accept",}',
      '[1,2',
      'null',
      '"Accept"',
      '42',
      '{"a":' + '['.repeat(500),
      junk(64).toString('latin1'),
      '\u0000\u0001',
    ]);
  const cases: (() => Case)[] = [
    () => ({ what: 'bad JSON', kind: 'rest', method: 'POST', path: postPaths(), headers: authed(), body: badJson() }),
    () => ({ what: 'a body that is not an object', kind: 'rest', method: 'POST', path: postPaths(), headers: authed(), body: JSON.stringify(pick([[1, 2], 'Accept', 7, true])) }),
    () => ({ what: 'operationName of a wrong type', kind: 'rest', method: 'POST', path: postPaths(), headers: authed(), body: JSON.stringify({ operationName: pick([1, null, true, [], {}, '']) }) }),
    () => ({ what: 'an unknown operationName', kind: 'rest', method: 'POST', path: postPaths(), headers: authed(), body: JSON.stringify({ operationName: `Fuzz${word()}` }) }),
    () => ({ what: 'no operationName', kind: 'rest', method: 'POST', path: postPaths(), headers: authed(), body: JSON.stringify({ text: word(), nickname: word() }) }),
    () => ({
      what: 'parameters of wrong types',
      kind: 'rest',
      method: 'POST',
      path: pick([`/api/v2/me/smssessions/${me.liveId}`, `/api/v2/me/smssessions/${me.invitedId}`, '/api/v2/me']),
      headers: authed(),
      body: JSON.stringify(
        pick([
          { operationName: 'Accept', nickname: wrongTyped() },
          { operationName: 'Accept', nickname: 'N', saveLAR: pick(['maybe', 2, {}, []]) },
          { operationName: 'SendMessage', text: pick([1, null, {}, [], true]) },
          { operationName: 'SendMessage' },
          { operationName: 'Complete', queueName: pick([1, {}, [], true]) },
          { operationName: 'Complete', saveLAR: pick(['yes', 0, {}]) },
          { operationName: 'StartContactCenterSession', channels: pick(['voice', 1, [1, 2], {}, null, [null]]) },
          { operationName: 'StartContactCenterSession' },
        ]),
      ),
    }),
    () => ({ what: 'an operation the state does not allow', kind: 'rest', method: 'POST', path: `/api/v2/me/smssessions/${me.invitedId}`, headers: authed(), body: JSON.stringify({ operationName: pick(['Complete', 'Leave', 'SendMessage', 'SendStartTypingNotification']), text: 't' }) }),
    () => ({ what: 'an unknown session id', kind: 'rest', method: pick(['GET', 'POST']), path: `/api/v2/me/smssessions/${encodeURIComponent(word(20))}`, headers: authed(), body: JSON.stringify({ operationName: 'Complete' }) }),
    () => ({ what: 'a huge body', kind: 'rest', method: 'POST', path: postPaths(), headers: authed(), body: JSON.stringify({ operationName: 'Accept', nickname: 'x'.repeat(BODY_LIMIT + Math.floor(random() * BODY_LIMIT)) }) }),
    () => ({ what: 'an unknown route', kind: 'rest', method: pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']), path: `/api/v2/${pick(['me/', 'users/', '', 'me/devices/', 'me/calls/'])}${encodeURIComponent(word(30))}/${word(4)}`, headers: authed(), body: JSON.stringify({ operationName: 'Go' }) }),
    () => ({ what: 'a malformed URL', kind: 'rest', method: 'GET', path: pick(['/api/v2/me/%E0%A4%A', '/api/v2/me/smssessions/%', '/api/v2/../../etc/passwd']), headers: authed() }),
    () => ({ what: 'no credentials', kind: 'rest', method: pick(['GET', 'POST']), path: postPaths(), headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operationName: 'NotReady' }) }),
    () => ({
      what: 'bad credentials',
      kind: 'rest',
      method: pick(['GET', 'POST']),
      path: postPaths(),
      headers: { 'content-type': 'application/json', authorization: pick(['Basic', 'Basic !!!', `Basic ${Buffer.from('agent1').toString('base64')}`, `Basic ${Buffer.from(`agent1:wrong-${word()}`).toString('base64')}`, 'Bearer abc', `Basic ${Buffer.from(`${word()}:x`).toString('base64')}`]) },
      body: JSON.stringify({ operationName: 'NotReady' }),
    }),
    () => ({ what: 'an unknown session cookie', kind: 'rest', method: 'POST', path: postPaths(), headers: { 'content-type': 'application/json', cookie: `JSESSIONID=${Buffer.from(word(24)).toString('hex')}` }, body: JSON.stringify({ operationName: 'NotReady' }) }),
    () => ({ what: 'a missing or wrong CSRF token', kind: 'rest', method: 'POST', path: '/api/v2/me/channels/voice', headers: authed({ 'x-csrf-token': pick(['', 'wrong', me.csrf.slice(1)]) }), body: JSON.stringify({ operationName: 'NotReady' }) }),
    () => ({ what: 'CometD: bad JSON', kind: 'bayeux', method: 'POST', path: '/api/v2/notifications', headers: { 'content-type': 'application/json' }, body: badJson() }),
    () => ({ what: 'CometD: not a message list', kind: 'bayeux', method: 'POST', path: '/api/v2/notifications', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pick([[], [1], ['x'], [{}], [{ channel: 5 }], [null], { data: 1 }])) }),
    () => ({ what: 'CometD: GET', kind: 'bayeux', method: 'GET', path: `/api/v2/notifications/${word(3)}`, headers: {} }),
    () => ({ what: 'CometD: a huge message', kind: 'bayeux', method: 'POST', path: '/api/v2/notifications', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ channel: '/meta/handshake', data: 'x'.repeat(600 * 1024) }]) }),
    () => ({
      what: 'CometD: bad messages',
      kind: 'bayeux',
      method: 'POST',
      path: '/api/v2/notifications',
      // Never the user's cookie: with it, a well-formed handshake would rightly succeed.
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        pick([
          { channel: '/meta/connect', clientId: word(12), connectionType: 'long-polling', id: '1' },
          { channel: '/meta/connect', id: '1' },
          { channel: '/meta/subscribe', clientId: word(12), subscription: pick([1, null, '/v2/me/*', ['/a', 2]]), id: '2' },
          { channel: '/meta/subscribe', subscription: '/v2/me/*', id: '2' },
          { channel: '/meta/unsubscribe', clientId: word(12), subscription: '/v2/me/*', id: '3' },
          { channel: '/meta/disconnect', clientId: word(12), id: '4' },
          { channel: '/meta/handshake', version: pick([1, null, '0.1']), supportedConnectionTypes: pick([null, 'x', [], [1]]), id: '5' },
          { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '5' },
          { channel: '/meta/nosuch', clientId: word(12), id: '6' },
          { channel: '/v2/me/devices', clientId: word(12), data: { forged: true }, id: '7' },
          { channel: pick(['', 'no-slash', '/', '//', '/**', '/meta/']), clientId: word(12), id: '8' },
        ]),
      ]),
    }),
    () => ({ what: 'injector: bad body', kind: 'inject', method: 'POST', path: '/mock/sms/inject', headers: { 'content-type': 'application/json' }, body: pick([badJson(), JSON.stringify({ agent: 1 }), JSON.stringify({ agent: 'nobody', from: 'x', nickname: 'y', text: 'z' }), JSON.stringify([])]) }),
  ];
  return () => pick(cases)();
}

/** What the mock may answer: the documented error shape, the documented CSRF refusal, or a protocol error. */
function verdictOf(c: Case, status: number, contentType: string, text: string): string | undefined {
  if (status >= 500) return `HTTP ${status}: ${text.slice(0, 200)}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (c.kind === 'bayeux') {
    if ([400, 405, 413].includes(status) && contentType.startsWith('text/plain')) return undefined;
    if (status === 200 && Array.isArray(json) && json.length > 0) {
      const accepted = (json as { successful?: boolean; channel?: string }[]).filter((m) => m.successful !== false);
      return accepted.length === 0 ? undefined : `a malformed Bayeux request was accepted: ${text.slice(0, 300)}`;
    }
    return `unexpected Bayeux answer HTTP ${status} ${contentType}: ${text.slice(0, 200)}`;
  }
  if (c.kind === 'inject') return status >= 400 && json && typeof json === 'object' ? undefined : `injector answered HTTP ${status}: ${text.slice(0, 200)}`;
  if (status === 403 && text === 'Missing or invalid Csrf token') return undefined;
  if (status === 431 && !json) return undefined;
  const keys = json && typeof json === 'object' && !Array.isArray(json) ? Object.keys(json).sort().join(',') : '';
  const body = json as { statusCode?: unknown; statusMessage?: unknown };
  const documented = keys === 'statusCode,statusMessage' && typeof body.statusCode === 'number' && body.statusCode > 0 && typeof body.statusMessage === 'string';
  return documented && status >= 400 ? undefined : `not the documented error (HTTP ${status}): ${text.slice(0, 200)}`;
}

test(`the mock answers ${COUNT} malformed requests with documented or protocol errors and keeps every session (seed ${SEED})`, async () => {
  test.setTimeout(120_000);
  await withMock({ bodyLimit: BODY_LIMIT }, async (mock) => {
    const agent = userOf(mock, 'agent');
    await agent.login();
    const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 2000 });
    const dispatcher = new Agent({ connections: 16, headersTimeout: 10_000, bodyTimeout: 10_000 });
    try {
      const live = await sms.inbound({ to: agent, text: 'keep me' });
      const chatting = agent.notifications.expect(smsStatus(live.id, 'Chatting'));
      await agent.sms.accept(live.id, { nickname: 'Marat' });
      await chatting;
      const invited = await sms.inbound({ to: agent, text: 'still invited' });
      const stateBefore = await (await fetch(`${mock.url}/mock/state`)).json();

      const next = generator(prng(SEED), {
        authorization: `Basic ${Buffer.from(`${agent.username}:${agent.context.credentials.password}`).toString('base64')}`,
        cookie: agent.session.cookieHeader(),
        csrf: agent.session.csrfHeader!.token,
        liveId: live.id,
        invitedId: invited.id,
      });
      const cases = Array.from({ length: COUNT }, next);
      const problems: string[] = [];
      const kinds = new Map<string, number>();
      for (let i = 0; i < cases.length; i += 24) {
        await Promise.all(
          cases.slice(i, i + 24).map(async (c, j) => {
            kinds.set(c.what, (kinds.get(c.what) ?? 0) + 1);
            try {
              const response = await request(`${mock.url}${c.path}`, { method: c.method as 'GET', headers: c.headers, body: c.body, dispatcher });
              const text = await response.body.text();
              const problem = verdictOf(c, response.statusCode, String(response.headers['content-type'] ?? ''), text);
              if (problem) problems.push(`#${i + j} ${c.what} ${c.method} ${c.path.slice(0, 80)}: ${problem}`);
            } catch (error) {
              problems.push(`#${i + j} ${c.what} ${c.method} ${c.path.slice(0, 80)}: no answer (${(error as Error).message})`);
            }
          }),
        );
      }
      expect(problems, `requests answered outside the documented errors (seed ${SEED})`).toEqual([]);
      expect(kinds.size, 'kinds of malformed request sent').toBeGreaterThanOrEqual(18);

      expect(await (await fetch(`${mock.url}/mock/state`)).json(), 'the mock state after the fuzzing').toEqual(stateBefore);
      const stillThere = agent.notifications.expect(smsNewMessages(live.id, [{ type: 'Text', text: 'still here' }]));
      expect((await agent.sms.sendMessage(live.id, 'still here')).statusCode).toBe(0);
      await stillThere;
      expect((await agent.sms.reject(invited.id)).statusCode).toBe(0);
    } finally {
      await dispatcher.close();
      await sms.close();
      await agent.teardown();
    }
  });
});
