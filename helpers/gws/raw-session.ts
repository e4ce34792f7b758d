import type { Credentials } from '../config';
import { redactedJson } from '../redact';
import { GwsSession, type GwsReply, type Method, type SendOptions, type TlsOptions } from './session';
import type { Reporter } from './reporter';

/**
 * Sends one request inside a report step, with the exchange attached to that step. Every request a
 * spec makes, well-formed or deliberately not, goes through here.
 */
export async function reportedSend(
  session: GwsSession,
  reporter: Reporter,
  step: string,
  request: { method: Method; path: string; body?: unknown; options?: SendOptions },
): Promise<GwsReply> {
  return reporter.step(step, async () => {
    const { method, path, body, options } = request;
    try {
      return await session.send(method, path, body, options);
    } finally {
      const exchange = session.exchanges[session.exchanges.length - 1];
      if (exchange) await reporter.attach(`${method} ${path} (${session.username})`, redactedJson(exchange), 'application/json');
    }
  });
}

/**
 * An HTTP session of one of the test's users that is not logged in to the contact center: for the
 * platform checks (authentication, CSRF) that look at the wire itself. It changes no state of the
 * user; the fixture closes it and attaches its exchanges.
 */
export class RawSession {
  readonly session: GwsSession;

  constructor(
    readonly label: string,
    baseUrl: URL,
    credentials: Credentials,
    options: { timeoutMs: number; tls?: TlsOptions | undefined },
    private readonly reporter: Reporter,
    /** Options of every request of this session, e.g. `{ withAuth: false }` for an anonymous one. */
    private readonly defaults: SendOptions = {},
  ) {
    this.session = new GwsSession(baseUrl, credentials, options);
  }

  send(title: string, method: Method, path: string, body?: unknown, options?: SendOptions): Promise<GwsReply> {
    return reportedSend(this.session, this.reporter, `${this.label}: ${title}`, { method, path, body, options: { ...this.defaults, ...options } });
  }

  get(path: string, options?: SendOptions): Promise<GwsReply> {
    return this.send(`GET ${path}`, 'GET', path, undefined, options);
  }

  /** Names of the cookies the server set (their values are secrets). */
  cookieNames(): string[] {
    return this.session.cookieEntries().map(([name]) => name);
  }
}
