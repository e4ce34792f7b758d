import type { NonConformanceCode } from '../../helpers/errors';
import type { LatitudeName } from '../latitude/switches';

/**
 * The failure a fault must cause: its non-conformance code (several where the documentation allows
 * more than one path, e.g. a refusal at once or an asynchronous one) and a pattern the message must
 * match, naming the step or the member. A test that fails otherwise (in set-up, by a generic
 * timeout, on a bare assertion) has missed the fault.
 */
export interface DeclaredFailure {
  code: NonConformanceCode | readonly NonConformanceCode[];
  message: RegExp;
  /** The check rests on an inference: a non-strict failure (`[nonstrict:CODE]`) counts as caught. */
  inferred?: boolean;
}

/**
 * A named fault switch: one deliberate deviation from the documentation. The self-check runs the
 * suite named in `suite` with the fault on (and the latitude switches on) and proves that every
 * test listed in `caughtBy` fails for the declared reason.
 */
interface FaultBase {
  description: string;
  /** Spec file(s), relative to suites/, that must catch the fault (or, sequence-only, stay green with it on). */
  suite: string | readonly string[];
  /** Stable test ids that must fail while the fault is on (none for a sequence-only fault). */
  caughtBy: string[];
  /** Latitude switches that would make the fault a conformant variation: left off in its run. */
  masks?: readonly LatitudeName[];
}

interface CaughtFault extends FaultBase {
  /** How each of them must fail. */
  fails: DeclaredFailure;
  /** Per test id, where one fails otherwise than `fails` says. */
  failsIn?: Readonly<Record<string, DeclaredFailure>>;
  sequenceOnly?: undefined;
}

/**
 * Only a sequence of operations reveals the fault: no example-based test must fail with it on
 * (the self-check requires every test of `suite` to pass), and `npm run explore` must find it.
 */
interface SequenceOnlyFault extends FaultBase {
  sequenceOnly: true;
  fails?: undefined;
  failsIn?: undefined;
}

export type FaultDefinition = CaughtFault | SequenceOnlyFault;

export function codesOf(failure: DeclaredFailure): readonly NonConformanceCode[] {
  return typeof failure.code === 'string' ? [failure.code] : failure.code;
}

/** A value the documentation excludes arrived in the awaited notification: the member is named. */
export const contradicts = (member: RegExp): DeclaredFailure => ({ code: 'NOTIFICATION_CONTRADICTS', message: member });
/** The awaited notification never comes (or not in the printed order): the step is named. */
export const neverArrives = (step: RegExp): DeclaredFailure => ({ code: ['NOTIFICATION_TIMEOUT', 'NOTIFICATION_OUT_OF_ORDER'], message: step });
/** The notification breaks its schema: the member is named. */
export const breaksSchema = (member: RegExp): DeclaredFailure => ({ code: 'SCHEMA_VIOLATION', message: member });
/**
 * A request that must be refused answers statusCode 0 and no error notification refuses it later
 * (the SMS pages allow an asynchronous refusal, so the wait for it is what fails).
 */
export const notRefused: DeclaredFailure = {
  code: ['UNEXPECTED_STATUS_CODE', 'NOTIFICATION_TIMEOUT', 'NOTIFICATION_CONTRADICTS'],
  message: /statusCode|refus/i,
};
/**
 * A Voice API request that must be refused is not: answered 0, with no ErrorMessage (ErrorHandling
 * allows an asynchronous refusal, so the wait for it fails, or the request is seen carried out).
 */
export const voiceNotRefused: DeclaredFailure = {
  code: ['UNEXPECTED_STATUS_CODE', 'NOTIFICATION_CONTRADICTS', 'NOTIFICATION_TIMEOUT', 'UNEXPECTED_NOTIFICATION'],
  message: /statusCode|ErrorMessage|refus/i,
};
/** Something that must not happen after the step does: the member or step is named. */
export const happensAnyway = (what: RegExp): DeclaredFailure => ({ code: ['UNEXPECTED_NOTIFICATION', 'NOTIFICATION_CONTRADICTS'], message: what });

/** Where a fault's switch is read: the names of the faults a mock runs with. */
export interface FaultSwitches {
  readonly faults: ReadonlySet<string>;
}

/**
 * The switch of each fault of one area: `on(state, name)` is true while fault `name` is on. Only a
 * name `definitions` declares type-checks, so a misspelt fault is a compile error, never a switch
 * that silently stays off.
 */
export function switchesOf<T extends Record<string, FaultDefinition>>(definitions: T): (state: FaultSwitches, name: keyof T & string) => boolean {
  return (state, name) => Object.prototype.hasOwnProperty.call(definitions, name) && state.faults.has(name);
}
