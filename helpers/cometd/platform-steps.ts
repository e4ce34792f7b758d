import type { Notification, Step } from './types';

/**
 * Steps for the platform checks: a user's own agent-state notifications, and the same about
 * another user's device, for the check that one user's notifications never reach another.
 */

interface DeviceView {
  id?: unknown;
  userState?: { state?: unknown };
}

function deviceOf(n: Notification, deviceId: string): DeviceView | undefined {
  if (n.data.messageType !== 'DeviceStateChangeMessage' || !Array.isArray(n.data.devices)) return undefined;
  return (n.data.devices as DeviceView[]).find((d) => d && d.id === deviceId);
}

/** DeviceStateChangeMessage for this device, with the agent state `state` (Ready, NotReady). */
export function platformDeviceState(deviceId: string, state: string): Step {
  return {
    describe: `DeviceStateChangeMessage device=${deviceId} userState=${state}`,
    kind: (n) => deviceOf(n, deviceId) !== undefined,
    verify: (n) => {
      const actual = deviceOf(n, deviceId)?.userState?.state;
      return actual === state ? [] : [`userState.state is ${JSON.stringify(actual)}, expected ${JSON.stringify(state)}`];
    },
  };
}

/** Any DeviceStateChangeMessage about this device: what another user must never receive. */
export function anyDeviceState(deviceId: string, why: string): Step {
  return {
    describe: `DeviceStateChangeMessage about device ${deviceId} (${why})`,
    kind: (n) => deviceOf(n, deviceId) !== undefined,
    verify: () => [],
  };
}

/**
 * A notification showing the user Ready on `channel`: a ChannelStateChangeMessageV2 listing the
 * channel with userState Ready, or, for voice, the device with userState Ready.
 */
export function readyOn(channel: string, deviceId: string | undefined): Step {
  return userStateOn(channel, 'Ready', deviceId);
}

/** A notification showing the user in agent state `state` on `channel` (the channel's list, or for voice the device). */
export function userStateOn(channel: string, state: string, deviceId: string | undefined): Step {
  const shows = (n: Notification) => {
    const channels = Array.isArray(n.data.channels) ? (n.data.channels as { channel?: unknown; userState?: { state?: unknown } }[]) : [];
    if (channels.some((c) => c?.channel === channel && c.userState?.state === state)) return true;
    return channel === 'voice' && deviceId !== undefined && deviceOf(n, deviceId)?.userState?.state === state;
  };
  return { describe: `the user shown ${state} on ${channel}`, kind: shows, verify: () => [] };
}
