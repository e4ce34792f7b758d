import { establishCall, meta, startMonitoring, supervisorLeg, test } from '../harness';
import { monitoringRequestTests, VOICE_FEATURES } from './monitoring';

/**
 * Coach: the supervisor is brought into the agent's next call and heard by the agent only.
 * https://enu.docs.genesys.com/Documentation/HTCC/latest/API/SupervisorCoach
 */

const features = VOICE_FEATURES;
const page = 'voice.coach';


test.describe('Voice Coach', () => {
  monitoringRequestTests('Coach');

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
