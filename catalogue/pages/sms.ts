import type { Page } from './types';

/** SMS Session API pages. */
/** Every SMS page's tests need the Multimedia API (GWS_FEATURES api-multimedia). */
const SMS = { section: 'SMS Session API', features: ['api-multimedia'] } as const;

export const SMS_PAGES = {
  'sms.accept': {
    ...SMS,
    operation: 'Accept',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSAccept',
  },
  'sms.reject': {
    ...SMS,
    operation: 'Reject',
    url: 'https://docs.genesys.com/Documentation/GWS/8.5.2/API/SMSReject',
  },
  'sms.monitor': {
    ...SMS,
    operation: 'Monitor',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSMonitor',
  },
  'sms.coach': {
    ...SMS,
    operation: 'Coach',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSCoach',
  },
  'sms.barge-in': {
    ...SMS,
    operation: 'BargeIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSBargeIn',
  },
  'sms.cancel-supervisor-monitoring': {
    ...SMS,
    operation: 'CancelSupervisorMonitoring',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSCancelSupervisorMonitoring',
  },
  'sms.intrude': {
    ...SMS,
    operation: 'Intrude',
    url: 'https://docs.genesys.com/Documentation/GWS/8.5.2/API/SMSIntrude',
  },
  'sms.switch-to-monitor': {
    ...SMS,
    operation: 'SwitchToMonitor',
    // Known to the project as a PDF export of this page; the HTML address follows its siblings'.
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoMonitor',
  },
  'sms.switch-to-coach': {
    ...SMS,
    operation: 'SwitchToCoach',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoCoach',
  },
  'sms.switch-to-barge-in': {
    ...SMS,
    operation: 'SwitchToBargeIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoBargeIn',
  },
  'target.sms-injection': {
    section: 'Target contract',
    features: SMS.features,
    operation: 'SMS injection',
    url: 'README.md#target-contract',
  },
} as const satisfies Record<string, Page>;
