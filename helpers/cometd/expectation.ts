import { NonConformance } from '../errors';
import { redactText } from '../redact';
import { formatIssues } from '../schemas';
import { describeNotification, SUBSCRIPTION, type NotificationRecorder, type RecorderOptions } from './recorder';
import type { Dropped } from './session-watch';
import type { Notification, Step } from './types';

/**
 * An ordered expectation on one user's notifications (NotificationRecorder.expect), and the helpers
 * that put a failure found inside faye's callbacks at the spec's own line.
 */

export function shortJson(value: unknown, max: number): string {
  const text = redactText(JSON.stringify(value));
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The spec's own frames at the moment a wait was armed. A failure found later, inside faye's
 * callbacks, is reported at that line of the spec rather than in the recorder's internals.
 */
export function specFrames(): string {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  return frames.filter((line) => /[\\/]suites[\\/]/.test(line)).join('\n');
}

export function relocate(error: Error, frames: string): Error {
  if (frames) error.stack = `${error.name}: ${error.message}\n${frames}`;
  return error;
}

/** An armed expectation: a thenable, so that `await seen` both waits and reports a step. */
export class Expectation implements PromiseLike<Notification[]> {
  private readonly result: Promise<Notification[]>;
  readonly matched: Notification[] = [];

  constructor(
    private readonly recorder: NotificationRecorder,
    private readonly steps: Step[],
    private readonly timeoutMs: number,
    private readonly wrap: RecorderOptions['step'],
  ) {
    const fromSeq = recorder.transcript.length;
    const origin = performance.now();
    const frames = specFrames();
    this.result = new Promise<Notification[]>((resolve, reject) => {
      let next = 0;
      const fail = (error: Error) => {
        stop();
        unwatch();
        clearTimeout(timer);
        reject(relocate(error, frames));
      };
      const stop = recorder.listen((notification) => {
        if (next >= steps.length) return;
        const step = steps[next]!;
        if (step.kind(notification)) {
          const { verdict } = notification;
          if (verdict.envelope.length + verdict.issues.length > 0) {
            return fail(
              new NonConformance(
                'SCHEMA_VIOLATION',
                `${recorder.user}: ${describeNotification(notification)} does not match its schema ${verdict.schema ?? 'cometd-envelope'}:\n` +
                  formatIssues({ schema: verdict.schema ?? '', issues: [...verdict.envelope, ...verdict.issues] }),
              ),
            );
          }
          const problems = step.verify(notification);
          if (problems.length > 0) {
            return fail(
              new NonConformance(
                'NOTIFICATION_CONTRADICTS',
                `${recorder.user}: while awaiting step ${next + 1} (${step.describe}), ` +
                  `${describeNotification(notification)} arrived and contradicts it:\n` +
                  problems.map((p) => `  - ${p}`).join('\n') +
                  `\npayload: ${shortJson(notification.data, 1500)}\n` +
                  this.progress(next),
              ),
            );
          }
          this.matched.push(notification);
          next += 1;
          if (next === steps.length) {
            stop();
            unwatch();
            clearTimeout(timer);
            resolve(this.matched);
          }
          return;
        }
        const later = steps.findIndex((s, i) => i > next && s.kind(notification));
        if (later >= 0) {
          fail(
            new NonConformance(
              'NOTIFICATION_OUT_OF_ORDER',
              `${recorder.user}: ${describeNotification(notification)} (step ${later + 1}: ${steps[later]!.describe}) ` +
                `arrived before step ${next + 1} (${step.describe}).\n` +
                this.progress(next) +
                `\nArrived since the expectation was armed:\n${recorder.describeSince(fromSeq, origin)}`,
            ),
          );
        }
      });
      const timer = setTimeout(() => {
        stop();
        unwatch();
        reject(relocate(
          new NonConformance(
            'NOTIFICATION_TIMEOUT',
            `${recorder.user}: waited ${this.timeoutMs} ms on ${SUBSCRIPTION} for:\n${this.progress(next)}\n` +
              `Arrived since the expectation was armed:\n${recorder.describeSince(fromSeq, origin)}\n` +
              `(${recorder.watch.describe()})`,
          ),
          frames,
        ));
      }, this.timeoutMs);
      const lost = (dropped: Dropped) =>
        fail(recorder.droppedError(`step ${next + 1} of:\n${this.progress(next)}\n`, dropped, fromSeq, origin));
      const unwatch = recorder.watch.onDrop(lost);
      if (recorder.dropped) lost(recorder.dropped);
    });
    // The wait may fail while the operation is still in flight; the failure is kept for the await.
    this.result.catch(() => undefined);
  }

  private progress(next: number): string {
    return this.steps
      .map((s, i) => {
        const mark = i < next ? '✓' : i === next ? '✗' : '·';
        const note = i < next ? ` (arrived, #${this.matched[i]!.seq})` : i === next ? ' (awaited)' : ' (not reached)';
        return `  ${mark} ${i + 1}. ${s.describe}${note}`;
      })
      .join('\n');
  }

  then<R1 = Notification[], R2 = never>(
    onfulfilled?: ((value: Notification[]) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    const title = `${this.recorder.user} receives: ${this.steps.map((s) => s.describe).join(' → ')}`;
    const awaited = this.wrap ? this.wrap(title, () => this.result) : this.result;
    return awaited.then(onfulfilled, onrejected);
  }
}
