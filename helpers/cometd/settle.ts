import { pace } from './pace';
import { isAwaited, type Notification, type Step } from './types';
import type { Watched } from './watched';

/**
 * Waits for a notification a set-up step causes, where no page says it is sent: resolves when it
 * arrives, or when the target has been quiet for the settle window, at the latest at the timeout.
 * Never fails: it only keeps a late notification of the set-up from reaching the test's waits.
 */
export async function settleOn(watched: Watched, step: Step, timeoutMs: number): Promise<Notification | undefined> {
  const found = watched.transcript.find((n) => isAwaited(step, n));
  if (found) return found;
  return new Promise((resolve) => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const done = (n: Notification | undefined) => {
      clearTimeout(timer);
      stop();
      resolve(n);
    };
    const stop = watched.listen((n) => {
      if (isAwaited(step, n)) done(n);
    });
    const check = () => {
      const window = pace.settleWindowMs(timeoutMs);
      const quietSince = Math.max(pace.lastActivityAt, started);
      const now = performance.now();
      if (watched.dropped || now - started >= timeoutMs || now - quietSince >= window) return done(undefined);
      timer = setTimeout(check, Math.max(1, Math.min(quietSince + window, started + timeoutMs) - now));
    };
    check();
  });
}
