import type { Page, Requirement } from './types';

/**
 * Voice API pages (the supervisor's device and call operations, and the call operations they rest
 * on) and their requirements. The supervisor operations need the Voice API and supervisor monitoring; so does Hangup, whose
 * tests hang up a supervised call.
 */
const SUPERVISION = { section: 'Voice API', features: ['api-voice', 'api-supervisor-monitoring'] } as const;

export const VOICE_PAGES = {
  'voice.listen-in': {
    ...SUPERVISION,
    operation: 'ListenIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorListenIn',
  },
  'voice.coach': {
    ...SUPERVISION,
    operation: 'Coach',
    url: 'https://enu.docs.genesys.com/Documentation/HTCC/latest/API/SupervisorCoach',
  },
  'voice.barge-in': {
    ...SUPERVISION,
    operation: 'BargeIn',
    url: 'https://docs.genesys.com/Documentation:HTCC:API:SupervisorBargeIn:8.5.2',
  },
  'voice.cancel-monitoring': {
    ...SUPERVISION,
    operation: 'CancelSupervisorMonitoring',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorCancelMonitoring',
  },
  'voice.switch-to-listen-in': {
    ...SUPERVISION,
    operation: 'SwitchToListenIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorSwitchToListenin',
  },
  'voice.switch-to-barge-in': {
    ...SUPERVISION,
    operation: 'SwitchToBargeIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorSwitchToBargeIn',
  },
  'voice.mute-monitored-user': {
    ...SUPERVISION,
    operation: 'MuteMonitoredUser',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorMuteMonitoredUser',
  },
  // The page lists only api-voice; its test mutes and unmutes in a monitored call, hence both
  // features (ERRATA V7).
  'voice.unmute-monitored-user': {
    ...SUPERVISION,
    operation: 'UnmuteMonitoredUser',
    url: 'https://docs.genesys.com/Documentation:HTCC:API:SupervisorUnmuteMonitoredUser:8.5.2',
  },
  'voice.hangup': {
    ...SUPERVISION,
    operation: 'Hangup',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/CallsHangup',
  },
  'voice.message-type': {
    section: 'Voice API',
    features: ['api-voice'],
    operation: 'CometD notifications',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/CallsMessageType',
  },
} as const satisfies Record<string, Page>;

/**
 * Voice API: supervisor monitoring of a device (ListenIn, Coach, BargeIn, cancel) and the
 * supervisor's operations on a monitored call (switches, mute of the monitored agent).
 */

const MONITORING_OPERATIONS = {
  LISTENIN: ['voice.listen-in', 'ListenIn'],
  COACH: ['voice.coach', 'Coach'],
  BARGEIN: ['voice.barge-in', 'BargeIn'],
} as const;

type Op = keyof typeof MONITORING_OPERATIONS;

/** The three statements each device-level monitoring page makes in the same words. */
function monitoringRequirements<O extends Op>(op: O) {
  const [page, name] = MONITORING_OPERATIONS[op];
  return {
    [`VOICE-${op}-STATE`]: {
      page,
      level: 'MUST',
      statement: `${name} with the target's targetDeviceUri answers statusCode 0, then the supervisor receives DeviceStateChangeMessage on /v2/me/devices for its own device with supervisorMonitoringState state ${name} and the target device's URI.`,
      basis: 'printed',
    },
    [`VOICE-${op}-DEFAULTS`]: {
      page,
      level: 'MUST',
      statement: `${name} without supervisorMonitoringScope and supervisorMonitoringMode monitors with scope Call and mode AllCalls, as supervisorMonitoringState shows.`,
      basis: 'stated',
    },
    [`VOICE-${op}-PARAMETERS`]: {
      page,
      level: 'MUST',
      statement: `${name} takes supervisorMonitoringScope Agent and supervisorMonitoringMode NextCall, and supervisorMonitoringState shows them.`,
      basis: 'stated',
    },
  } as Record<`VOICE-${O}-${'STATE' | 'DEFAULTS' | 'PARAMETERS'}`, Requirement<keyof typeof VOICE_PAGES>>;
}

export const VOICE_REQUIREMENTS = {
  ...monitoringRequirements('LISTENIN'),
  ...monitoringRequirements('COACH'),
  ...monitoringRequirements('BARGEIN'),
  'VOICE-MONITORING-CANCEL-OFFERED': {
    page: 'voice.cancel-monitoring',
    level: 'MUST',
    statement: "While a supervisor monitoring is active, the supervisor's device offers CancelSupervisorMonitoring among its capabilities.",
    basis: 'stated',
  },
  'VOICE-LISTENIN-JOINS-NEXT-CALL': {
    page: 'voice.listen-in',
    level: 'MUST',
    statement: 'When the monitored agent receives a call, the supervisor who armed ListenIn is given that call too (on its /v2/me/calls).',
    basis: 'stated',
  },
  'VOICE-LISTENIN-MUTED': {
    page: 'voice.listen-in',
    level: 'MUST',
    statement: "The supervisor's leg of a call joined in ListenIn has mute On.",
    basis: 'inferred',
    reason:
      'ListenIn is silent monitoring, and the SwitchToListenIn page shows mute On in ListenIn; no page shows the leg of a call joined in ListenIn.',
  },
  'VOICE-MODE-NEXTCALL': {
    page: 'voice.listen-in',
    level: 'MUST',
    statement: "With supervisorMonitoringMode NextCall only the agent's next call is monitored; the call after it does not reach the supervisor.",
    basis: 'stated',
  },
  'VOICE-MODE-ALLCALLS': {
    page: 'voice.listen-in',
    level: 'MUST',
    statement: "With supervisorMonitoringMode AllCalls every call of the agent reaches the supervisor until monitoring is cancelled.",
    basis: 'stated',
  },
  'VOICE-MONITORING-BAD-INPUT': {
    page: 'voice.listen-in',
    level: 'MUST',
    statement: 'A monitoring request without targetDeviceUri, with the URI of no device, or with a scope or mode outside the documented values is refused and arms no monitoring.',
    basis: 'inferred',
    reason:
      'The pages list targetDeviceUri without calling it optional and list the accepted scope and mode values, but say nothing of refusals; a synchronous refusal and an asynchronous ErrorMessage (ErrorHandling) both count.',
  },
  'VOICE-COACH-JOINS-NEXT-CALL': {
    page: 'voice.coach',
    level: 'MUST',
    statement: "When the coached agent receives a call, the supervisor who armed Coach is given that call too.",
    basis: 'stated',
  },
  'VOICE-BARGEIN-JOINS-NEXT-CALL': {
    page: 'voice.barge-in',
    level: 'MUST',
    statement: 'BargeIn armed while the agent is not on a call brings the supervisor into the call the agent receives next.',
    basis: 'stated',
  },
  'VOICE-BARGEIN-ACTIVE-CALL': {
    page: 'voice.barge-in',
    level: 'MUST',
    statement: 'BargeIn while the agent is on a call adds the supervisor to that call immediately.',
    basis: 'inferred',
    reason:
      'The BargeIn page adds the supervisor to the current call only if T-Server allows barge-in, a setting the harness cannot see; that the target allows it is the reading taken here.',
  },
  'VOICE-BARGEIN-UNMUTED': {
    page: 'voice.barge-in',
    level: 'MUST',
    statement: "The supervisor's leg of a call joined in BargeIn has mute Off.",
    basis: 'inferred',
    reason:
      'In BargeIn both parties hear and speak with the supervisor, and the SwitchToBargeIn page shows mute Off in BargeIn; no page shows the leg of a call joined in BargeIn.',
  },
  'VOICE-CANCEL-STATE': {
    page: 'voice.cancel-monitoring',
    level: 'MUST',
    statement: "CancelSupervisorMonitoring answers statusCode 0, then the supervisor's device is notified without supervisorMonitoringState and without CancelSupervisorMonitoring among its capabilities.",
    basis: 'printed',
  },
  'VOICE-CANCEL-STOPS': {
    page: 'voice.cancel-monitoring',
    level: 'MUST',
    statement: "After CancelSupervisorMonitoring the agent's next call does not reach the supervisor.",
    basis: 'stated',
  },
  'VOICE-SWITCH-LISTENIN-MUTE': {
    page: 'voice.switch-to-listen-in',
    level: 'MUST',
    statement: "SwitchToListenIn on the supervisor's call answers statusCode 0, then StatusChange Established with mute On.",
    basis: 'printed',
  },
  'VOICE-SWITCH-LISTENIN-CAPABILITIES': {
    page: 'voice.switch-to-listen-in',
    level: 'MUST',
    statement: 'After SwitchToListenIn the call offers SwitchToBargeIn and no longer SwitchToListenIn.',
    basis: 'printed',
  },
  'VOICE-SWITCH-LISTENIN-NO-COACH': {
    page: 'voice.switch-to-listen-in',
    level: 'MUST',
    statement: 'After switching from Coach to ListenIn the supervisor cannot return to Coach: only BargeIn is offered.',
    basis: 'stated',
  },
  'VOICE-SWITCH-BARGEIN-MUTE': {
    page: 'voice.switch-to-barge-in',
    level: 'MUST',
    statement: "SwitchToBargeIn on the supervisor's call answers statusCode 0, then StatusChange Established with mute Off.",
    basis: 'printed',
  },
  'VOICE-SWITCH-BARGEIN-CAPABILITIES': {
    page: 'voice.switch-to-barge-in',
    level: 'MUST',
    statement: 'After SwitchToBargeIn the call offers SwitchToListenIn and no longer SwitchToBargeIn.',
    basis: 'printed',
  },
  'VOICE-SWITCH-BARGEIN-NO-COACH': {
    page: 'voice.switch-to-barge-in',
    level: 'MUST',
    statement: 'After switching from Coach to BargeIn the supervisor cannot return to Coach: only ListenIn is offered.',
    basis: 'stated',
  },
  'VOICE-SWITCH-BARGEIN-ALLOWED-FROM': {
    page: 'voice.switch-to-barge-in',
    level: 'MUST',
    statement: 'SwitchToBargeIn is only available in ListenIn or Coach: in BargeIn, or on a call that is not monitored, it is refused.',
    basis: 'stated',
  },
  'VOICE-MUTE-MONITORED': {
    page: 'voice.mute-monitored-user',
    level: 'MUST',
    statement: "MuteMonitoredUser on the supervisor's call answers statusCode 0, then MonitoredUserMutedStateChange with monitoredUserMuted true.",
    basis: 'printed',
  },
  'VOICE-UNMUTE-MONITORED': {
    page: 'voice.unmute-monitored-user',
    level: 'MUST',
    statement: "UnmuteMonitoredUser on the supervisor's call answers statusCode 0, then MonitoredUserMutedStateChange with monitoredUserMuted false.",
    basis: 'printed',
  },
  'VOICE-HANGUP-RELEASED': {
    page: 'voice.hangup',
    level: 'MUST',
    statement: 'Hangup answers statusCode 0, then StatusChange Released with an empty capability list.',
    basis: 'printed',
  },
  'VOICE-NOTIFICATION-SCHEMAS': {
    page: 'voice.message-type',
    level: 'MUST',
    statement:
      'Voice notifications come in the CometD envelope with the documented fields: DeviceStateChangeMessage with devices (id, deviceState, userState, phoneNumber, capabilities...), CallStateChangeMessage with notificationType and call (id, state, callUuid, deviceUri, participants, capabilities, uri; duration a string, mute On or Off).',
    basis: 'printed',
  },
} as const satisfies Record<string, Requirement<keyof typeof VOICE_PAGES>>;
