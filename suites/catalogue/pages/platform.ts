import type { Page } from './types';

/** Pages of the API's common ground: return values, authentication, CSRF, notifications. */
export const PLATFORM_PAGES = {
  'platform.return-values': {
    section: 'Platform',
    operation: 'Return values',
    url: 'https://enu.docs.genesys.com/Documentation:GWS:API:ReturnValues:8.6.0',
  },
} as const satisfies Record<string, Page>;
