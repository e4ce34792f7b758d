import { expect, meta, monitoredUserMuted, superviseCall, test } from '../harness';

/**
 * UnmuteMonitoredUser on the supervisor's call: the agent the supervisor muted is heard again.
 * https://docs.genesys.com/Documentation:HTCC:API:SupervisorUnmuteMonitoredUser:8.5.2
 */

test.describe('Voice UnmuteMonitoredUser', () => {
  test(
    'UnmuteMonitoredUser after MuteMonitoredUser answers statusCode 0, then MonitoredUserMutedStateChange with monitoredUserMuted false',
    meta({
      id: 'voice.unmute-monitored-user.unmuted',
      page: 'voice.unmute-monitored-user',
      requirements: ['VOICE-UNMUTE-MONITORED', 'VOICE-NOTIFICATION-SCHEMAS'],
    }),
    async ({ agent, supervisor, caller }) => {
      const { supervisorCallId: id } = await superviseCall({ agent, supervisor, caller }, 'BargeIn');
      const muted = supervisor.notifications.expect(monitoredUserMuted(id, true));
      expect(await supervisor.voice.muteMonitoredUser(id)).toHaveStatusCode(0);
      await muted;

      const unmuted = supervisor.notifications.expect(monitoredUserMuted(id, false));
      expect(await supervisor.voice.unmuteMonitoredUser(id)).toHaveStatusCode(0);
      await unmuted;
    },
  );
});
