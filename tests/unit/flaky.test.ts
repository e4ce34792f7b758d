import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ANNOTATION } from '../../helpers/meta';
import { applyReruns, judgeRerun, rerunLines } from '../../reports/lib/flaky';
import { buildRunRecord, type TestRecord } from '../../reports/lib/record';
import type { RunInfo } from '../../reports/lib/run-info';
import { markJunitReruns, RERUN_SUITE } from '../../scripts/junit-reruns';
import { escapeRegExp, keptArgs } from '../../scripts/rerun';
import type { JsonReport } from '../../reports/lib/results';

const info: RunInfo = {
  startedAt: '2026-01-01T00:00:00.000Z',
  harness: { version: '0.0.0', commit: 'abc', node: 'v20' },
  target: { url: 'embedded mock', embedded: true, serverVersion: 'x' },
  features: ['api-multimedia'],
  settings: { notificationTimeoutMs: 1, quietWindowMs: 1, cometdTransport: 'long-polling', smsChannel: 'smssession', smsInjection: true },
};

function spec(id: string, status: string, message = '') {
  return {
    title: id,
    file: 'sms/accept.spec.ts',
    tags: ['api-multimedia'],
    tests: [{ projectName: '', annotations: [{ type: ANNOTATION.id, description: id }], results: [{ status, duration: 10, errors: message ? [{ message }] : [] }] }],
  };
}
const report = (...specs: ReturnType<typeof spec>[]) => ({ suites: [{ title: 'accept.spec.ts', specs, suites: [] }] }) as unknown as JsonReport;
const one = (status: string, message = ''): TestRecord => buildRunRecord(report(spec('t', status, message)), info, []).tests[0]!;

test('a second attempt that fails with the same verdict and code is reproducible; passing or another code is flaky', () => {
  const first = one('failed', '[nonconformance:NOTIFICATION_TIMEOUT] x');
  expect(judgeRerun(first, one('failed', '[nonconformance:NOTIFICATION_TIMEOUT] y')).verdict).toBe('reproducible');
  expect(judgeRerun(first, one('passed')).verdict).toBe('flaky');
  expect(judgeRerun(first, one('failed', '[nonconformance:SCHEMA_VIOLATION] y')).verdict).toBe('flaky');
  expect(judgeRerun(first, one('failed', '[harness:CONNECTION_RESET] y')).verdict).toBe('flaky');
  expect(judgeRerun(first, undefined).verdict).toBe('not-rerun');
});

test('a flaky failure fails the gate unless flaky tests are allowed; a reproducible one always does', () => {
  const build = () => buildRunRecord(report(spec('a', 'passed'), spec('b', 'failed', '[nonconformance:X] x'), spec('c', 'failed', '[nonconformance:X] x')), info, []);
  const reruns = (cVerdict: 'flaky' | 'reproducible') =>
    new Map([
      ['b', judgeRerun(build().tests[1]!, one('passed'))],
      ['c', cVerdict === 'flaky' ? judgeRerun(build().tests[2]!, one('passed')) : judgeRerun(build().tests[2]!, { ...build().tests[2]! })],
    ]);

  const strict = build();
  applyReruns(strict, reruns('flaky'), false);
  expect(strict.exitStatus).toBe(1);
  expect((strict as unknown as { reruns: { flaky: string[] } }).reruns.flaky).toEqual(['b', 'c']);
  expect(rerunLines(strict).join('\n')).toMatch(/flaky .*--allow-flaky[\s\S]*b: failed X, rerun alone: passed/);

  const allowed = build();
  applyReruns(allowed, reruns('flaky'), true);
  expect(allowed.exitStatus).toBe(0);
  expect(allowed.verdict).toBe('conformant');

  const mixed = build();
  applyReruns(mixed, reruns('reproducible'), true);
  expect(mixed.exitStatus).toBe(1);
  expect(rerunLines(mixed).join('\n')).toContain('reproducible (failed again alone, same code): c');
});

test('JUnit gets a suite of second attempts, each with its rerun verdict, and the totals follow', () => {
  const record = buildRunRecord(report(spec('b', 'failed', '[nonconformance:X] x'), spec('c', 'failed', '[nonconformance:X] x')), info, []);
  applyReruns(record, new Map([['b', judgeRerun(record.tests[0]!, one('passed'))], ['c', judgeRerun(record.tests[1]!, { ...record.tests[1]! })]]), false);
  const dir = test.info().outputPath('junit');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'junit.xml');
  writeFileSync(file, '<?xml version="1.0"?>\n<testsuites id="" name="" tests="2" failures="2" skipped="0" errors="0" time="1">\n<testsuite name="x"></testsuite>\n</testsuites>\n');
  markJunitReruns(file, record);
  const xml = readFileSync(file, 'utf8');
  expect(xml).toContain('<testsuites id="" name="" tests="4" failures="3"');
  expect(xml).toContain(`<testsuite name="${RERUN_SUITE}" tests="2" failures="1"`);
  expect(xml).toMatch(/<testcase name="b \[flaky\]"[^>]*><properties><property name="gws.id" value="b"\/><property name="gws.rerun" value="flaky"\/><\/properties><\/testcase>/);
  expect(xml).toMatch(/<testcase name="c \[reproducible\]".*<failure message="reproducible: X" type="X">/);
  expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
});

test('the second attempt keeps the configuration and project, and drops the filters', () => {
  expect(keptArgs(['suites/sms', '--grep', 'Accept', '-c', 'x.config.ts', '--project=p', '--workers=2', '--shard=1/2'])).toEqual(['-c', 'x.config.ts', '--project=p']);
  expect(new RegExp(escapeRegExp('Accept (saveLar=true) [x]')).test('Accept (saveLar=true) [x]')).toBe(true);
});
