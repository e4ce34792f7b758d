import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { TARGET_VARIABLES } from '../../helpers/config';
import { startMock } from '../../mock/server';
import { mockUser, userSetsOf } from '../../mock/users';
import { run, TSX_CLI } from '../../reports/lib/run';
import { stripAnsi } from '../../reports/lib/results';
import { mockLeftovers, mockTarget, runHarness, usersFile } from './support/harness-run';

/**
 * The preflight of `npm run conformance` against a target configured as a real one (a mock on
 * loopback through GWS_BASE_URL): each setting a staging team gets wrong ends the run in seconds,
 * before any test, with exit status 2 and one line naming the variable, and leaves nothing behind.
 */

const ROOT = join(__dirname, '../..');
const PROBE = ['suites/platform/errors.spec.ts', '--grep', 'without operationName'];
/**
 * Before any test, not after the minutes a whole run of failing tests takes. Unloaded it is a few
 * seconds, start-up included; the bound is generous because a loaded machine slows start-up tenfold.
 */
const FAST_MS = 90_000;
const ON = { GWS_PREFLIGHT: 'on' };

/** The lines of the preflight's report that name a variable. */
/** The parent's environment without anything that would choose a target or steer a test runner. */
function inherited(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(GWS_|TEST_|PW_|PLAYWRIGHT_|DOTENV_)/.test(k)) env[k] = v;
  return env;
}

const problemLines = (output: string) => output.split('\n').filter((l) => /^\s+GWS_[A-Z_]+.*: /.test(l)).map((l) => l.trim());

test('a password cut at # by an unquoted .env value: the login is refused in the preflight; quoted, the run goes ahead', async () => {
  const password = 'pa#ss-agent';
  const mock = await startMock({ users: [mockUser('agent', 1, password), mockUser('supervisor', 1), mockUser('caller', 1)] });
  try {
    const dir = test.info().outputPath('dotenv');
    const dotenv = join(dir, '.env');
    const base = mockTarget(mock);
    const set = userSetsOf(mock.users)[0]!;
    const lines = (agentPassword: string) =>
      [
        `GWS_BASE_URL=${mock.url}`,
        `GWS_AGENT_USERNAME=agent1`,
        `GWS_AGENT_PASSWORD=${agentPassword}`,
        `GWS_SUPERVISOR_USERNAME=${set.supervisor.username}`,
        `GWS_SUPERVISOR_PASSWORD=${set.supervisor.password}`,
        `GWS_CALLER_USERNAME=${set.caller.username}`,
        `GWS_CALLER_PASSWORD=${set.caller.password}`,
        `GWS_SMS_INJECT_URL=${base.GWS_SMS_INJECT_URL}`,
      ].join('\n') + '\n';
    // The child reads this .env (DOTENV_CONFIG_PATH); none of its variables is set in its environment.
    const runWith = async (name: string, content: string) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(dotenv, content);
      const reports = test.info().outputPath(`run-${name}`);
      const env = inherited();
      for (const name of TARGET_VARIABLES) delete env[name];
      Object.assign(env, { FORCE_COLOR: '0', NO_COLOR: '1', GWS_REPORTS_DIR: reports, GWS_NOTIFICATION_TIMEOUT_MS: '3000', DOTENV_CONFIG_PATH: dotenv });
      const started = Date.now();
      const child = await run(TSX_CLI, [join(ROOT, 'scripts/conformance.ts'), ...PROBE], { env, quiet: true });
      return { ...child, output: stripAnsi(child.output), ms: Date.now() - started, reports };
    };

    const cut = await runWith('cut', lines(password));
    expect(cut.code, cut.output).toBe(2);
    expect(problemLines(cut.output)).toEqual([
      expect.stringMatching(/^GWS_AGENT_PASSWORD: agent agent1: GET \/api\/v2\/me answered HTTP 401, statusCode 20 .*put a value that contains # .* in quotes/),
    ]);
    expect(cut.output).toContain('no test was started');
    expect(existsSync(join(cut.reports, 'results.json')), 'no test ran').toBe(false);
    expect(cut.ms).toBeLessThan(FAST_MS);
    expect(cut.output).not.toContain(password);

    const quoted = await runWith('quoted', lines(`"${password}"`));
    expect(quoted.code, quoted.output).toBe(0);
    expect(quoted.output).toMatch(/preflight: ok in \d+ ms/);
    expect(await mockLeftovers(mock), 'what the preflight and the run left in the mock').toEqual({});
  } finally {
    await mock.close();
  }
});

test('a wrong GWS_SMS_CHANNEL: one line naming it, with the channels the server put in the session; exit 2 before any test', async () => {
  const mock = await startMock();
  try {
    const result = await runHarness('wrong-channel', { ...mockTarget(mock, 2), ...ON, GWS_SMS_CHANNEL: 'sms' }, PROBE);
    expect(result.code, result.output).toBe(2);
    const lines = problemLines(result.output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GWS_SMS_CHANNEL: \w+ \w+: Ready on sms failed \(HTTP \d+, statusCode 6 .*holds the channels: voice \(the same for .*\)$/);
    expect(result.report, 'no test ran').toBeUndefined();
    expect(await mockLeftovers(mock), 'the contact-center sessions the preflight started are ended').toEqual({});
  } finally {
    await mock.close();
  }
});

test('an unreachable target: GWS_BASE_URL named with ECONNREFUSED, exit 2 in seconds, no test run', async () => {
  const mock = await startMock();
  const env = { ...mockTarget(mock), ...ON };
  await mock.close();
  const started = Date.now();
  const result = await runHarness('unreachable-preflight', env, []);
  expect(result.code, result.output).toBe(2);
  expect(problemLines(result.output)).toEqual([expect.stringMatching(/^GWS_BASE_URL: GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/diagnostics\/version: target unreachable \(ECONNREFUSED\)$/)]);
  expect(result.report, 'no test ran').toBeUndefined();
  expect(Date.now() - started).toBeLessThan(FAST_MS);
});

test('every login refused: each user named in one line, all at once, exit 2, no test run', async () => {
  const mock = await startMock();
  try {
    const env = mockTarget(mock, 2);
    const sets = userSetsOf(mock.users).slice(0, 2).map((s) => ({
      agent: { ...s.agent, password: 'wrong-1' },
      supervisor: { ...s.supervisor, password: 'wrong-2' },
      caller: { ...s.caller, password: 'wrong-3' },
    }));
    const file = usersFile(test.info().outputPath(), sets);
    const result = await runHarness('all-refused', { ...env, ...ON, GWS_USERS_FILE: file }, []);
    expect(result.code, result.output).toBe(2);
    const lines = problemLines(result.output);
    expect(lines).toHaveLength(6);
    for (const [i, set] of sets.entries()) {
      for (const role of ['agent', 'supervisor', 'caller'] as const) {
        expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^GWS_USERS_FILE \\(set ${i + 1}, ${role} "${set[role].username}"\\): .*statusCode 20`)));
      }
    }
    expect(result.report, 'no test ran').toBeUndefined();
    expect(result.output).not.toMatch(/wrong-\d/);
  } finally {
    await mock.close();
  }
});

test('several problems at once: a refused supervisor and an injector that answers 404, each its own line', async () => {
  const mock = await startMock();
  try {
    const env = mockTarget(mock);
    const set = userSetsOf(mock.users)[0]!;
    const file = usersFile(test.info().outputPath(), [{ ...set, supervisor: { ...set.supervisor, password: 'not-it' } }]);
    const result = await runHarness('several', { ...env, ...ON, GWS_USERS_FILE: file, GWS_SMS_INJECT_URL: `${mock.url}/mock/sms/nowhere` }, []);
    expect(result.code, result.output).toBe(2);
    const lines = problemLines(result.output);
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(expect.stringMatching(/^GWS_USERS_FILE \(set 1, supervisor "supervisor1"\): .*HTTP 401, statusCode 20/));
    expect(lines).toContainEqual(expect.stringMatching(/^GWS_SMS_INJECT_URL: POST http:\/\/127\.0\.0\.1:\d+\/mock\/sms\/nowhere .* answered HTTP 404/));
    expect(await mockLeftovers(mock)).toEqual({});
  } finally {
    await mock.close();
  }
});

test('npm run preflight on a sound target: exit 0, the injected SMS rejected and every session ended', async () => {
  const mock = await startMock();
  try {
    const env: NodeJS.ProcessEnv = { ...inherited(), ...mockTarget(mock, 2), FORCE_COLOR: '0' };
    const child = await run(TSX_CLI, [join(ROOT, 'scripts/preflight.ts')], { env, quiet: true });
    expect(child.code, child.output).toBe(0);
    expect(child.output).toContain('ok: the target answers GET /api/v2/diagnostics/version');
    expect(child.output).toMatch(/ok: the SMS injector delivered an SMS that agent agent1 was offered \(session \w+, rejected again\)/);
    expect(child.output).toMatch(/preflight: ok in \d+ ms: 8 checks passed/);
    expect(await mockLeftovers(mock)).toEqual({});
  } finally {
    await mock.close();
  }
});

test('once every login is refused mid-run, the run stops early with exit 2 instead of failing every test', async () => {
  const mock = await startMock();
  try {
    const set = userSetsOf(mock.users)[0]!;
    const file = usersFile(test.info().outputPath(), [{ ...set, agent: { ...set.agent, password: 'refused' }, caller: { ...set.caller, password: 'refused' } }]);
    // The preflight would stop this before the first test: here it is off, as if the passwords changed during the run.
    const result = await runHarness('early-stop', { ...mockTarget(mock), GWS_USERS_FILE: file }, ['suites/sms', '--workers=1']);
    expect(result.code, result.output).toBe(2);
    expect(result.output).toMatch(/stopped early: the login of every user set in use \(1\) was refused \(statusCode 20\); \d+ tests did not run/);
    expect(result.output).toContain('verdict: COULD NOT RUN');
    const ran = result.outcomes.filter((o) => o.status !== 'skipped');
    expect(ran.length, 'tests that ran before the stop').toBeLessThan(5);
    expect(result.outcomes.length, 'the SMS suites hold many more tests').toBeGreaterThan(10);
    const record = JSON.parse(readFileSync(join(result.dir, 'run.json'), 'utf8')) as { verdict: string; counts: Record<string, number>; notApplicable: unknown[] };
    expect(record.verdict).toBe('could-not-run');
    // The tests the stop cut off did not run: never counted as not applicable.
    expect(record.counts['not-run'], 'tests that did not run').toBe(result.outcomes.length - ran.length);
    expect(record.notApplicable).toEqual([]);
    expect(result.output).toMatch(new RegExp(`${record.counts['not-run']} did not run`));
  } finally {
    await mock.close();
  }
});
