import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMock } from '../../mock/server';
import { bayeuxMessages, startFaultProxy, type Rule } from './support/fault-proxy';
import { attachmentsOf, mockLeftovers, mockTarget, outcome, runHarness } from './support/harness-run';

/**
 * The harness under faults of the target: each ends as a clear verdict with its evidence attached,
 * set-up problems as harness errors with exit status 2, never as non-conformance; and teardown
 * still leaves the mock empty.
 */

/** A test that logs the agent in, sends one request under test, and cleans up. */
const PROBE = { id: 'platform.errors.missing-parameter', args: ['suites/platform/errors.spec.ts', '--grep', 'without operationName'] };
/** A test that injects an SMS and waits on notifications. */
const SMS_PROBE = { id: 'platform.errors.invalid-state', args: ['suites/platform/errors.spec.ts', '--grep', 'Complete while Invited'] };

const HTML = '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
const isStart = (r: { method: string; path: string; json: unknown }) =>
  r.method === 'POST' && r.path === '/api/v2/me' && (r.json as { operationName?: string } | undefined)?.operationName === 'StartContactCenterSession';
const isProbeRequest = (r: { method: string; path: string; body: string }) => r.method === 'POST' && r.path === '/api/v2/me' && r.body === '{}';

interface Fault {
  name: string;
  rules: Rule[];
  probe?: typeof PROBE;
  timeoutMs?: string;
  /** The verdict the probe test must end with. */
  verdict: 'harness-error' | 'nonconformance';
  code: string;
  /** What the attached evidence must show. */
  evidence: RegExp;
  exit: 1 | 2;
}

const FAULTS: Fault[] = [
  {
    name: 'connection reset',
    rules: [(r) => (r.path.startsWith('/api/v2/me/devices') ? { kind: 'reset' } : undefined)],
    verdict: 'harness-error',
    code: 'CONNECTION_RESET',
    evidence: /the connection was closed by the target/,
    exit: 2,
  },
  {
    name: 'a 503 page during set-up',
    rules: [(r) => (isStart(r) ? { kind: 'respond', status: 503, contentType: 'text/html', body: HTML } : undefined)],
    verdict: 'harness-error',
    code: 'TARGET_ERROR',
    evidence: /HTTP 503 with text\/html/,
    exit: 2,
  },
  {
    name: 'a 502 page on the request under test',
    rules: [(r) => (isProbeRequest(r) ? { kind: 'respond', status: 502, contentType: 'text/html', body: HTML } : undefined)],
    verdict: 'harness-error',
    code: 'TARGET_ERROR',
    evidence: /Bad Gateway/,
    exit: 2,
  },
  {
    name: 'an HTML page instead of JSON during set-up',
    rules: [(r) => (r.method === 'GET' && r.path === '/api/v2/me' ? { kind: 'respond', status: 200, contentType: 'text/html', body: '<html><body>Please log in</body></html>' } : undefined)],
    verdict: 'harness-error',
    code: 'SETUP_FAILED',
    evidence: /Please log in/,
    exit: 2,
  },
  {
    name: 'an HTML page instead of JSON on the request under test',
    rules: [(r) => (isProbeRequest(r) ? { kind: 'respond', status: 200, contentType: 'text/html', body: '<html><body>ok</body></html>' } : undefined)],
    verdict: 'nonconformance',
    code: 'NOT_JSON',
    evidence: /<html><body>ok<\/body><\/html>/,
    exit: 1,
  },
  {
    name: 'a reply slower than the timeout',
    rules: [(r) => (r.path.startsWith('/api/v2/me/devices') ? { kind: 'delay', ms: 2500 } : undefined)],
    timeoutMs: '1000',
    verdict: 'harness-error',
    code: 'REQUEST_TIMEOUT',
    evidence: /no reply within 1000 ms/,
    exit: 2,
  },
  {
    name: 'a refused CometD handshake',
    rules: [
      (r) => {
        const handshake = bayeuxMessages(r).find((m) => m.channel === '/meta/handshake');
        if (!handshake) return undefined;
        const body = JSON.stringify([{ id: handshake.id, channel: '/meta/handshake', successful: false, error: '403::Handshake denied by policy', advice: { reconnect: 'none' } }]);
        return { kind: 'respond', status: 200, body };
      },
    ],
    verdict: 'harness-error',
    code: 'COMETD_HANDSHAKE_REFUSED',
    evidence: /handshake refused: 403::Handshake denied by policy/,
    exit: 2,
  },
];

for (const fault of FAULTS) {
  test(`${fault.name}: ${fault.verdict} ${fault.code}, exit status ${fault.exit}, evidence attached, nothing left behind`, async () => {
    const mock = await startMock();
    const proxy = await startFaultProxy(mock.url, fault.rules);
    try {
      const env = { ...mockTarget(mock, 1, proxy.url, `${proxy.url}/mock/sms/inject`), ...(fault.timeoutMs ? { GWS_NOTIFICATION_TIMEOUT_MS: fault.timeoutMs } : {}) };
      const probe = fault.probe ?? PROBE;
      const result = await runHarness(fault.code.toLowerCase(), env, probe.args);
      const verdict = outcome(result, probe.id);
      expect(verdict.verdict, verdict.message).toBe(fault.verdict);
      expect(verdict.message).toContain(`[${fault.verdict === 'harness-error' ? 'harness' : 'nonconformance'}:${fault.code}]`);
      expect(result.code, result.output.slice(-2000)).toBe(fault.exit);
      expect(result.output).toContain(fault.exit === 2 ? 'verdict: COULD NOT RUN' : 'verdict: NON-CONFORMANT');
      const evidence = attachmentsOf(result, probe.id).map((a) => `${a.name}\n${a.body}`).join('\n');
      expect(evidence).toMatch(fault.evidence);
      expect(readFileSync(join(result.dir, 'junit.xml'), 'utf8')).toContain(`:${fault.code}]`);
      expect(await mockLeftovers(mock), 'what the run left in the mock').toEqual({});
    } finally {
      await proxy.close();
      await mock.close();
    }
  });
}

test('an unreachable target: harness error TARGET_UNREACHABLE, exit status 2, the failed exchange attached', async () => {
  const mock = await startMock();
  const env = mockTarget(mock);
  await mock.close();
  const result = await runHarness('unreachable', env, PROBE.args);
  const verdict = outcome(result, PROBE.id);
  expect(verdict.verdict).toBe('harness-error');
  expect(verdict.message).toMatch(/\[harness:TARGET_UNREACHABLE\] GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/me: target unreachable \(ECONNREFUSED\)/);
  expect(result.code).toBe(2);
  expect(attachmentsOf(result, PROBE.id).find((a) => a.name === 'http-agent.json')?.body).toContain('ECONNREFUSED');
});

test('a CometD session dropped mid-test: harness error COMETD_SESSION_DROPPED at once, the CometD events attached, the SMS session ended', async () => {
  const mock = await startMock();
  let dropped = 0;
  const proxy = await startFaultProxy(mock.url, [
    (r) =>
      r.path === '/mock/sms/inject'
        ? { kind: 'forward', after: () => void (dropped += mock.users.reduce((n, u) => n + mock.bayeux.dropSessionsOf(u.id), 0)) }
        : undefined,
  ]);
  try {
    const env = { ...mockTarget(mock, 1, proxy.url, `${proxy.url}/mock/sms/inject`), GWS_NOTIFICATION_TIMEOUT_MS: '10000' };
    const result = await runHarness('dropped', env, SMS_PROBE.args);
    const verdict = outcome(result, SMS_PROBE.id);
    expect(dropped).toBeGreaterThan(0);
    expect(verdict.verdict, verdict.message).toBe('harness-error');
    expect(verdict.message).toContain('[harness:COMETD_SESSION_DROPPED]');
    expect(verdict.message).toContain('402::session_unknown');
    expect(verdict.durationMs, 'the test ended at once, not at the 10 s notification timeout').toBeLessThan(8000);
    expect(result.code).toBe(2);
    expect(attachmentsOf(result, SMS_PROBE.id).find((a) => a.name === 'cometd-events-agent.json')?.body).toContain('session lost');
    expect(await mockLeftovers(mock), 'what the run left in the mock').toEqual({});
  } finally {
    await proxy.close();
    await mock.close();
  }
});

test('a teardown the target refuses: harness error CLEANUP_FAILED although the check passed, exit status 2, the problem attached', async () => {
  const mock = await startMock();
  const proxy = await startFaultProxy(mock.url, [
    (r) =>
      (r.json as { operationName?: string } | undefined)?.operationName === 'EndContactCenterSession'
        ? { kind: 'respond', status: 200, body: '{"statusCode":4,"statusMessage":"Internal error"}' }
        : undefined,
  ]);
  try {
    const result = await runHarness('cleanup', mockTarget(mock, 1, proxy.url, `${proxy.url}/mock/sms/inject`), PROBE.args);
    const verdict = outcome(result, PROBE.id);
    expect(verdict.verdict, verdict.message).toBe('harness-error');
    expect(verdict.message).toContain('[harness:CLEANUP_FAILED] teardown could not undo everything the test created');
    expect(verdict.message).toContain('EndContactCenterSession answered {"statusCode":4');
    expect(result.code).toBe(2);
    expect(attachmentsOf(result, PROBE.id).find((a) => a.name === 'cleanup-problems-agent.txt')?.body).toContain('EndContactCenterSession');
    // The debris is real, and reported rather than hidden.
    expect(Object.keys(await mockLeftovers(mock))).toEqual(['logins']);
  } finally {
    await proxy.close();
    await mock.close();
  }
});
