import { callOperationRefused, establishCall, meta, refusedNowOrLater, superviseCall, test } from '../harness';
import { voiceSwitchTests } from './switching';

/**
 * SwitchToBargeIn on the supervisor's call: only from ListenIn or Coach; once out of Coach there
 * is no way back to it.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorSwitchToBargeIn
 */

type Meta = Parameters<typeof meta>[0];
const features: Meta['features'] = ['api-voice', 'api-supervisor-monitoring'];
const page = 'voice.switch-to-barge-in';

test.describe('Voice SwitchToBargeIn', () => {
  voiceSwitchTests('BargeIn');

  test(
    'SwitchToBargeIn while the supervisor is already in BargeIn is refused',
    meta({ id: 'voice.switch-to-barge-in.refused-in-barge-in', page, requirements: ['VOICE-SWITCH-BARGEIN-ALLOWED-FROM', 'ERR-SHAPE'], features }),
    async ({ agent, supervisor, caller }) => {
      const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, 'BargeIn');
      const refused = supervisor.notifications.expect(callOperationRefused(id, 'SwitchToBargeIn'));
      await refusedNowOrLater(await supervisor.voice.switchToBargeIn(id), refused);
    },
  );

  test(
    "SwitchToBargeIn on the agent's own call, which no one monitors, is refused",
    meta({ id: 'voice.switch-to-barge-in.refused-outside-monitoring', page, requirements: ['VOICE-SWITCH-BARGEIN-ALLOWED-FROM', 'ERR-SHAPE'], features }),
    async ({ agent, caller }) => {
      const { agentCallId: id } = await establishCall(caller, agent);
      const refused = agent.notifications.expect(callOperationRefused(id, 'SwitchToBargeIn'));
      await refusedNowOrLater(await agent.voice.switchToBargeIn(id), refused);
    },
  );
});
