import type { Client as FayeClient } from 'faye';
import { HarnessError } from '../errors';
import { redactText } from '../redact';
import { validateNotification, type NotificationVerdict } from '../schemas';
import { describeArrivals, SUBSCRIPTION } from './describe';
import { Expectation } from './expectation';
import { connectionTypeOf, createFayeClient, disconnectFaye, stopFaye, subscribeWithin, type FayeMessage } from './faye';
import { pace } from './pace';
import { QuietCheck } from './quiet';
import { SessionWatch, type Dropped } from './session-watch';
import { settleOn } from './settle';
import type { Notification, Step, StepOrGroup } from './types';
import type { StepWrapper, Watched } from './watched';

/**
 * One user's CometD client (faye) at {base}/api/v2/notifications, subscribed to `/v2/me/*`.
 * It records every message with its channel and arrival time, validates each against its schema,
 * and answers expectations: `expect(...steps)` is armed before an operation and awaited after it;
 * `expectQuiet(step)` is armed before an operation and, awaited after its reply, listens for a
 * bounded window for something that must not arrive.
 */

export { describeNotification, SUBSCRIPTION } from './describe';

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
  step?: StepWrapper;
}

type Listener = (notification: Notification) => void;

export class NotificationRecorder implements Watched {
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
    return connectionTypeOf(this.client);
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
        `Arrived since the wait was armed:\n${describeArrivals(this.transcript, fromSeq, origin)}`,
    );
  }

  /** Handshake and subscribe; resolves only after the subscribe acknowledgement. */
  async connect(): Promise<void> {
    const { url, transport, timeoutMs } = this.options;
    const client = createFayeClient({ ...this.options, cookies: this.options.cookies(), csrf: this.options.csrf() });
    this.client = client;

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

    // Set-up, not a verdict: a short notification timeout (the self-check's) must not turn a busy
    // machine's slow handshake into a harness error.
    try {
      await subscribeWithin(client, SUBSCRIPTION, Math.max(timeoutMs, CONNECT_FLOOR_MS), {
        user: this.user,
        url,
        seen: () => this.events.map((e) => `+${e.at} ms ${e.what}`).join('; '),
        onRefused: (handler) => (this.onRefused = handler),
      });
    } catch (error) {
      this.stop();
      throw error;
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
    stopFaye(this.client);
  }

  async disconnect(): Promise<void> {
    this.watch.stop();
    if (this.client && !this.dropped) await disconnectFaye(this.client);
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
    return settleOn(this, step, this.options.timeoutMs);
  }

  /** @internal */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
