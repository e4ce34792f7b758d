import { anyDeviceState, expect, meta, observe, platformDeviceState, test, userStateOn } from '../harness';

/**
 * Notifications: CometD at /api/v2/notifications, authorized by the user's session, delivering each
 * user's /v2/me/... topics to that user only.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents
 */

test.describe('Platform Notifications', () => {
  test(
    'a CometD handshake carrying only the session cookie is observed; a client it admits receives the user\'s notifications',
    meta({
      id: 'platform.notifications.cookie-handshake',
      page: 'platform.notifications',
      requirements: ['COMETD-COOKIE-HANDSHAKE'],
    }),
    async ({ agent }) => {
      const handshake = await agent.connectWithCookieOnly();
      // Whether the cookie alone opens a CometD session is left open by the pages: recorded.
      await observe('CometD handshake with the session cookie only', 'refused' in handshake ? `refused: ${handshake.refused}` : 'accepted');
      if ('refused' in handshake) return;
      const cookieOnly = handshake.recorder;
      expect(cookieOnly.dropped, 'the cookie-only CometD session').toBeUndefined();
      // A subscription the server acknowledged is only worth something if the user's notifications reach that client.
      const device = agent.devices[0]?.id;
      const notReady = cookieOnly.expect(userStateOn('voice', 'NotReady', device));
      expect(await agent.send('NotReady on voice', 'POST', '/me/channels/voice', { operationName: 'NotReady' })).toHaveStatusCode(0);
      await notReady;
      const ready = cookieOnly.expect(userStateOn('voice', 'Ready', device));
      expect(await agent.send('Ready on voice', 'POST', '/me/channels/voice', { operationName: 'Ready' })).toHaveStatusCode(0);
      await ready;
    },
  );

  test(
    "the agent's state change reaches the agent and never the caller",
    meta({ id: 'platform.notifications.user-isolation', page: 'platform.notifications', requirements: ['COMETD-USER-ISOLATION'], features: ['api-voice'] }),
    async ({ agent, caller }) => {
      const device = agent.device.id;
      const quiet = caller.notifications.expectQuiet(anyDeviceState(device, `it is ${agent.label}'s device, not the caller's`));
      // One wait per request: a Ready of the log-in that is still on its way is not taken for the second.
      const notReady = agent.notifications.expect(platformDeviceState(device, 'NotReady'));
      expect(await agent.send('NotReady on voice', 'POST', '/me/channels/voice', { operationName: 'NotReady' })).toHaveStatusCode(0);
      await notReady;
      const ready = agent.notifications.expect(platformDeviceState(device, 'Ready'));
      expect(await agent.send('Ready on voice', 'POST', '/me/channels/voice', { operationName: 'Ready' })).toHaveStatusCode(0);
      await ready;
      await quiet;
    },
  );
});
