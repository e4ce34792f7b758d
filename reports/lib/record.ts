import { readMeta } from '../../helpers/meta';
import { PAGES } from '../../suites/catalogue/pages';
import { REQUIREMENTS } from '../../suites/catalogue/requirements';
import { readOutcomes, type JsonReport, type TestOutcome } from '../../scripts/results';
import { DriftCollector, type DriftTally } from './drift';
import type { FlakySummary, RerunRecord } from './flaky';
import { LatencyCollector, ShapeCollector, type ExchangeEvidence, type NotificationEvidence, type OperationLatency, type Shape } from './evidence';
import { isExpired, type KnownFailure } from './known';
import type { RunInfo } from './run-info';

/**
 * The machine-readable record of one run (reports/run.json, and results.json of a certification
 * bundle): verdicts per test, per requirement and per operation, not-applicable items with their
 * reasons, known failures, notification shapes and latencies. `npm run compare` reads two of these.
 */

export const RECORD_FORMAT = 'gws-conformance/run@1';

export type TestVerdict = 'passed' | 'failed' | 'known-failure' | 'harness-error' | 'not-applicable';
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
  known?: KnownFailure & { expired?: boolean };
  /** The second attempt of a failed test, run alone at the end of the run (reports/lib/flaky.ts). */
  rerun?: RerunRecord;
}

export interface RunRecord {
  format: typeof RECORD_FORMAT;
  info: RunInfo;
  verdict: 'conformant' | 'non-conformant' | 'could-not-run';
  exitStatus: 0 | 1 | 2;
  counts: Record<TestVerdict, number>;
  runErrors: string[];
  tests: TestRecord[];
  requirements: { id: string; page: string; level: string; statement: string; inferred?: string; verdict: RollupVerdict; tests: string[]; untested?: string }[];
  operations: { section: string; operation: string; page: string; verdict: RollupVerdict; tests: number; counts: Record<TestVerdict, number> }[];
  notApplicable: { id: string; title: string; reason: string }[];
  knownFailuresPassing: { id: string; reason: string; link?: string }[];
  knownFailuresUnmatched: string[];
  shapes: Record<string, Shape>;
  latency: Record<string, OperationLatency>;
  /** Coverage and drift: members and values seen per notification type and operation reply (reports/lib/drift.ts). */
  drift?: DriftTally;
  /** Which failed tests were flaky or reproducible when run again, and whether flaky ones were allowed. */
  reruns?: FlakySummary;
}

const ORDER: RollupVerdict[] = ['failed', 'harness-error', 'known-failure', 'passed', 'not-applicable', 'untested'];

function rollup(verdicts: TestVerdict[]): RollupVerdict {
  if (verdicts.length === 0) return 'untested';
  const applicable = verdicts.filter((v) => v !== 'not-applicable');
  if (applicable.length === 0) return 'not-applicable';
  return ORDER.find((v) => (applicable as RollupVerdict[]).includes(v)) ?? 'passed';
}

function emptyCounts(): Record<TestVerdict, number> {
  return { passed: 0, failed: 0, 'known-failure': 0, 'harness-error': 0, 'not-applicable': 0 };
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
    case 'not-applicable':
      return 'not-applicable';
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

export function buildRunRecord(report: JsonReport, info: RunInfo, known: KnownFailure[], today = new Date()): RunRecord {
  const outcomes = readOutcomes(report);
  const knownById = new Map(known.map((k) => [k.id, k]));
  const tests: TestRecord[] = outcomes.map((o, index) => {
    const m = readMeta(o.annotations, o.tags);
    let verdict = testVerdict(o);
    const entry = m.id ? knownById.get(m.id) : undefined;
    const expired = entry ? isExpired(entry, today) : false;
    if (entry && verdict === 'failed' && !expired) verdict = 'known-failure';
    return {
      id: m.id ?? `untagged-${index}`,
      title: o.title,
      file: o.file,
      verdict,
      ...(o.verdict === 'nonconformance' || o.verdict === 'harness-error' || o.verdict === 'other'
        ? { code: /\[(?:nonconformance|harness):([A-Z_]+)\]/.exec(o.message)?.[1] ?? (o.status === 'timedOut' ? 'TEST_TIMEOUT' : 'ASSERTION'), message: firstLines(o.message) }
        : {}),
      durationMs: Math.round(o.durationMs),
      page: m.page?.url,
      requirements: m.requirements,
      features: m.features,
      ...(m.inferred ? { inferred: m.inferred } : {}),
      ...(entry ? { known: { ...entry, ...(expired ? { expired: true } : {}) } } : {}),
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
  const exitStatus: 0 | 1 | 2 = counts.failed > 0 ? 1 : counts['harness-error'] > 0 || runErrors.length > 0 ? 2 : 0;

  return {
    format: RECORD_FORMAT,
    info,
    verdict: exitStatus === 0 ? 'conformant' : exitStatus === 1 ? 'non-conformant' : 'could-not-run',
    exitStatus,
    counts,
    runErrors,
    tests,
    requirements,
    operations,
    notApplicable: tests.filter((t) => t.verdict === 'not-applicable').map((t) => ({ id: t.id, title: t.title, reason: outcomes.find((o) => readMeta(o.annotations, o.tags).id === t.id)?.message ?? '' })),
    knownFailuresPassing: tests.filter((t) => t.known && t.verdict === 'passed').map((t) => ({ id: t.id, reason: t.known!.reason, ...(t.known!.link ? { link: t.known!.link } : {}) })),
    knownFailuresUnmatched: known.filter((k) => !tests.some((t) => t.id === k.id)).map((k) => k.id),
    shapes: shapes.result(),
    latency: latency.result(),
    drift: drift.result(),
  };
}
