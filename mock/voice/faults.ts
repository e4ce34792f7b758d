import type { VoiceSupervisorMode } from '../../helpers/gws/vocabulary';
import { breaksSchema, codesOf, contradicts, happensAnyway, switchesOf, voiceNotRefused, type FaultDefinition } from '../faults/types';

/**
 * Fault switches of the Voice API's supervisor operations: the monitoring state a supervisor's
 * device shows, joining the monitored agent's calls, the call-level switches and mutes, Hangup.
 */

const LISTEN_IN = 'voice/listen-in.spec.ts';
const COACH = 'voice/coach.spec.ts';
const BARGE_IN = 'voice/barge-in.spec.ts';
const CANCEL = 'voice/cancel-supervisor-monitoring.spec.ts';
const TO_LISTEN_IN = 'voice/switch-to-listen-in.spec.ts';
const TO_BARGE_IN = 'voice/switch-to-barge-in.spec.ts';
/** The suites that come nearest to the sequence-only fault's sequence: the self-check runs them with it on. */
const MONITORING = [LISTEN_IN, COACH, BARGE_IN, CANCEL];

export const VOICE_FAULTS = {
  'voice.monitoring.no-state': {
    description: "The supervisor's device never shows supervisorMonitoringState",
    suite: LISTEN_IN,
    caughtBy: ['voice.listen-in.defaults', 'voice.listen-in.agent-next-call'],
    fails: { code: ['NOTIFICATION_CONTRADICTS', 'NOTIFICATION_TIMEOUT'], message: /supervisorMonitoringState/ },
  },
  'voice.monitoring.no-cancel-capability': {
    description: 'A device with an active monitoring does not offer CancelSupervisorMonitoring',
    suite: LISTEN_IN,
    caughtBy: ['voice.listen-in.defaults'],
    fails: contradicts(/CancelSupervisorMonitoring|capabilit/i),
  },
  'voice.device.user-state-missing': {
    description: 'DeviceStateChangeMessage devices carry no userState (schema violation)',
    suite: LISTEN_IN,
    caughtBy: ['voice.listen-in.defaults'],
    fails: breaksSchema(/userState/),
  },
  'voice.listen-in.wrong-defaults': {
    description: 'ListenIn without scope and mode defaults to Agent and NextCall',
    suite: LISTEN_IN,
    caughtBy: ['voice.listen-in.defaults'],
    fails: contradicts(/scope|mode|Agent|NextCall/i),
  },
  'voice.listen-in.params-ignored': {
    description: 'ListenIn ignores an explicit scope and mode',
    suite: LISTEN_IN,
    caughtBy: ['voice.listen-in.agent-next-call'],
    fails: contradicts(/scope|mode|Agent|NextCall|Call|AllCalls/i),
  },
  'voice.listen-in.no-join': {
    description: "ListenIn never brings the supervisor into the agent's calls",
    suite: LISTEN_IN,
    caughtBy: ['voice.listen-in.joins-next-call', 'voice.listen-in.next-call-once', 'voice.listen-in.all-calls'],
    fails: { code: ['NOTIFICATION_TIMEOUT', 'NOTIFICATION_CONTRADICTS'], message: /supervisor/i },
  },
  'voice.listen-in.leg-unmuted': {
    description: "The supervisor's leg in ListenIn has mute Off",
    suite: LISTEN_IN,
    caughtBy: ['voice.listen-in.joins-next-call'],
    fails: contradicts(/mute/),
  },
  'voice.monitoring.next-call-not-disarmed': {
    description: 'A NextCall monitoring goes on after its call, like AllCalls',
    suite: LISTEN_IN,
    caughtBy: ['voice.listen-in.next-call-once'],
    fails: happensAnyway(/supervisor|call|monitor/i),
  },
  'voice.monitoring.all-calls-disarmed': {
    description: 'An AllCalls monitoring stops after one call, like NextCall',
    suite: LISTEN_IN,
    caughtBy: ['voice.listen-in.all-calls'],
    fails: { code: ['NOTIFICATION_TIMEOUT', 'NOTIFICATION_CONTRADICTS'], message: /supervisor|monitor/i },
  },
  'voice.monitoring.bad-input-accepted': {
    description: 'ListenIn without or with an unknown targetDeviceUri, or with an invalid scope or mode, answers statusCode 0 and shows a monitoring',
    suite: LISTEN_IN,
    caughtBy: [
      'voice.listen-in.refused-missing-target',
      'voice.listen-in.refused-unknown-target',
      'voice.listen-in.refused-invalid-scope',
      'voice.listen-in.refused-invalid-mode',
    ],
    fails: voiceNotRefused,
    // The monitoring the mock then shows carries the invalid value: its schema catches it first.
    failsIn: Object.fromEntries(
      ['voice.listen-in.refused-missing-target', 'voice.listen-in.refused-invalid-scope', 'voice.listen-in.refused-invalid-mode'].map((id) => [
        id,
        { code: [...codesOf(voiceNotRefused), 'SCHEMA_VIOLATION'], message: /statusCode|ErrorMessage|refus|schema/i },
      ]),
    ),
  },
  'voice.coach.wrong-state-name': {
    description: 'After Coach the device shows supervisorMonitoringState.state ListenIn',
    suite: COACH,
    caughtBy: ['voice.coach.defaults', 'voice.coach.agent-next-call'],
    fails: contradicts(/supervisorMonitoringState|state/),
  },
  'voice.coach.wrong-defaults': {
    description: 'Coach without scope and mode defaults to Agent and NextCall',
    suite: COACH,
    caughtBy: ['voice.coach.defaults'],
    fails: contradicts(/scope|mode|Agent|NextCall/i),
  },
  'voice.coach.params-ignored': {
    description: 'Coach ignores an explicit scope and mode',
    suite: COACH,
    caughtBy: ['voice.coach.agent-next-call'],
    fails: contradicts(/scope|mode|Agent|NextCall|Call|AllCalls/i),
  },
  'voice.coach.no-join': {
    description: "Coach never brings the supervisor into the agent's calls",
    suite: COACH,
    caughtBy: ['voice.coach.joins-next-call'],
    fails: { code: ['NOTIFICATION_TIMEOUT', 'NOTIFICATION_CONTRADICTS'], message: /supervisor/i },
  },
  'voice.barge-in.wrong-state-name': {
    description: 'After BargeIn the device shows supervisorMonitoringState.state "Barge" (schema violation)',
    suite: BARGE_IN,
    caughtBy: ['voice.barge-in.defaults', 'voice.barge-in.agent-next-call'],
    fails: { code: ['SCHEMA_VIOLATION', 'NOTIFICATION_CONTRADICTS'], message: /Barge|state/ },
  },
  'voice.barge-in.wrong-defaults': {
    description: 'BargeIn without scope and mode defaults to Agent and NextCall',
    suite: BARGE_IN,
    caughtBy: ['voice.barge-in.defaults'],
    fails: contradicts(/scope|mode|Agent|NextCall/i),
  },
  'voice.barge-in.params-ignored': {
    description: 'BargeIn ignores an explicit scope and mode',
    suite: BARGE_IN,
    caughtBy: ['voice.barge-in.agent-next-call'],
    fails: contradicts(/scope|mode|Agent|NextCall|Call|AllCalls/i),
  },
  'voice.barge-in.no-join': {
    description: "BargeIn never brings the supervisor into the agent's calls",
    suite: BARGE_IN,
    caughtBy: ['voice.barge-in.joins-next-call', 'voice.barge-in.joins-active-call'],
    fails: { code: ['NOTIFICATION_TIMEOUT', 'NOTIFICATION_CONTRADICTS'], message: /supervisor/i },
    // Joining a call already in progress at once rests on a reading (seed 003: if the T-Server allows barge).
    failsIn: { 'voice.barge-in.joins-active-call': { code: ['NOTIFICATION_TIMEOUT', 'NOTIFICATION_CONTRADICTS'], message: /supervisor/i, inferred: true } },
  },
  'voice.barge-in.no-join-active-call': {
    description: 'BargeIn while the agent is on an established call waits for the next call instead of joining this one',
    suite: BARGE_IN,
    caughtBy: ['voice.barge-in.joins-active-call'],
    fails: { code: ['NOTIFICATION_TIMEOUT', 'NOTIFICATION_CONTRADICTS'], message: /supervisor/i },
    // Joining a call already in progress at once rests on a reading (seed 003: if the T-Server allows barge).
    failsIn: { 'voice.barge-in.joins-active-call': { code: ['NOTIFICATION_TIMEOUT', 'NOTIFICATION_CONTRADICTS'], message: /supervisor/i, inferred: true } },
  },
  'voice.barge-in.leg-muted': {
    description: "The supervisor's leg in BargeIn has mute On",
    suite: BARGE_IN,
    caughtBy: ['voice.barge-in.joins-next-call', 'voice.barge-in.joins-active-call'],
    fails: contradicts(/mute/),
    failsIn: { 'voice.barge-in.joins-active-call': { ...contradicts(/mute/), inferred: true } },
  },
  'voice.cancel.state-kept': {
    description: 'After CancelSupervisorMonitoring the device still shows supervisorMonitoringState',
    suite: CANCEL,
    caughtBy: ['voice.cancel.after-listen-in', 'voice.cancel.after-coach', 'voice.cancel.after-barge-in'],
    fails: contradicts(/supervisorMonitoringState/),
  },
  'voice.cancel.capability-kept': {
    description: 'After CancelSupervisorMonitoring the device still offers CancelSupervisorMonitoring',
    suite: CANCEL,
    caughtBy: ['voice.cancel.after-listen-in', 'voice.cancel.after-coach', 'voice.cancel.after-barge-in'],
    fails: contradicts(/CancelSupervisorMonitoring|capabilit/i),
  },
  'voice.cancel.still-joins': {
    description: "After CancelSupervisorMonitoring the supervisor is still brought into the agent's next call",
    suite: CANCEL,
    caughtBy: ['voice.cancel.no-join-after-cancel'],
    fails: happensAnyway(/supervisor|call/i),
  },
  'voice.switch-to-listen-in.mute-unchanged': {
    description: 'SwitchToListenIn leaves mute as it was',
    suite: TO_LISTEN_IN,
    caughtBy: ['voice.switch-to-listen-in.from-barge-in', 'voice.switch-to-listen-in.from-coach'],
    fails: contradicts(/mute/),
  },
  'voice.switch-to-listen-in.capabilities-stale': {
    description: 'After SwitchToListenIn the call still offers the capabilities of the previous mode',
    suite: TO_LISTEN_IN,
    caughtBy: ['voice.switch-to-listen-in.from-barge-in', 'voice.switch-to-listen-in.from-coach'],
    fails: contradicts(/capabilit|Switch/i),
  },
  'voice.switch-to-listen-in.coach-return-allowed': {
    description: 'After leaving Coach, SwitchToCoach is accepted and the call returns to Coach',
    suite: TO_LISTEN_IN,
    caughtBy: ['voice.switch-to-listen-in.no-return-to-coach'],
    fails: voiceNotRefused,
  },
  'voice.call.duration-number': {
    description: 'Calls carry duration as a number instead of a string (schema violation)',
    suite: TO_LISTEN_IN,
    caughtBy: ['voice.switch-to-listen-in.from-barge-in', 'voice.switch-to-listen-in.from-coach'],
    fails: breaksSchema(/duration/),
  },
  'voice.switch-to-barge-in.mute-unchanged': {
    description: 'SwitchToBargeIn leaves mute as it was',
    suite: TO_BARGE_IN,
    caughtBy: ['voice.switch-to-barge-in.from-listen-in'],
    fails: contradicts(/mute/),
  },
  'voice.switch-to-barge-in.capabilities-stale': {
    description: 'After SwitchToBargeIn the call still offers the capabilities of the previous mode',
    suite: TO_BARGE_IN,
    caughtBy: ['voice.switch-to-barge-in.from-listen-in', 'voice.switch-to-barge-in.from-coach'],
    fails: contradicts(/capabilit|Switch/i),
  },
  'voice.switch-to-barge-in.coach-return-allowed': {
    description: 'After leaving Coach, SwitchToCoach is accepted and the call returns to Coach',
    suite: TO_BARGE_IN,
    caughtBy: ['voice.switch-to-barge-in.no-return-to-coach'],
    fails: voiceNotRefused,
  },
  'voice.switch-to-barge-in.allowed-in-barge-in': {
    description: 'SwitchToBargeIn is accepted while the supervisor is already in BargeIn',
    suite: TO_BARGE_IN,
    caughtBy: ['voice.switch-to-barge-in.refused-in-barge-in'],
    fails: voiceNotRefused,
  },
  'voice.switch.allowed-outside-monitoring': {
    description: "SwitchToBargeIn on an agent's own, unmonitored call answers statusCode 0",
    suite: TO_BARGE_IN,
    caughtBy: ['voice.switch-to-barge-in.refused-outside-monitoring'],
    fails: voiceNotRefused,
  },
  'voice.mute-monitored-user.wrong-type': {
    description: 'MuteMonitoredUser is notified as StatusChange instead of MonitoredUserMutedStateChange',
    suite: 'voice/mute-monitored-user.spec.ts',
    caughtBy: ['voice.mute-monitored-user.muted'],
    fails: { code: ['NOTIFICATION_CONTRADICTS', 'NOTIFICATION_TIMEOUT'], message: /MonitoredUserMutedStateChange/ },
  },
  'voice.mute-monitored-user.flag-unchanged': {
    description: 'After MuteMonitoredUser the call still has monitoredUserMuted false',
    suite: 'voice/mute-monitored-user.spec.ts',
    caughtBy: ['voice.mute-monitored-user.muted'],
    fails: contradicts(/monitoredUserMuted/),
  },
  'voice.unmute-monitored-user.flag-unchanged': {
    description: 'After UnmuteMonitoredUser the call still has monitoredUserMuted true',
    suite: 'voice/unmute-monitored-user.spec.ts',
    caughtBy: ['voice.unmute-monitored-user.unmuted'],
    fails: contradicts(/monitoredUserMuted/),
  },
  'voice.hangup.capabilities-kept': {
    description: 'A Released call still lists capabilities',
    suite: 'voice/hangup.spec.ts',
    caughtBy: ['voice.hangup.supervisor-leg-released'],
    fails: { code: ['NOTIFICATION_CONTRADICTS', 'SCHEMA_VIOLATION'], message: /capabilit/i },
  },
  // Only a sequence reveals it (npm run explore, tests/unit/explore.test.ts): every suite arms once per log-in.
  'voice.sequence.next-call-rearm-kept': {
    description:
      "A NextCall monitoring armed after an earlier monitoring of the same agent in the same log-in is never spent: it goes on bringing the supervisor into the agent's calls, like AllCalls",
    suite: MONITORING,
    caughtBy: [],
    sequenceOnly: true,
  },
} as const satisfies Record<string, FaultDefinition>;

export type VoiceFaultName = keyof typeof VOICE_FAULTS;

/** Reads a Voice API fault's switch by name (mock/faults/types.ts). */
export const voiceFault = switchesOf(VOICE_FAULTS);

/** The faults one supervisor mode has of its own, by mode: no name is assembled. */
export const MODE_FAULTS: Record<VoiceSupervisorMode, { noJoin: VoiceFaultName; wrongDefaults: VoiceFaultName; paramsIgnored: VoiceFaultName }> = {
  ListenIn: { noJoin: 'voice.listen-in.no-join', wrongDefaults: 'voice.listen-in.wrong-defaults', paramsIgnored: 'voice.listen-in.params-ignored' },
  Coach: { noJoin: 'voice.coach.no-join', wrongDefaults: 'voice.coach.wrong-defaults', paramsIgnored: 'voice.coach.params-ignored' },
  BargeIn: { noJoin: 'voice.barge-in.no-join', wrongDefaults: 'voice.barge-in.wrong-defaults', paramsIgnored: 'voice.barge-in.params-ignored' },
};

/** The faults of each call-level switch, by the mode it switches to. */
export const SWITCH_FAULTS: Record<'ListenIn' | 'BargeIn', { muteUnchanged: VoiceFaultName; capabilitiesStale: VoiceFaultName }> = {
  ListenIn: { muteUnchanged: 'voice.switch-to-listen-in.mute-unchanged', capabilitiesStale: 'voice.switch-to-listen-in.capabilities-stale' },
  BargeIn: { muteUnchanged: 'voice.switch-to-barge-in.mute-unchanged', capabilitiesStale: 'voice.switch-to-barge-in.capabilities-stale' },
};

/** The state name a device wrongly reports for a monitoring mode, and the fault that makes it. */
export const WRONG_STATE_NAME: Partial<Record<VoiceSupervisorMode, { fault: VoiceFaultName; state: string }>> = {
  Coach: { fault: 'voice.coach.wrong-state-name', state: 'ListenIn' },
  BargeIn: { fault: 'voice.barge-in.wrong-state-name', state: 'Barge' },
};
