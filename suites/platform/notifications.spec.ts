import { anyDeviceState, expect, meta, platformDeviceState, test, userStateOn } from '../harness';

/**
 * Notifications: CometD at /api/v2/notifications, authorized by the user's session, delivering each
 * user's /v2/me/... topics to that user only.
 * https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents
 */

test.describe('Platform Notifications', () => {
  test(
    'a CometD handshake carrying only the session cookie succeeds and its subscription to /v2/me/* is acknowledged',
    meta({
      id: 'platform.notifications.cookie-handshake',
      page: 'platform.notifications',
      requirements: ['COMETD-COOKIE-HANDSHAKE'],
      features: [],
      inferred: "Genesys's sample client authorizes CometD with the cookie of an authenticated GET /me; no page states it.",
    }),
    async ({ agent }) => {
      const cookieOnly = await agent.connectWithCookieOnly();
      expect(cookieOnly.dropped, 'the cookie-only CometD session').toBeUndefined();
      // The subscription is only worth something if the user's notifications reach that client.
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
