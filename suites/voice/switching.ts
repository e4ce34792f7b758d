import { callOperationRefused, callState, expect, meta, refusedNowOrLater, superviseCall, test } from '../harness';

/**
 * The two call-level switches share one behaviour with the target mode changed: from either of
 * the other two modes the call stays Established with the target's mute and offers the opposite
 * switch instead of its own; once out of Coach nothing leads back to it.
 */

type Meta = Parameters<typeof meta>[0];
type Target = 'ListenIn' | 'BargeIn';

const features: Meta['features'] = ['api-voice', 'api-supervisor-monitoring'];
const SLUG = { ListenIn: 'listen-in', BargeIn: 'barge-in', Coach: 'coach' } as const;
const OPPOSITE: Record<Target, Target> = { ListenIn: 'BargeIn', BargeIn: 'ListenIn' };
const MUTE: Record<Target, 'On' | 'Off'> = { ListenIn: 'On', BargeIn: 'Off' };
const REQUIREMENTS = {
  ListenIn: { mute: 'VOICE-SWITCH-LISTENIN-MUTE', capabilities: 'VOICE-SWITCH-LISTENIN-CAPABILITIES', noCoach: 'VOICE-SWITCH-LISTENIN-NO-COACH' },
  BargeIn: { mute: 'VOICE-SWITCH-BARGEIN-MUTE', capabilities: 'VOICE-SWITCH-BARGEIN-CAPABILITIES', noCoach: 'VOICE-SWITCH-BARGEIN-NO-COACH' },
} as const;

export function voiceSwitchTests(to: Target): void {
  const page = `voice.switch-to-${SLUG[to]}` as const;
  const operation = `SwitchTo${to}` as const;
  const opposite = `SwitchTo${OPPOSITE[to]}`;
  const send = (user: Parameters<Parameters<typeof test>[2]>[0]['supervisor'], id: string) =>
    to === 'ListenIn' ? user.voice.switchToListenIn(id) : user.voice.switchToBargeIn(id);

  for (const from of [OPPOSITE[to], 'Coach'] as const) {
    test(
      `${operation} from ${from} answers statusCode 0, then the call is Established with mute ${MUTE[to]}, offering ${opposite} instead of ${operation}`,
      meta({
        id: `voice.switch-to-${SLUG[to]}.from-${SLUG[from]}`,
        page,
        requirements: [REQUIREMENTS[to].mute, REQUIREMENTS[to].capabilities, 'VOICE-NOTIFICATION-SCHEMAS'],
        features,
      }),
      async ({ agent, supervisor, caller }) => {
        const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, from);
        const switched = supervisor.notifications.expect(
          callState(id, 'Established', { mute: MUTE[to], capabilities: { include: [opposite], exclude: [operation] } }),
        );
        expect(await send(supervisor, id)).toHaveStatusCode(0);
        await switched;
      },
    );
  }

  test(
    `after ${operation} from Coach nothing leads back to Coach: no Coach switch is offered and SwitchToCoach is refused`,
    meta({
      id: `voice.switch-to-${SLUG[to]}.no-return-to-coach`,
      page,
      requirements: [REQUIREMENTS[to].noCoach, 'ERR-SHAPE'],
      features,
      inferred: 'the Voice API names no operation back to Coach; the harness tries SwitchToCoach, the name the SMS API uses',
    }),
    async ({ agent, supervisor, caller }) => {
      const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, 'Coach');
      const switched = supervisor.notifications.expect(
        callState(id, 'Established', { capabilities: { include: [opposite], exclude: [operation, 'SwitchToCoach'] } }),
      );
      expect(await send(supervisor, id)).toHaveStatusCode(0);
      await switched;

      const refused = supervisor.notifications.expect(callOperationRefused(id, 'SwitchToCoach'));
      await refusedNowOrLater(await supervisor.voice.sendToCall(id, { operationName: 'SwitchToCoach' }), refused);
    },
  );
}
