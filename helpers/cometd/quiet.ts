import { NonConformance } from '../errors';
import { describeNotification, relocate, shortJson, specFrames } from './describe';
import { pace } from './pace';
import type { Dropped } from './session-watch';
import { isAwaited, type Notification, type Step } from './types';
import type { StepWrapper, Watched } from './watched';

/**
 * A must-not-arrive check (NotificationRecorder.expectQuiet). Armed before the operation, it fails
 * at once when the step's event arrives, from then on. The window itself starts when it is
 * awaited, after the operation's reply, and its length is fixed then, from the pace of the target
 * (pace.ts); the report step names the window used.
 */
export class QuietCheck implements PromiseLike<void> {
  private readonly fromSeq: number;
  private readonly origin = performance.now();
  private readonly frames = specFrames();
  private failure: Error | undefined;
  private readonly stop: () => void;
  private readonly unwatch: () => void;
  private onFailure: ((error: Error) => void) | undefined;

  constructor(
    private readonly recorder: Watched,
    private readonly step: Step,
    private readonly options: { windowMs: () => number; wrap: StepWrapper | undefined },
  ) {
    this.fromSeq = recorder.transcript.length;
    this.stop = recorder.listen((n) => this.onNotification(n));
    this.unwatch = recorder.watch.onDrop((dropped) => this.lost(dropped));
    if (recorder.dropped) this.lost(recorder.dropped);
  }

  private onNotification(n: Notification): void {
    if (this.failure || !isAwaited(this.step, n)) return;
    this.fail(
      new NonConformance(
        'UNEXPECTED_NOTIFICATION',
        `${this.recorder.user}: ${describeNotification(n)} arrived, but nothing of this kind should: ${this.step.describe}\n` +
          `payload: ${shortJson(n.data, 600)}`,
      ),
    );
  }

  private lost(dropped: Dropped): void {
    // A quiet window on a lost session proves nothing.
    if (this.failure) return;
    this.fail(this.recorder.droppedError(`a quiet window (${this.step.describe})`, dropped, this.fromSeq, this.origin));
  }

  private fail(error: Error): void {
    this.failure = relocate(error, this.frames);
    this.end();
    this.onFailure?.(this.failure);
  }

  private end(): void {
    this.stop();
    this.unwatch();
  }

  then<R1 = void, R2 = never>(
    onfulfilled?: ((value: void) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    const windowMs = this.options.windowMs();
    const body = () =>
      new Promise<void>((resolve, reject) => {
        if (this.failure) return reject(this.failure);
        const timer = setTimeout(() => {
          this.end();
          this.onFailure = undefined;
          if (this.failure) reject(this.failure);
          else resolve();
        }, windowMs);
        this.onFailure = (error) => {
          clearTimeout(timer);
          reject(error);
        };
      });
    const slowest = Math.round(pace.slowestDelayMs);
    const title = `${this.recorder.user}: nothing within ${windowMs} ms after the reply (quiet window; slowest delay seen ${slowest} ms): ${this.step.describe}`;
    const awaited = this.options.wrap ? this.options.wrap(title, body) : body();
    return awaited.then(onfulfilled, onrejected);
  }
}
