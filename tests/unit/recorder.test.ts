import { expect, test } from '@playwright/test';
import { SmsInjector } from '../../helpers/gws/sms-injector';
import { silentReporter } from '../../helpers/gws/reporter';
import { NotificationRecorder } from '../../helpers/cometd/recorder';
import { anySmsNotification, smsNewMessages, smsParticipantsUpdated, smsStatus } from '../../helpers/cometd/sms-steps';
import { HarnessError, NonConformance } from '../../helpers/errors';
import { apiUrl } from '../../helpers/config';
import { failure, faults, mockConfig, userOf, withMock } from './support';

function injector(url: string) {
  return new SmsInjector(new URL(url), silentReporter, { timeoutMs: 2000 });
}


test('the session cookie and the server-set BAYEUX_BROWSER cookie both reach the CometD endpoint', async () => {
  await withMock({}, async (mock) => {
    const agent = userOf(mock, 'agent');
    await agent.login();
    try {
      const seen = agent.notifications.expect({ describe: 'channel state', kind: (n) => n.channel === '/v2/me/channels', verify: () => [] });
      await agent.session.post('/me/channels/smssession', { operationName: 'NotReady' });
      await seen;
      const withBrowser = mock.bayeux.seenCookies.filter((c) => c.includes('BAYEUX_BROWSER='));
      expect(withBrowser.length, 'requests after the server set its cookie').toBeGreaterThan(0);
      for (const header of withBrowser) expect(header).toMatch(/JSESSIONID=[0-9A-F]+/);
    } finally {
      await agent.teardown();
    }
  });
});

test('a refused handshake is a harness error at once, not a silent retry loop', async () => {
  await withMock({}, async (mock) => {
    const recorder = new NotificationRecorder({
      url: apiUrl(new URL(mock.url), '/notifications'),
      user: 'nobody',
      authorization: `Basic ${Buffer.from('agent1:wrong-password').toString('base64')}`,
      cookies: () => [],
      csrf: () => undefined,
      transport: 'long-polling',
      timeoutMs: 5000,
      quietWindowMs: 100,
    });
    const { error, ms } = await failure(recorder.connect());
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as HarnessError).code).toBe('COMETD_HANDSHAKE_REFUSED');
    expect(error.message).toContain('403::handshake_denied');
    expect(ms).toBeLessThan(2000);
  });
});

test('an unreachable notification endpoint is reported with what was tried', async () => {
  const recorder = new NotificationRecorder({
    url: 'http://127.0.0.1:9/api/v2/notifications',
    user: 'agent x',
    authorization: 'Basic eDp5',
    cookies: () => [],
    csrf: () => undefined,
    transport: 'long-polling',
    timeoutMs: 1500,
    quietWindowMs: 100,
  });
  const { error } = await failure(recorder.connect());
  expect((error as HarnessError).code).toBe('COMETD_FAILURE');
  expect(error.message).toMatch(/no subscribe acknowledgement .* within 5000 ms \(.*transport down/);
});

test('a notification about the awaited session that differs from the step fails once the target is quiet, long before the timeout', async () => {
  await withMock({ faults: faults('sms.accept.agent-not-listed') }, async (mock) => {
    const agent = userOf(mock, 'agent', 1, mockConfig({ GWS_NOTIFICATION_TIMEOUT_MS: '20000' }));
    await agent.login();
    try {
      const invited = await injector(mock.smsInjectUrl).inbound({ to: agent, text: 'hi' });
      const seen = agent.notifications.expect(
        smsStatus(invited.id, 'Chatting'),
        smsParticipantsUpdated(invited.id, [{ role: 'the agent', type: 'Agent', nickname: 'Marat' }]),
      );
      await agent.sms.accept(invited.id, { nickname: 'Marat' });
      const { error, ms } = await failure(seen);
      expect((error as NonConformance).code).toBe('NOTIFICATION_CONTRADICTS');
      expect(error.message).toContain('no participant for the agent (Agent "Marat")');
      expect(error.message).toMatch(/settle window \d+ ms/);
      expect(error.message).toContain('✓ 1. StatusChange');
      expect(ms).toBeLessThan(10_000);
    } finally {
      await agent.teardown();
    }
  });
});

test('a later step arriving first fails the wait at once as out of order', async () => {
  await withMock({ faults: faults('sms.accept.wrong-order') }, async (mock) => {
    const agent = userOf(mock, 'agent');
    await agent.login();
    try {
      const invited = await injector(mock.smsInjectUrl).inbound({ to: agent, text: 'hi' });
      const seen = agent.notifications.expect(
        smsStatus(invited.id, 'Chatting'),
        smsParticipantsUpdated(invited.id, [{ role: 'the customer', type: 'Customer' }]),
        smsNewMessages(invited.id, [{ type: 'Text', text: 'hi' }]),
      );
      await agent.sms.accept(invited.id, { nickname: 'Marat' });
      const { error } = await failure(seen);
      expect((error as NonConformance).code).toBe('NOTIFICATION_OUT_OF_ORDER');
      expect(error.message).toMatch(/MessageLogUpdated\/NewMessages .* arrived before step 2/);
    } finally {
      await agent.teardown();
    }
  });
});

test('a timeout says what was awaited and lists what did arrive, per channel, with times', async () => {
  await withMock({}, async (mock) => {
    const agent = userOf(mock, 'agent');
    await agent.login();
    try {
      const invited = await injector(mock.smsInjectUrl).inbound({ to: agent, text: 'hi' });
      const seen = agent.notifications.expectWithin(400, smsStatus(invited.id, 'Completed'));
      await agent.session.post('/me/channels/smssession', { operationName: 'NotReady' });
      const { error } = await failure(seen);
      expect((error as NonConformance).code).toBe('NOTIFICATION_TIMEOUT');
      expect(error.message).toContain('waited 400 ms on /v2/me/* for:');
      expect(error.message).toContain(`✗ 1. StatusChange smssession=${invited.id} state=Completed (awaited)`);
      expect(error.message).toMatch(/\/v2\/me\/channels:\n {4}\+\d+ ms {2}ChannelStateChangeMessageV2/);
    } finally {
      await agent.teardown();
    }
  });
});

test("a notification for one user never reaches another user's recorder", async () => {
  await withMock({}, async (mock) => {
    const one = userOf(mock, 'agent', 1);
    const two = userOf(mock, 'agent', 2);
    await one.login();
    await two.login();
    try {
      const invited = await injector(mock.smsInjectUrl).inbound({ to: one, text: 'for one only' });
      const quiet = two.notifications.expectQuiet(anySmsNotification(invited.id), { forMs: 300 });
      await one.sms.accept(invited.id, { nickname: 'One' });
      await quiet;
      expect(two.notifications.transcript.some((n) => JSON.stringify(n.data).includes(invited.id))).toBe(false);
    } finally {
      await one.teardown();
      await two.teardown();
    }
  });
});

test('a must-not-arrive check fails at once when the notification arrives', async () => {
  await withMock({}, async (mock) => {
    const agent = userOf(mock, 'agent');
    await agent.login();
    try {
      const invited = await injector(mock.smsInjectUrl).inbound({ to: agent, text: 'hi' });
      const quiet = agent.notifications.expectQuiet(anySmsNotification(invited.id), { forMs: 5000 });
      await agent.sms.accept(invited.id, { nickname: 'Marat' });
      const { error, ms } = await failure(quiet);
      expect((error as NonConformance).code).toBe('UNEXPECTED_NOTIFICATION');
      expect(ms).toBeLessThan(1000);
    } finally {
      await agent.teardown();
    }
  });
});
