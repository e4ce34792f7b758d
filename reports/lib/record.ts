import { readMeta } from '../../helpers/meta';
import { PAGES } from '../../catalogue/pages';
import { REQUIREMENTS } from '../../catalogue/requirements';
import { readOutcomes, type JsonReport, type TestOutcome } from './results';
import { DriftCollector, type DriftTally } from './drift';
import { LatencyCollector, ShapeCollector, type ExchangeEvidence, type NotificationEvidence, type OperationLatency, type Shape } from './evidence';
import { isExpired, matchesFingerprint, type KnownFailure } from './known';
import { fingerprints, incompleteness, type FingerprintSeen, type Incomplete } from './record-checks';
import type { RunInfo } from './run-info';
import { WHOLE, type RunSetup } from './selection';
/**
 * The machine-readable record of one run (reports/run.json, and results.json of a certification
 * bundle): verdicts per test, per requirement and per operation, not-applicable items with their
 * reasons, known failures, notification shapes and latencies. `npm run compare` reads two of these.
 */

export const RECORD_FORMAT = 'gws-conformance/run@1';

/**
 * `non-strict`: a check resting on an inference failed; it fails the gate only in strict mode.
 * `not-run`: the test never started: the run was interrupted or stopped early. Such a run could not check the server.
 * `known-failure`: a failure a known-failures entry expects (by test id, and by fingerprint when the entry gives one).
 */
export type TestVerdict = 'passed' | 'failed' | 'non-strict' | 'known-failure' | 'harness-error' | 'not-applicable' | 'not-run';
export type RollupVerdict = TestVerdict | 'untested';

export interface TestRecord {
  id: string;
  title: string;
  file: string;
  verdict: TestVerdict;
  code?: string;
  message?: string;
  durationMs: number;
  page?: string;
  requirements: string[];
  features: string[];
  inferred?: string;
  /** Why the test was not applicable (the setting or feature that would enable it). */
  reason?: string;
  /** `differs`: the entry's fingerprint did not match, so the failure counts as new. */
  known?: KnownFailure & { expired?: boolean; differs?: boolean };
  /** The second attempt of a failed test, run alone at the end of the run (reports/lib/flaky.ts). */
  rerun?: RerunRecord;
}

export type RunVerdict = 'conformant' | 'non-conformant' | 'could-not-run' | 'incomplete';

export interface RunRecord {
  format: typeof RECORD_FORMAT;
  info: RunInfo;
  verdict: RunVerdict;
  /** `partial` when the run selected part of the suites (see setup.selection.partial). */
  scope: 'whole' | 'partial';
  exitStatus: 0 | 1 | 2;
  setup: RunSetup;
  /** Claimed features the run did not exercise: the reason the verdict is `incomplete`. */
  incomplete: Incomplete[];
  counts: Record<TestVerdict, number>;
  runErrors: string[];
  tests: TestRecord[];
  requirements: { id: string; page: string; level: string; statement: string; inferred?: string; verdict: RollupVerdict; tests: string[]; untested?: string }[];
  operations: { section: string; operation: string; page: string; verdict: RollupVerdict; tests: number; counts: Record<TestVerdict, number> }[];
  notApplicable: { id: string; title: string; reason: string }[];
  knownFailuresPassing: { id: string; reason: string; link?: string }[];
  knownFailuresUnmatched: string[];
  /** Known failures whose test did not run here (absent or not applicable): not observed, never "fixed". */
  knownFailuresNotObserved: string[];
  /** Failures seen, by fingerprint, with the first and last run that saw them. */
  fingerprints: Record<string, FingerprintSeen>;
  shapes: Record<string, Shape>;
  latency: Record<string, OperationLatency>;
  /** Coverage and drift: members and values seen per notification type and operation reply (reports/lib/drift.ts). */
  drift?: DriftTally;
  /** Which failed tests were flaky or reproducible when run again, and whether flaky ones were allowed. */
  reruns?: FlakySummary;
}

const ORDER: RollupVerdict[] = ['failed', 'harness-error', 'non-strict', 'known-failure', 'passed', 'not-applicable', 'untested'];

function rollup(verdicts: TestVerdict[]): RollupVerdict {
  if (verdicts.length === 0) return 'untested';
  const applicable = verdicts.filter((v) => v !== 'not-applicable' && v !== 'not-run');
  if (applicable.length === 0) return verdicts.includes('not-run') ? 'untested' : 'not-applicable';
  return ORDER.find((v) => (applicable as RollupVerdict[]).includes(v)) ?? 'passed';
}

function emptyCounts(): Record<TestVerdict, number> {
  return { passed: 0, failed: 0, 'non-strict': 0, 'known-failure': 0, 'harness-error': 0, 'not-applicable': 0, 'not-run': 0 };
}

function firstLines(message: string, lines = 12): string {
  const all = message.split('\n');
  return all.length > lines ? `${all.slice(0, lines).join('\n')}\n…` : message;
}

function testVerdict(outcome: TestOutcome): TestVerdict {
  switch (outcome.verdict) {
    case 'passed':
      return 'passed';
    case 'nonconformance':
      return 'failed';
    case 'non-strict':
      return 'non-strict';
    case 'not-applicable':
      return 'not-applicable';
    case 'not-run':
      return 'not-run';
    default:
      return 'harness-error';
  }
}

interface RawAttachment {
  name: string;
  body?: string;
}

/** The redacted evidence attachments (http-<role>.json, notifications-<role>.json) of each test. */
function evidenceOf(report: JsonReport): { exchanges: ExchangeEvidence[]; notifications: NotificationEvidence[] }[] {
  const out: { exchanges: ExchangeEvidence[]; notifications: NotificationEvidence[] }[] = [];
  const decode = (a: RawAttachment | undefined) => (a?.body ? (JSON.parse(Buffer.from(a.body, 'base64').toString('utf8')) as unknown[]) : []);
  const visit = (suites: JsonReport['suites']) => {
    for (const suite of suites) {
      for (const spec of suite.specs) {
        for (const test of spec.tests) {
          const attachments = ((test.results.at(-1) as { attachments?: RawAttachment[] } | undefined)?.attachments ?? []) as RawAttachment[];
          const roles = new Set(attachments.map((a) => /^(?:http|notifications)-(\w+)\.json$/.exec(a.name)?.[1]).filter(Boolean) as string[]);
          for (const role of roles) {
            try {
              out.push({
                exchanges: decode(attachments.find((a) => a.name === `http-${role}.json`)) as ExchangeEvidence[],
                notifications: decode(attachments.find((a) => a.name === `notifications-${role}.json`)) as NotificationEvidence[],
              });
            } catch {
              // an attachment that is not JSON carries no shape or latency
            }
          }
        }
      }
      visit(suite.suites ?? []);
    }
  };
  visit(report.suites);
  return out;
}

export interface RecordOptions {
  setup?: RunSetup;
  /** The previous record of the same target: failures keep their first-seen date across runs. */
  previous?: Pick<RunRecord, 'fingerprints' | 'info'>;
}

export function buildRunRecord(report: JsonReport, info: RunInfo, known: KnownFailure[], today = new Date(), options: RecordOptions = {}): RunRecord {
  const setup: RunSetup = options.setup ?? {
    selection: WHOLE,
    workers: (report as { config?: { workers?: number } }).config?.workers ?? 1,
    userSets: 1,
    timeouts: { testMs: 0, notificationMs: info.settings.notificationTimeoutMs, quietWindowMs: info.settings.quietWindowMs },
    strict: false,
  };
  const outcomes = readOutcomes(report);
  const knownById = new Map(known.map((k) => [k.id, k]));
  const tests: TestRecord[] = outcomes.map((o, index) => {
    const m = readMeta(o.annotations, o.tags);
    let verdict = testVerdict(o);
    const failing = o.verdict === 'nonconformance' || o.verdict === 'non-strict' || o.verdict === 'harness-error' || o.verdict === 'other';
    const code = failing ? (/\[(?:nonconformance|nonstrict|harness):([A-Z_]+)\]/.exec(o.message)?.[1] ?? (o.status === 'timedOut' ? 'TEST_TIMEOUT' : 'ASSERTION')) : undefined;
    const entry = m.id ? knownById.get(m.id) : undefined;
    const expired = entry ? isExpired(entry, today) : false;
    const differs = entry !== undefined && (verdict === 'failed' || verdict === 'non-strict') && !matchesFingerprint(entry, code, o.message);
    if (entry && (verdict === 'failed' || verdict === 'non-strict') && !expired && !differs) verdict = 'known-failure';
    return {
      id: m.id ?? `untagged-${index}`,
      title: o.title,
      file: o.file,
      verdict,
      ...(failing ? { code, message: firstLines(o.message) } : {}),
      ...(o.verdict === 'not-applicable' ? { reason: o.message } : {}),
      durationMs: Math.round(o.durationMs),
      page: m.page?.url,
      requirements: m.requirements,
      features: m.features,
      ...(m.inferred ? { inferred: m.inferred } : {}),
      ...(entry ? { known: { ...entry, ...(expired ? { expired: true } : {}), ...(differs ? { differs: true } : {}) } } : {}),
    };
  });

  const counts = emptyCounts();
  for (const t of tests) counts[t.verdict] += 1;

  const requirements = Object.entries(REQUIREMENTS).map(([id, r]) => {
    const mine = tests.filter((t) => t.requirements.includes(id));
    const untested = (r as { untested?: string }).untested;
    return {
      id,
      page: PAGES[r.page].url,
      level: r.level,
      statement: r.statement,
      ...('inferred' in r && r.inferred ? { inferred: r.inferred } : {}),
      verdict: rollup(mine.map((t) => t.verdict)),
      tests: mine.map((t) => t.id),
      ...(untested ? { untested } : {}),
    };
  });

  const operations = Object.values(PAGES).map((page) => {
    const mine = tests.filter((t) => t.page === page.url);
    const c = emptyCounts();
    for (const t of mine) c[t.verdict] += 1;
    return { section: page.section, operation: page.operation, page: page.url, verdict: rollup(mine.map((t) => t.verdict)), tests: mine.length, counts: c };
  });

  const shapes = new ShapeCollector();
  const latency = new LatencyCollector();
  const drift = new DriftCollector();
  for (const evidence of evidenceOf(report)) {
    for (const n of evidence.notifications) if (n.data && typeof n.data === 'object') shapes.add(n.data);
    latency.add(evidence.exchanges, evidence.notifications);
    for (const n of evidence.notifications) if (n.data && typeof n.data === 'object') drift.notification(n.data);
    for (const e of evidence.exchanges) drift.reply(e);
  }

  const runErrors = (report.errors ?? []).map((e) => (e.message ?? '').split('\n')[0] ?? '');
  const incomplete = incompleteness(tests, info.features, setup.selection);
  const nonConformant = counts.failed > 0 || (setup.strict && counts['non-strict'] > 0);
  const couldNotRun = counts['harness-error'] > 0 || counts['not-run'] > 0 || runErrors.length > 0;
  const verdict: RunVerdict = nonConformant ? 'non-conformant' : couldNotRun ? 'could-not-run' : incomplete.length ? 'incomplete' : 'conformant';
  const samePrevious = options.previous && options.previous.info.target.url === info.target.url ? options.previous.fingerprints : undefined;

  return {
    format: RECORD_FORMAT,
    info,
    verdict,
    scope: setup.selection.partial.length ? 'partial' : 'whole',
    exitStatus: verdict === 'conformant' ? 0 : verdict === 'non-conformant' ? 1 : 2,
    setup,
    incomplete,
    counts,
    runErrors,
    tests,
    requirements,
    operations,
    notApplicable: tests.filter((t) => t.verdict === 'not-applicable').map((t) => ({ id: t.id, title: t.title, reason: t.reason ?? '' })),
    knownFailuresPassing: tests.filter((t) => t.known && t.verdict === 'passed').map((t) => ({ id: t.id, reason: t.known!.reason, ...(t.known!.link ? { link: t.known!.link } : {}) })),
    knownFailuresUnmatched: known.filter((k) => !tests.some((t) => t.id === k.id)).map((k) => k.id),
    knownFailuresNotObserved: known.filter((k) => !tests.some((t) => t.id === k.id && t.verdict !== 'not-applicable' && t.verdict !== 'not-run')).map((k) => k.id),
    fingerprints: fingerprints(tests, known, info.startedAt, samePrevious ?? {}),
    shapes: shapes.result(),
    latency: latency.result(),
    drift: drift.result(),
  };
}

/** A failed test's second attempt (flaky.ts judges it). */
export type RerunVerdict = 'reproducible' | 'flaky' | 'not-rerun';

export interface RerunRecord {
  verdict: RerunVerdict;
  /** The second attempt, as the run record would have it. */
  attempt?: { verdict: TestRecord['verdict']; code?: string; message?: string; durationMs: number };
  /** Why there was no second attempt. */
  reason?: string;
}

/** The run's second attempts, by outcome. */
export interface FlakySummary {
  /** Ids of the tests whose failure did not reproduce. */
  flaky: string[];
  reproducible: string[];
  notRerun: string[];
  allowed: boolean;
}
