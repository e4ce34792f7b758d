import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { startMock } from '../../mock/server';
import { mockUser, type MockUser } from '../../mock/users';
import { run, TSX_CLI } from '../../reports/lib/run';
import { checkSummary } from '../../reports/lib/render-check-summary';
import { mockTarget, runHarness } from './support/harness-run';

/**
 * Reports that travel, from a run against a target configured as a real one (a mock on loopback
 * through GWS_BASE_URL) whose users have names of their own: the single-file Allure report is
 * written beside the served one, and `npm run report:check` finds the users in the run's record,
 * opens both reports in headless Chromium (Debian's package) and passes.
 */

const ROOT = join(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';

/** A staging-like user set: names that follow no pattern of the mock's. */
function named(role: MockUser['role'], name: string): MockUser {
  return { ...mockUser(role, 1), userName: name, password: `${name}-pw` };
}

test('report:check passes on a run against a non-mock target with its own user names, the single-file report included', async () => {
  test.skip(!existsSync(CHROMIUM), `report:check needs Chromium at ${CHROMIUM} (apt-get install -y --no-install-recommends chromium)`);
  test.setTimeout(240_000);
  const mock = await startMock({ users: [named('agent', 'mira.okafor'), named('supervisor', 'lead.tanaka'), named('caller', 'pstn.line7')] });
  try {
    const result = await runHarness('travel', { ...mockTarget(mock), GWS_PREFLIGHT: 'on', GWS_NOTIFICATION_TIMEOUT_MS: '10000' }, ['suites/sms/accept.spec.ts']);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Allure report in one file, opens from disk: .*allure-report\.html/);
    expect(existsSync(join(result.dir, 'allure-report.html'))).toBe(true);

    const args = [
      join(ROOT, 'scripts/render-check.ts'),
      '--report', join(result.dir, 'allure-report'),
      '--results', join(result.dir, 'results.json'),
      '--single', join(result.dir, 'allure-report.html'),
      '--out', result.dir,
      '--chromium', CHROMIUM,
    ];
    const check = await run(TSX_CLI, args, { quiet: true });
    expect(check.code, check.output).toBe(0);
    expect(check.output).toMatch(/opens with its steps \(e\.g\. "agent mira\.okafor: /);
    expect(check.output).toContain('opens from disk with the same tree');
  } finally {
    await mock.close();
  }
});

test("report:check's summary check: a page that links each operation and fits passes; a wide page without links fails, saying why", async () => {
  test.skip(!existsSync(CHROMIUM), `the check needs Chromium at ${CHROMIUM}`);
  const pages = ['https://docs.genesys.com/Documentation/GWS/8.5.2/API/SMSReject', 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSAccept'];
  const bundle = (name: string, body: string) => {
    const dir = test.info().outputPath(name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'results.json'), JSON.stringify({ verdict: 'conformant', operations: pages.map((page, i) => ({ operation: `op${i}`, page })) }));
    writeFileSync(join(dir, 'summary.html'), `<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><h1>GWS conformance certification</h1><p>verdict conformant</p>${body}</body></html>`);
    return dir;
  };
  const good = bundle('good', pages.map((p) => `<a href="${p}">${p.split('/').pop()}</a>`).join(' '));
  const bad = bundle('bad', `<table><tr><td style="white-space:nowrap">${'wide '.repeat(400)}</td></tr></table>`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const passed = await checkSummary(browser, good, join(good, 'shot.png'));
    expect(passed.problems).toEqual([]);
    expect(passed.notes.join('\n')).toContain('links all 2 documentation pages');
    const failed = await checkSummary(browser, bad, join(bad, 'shot.png'));
    expect(failed.problems).toEqual([
      expect.stringMatching(/overflows sideways/),
      expect.stringMatching(/does not link 2 of the 2 documentation pages/),
    ]);
  } finally {
    await browser.close();
  }
});
