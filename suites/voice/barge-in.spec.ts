import { deviceMonitoring, establishCall, expect, graded, meta, startMonitoring, supervisorLeg, test, VOICE_MONITORING_DEFAULTS } from '../harness';

/**
 * BargeIn: the supervisor joins the agent's call at once if there is one, else the next call;
 * agent and customer both hear the supervisor.
 * https://docs.genesys.com/Documentation:HTCC:API:SupervisorBargeIn:8.5.2 (the seed page)
 */

const page = 'voice.barge-in';

const AT_ONCE_INFERRED = 'the seed page conditions joining the running call at once on the T-Server allowing barge-in';

const MUTE_INFERRED = 'mute Off for a leg joined in BargeIn: the SwitchToBargeIn page shows mute Off in BargeIn, no page shows a leg joined in BargeIn';

test.describe('Voice BargeIn', () => {
  test(
    'BargeIn without scope or mode answers statusCode 0; the device shows BargeIn with scope Call and mode AllCalls, offering CancelSupervisorMonitoring',
    meta({ id: 'voice.barge-in.defaults', page, requirements: ['VOICE-BARGEIN-STATE', 'VOICE-BARGEIN-DEFAULTS', 'VOICE-MONITORING-CANCEL-OFFERED'] }),
    async ({ agent, supervisor }) => {
      const armed = supervisor.notifications.expect(
        deviceMonitoring(supervisor.device.id, { state: 'BargeIn', ...VOICE_MONITORING_DEFAULTS, target: agent.device.id }),
      );
      expect(await supervisor.voice.monitor('BargeIn', agent)).toHaveStatusCode(0);
      await armed;
    },
  );

  test(
    'BargeIn with scope Agent and mode NextCall answers statusCode 0; the device shows BargeIn with them',
    meta({ id: 'voice.barge-in.agent-next-call', page, requirements: ['VOICE-BARGEIN-STATE', 'VOICE-BARGEIN-PARAMETERS'] }),
    async ({ agent, supervisor }) => {
      const armed = supervisor.notifications.expect(
        deviceMonitoring(supervisor.device.id, { state: 'BargeIn', scope: 'Agent', mode: 'NextCall', target: agent.device.id }),
      );
      expect(await supervisor.voice.monitor('BargeIn', agent, { scope: 'Agent', mode: 'NextCall' })).toHaveStatusCode(0);
      await armed;
    },
  );

  test(
    "BargeIn before a call brings the supervisor into the agent's next call, with mute Off",
    meta({ id: 'voice.barge-in.joins-next-call', page, requirements: ['VOICE-BARGEIN-JOINS-NEXT-CALL', 'VOICE-BARGEIN-UNMUTED'], inferred: MUTE_INFERRED }),
    async ({ agent, supervisor, caller }) => {
      await startMonitoring(supervisor, agent, 'BargeIn');
      const leg = supervisor.notifications.expect(supervisorLeg(supervisor.voice.knownCalls(), { mute: 'Off' }));
      await establishCall(caller, agent);
      await supervisor.voice.joinLeg((await leg)[0], { mute: 'Off' });
    },
  );

  test(
    'BargeIn while the agent is on an established call adds the supervisor to that call at once, with mute Off',
    meta({ id: 'voice.barge-in.joins-active-call', page, requirements: ['VOICE-BARGEIN-ACTIVE-CALL', 'VOICE-BARGEIN-UNMUTED'], inferred: MUTE_INFERRED }),
    async ({ agent, supervisor, caller }) => {
      await establishCall(caller, agent);
      const armed = supervisor.notifications.expect(
        deviceMonitoring(supervisor.device.id, { state: 'BargeIn', mode: 'AllCalls', scope: 'Call', target: agent.device.id }),
      );
      const leg = supervisor.notifications.expect(supervisorLeg(supervisor.voice.knownCalls(), { mute: 'Off' }));
      expect(await supervisor.voice.bargeIn(agent)).toHaveStatusCode(0);
      await armed;
      await graded(
        (async () => supervisor.voice.joinLeg((await leg)[0], { mute: 'Off' }))(),
        AT_ONCE_INFERRED,
      );
    },
  );
});
