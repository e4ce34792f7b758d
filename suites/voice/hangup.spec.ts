import { callState, expect, meta, superviseCall, test } from '../harness';

/**
 * Hangup of the supervisor's own leg of a monitored call: Released, nothing left to do on it.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/CallsHangup
 */

test.describe('Voice Hangup', () => {
  test(
    "Hangup of the supervisor's leg answers statusCode 0, then StatusChange Released with no capabilities",
    meta({
      id: 'voice.hangup.supervisor-leg-released',
      page: 'voice.hangup',
      requirements: ['VOICE-HANGUP-RELEASED', 'VOICE-NOTIFICATION-SCHEMAS'],
    }),
    async ({ agent, supervisor, caller }) => {
      const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, 'ListenIn');
      const released = supervisor.notifications.expect(callState(id, 'Released', { capabilities: { none: true } }));
      expect(await supervisor.voice.hangup(id)).toHaveStatusCode(0);
      await released;
    },
  );
});
