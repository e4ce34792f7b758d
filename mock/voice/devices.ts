import { fail, USER_STATES, type MockState } from '../state';
import type { MockUser } from '../users';
import { voiceFault, WRONG_STATE_NAME } from './faults';
import type { SupervisorMonitoring } from './model';

/**
 * Users' devices as the Voice API shows them (DevicesAttribs, CallsDeviceResource): the resource
 * of GET /api/v2/me/devices and of DeviceStateChangeMessage on /v2/me/devices. A supervisor's
 * device carries `supervisorMonitoringState` and offers CancelSupervisorMonitoring only while a
 * monitoring is active (SupervisorListenIn, SupervisorCancelMonitoring).
 */

export const DEVICES_TOPIC = '/v2/me/devices';

/** What a device view is made from: the mock's world and the voice domain's monitorings. */
export interface DeviceSource {
  readonly state: MockState;
  readonly monitorings: ReadonlyMap<string, SupervisorMonitoring>;
}

export function deviceView(source: DeviceSource, user: MockUser): Record<string, unknown> {
  const { state } = source;
  const voice = state.channelState(user.id, 'voice') ?? 'NotReady';
  const capabilities = ['ForwardCallsOn', 'DoNotDisturbOn'];
  if (user.roles.includes('ROLE_SUPERVISOR')) capabilities.push('ListenIn', 'Coach', 'BargeIn');
  const view: Record<string, unknown> = {
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
  const monitoring = source.monitorings.get(user.id);
  if (monitoring && !monitoring.hidden) {
    if (!voiceFault(state, 'voice.monitoring.no-cancel-capability')) capabilities.push('CancelSupervisorMonitoring');
    const wrong = WRONG_STATE_NAME[monitoring.state];
    if (!voiceFault(state, 'voice.monitoring.no-state')) {
      view.supervisorMonitoringState = {
        state: wrong && voiceFault(state, wrong.fault) ? wrong.state : monitoring.state,
        mode: monitoring.mode,
        scope: monitoring.scope,
        targetDeviceUri: state.deviceUri(monitoring.target),
      };
    }
  }
  if (voiceFault(state, 'voice.device.user-state-missing')) delete view.userState;
  return view;
}

/** A user acts only on its own device (/api/v2/me/devices/{id}): any other id is not found. */
export function ownDevice(user: MockUser, deviceId: string): void {
  if (user.device.id !== deviceId) throw fail.notFound(`Device ${deviceId}`);
}

export function notifyDevice(source: DeviceSource, user: MockUser, tweak?: (view: Record<string, unknown>) => void): void {
  const view = deviceView(source, user);
  tweak?.(view);
  source.state.notify(user.id, DEVICES_TOPIC, { messageType: 'DeviceStateChangeMessage', devices: [view] });
}
