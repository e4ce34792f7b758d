import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FlakySummary } from '../lib/flaky';
import type { RunRecord } from '../lib/record';
import { run, TSX_CLI } from '../lib/run';
import { GLOBAL_TIMEOUT, mockOnlyEnv } from './wall';

/**
 * Flaky tests on a busy machine: the whole suite against the clean mock, `runs` times in a row,
 * each as CI runs it (`scripts/conformance.ts --mock`: every failed test run once more, alone),
 * with `hogs` CPU-bound processes spinning beside it the whole time. Against the clean mock every
 * test must pass: any failure, flaky or not, is counted and named.
 */

export interface FlakyRun {
  exitStatus: number;
  wallMs: number;
  tests: number;
  failed: string[];
  flaky: string[];
  reproducible: string[];
  /** Errors of the run itself (a global timeout interrupts it: its failed tests are not run again). */
  runErrors: string[];
}

export interface FlakyResult {
  runs: number;
  hogs: number;
  perRun: FlakyRun[];
  /** Runs with at least one flaky test. */
  runsWithFlaky: number;
  /** How many runs each flaky test was flaky in. */
  flakyTests: Record<string, number>;
  /** Runs that did not end with exit status 0. */
  runsNotConformant: number;
}

const ROOT = resolve(__dirname, '..', '..');

/** A process that keeps one core busy until it is killed (by its pid, at the end of the measurement). */
export function hog(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) { Math.sqrt(Math.random()); }'], { stdio: 'ignore' });
}

export async function measureFlaky(options: { runs: number; hogs: number; log: (line: string) => void }): Promise<FlakyResult> {
  const hogs = Array.from({ length: options.hogs }, hog);
  const perRun: FlakyRun[] = [];
  try {
    for (let i = 1; i <= options.runs; i += 1) {
      const dir = mkdtempSync(join(tmpdir(), 'gws-bench-flaky-'));
      try {
        const started = performance.now();
        const child = await run(TSX_CLI, [join(ROOT, 'scripts/conformance.ts'), '--mock', GLOBAL_TIMEOUT], {
          env: mockOnlyEnv({ GWS_REPORTS_DIR: dir, FORCE_COLOR: '0' }),
          quiet: true,
        });
        const wallMs = Math.round(performance.now() - started);
        const file = join(dir, 'run.json');
        const record = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunRecord & { reruns?: FlakySummary }) : undefined;
        const entry: FlakyRun = {
          exitStatus: child.code,
          wallMs,
          tests: record?.tests.length ?? 0,
          failed: record?.tests.filter((t) => t.verdict === 'failed' || t.verdict === 'harness-error').map((t) => t.id) ?? ['(no run record)'],
          flaky: record?.reruns?.flaky ?? [],
          reproducible: record?.reruns?.reproducible ?? [],
          runErrors: record?.runErrors ?? [],
        };
        perRun.push(entry);
        options.log(
          `flaky: run ${i}/${options.runs} with ${options.hogs} CPU hogs: exit ${entry.exitStatus}, ${entry.tests} tests, ${entry.failed.length} failed` +
            `${entry.flaky.length ? ` (flaky: ${entry.flaky.join(', ')})` : ''}${entry.reproducible.length ? ` (reproducible: ${entry.reproducible.join(', ')})` : ''}, ${wallMs} ms` +
            `${entry.runErrors.length ? `; run errors: ${entry.runErrors.join('; ')}` : ''}`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    for (const h of hogs) h.kill();
  }
  const flakyTests: Record<string, number> = {};
  for (const r of perRun) for (const id of r.flaky) flakyTests[id] = (flakyTests[id] ?? 0) + 1;
  return {
    runs: options.runs,
    hogs: options.hogs,
    perRun,
    runsWithFlaky: perRun.filter((r) => r.flaky.length > 0).length,
    flakyTests,
    runsNotConformant: perRun.filter((r) => r.exitStatus !== 0).length,
  };
}

export function flakyMarkdown(result: FlakyResult): string[] {
  const names = Object.entries(result.flakyTests).map(([id, n]) => `${id} (${n}×)`);
  return [
    '## Flaky tests on a busy machine',
    '',
    `The whole suite against the clean mock, ${result.runs} runs in a row as \`npm run conformance -- --mock\` (each failed test run once more, alone), with ${result.hogs} CPU-bound processes spinning beside it.`,
    '',
    `Runs with a flaky test: ${result.runsWithFlaky} of ${result.runs}${names.length ? ` (${names.join(', ')})` : ''}; runs not conformant: ${result.runsNotConformant}; wall time per run ${result.perRun.map((r) => r.wallMs).join(', ')} ms.`,
    '',
  ];
}
