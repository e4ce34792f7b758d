import { expect, test } from '@playwright/test';
import { smsStatus } from '../../helpers/cometd/sms-steps';
import { HarnessError } from '../../helpers/errors';
import { SmsInjector } from '../../helpers/gws/sms-injector';
import { silentReporter } from '../../helpers/gws/reporter';
import { failure, mockConfig, userOf, withMock } from './support';

/** A CometD session lost mid-test ends the waits on it at once, with the evidence, as a harness error. */


test('a session the server forgot (402 on /meta/connect) fails the pending wait at once, and later waits too', async () => {
  await withMock({}, async (mock) => {
    const agent = userOf(mock, 'agent', 1, mockConfig({ GWS_NOTIFICATION_TIMEOUT_MS: '20000' }));
    await agent.login();
    const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 2000 });
    try {
      const invited = await sms.inbound({ to: agent, text: 'hello' });
      const pending = agent.notifications.expect(smsStatus(invited.id, 'Chatting'));
      expect(mock.bayeux.dropSessionsOf(mock.users.find((u) => u.userName === agent.username)!.id)).toBe(1);
      const { error, ms } = await failure(pending);
      expect(error).toBeInstanceOf(HarnessError);
      expect((error as HarnessError).code).toBe('COMETD_SESSION_DROPPED');
      expect(error.message).toContain('the server no longer knows this CometD session');
      expect(error.message).toContain('402::session_unknown');
      expect(error.message).toContain(`✗ 1. StatusChange smssession=${invited.id} state=Chatting (awaited)`);
      expect(ms).toBeLessThan(3000);

      const later = await failure(agent.notifications.expect(smsStatus(invited.id, 'Chatting')));
      expect((later.error as HarnessError).code).toBe('COMETD_SESSION_DROPPED');
      expect(later.ms).toBeLessThan(100);
      const quiet = await failure(agent.notifications.expectQuiet(smsStatus(invited.id, 'Completed'), { forMs: 5000 }));
      expect((quiet.error as HarnessError).code).toBe('COMETD_SESSION_DROPPED');
      expect(quiet.ms).toBeLessThan(100);
      expect(agent.notifications.events.map((e) => e.what).join('\n')).toContain('session lost');

      // The session was accepted behind the lost CometD session: teardown asks the server for its state.
      await agent.sms.accept(invited.id, { nickname: 'M' });
    } finally {
      expect(await agent.teardown()).toEqual([]);
      await sms.close();
    }
    const state = (await (await fetch(`${mock.url}/mock/state`)).json()) as { smssessions: unknown[]; logins: unknown[] };
    expect(state).toMatchObject({ smssessions: [], logins: [] });
  });
});

test('a transport that stays down counts as a lost session after the grace period, not at the timeout', async () => {
  let agent: ReturnType<typeof userOf> | undefined;
  await withMock({}, async (mock) => {
    agent = userOf(mock, 'agent', 1, mockConfig({ GWS_NOTIFICATION_TIMEOUT_MS: '20000' }));
    await agent.login();
  });
  // The mock is gone: every long poll now fails.
  const { error, ms } = await failure(agent!.notifications.expect(smsStatus('0000Whatever0000', 'Chatting')));
  expect((error as HarnessError).code).toBe('COMETD_SESSION_DROPPED');
  expect(error.message).toMatch(/the CometD transport went down at \+\d+ ms and stayed down for 5000 ms/);
  expect(error.message).toContain('transport down');
  expect(ms).toBeLessThan(9000);
  agent!.notifications.stop();
  await agent!.session.close();
});
