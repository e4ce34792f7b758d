import { ServerResponse } from 'node:http';
import type { LatitudeName } from '../../mock/latitude';
import { startMock, type MockHandle } from '../../mock/server';
import type { MockUser } from '../../mock/users';

/**
 * Raw clients of the mock for the latitude tests: plain HTTP with Basic credentials and the
 * notifications as the mock hands them to its CometD endpoint, each with the time it left.
 */

export interface Delivered {
  userId: string;
  channel: string;
  data: Record<string, unknown>;
  at: number;
}

export interface Reply {
  status: number;
  json: Record<string, unknown>;
  headers: Headers;
  at: number;
}

export interface LatitudeMock {
  mock: MockHandle;
  delivered: Delivered[];
  /** When the server finished each HTTP reply (method and path), on its side of the wire. */
  ended: { request: string; at: number }[];
  user(role: 'agent' | 'supervisor' | 'caller'): MockUser;
  call(who: MockUser, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  of(who: MockUser, type?: string): Delivered[];
}

export async function withLatitude<T>(latitude: LatitudeName[], body: (m: LatitudeMock) => Promise<T>, seed = 1): Promise<T> {
  const mock = await startMock({ latitude, latitudeSeed: seed, csrf: false });
  const delivered: Delivered[] = [];
  const ended: { request: string; at: number }[] = [];
  // The server's own moment of replying, not the client's of reading: both live in this process.
  const end = ServerResponse.prototype.end;
  ServerResponse.prototype.end = function (this: ServerResponse, ...args: unknown[]) {
    const request = (this as ServerResponse & { req?: { method?: string; url?: string } }).req;
    ended.push({ request: `${request?.method} ${request?.url}`, at: performance.now() });
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof end;
  mock.bayeux.deliver = (userId, channel, data) => {
    delivered.push({ userId, channel, data, at: performance.now() });
  };
  const m: LatitudeMock = {
    mock,
    delivered,
    ended,
    user: (role) => mock.users.find((u) => u.role === role && u.set === 1)!,
    async call(who, method, path, payload, headers = {}) {
      const auth = `Basic ${Buffer.from(`${who.userName}:${who.password}`).toString('base64')}`;
      const response = await fetch(`${mock.url}/api/v2${path}`, {
        method,
        headers: { authorization: auth, ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers, at: performance.now() };
    },
    of: (who, type) => delivered.filter((d) => d.userId === who.id && (type === undefined || d.data.notificationType === type || d.data.messageType === type)),
  };
  try {
    return await body(m);
  } finally {
    ServerResponse.prototype.end = end;
    await mock.close();
  }
}

/** Resolves once `done()` holds, polling the recorded deliveries; bounded. */
export async function until(done: () => boolean, what: string, limitMs = 3000): Promise<void> {
  const started = performance.now();
  while (!done()) {
    if (performance.now() - started > limitMs) throw new Error(`not within ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function login(m: LatitudeMock, who: MockUser): Promise<void> {
  await m.call(who, 'POST', '/me', { operationName: 'StartContactCenterSession', channels: ['voice', 'smssession'] });
  await m.call(who, 'POST', '/me/channels/smssession', { operationName: 'Ready' });
  await m.call(who, 'POST', '/me/channels/voice', { operationName: 'Ready' });
}

/** An inbound SMS to the agent, accepted as "Marat"; returns the session id and the Accept reply. */
export async function acceptedSession(m: LatitudeMock): Promise<{ id: string; reply: Reply; sentAt: number; repliedAt: number }> {
  const agent = m.user('agent');
  await login(m, agent);
  const injected = await fetch(m.mock.smsInjectUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agent: agent.userName, from: '+15550100', nickname: 'PersonP', text: 'Hello World' }),
  });
  if (!injected.ok) throw new Error(`inject: ${injected.status}`);
  await until(() => m.of(agent).some((d) => (d.data.smssession as { state?: string } | undefined)?.state === 'Invited'), 'Invited');
  const id = (m.of(agent).find((d) => (d.data.smssession as { state?: string } | undefined)?.state === 'Invited')!.data.smssession as { id: string }).id;
  const sentAt = performance.now();
  const reply = await m.call(agent, 'POST', `/me/smssessions/${id}`, { operationName: 'Accept', nickname: 'Marat' });
  await until(() => m.of(agent, 'NewMessages').length > 0, 'the history after Accept');
  const repliedAt = m.ended.find((e) => e.request === `POST /api/v2/me/smssessions/${id}`)!.at;
  return { id, reply, sentAt, repliedAt };
}
