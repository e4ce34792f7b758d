import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ANNOTATION } from '../../helpers/meta';
import { compare } from '../../scripts/compare';
import { filesContaining, writeManifest } from '../../reports/lib/bundle';
import { operationKey } from '../../reports/lib/evidence';
import { buildRunRecord, type RunRecord } from '../../reports/lib/record';
import type { RunInfo } from '../../reports/lib/run-info';
import { validateMessage } from '../../scripts/validate';
import type { JsonReport } from '../../reports/lib/results';

const info: RunInfo = {
  startedAt: '2026-01-01T00:00:00.000Z',
  harness: { version: '0.0.0', commit: 'abc', node: 'v20' },
  target: { url: 'embedded mock', embedded: true, serverVersion: 'x' },
  features: ['api-multimedia'],
  settings: { notificationTimeoutMs: 1, quietWindowMs: 1, cometdTransport: 'long-polling', smsChannel: 'smssession', smsInjection: true },
};

function testEntry(id: string, status: string, message = '', requirements = ['SMS-ACCEPT-REPLY'], attachments: { name: string; body: string }[] = []) {
  return {
    title: id,
    file: 'sms/accept.spec.ts',
    tags: ['api-multimedia'],
    tests: [
      {
        projectName: '',
        annotations: [
          { type: ANNOTATION.id, description: id },
          { type: ANNOTATION.page, description: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSAccept' },
          ...requirements.map((r) => ({ type: ANNOTATION.requirement, description: r })),
          ...(status === 'skipped' ? [{ type: 'skip', description: 'not applicable: because' }] : []),
        ],
        results: [{ status, duration: 10, errors: message ? [{ message }] : [], attachments }],
      },
    ],
  };
}

const report = (...specs: ReturnType<typeof testEntry>[]): JsonReport => ({ suites: [{ title: 'accept.spec.ts', specs, suites: [] }] }) as unknown as JsonReport;
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');

test('verdicts roll up to requirements and operations, and decide the exit status', () => {
  const record = buildRunRecord(
    report(testEntry('a', 'passed'), testEntry('b', 'failed', '[nonconformance:NOTIFICATION_TIMEOUT] waited'), testEntry('c', 'skipped', '', ['SMS-REJECT-REPLY'])),
    info,
    [],
  );
  expect(record.exitStatus).toBe(1);
  expect(record.verdict).toBe('non-conformant');
  expect(record.tests.find((t) => t.id === 'b')).toMatchObject({ verdict: 'failed', code: 'NOTIFICATION_TIMEOUT' });
  expect(record.requirements.find((r) => r.id === 'SMS-ACCEPT-REPLY')).toMatchObject({ verdict: 'failed', tests: ['a', 'b'] });
  expect(record.requirements.find((r) => r.id === 'SMS-REJECT-REPLY')?.verdict).toBe('not-applicable');
  expect(record.requirements.find((r) => r.id === 'SMS-MONITOR-REPLY')?.verdict).toBe('untested');
  expect(record.notApplicable).toEqual([{ id: 'c', title: 'c', reason: 'not applicable: because' }]);
  expect(record.operations.find((o) => o.operation === 'Accept')?.verdict).toBe('failed');
});

test('a harness error alone means the run could not be carried out', () => {
  const record = buildRunRecord(report(testEntry('a', 'passed'), testEntry('b', 'failed', '[harness:TARGET_UNREACHABLE] refused')), info, []);
  expect(record.exitStatus).toBe(2);
  expect(record.counts['harness-error']).toBe(1);
});

test('known failures do not fail the gate; one that passes is flagged; an expired one fails again', () => {
  const failing = testEntry('b', 'failed', '[nonconformance:SCHEMA_VIOLATION] x');
  const known = [
    { id: 'b', reason: 'vendor bug', link: 'https://tracker/1' },
    { id: 'a', reason: 'was broken' },
    { id: 'gone', reason: 'renamed test' },
  ];
  const record = buildRunRecord(report(testEntry('a', 'passed'), failing), info, known);
  expect(record.exitStatus).toBe(0);
  expect(record.tests.find((t) => t.id === 'b')?.verdict).toBe('known-failure');
  expect(record.knownFailuresPassing).toEqual([{ id: 'a', reason: 'was broken' }]);
  expect(record.knownFailuresUnmatched).toEqual(['gone']);
  const expired = buildRunRecord(report(failing), info, [{ id: 'b', reason: 'vendor bug', expires: '2020-01-01' }]);
  expect(expired.exitStatus).toBe(1);
  expect(expired.tests[0]?.known?.expired).toBe(true);
});

test('shapes and latencies come from the evidence attachments', () => {
  const started = Date.parse('2026-01-01T00:00:00.000Z');
  const attachments = [
    { name: 'http-agent.json', body: b64([{ method: 'POST', url: 'http://h/api/v2/me/smssessions/0000ABCDEFGH1234', requestBody: { operationName: 'Accept' }, status: 200, startedAt: new Date(started).toISOString(), durationMs: 4 }]) },
    { name: 'notifications-agent.json', body: b64([{ channel: '/v2/me/smssessions', receivedAt: new Date(started + 7).toISOString(), data: { messageType: 'SMSsessionStateChangeMessage', notificationType: 'StatusChange', smssession: { id: '0000ABCDEFGH1234', state: 'Chatting', capabilities: ['Leave'] } } }]) },
  ];
  const record = buildRunRecord(report(testEntry('a', 'passed', '', undefined, attachments)), info, []);
  expect(record.latency['Accept /me/smssessions/{id}']).toEqual({ reply: { count: 1, p50: 4, p95: 4 }, notification: { count: 1, p50: 7, p95: 7 } });
  const shape = record.shapes['SMSsessionStateChangeMessage/StatusChange']!;
  expect(shape.fields).toContain('smssession.capabilities');
  expect(shape.values['smssession.state']).toEqual(['Chatting']);
  expect(shape.values['smssession.capabilities[]']).toEqual(['Leave']);
  expect(shape.values['smssession.id']).toBeUndefined();
});

test('operations are named without their ids', () => {
  expect(operationKey({ method: 'POST', url: 'http://h/gws/api/v2/users/85c08f67dfec8cebe103091fc910d937/channels/smssession', requestBody: { operationName: 'Monitor' }, startedAt: '', durationMs: 0 })).toBe(
    'Monitor /users/{id}/channels/smssession',
  );
  expect(operationKey({ method: 'GET', url: 'http://h/api/v2/me/devices?fields=*', startedAt: '', durationMs: 0 })).toBe('GET /me/devices');
});

test('the comparison lists new failures, fixes, still failing and newly not applicable, and shape changes', () => {
  const base = buildRunRecord(report(testEntry('a', 'passed'), testEntry('b', 'failed', '[nonconformance:X] x'), testEntry('c', 'failed', '[nonconformance:X] x'), testEntry('d', 'passed')), info, []);
  const current = buildRunRecord(report(testEntry('a', 'failed', '[nonconformance:X] x'), testEntry('b', 'passed'), testEntry('c', 'failed', '[nonconformance:X] x'), testEntry('d', 'skipped')), info, []);
  base.shapes = { 'M/N': { count: 1, fields: ['a'], values: { state: ['One'] } } };
  current.shapes = { 'M/N': { count: 1, fields: ['a', 'b'], values: { state: ['Two'] } } };
  const { sections, newFailures } = compare(base as RunRecord, current as RunRecord);
  expect(newFailures).toBe(1);
  const rowsOf = (prefix: string) => sections.find((s) => s.title.startsWith(prefix))?.table?.rows.map((r) => r[0]);
  expect(rowsOf('New failures')).toEqual(['a']);
  expect(rowsOf('Fixes')).toEqual(['b']);
  expect(rowsOf('Still failing')).toEqual(['c']);
  expect(rowsOf('Newly not applicable')).toEqual(['d']);
  expect(sections.find((s) => s.title.startsWith('Changes in the shape'))?.list).toEqual(['M/N: new fields b', 'M/N: state new values Two', 'M/N: state values no longer seen One']);
});

test('captured messages validate with or without their envelope, and one without a schema fails', () => {
  const data = { messageType: 'SMSsessionStateChangeMessage', notificationType: 'StatusChange', smssession: { id: 'X', uri: 'http://h/api/v2/smssessions/X', state: 'Chatting' } };
  expect(validateMessage({ channel: '/v2/me/smssessions', data }, 'a').ok).toBe(true);
  expect(validateMessage(data, 'b').ok).toBe(true);
  expect(validateMessage({ ...data, smssession: { id: 'X' } }, 'c').text).toContain('/smssession/uri is required but missing');
  expect(validateMessage({ messageType: 'Mystery' }, 'd')).toMatchObject({ ok: false, text: expect.stringContaining('NO SCHEMA') });
});

test('the bundle manifest lists every file with its SHA-256, and a leaked secret is found', ({}, testInfo) => {
  const dir = join(testInfo.outputDir, 'bundle');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'a.txt'), 'alpha');
  writeFileSync(join(dir, 'sub', 'b.txt'), 'the password is Hunter2-secret');
  expect(writeManifest(dir)).toBe(2);
  const manifest = readFileSync(join(dir, 'MANIFEST.sha256'), 'utf8');
  expect(manifest).toContain(`${createHash('sha256').update('alpha').digest('hex')}  a.txt`);
  expect(manifest).toContain('  sub/b.txt');
  expect(filesContaining(dir, ['Hunter2-secret'])).toEqual(['sub/b.txt']);
});
