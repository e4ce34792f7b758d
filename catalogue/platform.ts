import type { Page, Requirement } from './types';

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

/** Platform: return values and errors, authentication, CSRF, version, notifications. */
export const PLATFORM_REQUIREMENTS = {
  'ERR-SHAPE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'A refused request is answered with a non-zero statusCode and a statusMessage, and nothing else.',
    basis: 'stated',
  },
  'ERR-UNKNOWN-RESOURCE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'An operation on an SMS session id that does not exist is refused.',
    basis: 'inferred',
    reason:
      'No page describes an operation on an unknown session id; the Return Values table has "requested resource not found", so a refusal is the reading (AsynchronousEvents lets it come later on CometD).',
  },
  'ERR-INVALID-STATE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'An operation the session does not offer in its current state (a second Accept) is refused.',
    basis: 'inferred',
    reason:
      'No page describes a second Accept; capabilities list what a session offers now and the table has "not valid for the current state", so a refusal is the reading.',
  },
  'ERR-MISSING-PARAMETER': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'A request without a required parameter (operationName) is refused with statusCode 1, "a required parameter is missing".',
    basis: 'inferred',
    reason:
      'No page says which statusCode a missing operationName gets; 1 ("a required parameter is missing") is the entry of the table that describes it.',
  },
  'ERR-STATE-CODE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'An operation the current state does not allow (not in the capabilities) is refused with statusCode 2.',
    basis: 'inferred',
    reason:
      'No page names the code for this case; 2 ("not valid for the current state") is the closest entry of the table.',
  },
  'ERR-NOT-FOUND-CODE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'An operation on a resource id that does not exist is refused with statusCode 6, "resource not found".',
    basis: 'inferred',
    reason:
      'No page names the code for an unknown session id; 6 is the entry of the table that describes it.',
  },
  'ERR-UNKNOWN-OPERATION': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'An unknown operationName is refused (the particular non-zero statusCode is not documented).',
    basis: 'inferred',
    reason:
      'No page describes an unknown operationName; a refusal in the documented error shape is the reading.',
  },
  'ERR-NO-CHANGE': {
    page: 'platform.return-values',
    level: 'MUST',
    statement: 'A request that failed changed no contact-center data: the state of the session is the same afterwards.',
    basis: 'stated',
  },
  'AUTH-REQUIRED': {
    page: 'platform.authentication',
    level: 'MUST',
    statement: 'A request without credentials is answered {"statusCode": 20, "statusMessage": ...} ("Access denied").',
    basis: 'printed',
  },
  'AUTH-WRONG-PASSWORD': {
    page: 'platform.authentication',
    level: 'MUST',
    statement: 'A request with a wrong password is answered statusCode 20.',
    basis: 'inferred',
    reason:
      'The page shows the unauthenticated request only; a wrong password is read as "not authenticated" too.',
  },
  'AUTH-SESSION-COOKIE': {
    page: 'platform.csrf',
    level: 'MUST',
    statement: 'GWS issues a JSESSIONID cookie; later requests of that session carrying it are served as the same user.',
    basis: 'open',
    reason:
      'The CSRF page says clients must keep the JSESSIONID cookie; no page says a request carrying the cookie without credentials is served, and a server may require Basic on every request (TARGET.md).',
  },
  'CSRF-TOKEN-HEADERS': {
    page: 'platform.csrf',
    level: 'MUST',
    statement: 'With CSRF protection on, a GET answers X-CSRF-HEADER (the name of the header) and X-CSRF-TOKEN (the token).',
    basis: 'stated',
  },
  'CSRF-POST-WITHOUT-TOKEN': {
    page: 'platform.csrf',
    level: 'MUST',
    statement: 'With CSRF protection on, a POST without the token, or with a wrong one, is refused with HTTP 403.',
    basis: 'stated',
  },
  'CSRF-POST-WITH-TOKEN': {
    page: 'platform.csrf',
    level: 'MUST',
    statement: 'With CSRF protection on, a POST that sends the token back under the named header is served.',
    basis: 'stated',
  },
  'VERSION-REPLY': {
    page: 'platform.version',
    level: 'MUST',
    statement: 'GET /api/v2/diagnostics/version answers statusCode 0 and the version of GWS as a string.',
    basis: 'printed',
  },
  'COMETD-COOKIE-HANDSHAKE': {
    page: 'platform.notifications',
    level: 'MUST',
    statement: 'A CometD handshake at /api/v2/notifications carrying the session cookie of an authenticated user succeeds.',
    basis: 'open',
    reason:
      "No page says how CometD is authorized; Genesys's sample client (code, not documentation) uses the cookie of a prior GET /me, other clients send Basic credentials.",
  },
  'COMETD-USER-ISOLATION': {
    page: 'platform.notifications',
    level: 'MUST',
    statement: "A user's notifications (/v2/me/...) reach that user's clients only, never another user's.",
    basis: 'inferred',
    reason:
      'The topics are named /v2/me/..., the current user\'s own; no page says in so many words that another user never receives them.',
  },
} as const satisfies Record<string, Requirement<keyof typeof PLATFORM_PAGES>>;
