import { expect, meta, monitoredUserMuted, superviseCall, test } from '../harness';

/**
 * MuteMonitoredUser on the supervisor's call: the monitored agent is muted, so that the
 * supervisor can take the call over.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorMuteMonitoredUser
 */

test.describe('Voice MuteMonitoredUser', () => {
  test(
    'MuteMonitoredUser in BargeIn answers statusCode 0, then MonitoredUserMutedStateChange with monitoredUserMuted true',
    meta({
      id: 'voice.mute-monitored-user.muted',
      page: 'voice.mute-monitored-user',
      requirements: ['VOICE-MUTE-MONITORED', 'VOICE-NOTIFICATION-SCHEMAS'],
    }),
    async ({ agent, supervisor, caller }) => {
      const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, 'BargeIn');
      const muted = supervisor.notifications.expect(monitoredUserMuted(id, true));
      expect(await supervisor.voice.muteMonitoredUser(id)).toHaveStatusCode(0);
      await muted;
    },
  );
});
