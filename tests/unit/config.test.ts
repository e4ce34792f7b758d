import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadConfig } from '../../helpers/config';
import { ConfigError } from '../../helpers/errors';
import { PLAYWRIGHT_CLI, run } from '../../reports/lib/run';

const REAL = {
  GWS_BASE_URL: 'https://gws-staging.example.com/gws',
  GWS_TARGET_CONFIRM: 'gws-staging.example.com',
  GWS_AGENT_USERNAME: 'a',
  GWS_AGENT_PASSWORD: 'pa',
  GWS_SUPERVISOR_USERNAME: 's',
  GWS_SUPERVISOR_PASSWORD: 'ps',
  GWS_CALLER_USERNAME: 'c',
  GWS_CALLER_PASSWORD: 'pc',
};

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('without GWS_BASE_URL the embedded mock is the target, with the documented defaults', () => {
  const config = loadConfig({});
  expect(config.baseUrl).toBeUndefined();
  expect(config.userSets).toEqual([]);
  expect(config.smsChannel).toBe('smssession');
  expect([...config.features].sort()).toEqual(['api-multimedia', 'api-supervisor-monitoring', 'api-voice']);
  expect(config.quietWindowMs).toBe(1000);
  expect(config.notificationTimeoutMs).toBeLessThan(10_000);
  expect(config.cometdTransport).toBe('long-polling');
});

test('a real target takes its users from the variables and keeps its path prefix', () => {
  const config = loadConfig(REAL);
  expect(config.baseUrl?.href).toBe('https://gws-staging.example.com/gws');
  expect(config.notificationTimeoutMs).toBe(10_000);
  expect(config.userSets).toEqual([{ agent: { username: 'a', password: 'pa' }, supervisor: { username: 's', password: 'ps' }, caller: { username: 'c', password: 'pc' } }]);
});

const BAD: [string, Record<string, string>, string, RegExp][] = [
  ['a malformed URL', { GWS_BASE_URL: 'not a url' }, 'GWS_BASE_URL', /not a valid URL/],
  ['a non-http URL', { GWS_BASE_URL: 'ftp://127.0.0.1' }, 'GWS_BASE_URL', /http or https/],
  ['a non-numeric timeout', { GWS_NOTIFICATION_TIMEOUT_MS: '10s' }, 'GWS_NOTIFICATION_TIMEOUT_MS', /whole number/],
  ['a zero quiet window', { GWS_QUIET_WINDOW_MS: '0' }, 'GWS_QUIET_WINDOW_MS', /between 1 and/],
  ['an unknown feature', { GWS_FEATURES: 'api-voice,api-fax' }, 'GWS_FEATURES', /unknown feature "api-fax"/],
  ['an unknown transport', { GWS_COMETD_TRANSPORT: 'smoke-signals' }, 'GWS_COMETD_TRANSPORT', /long-polling, websocket or auto/],
  ['a bad TLS flag', { GWS_TLS_INSECURE: 'maybe' }, 'GWS_TLS_INSECURE', /true or false/],
  ['an unreadable CA file', { GWS_TLS_CA_FILE: '/nonexistent/ca.pem' }, 'GWS_TLS_CA_FILE', /cannot read/],
  ['an unreadable users file', { GWS_USERS_FILE: '/nonexistent/users.json' }, 'GWS_USERS_FILE', /cannot read/],
  ['a missing password', { ...REAL, GWS_SUPERVISOR_PASSWORD: '' }, 'GWS_SUPERVISOR_PASSWORD', /missing for supervisor "s"/],
  ['a missing user on a real target', { ...REAL, GWS_CALLER_USERNAME: '', GWS_CALLER_PASSWORD: '' }, 'GWS_CALLER_USERNAME', /is required/],
  ['a remote host without confirmation', { ...REAL, GWS_TARGET_CONFIRM: '' }, 'GWS_TARGET_CONFIRM', /must equal "gws-staging.example.com"/],
  ['a confirmation of another host', { ...REAL, GWS_TARGET_CONFIRM: 'prod.example.com' }, 'GWS_TARGET_CONFIRM', /must equal/],
];

for (const [what, env, variable, problem] of BAD) {
  test(`${what} is refused with one message naming ${variable}`, () => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(problem);
    expect(error.message).toMatch(/^\[harness:CONFIG_INVALID\] /);
    for (const secret of ['pa', 'ps', 'pc']) expect(error.message).not.toContain(`"${secret}"`);
  });
}

test('a users file that is not JSON is refused without quoting its content', ({}, testInfo) => {
  const file = join(testInfo.outputDir, 'users.json');
  mkdirSync(testInfo.outputDir, { recursive: true });
  writeFileSync(file, '[{"agent":{"username":"x","password":"TopSecret-123"}');
  const error = configError({ GWS_USERS_FILE: file });
  expect(error.message).toMatch(/is not valid JSON/);
  expect(error.message).not.toContain('TopSecret-123');
});

test('a users file with several sets gives one set per worker', ({}, testInfo) => {
  const file = join(testInfo.outputDir, 'users.json');
  mkdirSync(testInfo.outputDir, { recursive: true });
  const set = (n: number) => ({ agent: { username: `a${n}`, password: 'p' }, supervisor: { username: `s${n}`, password: 'p' }, caller: { username: `c${n}`, password: 'p' } });
  writeFileSync(file, JSON.stringify([set(1), set(2), set(3)]));
  expect(loadConfig({ GWS_USERS_FILE: file }).userSets).toHaveLength(3);
  writeFileSync(file, JSON.stringify([{ agent: { username: 'a' } }]));
  expect(configError({ GWS_USERS_FILE: file }).message).toMatch(/entry 0: "agent" needs a non-empty "username" and "password"/);
});

test('loopback targets need no confirmation', () => {
  for (const host of ['http://127.0.0.1:8090', 'http://localhost:1234', 'http://[::1]:80']) {
    expect(loadConfig({ ...REAL, GWS_BASE_URL: host, GWS_TARGET_CONFIRM: '' }).baseUrl?.href).toContain(new URL(host).host);
  }
});

const ENTRY_CASES: [string, Record<string, string>, string][] = [
  ['a non-numeric timeout', { GWS_NOTIFICATION_TIMEOUT_MS: 'soon' }, 'GWS_NOTIFICATION_TIMEOUT_MS: must be a whole number of milliseconds, got "soon"'],
  [
    'a missing password',
    {
      GWS_BASE_URL: 'http://127.0.0.1:9',
      GWS_AGENT_USERNAME: 'agent-x',
      GWS_AGENT_PASSWORD: 'Hunter2-secret',
      GWS_SUPERVISOR_USERNAME: 'sup-x',
      GWS_SUPERVISOR_PASSWORD: 'Hunter3-secret',
      GWS_CALLER_USERNAME: 'caller-x',
    },
    'GWS_CALLER_PASSWORD: is missing for caller "caller-x"',
  ],
];

for (const [what, env, message] of ENTRY_CASES) {
  test(`the conformance run stops on ${what} before any request, with one line and exit status 2`, async () => {
    const { code, output } = await run(PLAYWRIGHT_CLI, ['test', '--list'], { quiet: true, env: { ...process.env, ...env } });
    expect(code).toBe(2);
    const lines = output.split('\n').filter((l) => l.trim() && !/nodedir/.test(l));
    expect(lines).toEqual([`gws-conformance: configuration error: [harness:CONFIG_INVALID] ${message}`]);
    expect(output).not.toMatch(/Hunter\d-secret/);
  });
}
