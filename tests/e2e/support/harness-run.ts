import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from '@playwright/test';
import { TARGET_VARIABLES, type UserSet } from '../../../helpers/config';
import type { MockHandle } from '../../../mock/server';
import { userSetsOf } from '../../../mock/users';
import { readOutcomes, readReport, stripAnsi, type JsonReport, type TestOutcome } from '../../../reports/lib/results';
import { run, TSX_CLI } from '../../../reports/lib/run';

/**
 * A whole harness run as CI does it (`npm run conformance`), as a child process against a target
 * of the test's making, with its reports in a folder of its own under the test's output folder
 * (Playwright empties it at the next run): the exit status, the console output and every report
 * file are there to inspect.
 */

/** A fresh folder under the current test's output folder. */
function scratch(name: string): string {
  const dir = test.info().outputPath(name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

const ROOT = resolve(__dirname, '../../..');

export interface HarnessRun {
  code: number;
  output: string;
  dir: string;
  report: JsonReport | undefined;
  outcomes: TestOutcome[];
}

/** The environment of a child run: nothing inherited from the parent's target or test runner. */
function childEnv(env: Record<string, string>, dir: string): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(GWS_|TEST_|PW_|PLAYWRIGHT_)/.test(name)) continue;
    clean[name] = value;
  }
  for (const name of TARGET_VARIABLES) clean[name] = '';
  // The preflight is off unless a test asks for it: most tests put a fault where the preflight would stop the run.
  return { ...clean, FORCE_COLOR: '0', NO_COLOR: '1', GWS_REPORTS_DIR: dir, GWS_MOCK_FAULTS: '', GWS_PREFLIGHT: 'off', ...env };
}

/**
 * The bound of a test that makes one child run of a few spec files: the child's own tests are
 * bounded by its notification timeout and test timeout, then it builds its reports; on a busy
 * 2-core machine that is about a minute, and two such tests run side by side.
 */
export const CHILD_RUN_TIMEOUT_MS = 240_000;

/**
 * `rerun`: run the second attempts of failed tests as CI does; off unless asked, since most of
 * these runs fail on purpose and a second attempt would only double their time.
 */
export async function runHarness(name: string, env: Record<string, string>, args: string[], options: { rerun?: boolean } = {}): Promise<HarnessRun> {
  const dir = scratch(`run-${name}`);
  const flags = options.rerun ? [] : ['--no-rerun'];
  const child = await run(TSX_CLI, [join(ROOT, 'scripts/conformance.ts'), ...flags, ...args], { env: childEnv(env, dir), quiet: true });
  let report: JsonReport | undefined;
  try {
    report = readReport(join(dir, 'results.json'));
  } catch {
    report = undefined;
  }
  return { code: child.code, output: stripAnsi(child.output), dir, report, outcomes: report ? readOutcomes(report) : [] };
}

export function usersFile(dir: string, sets: UserSet[]): string {
  const file = join(dir, 'users.json');
  writeFileSync(file, JSON.stringify(sets));
  return file;
}

/** The variables that point a run at an externally started mock, with `sets` user sets of it. */
export function mockTarget(mock: MockHandle, sets = 1, url = mock.url, injectUrl = mock.smsInjectUrl): Record<string, string> {
  const dir = scratch('users');
  return {
    GWS_BASE_URL: url,
    GWS_USERS_FILE: usersFile(dir, userSetsOf(mock.users).slice(0, sets)),
    GWS_SMS_INJECT_URL: injectUrl,
    GWS_NOTIFICATION_TIMEOUT_MS: '3000',
    GWS_QUIET_WINDOW_MS: '300',
  };
}

export function outcome(result: HarnessRun, id: string): TestOutcome {
  const found = result.outcomes.find((o) => o.id === id);
  if (!found) throw new Error(`no test ${id} in the run; output:\n${result.output.slice(-3000)}`);
  return found;
}

/** The attachments of a test in the JSON report, with their content. */
export function attachmentsOf(result: HarnessRun, id: string): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  const walk = (suites: NonNullable<JsonReport['suites']>) => {
    for (const suite of suites) {
      for (const spec of suite.specs) {
        for (const test of spec.tests) {
          if (!test.annotations.some((a) => a.description === id)) continue;
          for (const r of test.results as unknown as { attachments?: { name: string; path?: string; body?: string }[] }[]) {
            for (const a of r.attachments ?? []) {
              out.push({ name: a.name, body: a.path ? readFileSync(a.path, 'utf8') : Buffer.from(a.body ?? '', 'base64').toString('utf8') });
            }
          }
        }
      }
      walk(suite.suites ?? []);
    }
  };
  walk(result.report?.suites ?? []);
  return out;
}

/** What the mock holds: every top-level list except `faults` is something a run can leave behind. */
export async function mockLeftovers(mock: MockHandle): Promise<Record<string, unknown[]>> {
  const state = (await (await fetch(`${mock.url}/mock/state`)).json()) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(state).filter(([key, value]) => key !== 'faults' && Array.isArray(value) && value.length > 0)) as Record<string, unknown[]>;
}
