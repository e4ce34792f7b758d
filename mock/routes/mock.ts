import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { FAULTS } from '../faults';
import { GwsFailure, type MockState } from '../state';
import type { Domains } from '../domains';

/** The mock's own endpoints, never called by the suites except through GWS_SMS_INJECT_URL. */
export function registerMockRoutes(app: FastifyInstance, state: MockState, domains: Domains): void {
  const { sms, smsMonitoring, voice } = domains;
  app.post('/mock/sms/inject', async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    const problems = ['agent', 'from', 'nickname', 'text'].filter((k) => typeof body?.[k] !== 'string' || body[k] === '');
    if (!body || typeof body !== 'object' || problems.length > 0) {
      return reply.code(400).send({ error: `the body needs non-empty strings: ${problems.join(', ')}` });
    }
    try {
      const session = sms.inject(body as { agent: string; from: string; nickname: string; text: string });
      return reply.code(202).send({ id: session.id, uri: sms.uri(session) });
    } catch (error) {
      if (error instanceof GwsFailure) return reply.code(error.httpStatus).send({ error: error.statusMessage });
      throw error;
    }
  });

  // Every top-level list but `faults` is something a run can leave behind: after a run all are empty.
  app.get('/mock/state', async () => ({
    faults: [...state.faults],
    logins: [...state.logins].map(([userId, login]) => ({
      user: state.user(userId).userName,
      channels: Object.fromEntries(login.channels),
    })),
    smssessions: [...sms.sessions.values()].map((s) => ({
      id: s.id,
      customerConnected: s.customer.connected,
      parties: [...s.parties.values()].map((p) => ({ user: p.user.userName, role: p.role, state: p.state, visibility: p.visibility })),
    })),
    smsMonitoring: smsMonitoring.describe(),
    calls: [...voice.calls.values()].map((c) => ({
      id: c.id,
      legs: [...c.legs.values()].map((l) => ({ user: l.user.userName, role: l.role, state: l.state, mode: l.mode ?? null })),
    })),
    monitorings: [...voice.monitorings.values()].map((m) => ({
      supervisor: m.supervisor.userName,
      target: m.target.userName,
      state: m.state,
      mode: m.mode,
      scope: m.scope,
    })),
  }));

  app.get('/mock/faults', async () => FAULTS);

  // For load measurements: the process's memory, the size of the mock's world, and (from the first
  // call on, so that ordinary runs pay nothing) how long the mock itself takes to answer and how
  // late its event loop runs. `?reset=1` starts the timings afresh.
  const probe = new LoadProbe();
  app.addHook('onResponse', async (request, reply) => {
    if (probe.enabled && !request.url.startsWith('/mock/stats')) probe.record(reply.elapsedTime);
  });
  app.get('/mock/stats', async (request) => {
    const reset = (request.query as { reset?: string }).reset === '1';
    const timings = probe.snapshot();
    if (reset) probe.reset();
    probe.enable();
    return {
      memory: process.memoryUsage(),
      uptimeSeconds: Math.round(process.uptime()),
      users: state.usersById.size,
      httpSessions: state.httpSessions.size,
      logins: state.logins.size,
      smsSessions: sms.sessions.size,
      ...timings,
    };
  });
}

const MAX_SAMPLES = 200_000;
const LOOP_RESOLUTION_MS = 5;
/** The histogram holds the time between two ticks of its timer; lateness is that minus the period. */
const late = (ns: number) => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS));

class LoadProbe {
  enabled = false;
  private samples: number[] = [];
  private loop: IntervalHistogram | undefined;

  enable(): void {
    if (this.enabled) return;
    this.enabled = true;
    this.loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    this.loop.enable();
  }

  record(ms: number): void {
    if (this.samples.length < MAX_SAMPLES) this.samples.push(ms);
  }

  reset(): void {
    this.samples = [];
    this.loop?.reset();
  }

  snapshot(): { handlingMs: Record<string, number>; eventLoopDelayMs: Record<string, number> } | Record<string, never> {
    if (!this.enabled || !this.loop) return {};
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0);
    return {
      handlingMs: { count: sorted.length, p50: at(50), p99: at(99), max: round(sorted[sorted.length - 1] ?? 0) },
      eventLoopDelayMs: { p50: late(this.loop.percentile(50)), p99: late(this.loop.percentile(99)), max: late(this.loop.max) },
    };
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
