import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCometDServer, type CometDServer, type ServerSession } from 'cometd-nodejs-server';
import type { MockUser } from './users';

/**
 * The notification endpoint, on the CometD project's own Node server (long-polling): a handshake
 * is allowed with the user's session cookie or Basic credentials, subscriptions only under
 * `/v2/me/`, and every notification goes to the sessions of the one user it belongs to.
 */

export interface BayeuxEndpoint {
  handle(request: IncomingMessage & { body?: unknown }, response: ServerResponse): void;
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
  authenticate: (request: IncomingMessage) => MockUser | undefined,
  options: { timeoutMs?: number } = {},
): BayeuxEndpoint {
  const cometd: CometDServer = createCometDServer({ timeout: options.timeoutMs ?? 15_000, sweepPeriod: 500, maxInterval: 5_000 });
  const sessionsByUser = new Map<string, Set<ServerSession>>();
  const userBySession = new Map<string, string>();
  const seenCookies: string[] = [];
  // Notifications a session is given in one run of the event loop (an operation's StatusChange,
  // ParticipantsUpdated and NewMessages) leave in one long-poll reply, in order, as a CometD
  // server batches them; one by one, every message after the first waited for the client's next poll.
  const pending = new Map<ServerSession, [string, Record<string, unknown>][]>();
  const flush = (session: ServerSession) => {
    const queued = pending.get(session) ?? [];
    pending.delete(session);
    session.batch(() => {
      for (const [channel, data] of queued) session.deliver(null, channel, data);
    });
  };

  cometd.policy = {
    canHandshake(session, _message, callback) {
      const request = cometd.context.request as IncomingMessage | undefined;
      const user = request ? authenticate(request) : undefined;
      if (!user) return callback(undefined, false);
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
      cometd.handle(request, response);
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
