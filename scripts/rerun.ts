import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ANNOTATION } from '../helpers/meta';
import { isRerunCandidate, judgeRerun, type RerunRecord } from '../reports/lib/flaky';
import type { KnownFailure } from '../reports/lib/known';
import { buildRunRecord, type RunRecord, type TestRecord } from '../reports/lib/record';
import type { RunInfo } from '../reports/lib/run-info';
import { readOutcomes, readReport, type JsonReport } from '../reports/lib/results';
import { PLAYWRIGHT_CLI, run } from '../reports/lib/run';

/**
 * The second attempt of each failed test: at the end of the run, one Playwright process per user
 * set, one worker, running only the failed tests that had that set (GWS_USER_SET pins it). Its
 * reports go to `<reports>/rerun/<n>/`; its Allure results join the run's, as retries of the same
 * test (same history id), labelled with the rerun's verdict.
 */

/** How many failed tests are run again at most (a target that is down fails everything). */
export const DEFAULT_RERUN_LIMIT = 25;

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Playwright arguments that choose the configuration and project; filters are left out. */
export function keptArgs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '-c' || arg === '--config' || arg === '--project') out.push(arg, args[++i] ?? '');
    else if (/^(--config|--project)=/.test(arg)) out.push(arg);
  }
  return out;
}

/** The users annotation of each test id: the set it ran on. */
function usersById(report: JsonReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of readOutcomes(report)) {
    const users = o.annotations.find((a) => a.type === ANNOTATION.users)?.description;
    if (o.id && users) out.set(o.id, users);
  }
  return out;
}

export interface RerunOptions {
  reportsDir: string;
  allureResults: string;
  playwrightArgs: string[];
  info: RunInfo;
  known: KnownFailure[];
  limit?: number;
}

/** Runs the failed tests of `record` once more and judges each; the map is keyed by test id. */
export async function rerunFailures(record: RunRecord, report: JsonReport, options: RerunOptions): Promise<Map<string, RerunRecord>> {
  const out = new Map<string, RerunRecord>();
  const limit = options.limit ?? DEFAULT_RERUN_LIMIT;
  const candidates = record.tests.filter(isRerunCandidate);
  for (const t of candidates.slice(limit)) out.set(t.id, { verdict: 'not-rerun', reason: `more than ${limit} failed tests (GWS_RERUN_LIMIT)` });
  const chosen = candidates.slice(0, limit).filter((t) => !t.id.startsWith('untagged-'));
  if (chosen.length === 0) return out;

  const users = usersById(report);
  const groups = new Map<string, TestRecord[]>();
  for (const t of chosen) groups.set(users.get(t.id) ?? '', [...(groups.get(users.get(t.id) ?? '') ?? []), t]);

  const root = resolve(options.reportsDir, 'rerun');
  rmSync(root, { recursive: true, force: true });
  let n = 0;
  for (const [set, tests] of groups) {
    n += 1;
    const dir = join(root, String(n));
    mkdirSync(dir, { recursive: true });
    const titles = [...new Set(tests.map((t) => t.title.split(' › ').at(-1) ?? t.title))];
    const files = [...new Set(tests.map((t) => escapeRegExp(t.file)))];
    process.stdout.write(`\ngws-conformance: running ${tests.length} failed test(s) once more, alone${set ? `, as ${set}` : ''}\n`);
    await run(PLAYWRIGHT_CLI, ['test', ...keptArgs(options.playwrightArgs), '--workers=1', '--grep', titles.map(escapeRegExp).join('|'), ...files], {
      env: { ...process.env, GWS_REPORTS_DIR: dir, GWS_ALLURE_RESULTS: join(dir, 'allure-results'), GWS_USER_SET: set, GWS_WORKERS: '1' },
    });
    let second: RunRecord | undefined;
    try {
      second = buildRunRecord(readReport(join(dir, 'results.json')), options.info, options.known);
    } catch {
      second = undefined;
    }
    for (const t of tests) {
      const judged = judgeRerun(t, second?.tests.find((s) => s.id === t.id));
      out.set(t.id, judged);
    }
    mergeAllureResults(join(dir, 'allure-results'), options.allureResults, out);
  }
  return out;
}

interface AllureResult {
  name?: string;
  status?: string;
  labels?: { name: string; value: string }[];
  statusDetails?: { message?: string; flaky?: boolean };
  description?: string;
}

/**
 * Copies the second attempts' Allure results into the run's: the result of each attempt carries
 * the label `gwsRerun` (reproducible or flaky) and a description saying which attempt it is, so the
 * report shows both attempts of the test, the first under its retries.
 */
export function mergeAllureResults(from: string, into: string, reruns: Map<string, RerunRecord>): void {
  if (!existsSync(from)) return;
  mkdirSync(into, { recursive: true });
  const idOf = (r: AllureResult) => r.labels?.find((l) => l.name === 'gwsId')?.value;
  const mark = (file: string, attempt: 'first attempt' | 'second attempt, run alone') => {
    const result = JSON.parse(readFileSync(file, 'utf8')) as AllureResult;
    const rerun = reruns.get(idOf(result) ?? '');
    if (!rerun || rerun.verdict === 'not-rerun') return;
    // A result already marked is a second attempt copied in by an earlier group.
    if (attempt === 'first attempt' && result.labels?.some((l) => l.name === 'gwsRerun')) return;
    result.labels = [...(result.labels ?? []).filter((l) => l.name !== 'gwsRerun'), { name: 'gwsRerun', value: rerun.verdict }, { name: 'tag', value: rerun.verdict }, ...(attempt === 'first attempt' ? [] : [{ name: 'gwsAttempt', value: 'second' }])];
    result.description = `${result.description ? `${result.description}\n\n` : ''}**${rerun.verdict}** (${attempt}): the test failed, then was run once more, alone, on the same user set; the second attempt ${rerun.attempt?.verdict === 'passed' ? 'passed' : `ended ${rerun.attempt?.verdict ?? ''} ${rerun.attempt?.code ?? ''}`}.`;
    if (rerun.verdict === 'flaky') result.statusDetails = { ...(result.statusDetails ?? {}), flaky: true };
    writeFileSync(file, JSON.stringify(result));
  };
  for (const name of readdirSync(into).filter((f) => f.endsWith('-result.json'))) mark(join(into, name), 'first attempt');
  for (const name of readdirSync(from)) {
    copyFileSync(join(from, name), join(into, name));
    if (name.endsWith('-result.json')) mark(join(into, name), 'second attempt, run alone');
  }
}
