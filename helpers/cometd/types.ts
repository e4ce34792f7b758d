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

/**
 * What an expectation waits for. `kind` says whether a notification is the one this step is about
 * (same message type, same resource); `verify` lists how it falls short of the documentation.
 * A notification of the step's kind that fails `verify` contradicts the expectation at once.
 */
export interface Step {
  describe: string;
  kind(notification: Notification): boolean;
  verify(notification: Notification): string[];
}
