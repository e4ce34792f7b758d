/**
 * A named fault switch: one deliberate deviation from the documentation. The self-check runs the
 * suite named in `suite` with the fault on and proves that every test listed in `caughtBy` fails
 * with a non-conformance verdict.
 */
export interface FaultDefinition {
  description: string;
  /** Spec file(s), relative to suites/, that must catch the fault. */
  suite: string | readonly string[];
  /** Stable test ids that must fail while the fault is on (none for a sequence-only fault). */
  caughtBy: string[];
  /**
   * Only a sequence of operations reveals the fault: no example-based test must fail with it on
   * (the self-check requires every test of `suite` to pass), and `npm run explore` must find it.
   */
  sequenceOnly?: true;
}
