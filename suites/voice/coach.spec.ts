import { deviceMonitoring, establishCall, expect, meta, startMonitoring, supervisorLeg, test, VOICE_MONITORING_DEFAULTS } from '../harness';

/**
 * Coach: the supervisor is brought into the agent's next call and heard by the agent only.
 * https://enu.docs.genesys.com/Documentation/HTCC/latest/API/SupervisorCoach
 */

const page = 'voice.coach';

test.describe('Voice Coach', () => {
  test(
    'Coach without scope or mode answers statusCode 0; the device shows Coach with scope Call and mode AllCalls, offering CancelSupervisorMonitoring',
    meta({ id: 'voice.coach.defaults', page, requirements: ['VOICE-COACH-STATE', 'VOICE-COACH-DEFAULTS', 'VOICE-MONITORING-CANCEL-OFFERED'] }),
    async ({ agent, supervisor }) => {
      const armed = supervisor.notifications.expect(
        deviceMonitoring(supervisor.device.id, { state: 'Coach', ...VOICE_MONITORING_DEFAULTS, target: agent.device.id }),
      );
      expect(await supervisor.voice.monitor('Coach', agent)).toHaveStatusCode(0);
      await armed;
    },
  );

  test(
    'Coach with scope Agent and mode NextCall answers statusCode 0; the device shows Coach with them',
    meta({ id: 'voice.coach.agent-next-call', page, requirements: ['VOICE-COACH-STATE', 'VOICE-COACH-PARAMETERS'] }),
    async ({ agent, supervisor }) => {
      const armed = supervisor.notifications.expect(
        deviceMonitoring(supervisor.device.id, { state: 'Coach', scope: 'Agent', mode: 'NextCall', target: agent.device.id }),
      );
      expect(await supervisor.voice.monitor('Coach', agent, { scope: 'Agent', mode: 'NextCall' })).toHaveStatusCode(0);
      await armed;
    },
  );

  // No page shows the call of a coaching supervisor: neither its mute nor its capabilities are checked.
  test(
    "after Coach the agent's next call reaches the supervisor",
    meta({ id: 'voice.coach.joins-next-call', page, requirements: ['VOICE-COACH-JOINS-NEXT-CALL'] }),
    async ({ agent, supervisor, caller }) => {
      await startMonitoring(supervisor, agent, 'Coach');
      const leg = supervisor.notifications.expect(supervisorLeg(supervisor.voice.knownCalls()));
      await establishCall(caller, agent);
      await supervisor.voice.joinLeg((await leg)[0]);
    },
  );
});
