/**
 * The pace of the target as this worker has seen it: how long notifications take to follow the
 * replies of the requests that cause them. Waits derive from it how long "quiet" must last before
 * a mismatch is final (the settle window) and how long a must-not-arrive check listens (the quiet
 * window): a multiple of the slowest recent delay, with a floor, and a ceiling.
 *
 * One worker runs one test at a time, so one pace per process is the pace of this worker.
 */

/** How many recent delays are kept. */
const KEPT = 20;
/** A notification this long after the latest reply was not prompted by it: no sample of the pace. */
const UNPROMPTED_MS = 2_500;

export const SETTLE_FACTOR = 4;
export const SETTLE_FLOOR_MS = 1_000;
export const QUIET_FACTOR = 4;
export const QUIET_FLOOR_MS = 500;

export class Pace {
  private lastActivity = -Infinity;
  private lastReply = -Infinity;
  private readonly delays: number[] = [];
  private inFlight = 0;

  /** A request went out (any user of this worker, or the SMS injection endpoint). */
  noteRequest(): void {
    this.inFlight += 1;
  }

  /** An HTTP reply arrived for a request noted with noteRequest. */
  noteReply(at: number = performance.now()): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.lastReply = Math.max(this.lastReply, at);
    this.lastActivity = Math.max(this.lastActivity, at);
  }

  /** A request noted with noteRequest ended without a reply (a network error). */
  noteNoReply(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /**
   * A notification arrived: its delay after the latest reply is one sample of the target's pace.
   * While a request is in flight the notification may be that request's, sent before its reply
   * (no page orders the two): its distance from an earlier reply is then the harness's own pause,
   * not the target's pace, and no sample.
   */
  noteNotification(at: number): void {
    this.lastActivity = Math.max(this.lastActivity, at);
    if (this.inFlight > 0) return;
    if (!Number.isFinite(this.lastReply) || at < this.lastReply || at - this.lastReply > UNPROMPTED_MS) return;
    this.delays.push(at - this.lastReply);
    if (this.delays.length > KEPT) this.delays.shift();
  }

  /** The slowest recent reply→notification delay, 0 before any was seen. */
  get slowestDelayMs(): number {
    return this.delays.reduce((a, b) => Math.max(a, b), 0);
  }

  /** When the target last did something this worker saw (a reply or a notification). */
  get lastActivityAt(): number {
    return this.lastActivity;
  }

  /** How long the target must stay quiet before a non-decisive mismatch is final. */
  settleWindowMs(ceilingMs: number): number {
    return Math.min(ceilingMs, Math.max(SETTLE_FLOOR_MS, Math.round(SETTLE_FACTOR * this.slowestDelayMs)));
  }

  /** How long a must-not-arrive check listens after the reply. */
  quietWindowMs(ceilingMs: number): number {
    return Math.min(ceilingMs, Math.max(QUIET_FLOOR_MS, Math.round(QUIET_FACTOR * this.slowestDelayMs)));
  }

  /** Forget everything (unit tests). */
  reset(): void {
    this.lastActivity = -Infinity;
    this.lastReply = -Infinity;
    this.delays.length = 0;
    this.inFlight = 0;
  }
}

/** The pace of this worker. */
export const pace = new Pace();
