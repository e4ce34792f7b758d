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

export function authenticate(state: MockState, request: IncomingMessage): Authenticated {
  const cookieId = parseCookies(request.headers.cookie)[SESSION_COOKIE];
  const existing = cookieId ? state.httpSessions.get(cookieId) : undefined;
  const basic = basicCredentials(request.headers.authorization);
  if (basic === 'malformed') throw accessDenied();
  if (basic) {
    const user = state.usersByName.get(basic.username);
    if (!user || user.password !== basic.password) throw accessDenied();
    if (existing && existing.userId === user.id) return { user, session: existing, fresh: false };
    return { user, session: state.createHttpSession(user.id), fresh: true };
  }
  // Switch `basic-required`: the cookie alone opens nothing.
  if (existing && !state.latitude.has('basic-required')) return { user: state.user(existing.userId), session: existing, fresh: false };
  throw accessDenied();
}

/** For the CometD handshake: the user behind a request's cookie or Basic credentials, if any. */
export function userOf(state: MockState, request: IncomingMessage): MockUser | undefined {
  try {
    const cookieId = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    const session = cookieId ? state.httpSessions.get(cookieId) : undefined;
    if (session && !state.latitude.has('basic-required')) return state.user(session.userId);
    const basic = basicCredentials(request.headers.authorization);
    if (basic && basic !== 'malformed') {
      const user = state.usersByName.get(basic.username);
      if (user && user.password === basic.password) return user;
    }
  } catch {
    // an unknown user in a stale session: no one
  }
  return undefined;
}
