import type { HarnessError } from '../errors';
import type { Dropped, SessionWatch } from './session-watch';
import type { Notification } from './types';

/**
 * What a wait (Expectation, QuietCheck, settleOn) needs of one user's notifications: the
 * transcript, new arrivals, and whether the CometD session is still there. The recorder provides
 * it; the waits never import the recorder.
 */
export interface Watched {
  readonly user: string;
  readonly transcript: readonly Notification[];
  /** performance.now() of each request this user sent. */
  readonly requestTimes: readonly number[];
  readonly watch: SessionWatch;
  readonly dropped: Dropped | undefined;
  listen(listener: (notification: Notification) => void): () => void;
  droppedError(waitingFor: string, dropped: Dropped, fromSeq: number, origin: number): HarnessError;
}

/** Wraps an await in a report step (Playwright's test.step in the suites). */
export type StepWrapper = <T>(title: string, body: () => Promise<T>) => Promise<T>;
