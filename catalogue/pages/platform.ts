import type { Page } from './types';

/** Pages of the API's common ground: return values, authentication, CSRF, version, notifications. */
export const PLATFORM_PAGES = {
  'platform.return-values': {
    section: 'Platform',
    operation: 'Return values',
    url: 'https://enu.docs.genesys.com/Documentation:GWS:API:ReturnValues:8.6.0',
  },
  'platform.authentication': {
    section: 'Platform',
    operation: 'Authentication',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/InterpretingaResponse',
  },
  'platform.csrf': {
    section: 'Platform',
    operation: 'CSRF protection',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/CSRFProtection',
  },
  'platform.version': {
    section: 'Platform',
    operation: 'Version',
    // The version request is shown on the same page as the authentication sample (gws-voice-and-platform.md §7).
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/InterpretingaResponse#version',
  },
  'platform.notifications': {
    section: 'Platform',
    operation: 'Notifications (CometD)',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/AsynchronousEvents',
  },
} as const satisfies Record<string, Page>;
