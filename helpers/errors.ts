import { redactText } from './redact';

/**
 * Two families of failure, kept apart all the way to the exit status:
 * - HarnessError: the run could not be carried out as intended (configuration, an unreachable
 *   target, a refused CometD handshake, a bug of ours). Never a verdict on the server.
 * - NonConformance: the server answered, and the answer contradicts the documentation.
 *
 * Every message starts with a stable tag, `[harness:CODE]` or `[nonconformance:CODE]`, so that
 * report tooling can classify a failure from its text alone (Playwright's JSON and JUnit output
 * carry only messages). Messages are redacted when they are made: whatever a server echoed, no
 * registered secret reaches a console or a report through them.
 */

export type HarnessErrorCode =
  | 'CONFIG_INVALID'
  | 'TARGET_NOT_CONFIRMED'
  | 'TARGET_UNREACHABLE'
  | 'CONNECTION_RESET'
  | 'TLS_FAILURE'
  | 'REQUEST_TIMEOUT'
  /** HTTP 5xx without a documented JSON body: the target, or a proxy in front of it, failed. */
  | 'TARGET_ERROR'
  | 'COMETD_HANDSHAKE_REFUSED'
  /** The CometD session was dropped by the server, or its transport stayed down, during the test. */
  | 'COMETD_SESSION_DROPPED'
  | 'COMETD_FAILURE'
  | 'SMS_INJECTION_FAILED'
  | 'SETUP_FAILED'
  /** Teardown could not undo everything the test created: the target may hold debris. */
  | 'CLEANUP_FAILED'
  | 'INTERNAL';

export type NonConformanceCode =
  | 'UNEXPECTED_STATUS_CODE'
  | 'NOT_JSON'
  | 'SCHEMA_VIOLATION'
  | 'NOTIFICATION_TIMEOUT'
  | 'NOTIFICATION_CONTRADICTS'
  | 'NOTIFICATION_OUT_OF_ORDER'
  | 'UNEXPECTED_NOTIFICATION'
  | 'BAD_ERROR_REPLY'
  | 'COMETD_HANDSHAKE_REFUSED'
  | 'UNEXPECTED_HTTP_STATUS';

export class HarnessError extends Error {
  readonly kind = 'harness' as const;
  constructor(
    readonly code: HarnessErrorCode,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`[harness:${code}] ${redactText(detail)}`, options);
    this.name = 'HarnessError';
  }
}

/**
 * What a check rests on (DESIGN.md, "Basis of every requirement"): `stated` (a sentence of a page),
 * `printed` (shown in every documented sample), `inferred` (a reading the pages support but do not
 * say), `open` (the pages leave it open: observed, never judged).
 */
export type Basis = 'stated' | 'printed' | 'inferred' | 'open';

export interface GradeOptions {
  /** Set when the broken check rests on an inference: the failure is non-strict, with this reading named. */
  inferred?: string | undefined;
}

/**
 * The server broke a check. A check resting on a `stated` or `printed` basis fails with
 * `[nonconformance:CODE]`; one resting on an inference fails with `[nonstrict:CODE]` and names the
 * reading: reported apart, and failing the gate only in strict mode.
 */
export class NonConformance extends Error {
  readonly kind = 'nonconformance' as const;
  readonly strict: boolean;
  constructor(
    readonly code: NonConformanceCode,
    detail: string,
    grade: GradeOptions = {},
  ) {
    const strict = grade.inferred === undefined;
    super(
      strict
        ? `[nonconformance:${code}] ${redactText(detail)}`
        : `[nonstrict:${code}] ${redactText(detail)}\n(non-strict: this differs from a reading of the documentation, not from what it states: ${redactText(grade.inferred!)})`,
    );
    this.strict = strict;
    this.name = strict ? 'NonConformance' : 'NonStrict';
  }
}

/** The configuration is unusable: one message naming the variable, no stack, no secret. */
export class ConfigError extends HarnessError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super('CONFIG_INVALID', `${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export type FailureKind = 'harness' | 'nonconformance' | 'nonstrict' | 'assertion' | 'unknown';

/** Classifies a failure message as printed in a report. */
export function classifyFailureMessage(message: string): FailureKind {
  if (/\[harness:[A-Z_]+\]/.test(message)) return 'harness';
  if (/\[nonconformance:[A-Z_]+\]/.test(message)) return 'nonconformance';
  if (/\[nonstrict:[A-Z_]+\]/.test(message)) return 'nonstrict';
  if (/expect\(|Expected|Received/.test(message)) return 'assertion';
  return 'unknown';
}
