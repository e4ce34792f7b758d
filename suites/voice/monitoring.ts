import { deviceMonitoring, expect, meta, test } from '../harness';

/**
 * ListenIn, Coach and BargeIn share how they are armed, with the operation changed: without scope
 * or mode the supervisor's device shows the defaults (Call, AllCalls) and offers
 * CancelSupervisorMonitoring; with scope Agent and mode NextCall it shows those.
 */

type Meta = Parameters<typeof meta>[0];
type Operation = 'ListenIn' | 'Coach' | 'BargeIn';

export const VOICE_FEATURES: Meta['features'] = ['api-voice', 'api-supervisor-monitoring'];
const SLUG = { ListenIn: 'listen-in', Coach: 'coach', BargeIn: 'barge-in' } as const;
const REQUIREMENT = {
  ListenIn: { state: 'VOICE-LISTENIN-STATE', defaults: 'VOICE-LISTENIN-DEFAULTS', parameters: 'VOICE-LISTENIN-PARAMETERS' },
  Coach: { state: 'VOICE-COACH-STATE', defaults: 'VOICE-COACH-DEFAULTS', parameters: 'VOICE-COACH-PARAMETERS' },
  BargeIn: { state: 'VOICE-BARGEIN-STATE', defaults: 'VOICE-BARGEIN-DEFAULTS', parameters: 'VOICE-BARGEIN-PARAMETERS' },
} as const;

export function monitoringRequestTests(operation: Operation, extraRequirements: Meta['requirements'] = []): void {
  const requests = [
    {
      name: `without scope or mode answers statusCode 0; the device shows ${operation} with scope Call and mode AllCalls, offering CancelSupervisorMonitoring`,
      id: 'defaults',
      options: {},
      shows: { scope: 'Call', mode: 'AllCalls' },
      requirements: [REQUIREMENT[operation].state, REQUIREMENT[operation].defaults, 'VOICE-MONITORING-CANCEL-OFFERED', ...extraRequirements],
    },
    {
      name: `with scope Agent and mode NextCall answers statusCode 0; the device shows ${operation} with them`,
      id: 'agent-next-call',
      options: { scope: 'Agent', mode: 'NextCall' },
      shows: { scope: 'Agent', mode: 'NextCall' },
      requirements: [REQUIREMENT[operation].state, REQUIREMENT[operation].parameters],
    },
  ] as const;
  for (const request of requests) {
    test(
      `${operation} ${request.name}`,
      meta({ id: `voice.${SLUG[operation]}.${request.id}`, page: `voice.${SLUG[operation]}`, requirements: [...request.requirements], features: VOICE_FEATURES }),
      async ({ agent, supervisor }) => {
        const armed = supervisor.notifications.expect(
          deviceMonitoring(supervisor.device.id, { state: operation, ...request.shows, target: agent.device.id }),
        );
        expect(await supervisor.voice.monitor(operation, agent, request.options)).toHaveStatusCode(0);
        await armed;
      },
    );
  }
}
