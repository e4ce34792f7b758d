import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { BareInjector, BareUser, newMessagesOf, smsWith, type Arrival, type Predicate } from './bare';
import { profileOfProcess, profileThisProcess, summarizeProfile, type ProfileSummary } from './profile';
import { round, summarize, type Summary } from './stats';

/**
 * The mock under load, in a process of its own (its memory is its own): `users` users with
 * sessions (sets of agent, supervisor, caller), each logged in with CometD connected; every
 * supervisor monitors its agent; every agent takes inbound SMS sessions, one after another with a
 * pause, all agents at once. The load generator is the bare client (it is lighter than the
 * harness); its own event-loop delay is recorded, since on a 2-core machine it shares the CPU.
 */

const ROOT = resolve(__dirname, '..', '..');
const WAIT_MS = 10_000;

export interface LoadOptions {
  users: number;
  rounds: number;
  /** Pause of each agent between two SMS sessions (the load is paced, not a flood). */
  pauseMs: number;
  /** Log-ins (and log-outs) are spread over this long: users arrive, they do not all start in one instant. */
  rampMs: number;
  /** Bound on the whole load phase. */
  deadlineMs: number;
  /** Where the mock process writes a V8 CPU profile (`--cpu-prof`) of the whole load, if anywhere. */
  profileDir?: string;
  log: (line: string) => void;
}

export interface LoadResult {
  users: number;
  sets: number;
  rounds: number;
  pauseMs: number;
  rampMs: number;
  durationMs: number;
  requests: number;
  notifications: number;
  errors: number;
  errorSamples: string[];
  /** Every REST reply (log-in, operations, injection, log-out). */
  replyMs: Summary;
  /** Each phase apart: log-in (ramped), SMS sessions, log-out (ramped). */
  replyLoginMs: Summary;
  replySmsMs: Summary;
  replyLogoutMs: Summary;
  byOperation: Record<string, Summary>;
  /** From sending the operation (or the injection) to the notification's arrival. */
  notificationMs: Summary;
  notificationByKind: Record<string, Summary>;
  mock: {
    rssIdleMB: number;
    rssPeakMB: number;
    rssAfterMB: number;
    heapPeakMB: number;
    smsSessions: number;
    /** Measured inside the mock, per phase: apart from the load generator's own delays. */
    byPhase: Record<'login' | 'sms' | 'logout', MockTimings | undefined>;
  };
  generatorEventLoopDelayMs: { p50: number; p99: number; max: number };
  /** With `profileDir`: where each process's time went, over the whole load. */
  profiles?: { mock?: ProfileSummary; generator?: ProfileSummary };
}

interface MockProcess {
  url: string;
  child: ChildProcess;
}

async function startMockProcess(sets: number, profileDir: string | undefined): Promise<MockProcess> {
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'mock/main.ts', '--sets', String(sets), '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, GWS_MOCK_FAULTS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`the mock did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /GWS mock listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the mock exited (${code}) before listening:\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return { url, child };
}

async function stopMockProcess(mock: MockProcess): Promise<void> {
  if (mock.child.exitCode !== null) return;
  const exited = new Promise<void>((resolvePromise) => mock.child.once('exit', () => resolvePromise()));
  mock.child.kill('SIGTERM');
  const timer = setTimeout(() => mock.child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

interface MockTimings {
  /** The mock's own time per REST request (fastify, from receiving it to the reply sent). */
  handlingMs: { count: number; p50: number; p99: number; max: number };
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

interface Stats extends Partial<MockTimings> {
  memory: { rss: number; heapUsed: number };
  smsSessions: number;
}

async function stats(url: string, reset = false): Promise<Stats> {
  const response = await request(`${url}/mock/stats${reset ? '?reset=1' : ''}`);
  return (await response.body.json()) as Stats;
}

const timingsOf = (s: Stats): MockTimings | undefined => (s.handlingMs && s.eventLoopDelayMs ? { handlingMs: s.handlingMs, eventLoopDelayMs: s.eventLoopDelayMs } : undefined);

const MB = 1024 * 1024;
const LOOP_RESOLUTION_MS = 5;
/** The histogram holds the time between two ticks of its timer; lateness is that minus the period. */
const late = (ns: number) => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS));

export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  const sets = Math.ceil(options.users / 3);
  const mock = await startMockProcess(sets, options.profileDir);
  const stopProfiling = options.profileDir ? await profileThisProcess(resolve(options.profileDir, `generator-${process.pid}.cpuprofile`)) : undefined;
  type Phase = 'login' | 'sms' | 'logout';
  const replies: { what: string; ms: number; phase: Phase }[] = [];
  const notifications: { kind: string; ms: number }[] = [];
  const errors: string[] = [];
  let phase: Phase = 'login';
  const observer = (what: string, ms: number, error?: string) => {
    replies.push({ what, ms, phase });
    if (error) errors.push(error);
  };
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  let sampling = true;
  let rssPeak = 0;
  let heapPeak = 0;
  const sampler = (async () => {
    while (sampling) {
      try {
        const s = await stats(mock.url);
        rssPeak = Math.max(rssPeak, s.memory.rss);
        heapPeak = Math.max(heapPeak, s.memory.heapUsed);
      } catch (error) {
        errors.push(`GET /mock/stats: ${(error as Error).message}`);
      }
      await sleep(250);
    }
  })();
  const started = performance.now();
  const deadline = started + options.deadlineMs;
  try {
    const idle = await stats(mock.url);
    options.log(`load: mock process with ${sets} user sets (${sets * 3} users), RSS ${round(idle.memory.rss / MB)} MB idle`);
    loop.enable();
    const people = Array.from({ length: sets }, (_, i) => {
      const set = i + 1;
      const make = (role: string) => {
        const user = new BareUser(mock.url, `${role}${set}`, `${role}${set}-secret`, WAIT_MS);
        user.observer = observer;
        return user;
      };
      return { agent: make('agent'), supervisor: make('supervisor'), caller: make('caller'), injector: new BareInjector(`${mock.url}/mock/sms/inject`) };
    });
    const everyone = people.flatMap((p) => [p.agent, p.supervisor, p.caller]);

    const ramped = (i: number, body: () => Promise<void>) => sleep((options.rampMs * i) / everyone.length).then(body);
    const loginResults = await Promise.allSettled(everyone.map((user, i) => ramped(i, () => user.login())));
    for (const r of loginResults) if (r.status === 'rejected') errors.push(`log-in: ${(r.reason as Error).message}`);
    const loggedIn = loginResults.filter((r) => r.status === 'fulfilled').length;
    options.log(`load: ${loggedIn}/${everyone.length} users logged in with CometD connected in ${Math.round(performance.now() - started)} ms`);
    const loginTimings = timingsOf(await stats(mock.url, true));
    phase = 'sms';

    const timed = async (kind: string, wait: Promise<Arrival[]>, from: number) => {
      const arrivals = await wait;
      for (const [i, a] of arrivals.entries()) notifications.push({ kind: arrivals.length > 1 ? `${kind} #${i + 1}` : kind, ms: a.at - from });
    };

    const supervise = async (p: (typeof people)[number], index: number) => {
      const { agent, supervisor, injector } = p;
      // Spread the sets over one pause, so that they do not all start in the same instant.
      await sleep((options.pauseMs * index) / people.length);
      await supervisor.call('POST', `/users/${agent.id}/channels/smssession`, { operationName: 'Monitor', nickname: 'Supervisor Sam' });
      for (let r = 0; r < options.rounds && performance.now() < deadline; r += 1) {
        const invitedWait = agent.waitFor(smsWith('StatusChange', 'Invited'));
        const injected = performance.now();
        const injectStarted = performance.now();
        try {
          await injector.inject(agent.username, `load round ${r}`);
          observer('POST /mock/sms/inject', performance.now() - injectStarted);
        } catch (error) {
          observer('POST /mock/sms/inject', performance.now() - injectStarted, (error as Error).message);
          throw error;
        }
        const [invited] = await invitedWait;
        notifications.push({ kind: 'Invited (from injection)', ms: invited!.at - injected });
        const id = (invited!.data.smssession as { id: string }).id;
        const ofId = () => id;
        const joinedBySupervisor: Predicate = (channel, data) => smsWith('ParticipantsUpdated', undefined, ofId)(channel, data);
        const agentSees = agent.waitFor(smsWith('StatusChange', 'Chatting', ofId), smsWith('ParticipantsUpdated', undefined, ofId), newMessagesOf(ofId));
        const supervisorSees = supervisor.waitFor(joinedBySupervisor);
        const accepted = performance.now();
        await agent.call('POST', `/me/smssessions/${id}`, { operationName: 'Accept', nickname: 'Marat' });
        await Promise.all([timed('agent after Accept', agentSees, accepted), timed('supervisor joins after Accept', supervisorSees, accepted)]);
        const agentDone = agent.waitFor(smsWith('StatusChange', 'Completed', ofId));
        const supervisorDone = supervisor.waitFor(smsWith('StatusChange', 'Revoked', ofId));
        const completed = performance.now();
        await agent.call('POST', `/me/smssessions/${id}`, { operationName: 'Complete' });
        await Promise.all([timed('agent Completed after Complete', agentDone, completed), timed('supervisor Revoked after Complete', supervisorDone, completed)]);
        await sleep(options.pauseMs);
      }
      await supervisor.call('POST', `/users/${agent.id}/channels/smssession`, { operationName: 'CancelSupervisorMonitoring' });
    };
    const smsStarted = performance.now();
    const outcomes = await Promise.allSettled(people.map((p, i) => supervise(p, i)));
    for (const outcome of outcomes) if (outcome.status === 'rejected') errors.push(String((outcome.reason as Error).message));
    const smsMs = performance.now() - smsStarted;
    loop.disable();
    const peak = { rss: rssPeak, heap: heapPeak };
    const during = await stats(mock.url, true);
    const smsTimings = timingsOf(during);
    options.log(`load: SMS phase ${Math.round(smsMs)} ms; ${notifications.length} notifications timed; mock RSS peak ${round(peak.rss / MB)} MB`);

    phase = 'logout';
    const logoutResults = await Promise.allSettled(everyone.map((user, i) => ramped(i, () => user.logout())));
    for (const r of logoutResults) if (r.status === 'rejected') errors.push(`log-out: ${(r.reason as Error).message}`);
    await Promise.allSettled(people.map((p) => p.injector.close()));
    sampling = false;
    await sampler;
    const after = await stats(mock.url);
    const logoutTimings = timingsOf(after);

    const byOperation: Record<string, Summary> = {};
    for (const what of [...new Set(replies.map((r) => r.what))].sort()) byOperation[what] = summarize(replies.filter((r) => r.what === what).map((r) => r.ms));
    const notificationByKind: Record<string, Summary> = {};
    for (const kind of [...new Set(notifications.map((n) => n.kind))].sort()) {
      notificationByKind[kind] = summarize(notifications.filter((n) => n.kind === kind).map((n) => n.ms));
    }
    const generatorProfile = await stopProfiling?.();
    const result: LoadResult = {
      users: sets * 3,
      sets,
      rounds: options.rounds,
      pauseMs: options.pauseMs,
      rampMs: options.rampMs,
      durationMs: Math.round(performance.now() - started),
      requests: replies.length,
      notifications: notifications.length,
      errors: errors.length,
      errorSamples: [...new Set(errors)].slice(0, 10),
      replyMs: summarize(replies.map((r) => r.ms)),
      replyLoginMs: summarize(replies.filter((r) => r.phase === 'login').map((r) => r.ms)),
      replySmsMs: summarize(replies.filter((r) => r.phase === 'sms').map((r) => r.ms)),
      replyLogoutMs: summarize(replies.filter((r) => r.phase === 'logout').map((r) => r.ms)),
      byOperation,
      notificationMs: summarize(notifications.map((n) => n.ms)),
      notificationByKind,
      mock: {
        rssIdleMB: round(idle.memory.rss / MB),
        rssPeakMB: round(Math.max(peak.rss, during.memory.rss) / MB),
        rssAfterMB: round(after.memory.rss / MB),
        heapPeakMB: round(Math.max(peak.heap, during.memory.heapUsed) / MB),
        smsSessions: after.smsSessions,
        byPhase: { login: loginTimings, sms: smsTimings, logout: logoutTimings },
      },
      generatorEventLoopDelayMs: { p50: late(loop.percentile(50)), p99: late(loop.percentile(99)), max: late(loop.max) },
    };
    if (options.profileDir) {
      // The mock writes its profile as it exits.
      await stopMockProcess(mock);
      const mockProfile = mock.child.pid ? profileOfProcess(options.profileDir, mock.child.pid) : undefined;
      result.profiles = {
        mock: mockProfile ? summarizeProfile(mockProfile) : undefined,
        generator: generatorProfile ? summarizeProfile(generatorProfile) : undefined,
      };
    }
    return result;
  } finally {
    sampling = false;
    await sampler.catch(() => undefined);
    await stopMockProcess(mock);
  }
}
