import { expect, test } from '@playwright/test';
import { callState, newCall } from '../../helpers/cometd/voice-steps';
import type { GwsUser } from '../../helpers/gws/user';
import { establishCall, superviseCall } from '../../helpers/gws/scenes/voice';
import type { MockHandle } from '../../mock/server';
import { userOf, withMock } from './support';

/** The mock's Voice API: its refusals, and what a test's teardown leaves behind. */

interface MockStateView {
  calls: { id: string; legs: { user: string; role: string; state: string; mode: string | null }[] }[];
  monitorings: { supervisor: string; target: string; state: string; mode: string; scope: string }[];
  logins: unknown[];
}

async function mockState(mock: MockHandle): Promise<MockStateView> {
  return (await (await fetch(`${mock.url}/mock/state`)).json()) as MockStateView;
}

async function loggedIn<T extends GwsUser[]>(...users: T): Promise<T> {
  for (const user of users) await user.login();
  return users;
}

test('voice bad input gets the documented error shape and leaves the monitoring and the call intact', async () => {
  await withMock({}, async (mock) => {
    const [agent, supervisor, caller, rival] = await loggedIn(
      userOf(mock, 'agent'),
      userOf(mock, 'supervisor'),
      userOf(mock, 'caller'),
      userOf(mock, 'supervisor', 2),
    );
    try {
      const call = await superviseCall({ agent: agent, supervisor: supervisor, caller: caller }, 'ListenIn');
      const target = supervisor.voice.deviceUri(agent);
      const device = `/me/devices/${supervisor.device.id}`;
      const listenIn = (more: Record<string, unknown>) => supervisor.session.post(device, { operationName: 'ListenIn', ...more });
      const onCall = (user: GwsUser, id: string, operationName: string) => user.session.post(`/me/calls/${id}`, { operationName });
      const dial = (more: Record<string, unknown>) => caller.session.post(`/me/devices/${caller.device.id}/calls`, { operationName: 'Dial', ...more });

      const cases: [string, () => ReturnType<GwsUser['session']['post']>, number][] = [
        ['ListenIn without targetDeviceUri', () => listenIn({}), 1],
        ['ListenIn with a targetDeviceUri that is not a URI', () => listenIn({ targetDeviceUri: 'agent1' }), 10],
        ['ListenIn with a number as targetDeviceUri', () => listenIn({ targetDeviceUri: 42 }), 10],
        ['ListenIn with the URI of no device', () => listenIn({ targetDeviceUri: `${mock.url}/api/v2/devices/nope` }), 6],
        ['ListenIn with an invalid scope', () => listenIn({ targetDeviceUri: target, supervisorMonitoringScope: 'Everything' }), 10],
        ['ListenIn with an invalid mode', () => listenIn({ targetDeviceUri: target, supervisorMonitoringMode: 'Sometimes' }), 10],
        ["ListenIn on the supervisor's own device", () => listenIn({ targetDeviceUri: supervisor.voice.deviceUri(supervisor) }), 10],
        ["ListenIn posted to another user's device", () => supervisor.session.post(`/me/devices/${agent.device.id}`, { operationName: 'ListenIn', targetDeviceUri: target }), 6],
        ['ListenIn by a user without ROLE_SUPERVISOR', () => caller.session.post(`/me/devices/${caller.device.id}`, { operationName: 'ListenIn', targetDeviceUri: target }), 5],
        ['a second supervisor on a monitored device', () => rival.session.post(`/me/devices/${rival.device.id}`, { operationName: 'BargeIn', targetDeviceUri: target }), 19],
        ['CancelSupervisorMonitoring without a monitoring', () => rival.session.post(`/me/devices/${rival.device.id}`, { operationName: 'CancelSupervisorMonitoring' }), 2],
        ['an unknown device operation', () => supervisor.session.post(device, { operationName: 'Teleport' }), 10],
        ['Dial without destination', () => dial({}), 1],
        ['Dial with a destination that is not an object', () => dial({ destination: '5001' }), 10],
        ['Dial without destination.phoneNumber', () => dial({ destination: {} }), 1],
        ['Dial to a number of no device', () => dial({ destination: { phoneNumber: '0000' } }), 6],
        ['Dial to its own number', () => dial({ destination: { phoneNumber: caller.device.phoneNumber } }), 10],
        ['Dial with a userData that is not an object', () => dial({ destination: { phoneNumber: agent.device.phoneNumber }, userData: 'x' }), 10],
        ['an operation on an unknown call', () => onCall(agent, 'NOSUCHCALL', 'Hangup'), 6],
        ["an operation on another user's call", () => onCall(rival, call.agentCallId, 'Hangup'), 6],
        ['Answer of an established call', () => onCall(agent, call.agentCallId, 'Answer'), 2],
        ["SwitchToBargeIn on the agent's own call", () => onCall(agent, call.agentCallId, 'SwitchToBargeIn'), 2],
        ["MuteMonitoredUser on the agent's own call", () => onCall(agent, call.agentCallId, 'MuteMonitoredUser'), 2],
        ['SwitchToListenIn while in ListenIn', () => onCall(supervisor, call.supervisorCallId, 'SwitchToListenIn'), 2],
        ['SwitchToCoach, which the Voice API does not have', () => onCall(supervisor, call.supervisorCallId, 'SwitchToCoach'), 10],
        ['a documented operation the mock does not simulate', () => onCall(agent, call.agentCallId, 'Hold'), 3],
      ];
      for (const [what, send, statusCode] of cases) {
        const reply = await send();
        expect(reply.json, what).toEqual({ statusCode, statusMessage: expect.any(String) });
      }

      const state = await mockState(mock);
      expect(state.monitorings).toEqual([{ supervisor: 'supervisor1', target: 'agent1', state: 'ListenIn', mode: 'AllCalls', scope: 'Call' }]);
      expect(state.calls).toHaveLength(1);
      expect(state.calls[0]!.legs.map((l) => [l.user, l.state])).toEqual([
        ['caller1', 'Established'],
        ['agent1', 'Established'],
        ['supervisor1', 'Established'],
      ]);
      const switched = supervisor.notifications.expect(callState(call.supervisorCallId, 'Established', { mute: 'Off' }));
      expect((await onCall(supervisor, call.supervisorCallId, 'SwitchToBargeIn')).statusCode).toBe(0);
      await switched;
    } finally {
      for (const user of [caller, supervisor, agent, rival]) await user!.teardown();
    }
  });
});

test('teardown hangs up the calls and cancels the monitoring the test made, and nothing else', async () => {
  await withMock({}, async (mock) => {
    const [agent, supervisor, caller] = await loggedIn(userOf(mock, 'agent'), userOf(mock, 'supervisor'), userOf(mock, 'caller'));
    await superviseCall({ agent: agent, supervisor: supervisor, caller: caller }, 'BargeIn');
    // Armed behind the harness's back: not this test's to undo.
    const [agent2, supervisor2] = await loggedIn(userOf(mock, 'agent', 2), userOf(mock, 'supervisor', 2));
    const foreign = await supervisor2.session.post(`/me/devices/${supervisor2.device.id}`, {
      operationName: 'Coach',
      targetDeviceUri: supervisor2.voice.deviceUri(agent2),
    });
    expect(foreign.statusCode).toBe(0);

    for (const user of [supervisor, agent, caller, supervisor2, agent2]) expect(await user!.teardown(), user!.label).toEqual([]);
    const state = await mockState(mock);
    expect(state.calls).toEqual([]);
    expect(state.monitorings).toEqual([{ supervisor: 'supervisor2', target: 'agent2', state: 'Coach', mode: 'AllCalls', scope: 'Call' }]);
    expect(state.logins).toEqual([]);
  });
});

test("a call of someone else ringing on the agent's device is never answered or hung up by the harness", async () => {
  await withMock({}, async (mock) => {
    const [agent, caller, stranger] = await loggedIn(userOf(mock, 'agent'), userOf(mock, 'caller'), userOf(mock, 'caller', 2));
    // The stranger's call reaches the agent first: the test's own call comes after it.
    const ringing = agent.notifications.expect(newCall(agent.voice.knownCalls(), ['Ringing', 'Established']));
    expect((await stranger.session.post(`/me/devices/${stranger.device.id}/calls`, { operationName: 'Dial', destination: { phoneNumber: agent.device.phoneNumber } })).statusCode).toBe(0);
    const foreignId = (((await ringing)[0]!.data.call as { id: string }).id);

    await establishCall(caller, agent);
    for (const user of [agent, caller]) expect(await user.teardown(), user.label).toEqual([]);

    const requests = [...agent.session.exchanges, ...caller.session.exchanges].filter((e) => e.url.includes(foreignId) || JSON.stringify(e.requestBody ?? '').includes(foreignId));
    expect(requests.map((e) => `${e.method} ${e.url}`), 'requests naming the stranger\'s call').toEqual([]);
    const foreign = (await mockState(mock)).calls.find((c) => c.legs.some((l) => l.user === 'agent1' && l.state === 'Ringing'));
    expect(foreign, "the stranger's call, still ringing on agent1").toBeDefined();
    expect(await stranger.teardown()).toEqual([]);
  });
});
