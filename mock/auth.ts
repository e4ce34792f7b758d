import type { IncomingMessage } from 'node:http';
import { GwsFailure, type HttpSession, type MockState } from './state';
import type { MockUser } from './users';

/**
 * GWS authentication as documented: HTTP Basic on a request, or the JSESSIONID cookie of a session
 * a Basic request opened. Bad credentials are answered statusCode 20 "Access denied".
 */

export const SESSION_COOKIE = 'JSESSIONID';

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

function basicCredentials(header: string | undefined): { username: string; password: string } | 'malformed' | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]*)\s*$/i.exec(header);
  if (!match) return 'malformed';
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export interface Authenticated {
  user: MockUser;
  session: HttpSession;
  /** The session was opened by this very request (its cookie was not sent). */
  fresh: boolean;
}

const accessDenied = () => new GwsFailure(20, 'Access denied', 401);

/**
 * The one identity rule of REST and CometD: Basic credentials, when sent, decide who the user is,
 * and must be right; a session cookie sent with them must be that user's own. Without Basic, the
 * session cookie decides. `none`: neither was sent (or the cookie names no session).
 */
export type Identity = { user: MockUser; session: HttpSession | undefined } | 'none' | 'refused';

export function identify(state: MockState, request: IncomingMessage): Identity {
  const cookieId = parseCookies(request.headers.cookie)[SESSION_COOKIE];
  const existing = cookieId !== undefined && state.httpSessions.has(cookieId) ? state.httpSessions.get(cookieId) : undefined;
  const basic = basicCredentials(request.headers.authorization);
  if (basic === 'malformed') return 'refused';
  if (basic) {
    const user = state.usersByName.has(basic.username) ? state.usersByName.get(basic.username) : undefined;
    if (!user || user.password !== basic.password) return 'refused';
    if (existing && existing.userId !== user.id) return 'refused';
    return { user, session: existing };
  }
  // Switch `basic-required`: the cookie alone opens nothing.
  if (!existing || state.latitude.has('basic-required')) return 'none';
  try {
    return { user: state.user(existing.userId), session: existing };
  } catch {
    return 'refused'; // a session of a user the mock no longer knows
  }
}

export function authenticate(state: MockState, request: IncomingMessage): Authenticated {
  const identity = identify(state, request);
  if (identity === 'none' || identity === 'refused') throw accessDenied();
  const { user, session } = identity;
  if (session) return { user, session, fresh: false };
  return { user, session: state.createHttpSession(user.id), fresh: true };
}
