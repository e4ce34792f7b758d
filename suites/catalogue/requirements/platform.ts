import type { Requirement } from './types';

/** Platform: return values and errors, authentication, CSRF, version, notifications. */
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
  'ERR-MISSING-PARAMETER': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'A request without a required parameter (operationName) is refused with statusCode 1, "a required parameter is missing".',
  },
  'ERR-STATE-CODE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'An operation the current state does not allow (not in the capabilities) is refused with statusCode 2.',
    inferred: 'No page names the code for this case; 2 ("not valid for the current state") is the closest entry of the table.',
  },
  'ERR-NOT-FOUND-CODE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'An operation on a resource id that does not exist is refused with statusCode 6, "resource not found".',
    inferred: 'No page names the code for an unknown session id; 6 is the entry of the table that describes it.',
  },
  'ERR-UNKNOWN-OPERATION': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'An unknown operationName is refused (the particular non-zero statusCode is not documented).',
  },
  'ERR-NO-CHANGE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'A request that failed changed no contact-center data: the state of the session is the same afterwards.',
  },
  'AUTH-REQUIRED': {
    page: 'platform.authentication',
    level: 'MUST',
    statement: 'A request without credentials is answered {"statusCode": 20, "statusMessage": ...} ("Access denied").',
  },
  'AUTH-WRONG-PASSWORD': {
    page: 'platform.authentication',
    level: 'MUST',
    statement: 'A request with a wrong password is answered statusCode 20.',
    inferred: 'The page shows the unauthenticated request only; a wrong password is read as "not authenticated" too.',
  },
  'AUTH-SESSION-COOKIE': {
    page: 'platform.csrf',
    level: 'MUST',
    statement: 'GWS issues a JSESSIONID cookie; later requests of that session carrying it are served as the same user.',
  },
  'CSRF-TOKEN-HEADERS': {
    page: 'platform.csrf',
    level: 'MUST',
    statement: 'With CSRF protection on, a GET answers X-CSRF-HEADER (the name of the header) and X-CSRF-TOKEN (the token).',
  },
  'CSRF-POST-WITHOUT-TOKEN': {
    page: 'platform.csrf',
    level: 'MUST',
    statement: 'With CSRF protection on, a POST without the token, or with a wrong one, is refused with HTTP 403.',
  },
  'CSRF-POST-WITH-TOKEN': {
    page: 'platform.csrf',
    level: 'MUST',
    statement: 'With CSRF protection on, a POST that sends the token back under the named header is served.',
  },
  'VERSION-REPLY': {
    page: 'platform.version',
    level: 'MUST',
    statement: 'GET /api/v2/diagnostics/version answers statusCode 0 and the version of GWS as a string.',
  },
  'COMETD-COOKIE-HANDSHAKE': {
    page: 'platform.notifications',
    level: 'MUST',
    statement: 'A CometD handshake at /api/v2/notifications carrying the session cookie of an authenticated user succeeds.',
    inferred: "Genesys's sample client authorizes CometD with the cookie of a prior authenticated GET /me; no page states it.",
  },
  'COMETD-USER-ISOLATION': {
    page: 'platform.notifications',
    level: 'MUST',
    statement: "A user's notifications (/v2/me/...) reach that user's clients only, never another user's.",
  },
} as const satisfies Record<string, Requirement>;
