import type { Page } from './types';

/** Voice API pages: the supervisor's device and call operations, and the call operations they rest on. */
/**
 * The supervisor operations need the Voice API and supervisor monitoring; so does Hangup, whose
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
