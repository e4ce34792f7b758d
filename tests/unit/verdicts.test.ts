import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { compare } from '../../scripts/compare';
import { applyVerdicts } from '../../reports/lib/allure-verdicts';
import { marked, matrix } from '../../reports/lib/matrix';
import { ANNOTATION } from '../../helpers/meta';
import { fingerprintOf, whereOf } from '../../reports/lib/known';
import { toJunit } from '../../reports/lib/junit';
import { buildRunRecord } from '../../reports/lib/record';
import type { RunInfo } from '../../reports/lib/run-info';
import { selectionOf, WHOLE, type RunSetup } from '../../reports/lib/selection';
import { verdictLines } from '../../reports/lib/verdict-text';
import type { JsonReport } from '../../reports/lib/results';

const info: RunInfo = {
  startedAt: '2026-01-01T00:00:00.000Z',
  harness: { version: '0.0.0', commit: 'abc', node: 'v20' },
  target: { url: 'https://gws.example', embedded: false, serverVersion: 'x' },
  features: ['api-multimedia'],
  settings: { notificationTimeoutMs: 1, quietWindowMs: 1, cometdTransport: 'long-polling', smsChannel: 'smssession', smsInjection: true },
};

function entry(id: string, status: string, message = '', file = 'sms/accept.spec.ts', tags = ['@api-multimedia']) {
  return {
    title: id,
    file,
    tags,
    tests: [
      {
        projectName: '',
        annotations: [{ type: ANNOTATION.id, description: id }, { type: ANNOTATION.requirement, description: 'SMS-ACCEPT-REPLY' }, ...(status === 'skipped' ? [{ type: 'skip', description: `not applicable: set GWS_SMS_INJECT_URL to run ${id}` }] : [])],
        results: [{ status, duration: 10, errors: message ? [{ message }] : [] }],
      },
    ],
  };
}
const report = (...specs: ReturnType<typeof entry>[]): JsonReport => ({ suites: [{ title: 'accept.spec.ts', specs: [], suites: [{ title: 'SMS Accept', specs, suites: [] }] }] }) as unknown as JsonReport;
const setup = (over: Partial<RunSetup> = {}): RunSetup => ({ selection: WHOLE, workers: 1, userSets: 1, timeouts: { testMs: 1, notificationMs: 1, quietWindowMs: 1 }, strict: false, ...over });
const NONSTRICT = '[nonstrict:UNEXPECTED_STATUS_CODE] refused with 6\n(non-strict: this differs from a reading of the documentation, not from what it states: x)';

test('a non-strict failure is its own verdict: exit 0 and a warning, unless strict', () => {
  const lenient = buildRunRecord(report(entry('a', 'passed'), entry('b', 'failed', NONSTRICT)), info, [], new Date(), { setup: setup() });
  expect(lenient).toMatchObject({ verdict: 'conformant', exitStatus: 0, counts: { 'non-strict': 1, failed: 0 } });
  expect(lenient.tests[1]).toMatchObject({ verdict: 'non-strict', code: 'UNEXPECTED_STATUS_CODE' });
  expect(verdictLines(lenient).join('\n')).toContain('non-strict UNEXPECTED_STATUS_CODE: b');
  const junit = toJunit(lenient);
  expect(junit).toContain('<system-err>WARNING non-strict');
  expect(junit).toContain('failures="0"');
  const strict = buildRunRecord(report(entry('a', 'passed'), entry('b', 'failed', NONSTRICT)), info, [], new Date(), { setup: setup({ strict: true }) });
  expect(strict).toMatchObject({ verdict: 'non-conformant', exitStatus: 1 });
  expect(toJunit(strict)).toMatch(/<failure type="UNEXPECTED_STATUS_CODE" message="non-strict \(strict run\)/);
});

test('JUnit: failure for a non-conformance, error for a harness error, skipped with the reason for not applicable and known failures', () => {
  const record = buildRunRecord(
    report(entry('a', 'failed', '[nonconformance:SCHEMA_VIOLATION] /smssession/uri is required'), entry('b', 'failed', '[harness:TARGET_UNREACHABLE] refused'), entry('c', 'skipped'), entry('d', 'failed', '[nonconformance:NOTIFICATION_TIMEOUT] step 2 never came')),
    info,
    [{ id: 'd', reason: 'vendor bug', link: 'https://tracker/1' }],
  );
  const junit = toJunit(record);
  expect(junit).toMatch(/\[a\]" classname="SMS Accept"[^\n]*<failure type="SCHEMA_VIOLATION"/);
  expect(junit).toMatch(/\[b\]"[^\n]*<error type="TARGET_UNREACHABLE"/);
  expect(junit).toMatch(/\[c\]"[^\n]*<skipped message="not applicable: set GWS_SMS_INJECT_URL to run c"/);
  expect(junit).toMatch(/\[d\]"[^\n]*<skipped message="known failure: vendor bug \(https:\/\/tracker\/1\)"/);
  expect(record.notApplicable[0]?.reason).toContain('GWS_SMS_INJECT_URL');
});

test('a test that never started (the run stopped early) did not run: not "not applicable", and the run could not run', () => {
  const cut = { ...entry('c', 'skipped'), tests: [{ ...entry('c', 'skipped').tests[0]!, annotations: entry('c', 'passed').tests[0]!.annotations, results: [] }] };
  const record = buildRunRecord(report(entry('a', 'passed'), cut), info, [], new Date(), { setup: setup() });
  expect(record.tests.map((t) => t.verdict)).toEqual(['passed', 'not-run']);
  expect(record).toMatchObject({ verdict: 'could-not-run', exitStatus: 2, notApplicable: [], counts: { 'not-run': 1, 'not-applicable': 0 } });
  expect(toJunit(record)).toMatch(/\[c\]"[^\n]*<skipped message="did not run: the run was stopped before this test started"/);
  expect(verdictLines(record)[0]).toContain('1 did not run');
  const before = buildRunRecord(report(entry('a', 'passed'), entry('c', 'passed')), info, [], new Date(), { setup: setup() });
  const { unableToRun } = compare(before, record);
  expect(unableToRun, 'a test that passed and now did not run').toBeGreaterThan(0);
});

test('a known failure with a fingerprint that now fails differently is a new failure; one whose test did not run is not observed', () => {
  const known = [
    { id: 'a', reason: 'r', code: 'NOTIFICATION_TIMEOUT', match: 'step 2' },
    { id: 'b', reason: 'r', code: 'NOTIFICATION_TIMEOUT' },
    { id: 'gone', reason: 'r' },
    { id: 'c', reason: 'r' },
  ];
  const record = buildRunRecord(
    report(entry('a', 'failed', '[nonconformance:NOTIFICATION_TIMEOUT] step 2 never came'), entry('b', 'failed', '[nonconformance:SCHEMA_VIOLATION] x'), entry('c', 'skipped')),
    info,
    known,
  );
  expect(record.tests.map((t) => t.verdict)).toEqual(['known-failure', 'failed', 'not-applicable']);
  expect(record.tests[1]?.known?.differs).toBe(true);
  expect(record.exitStatus).toBe(1);
  expect(record.knownFailuresNotObserved).toEqual(['gone', 'c']);
  expect(record.knownFailuresPassing).toEqual([]);
  expect(verdictLines(record).join('\n')).toContain('known failure fails differently, counted as a new failure: b');
});

test('failures are kept by fingerprint with first and last seen, carried over from the previous record of the same target', () => {
  const failing = report(entry('a', 'failed', '[nonconformance:NOTIFICATION_TIMEOUT] step 2 never came'));
  const first = buildRunRecord(failing, info, []);
  const key = fingerprintOf('a', 'NOTIFICATION_TIMEOUT', 'step 2 never came').key;
  expect(key).toBe('a NOTIFICATION_TIMEOUT step 2');
  expect(first.fingerprints[key]).toMatchObject({ firstSeen: info.startedAt, lastSeen: info.startedAt });
  const later = { ...info, startedAt: '2026-02-01T00:00:00.000Z' };
  const second = buildRunRecord(failing, later, [], new Date(), { previous: first });
  expect(second.fingerprints[key]).toMatchObject({ firstSeen: info.startedAt, lastSeen: later.startedAt });
  const elsewhere = buildRunRecord(failing, { ...later, target: { ...later.target, url: 'https://other' } }, [], new Date(), { previous: first });
  expect(elsewhere.fingerprints[key]?.firstSeen).toBe(later.startedAt);
  expect(whereOf('[nonconformance:SCHEMA_VIOLATION] agent received:\n  /smssession/uri is required')).toBe('/smssession/uri');
});

test('no empty pass: a claimed feature whose tests were all not applicable makes the run incomplete (exit 2)', () => {
  const record = buildRunRecord(report(entry('a', 'skipped'), entry('p', 'passed', '', 'platform/version.spec.ts', [])), info, [], new Date(), { setup: setup() });
  expect(record).toMatchObject({ verdict: 'incomplete', exitStatus: 2 });
  expect(record.incomplete).toEqual([{ feature: 'api-multimedia', reason: expect.stringContaining('all 1 tests not applicable'), variable: 'GWS_SMS_INJECT_URL' }]);
  const nothing = buildRunRecord(report(entry('a', 'skipped')), info, [], new Date(), { setup: setup({ selection: selectionOf(['--grep', 'Accept']) }) });
  expect(nothing.verdict).toBe('incomplete');
  const whole = buildRunRecord(report(entry('p', 'passed', '', 'platform/version.spec.ts', [])), info, [], new Date(), { setup: setup() });
  expect(whole.incomplete[0]).toMatchObject({ feature: 'api-multimedia', reason: 'no test of this feature ran' });
  const partial = buildRunRecord(report(entry('p', 'passed', '', 'platform/version.spec.ts', [])), info, [], new Date(), { setup: setup({ selection: selectionOf(['suites/platform']) }) });
  expect(partial).toMatchObject({ verdict: 'conformant', scope: 'partial', exitStatus: 0 });
  expect(verdictLines(partial)[0]).toContain('CONFORMANT (PARTIAL: files suites/platform)');
});

test('the selection is read from the arguments: grep, files, shards, --last-failed; options with values are not files', () => {
  expect(selectionOf(['--workers=2', '-j', '3', '--timeout', '5000', '--reporter', 'line']).partial).toEqual([]);
  expect(selectionOf(['--shard', '1/1']).partial).toEqual([]);
  const s = selectionOf(['-g', 'Hangup', '--shard=2/3', '--last-failed', 'suites/sms/accept.spec.ts:12', '--grep-invert', 'Coach']);
  expect(s).toMatchObject({ grep: ['Hangup'], grepInvert: ['Coach'], shard: '2/3', lastFailed: true, files: ['suites/sms/accept.spec.ts:12'] });
  expect(s.partial).toEqual(['--grep Hangup', '--grep-invert Coach', 'files suites/sms/accept.spec.ts:12', 'shard 2/3', '--last-failed']);
});

test('compare: a harness error is never a fix nor a failure; caveats on workers, selection and target; the matrix marks changes', () => {
  const base = buildRunRecord(report(entry('a', 'failed', '[harness:TARGET_UNREACHABLE] x'), entry('b', 'passed'), entry('c', 'failed', '[nonconformance:X] y')), info, [], new Date(), { setup: setup() });
  const current = buildRunRecord(report(entry('a', 'passed'), entry('b', 'failed', '[harness:SETUP_FAILED] z'), entry('c', 'passed')), { ...info, target: { ...info.target, url: 'https://other' } }, [], new Date(), {
    setup: setup({ workers: 8, selection: selectionOf(['--grep', 'Accept']) }),
  });
  const { sections, newFailures, unableToRun } = compare(base, current);
  const rowsOf = (prefix: string) => sections.find((s) => s.title.startsWith(prefix))?.table?.rows.map((r) => r[0]);
  expect(newFailures).toBe(0);
  expect(unableToRun).toBe(2); // one test, and the run as a whole (it could not run; the baseline could)
  expect(rowsOf('Fixes')).toEqual(['c']);
  expect(rowsOf('Became unable to run')).toEqual(['b']);
  expect(rowsOf('Able to run again')).toEqual(['a']);
  const warnings = sections.find((s) => s.title.startsWith('Caveats'))?.list ?? [];
  expect(warnings.join('\n')).toMatch(/targets differ[\s\S]*worker counts differ \(1 and 8\)[\s\S]*selections differ \(whole and --grep Accept\)/);
  expect([marked('failed', 'passed'), marked('passed', 'failed'), marked('passed', 'harness-error'), marked(undefined, 'passed')]).toEqual(['▲ passed', '▼ failed', '• harness-error', 'passed']);
  const third = buildRunRecord(report(entry('a', 'passed'), entry('b', 'passed'), entry('c', 'passed')), info, [], new Date(), { setup: setup() });
  const m = matrix([base, current, third]);
  expect(m[0]?.table?.rows.map((r) => r[0])).toEqual(['#1', '#2', '#3']);
  const accept = m.find((s) => s.title === 'SMS Session API: Accept');
  expect(accept?.table?.head).toEqual(['requirement', '#1', '#2', '#3']);
  expect(accept?.table?.rows.find((r) => r[0]!.startsWith('[SMS-ACCEPT-REPLY]'))?.slice(1)).toEqual(['failed', '• harness-error', '• passed']);
  expect(m.find((s) => s.title === 'SMS Session API: Reject')?.table?.rows[0]?.slice(1)).toEqual(['untested', 'untested', 'untested']);
});

test('Allure results get the verdict label, harness errors become broken, known failures skipped with reason and link, non-strict a warning', ({}, testInfo) => {
  const dir = testInfo.outputPath('allure-results');
  mkdirSync(dir, { recursive: true });
  const ids = ['a', 'b', 'c', 'd'];
  for (const id of ids) writeFileSync(join(dir, `${id}-result.json`), JSON.stringify({ status: 'failed', labels: [{ name: 'gwsId', value: id }], statusDetails: { message: 'm' } }));
  const record = buildRunRecord(
    report(entry('a', 'failed', '[harness:TARGET_UNREACHABLE] x'), entry('b', 'failed', '[nonconformance:X] y'), entry('c', 'failed', NONSTRICT), entry('d', 'failed', '[nonconformance:X] z')),
    info,
    [{ id: 'b', reason: 'vendor bug', link: 'https://tracker/1' }],
  );
  expect(applyVerdicts(dir, record)).toBe(4);
  const read = (id: string) => JSON.parse(readFileSync(join(dir, `${id}-result.json`), 'utf8')) as { status: string; labels: { name: string; value: string }[]; statusDetails: { message: string }; links?: { url: string }[] };
  const label = (id: string, name: string) => read(id).labels.find((l) => l.name === name)?.value;
  expect(ids.map((id) => [read(id).status, label(id, 'gwsVerdict')])).toEqual([
    ['broken', 'harness-error'],
    ['skipped', 'known-failure'],
    ['unknown', 'non-strict'],
    ['failed', 'non-conformance'],
  ]);
  expect(read('b').statusDetails.message).toMatch(/^KNOWN FAILURE: vendor bug \(https:\/\/tracker\/1\)/);
  expect(read('b').links?.[0]?.url).toBe('https://tracker/1');
  expect([label('d', 'parentSuite'), label('d', 'suite')]).toEqual(['SMS', 'SMS Accept']);
});
