import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMock } from '../../mock/server';
import { mockUser, type MockUser } from '../../mock/users';
import { run, TSX_CLI } from '../../scripts/run';
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
    const result = await runHarness('travel', { ...mockTarget(mock), GWS_PREFLIGHT: 'on' }, ['suites/sms/accept.spec.ts']);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/Allure report in one file, opens from disk: .*allure-report\.html/);
    expect(existsSync(join(result.dir, 'allure-report.html'))).toBe(true);

    const args = [
      join(ROOT, 'reports/render-check.ts'),
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
