import { expect, test } from '@playwright/test';
import { DELAY_MAX_MS, DELAY_MIN_MS, Latitude, LATITUDE_NAMES, parseLatitude } from '../../mock/latitude';
import { EXTRA_MEMBER } from '../../mock/latitude/reshape';
import { acceptedSession, login, until, withLatitude, type Delivered, type LatitudeMock } from './latitude-support';

/** Each latitude switch does what its description says, and the plain mock does not. */

const types = (list: Delivered[]) => list.map((d) => `${String(d.data.messageType)}/${String(d.data.notificationType ?? '')}`);
const sessionOf = (d: Delivered) => d.data.smssession as Record<string, unknown> | undefined;

test('"all" names every switch, an unknown name is refused with the known ones', () => {
  expect(parseLatitude('all')).toEqual(LATITUDE_NAMES);
  expect(parseLatitude(' delay, reorder ')).toEqual(['delay', 'reorder']);
  expect(() => parseLatitude('delay,teleport')).toThrow(/unknown mock latitude "teleport"; known: all, delay/);
});

test('delay: 10-300 ms late with jitter, one user\'s order kept; the same seed gives the same delays', async () => {
  const run = async (seed: number) => {
    const latitude = new Latitude(['delay'], seed);
    const got: { n: number; ms: number }[] = [];
    const start = performance.now();
    await new Promise<void>((resolve) => {
      for (let n = 0; n < 40; n += 1) {
        latitude.schedule((_u, _c, data) => {
          got.push({ n: data.n as number, ms: performance.now() - start });
          if (got.length === 40) resolve();
        }, 'u1', '/v2/me/x', { n });
      }
    });
    latitude.close();
    return got;
  };
  const got = await run(5);
  expect(got.map((g) => g.n)).toEqual([...Array(40).keys()]);
  expect(got[0]!.ms).toBeGreaterThanOrEqual(DELAY_MIN_MS - 1);
  expect(got.at(-1)!.ms).toBeLessThan(DELAY_MAX_MS + 200);
  const a = new Latitude(['delay'], 9);
  const b = new Latitude(['delay'], 9);
  expect([...Array(10)].map(() => a.int(DELAY_MIN_MS, DELAY_MAX_MS))).toEqual([...Array(10)].map(() => b.int(DELAY_MIN_MS, DELAY_MAX_MS)));
});

test('delay: the notifications of Accept leave 10 ms or more after the reply, in the same order; the plain mock sends them at once', async () => {
  const measure = (latitude: Parameters<typeof withLatitude>[0]) =>
    withLatitude(latitude, async (m) => {
      const { id, repliedAt } = await acceptedSession(m);
      const ofSession = m.of(m.user('agent')).filter((d) => sessionOf(d)?.id === id || d.data.smssessionUri !== undefined);
      const afterAccept = ofSession.slice(ofSession.findIndex((d) => sessionOf(d)?.state === 'Chatting'));
      return { first: afterAccept[0]!.at - repliedAt, order: types(afterAccept) };
    });
  const plain = await measure([]);
  const delayed = await measure(['delay']);
  expect(plain.first).toBeLessThan(DELAY_MIN_MS);
  expect(delayed.first).toBeGreaterThanOrEqual(DELAY_MIN_MS - 1);
  expect(delayed.order).toEqual(plain.order);
});

test('before-reply: the notifications of Accept leave before its reply; on the plain mock after it', async () => {
  const order = (latitude: Parameters<typeof withLatitude>[0]) =>
    withLatitude(latitude, async (m) => {
      const { repliedAt } = await acceptedSession(m);
      const chatting = m.of(m.user('agent')).find((d) => sessionOf(d)?.state === 'Chatting')!;
      return chatting.at < repliedAt ? 'before' : 'after';
    });
  expect(await order([])).toBe('after');
  expect(await order(['before-reply'])).toBe('before');
  expect(await order(['before-reply', 'delay'])).toBe('before');
});

test('interleave: a repeated ParticipantsUpdated, another session\'s StatusChange, the channel state re-announced', async () => {
  const seen = (latitude: Parameters<typeof withLatitude>[0]) =>
    withLatitude(latitude, async (m) => {
      const { id } = await acceptedSession(m);
      const agent = m.of(m.user('agent'));
      return {
        participants: agent.filter((d) => d.data.notificationType === 'ParticipantsUpdated').length,
        others: agent.filter((d) => sessionOf(d) && sessionOf(d)!.id !== id).length,
        channels: agent.filter((d) => d.channel === '/v2/me/channels').length,
      };
    });
  const plain = await seen([]);
  const mixed = await seen(['interleave']);
  expect(plain.participants).toBe(1);
  expect(plain.others).toBe(0);
  expect(mixed.participants).toBe(2);
  expect(mixed.others).toBeGreaterThan(0);
  expect(mixed.channels).toBeGreaterThan(plain.channels);
});

async function intrudeAndAccept(m: LatitudeMock): Promise<Delivered[]> {
  const { id } = await acceptedSession(m);
  const supervisor = m.user('supervisor');
  await login(m, supervisor);
  const intrude = await m.call(supervisor, 'POST', `/users/${m.user('agent').id}/smssessions/${id}`, { operationName: 'Intrude', supervisorVisibilityMode: 'Monitor' });
  expect(intrude.json.statusCode).toBe(0);
  await until(() => m.of(supervisor).some((d) => sessionOf(d)?.state === 'Invited'), 'the supervisor Invited');
  const from = m.of(supervisor).length;
  await m.call(supervisor, 'POST', `/me/smssessions/${id}`, { operationName: 'Accept', nickname: 'Boss' });
  await until(() => m.of(supervisor, 'NewMessages').length > 0, "the supervisor's history");
  return m.of(supervisor).slice(from).filter((d) => d.channel === '/v2/me/smssessions');
}

test('reorder: a joining supervisor gets ParticipantsUpdated first and the history ~100 ms later; the plain mock in one burst', async () => {
  const plain = await withLatitude([], intrudeAndAccept);
  const reordered = await withLatitude(['reorder'], intrudeAndAccept);
  expect(types(plain)).toEqual(['SMSsessionStateChangeMessage/StatusChange', 'SMSsessionStateChangeMessage/ParticipantsUpdated', 'MessageLogUpdated/NewMessages']);
  expect(types(reordered)).toEqual(['SMSsessionStateChangeMessage/ParticipantsUpdated', 'SMSsessionStateChangeMessage/StatusChange', 'MessageLogUpdated/NewMessages']);
  expect(reordered[2]!.at - reordered[1]!.at).toBeGreaterThanOrEqual(80);
  expect(plain[2]!.at - plain[0]!.at).toBeLessThan(50);
});

test('extra-members: every object of a reply and a notification gains a member; error bodies stay as stated', async () => {
  for (const on of [false, true]) {
    await withLatitude(on ? ['extra-members'] : [], async (m) => {
      const agent = m.user('agent');
      const me = await m.call(agent, 'GET', '/me');
      expect(EXTRA_MEMBER in me.json, `reply, switch ${on}`).toBe(on);
      expect(EXTRA_MEMBER in (me.json.user as object)).toBe(on);
      const missing = await m.call(agent, 'POST', '/me/teleporters/1', { operationName: 'Go' });
      expect(Object.keys(missing.json).sort()).toEqual(['statusCode', 'statusMessage']);
      await acceptedSession(m);
      const participants = m.of(agent, 'ParticipantsUpdated')[0]!;
      expect(EXTRA_MEMBER in sessionOf(participants)!).toBe(on);
      expect(((sessionOf(participants)!.participants as object[]).every((p) => EXTRA_MEMBER in p))).toBe(on);
    });
  }
});

test('shuffled-lists: lists come in another order, message logs in index order', () => {
  const data = { capabilities: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], messages: [{ index: 1 }, { index: 2 }, { index: 3 }, { index: 4 }] };
  const plain = new Latitude([], 3).reshape(data, 'notification');
  expect(plain).toEqual(data);
  const shuffled = new Latitude(['shuffled-lists'], 3).reshape(data, 'notification') as typeof data;
  expect(shuffled.capabilities).not.toEqual(data.capabilities);
  expect([...shuffled.capabilities].sort()).toEqual(data.capabilities);
  expect(shuffled.messages).toEqual(data.messages);
});

test('error-status: error replies under several 4xx statuses with the same body; the plain mock keeps one', async () => {
  const statuses = (latitude: Parameters<typeof withLatitude>[0]) =>
    withLatitude(latitude, async (m) => {
      const out = new Set<number>();
      for (let i = 0; i < 12; i += 1) {
        const reply = await m.call(m.user('agent'), 'POST', '/me/teleporters/1', { operationName: 'Go' });
        expect(reply.json).toEqual({ statusCode: 6, statusMessage: expect.any(String) });
        out.add(reply.status);
      }
      return [...out];
    });
  expect(await statuses([])).toEqual([404]);
  const varied = await statuses(['error-status']);
  expect(varied.length).toBeGreaterThan(1);
  for (const s of varied) expect(s >= 400 && s < 500).toBe(true);
});

test('basic-required: the cookie alone is refused; csrf-off: no CSRF token on GET', async () => {
  for (const on of [false, true]) {
    await withLatitude(on ? ['csrf-off', 'basic-required'] : [], async (m) => {
      const agent = m.user('agent');
      const first = await m.call(agent, 'GET', '/me');
      const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
      const cookieOnly = await fetch(`${m.mock.url}/api/v2/me`, { headers: { cookie } });
      expect(cookieOnly.status, `cookie only, switch ${on}`).toBe(on ? 401 : 200);
      if (on) expect(await cookieOnly.json()).toEqual({ statusCode: 20, statusMessage: 'Access denied' });
    });
  }
  const { startMock } = await import('../../mock/server');
  for (const on of [false, true]) {
    const mock = await startMock(on ? { latitude: ['csrf-off'] } : {});
    try {
      expect(mock.state.settings.csrf).toBe(!on);
      const user = mock.users[0]!;
      const response = await fetch(`${mock.url}/api/v2/me`, { headers: { authorization: `Basic ${Buffer.from(`${user.userName}:${user.password}`).toString('base64')}` } });
      expect(response.headers.get('x-csrf-token') !== null).toBe(!on);
    } finally {
      await mock.close();
    }
  }
});

test('async-refusals: a refused device operation answers 0, then an ErrorMessage; the plain mock refuses at once', async () => {
  for (const on of [false, true]) {
    await withLatitude(on ? ['async-refusals'] : [], async (m) => {
      const agent = m.user('agent');
      await login(m, agent);
      const reply = await m.call(agent, 'POST', `/me/devices/${agent.device.id}`, { operationName: 'Teleport' });
      if (!on) {
        expect(reply.json).toMatchObject({ statusCode: 10 });
        expect(m.of(agent, 'ErrorMessage')).toHaveLength(0);
        return;
      }
      expect(reply.json).toEqual({ statusCode: 0 });
      await until(() => m.of(agent, 'ErrorMessage').length > 0, 'the ErrorMessage');
      expect(m.of(agent, 'ErrorMessage')[0]!.data).toMatchObject({ operationName: 'Teleport', errorCode: 10, uri: expect.stringContaining(agent.device.id) });
      const missing = await m.call(agent, 'POST', '/me', { nickname: 'x' });
      expect(missing.json.statusCode, 'a request without operationName stays refused at once').toBe(1);
    });
  }
});

test('SMS payload switches: capability spelling, timestamp form, URI key, FromAddress, nickname', async () => {
  const look = (latitude: Parameters<typeof withLatitude>[0]) =>
    withLatitude(latitude, async (m) => {
      await acceptedSession(m);
      const agent = m.user('agent');
      const participants = sessionOf(m.of(agent, 'ParticipantsUpdated')[0]!)!;
      const history = m.of(agent, 'NewMessages')[0]!.data;
      return {
        capabilities: participants.capabilities as string[],
        timestamp: (history.messages as { timestamp: string }[])[0]!.timestamp,
        keys: Object.keys(history),
        userData: participants.userData as Record<string, unknown>,
        nicknames: (participants.participants as { type: string; nickname: string }[]).filter((p) => p.type === 'Agent').map((p) => p.nickname),
        userName: agent.userName,
      };
    });
  const plain = await look([]);
  expect(plain.capabilities).toContain('InFocus');
  expect(plain.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(plain.keys).toContain('smssessionUri');
  expect(plain.userData.FromAddress).toBe('+15550100');
  expect(plain.nicknames).toEqual(['Marat']);
  const varied = await look(['capability-spelling', 'timestamp-space', 'uri-key', 'from-address-absent', 'nickname-shown']);
  expect(varied.capabilities).toContain('SetInFocus');
  expect(varied.capabilities).not.toContain('InFocus');
  expect(varied.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/);
  expect(varied.keys).toContain('smsessionUri');
  expect(varied.keys).not.toContain('smssessionUri');
  expect('FromAddress' in varied.userData).toBe(false);
  expect(varied.nicknames).toEqual([varied.userName]);
});

test("supervisor-ringing: BargeIn onto a call in progress offers the supervisor's leg Ringing; the plain mock Established", async () => {
  const leg = (latitude: Parameters<typeof withLatitude>[0]) =>
    withLatitude(latitude, async (m) => {
      const [agent, supervisor, caller] = [m.user('agent'), m.user('supervisor'), m.user('caller')];
      for (const u of [agent, supervisor, caller]) await login(m, u);
      await m.call(caller, 'POST', `/me/devices/${caller.device.id}/calls`, { operationName: 'Dial', destination: { phoneNumber: agent.device.phoneNumber } });
      await until(() => m.of(agent, 'StatusChange').some((d) => (d.data.call as { state?: string } | undefined)?.state === 'Ringing'), 'the call ringing');
      const call = m.of(agent, 'StatusChange').find((d) => d.data.call)!.data.call as { id: string };
      await m.call(agent, 'POST', `/me/calls/${call.id}`, { operationName: 'Answer' });
      const reply = await m.call(supervisor, 'POST', `/me/devices/${supervisor.device.id}`, { operationName: 'BargeIn', targetDeviceUri: m.mock.state.deviceUri(agent) });
      expect(reply.json.statusCode).toBe(0);
      await until(() => m.of(supervisor, 'CallStateChangeMessage').length > 0, "the supervisor's leg");
      return (m.of(supervisor, 'CallStateChangeMessage')[0]!.data.call as { state: string }).state;
    });
  expect(await leg([])).toBe('Established');
  expect(await leg(['supervisor-ringing'])).toBe('Ringing');
});
