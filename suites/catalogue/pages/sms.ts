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
  'target.sms-injection': {
    section: 'Target contract',
    operation: 'SMS injection',
    url: 'README.md#target-contract',
  },
} as const satisfies Record<string, Page>;
