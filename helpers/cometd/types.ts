import type { NotificationVerdict } from '../schemas';

/** One CometD message as the recorder saw it. */
export interface Notification {
  /** Order of arrival for this user, from 1. */
  seq: number;
  user: string;
  channel: string;
  data: Record<string, unknown>;
  /** Wall-clock arrival (epoch ms), for reports. */
  receivedAt: number;
  /** Monotonic arrival (performance.now()), for delays. */
  at: number;
  verdict: NotificationVerdict;
}

/** What a step may know about its wait besides the notification (when it was armed, the requests since). */
export interface StepContext {
  /** performance.now() when the wait was armed. */
  armedAt: number;
  /** performance.now() of each request this user sent since the wait was armed, in order. */
  requestsSince(): readonly number[];
}

/**
 * What an expectation waits for.
 * - `kind`: the notification is about the step's resource (same message type, same session, call
 *   or device): a candidate, shown as the nearest one when the wait fails.
 * - `verify`: how a candidate falls short of the awaited event, field by field. A candidate with no
 *   difference is the awaited event itself (unless `matches` says otherwise); any other candidate
 *   is recorded and tolerated: a server may send look-alikes (a repeated or earlier list, a history).
 * - `decisive`: a notification (of any kind) that makes the awaited event impossible under the
 *   documentation (the session or call ended, an error tied to the request); the wait fails at once.
 * - `inferred`: differences from a reading of the documentation, not from what it states; the
 *   awaited event is matched without them, and the wait then fails non-strict.
 */
export interface Step {
  describe: string;
  kind(notification: Notification, context?: StepContext): boolean;
  verify(notification: Notification): string[];
  matches?(notification: Notification, context?: StepContext): boolean;
  decisive?(notification: Notification): string | undefined;
  inferred?: { reading: string; verify(notification: Notification): string[] };
}

/** Whether a notification is the step's awaited event itself. */
export function isAwaited(step: Step, n: Notification, context?: StepContext): boolean {
  if (step.matches) return step.matches(n, context);
  return step.kind(n, context) && step.verify(n).length === 0;
}

/** Steps that may be satisfied in any order (no page prints one), within an ordered expectation. */
export interface StepGroup {
  group: Step[];
}

export function group(...steps: Step[]): StepGroup {
  return { group: steps };
}

export type StepOrGroup = Step | StepGroup;
