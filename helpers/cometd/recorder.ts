import Faye, { type Client as FayeClient } from 'faye';
import { HarnessError } from '../errors';
import { redactText } from '../redact';
import { validateNotification, type NotificationVerdict } from '../schemas';
import { Expectation } from './expectation';
import { pace } from './pace';
import { QuietCheck } from './quiet';
import { SessionWatch, type Dropped } from './session-watch';
import { isAwaited, type Notification, type Step, type StepOrGroup } from './types';

/**
 * One user's CometD client (faye) at {base}/api/v2/notifications, subscribed to `/v2/me/*`.
 * It records every message with its channel and arrival time, validates each against its schema,
 * and answers expectations: `expect(...steps)` is armed before an operation and awaited after it;
 * `expectQuiet(step)` is armed before an operation and, awaited after its reply, listens for a
 * bounded window for something that must not arrive.
 */

export const SUBSCRIPTION = '/v2/me/*';

/** The least time a handshake and subscribe are given, whatever the notification timeout. */
export const CONNECT_FLOOR_MS = 5_000;

export { Expectation, QuietCheck };

export interface RecorderOptions {
  url: string;
  user: string;
  /** Basic credentials sent with every CometD request; undefined: the session cookie alone. */
  authorization: string | undefined;
  cookies: () => [string, string][];
  csrf: () => { header: string; token: string } | undefined;
  transport: 'long-polling' | 'websocket' | 'auto';
  tls?: { ca?: Buffer | undefined; insecure?: boolean | undefined } | undefined;
  timeoutMs: number;
  quietWindowMs: number;
  /** Wraps an await in a report step (Playwright's test.step in the suites). */
  step?: <T>(title: string, body: () => Promise<T>) => Promise<T>;
}

interface FayeMessage {
  channel: string;
  successful?: boolean;
  error?: string;
  data?: unknown;
  advice?: { reconnect?: string };
  clientId?: string;
}

interface FayeClientInternals {
  _dispatcher?: {
    cookies?: { setCookieSync(cookie: string, url: string): void };
    connectionType?: string;
    close?(): void;
    transports?: { websocket?: Map<string, { close(): void }> };
  };
  _advice?: { reconnect: string };
}

type Listener = (notification: Notification) => void;

export class NotificationRecorder {
  readonly transcript: Notification[] = [];
  /** performance.now() of each request this user sent, for steps that tie a notification to a request. */
  readonly requestTimes: number[] = [];
  /** Handshake, connect and transport events, for the report when something goes wrong. */
  readonly events: { at: number; what: string }[] = [];
  private readonly listeners = new Set<Listener>();
  private client: FayeClient | undefined;
  private onRefused: ((reason: string) => void) | undefined;
  private readonly created = performance.now();
  /** Says when the established session is lost; pending waits then fail at once. */
  readonly watch: SessionWatch;

  constructor(private readonly options: RecorderOptions) {
    this.watch = new SessionWatch({
      graceMs: Math.min(5_000, Math.max(2_500, Math.round(options.timeoutMs / 2))),
      now: () => Math.round(performance.now() - this.created),
    });
  }

  get user(): string {
    return this.options.user;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /** The ceiling of the quiet window (GWS_QUIET_WINDOW_MS). */
  get quietWindowCeilingMs(): number {
    return this.options.quietWindowMs;
  }

  /** This user sent a request (its notifications may follow). */
  noteRequest(at: number = performance.now()): void {
    this.requestTimes.push(at);
  }

  get connectionType(): string | undefined {
    return (this.client as unknown as FayeClientInternals | undefined)?._dispatcher?.connectionType;
  }

  private event(what: string): void {
    this.events.push({ at: Math.round(performance.now() - this.created), what: redactText(what) });
  }

  get dropped(): Dropped | undefined {
    return this.watch.dropped;
  }

  /** The harness error for a wait that cannot succeed because the session is gone, with the evidence. */
  droppedError(waitingFor: string, dropped: Dropped, fromSeq: number, origin: number): HarnessError {
    const events = this.events.map((e) => `  +${e.at} ms ${e.what}`).join('\n');
    return new HarnessError(
      'COMETD_SESSION_DROPPED',
      `${this.user}: the CometD session was lost while waiting for ${waitingFor}: ${dropped.reason} ` +
        `(no verdict on the server's notifications can be drawn).\nCometD events:\n${events}\n` +
        `Arrived since the wait was armed:\n${this.describeSince(fromSeq, origin)}`,
    );
  }

  /** Handshake and subscribe; resolves only after the subscribe acknowledgement. */
  async connect(): Promise<void> {
    const { url, transport, tls, timeoutMs } = this.options;
    const client = new Faye.Client(url, {
      timeout: Math.max(5, Math.ceil(timeoutMs / 1000) * 2),
      retry: 1,
      tls: { ca: tls?.ca, rejectUnauthorized: !tls?.insecure },
    });
    this.client = client;
    if (transport === 'long-polling') client.disable('websocket');
    if (this.options.authorization) client.setHeader('Authorization', this.options.authorization);
    const csrf = this.options.csrf();
    if (csrf) client.setHeader(csrf.header, csrf.token);

    // faye drops a Cookie set with setHeader once the server sets its own cookie (BAYEUX_BROWSER):
    // the session cookies go into faye's own cookie jar, which it sends with every request.
    const jar = (client as unknown as FayeClientInternals)._dispatcher?.cookies;
    if (!jar) throw new HarnessError('INTERNAL', 'the faye client has no cookie jar; the session cookie cannot be sent');
    for (const [name, value] of this.options.cookies()) jar.setCookieSync(`${name}=${value}; Path=/`, url);

    client.addExtension({
      incoming: (message: FayeMessage, callback: (m: FayeMessage) => void) => {
        this.onIncoming(message);
        callback(message);
      },
    });
    client.on('transport:down', () => {
      this.event('transport down');
      this.watch.transportDown();
    });
    client.on('transport:up', () => {
      this.event('transport up');
      this.watch.transportUp();
    });
    this.watch.onDrop((dropped) => {
      this.event(`session lost: ${dropped.reason}`);
      this.stop();
    });

    const subscription = client.subscribe(SUBSCRIPTION, () => undefined);
    // Set-up, not a verdict: a short notification timeout (the self-check's) must not turn a busy
    // machine's slow handshake into a harness error.
    const connectMs = Math.max(timeoutMs, CONNECT_FLOOR_MS);
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => {
          const seen = this.events.map((e) => `+${e.at} ms ${e.what}`).join('; ') || 'no reply at all';
          reject(
            new HarnessError(
              'COMETD_FAILURE',
              `${this.user}: no subscribe acknowledgement for ${SUBSCRIPTION} from ${url} within ${connectMs} ms (${seen})`,
            ),
          );
        }, connectMs);
        this.onRefused = (reason) =>
          reject(new HarnessError('COMETD_HANDSHAKE_REFUSED', `${this.user}: the CometD handshake at ${url} was refused: ${reason}`));
        subscription.then(
          () => resolve(),
          (error: { message?: string }) =>
            reject(
              new HarnessError(
                'COMETD_FAILURE',
                `${this.user}: subscribing to ${SUBSCRIPTION} was refused: ${error?.message ?? String(error)}`,
              ),
            ),
        );
      });
    } catch (error) {
      this.stop();
      throw error;
    } finally {
      clearTimeout(timer);
      this.onRefused = undefined;
    }
    if (transport === 'websocket' && this.connectionType !== 'websocket') {
      this.stop();
      throw new HarnessError(
        'COMETD_FAILURE',
        `${this.user}: GWS_COMETD_TRANSPORT=websocket but the server settled on ${this.connectionType ?? 'no transport'}`,
      );
    }
    this.watch.establish();
  }

  /** After the session is lost: keep faye from handshaking a new session behind the harness's back. */
  private refuseReconnect(message: FayeMessage): void {
    message.advice = { ...message.advice, reconnect: 'none' };
  }

  private onIncoming(message: FayeMessage): void {
    if ((message.channel === '/meta/handshake' || message.channel === '/meta/connect') && this.watch.onMetaReply(message)) {
      this.refuseReconnect(message);
      return;
    }
    if (message.channel === '/meta/handshake') {
      if (message.successful) this.event(`handshake successful`);
      else {
        const reason = message.error ?? 'no reason given';
        this.event(`handshake refused: ${reason}`);
        // Without this, faye retries a refused handshake forever.
        message.advice = { ...message.advice, reconnect: 'none' };
        this.onRefused?.(reason);
      }
      return;
    }
    if (message.channel === '/meta/connect') {
      if (message.successful === false) this.event(`connect failed: ${message.error ?? ''} advice=${JSON.stringify(message.advice ?? {})}`);
      return;
    }
    if (message.channel.startsWith('/meta/')) {
      if (message.successful === false) this.event(`${message.channel} failed: ${message.error ?? ''}`);
      return;
    }
    if (message.data === undefined) return;
    this.receive(message.channel, message.data);
  }

  /** @internal A message of a subscribed channel: recorded, validated, and handed to the waits. */
  receive(channel: string, payload: unknown, verdict: NotificationVerdict = safeValidate(channel, payload)): Notification {
    const data = (payload && typeof payload === 'object' ? payload : { value: payload }) as Record<string, unknown>;
    const notification: Notification = {
      seq: this.transcript.length + 1,
      user: this.user,
      channel,
      data,
      receivedAt: Date.now(),
      at: performance.now(),
      verdict,
    };
    this.transcript.push(notification);
    pace.noteNotification(notification.at);
    for (const listener of [...this.listeners]) listener(notification);
    return notification;
  }

  /** Stop the client, also when it never connected. */
  stop(): void {
    this.watch.stop();
    const client = this.client as (FayeClient & FayeClientInternals) | undefined;
    if (!client) return;
    if (client._advice) client._advice.reconnect = 'none';
    try {
      client.disconnect();
    } catch {
      // already down
    }
    client._dispatcher?.close?.();
    // faye probes websocket even when it settles on long-polling: close the probe too.
    for (const socket of client._dispatcher?.transports?.websocket?.values() ?? []) socket.close();
  }

  async disconnect(): Promise<void> {
    this.watch.stop();
    const client = this.client;
    if (!client || this.dropped) {
      this.stop();
      return;
    }
    await new Promise<void>((resolve) => {
      const done = setTimeout(resolve, 2_000);
      const result = client.disconnect() as { then?: (ok: () => void, fail: () => void) => void } | undefined;
      if (result?.then) {
        result.then(
          () => {
            clearTimeout(done);
            resolve();
          },
          () => {
            clearTimeout(done);
            resolve();
          },
        );
      } else {
        clearTimeout(done);
        resolve();
      }
    });
    this.stop();
  }

  /** The transcript as the report shows it: arrival times as ISO text, each schema verdict beside its payload. */
  forReport(): unknown[] {
    return this.transcript.map((n) => ({
      seq: n.seq,
      channel: n.channel,
      receivedAt: new Date(n.receivedAt).toISOString(),
      schema: n.verdict.schema ?? null,
      schemaIssues: [...n.verdict.envelope, ...n.verdict.issues],
      data: n.data,
    }));
  }

  /** Messages whose payload broke its schema (or the envelope's), for the test's final check. */
  schemaViolations(): Notification[] {
    return this.transcript.filter((n) => n.verdict.envelope.length > 0 || n.verdict.issues.length > 0);
  }

  /**
   * Arms an expectation: steps in the given order, the steps of a `group(...)` in any order. A
   * notification is a step only if it is the awaited event; look-alikes are tolerated. See
   * Expectation for when the wait fails.
   */
  expect(...steps: StepOrGroup[]): Expectation {
    return new Expectation(this, steps, this.options.timeoutMs, this.options.step);
  }

  /** Like expect, with a wait of its own (for a step the documentation says may take longer). */
  expectWithin(timeoutMs: number, ...steps: StepOrGroup[]): Expectation {
    return new Expectation(this, steps, timeoutMs, this.options.step);
  }

  /**
   * Arms a must-not-arrive check: from now on, the step's event (Step.matches, or a candidate
   * without differences) fails it at once. Awaited after the operation's reply, it listens for the
   * quiet window from then: a multiple of the delays this target has shown, with a floor, and
   * GWS_QUIET_WINDOW_MS as the ceiling (`forMs` fixes it). This is the one place where the harness
   * waits for time to pass instead of for an event.
   */
  expectQuiet(step: Step, options: { forMs?: number } = {}): QuietCheck {
    return new QuietCheck(this, step, {
      windowMs: () => options.forMs ?? pace.quietWindowMs(this.options.quietWindowMs),
      wrap: this.options.step,
    });
  }

  /**
   * Waits for a notification a set-up step causes, where no page says it is sent: resolves when it
   * arrives, or when the target has been quiet for the settle window, at the latest at the timeout.
   * Never fails: it only keeps a late notification of the set-up from reaching the test's waits.
   */
  async settleOn(step: Step): Promise<Notification | undefined> {
    const found = this.transcript.find((n) => isAwaited(step, n));
    if (found) return found;
    return new Promise((resolve) => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const done = (n: Notification | undefined) => {
        clearTimeout(timer);
        stop();
        resolve(n);
      };
      const stop = this.listen((n) => {
        if (isAwaited(step, n)) done(n);
      });
      const check = () => {
        const window = pace.settleWindowMs(this.options.timeoutMs);
        const quietSince = Math.max(pace.lastActivityAt, started);
        const now = performance.now();
        if (this.dropped || now - started >= this.options.timeoutMs || now - quietSince >= window) return done(undefined);
        timer = setTimeout(check, Math.max(1, Math.min(quietSince + window, started + this.options.timeoutMs) - now));
      };
      check();
    });
  }

  /** @internal */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The transcript since a point, as text grouped by channel, for timeout messages. */
  describeSince(fromSeq: number, origin: number): string {
    const arrived = this.transcript.filter((n) => n.seq > fromSeq);
    if (arrived.length === 0) return '  (nothing arrived)';
    const byChannel = new Map<string, Notification[]>();
    for (const n of arrived) byChannel.set(n.channel, [...(byChannel.get(n.channel) ?? []), n]);
    return [...byChannel]
      .map(
        ([channel, list]) =>
          `  ${channel}:\n` + list.map((n) => `    +${Math.round(n.at - origin)} ms  ${describeNotification(n)}`).join('\n'),
      )
      .join('\n');
  }
}

/** A validation that throws is a harness bug: reported on the message, never lost in faye's callbacks. */
function safeValidate(channel: string, data: unknown): NotificationVerdict {
  try {
    return validateNotification({ channel, data });
  } catch (error) {
    const issue = { pointer: '/', rule: 'harness', message: `[harness:INTERNAL] validation failed: ${(error as Error).message}`, value: undefined };
    return { envelope: [issue], schema: undefined, issues: [] };
  }
}

/** One line naming a notification: type, resource and state. */
export function describeNotification(n: Notification): string {
  const d = n.data as Record<string, unknown>;
  const parts = [`${String(d.messageType ?? '?')}/${String(d.notificationType ?? '-')}`];
  const session = d.smssession as Record<string, unknown> | undefined;
  if (session) parts.push(`smssession=${String(session.id)} state=${String(session.state)}`);
  const uri = d.smssessionUri ?? d.smsessionUri;
  if (typeof uri === 'string') parts.push(`smssession=${uri.split('/').pop()}`);
  if (Array.isArray(d.messages)) parts.push(`messages=[${d.messages.map((m) => (m as { type?: unknown }).type).join(',')}]`);
  const call = d.call as Record<string, unknown> | undefined;
  if (call) parts.push(`call=${String(call.id)} state=${String(call.state)}`);
  if (n.verdict.envelope.length + n.verdict.issues.length > 0) parts.push('(schema violations)');
  return parts.join(' ');
}

