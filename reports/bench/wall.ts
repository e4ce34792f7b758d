import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TARGET_VARIABLES } from '../../helpers/config';
import { readOutcomes, readReport } from '../lib/results';
import { PLAYWRIGHT_CLI, run } from '../lib/run';
import { summarize, type Summary } from './stats';

/**
 * The whole suite against the embedded mock, as a CI job would run it: a fresh `playwright test`
 * process (start-up, config, one mock per worker, every spec), timed from spawn to exit. The
 * JSON reporter writes into a temporary folder, so nothing under reports/ is touched.
 */

export interface WallRun {
  workers: number;
  wallMs: number;
  /** Playwright's own figure for the run (from its first test to the end). */
  playwrightMs: number;
  passed: number;
  failed: number;
  tests: number;
}

export interface WallResult {
  repeats: number;
  runs: WallRun[];
  byWorkers: Record<string, { wallMs: Summary; passedAll: boolean; tests: number }>;
  /** Median per-test duration as Playwright reports it (fixtures included), 1-worker runs. */
  perTestMs: Summary;
}

/** Every Playwright run the benchmark starts is bounded in time. */
export const GLOBAL_TIMEOUT = '--global-timeout=300000';

/** The child's environment: no configured target, so the suites run against the embedded mock. */
export function mockOnlyEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GWS_WORKERS: '', GWS_MOCK_FAULTS: '', ...extra };
  for (const name of TARGET_VARIABLES) if (!(name in extra)) env[name] = '';
  return env;
}

async function once(workers: number, scratch: string): Promise<WallRun & { durations: number[] }> {
  const results = join(scratch, `results-${workers}-${Date.now()}.json`);
  const started = performance.now();
  const child = await run(
    PLAYWRIGHT_CLI,
    ['test', `--workers=${workers}`, GLOBAL_TIMEOUT, '--reporter=json', `--output=${join(scratch, 'test-output')}`],
    { env: mockOnlyEnv({ PLAYWRIGHT_JSON_OUTPUT_FILE: results }), quiet: true },
  );
  const wallMs = performance.now() - started;
  let outcomes: ReturnType<typeof readOutcomes> = [];
  let playwrightMs = Number.NaN;
  try {
    const report = readReport(results);
    outcomes = readOutcomes(report);
    playwrightMs = report.stats?.duration ?? Number.NaN;
  } catch {
    throw new Error(`playwright test --workers=${workers} left no JSON report (exit ${child.code}):\n${child.output.slice(-2000)}`);
  }
  const passed = outcomes.filter((o) => o.status === 'passed').length;
  return {
    workers,
    wallMs: Math.round(wallMs),
    playwrightMs: Math.round(playwrightMs),
    passed,
    failed: outcomes.length - passed,
    tests: outcomes.length,
    durations: outcomes.map((o) => o.durationMs),
  };
}

export async function measureWall(options: { repeats: number; log: (line: string) => void }): Promise<WallResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'gws-bench-wall-'));
  try {
    options.log('wall time: a warm-up run (fills the transform cache; not counted)');
    await once(2, scratch);
    const runs: WallRun[] = [];
    const perTest: number[] = [];
    for (let i = 0; i < options.repeats; i += 1) {
      for (const workers of [1, 2]) {
        const { durations, ...result } = await once(workers, scratch);
        runs.push(result);
        if (workers === 1) perTest.push(...durations);
        options.log(`wall time: ${workers} worker(s): ${result.wallMs} ms, ${result.passed}/${result.tests} passed`);
      }
    }
    const byWorkers: WallResult['byWorkers'] = {};
    for (const workers of [1, 2]) {
      const mine = runs.filter((r) => r.workers === workers);
      byWorkers[String(workers)] = {
        wallMs: summarize(mine.map((r) => r.wallMs)),
        passedAll: mine.every((r) => r.failed === 0 && r.tests > 0),
        tests: mine[0]?.tests ?? 0,
      };
    }
    return { repeats: options.repeats, runs, byWorkers, perTestMs: summarize(perTest) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
