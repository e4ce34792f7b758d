import { callOperationRefused, callState, expect, meta, refusedNowOrLater, slug, superviseCall, test } from '../harness';

/**
 * SwitchToListenIn on the supervisor's call: from BargeIn or Coach to silent listening; once out
 * of Coach there is no way back to it.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorSwitchToListenin
 */

const page = 'voice.switch-to-listen-in';

test.describe('Voice SwitchToListenIn', () => {
  for (const from of ['BargeIn', 'Coach'] as const) {
    test(
      `SwitchToListenIn from ${from} answers statusCode 0, then the call is Established with mute On, offering SwitchToBargeIn instead of SwitchToListenIn`,
      meta({
        id: `voice.switch-to-listen-in.from-${slug(from)}`,
        page,
        requirements: ['VOICE-SWITCH-LISTENIN-MUTE', 'VOICE-SWITCH-LISTENIN-CAPABILITIES', 'VOICE-NOTIFICATION-SCHEMAS'],
      }),
      async ({ agent, supervisor, caller }) => {
        const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, from);
        const switched = supervisor.notifications.expect(
          callState(id, 'Established', { mute: 'On', capabilities: { include: ['SwitchToBargeIn'], exclude: ['SwitchToListenIn'] } }),
        );
        expect(await supervisor.voice.switchToListenIn(id)).toHaveStatusCode(0);
        await switched;
      },
    );
  }

  test(
    'after SwitchToListenIn from Coach nothing leads back to Coach: no Coach switch is offered and SwitchToCoach is refused',
    meta({
      id: 'voice.switch-to-listen-in.no-return-to-coach',
      page,
      requirements: ['VOICE-SWITCH-LISTENIN-NO-COACH', 'ERR-SHAPE'],
      inferred: 'the Voice API names no operation back to Coach; the harness tries SwitchToCoach, the name the SMS API uses',
    }),
    async ({ agent, supervisor, caller }) => {
      const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, 'Coach');
      const switched = supervisor.notifications.expect(
        callState(id, 'Established', { capabilities: { include: ['SwitchToBargeIn'], exclude: ['SwitchToListenIn', 'SwitchToCoach'] } }),
      );
      expect(await supervisor.voice.switchToListenIn(id)).toHaveStatusCode(0);
      await switched;

      const refused = supervisor.notifications.expect(callOperationRefused(id, 'SwitchToCoach'));
      await refusedNowOrLater(await supervisor.voice.sendToCall(id, { operationName: 'SwitchToCoach' }), refused);
    },
  );
});
