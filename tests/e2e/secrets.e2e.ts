import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROLES } from '../../helpers/config';
import { startMock } from '../../mock/server';
import type { HttpSession } from '../../mock/state';
import { mockUser, userSetsOf } from '../../mock/users';
import { CHILD_RUN_TIMEOUT_MS, mockTarget, runHarness } from './support/harness-run';

/**
 * No secret in any output: a run with distinctive passwords, in which tests fail (so that failure
 * messages, HTTP logs and transcripts are written), leaves none of them, no Authorization value,
 * no cookie value and no CSRF token in the console, the Allure results, the HTML report, JUnit or
 * Playwright's own output.
 */

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A secret as it may appear: as is, URL-encoded, JSON-escaped, and inside base64 at any alignment. */
function forms(secret: string): string[] {
  const out = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.from('x'.repeat(shift) + secret).toString('base64');
    // Characters touched by the prefix or the padding differ with the context: keep the middle.
    out.add(encoded.slice(4, encoded.length - 4));
  }
  return [...out].filter((f) => f.length >= 8);
}

const SECRETS_SPECS = [
  'suites/sms/accept.spec.ts',
  'suites/platform/authentication.spec.ts',
  'suites/platform/csrf.spec.ts',
  'suites/platform/notifications.spec.ts',
  // Tests that add no kind of output the others do not write.
  '--grep-invert',
  "saveLAR|reaches the Ready agent|state change reaches the agent",
];

test('a failing run with distinctive passwords leaves no password, Authorization value, cookie or CSRF token in any output', async () => {
  test.setTimeout(CHILD_RUN_TIMEOUT_MS);
  const nonce = randomBytes(6).toString('hex');
  const users = [1, 2].flatMap((set) => ROLES.map((role) => mockUser(role, set, `Zq:7"x y%${role}${set}!${nonce}`)));
  const mock = await startMock({ users, faults: ['sms.accept.agent-not-listed', 'sms.error.extra-fields'] });
  const sessions: HttpSession[] = [];
  const create = mock.state.createHttpSession.bind(mock.state);
  mock.state.createHttpSession = (userId) => {
    const session = create(userId);
    sessions.push(session);
    return session;
  };
  try {
    // Failing SMS tests (transcripts, failure messages, HTTP logs) and the platform checks that send
    // wrong passwords, CSRF tokens and cookie-only CometD write every kind of output the suite has.
    const result = await runHarness('secrets', mockTarget(mock, 1), SECRETS_SPECS);
    expect(result.code, result.output.slice(-2000)).toBe(1);

    const secrets = new Map<string, string>();
    for (const set of userSetsOf(users)) {
      for (const { username, password } of Object.values(set)) {
        secrets.set(`password of ${username}`, password);
        secrets.set(`Basic credentials of ${username}`, Buffer.from(`${username}:${password}`).toString('base64'));
      }
    }
    for (const s of sessions) {
      secrets.set(`JSESSIONID ${s.id.slice(0, 4)}…`, s.id);
      secrets.set(`CSRF token ${s.csrfToken.slice(0, 4)}…`, s.csrfToken);
    }
    for (const header of mock.bayeux.seenCookies) {
      const browser = /BAYEUX_BROWSER=([^;\s]+)/.exec(header)?.[1];
      if (browser) secrets.set(`BAYEUX_BROWSER ${browser.slice(0, 4)}…`, browser);
    }
    expect(sessions.length, 'HTTP sessions the run opened').toBeGreaterThan(5);

    const outputs = new Map<string, string>([['console', result.output]]);
    for (const file of filesUnder(result.dir)) {
      if (file.endsWith('users.json')) continue;
      outputs.set(file.slice(result.dir.length + 1), readFileSync(file).toString('latin1'));
    }
    const kinds = [...outputs.keys()].join('\n');
    for (const part of ['allure-results/', 'allure-report/index.html', 'allure-report/data/', 'junit.xml', 'results.json']) expect(kinds).toContain(part);

    const leaks: string[] = [];
    for (const [what, secret] of secrets) {
      for (const form of forms(secret)) {
        for (const [where, text] of outputs) if (text.includes(form) || text.includes(Buffer.from(form).toString('latin1'))) leaks.push(`${what} in ${where}`);
      }
    }
    expect([...new Set(leaks)], 'secrets found in the outputs').toEqual([]);

    // The search is not vacuous: the outputs do carry the exchanges, redacted.
    const all = [...outputs.values()].join('\n');
    expect(all).toContain('"authorization": "[redacted]"');
    expect(all).toContain('JSESSIONID=[redacted]');
    expect(all).toContain('agent1');
  } finally {
    await mock.close();
  }
});
