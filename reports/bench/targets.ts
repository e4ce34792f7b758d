import type { DelayResult } from './delay';
import type { FailFastResult } from './fail-fast';
import type { LoadResult } from './load';
import type { OverheadResult } from './overhead';
import type { WallResult } from './wall';

/** The issue's targets on a 2-core machine, each compared with what was measured. */

export interface Results {
  wall?: WallResult;
  overhead?: OverheadResult;
  delay?: DelayResult;
  failFast?: FailFastResult;
  load?: LoadResult;
}

export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
}

const ms = (value: number) => `${value} ms`;

export function checkTargets(results: Results): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { wall, overhead, delay, failFast, load } = results;

  const two = wall?.byWorkers['2'];
  checks.push({
    what: 'whole suite against the mock, 2 workers, start-up included (median wall time)',
    target: '< 30000 ms, all tests passing',
    measured: two ? `${ms(two.wallMs.p50)} (${two.tests} tests${two.passedAll ? ', all passed' : ', NOT all passed'})` : 'not measured',
    met: two ? two.wallMs.p50 < 30_000 && two.passedAll : undefined,
  });

  checks.push({
    what: 'harness overhead per scenario (median harness / median bare script, worst scenario)',
    target: '≤ 1.5×',
    measured: overhead ? `${overhead.worstRatio}× (${overhead.rows.map((r) => `${r.scenario} ${r.ratio}×`).join(', ')})` : 'not measured',
    met: overhead ? overhead.worstRatio <= 1.5 : undefined,
  });

  const mockDelay = delay?.rows.find((r) => r.server.startsWith('embedded mock'));
  checks.push({
    what: 'notification delay, server send → recorder receipt, loopback, the mock (long-polling) p99',
    target: '< 20 ms',
    measured: mockDelay ? `p99 ${ms(mockDelay.delayMs.p99)} (p50 ${ms(mockDelay.delayMs.p50)}, ${mockDelay.delayMs.n} notifications, ${mockDelay.lost} lost)` : 'not measured',
    met: mockDelay ? mockDelay.delayMs.p99 < 20 && mockDelay.lost === 0 : undefined,
  });
  const ws = delay?.rows.find((r) => r.transport === 'websocket');
  checks.push({
    what: "notification delay over websocket p99 (faye's server; the mock offers no websocket)",
    target: '< 20 ms',
    measured: ws ? `p99 ${ms(ws.delayMs.p99)} (p50 ${ms(ws.delayMs.p50)}, ${ws.delayMs.n} notifications, ${ws.lost} lost)` : 'not measured',
    met: ws ? ws.delayMs.p99 < 20 && ws.lost === 0 : undefined,
  });

  const decisive = failFast?.rows.filter((r) => r.decisive) ?? [];
  if (decisive.length > 0) {
    const worstArrival = Math.max(...decisive.map((r) => r.fromArrivalMs.max));
    const timeouts = [...new Set(decisive.map((r) => r.timeoutMs))].join(' and ');
    checks.push({
      what: `a decisive contradiction (out of the printed order, the session ended) fails the wait, latitude off and all on (slowest of ${decisive.length * failFast!.repeats}, timeouts ${timeouts} ms)`,
      target: "< 100 ms from the notification's arrival, whatever the timeout",
      measured: `${ms(worstArrival)} from the arrival (p50 ${ms(Math.max(...decisive.map((r) => r.fromArrivalMs.p50)))} in the slowest row)`,
      met: worstArrival < 100,
    });
  } else checks.push({ what: 'a decisive contradiction fails the wait', target: "< 100 ms from the notification's arrival, whatever the timeout", measured: 'not measured', met: undefined });
  const settling = failFast?.rows.filter((r) => !r.decisive) ?? [];
  if (settling.length > 0) {
    // The wait ends once the target has been quiet for the window; later notifications (interleaved ones) restart it.
    const over = settling.map((r) => r.fromArrivalMs.max - (r.settleWindowMs?.max ?? Number.NaN));
    const worstRatio = Math.max(...settling.map((r) => r.fromArrivalMs.max / r.timeoutMs));
    checks.push({
      what: `a mismatch that is not decisive fails after the settle window, not at the timeout (latitude off and all on, timeouts ${[...new Set(settling.map((r) => r.timeoutMs))].join(' and ')} ms)`,
      target: 'within the settle window + 500 ms of the arrival, < ¼ of the timeout',
      measured: `at most ${ms(Math.max(...settling.map((r) => r.fromArrivalMs.max)))} from the arrival (${settling.every((r) => r.settleWindowMs) ? `settle windows up to ${ms(Math.max(...settling.map((r) => r.settleWindowMs!.max)))}` : 'a failure that named no settle window: it ended another way'}; ${Math.round(worstRatio * 100)} % of its timeout)`,
      met: over.every((o) => o <= 500) && worstRatio < 0.25,
    });
  } else checks.push({ what: 'a mismatch that is not decisive fails after the settle window', target: 'within the settle window + 500 ms of the arrival, < ¼ of the timeout', measured: 'not measured', met: undefined });

  checks.push({
    what: `the mock with ${load?.users ?? '≥ 200'} concurrent users, all logged in and connected: every REST reply of the SMS phase as the client saw it, p99`,
    target: '< 50 ms',
    measured: load
      ? `p99 ${ms(load.replySmsMs.p99)} (p50 ${ms(load.replySmsMs.p50)}, ${load.replySmsMs.n} replies; the mock's own handling p99 ${load.mock.byPhase.sms ? ms(load.mock.byPhase.sms.handlingMs.p99) : '?'}). ` +
        `While they log in (ramped over ${load.rampMs} ms): p99 ${ms(load.replyLoginMs.p99)}; log-out: p99 ${ms(load.replyLogoutMs.p99)}`
      : 'not measured',
    met: load ? load.replySmsMs.p99 < 50 : undefined,
  });
  checks.push({
    what: 'the mock under that load: errors',
    target: '0',
    measured: load ? `${load.errors}${load.errorSamples.length ? ` (${load.errorSamples[0]})` : ''}` : 'not measured',
    met: load ? load.errors === 0 : undefined,
  });
  checks.push({
    what: 'the mock under that load: resident memory (peak RSS of its process)',
    target: '< 300 MB',
    measured: load ? `${load.mock.rssPeakMB} MB (idle ${load.mock.rssIdleMB} MB)` : 'not measured',
    met: load ? load.mock.rssPeakMB < 300 : undefined,
  });
  return checks;
}
