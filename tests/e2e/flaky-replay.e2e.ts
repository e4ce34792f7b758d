import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMock, type MockHandle } from '../../mock/server';
import { userSetsOf } from '../../mock/users';
import { run, TSX_CLI } from '../../reports/lib/run';
import type { RerunRecord } from '../../reports/lib/flaky';
import type { RunRecord, TestRecord } from '../../reports/lib/record';
import { attachmentsOf, mockTarget, runHarness, type HarnessRun } from './support/harness-run';

/**
 * A failed test is run once more, alone: a target that accepts an unknown SMS session every time
 * fails the test twice (reproducible); one that does so only the first time fails it once (flaky),
 * and the gate fails unless flaky tests are allowed. The failed test carries a replay file, and
 * `npm run replay` with it prints the conversation as curl commands, without the passwords.
 */

// Each run is a whole harness run and its rerun, on a machine that may be busy.
test.setTimeout(600_000);

const ID = 'sms.accept.unknown-id-refused';
const FAULT = 'sms.accept.unknown-id-succeeds';

/**
 * A run of that one test against a mock whose fault fires `times` times, then no more: an Accept
 * of an unknown session id answers statusCode 0 while it fires.
 */
async function runAgainst(name: string, times: number, args: string[] = [], then?: (mock: MockHandle, result: HarnessRun) => Promise<void>) {
  const mock = await startMock();
  let fired = 0;
  const switches = mock.state.faults as Set<string>;
  const on = switches.has.bind(switches);
  switches.has = (which) => (which === FAULT && fired < times ? ++fired > 0 : on(which));
  try {
    const result = await runHarness(name, mockTarget(mock, 1), ['suites/sms/accept.spec.ts', '--grep', 'unknown session id', ...args], { rerun: true });
    const record = JSON.parse(readFileSync(join(result.dir, 'run.json'), 'utf8')) as RunRecord & { reruns: { flaky: string[]; reproducible: string[] } };
    const test = record.tests.find((t) => t.id === ID) as TestRecord & { rerun?: RerunRecord };
    await then?.(mock, result);
    return { result, record, test, fired };
  } finally {
    await mock.close();
  }
}

/** The Allure results of one test id: every attempt. */
function allureAttempts(dir: string, id: string): { status: string; labels: { name: string; value: string }[]; statusDetails?: { flaky?: boolean } }[] {
  const folder = join(dir, 'allure-results');
  return readdirSync(folder)
    .filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as { status: string; labels: { name: string; value: string }[] })
    .filter((r) => r.labels.some((l) => l.name === 'gwsId' && l.value === id));
}

test('a failure that happens again when the test runs alone is reproducible, with both attempts in Allure and JUnit', async () => {
  let replayed = { code: -1, output: '', password: '' };
  const { result, record, test: t, fired } = await runAgainst('reproducible', Infinity, [], async (mock, run1) => {
    // The replay file of the failed test, replayed against the same mock (its fault still on).
    const attached = attachmentsOf(run1, ID).find((a) => a.name === 'replay.json');
    expect(attached, 'the failed test carries replay.json').toBeDefined();
    const file = join(run1.dir, 'replay.json');
    writeFileSync(file, attached!.body);
    const set = userSetsOf(mock.users)[0]!;
    const env: NodeJS.ProcessEnv = { FORCE_COLOR: '0', NO_COLOR: '1', GWS_REPORTS_DIR: run1.dir, GWS_BASE_URL: mock.url, GWS_SMS_INJECT_URL: mock.smsInjectUrl };
    for (const role of ['agent', 'supervisor', 'caller'] as const) {
      env[`GWS_${role.toUpperCase()}_USERNAME`] = set[role].username;
      env[`GWS_${role.toUpperCase()}_PASSWORD`] = set[role].password;
    }
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GWS_|TEST_|PW_|PLAYWRIGHT_)/.test(k)));
    replayed = { ...(await run(TSX_CLI, [join(__dirname, '../../scripts/replay.ts'), file], { quiet: true, env: { ...clean, ...env } })), password: set.agent.password };
  });
  expect(t.code).toBeTruthy();
  expect(result.code, result.output.slice(-3000)).toBe(1);
  // The run, its second attempt, and the replay.
  expect(fired).toBe(3);
  expect(t.verdict).toBe('failed');
  expect(t.rerun).toMatchObject({ verdict: 'reproducible', attempt: { verdict: 'failed', code: t.code } });
  expect(record.reruns.reproducible).toEqual([ID]);
  expect(record.reruns.flaky).toEqual([]);
  expect(result.output).toContain(`reproducible (failed again alone, same code): ${ID}`);
  const attempts = allureAttempts(result.dir, ID);
  expect(attempts.map((a) => a.status)).toEqual(['failed', 'failed']);
  for (const a of attempts) expect(a.labels).toContainEqual({ name: 'gwsRerun', value: 'reproducible' });
  expect(readFileSync(join(result.dir, 'junit.xml'), 'utf8')).toMatch(/<property name="gws.rerun" value="reproducible"\/>/);

  // The replay: the same failure, the conversation as curl commands and notifications, no password.
  expect(replayed.code, replayed.output.slice(-3000)).toBe(1);
  expect(replayed.output).toMatch(/\$ curl -sS -i -X POST -u "\$GWS_AGENT_USERNAME:\$GWS_AGENT_PASSWORD" .*Accept.*0000NoSuchSMS000/);
  expect(replayed.output).toMatch(/ {2}← HTTP 200 in [\d.]+ ms: \{"statusCode":0\}/);
  expect(replayed.output).toMatch(/ {2}⇐ agent \S+ notification #1 on \/v2\/me\//);
  expect(replayed.output).not.toContain(replayed.password);
});

test('a failure that does not happen again is flaky: it fails the gate, unless --allow-flaky', async () => {
  const strict = await runAgainst('flaky', 1);
  expect(strict.result.code, strict.result.output.slice(-3000)).toBe(1);
  expect(strict.fired).toBe(1);
  expect(strict.test.rerun).toMatchObject({ verdict: 'flaky', attempt: { verdict: 'passed' } });
  expect(strict.record.reruns.flaky).toEqual([ID]);
  expect(strict.result.output).toMatch(new RegExp(`flaky \\(failed, then fails the gate; --allow-flaky lets it pass\\):\\n\\s+${ID.replace(/\./g, '\\.')}: failed`));
  const attempts = allureAttempts(strict.result.dir, ID);
  expect(attempts.map((a) => a.status).sort()).toEqual(['failed', 'passed']);
  expect(attempts.find((a) => a.status === 'passed')!.statusDetails?.flaky).toBe(true);
  expect(readFileSync(join(strict.result.dir, 'junit.xml'), 'utf8')).toMatch(/<testcase name="[^"]*\[flaky\]"/);

  const allowed = await runAgainst('flaky-allowed', 1, ['--allow-flaky']);
  expect(allowed.result.code, allowed.result.output.slice(-3000)).toBe(0);
  expect(allowed.record.verdict).toBe('conformant');
  expect(allowed.test.rerun?.verdict).toBe('flaky');
  expect(allowed.result.output).toContain('flaky (failed, then allowed by --allow-flaky)');
});
