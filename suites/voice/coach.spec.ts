import { deviceMonitoring, establishCall, expect, meta, startMonitoring, supervisorLeg, test } from '../harness';

/**
 * Coach: the supervisor is brought into the agent's next call and heard by the agent only.
 * https://enu.docs.genesys.com/Documentation/HTCC/latest/API/SupervisorCoach
 */

type Meta = Parameters<typeof meta>[0];
const features: Meta['features'] = ['api-voice', 'api-supervisor-monitoring'];
const page = 'voice.coach';

const REQUESTS: { name: string; id: string; options: { scope?: 'Agent'; mode?: 'NextCall' }; shows: { scope: 'Agent' | 'Call'; mode: 'NextCall' | 'AllCalls' }; requirements: Meta['requirements'] }[] = [
  {
    name: 'without scope or mode answers statusCode 0; the device shows Coach with scope Call and mode AllCalls, offering CancelSupervisorMonitoring',
    id: 'defaults',
    options: {},
    shows: { scope: 'Call', mode: 'AllCalls' },
    requirements: ['VOICE-COACH-STATE', 'VOICE-COACH-DEFAULTS', 'VOICE-MONITORING-CANCEL-OFFERED'],
  },
  {
    name: 'with scope Agent and mode NextCall answers statusCode 0; the device shows Coach with them',
    id: 'agent-next-call',
    options: { scope: 'Agent', mode: 'NextCall' },
    shows: { scope: 'Agent', mode: 'NextCall' },
    requirements: ['VOICE-COACH-STATE', 'VOICE-COACH-PARAMETERS'],
  },
];

test.describe('Coach', () => {
  for (const request of REQUESTS) {
    test(
      `Coach ${request.name}`,
      meta({ id: `voice.coach.${request.id}`, page, requirements: request.requirements, features }),
      async ({ agent, supervisor }) => {
        const armed = supervisor.notifications.expect(
          deviceMonitoring(supervisor.device.id, { state: 'Coach', ...request.shows, target: agent.device.id }),
        );
        expect(await supervisor.voice.coach(agent, request.options)).toHaveStatusCode(0);
        await armed;
      },
    );
  }

  // No page shows the call of a coaching supervisor: neither its mute nor its capabilities are checked.
  test(
    "after Coach the agent's next call reaches the supervisor",
    meta({ id: 'voice.coach.joins-next-call', page, requirements: ['VOICE-COACH-JOINS-NEXT-CALL'], features }),
    async ({ agent, supervisor, caller }) => {
      await startMonitoring(supervisor, agent, 'Coach');
      const leg = supervisor.notifications.expect(supervisorLeg(supervisor.voice.knownCalls()));
      await establishCall(caller, agent);
      await supervisor.voice.joinLeg((await leg)[0]);
    },
  );
});
