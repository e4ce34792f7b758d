import { USER_STATES, type MockState } from './state';
import type { MockUser } from './users';

/**
 * Users' devices as the Voice API shows them (DevicesAttribs, CallsDeviceResource): the resource
 * of GET /api/v2/me/devices and of DeviceStateChangeMessage on /v2/me/devices.
 */

export const DEVICES_TOPIC = '/v2/me/devices';

export function deviceView(state: MockState, user: MockUser): Record<string, unknown> {
  const voice = state.channelState(user.id, 'voice') ?? 'NotReady';
  const capabilities = ['ForwardCallsOn', 'DoNotDisturbOn'];
  if (user.roles.includes('ROLE_SUPERVISOR')) capabilities.push('ListenIn', 'Coach', 'BargeIn');
  return {
    id: user.device.id,
    deviceState: 'Active',
    userState: USER_STATES[voice],
    phoneNumber: user.device.phoneNumber,
    e164Number: user.device.phoneNumber,
    telephonyNetwork: 'Private',
    doNotDisturb: 'Off',
    voiceEnvironmentUri: `${state.baseUrl}/api/v2/voice-environments/00000000-0000-4000-a000-000000000001`,
    capabilities,
    uri: state.deviceUri(user),
    path: `/devices/${user.device.id}`,
  };
}

export function notifyDevice(state: MockState, user: MockUser): void {
  state.notify(user.id, DEVICES_TOPIC, { messageType: 'DeviceStateChangeMessage', devices: [deviceView(state, user)] });
}
