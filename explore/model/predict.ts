import type { Notification, Step } from '../../helpers/cometd/types';
import { REQUIREMENTS, type RequirementId } from '../../catalogue/requirements';

/**
 * What the model predicts for one command, as the same steps the suites await, each with the
 * requirements it rests on. A prediction resting on an inferred requirement, or on a reading of the
 * model's own (`readings`), is non-strict when broken.
 */

export interface Basis {
  rules: RequirementId[];
  /** Readings of the model that the catalogue does not hold (e.g. that a re-arm replaces). */
  readings?: string[];
}

export interface ReplyPrediction extends Basis {
  outcome: 'accepted' | 'refused';
}

export type Who = 'agent' | 'supervisor' | 'caller';

/** Steps one user must receive, in this order (one step alone where no page prints an order). */
export interface AwaitPrediction extends Basis {
  who: Who;
  steps: Step[];
  /**
   * The wait, when it had to be armed before an earlier operation of the same command (the
   * supervisor's leg of a call is awaited across the Dial and the Answer).
   */
  armed?: PromiseLike<Notification[]>;
  /** Told what arrived: how a command learns the ids the server gave. */
  seen?: (arrived: Notification[]) => void;
}

/** Something one user must not receive within the quiet window. */
export interface QuietPrediction extends Basis {
  who: Who;
  step: Step;
}

export interface Prediction {
  reply: ReplyPrediction;
  awaits: AwaitPrediction[];
  quiet: QuietPrediction[];
}

/** The reading a broken prediction rests on, or undefined when it rests on stated or printed rules only. */
export function inferenceOf(basis: Basis): string | undefined {
  const readings = [
    ...basis.rules.flatMap((id) => {
      const requirement = REQUIREMENTS[id] as { inferred?: string };
      return requirement.inferred ? [`${id}: ${requirement.inferred}`] : [];
    }),
    ...(basis.readings ?? []),
  ];
  return readings.length > 0 ? readings.join(' / ') : undefined;
}

/** "SMS-MONITOR-JOIN, SMS-MONITOR-VISIBILITY": how a finding names what it rests on. */
export function describeBasis(basis: Basis): string {
  const readings = basis.readings?.length ?? 0;
  const named = readings === 0 ? '' : `${readings} reading${readings > 1 ? 's' : ''}`;
  if (basis.rules.length === 0) return named || 'no requirement';
  return basis.rules.join(', ') + (named ? ` (+ ${named})` : '');
}
