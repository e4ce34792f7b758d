import fc from 'fast-check';
import { Agent, request } from 'undici';
import { smsNewMessages, smsStatus } from '../../helpers/cometd/sms-steps';
import { SmsInjector } from '../../helpers/gws/sms-injector';
import { type GwsUser } from '../../helpers/gws/user';
import { silentReporter } from '../../helpers/gws/reporter';
import type { MockHandle } from '../../mock/server';
import { caseArbitrary, type Case, type Fixture, type Party } from './mock-fuzz-cases';
import { userOf } from './support';

/**
 * Drives generated requests (mock-fuzz-cases) at a running mock in batches and checks, after each
 * batch, that the mock is alive, that every reply was well-formed (the documented error shape on
 * REST, a Bayeux reply or a plain 4xx on CometD), that whatever had to be refused was, that a
 * logged-in bystander's session and CometD delivery are intact, and that `/mock/state` still
 * holds the bystander's part unchanged. Chunk k of a run is drawn with seed + k: a seed replays.
 */

export interface FuzzOptions {
  seed: number;
  /** Sent at least, whatever the budget. */
  minRequests: number;
  /** Keeps going, chunk after chunk, until this much time has passed. */
  budgetMs?: number;
  batchSize?: number;
  onBatch?: (sent: number) => void;
}

export interface FuzzResult {
  requests: number;
  batches: number;
  problems: string[];
  kinds: Map<string, number>;
}

const CHUNK = 500;
const NOTIFICATIONS = /^\/api\/v2\/notifications(\/|\?|$)/;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function bayeuxVerdict(c: Case, status: number, type: string, json: unknown, text: string): string | undefined {
  if ([400, 405, 413].includes(status) && type.startsWith('text/plain')) return undefined;
  if (status !== 200 || !Array.isArray(json) || json.length === 0) return `not a Bayeux reply: HTTP ${status} ${type} ${text.slice(0, 200)}`;
  for (const reply of json) {
    if (!isObject(reply) || typeof reply.channel !== 'string') return `a malformed Bayeux reply: ${text.slice(0, 200)}`;
    if (reply.channel.startsWith('/meta/') && typeof reply.successful !== 'boolean') return `a meta reply without successful: ${text.slice(0, 200)}`;
    const refused = c.refuse && (c.refuse.channels === 'all' || c.refuse.channels.includes(reply.channel));
    if (refused && reply.successful === true) return `accepted despite ${c.refuse!.reason}: ${text.slice(0, 300)}`;
  }
  return undefined;
}

function verdictOf(c: Case, status: number, type: string, text: string): string | undefined {
  if (status >= 500) return `HTTP ${status}: ${text.slice(0, 200)}`;
  const json = parse(text);
  if (c.kind === 'bayeux' || NOTIFICATIONS.test(c.path)) return bayeuxVerdict(c, status, type, json, text);
  if (c.kind === 'inject' || c.path.startsWith('/mock/')) return isObject(json) || Array.isArray(json) ? undefined : `the mock's endpoint answered HTTP ${status}: ${text.slice(0, 200)}`;
  if (c.refuse) {
    const denied = status === 401 && isObject(json) && json.statusCode === 20;
    return denied ? undefined : `not refused (${c.refuse.reason}): HTTP ${status} ${text.slice(0, 200)}`;
  }
  if (status === 403 && text === 'Missing or invalid Csrf token') return undefined;
  if (status === 431 || status === 414) return undefined;
  if (!isObject(json)) return `not JSON (HTTP ${status}): ${text.slice(0, 200)}`;
  if (status >= 400) {
    const keys = Object.keys(json).sort().join(',');
    const documented = keys === 'statusCode,statusMessage' && typeof json.statusCode === 'number' && json.statusCode > 0 && typeof json.statusMessage === 'string';
    return documented ? undefined : `not the documented error (HTTP ${status}): ${text.slice(0, 200)}`;
  }
  if (c.path.startsWith('/api/v2/diagnostics/')) return undefined;
  return json.statusCode === 0 ? undefined : `a success without statusCode 0 (HTTP ${status}): ${text.slice(0, 200)}`;
}

const party = (user: GwsUser): Party => ({
  username: user.username,
  password: user.context.credentials.password,
  cookie: user.session.cookieHeader(),
  csrf: user.session.csrfHeader!.token,
});

interface StateView {
  logins: { user: string }[];
  smssessions: { parties: { user: string }[] }[];
  calls: { legs: { user: string }[] }[];
  monitorings: { supervisor: string; target: string }[];
}

/** The part of /mock/state that concerns one user, and the names it mentions. */
function partOf(state: StateView, user: string): unknown {
  return {
    logins: state.logins.filter((l) => l.user === user),
    smssessions: state.smssessions.filter((s) => s.parties.some((p) => p.user === user)),
    calls: state.calls.filter((c) => c.legs.some((l) => l.user === user)),
    monitorings: state.monitorings.filter((m) => m.supervisor === user || m.target === user),
  };
}

export async function runFuzz(mock: MockHandle, options: FuzzOptions): Promise<FuzzResult> {
  const me = userOf(mock, 'agent', 1);
  const bystander = userOf(mock, 'agent', 2);
  await me.login();
  await bystander.login();
  const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 5000 });
  const connect = () => new Agent({ connections: 16, headersTimeout: 20_000, bodyTimeout: 20_000 });
  let dispatcher = connect();
  const problems: string[] = [];
  const kinds = new Map<string, number>();
  let requests = 0;
  let batches = 0;
  try {
    const mine = await sms.inbound({ to: me, text: 'mine' });
    const live = await sms.inbound({ to: bystander, text: 'keep me' });
    const chatting = bystander.notifications.expect(smsStatus(live.id, 'Chatting'));
    await bystander.sms.accept(live.id, { nickname: 'Marat' });
    await chatting;
    const stateNow = async () => (await (await fetch(`${mock.url}/mock/state`)).json()) as StateView;
    const before = partOf(await stateNow(), bystander.username);

    const hs = await request(`${mock.url}/api/v2/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${me.username}:${me.context.credentials.password}`).toString('base64')}` },
      body: JSON.stringify([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }]),
    });
    const clientId = ((await hs.body.json()) as { clientId: string }[])[0]!.clientId;
    const setCookie = [hs.headers['set-cookie'] ?? []].flat().join(';');
    const browserCookie = /BAYEUX_BROWSER=[0-9a-f]+/.exec(setCookie)?.[0] ?? 'BAYEUX_BROWSER=0';
    const devices = mock.users.filter((u) => u.set <= 2).map((u) => u.device.id);
    const fixture: Fixture = {
      me: party(me),
      bystander: party(bystander),
      clientId,
      browserCookie,
      ids: [mine.id, live.id, '0000NOPE00000000', '__proto__'],
      devices,
      baseUrl: mock.url,
    };
    const arbitrary = caseArbitrary(fixture);
    const started = performance.now();
    const batchSize = options.batchSize ?? 50;
    for (let chunk = 0; ; chunk++) {
      const done = requests >= options.minRequests && (options.budgetMs === undefined || performance.now() - started >= options.budgetMs);
      if (done) break;
      const cases = fc.sample(arbitrary, { seed: options.seed + chunk, numRuns: CHUNK });
      // fresh connections after the pause the drawing took: no race with the server's keep-alive timeout
      await dispatcher.close();
      dispatcher = connect();
      for (let i = 0; i < cases.length; i += batchSize) {
        await Promise.all(
          cases.slice(i, i + batchSize).map(async (c, j) => {
            kinds.set(c.what, (kinds.get(c.what) ?? 0) + 1);
            const where = `seed ${options.seed} chunk ${chunk} #${i + j} ${c.what} ${c.method} ${c.path.slice(0, 80)}`;
            try {
              const response = await request(`${mock.url}${c.path}`, { method: c.method as 'GET', headers: c.headers, body: c.body, dispatcher });
              const text = await response.body.text();
              const problem = verdictOf(c, response.statusCode, String(response.headers['content-type'] ?? ''), text);
              if (problem) problems.push(`${where}: ${problem}`);
            } catch (error) {
              problems.push(`${where}: no answer (${(error as Error).message})`);
            }
          }),
        );
        requests += Math.min(batchSize, cases.length - i);
        batches += 1;
        // The batch's invariants: the bystander's session, its CometD delivery and its state.
        const text = `batch ${batches}`;
        const delivered = bystander.notifications.expect(smsNewMessages(live.id, [{ type: 'Text', text }]));
        const sent = await bystander.sms.sendMessage(live.id, text);
        if (sent.statusCode !== 0) problems.push(`after ${text}: the bystander's SendMessage answered ${JSON.stringify(sent.json)}`);
        await delivered;
        const after = partOf(await stateNow(), bystander.username);
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`after ${text}: the bystander's state changed: ${JSON.stringify(after)}`);
        options.onBatch?.(requests);
        if (problems.length > 20) return { requests, batches, problems, kinds };
      }
    }
    return { requests, batches, problems, kinds };
  } finally {
    await dispatcher.close();
    await sms.close();
    await me.teardown();
    await bystander.teardown();
  }
}
