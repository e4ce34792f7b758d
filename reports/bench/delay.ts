import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Faye from 'faye';
import { NotificationRecorder } from '../../helpers/cometd/recorder';
import { smsStatus } from '../../helpers/cometd/sms-steps';
import type { Notification } from '../../helpers/cometd/types';
import { SmsInjector } from '../../helpers/gws/sms-injector';
import { type GwsUser } from '../../helpers/gws/user';
import { silentReporter } from '../../helpers/gws/reporter';
import { startMock } from '../../mock/server';
import { harnessUser } from './scenarios';
import { summarize, type Summary } from './stats';

/**
 * Notification delay: from the moment the server hands a notification to its Bayeux layer to the
 * moment the harness's recorder has it (Notification.at). Server and recorder run in one process
 * and share performance.now(); each received notification is matched to the first unmatched
 * delivery with the same channel and payload.
 *
 * - the embedded mock (cometd-nodejs-server): long-polling, the only transport it offers;
 * - faye's own server (NodeAdapter), which offers long-polling and websocket: the payloads the
 *   mock produced are replayed in the same bursts, once per transport. This measures the
 *   recorder over websocket; it is not the mock.
 */

const WARMUP_ROUNDS = 5;

interface Sent {
  t: number;
  channel: string;
  key: string;
  matched: boolean;
}

export interface DelayRow {
  server: string;
  transport: 'long-polling' | 'websocket';
  delayMs: Summary;
  /** Deliveries the recorder never saw (should be 0). */
  lost: number;
  /** The slowest few, to see where a tail comes from. */
  slowest: string[];
}

export interface DelayResult {
  rounds: number;
  /** Log-in and these first rounds are not counted (JIT, the schema registry compiling on first use). */
  warmupRounds: number;
  rows: DelayRow[];
  note: string;
}

const keyOf = (channel: string, data: unknown) => `${channel} ${JSON.stringify(data)}`;

interface Delay {
  ms: number;
  /** Which notification, for the slowest ones: "agent agent1 #12 SMSsessionStateChangeMessage/StatusChange". */
  what: string;
}

function correlate(sent: Sent[], received: Notification[]): Delay[] {
  const delays: Delay[] = [];
  for (const n of received) {
    const key = keyOf(n.channel, n.data);
    const match = sent.find((s) => !s.matched && s.key === key);
    if (!match) continue;
    match.matched = true;
    delays.push({ ms: n.at - match.t, what: `${n.user} #${n.seq} ${String(n.data.messageType)}/${String(n.data.notificationType ?? '-')}` });
  }
  return delays;
}

function slowest(delays: Delay[], count = 5): string[] {
  return [...delays]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map((d) => `${d.ms.toFixed(1)} ms ${d.what}`);
}

/** Resolves once the recorder has `count` more notifications than `from`. */
function arrivals(recorder: NotificationRecorder, from: number, count: number, timeoutMs = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (recorder.transcript.length >= from + count) return resolve();
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${recorder.user}: ${recorder.transcript.length - from}/${count} notifications within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = recorder.listen(() => {
      if (recorder.transcript.length < from + count) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

/** The mock, long-polling: an agent and a monitoring supervisor through `rounds` SMS sessions. */
async function mockLongPolling(
  rounds: number,
): Promise<{ row: DelayRow; bursts: { channel: string; data: Record<string, unknown> }[][] }> {
  const mock = await startMock({});
  const sent = new Map<string, Sent[]>();
  const bursts: { channel: string; data: Record<string, unknown> }[][] = [];
  let lastSend = -Infinity;
  const deliver = mock.state.notifier;
  let agentId = '';
  mock.state.notifier = (userId, channel, data) => {
    const t = performance.now();
    deliver(userId, channel, data);
    const list = sent.get(userId) ?? [];
    list.push({ t, channel, key: keyOf(channel, data), matched: false });
    sent.set(userId, list);
    if (userId === agentId) {
      if (t - lastSend > 1 || bursts.length === 0) bursts.push([]);
      bursts[bursts.length - 1]!.push({ channel, data });
      lastSend = t;
    }
  };
  const agent = harnessUser(mock, 'agent', 1);
  const supervisor = harnessUser(mock, 'supervisor', 1);
  const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 5000 });
  const users: GwsUser[] = [agent, supervisor];
  try {
    await agent.login();
    await supervisor.login();
    agentId = agent.me!.id;
    bursts.length = 0;
    const reply = await supervisor.sms.supervise(agent, 'Monitor', { nickname: 'Supervisor Sam' });
    if (reply.statusCode !== 0) throw new Error(`Monitor answered ${reply.text}`);
    const round = async (text: string) => {
      const invited = await sms.inbound({ to: agent, text });
      const chatting = agent.notifications.expect(smsStatus(invited.id, 'Chatting'));
      const joined = supervisor.notifications.expect(smsStatus(invited.id, 'Chatting'));
      await agent.sms.accept(invited.id, { nickname: 'Marat' });
      await chatting;
      await joined;
      const completed = agent.notifications.expect(smsStatus(invited.id, 'Completed'));
      const revoked = supervisor.notifications.expect(smsStatus(invited.id, 'Revoked'));
      await agent.sms.complete(invited.id);
      await completed;
      await revoked;
    };
    for (let i = 0; i < WARMUP_ROUNDS; i += 1) await round(`warm-up ${i}`);
    for (const list of sent.values()) list.length = 0;
    bursts.length = 0;
    const fromSeq = new Map(users.map((u) => [u, u.notifications.transcript.length]));
    for (let i = 0; i < rounds; i += 1) await round(`round ${i}`);
    const delays: Delay[] = [];
    let lost = 0;
    for (const user of users) {
      const mine = sent.get(user.me!.id) ?? [];
      delays.push(...correlate(mine, user.notifications.transcript.slice(fromSeq.get(user))));
      lost += mine.filter((s) => !s.matched).length;
    }
    const row: DelayRow = {
      server: 'embedded mock (cometd-nodejs-server)',
      transport: 'long-polling',
      delayMs: summarize(delays.map((d) => d.ms)),
      lost,
      slowest: slowest(delays),
    };
    return { row, bursts };
  } finally {
    for (const user of users) await user.teardown();
    await sms.close();
    await mock.close();
  }
}

/** faye's own server: the mock's bursts replayed to a recorder on the given transport. */
async function fayeServer(
  transport: 'long-polling' | 'websocket',
  bursts: { channel: string; data: Record<string, unknown> }[][],
): Promise<DelayRow> {
  const mount = '/api/v2/notifications';
  const adapter = new Faye.NodeAdapter({ mount, timeout: 15 });
  const server: Server = createServer();
  adapter.attach(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const recorder = new NotificationRecorder({
    url: `http://127.0.0.1:${port}${mount}`,
    user: `recorder (${transport})`,
    authorization: 'Basic YmVuY2g6YmVuY2g=',
    cookies: () => [],
    csrf: () => undefined,
    transport,
    timeoutMs: 5000,
    quietWindowMs: 200,
  });
  const publisher = adapter.getClient();
  const sent: Sent[] = [];
  try {
    await recorder.connect();
    if (recorder.connectionType !== transport) throw new Error(`faye settled on ${recorder.connectionType}, not ${transport}`);
    for (const burst of bursts) {
      const from = recorder.transcript.length;
      const arrived = arrivals(recorder, from, burst.length);
      for (const { channel, data } of burst) {
        sent.push({ t: performance.now(), channel, key: keyOf(channel, data), matched: false });
        publisher.publish(channel, data);
      }
      await arrived;
    }
    const delays = correlate(sent, recorder.transcript);
    return {
      server: "faye's NodeAdapter (replaying the mock's notifications)",
      transport,
      delayMs: summarize(delays.map((d) => d.ms)),
      lost: sent.filter((s) => !s.matched).length,
      slowest: slowest(delays),
    };
  } finally {
    await recorder.disconnect();
    adapter.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function measureDelay(options: { rounds: number; log: (line: string) => void }): Promise<DelayResult> {
  const { row, bursts } = await mockLongPolling(options.rounds);
  options.log(`notification delay: mock, long-polling: p50 ${row.delayMs.p50} ms, p99 ${row.delayMs.p99} ms (${row.delayMs.n} notifications)`);
  const rows = [row];
  for (const transport of ['long-polling', 'websocket'] as const) {
    const faye = await fayeServer(transport, bursts);
    options.log(`notification delay: faye server, ${transport}: p50 ${faye.delayMs.p50} ms, p99 ${faye.delayMs.p99} ms (${faye.delayMs.n} notifications)`);
    rows.push(faye);
  }
  return {
    rounds: options.rounds,
    warmupRounds: WARMUP_ROUNDS,
    rows,
    note: 'The embedded mock offers long-polling only (cometd-nodejs-server has no websocket transport); websocket is measured against faye\'s own server replaying the same payloads in the same bursts.',
  };
}
