import { readFileSync } from 'node:fs';
import { classifyFailureMessage, type FailureKind } from '../../helpers/errors';
import { ANNOTATION } from '../../helpers/meta';

/**
 * Reading a run back from Playwright's JSON report: each test with its stable id, verdict and
 * failure kind. The exit status, the self-check and the report tooling all start here.
 */

/** `not-run`: the test never started (the run was interrupted or stopped early); `not-applicable`: it skipped itself, with a reason. */
export type Verdict = 'passed' | 'nonconformance' | 'non-strict' | 'harness-error' | 'not-applicable' | 'not-run' | 'other';

export interface TestOutcome {
  id: string | undefined;
  title: string;
  file: string;
  project: string;
  status: string;
  verdict: Verdict;
  kind: FailureKind | undefined;
  message: string;
  durationMs: number;
  annotations: { type: string; description?: string }[];
  tags: string[];
}

interface JsonTest {
  projectName: string;
  status?: string;
  annotations: { type: string; description?: string }[];
  tags?: string[];
  results: { status: string; duration: number; errors: { message?: string }[] }[];
}
interface JsonSpec {
  title: string;
  file: string;
  tags?: string[];
  tests: JsonTest[];
}
interface JsonSuite {
  title: string;
  specs: JsonSpec[];
  suites?: JsonSuite[];
}
export interface JsonReport {
  suites: JsonSuite[];
  errors?: { message?: string }[];
  stats?: { startTime?: string; duration?: number };
}

export const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

function verdictOf(status: string, kind: FailureKind | undefined, started: boolean): Verdict {
  if (!started) return 'not-run';
  if (status === 'passed') return 'passed';
  if (status === 'skipped') return 'not-applicable';
  if (status === 'timedOut' || status === 'interrupted') return 'harness-error';
  if (kind === 'nonconformance' || kind === 'assertion') return 'nonconformance';
  if (kind === 'nonstrict') return 'non-strict';
  if (kind === 'harness' || kind === 'unknown') return 'harness-error';
  return 'other';
}

export function readOutcomes(report: JsonReport): TestOutcome[] {
  const out: TestOutcome[] = [];
  const walk = (suites: JsonSuite[], path: string[]) => {
    for (const suite of suites) {
      for (const spec of suite.specs) {
        for (const test of spec.tests) {
          const last = test.results.at(-1);
          const status = last?.status ?? 'skipped';
          const messages = (last?.errors ?? []).map((e) => stripAnsi(e.message ?? ''));
          const skipReason = test.annotations.find((a) => a.type === 'skip')?.description ?? '';
          const message = status === 'skipped' ? skipReason : messages.join('\n');
          const kind = status === 'passed' || status === 'skipped' ? undefined : classifyFailureMessage(message);
          out.push({
            id: test.annotations.find((a) => a.type === ANNOTATION.id)?.description,
            title: [...path, suite.title, spec.title].filter(Boolean).slice(1).join(' › '),
            file: spec.file,
            project: test.projectName,
            status,
            verdict: verdictOf(status, kind, last !== undefined),
            kind,
            message,
            durationMs: last?.duration ?? 0,
            annotations: test.annotations,
            tags: test.tags ?? spec.tags ?? [],
          });
        }
      }
      walk(suite.suites ?? [], [...path, suite.title]);
    }
  };
  walk(report.suites, []);
  return out;
}

export function readReport(file: string): JsonReport {
  return JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
}
