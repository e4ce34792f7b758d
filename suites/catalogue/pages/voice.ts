import type { Page } from './types';

/** Voice API pages: the supervisor's device and call operations, and the call operations they rest on. */
export const VOICE_PAGES = {
  'voice.listen-in': {
    section: 'Voice API',
    operation: 'ListenIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorListenIn',
  },
  'voice.coach': {
    section: 'Voice API',
    operation: 'Coach',
    url: 'https://enu.docs.genesys.com/Documentation/HTCC/latest/API/SupervisorCoach',
  },
  'voice.barge-in': {
    section: 'Voice API',
    operation: 'BargeIn',
    url: 'https://docs.genesys.com/Documentation:HTCC:API:SupervisorBargeIn:8.5.2',
  },
  'voice.cancel-monitoring': {
    section: 'Voice API',
    operation: 'CancelSupervisorMonitoring',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorCancelMonitoring',
  },
  'voice.switch-to-listen-in': {
    section: 'Voice API',
    operation: 'SwitchToListenIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorSwitchToListenin',
  },
  'voice.switch-to-barge-in': {
    section: 'Voice API',
    operation: 'SwitchToBargeIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorSwitchToBargeIn',
  },
  'voice.mute-monitored-user': {
    section: 'Voice API',
    operation: 'MuteMonitoredUser',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SupervisorMuteMonitoredUser',
  },
  'voice.unmute-monitored-user': {
    section: 'Voice API',
    operation: 'UnmuteMonitoredUser',
    url: 'https://docs.genesys.com/Documentation:HTCC:API:SupervisorUnmuteMonitoredUser:8.5.2',
  },
  'voice.hangup': {
    section: 'Voice API',
    operation: 'Hangup',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/CallsHangup',
  },
  'voice.message-type': {
    section: 'Voice API',
    operation: 'CometD notifications',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/CallsMessageType',
  },
} as const satisfies Record<string, Page>;
