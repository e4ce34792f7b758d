import { NonConformance } from '../errors';
import { formatIssues } from '../schemas';
import { pace, SETTLE_FACTOR, SETTLE_FLOOR_MS } from './pace';
import { describeArrivals, describeNotification, relocate, shortJson, specFrames, SUBSCRIPTION } from './describe';
import type { Dropped } from './session-watch';
import { isAwaited, type Notification, type Step, type StepContext, type StepOrGroup } from './types';
import type { StepWrapper, Watched } from './watched';

/**
 * An expectation on one user's notifications (NotificationRecorder.expect).
 *
 * Positions are awaited in order; the steps of one position (a group) in any order. A notification
 * is a step only if it is the awaited event itself; every other one is recorded and tolerated.
 * The wait fails
 * - at once on a decisive contradiction (Step.decisive), or when a later position's step is
 *   satisfied before an earlier one (only callers whose page prints the order put steps in
 *   separate positions);
 * - when the target has gone quiet for the settle window while a candidate of an awaited step
 *   (same resource, other values) arrived and nothing better: that candidate's differences are
 *   shown field by field;
 * - at the timeout otherwise.
 */

/**
 * A wait whose outcome rests on a reading of the documentation, not on what it states: a
 * non-conformance it fails with is graded non-strict, naming the reading.
 */
export async function graded<T>(wait: PromiseLike<T>, reading: string): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    if (!(error instanceof NonConformance) || !error.strict) throw error;
    const regraded = new NonConformance(error.code, error.message.replace(/^\[nonconformance:[A-Z_]+\] /, ''), { inferred: reading });
    if (error.stack) regraded.stack = error.stack.replace(`${error.name}: ${error.message}`, `${regraded.name}: ${regraded.message}`);
    throw regraded;
  }
}

interface Slot {
  step: Step;
  position: number;
  matched: Notification | undefined;
  candidates: Notification[];
  inferred: string[];
}

/** An armed expectation: a thenable, so that `await seen` both waits and reports a step. */
export class Expectation implements PromiseLike<Notification[]> {
  private readonly result: Promise<Notification[]>;
  private readonly slots: Slot[];
  private readonly positions: number;

  constructor(
    private readonly recorder: Watched,
    items: StepOrGroup[],
    private readonly timeoutMs: number,
    private readonly wrap: StepWrapper | undefined,
  ) {
    this.slots = items.flatMap((item, position) =>
      ('group' in item ? item.group : [item]).map((step) => ({ step, position, matched: undefined, candidates: [], inferred: [] })),
    );
    this.positions = items.length;
    const fromSeq = recorder.transcript.length;
    const origin = performance.now();
    const frames = specFrames();
    const context: StepContext = { armedAt: origin, requestsSince: () => recorder.requestTimes.filter((t) => t >= origin) };
    this.result = new Promise<Notification[]>((resolve, reject) => {
      let settleTimer: NodeJS.Timeout | undefined;
      const finish = () => {
        stop();
        unwatch();
        clearTimeout(timer);
        clearTimeout(settleTimer);
      };
      const fail = (error: Error) => {
        finish();
        reject(relocate(error, frames));
      };
      const arrived = () => `Arrived since the expectation was armed:\n${describeArrivals(recorder.transcript, fromSeq, origin)}`;

      const onNotification = (n: Notification) => {
        const current = this.currentPosition();
        if (current === undefined) return;
        const pending = this.slots.filter((s) => s.matched === undefined);
        for (const slot of pending) {
          const reason = slot.step.decisive?.(n);
          if (reason) {
            return fail(
              new NonConformance(
                'NOTIFICATION_CONTRADICTS',
                `${recorder.user}: while awaiting ${this.name(slot)}, ${describeNotification(n)} arrived and rules it out: ${reason}\n` +
                  `payload: ${shortJson(n.data, 1500)}\n${this.progress()}`,
              ),
            );
          }
        }
        const here = pending.filter((s) => s.position === current);
        for (const slot of here) {
          if (!slot.step.kind(n, context)) continue;
          const { verdict } = n;
          if (verdict.envelope.length + verdict.issues.length > 0) {
            return fail(
              new NonConformance(
                'SCHEMA_VIOLATION',
                `${recorder.user}: ${describeNotification(n)} does not match its schema ${verdict.schema ?? 'cometd-envelope'}:\n` +
                  formatIssues({ schema: verdict.schema ?? '', issues: [...verdict.envelope, ...verdict.issues] }),
              ),
            );
          }
        }
        const satisfied = here.filter((s) => isAwaited(s.step, n, context));
        if (satisfied.length === 0) {
          const later = pending.find((s) => s.position > current && isAwaited(s.step, n, context));
          if (later) {
            const earlier = here.map((s) => this.name(s)).join(' and ');
            // What arrived about the earlier step differed from it, and the printed order leaves it no
            // later chance: the difference is the finding, named field by field.
            if (here.some((s) => s.candidates.length > 0)) {
              return fail(this.mismatch(`${describeNotification(n)} (${this.name(later)}) arrived next, in the place the documentation prints after it`, arrived()));
            }
            return fail(
              new NonConformance(
                'NOTIFICATION_OUT_OF_ORDER',
                `${recorder.user}: ${describeNotification(n)} (${this.name(later)}) arrived before ${earlier}, an order the documentation prints.\n` +
                  `${this.progress()}\n${arrived()}`,
              ),
            );
          }
        }
        for (const slot of satisfied) {
          slot.matched = n;
          slot.inferred = slot.step.inferred?.verify(n) ?? [];
        }
        for (const slot of pending) if (slot.matched === undefined && slot.step.kind(n, context)) slot.candidates.push(n);
        if (this.currentPosition() === undefined) {
          finish();
          const inferred = this.slots.filter((s) => s.inferred.length > 0);
          if (inferred.length === 0) return resolve(this.matched);
          return reject(
            relocate(
              new NonConformance(
                'NOTIFICATION_CONTRADICTS',
                `${recorder.user}: ` +
                  inferred.map((s) => `${this.name(s)}: #${s.matched!.seq} ${describeNotification(s.matched!)}:\n${s.inferred.map((p) => `  - ${p}`).join('\n')}`).join('\n') +
                  `\npayload: ${shortJson(inferred[0]!.matched!.data, 1500)}`,
                { inferred: inferred.map((s) => s.step.inferred!.reading).join('; ') },
              ),
              frames,
            ),
          );
        }
        scheduleSettle();
      };

      // A mismatch that is not decisive is final once the target has been quiet for the settle window.
      const scheduleSettle = () => {
        clearTimeout(settleTimer);
        if (!this.nearestPending()) return;
        const window = pace.settleWindowMs(this.timeoutMs);
        const due = Math.max(pace.lastActivityAt, origin) + window - performance.now();
        settleTimer = setTimeout(() => {
          const quietFor = performance.now() - Math.max(pace.lastActivityAt, origin);
          if (quietFor + 1 < window) return scheduleSettle();
          fail(this.mismatch(`the target has been quiet for ${Math.round(quietFor)} ms (settle window ${window} ms: ${SETTLE_FACTOR}× the slowest reply→notification delay seen, ${Math.round(pace.slowestDelayMs)} ms, at least ${SETTLE_FLOOR_MS} ms)`, arrived()));
        }, Math.max(0, due));
      };

      const stop = recorder.listen(onNotification);
      const timer = setTimeout(() => {
        if (this.nearestPending()) return fail(this.mismatch(`waited ${this.timeoutMs} ms`, arrived()));
        fail(
          new NonConformance(
            'NOTIFICATION_TIMEOUT',
            `${recorder.user}: waited ${this.timeoutMs} ms on ${SUBSCRIPTION} for:\n${this.progress()}\n${arrived()}\n(${recorder.watch.describe()})`,
          ),
        );
      }, this.timeoutMs);
      const lost = (dropped: Dropped) => fail(recorder.droppedError(`${this.progress()}\n`, dropped, fromSeq, origin));
      const unwatch = recorder.watch.onDrop(lost);
      if (recorder.dropped) lost(recorder.dropped);
    });
    // The wait may fail while the operation is still in flight; the failure is kept for the await.
    this.result.catch(() => undefined);
  }

  /** The notifications that satisfied the steps, in the order the steps were given. */
  get matched(): Notification[] {
    return this.slots.map((s) => s.matched).filter((n): n is Notification => n !== undefined);
  }

  private currentPosition(): number | undefined {
    return this.slots.find((s) => s.matched === undefined)?.position;
  }

  private name(slot: Slot): string {
    return `step ${this.slots.indexOf(slot) + 1} (${slot.step.describe})`;
  }

  /** The pending step of the current position with the candidate closest to it (fewest differences). */
  private nearestPending(): { slot: Slot; candidate: Notification; problems: string[] } | undefined {
    const current = this.currentPosition();
    let best: { slot: Slot; candidate: Notification; problems: string[] } | undefined;
    for (const slot of this.slots) {
      if (slot.matched !== undefined || slot.position !== current) continue;
      for (const candidate of slot.candidates) {
        const problems = slot.step.verify(candidate);
        if (!best || problems.length <= best.problems.length) best = { slot, candidate, problems };
      }
    }
    return best;
  }

  private mismatch(why: string, arrived: string): NonConformance {
    const nearest = this.nearestPending()!;
    const differences = nearest.problems.length > 0 ? nearest.problems : ['(it is not the awaited event, though every field checked agrees)'];
    return new NonConformance(
      'NOTIFICATION_CONTRADICTS',
      `${this.recorder.user}: awaited ${this.name(nearest.slot)}; ${why}, and what arrived about it contradicts it. ` +
        `Nearest: #${nearest.candidate.seq} ${describeNotification(nearest.candidate)}, which differs:\n` +
        differences.map((p) => `  - ${p}`).join('\n') +
        `\npayload: ${shortJson(nearest.candidate.data, 1500)}\n${this.progress()}\n${arrived}`,
    );
  }

  private progress(): string {
    const current = this.currentPosition();
    return this.slots
      .map((s, i) => {
        const grouped = this.slots.filter((o) => o.position === s.position).length > 1 ? ' [any order within its group]' : '';
        if (s.matched) return `  ✓ ${i + 1}. ${s.step.describe}${grouped} (arrived, #${s.matched.seq})`;
        if (s.position === current) return `  ✗ ${i + 1}. ${s.step.describe}${grouped} (awaited${s.candidates.length ? `; ${s.candidates.length} look-alike(s) tolerated` : ''})`;
        return `  · ${i + 1}. ${s.step.describe}${grouped} (not reached)`;
      })
      .join('\n');
  }

  then<R1 = Notification[], R2 = never>(
    onfulfilled?: ((value: Notification[]) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    const parts: string[] = [];
    for (let p = 0; p < this.positions; p += 1) {
      const inGroup = this.slots.filter((s) => s.position === p).map((s) => s.step.describe);
      parts.push(inGroup.length > 1 ? `{${inGroup.join(' & ')}} (any order)` : inGroup[0]!);
    }
    const title = `${this.recorder.user} receives: ${parts.join(' → ')}`;
    const awaited = this.wrap ? this.wrap(title, () => this.result) : this.result;
    return awaited.then(onfulfilled, onrejected);
  }
}
