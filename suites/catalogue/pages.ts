/**
 * The documentation pages the suites cite. A test names a page by key; the key gives the Allure
 * epic (the API section), feature (the operation) and the link to the page.
 */

export interface Page {
  section: 'SMS Session API' | 'Voice API' | 'Platform' | 'Target contract';
  operation: string;
  url: string;
}

export const PAGES = {
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
  'platform.return-values': {
    section: 'Platform',
    operation: 'Return values',
    url: 'https://enu.docs.genesys.com/Documentation:GWS:API:ReturnValues:8.6.0',
  },
  'target.sms-injection': {
    section: 'Target contract',
    operation: 'SMS injection',
    url: 'README.md#target-contract',
  },
} as const satisfies Record<string, Page>;

export type PageKey = keyof typeof PAGES;
