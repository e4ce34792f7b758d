import { callOperationRefused, callState, establishCall, expect, meta, refusedNowOrLater, slug, superviseCall, test } from '../harness';

/**
 * SwitchToBargeIn on the supervisor's call: only from ListenIn or Coach; once out of Coach there
 * is no way back to it.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorSwitchToBargeIn
 */

const page = 'voice.switch-to-barge-in';

test.describe('Voice SwitchToBargeIn', () => {
  for (const from of ['ListenIn', 'Coach'] as const) {
    test(
      `SwitchToBargeIn from ${from} answers statusCode 0, then the call is Established with mute Off, offering SwitchToListenIn instead of SwitchToBargeIn`,
      meta({
        id: `voice.switch-to-barge-in.from-${slug(from)}`,
        page,
        requirements: ['VOICE-SWITCH-BARGEIN-MUTE', 'VOICE-SWITCH-BARGEIN-CAPABILITIES', 'VOICE-NOTIFICATION-SCHEMAS'],
      }),
      async ({ agent, supervisor, caller }) => {
        const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, from);
        const switched = supervisor.notifications.expect(
          callState(id, 'Established', { mute: 'Off', capabilities: { include: ['SwitchToListenIn'], exclude: ['SwitchToBargeIn'] } }),
        );
        expect(await supervisor.voice.switchToBargeIn(id)).toHaveStatusCode(0);
        await switched;
      },
    );
  }

  test(
    'after SwitchToBargeIn from Coach nothing leads back to Coach: no Coach switch is offered and SwitchToCoach is refused',
    meta({
      id: 'voice.switch-to-barge-in.no-return-to-coach',
      page,
      requirements: ['VOICE-SWITCH-BARGEIN-NO-COACH', 'ERR-SHAPE'],
      inferred: 'the Voice API names no operation back to Coach; the harness tries SwitchToCoach, the name the SMS API uses',
    }),
    async ({ agent, supervisor, caller }) => {
      const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, 'Coach');
      const switched = supervisor.notifications.expect(
        callState(id, 'Established', { capabilities: { include: ['SwitchToListenIn'], exclude: ['SwitchToBargeIn', 'SwitchToCoach'] } }),
      );
      expect(await supervisor.voice.switchToBargeIn(id)).toHaveStatusCode(0);
      await switched;

      const refused = supervisor.notifications.expect(callOperationRefused(id, 'SwitchToCoach'));
      await refusedNowOrLater(await supervisor.voice.sendToCall(id, { operationName: 'SwitchToCoach' }), refused);
    },
  );

  test(
    'SwitchToBargeIn while the supervisor is already in BargeIn is refused',
    meta({ id: 'voice.switch-to-barge-in.refused-in-barge-in', page, requirements: ['VOICE-SWITCH-BARGEIN-ALLOWED-FROM', 'ERR-SHAPE'] }),
    async ({ agent, supervisor, caller }) => {
      const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, 'BargeIn');
      const refused = supervisor.notifications.expect(callOperationRefused(id, 'SwitchToBargeIn'));
      await refusedNowOrLater(await supervisor.voice.switchToBargeIn(id), refused);
    },
  );

  test(
    "SwitchToBargeIn on the agent's own call, which no one monitors, is refused",
    meta({ id: 'voice.switch-to-barge-in.refused-outside-monitoring', page, requirements: ['VOICE-SWITCH-BARGEIN-ALLOWED-FROM', 'ERR-SHAPE'] }),
    async ({ agent, caller }) => {
      const { agentCallId: id } = await establishCall(caller, agent);
      const refused = agent.notifications.expect(callOperationRefused(id, 'SwitchToBargeIn'));
      await refusedNowOrLater(await agent.voice.switchToBargeIn(id), refused);
    },
  );
});
