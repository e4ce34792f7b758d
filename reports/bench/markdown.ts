import { machineLine, type Machine } from './machine';
import type { LoadResult } from './load';
import type { Summary } from './stats';
import { checkTargets, type Results } from './targets';

/** reports/bench.md: the targets first, then each measurement's detail. */

export interface BenchRecord {
  date: string;
  machine: Machine;
  busyNote: string | undefined;
  settings: { [key: string]: unknown };
  results: Results;
}

const verdict = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : '**NOT MET**');
const pct = (s: Summary) => `${s.p50} / ${s.p99} / ${s.max}`;
const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function renderMarkdown(record: BenchRecord): string {
  const { machine, results } = record;
  const out: string[] = [
    '# Benchmark',
    '',
    `Taken ${record.date} on ${machineLine(machine)} (${machine.kernel}); load average ${machine.loadAverage.start} at the start, ${machine.loadAverage.end ?? '?'} at the end.`,
    '',
  ];
  if (record.busyNote) out.push(`> ${record.busyNote}`, '');
  out.push('Produced by `npm run bench` (reports/bench/); the same figures are in reports/bench.json. Times in ms.', '', '## Targets', '');
  out.push(table(['what', 'target', 'measured', 'verdict'], checkTargets(results).map((c) => [c.what, c.target, c.measured, verdict(c.met)])), '');

  const { wall, overhead, delay, failFast, load } = results;
  if (wall) {
    out.push(
      '## Whole suite against the embedded mock',
      '',
      `\`playwright test --workers=N\` as a fresh process (start-up, one mock per worker, every spec), JSON reporter into a temporary folder; ${wall.repeats} runs each after one warm-up run, alternating.`,
      '',
      table(
        ['workers', 'tests', 'wall time median', 'min', 'max', 'all passed'],
        Object.entries(wall.byWorkers).map(([w, r]) => [w, r.tests, r.wallMs.p50, r.wallMs.min, r.wallMs.max, r.passedAll ? 'yes' : 'no']),
      ),
      '',
      `Per test, as Playwright reports it (fixtures' log-in and clean-up included), 1 worker: p50 ${wall.perTestMs.p50}, p90 ${wall.perTestMs.p90}, max ${wall.perTestMs.max} (${wall.perTestMs.n} test runs); the slowest are the tests whose "must not arrive" check waits out its quiet window (GWS_QUIET_WINDOW_MS, 1000 ms by default).`,
      '',
    );
  }
  if (overhead) {
    out.push(
      '## Harness overhead per scenario',
      '',
      `Each scenario through the harness (GwsUser, SmsInjector, recorder expectations, the fixture's attachments serialised; a silent reporter instead of Playwright's) and as a bare undici + faye script, in one process against one in-process mock, alternating, ${overhead.repeats} times each after ${overhead.warmup} warm-ups. Log-in and clean-up are part of every scenario, as of every test.`,
      '',
      table(
        ['scenario', 'harness p50 / p90 / max', 'bare script p50 / p90 / max', 'ratio of medians'],
        overhead.rows.map((r) => [`${r.scenario}: ${r.describe}`, `${r.harnessMs.p50} / ${r.harnessMs.p90} / ${r.harnessMs.max}`, `${r.bareMs.p50} / ${r.bareMs.p90} / ${r.bareMs.max}`, `${r.ratio}×`]),
      ),
      '',
    );
  }
  if (delay) {
    out.push(
      '## Notification delay (server send → recorder receipt)',
      '',
      `An agent and a monitoring supervisor through ${delay.rounds} SMS sessions (inbound, Accept, Complete) after ${delay.warmupRounds} warm-up rounds; the server's hand-over to its Bayeux layer and the recorder's receipt timed with one clock in one process. ${delay.note}`,
      '',
      table(
        ['server', 'transport', 'notifications', 'p50 / p90 / p99 / max', 'lost'],
        delay.rows.map((r) => [r.server, r.transport, r.delayMs.n, `${r.delayMs.p50} / ${r.delayMs.p90} / ${r.delayMs.p99} / ${r.delayMs.max}`, r.lost]),
      ),
      '',
    );
  }
  if (failFast) {
    out.push(
      '## Time to fail on a wrong notification',
      '',
      `An armed expectation (StatusChange Chatting, then ParticipantsUpdated, then NewMessages) meets a notification that contradicts it; ${failFast.repeats} repetitions per row. ` +
        'A decisive contradiction (out of the printed order; the session Completed) must fail at once; a mismatch that is not decisive (the agent missing from the list) fails once the target has been quiet for the settle window, never later than the timeout. ' +
        `Each case against the orderly mock and against every latitude switch at once (seed ${failFast.latitudeSeed}: delays up to 300 ms, interleaved notifications, …).`,
      '',
      table(
        ['case', 'decisive', 'latitude', 'failure', 'timeout', 'from the operation sent p50 / p99 / max', "from the notification's arrival p50 / p99 / max", 'settle window p50 / max'],
        failFast.rows.map((r) => [
          `${r.case}${r.fault ? ` (${r.fault})` : ''}`,
          r.decisive ? 'yes' : 'no',
          r.latitude,
          r.code,
          r.timeoutMs,
          pct(r.fromOperationMs),
          pct(r.fromArrivalMs),
          r.settleWindowMs ? `${r.settleWindowMs.p50} / ${r.settleWindowMs.max} ms` : '–',
        ]),
      ),
      '',
    );
    if (failFast.failingTest) {
      const t = failFast.failingTest;
      out.push(`Through Playwright, \`${t.test}\` with \`${t.fault}\` and a ${t.timeoutMs} ms timeout: ${t.status} after ${t.durationMs} ms, log-in, clean-up and the worker's start included (${t.message.slice(0, 120)}).`, '');
    }
  }
  if (load) {
    const phases = load.mock.byPhase;
    out.push(
      `## The mock under load: ${load.users} concurrent users`,
      '',
      `The mock in its own process with ${load.sets} user sets; every user logs in (GET /me, devices, CometD handshake and subscribe, StartContactCenterSession, Ready ×2), log-ins spread over ${load.rampMs} ms; every supervisor monitors its agent; every agent takes ${load.rounds} inbound SMS sessions (inject, Invited, Accept, Complete), ${load.pauseMs} ms apart, all agents at once; then everyone logs out. The load generator is the bare client in one process; its event loop ran late by p50 ${load.generatorEventLoopDelayMs.p50}, p99 ${load.generatorEventLoopDelayMs.p99}, max ${load.generatorEventLoopDelayMs.max} ms, which is part of the client-side figures.`,
      '',
      table(
        ['phase', 'replies', 'client-side p50 / p95 / p99 / max', "mock's own handling p50 / p99 / max", "mock's event-loop delay p99"],
        (
          [
            ['log-in', load.replyLoginMs, phases.login],
            ['SMS sessions', load.replySmsMs, phases.sms],
            ['log-out', load.replyLogoutMs, phases.logout],
          ] as const
        ).map(([name, s, m]) => [
          name,
          s.n,
          `${s.p50} / ${s.p95} / ${s.p99} / ${s.max}`,
          m ? `${m.handlingMs.p50} / ${m.handlingMs.p99} / ${m.handlingMs.max}` : '?',
          m ? m.eventLoopDelayMs.p99 : '?',
        ]),
      ),
      '',
      table(
        ['notification (from the operation or injection sent)', 'n', 'p50 / p95 / p99 / max'],
        Object.entries(load.notificationByKind).map(([kind, s]) => [kind, s.n, `${s.p50} / ${s.p95} / ${s.p99} / ${s.max}`]),
      ),
      '',
      `All replies: p50 ${load.replyMs.p50}, p99 ${load.replyMs.p99}; all notifications: p50 ${load.notificationMs.p50}, p99 ${load.notificationMs.p99}; errors ${load.errors}; mock RSS ${load.mock.rssIdleMB} MB idle, ${load.mock.rssPeakMB} MB peak, ${load.mock.rssAfterMB} MB after; ${load.durationMs} ms in all.`,
      '',
    );
    if (load.profiles) out.push(...whereTheTimeGoes(load.profiles));
  }
  return out.join('\n');
}

/** The load's CPU profiles, summarised: self time by area and the costliest functions of each process. */
function whereTheTimeGoes(profiles: NonNullable<LoadResult['profiles']>): string[] {
  const out = ['### Where the time goes', '', 'Self time from V8 CPU profiles of the whole load (`npm run bench -- --only load --cpu-prof DIR`; open the files in Chrome DevTools).', ''];
  for (const [name, summary] of [['the mock', profiles.mock], ['the load generator', profiles.generator]] as const) {
    if (!summary) {
      out.push(`No profile of ${name} was found.`, '');
      continue;
    }
    out.push(
      `**${name}** (\`${summary.file}\`): ${summary.sampledMs} ms sampled, busy ${summary.busyPercent} %.`,
      '',
      table(['area', 'ms', '% of sampled'], summary.byArea.map((s) => [s.what, s.ms, s.percent])),
      '',
      table(['function', 'ms', '% of sampled'], summary.topFunctions.map((s) => [s.what, s.ms, s.percent])),
      '',
    );
  }
  return out;
}

