import { expect, test } from '@playwright/test';
import type { Notification } from '../../helpers/cometd/types';
import {
  asyncRefusal,
  callState,
  deviceMonitoring,
  deviceNotMonitoring,
  monitoredUserMuted,
  supervisorLeg,
} from '../../helpers/cometd/voice-steps';

/** What the voice steps accept and what they call a contradiction, on hand-made notifications. */

let seq = 0;
function notification(channel: string, data: Record<string, unknown>): Notification {
  seq += 1;
  return { seq, user: 'supervisor s', channel, data, receivedAt: 0, at: 0, verdict: { envelope: [], schema: undefined, issues: [] } };
}

function call(state: string, more: Record<string, unknown> = {}, notificationType = 'StatusChange'): Notification {
  return notification('/v2/me/calls', { messageType: 'CallStateChangeMessage', notificationType, call: { id: 'C1', state, ...more } });
}

function device(more: Record<string, unknown>): Notification {
  return notification('/v2/me/devices', { messageType: 'DeviceStateChangeMessage', devices: [{ id: 'D1', capabilities: ['ListenIn'], ...more }] });
}

test("the supervisor's leg may arrive Ringing or Established; mute is judged once Established", () => {
  const step = supervisorLeg(new Set(['OLD']), { mute: 'On' });
  expect(step.kind(call('Ringing', { mute: 'Off' }))).toBe(true);
  expect(step.verify(call('Ringing', { mute: 'Off' }))).toEqual([]);
  expect(step.verify(call('Established', { mute: 'On' }))).toEqual([]);
  expect(step.verify(call('Established', { mute: 'Off' }))).toEqual(['mute is "Off", expected "On"']);
  expect(step.verify(call('Released'))).toEqual(['a new call arrived in state "Released", expected Ringing or Established']);
  expect(step.kind(notification('/v2/me/calls', { messageType: 'CallStateChangeMessage', notificationType: 'StatusChange', call: { id: 'OLD', state: 'Established' } }))).toBe(false);
});

test('a call state checks the state, the mute and the capabilities in every documented spelling', () => {
  const step = callState('C1', 'Established', { mute: 'On', capabilities: { include: ['SwitchToBargeIn'], exclude: ['SwitchToListenIn'] } });
  expect(step.verify(call('Established', { mute: 'On', capabilities: ['Hangup', 'SwitchBargeIn'] }))).toEqual([]);
  expect(step.verify(call('Established', { mute: 'On', capabilities: ['Hangup', 'SwitchToListenIn'] })).join('\n')).toMatch(
    /capabilities lack SwitchToBargeIn or SwitchBargeIn[\s\S]*should not offer SwitchToListenIn/,
  );
  expect(step.kind(call('Established', {}, 'MonitoredUserMutedStateChange'))).toBe(false);
});

test('monitoredUserMuted is only about MonitoredUserMutedStateChange of that call', () => {
  const step = monitoredUserMuted('C1', true);
  expect(step.kind(call('Established', { monitoredUserMuted: true }))).toBe(false);
  const muted = call('Established', { monitoredUserMuted: false }, 'MonitoredUserMutedStateChange');
  expect(step.kind(muted)).toBe(true);
  expect(step.verify(muted)).toEqual(['monitoredUserMuted is false, expected true']);
});

test('a device monitoring compares the target by device id, whatever the host, and needs CancelSupervisorMonitoring', () => {
  const step = deviceMonitoring('D1', { state: 'ListenIn', mode: 'AllCalls', scope: 'Call', target: 'AGENT' });
  const shown = (target: string, capabilities: string[]) =>
    device({ capabilities, supervisorMonitoringState: { state: 'ListenIn', mode: 'AllCalls', scope: 'Call', targetDeviceUri: target } });
  expect(step.kind(device({}))).toBe(false);
  expect(step.verify(shown('http://localhost:8080/api/v2/devices/AGENT', ['CancelSupervisorMonitoring']))).toEqual([]);
  expect(step.verify(shown('http://127.0.0.1:8080/api/v2/devices/OTHER/', ['CancelSupervisorMonitoring']))).toEqual([
    'supervisorMonitoringState.targetDeviceUri is "http://127.0.0.1:8080/api/v2/devices/OTHER/", expected a URI of device AGENT',
  ]);
  expect(step.verify(shown('http://h/api/v2/devices/AGENT', []))).toEqual(['capabilities lack CancelSupervisorMonitoring; got []']);
});

test('after a cancel, any device notification of that device is judged: no monitoring state, no cancel offered', () => {
  const step = deviceNotMonitoring('D1');
  expect(step.kind(device({}))).toBe(true);
  expect(step.verify(device({}))).toEqual([]);
  const stale = device({ capabilities: ['CancelSupervisorMonitoring'], supervisorMonitoringState: { state: 'ListenIn' } });
  expect(step.verify(stale)).toEqual([
    'supervisorMonitoringState is still there: {"state":"ListenIn"}',
    'capabilities should not offer CancelSupervisorMonitoring; got ["CancelSupervisorMonitoring"]',
  ]);
});

test('an asynchronous refusal is an ErrorMessage; the request carried out instead contradicts it', () => {
  const step = asyncRefusal('SwitchToBargeIn', { describe: 'a StatusChange of C1', matches: (n) => n.channel === '/v2/me/calls' });
  const error = notification('/v2/me/devices', { messageType: 'ErrorMessage', errorMessage: 'no' });
  expect(step.kind(error)).toBe(true);
  expect(step.verify(error)).toEqual([]);
  expect(step.verify(call('Established'))).toEqual(['a StatusChange of C1: SwitchToBargeIn was carried out instead of refused']);
});
