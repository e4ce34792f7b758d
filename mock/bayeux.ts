import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCometDServer, type CometDServer, type ServerSession } from 'cometd-nodejs-server';
import type { Identity } from './auth';

/**
 * The notification endpoint, on the CometD project's own Node server (long-polling): a handshake
 * is allowed to the user the request's identity names (Basic credentials first, else the session
 * cookie: see `identify`), subscriptions only under `/v2/me/`, no client publish, and every
 * notification goes to the sessions of the one user it belongs to. A request whose identity is
 * refused, or names another user than the CometD session it speaks for, is answered unsuccessful
 * without reaching the library; anything the library throws is caught and logged.
 */

export interface BayeuxEndpoint {
  /** `request.body` holds the messages, already checked (see bayeux-guard). */
  handle(request: IncomingMessage & { body?: Record<string, unknown>[] }, response: ServerResponse): void;
  deliver(userId: string, channel: string, data: Record<string, unknown>): void;
  /** For tests of the harness: the Cookie headers the endpoint received, latest last. */
  readonly seenCookies: string[];
  sessionsOf(userId: string): number;
  /**
   * For tests of the harness: the server forgets every CometD session of the user, as a restarted
   * or failed-over node would; the client's next /meta/connect is answered 402::session_unknown.
   */
  dropSessionsOf(userId: string): number;
  close(): void;
}

/** Whether a subscription pattern (`/v2/me/*`, `/v2/me/**`, or a channel) covers `channel`. */
export function subscriptionCovers(pattern: string, channel: string): boolean {
  if (pattern === channel) return true;
  if (pattern.endsWith('/**')) return channel.startsWith(pattern.slice(0, -2));
  if (pattern.endsWith('/*')) {
    const prefix = pattern.slice(0, -1);
    return channel.startsWith(prefix) && !channel.slice(prefix.length).includes('/');
  }
  return false;
}

export function createBayeux(
  identify: (request: IncomingMessage) => Identity,
  options: { timeoutMs?: number; log?: (line: string) => void } = {},
): BayeuxEndpoint {
  // maxInterval: how long a client may take to come back between two long polls before its
  // session is forgotten. On a busy machine a client can lag several seconds: a short value made
  // the mock forget live sessions (402::session_unknown) and turned load into harness errors.
  const cometd: CometDServer = createCometDServer({ timeout: options.timeoutMs ?? 15_000, sweepPeriod: 500, maxInterval: 30_000 });
  const sessionsByUser = new Map<string, Set<ServerSession>>();
  const userBySession = new Map<string, string>();
  const seenCookies: string[] = [];
  const log = options.log ?? ((line: string) => process.stderr.write(`gws mock: ${line}\n`));
  // Notifications a session is given in one run of the event loop (an operation's StatusChange,
  // ParticipantsUpdated and NewMessages) leave in one long-poll reply, in order, as a CometD
  // server batches them; one by one, every message after the first waited for the client's next poll.
  const pending = new Map<ServerSession, [string, Record<string, unknown>][]>();
  const flush = (session: ServerSession) => {
    const queued = pending.get(session) ?? [];
    pending.delete(session);
    try {
      session.batch(() => {
        for (const [channel, data] of queued) session.deliver(null, channel, data);
      });
    } catch (error) {
      log(`a notification could not be delivered: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
    }
  };

  cometd.policy = {
    canHandshake(session, _message, callback) {
      const request = cometd.context.request as IncomingMessage | undefined;
      const identity = request ? identify(request) : 'none';
      if (identity === 'none' || identity === 'refused') return callback(undefined, false);
      const { user } = identity;
      userBySession.set(session.id, user.id);
      const set = sessionsByUser.get(user.id) ?? new Set();
      set.add(session);
      sessionsByUser.set(user.id, set);
      session.addListener('removed', () => {
        set.delete(session);
        userBySession.delete(session.id);
      });
      callback(undefined, true);
    },
    canSubscribe(_session, _message, channel, callback) {
      callback(undefined, channel.name.startsWith('/v2/me/'));
    },
    canPublish(_session, _message, _channel, callback) {
      callback(undefined, false);
    },
  };

  return {
    seenCookies,
    handle(request, response) {
      const cookie = request.headers.cookie;
      if (cookie) {
        seenCookies.push(cookie);
        if (seenCookies.length > 200) seenCookies.splice(0, seenCookies.length - 200);
      }
      const messages = request.body ?? [];
      const identity = identify(request);
      const foreign = messages.some((m) => {
        if (m.channel === '/meta/handshake') return false;
        if (identity === 'refused') return true;
        const owner = typeof m.clientId === 'string' ? userBySession.get(m.clientId) : undefined;
        return identity !== 'none' && owner !== undefined && owner !== identity.user.id;
      });
      if (foreign) {
        log(`refused a CometD request whose credentials are wrong or another user's (${messages.length} message(s))`);
        const replies = messages.map((m) => ({
          channel: m.channel,
          ...(m.id !== undefined ? { id: m.id } : {}),
          successful: false,
          error: '401::Access denied',
          advice: { reconnect: 'none' },
        }));
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(replies));
        return;
      }
      try {
        cometd.handle(request, response);
      } catch (error) {
        log(`the Bayeux library failed on a request: ${String((error as Error)?.message ?? error).slice(0, 200)}`);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        if (!response.writableEnded) response.end('Internal error of the CometD server');
      }
    },
    deliver(userId, channel, data) {
      for (const session of sessionsByUser.get(userId) ?? []) {
        const subscribed = session.subscriptions.some((c) => subscriptionCovers(c.name, channel));
        if (!subscribed) continue;
        const queued = pending.get(session);
        if (queued) queued.push([channel, data]);
        else {
          pending.set(session, [[channel, data]]);
          process.nextTick(flush, session);
        }
      }
    },
    sessionsOf(userId) {
      return sessionsByUser.get(userId)?.size ?? 0;
    },
    dropSessionsOf(userId) {
      const sessions = [...(sessionsByUser.get(userId) ?? [])];
      for (const session of sessions) session.disconnect();
      return sessions.length;
    },
    close() {
      cometd.close();
    },
  };
}
