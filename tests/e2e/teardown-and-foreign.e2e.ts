import { expect, test } from '@playwright/test';
import { startMock } from '../../mock/server';
import { startFaultProxy } from './support/fault-proxy';
import { CHILD_RUN_TIMEOUT_MS, mockLeftovers, mockTarget, runHarness } from './support/harness-run';

/**
 * Teardown runs after every failure and the harness acts only on what it created: after a run in
 * which tests fail on purpose the mock holds nothing the harness left; SMS sessions offered to the
 * same agent by someone else, before a test starts and during it, are never touched.
 */

const TEARDOWN_SPECS = ['suites/sms/accept.spec.ts', 'suites/platform/errors.spec.ts', 'suites/voice/barge-in.spec.ts'];

test('after a run whose tests fail on purpose, at different points, the mock holds no session, login or call of the harness', async () => {
  test.setTimeout(CHILD_RUN_TIMEOUT_MS);
  const mock = await startMock({ faults: ['sms.accept.wrong-order', 'sms.accept.agent-not-listed', 'sms.reject.no-completed', 'sms.accept.twice-succeeds', 'sms.error.extra-fields'] });
  try {
    // Failures in SMS set-up, mid-sequence and on refusals, beside passing monitoring and voice tests:
    // every kind of thing a test creates (sessions, logins, monitoring, calls) goes through teardown.
    const result = await runHarness('teardown', mockTarget(mock, 1), TEARDOWN_SPECS);
    const failed = result.outcomes.filter((o) => o.verdict === 'nonconformance');
    expect(failed.length, result.output.slice(-3000)).toBeGreaterThanOrEqual(6);
    expect(result.outcomes.filter((o) => o.verdict === 'harness-error'), 'harness errors').toEqual([]);
    expect(result.code).toBe(1);
    expect(await mockLeftovers(mock), 'what the run left in the mock').toEqual({});
  } finally {
    await mock.close();
  }
});

test('SMS sessions of someone else on the same agent, offered before the test and during it, are never accepted, rejected or completed', async () => {
  test.setTimeout(CHILD_RUN_TIMEOUT_MS);
  const mock = await startMock();
  const agent = mock.users.find((u) => u.userName === 'agent1')!;
  const basic = `Basic ${Buffer.from(`${agent.userName}:${agent.password}`).toString('base64')}`;
  const foreign: string[] = [];
  const delivered = new Map<string, () => void>();
  const offerForeign = () => {
    const session = mock.sms.inject({ agent: agent.userName, from: '+15559999', nickname: 'SomeoneElse', text: 'not yours' });
    foreign.push(session.id);
    return session.id;
  };
  const proxy = await startFaultProxy(mock.url, [
    // Once the agent is Ready on SMS, someone else's session is offered; the Ready reply is held
    // until its Invited has gone out to the agent, so the test starts with it in its transcript.
    (r) =>
      r.method === 'POST' && r.path === '/api/v2/me/channels/smssession' && r.headers.authorization === basic
        ? {
            kind: 'forward',
            after: async () => {
              const id = offerForeign();
              await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, 5000);
                delivered.set(id, () => {
                  clearTimeout(timer);
                  resolve();
                });
              });
            },
          }
        : undefined,
    // And one more while the test accepts its own session.
    (r) =>
      r.method === 'POST' && r.path.startsWith('/api/v2/me/smssessions/') && (r.json as { operationName?: string })?.operationName === 'Accept'
        ? { kind: 'forward', after: () => void offerForeign() }
        : undefined,
    (r) =>
      r.path.startsWith('/api/v2/notifications')
        ? {
            kind: 'forward',
            after: (response) => {
              for (const [id, release] of delivered) if (response.body.includes(id)) release();
            },
          }
        : undefined,
  ]);
  try {
    const result = await runHarness('foreign', mockTarget(mock, 1, proxy.url, `${proxy.url}/mock/sms/inject`), ['suites/sms', 'suites/platform/errors.spec.ts']);
    expect(result.code, result.output.slice(-3000)).toBe(0);
    expect(foreign.length).toBeGreaterThanOrEqual(5);
    for (const id of foreign) {
      expect(mock.sms.sessions.get(id)?.parties.get(agent.id)?.state, `foreign session ${id}`).toBe('Invited');
      const touched = proxy.log.filter((entry) => entry.path.includes(id) || entry.body.includes(id));
      expect(touched.map((e) => `${e.method} ${e.path} ${e.body}`), `requests naming foreign session ${id}`).toEqual([]);
    }
    const left = await mockLeftovers(mock);
    const harnessLeft = ((left.smssessions ?? []) as { id: string }[]).filter((s) => !foreign.includes(s.id));
    expect(harnessLeft, 'SMS sessions of the harness left behind').toEqual([]);
    expect(left.logins ?? [], 'logins left behind').toEqual([]);
  } finally {
    await proxy.close();
    await mock.close();
  }
});
