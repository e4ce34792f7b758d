import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { ANNOTATION } from '../../helpers/meta';
import { buildRunRecord } from '../../reports/lib/record';
import type { RunInfo } from '../../reports/lib/run-info';
import { selectionOf } from '../../reports/lib/selection';
import { run, TSX_CLI } from '../../reports/lib/run';
import type { JsonReport } from '../../reports/lib/results';
import { runHarness } from './support/harness-run';

/**
 * The verdicts as every tool shows them, read back from the files a run leaves: JUnit classes
 * (failure, skipped with the reason), Allure categories and statuses, the console's lines; a
 * partial certification refused; the comparison of several runs as a page a browser lays out.
 */

const ROOT = resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';

test('a run with a non-conformance, a known failure and not-applicable tests: JUnit, Allure and the console agree', async ({}, testInfo) => {
  // One SMS file and one voice file (not applicable) on one worker, plus the Allure report: slow on a busy machine.
  test.setTimeout(300_000);
  const known = testInfo.outputPath('known.json');
  writeFileSync(known, JSON.stringify([{ id: 'sms.accept.notification-sequence', reason: 'vendor bug', link: 'https://tracker.example/GWS-1', code: 'NOTIFICATION_OUT_OF_ORDER' }]));
  // The embedded mock (no GWS_BASE_URL), claiming SMS only: the voice tests are not applicable.
  const result = await runHarness('verdicts', { GWS_MOCK_FAULTS: 'sms.accept.no-participants-updated,sms.accept.twice-succeeds', GWS_FEATURES: 'api-multimedia' }, [
    '--known-failures',
    known,
    '--workers=1',
    'suites/sms/accept.spec.ts',
    'suites/voice/hangup.spec.ts',
  ]);
  const tail = result.output.slice(-3000);
  expect(result.code, tail).toBe(1);
  expect(result.output).toMatch(/verdict: NON-CONFORMANT \(PARTIAL: files suites\/sms\/accept\.spec\.ts suites\/voice\/hangup\.spec\.ts\): \d+ passed, 1 non-conformant, 0 non-strict, 1 known failures, 0 harness errors, [1-9]\d* not applicable/);
  expect(result.output).toMatch(/not applicable ×\d+: the target does not claim api-voice.*GWS_FEATURES/);

  const record = JSON.parse(readFileSync(join(result.dir, 'run.json'), 'utf8')) as { scope: string; setup: { workers: number; selection: { files: string[] } }; notApplicable: { reason: string }[] };
  expect(record).toMatchObject({ scope: 'partial', setup: { workers: 1, selection: { files: ['suites/sms/accept.spec.ts', 'suites/voice/hangup.spec.ts'] } } });
  expect(record.notApplicable[0]?.reason).toContain('GWS_FEATURES');

  const junit = readFileSync(join(result.dir, 'junit.xml'), 'utf8');
  const testcase = (id: string) => junit.split('\n').find((l) => l.includes(`[${id}]"`)) ?? `no testcase ${id}`;
  expect(testcase('sms.accept.second-accept-refused')).toMatch(/classname="SMS Accept".*<failure type="[A-Z_]+"/);
  expect(testcase('sms.accept.notification-sequence')).toMatch(/<skipped message="known failure: vendor bug \(https:\/\/tracker\.example\/GWS-1\)"/);
  const voice = junit.split('\n').filter((l) => l.includes('classname="Voice Hangup"'));
  expect(voice.length).toBeGreaterThan(0);
  for (const line of voice) expect(line).toMatch(/<skipped message="not applicable: the target does not claim api-voice/);
  expect(junit).not.toContain('<error');

  const byId = new Map<string, { status: string; categories?: { name: string }[]; labels: { name: string; value: string }[] }>();
  const resultsDir = join(result.dir, 'allure-report/data/test-results');
  for (const file of readdirSync(resultsDir)) {
    const r = JSON.parse(readFileSync(join(resultsDir, file), 'utf8')) as { status: string; categories?: { name: string }[]; labels: { name: string; value: string }[] };
    const id = r.labels.find((l) => l.name === 'gwsId')?.value;
    if (id) byId.set(id, r);
  }
  const seen = (id: string) => ({ status: byId.get(id)?.status, category: byId.get(id)?.categories?.[0]?.name.split(':')[0]?.split(' (')[0] });
  expect(seen('sms.accept.second-accept-refused')).toEqual({ status: 'failed', category: 'Non-conformance' });
  expect(seen('sms.accept.notification-sequence')).toEqual({ status: 'skipped', category: 'Known failures' });
  const hangup = [...byId.keys()].find((id) => id.startsWith('voice.hangup'))!;
  expect(seen(hangup)).toEqual({ status: 'skipped', category: 'Not applicable' });
  expect(byId.get(hangup)?.labels.filter((l) => l.name === 'parentSuite' || l.name === 'suite').map((l) => l.value)).toEqual(['Voice', 'Voice Hangup']);
});

test('certify refuses a partial selection unless --partial, before running anything', async ({}, testInfo) => {
  const dir = testInfo.outputPath('reports');
  const child = await run(TSX_CLI, [join(ROOT, 'scripts/certify.ts'), '--mock', '--grep', 'Hangup'], { env: { ...process.env, GWS_REPORTS_DIR: dir }, quiet: true });
  expect(child.code).toBe(2);
  expect(child.output).toContain('certify: refused: the selection covers part of the suites (--grep Hangup)');
  expect(child.output).toContain('--partial');
  expect(existsSync(join(dir, 'certification'))).toBe(false);
});

test('compare over a folder of three runs writes one matrix that fits a laptop screen in Chromium, and exits 2 when the last run became unable to run', async ({}, testInfo) => {
  test.skip(!existsSync(CHROMIUM), `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`);
  const info = (startedAt: string, url: string): RunInfo => ({
    startedAt,
    harness: { version: '0.1.0', commit: 'abc', node: 'v20' },
    target: { url, embedded: false, serverVersion: '8.5.2' },
    features: ['api-multimedia'],
    settings: { notificationTimeoutMs: 1000, quietWindowMs: 300, cometdTransport: 'long-polling', smsChannel: 'smssession', smsInjection: true },
  });
  const report = (status: string, message = ''): JsonReport =>
    ({
      suites: [
        {
          title: 'accept.spec.ts',
          specs: [
            {
              title: 'accept',
              file: 'sms/accept.spec.ts',
              tags: ['@api-multimedia'],
              tests: [
                {
                  projectName: '',
                  annotations: [
                    { type: ANNOTATION.id, description: 'sms.accept.reply' },
                    { type: ANNOTATION.page, description: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSAccept' },
                    { type: ANNOTATION.requirement, description: 'SMS-ACCEPT-REPLY' },
                  ],
                  results: [{ status, duration: 5, errors: message ? [{ message }] : [] }],
                },
              ],
            },
          ],
          suites: [],
        },
      ],
    }) as unknown as JsonReport;
  const dir = testInfo.outputPath('runs');
  const setup = (workers: number, args: string[] = []) => ({ setup: { selection: selectionOf(args), workers, userSets: 8, timeouts: { testMs: 30000, notificationMs: 1000, quietWindowMs: 300 }, strict: false } });
  const runs = [
    buildRunRecord(report('failed', '[nonconformance:UNEXPECTED_STATUS_CODE] x'), info('2026-01-01T10:00:00.000Z', 'https://staging.example/gws-with-a-rather-long-path-name'), [], new Date(), setup(1)),
    buildRunRecord(report('passed'), info('2026-01-02T10:00:00.000Z', 'https://staging.example/gws-with-a-rather-long-path-name'), [], new Date(), setup(8)),
    buildRunRecord(report('failed', '[harness:TARGET_UNREACHABLE] refused'), info('2026-01-03T10:00:00.000Z', 'embedded mock'), [], new Date(), setup(8, ['--grep', 'Accept'])),
  ];
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  runs.forEach((r, i) => writeFileSync(join(dir, i === 1 ? 'sub' : '', `run-${i}.json`), JSON.stringify(r)));
  writeFileSync(join(dir, 'not-a-record.json'), '{"hello":1}');
  const out = testInfo.outputPath('reports');
  const child = await run(TSX_CLI, [join(ROOT, 'scripts/compare.ts'), dir], { env: { ...process.env, GWS_REPORTS_DIR: out }, quiet: true });
  expect(child.code, child.output).toBe(2);
  expect(child.output).toMatch(/comparison of 3 runs: 0 new failure\(s\), 2 became unable to run \(harness errors\); 2 caveat\(s\): the targets differ/);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'], headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`file://${join(out, 'comparison', 'comparison.html')}`);
    const row = page.locator('tr', { has: page.locator('a', { hasText: 'SMS-ACCEPT-REPLY' }) });
    await expect(row.locator('td')).toHaveText(['SMS-ACCEPT-REPLY', 'failed', '▲ passed', '• harness-error']);
    await expect(row.locator('a')).toHaveAttribute('href', 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSAccept');
    await expect(page.locator('h2', { hasText: 'Became unable to run' })).toBeVisible();
    await expect(page.locator('li', { hasText: 'the selections differ (whole and --grep Accept)' })).toBeVisible();
    await expect(page.locator('td', { hasText: /^8$/ }).first()).toBeVisible();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await browser.close();
  }
});
