import { expect, test } from '@playwright/test';
import { smsNewMessages, smsStatus } from '../../helpers/cometd/sms-steps';
import { SmsInjector } from '../../helpers/gws/sms-injector';
import { silentReporter } from '../../helpers/gws/reporter';
import { userOf, withMock } from './support';

test('bad input gets the documented error shape and leaves another session intact', async () => {
  await withMock({ bodyLimit: 4096 }, async (mock) => {
    const agent = userOf(mock, 'agent');
    await agent.login();
    try {
      const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 2000 });
      const live = await sms.inbound({ to: agent, text: 'keep me' });
      const chatting = agent.notifications.expect(smsStatus(live.id, 'Chatting'));
      await agent.sms.accept(live.id, { nickname: 'Marat' });
      await chatting;
      const other = await sms.inbound({ to: agent, text: 'poke me' });

      const path = `/me/smssessions/${other.id}`;
      const cases: [string, () => ReturnType<typeof agent.session.post>, number][] = [
        ['malformed JSON', () => agent.session.send('POST', path, undefined, { rawBody: '{"operationName":' }), 10],
        ['a JSON array', () => agent.session.send('POST', path, undefined, { rawBody: '[1,2]' }), 10],
        ['no body', () => agent.session.send('POST', path, undefined), 1],
        ['no operationName', () => agent.session.post(path, { nickname: 'x' }), 1],
        ['an unknown operationName', () => agent.session.post(path, { operationName: 'Teleport' }), 10],
        ['a missing nickname', () => agent.session.post(path, { operationName: 'Accept' }), 1],
        ['a wrongly typed saveLAR', () => agent.session.post(path, { operationName: 'Accept', nickname: 'x', saveLAR: 'maybe' }), 10],
        ['an operation the state does not allow', () => agent.session.post(path, { operationName: 'Complete' }), 2],
        ['an unknown session id', () => agent.session.post('/me/smssessions/0000NOPE00000000', { operationName: 'Accept', nickname: 'x' }), 6],
        ['a huge body', () => agent.session.post(path, { operationName: 'Accept', nickname: 'x'.repeat(10_000) }), 10],
        ['an unknown route', () => agent.session.post('/me/teleporters/1', { operationName: 'Go' }), 6],
      ];
      for (const [what, send, statusCode] of cases) {
        const reply = await send();
        expect(reply.json, what).toEqual({ statusCode, statusMessage: expect.any(String) });
      }

      const stillThere = agent.notifications.expect(smsNewMessages(live.id, [{ type: 'Text', text: 'still here' }]));
      expect((await agent.sms.sendMessage(live.id, 'still here')).statusCode).toBe(0);
      await stillThere;
      const invitedStill = await agent.sms.reject(other.id);
      expect(invitedStill.statusCode).toBe(0);
      await sms.close();
    } finally {
      await agent.teardown();
    }
  });
});

test('the injector refuses an agent who is not Ready on the SMS channel, saying why', async () => {
  await withMock({}, async (mock) => {
    const response = await fetch(mock.smsInjectUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent: 'agent1', from: '+15550100', nickname: 'P', text: 'hi' }),
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ error: expect.stringContaining('agent1 is not Ready on channel smssession') });
  });
});

test("the injector's reply uri, /api/v2/smssessions/{id} without /me, serves the session and its operations", async () => {
  await withMock({}, async (mock) => {
    const agent = userOf(mock, 'agent');
    await agent.login();
    try {
      const response = await fetch(mock.smsInjectUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agent: 'agent1', from: '+15550100', nickname: 'P', text: 'hi' }),
      });
      const { id, uri } = (await response.json()) as { id: string; uri: string };
      expect(uri).toBe(`${mock.url}/api/v2/smssessions/${id}`);
      agent.sms.sessions.add(id);
      const path = new URL(uri).pathname.replace(/^\/api\/v2/, '');
      const read = await agent.session.get(path);
      expect(read.json).toMatchObject({ statusCode: 0, smssession: { id, state: 'Invited' } });
      expect((await agent.session.post(path, { operationName: 'Reject' })).statusCode).toBe(0);
    } finally {
      expect(await agent.teardown()).toEqual([]);
    }
  });
});

test('teardown leaves nothing behind: sessions ended, logins gone', async () => {
  await withMock({}, async (mock) => {
    const agent = userOf(mock, 'agent');
    await agent.login();
    const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 2000 });
    await sms.inbound({ to: agent, text: 'left invited' });
    const chat = await sms.inbound({ to: agent, text: 'left chatting' });
    const chatting = agent.notifications.expect(smsStatus(chat.id, 'Chatting'));
    await agent.sms.accept(chat.id, { nickname: 'M' });
    await chatting;
    expect(await agent.teardown()).toEqual([]);
    await sms.close();
    const state = (await (await fetch(`${mock.url}/mock/state`)).json()) as { smssessions: unknown[]; logins: unknown[] };
    expect(state).toMatchObject({ smssessions: [], logins: [] });
  });
});
