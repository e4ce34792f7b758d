import type { FaultDefinition } from '../../faults/types';

/**
 * Faults that only a sequence of operations reveals: each example-based suite passes with any of
 * them on (the self-check proves it), and `npm run explore` finds each one (tests/unit/explore.test.ts).
 * They name no test in `caughtBy`; `sequenceOnly` tells the self-check to require that the suites
 * stay green instead. Each one remembers what the supervisor did earlier in the same log-in.
 */

/** The suites that come nearest to each fault's sequence: the self-check runs them with it on. */
const MONITORING = ['sms/monitor.spec.ts', 'sms/coach.spec.ts', 'sms/barge-in.spec.ts'];
const CANCEL = 'sms/cancel-supervisor-monitoring.spec.ts';
const INTRUDE = 'sms/intrude.spec.ts';
const SWITCHES = ['sms/switch-to-monitor.spec.ts', 'sms/switch-to-coach.spec.ts', 'sms/switch-to-barge-in.spec.ts'];

export const SEQUENCE_FAULTS = {
  'sms.sequence.next-chat-rearm-kept': {
    description: 'A NextChat monitoring armed after an earlier one on the same agent (used up, cancelled or replaced) stays armed after its first session',
    suite: [...MONITORING, CANCEL, INTRUDE],
    caughtBy: [],
    sequenceOnly: true,
  },
  'sms.sequence.switch-revives-cancelled': {
    description: 'A switch in a session of an agent whose monitoring was cancelled arms that monitoring again',
    suite: [CANCEL, ...SWITCHES],
    caughtBy: [],
    sequenceOnly: true,
  },
  'sms.sequence.intrude-first-armed-mode': {
    description: 'Intrude without supervisorVisibilityMode takes the mode of the first monitoring armed on the agent, not the current one',
    suite: [INTRUDE, CANCEL, ...MONITORING],
    caughtBy: [],
    sequenceOnly: true,
  },
  'sms.sequence.intrude-after-cancel': {
    description: 'Intrude without supervisorVisibilityMode is accepted after the monitoring was cancelled, as if it were still armed',
    suite: [INTRUDE, CANCEL],
    caughtBy: [],
    sequenceOnly: true,
  },
  'sms.sequence.switch-changes-arm': {
    description: 'A switch in a session changes the mode of the monitoring it came from: later sessions are joined in the switched mode',
    suite: [...SWITCHES, ...MONITORING],
    caughtBy: [],
    sequenceOnly: true,
  },
} as const satisfies Record<string, FaultDefinition>;
