import {
  deviceMonitoring,
  endCall,
  expect,
  establishCall,
  meta,
  monitoringRefused,
  refusedNowOrLater,
  startMonitoring,
  supervisorLeg,
  test,
  callOf,
  VOICE_MONITORING_DEFAULTS,
} from '../harness';

/**
 * ListenIn: silent monitoring of an agent's device, the modes NextCall and AllCalls, and the
 * refusal of a request that names no device or values outside the documented ones.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorListenIn
 */

const page = 'voice.listen-in';

const MUTE_INFERRED = 'mute On for a leg joined in ListenIn: the SwitchToListenIn page shows mute On in ListenIn, no page shows a leg joined in ListenIn';

test.describe('Voice ListenIn', () => {
  test(
    'ListenIn without scope or mode answers statusCode 0; the device shows ListenIn with scope Call and mode AllCalls, offering CancelSupervisorMonitoring',
    meta({ id: 'voice.listen-in.defaults', page, requirements: ['VOICE-LISTENIN-STATE', 'VOICE-LISTENIN-DEFAULTS', 'VOICE-MONITORING-CANCEL-OFFERED', 'VOICE-NOTIFICATION-SCHEMAS'] }),
    async ({ agent, supervisor }) => {
      const armed = supervisor.notifications.expect(
        deviceMonitoring(supervisor.device.id, { state: 'ListenIn', ...VOICE_MONITORING_DEFAULTS, target: agent.device.id }),
      );
      expect(await supervisor.voice.monitor('ListenIn', agent)).toHaveStatusCode(0);
      await armed;
    },
  );

  test(
    'ListenIn with scope Agent and mode NextCall answers statusCode 0; the device shows ListenIn with them',
    meta({ id: 'voice.listen-in.agent-next-call', page, requirements: ['VOICE-LISTENIN-STATE', 'VOICE-LISTENIN-PARAMETERS'] }),
    async ({ agent, supervisor }) => {
      const armed = supervisor.notifications.expect(
        deviceMonitoring(supervisor.device.id, { state: 'ListenIn', scope: 'Agent', mode: 'NextCall', target: agent.device.id }),
      );
      expect(await supervisor.voice.monitor('ListenIn', agent, { scope: 'Agent', mode: 'NextCall' })).toHaveStatusCode(0);
      await armed;
    },
  );

  test(
    "after ListenIn the agent's next call reaches the supervisor, whose leg has mute On",
    meta({ id: 'voice.listen-in.joins-next-call', page, requirements: ['VOICE-LISTENIN-JOINS-NEXT-CALL', 'VOICE-LISTENIN-MUTED'], inferred: MUTE_INFERRED }),
    async ({ agent, supervisor, caller }) => {
      await startMonitoring(supervisor, agent, 'ListenIn');
      const leg = supervisor.notifications.expect(supervisorLeg(supervisor.voice.knownCalls(), { mute: 'On' }));
      await establishCall(caller, agent);
      await supervisor.voice.joinLeg((await leg)[0], { mute: 'On' });
    },
  );

  test(
    "ListenIn with mode NextCall brings the supervisor into the agent's next call only, not the one after",
    meta({ id: 'voice.listen-in.next-call-once', page, requirements: ['VOICE-MODE-NEXTCALL'] }),
    async ({ agent, supervisor, caller }) => {
      await startMonitoring(supervisor, agent, 'ListenIn', { mode: 'NextCall' });
      const leg = supervisor.notifications.expect(supervisorLeg(supervisor.voice.knownCalls()));
      const first = await establishCall(caller, agent);
      const joined = await supervisor.voice.joinLeg((await leg)[0]);
      await endCall(first);
      await supervisor.voice.release(callOf(joined)!.id);

      const before = supervisor.voice.knownCalls();
      await establishCall(caller, agent);
      await supervisor.voice.expectNoNewCall(before, 'a NextCall monitoring ends after the first call');
    },
  );

  test(
    'ListenIn with mode AllCalls brings the supervisor into each of two calls in a row',
    meta({ id: 'voice.listen-in.all-calls', page, requirements: ['VOICE-MODE-ALLCALLS'] }),
    async ({ agent, supervisor, caller }) => {
      await startMonitoring(supervisor, agent, 'ListenIn', { mode: 'AllCalls' });
      for (const which of ['first', 'second']) {
        const leg = supervisor.notifications.expect(supervisorLeg(supervisor.voice.knownCalls()));
        const call = await establishCall(caller, agent);
        const joined = await test.step(`the supervisor joins the ${which} call`, async () => supervisor.voice.joinLeg((await leg)[0]));
        await endCall(call);
        await supervisor.voice.release(callOf(joined)!.id);
      }
    },
  );

  const BAD_INPUT: { id: string; what: string; body: (target: string) => Record<string, unknown> }[] = [
    { id: 'missing-target', what: 'no targetDeviceUri', body: () => ({}) },
    {
      id: 'unknown-target',
      what: 'the URI of a device that does not exist',
      body: (target) => ({ targetDeviceUri: target.replace(/[^/]+\/?$/, '00000000-0000-4000-a000-0000000dead0') }),
    },
    { id: 'invalid-scope', what: 'supervisorMonitoringScope "Everything"', body: (target) => ({ targetDeviceUri: target, supervisorMonitoringScope: 'Everything' }) },
    { id: 'invalid-mode', what: 'supervisorMonitoringMode "Sometimes"', body: (target) => ({ targetDeviceUri: target, supervisorMonitoringMode: 'Sometimes' }) },
  ];

  for (const bad of BAD_INPUT) {
    test(
      `ListenIn with ${bad.what} is refused and arms no monitoring`,
      meta({
        id: `voice.listen-in.refused-${bad.id}`,
        page,
        requirements: ['VOICE-MONITORING-BAD-INPUT', 'ERR-SHAPE'],
        inferred: 'the pages list the parameters and their values but not how a request outside them is refused; a refusal at once or an asynchronous ErrorMessage both count',
      }),
      async ({ agent, supervisor }) => {
        const refused = supervisor.notifications.expect(monitoringRefused(supervisor.device.id));
        const reply = await supervisor.voice.sendToDevice({ operationName: 'ListenIn', ...bad.body(supervisor.voice.deviceUri(agent)) });
        await refusedNowOrLater(reply, refused);
      },
    );
  }
});
