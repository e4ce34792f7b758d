import type { Requirement } from './types';

/** Platform: return values and errors, authentication, CSRF, notifications. */
export const PLATFORM_REQUIREMENTS = {
  'ERR-SHAPE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'A refused request is answered with a non-zero statusCode and a statusMessage, and nothing else.',
  },
  'ERR-UNKNOWN-RESOURCE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'An operation on an SMS session id that does not exist is refused.',
  },
  'ERR-INVALID-STATE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'An operation the session does not offer in its current state (a second Accept) is refused.',
  },
} as const satisfies Record<string, Requirement>;
