import type { Page } from './types';

/** SMS Session API pages. */
export const SMS_PAGES = {
  'sms.accept': {
    section: 'SMS Session API',
    operation: 'Accept',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSAccept',
  },
  'sms.reject': {
    section: 'SMS Session API',
    operation: 'Reject',
    url: 'https://docs.genesys.com/Documentation/GWS/8.5.2/API/SMSReject',
  },
  'sms.monitor': {
    section: 'SMS Session API',
    operation: 'Monitor',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSMonitor',
  },
  'sms.coach': {
    section: 'SMS Session API',
    operation: 'Coach',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSCoach',
  },
  'sms.barge-in': {
    section: 'SMS Session API',
    operation: 'BargeIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSBargeIn',
  },
  'sms.cancel-supervisor-monitoring': {
    section: 'SMS Session API',
    operation: 'CancelSupervisorMonitoring',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSCancelSupervisorMonitoring',
  },
  'sms.intrude': {
    section: 'SMS Session API',
    operation: 'Intrude',
    url: 'https://docs.genesys.com/Documentation/GWS/8.5.2/API/SMSIntrude',
  },
  'sms.switch-to-monitor': {
    section: 'SMS Session API',
    operation: 'SwitchToMonitor',
    // Known to the project as a PDF export of this page; the HTML address follows its siblings'.
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoMonitor',
  },
  'sms.switch-to-coach': {
    section: 'SMS Session API',
    operation: 'SwitchToCoach',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoCoach',
  },
  'sms.switch-to-barge-in': {
    section: 'SMS Session API',
    operation: 'SwitchToBargeIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoBargeIn',
  },
  'target.sms-injection': {
    section: 'Target contract',
    operation: 'SMS injection',
    url: 'README.md#target-contract',
  },
} as const satisfies Record<string, Page>;
