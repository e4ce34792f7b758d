import { contradicts, happensAnyway, neverArrives, notRefused, type FaultDefinition } from '../../faults/types';

/** Fault switches of SMS supervision: monitoring, cancel, Intrude and the mode switches. */

const SWITCHES = [
  'sms.switch-to-monitor.from-coach',
  'sms.switch-to-monitor.from-barge-in',
  'sms.switch-to-coach.from-monitor',
  'sms.switch-to-coach.from-barge-in',
  'sms.switch-to-barge-in.from-monitor',
  'sms.switch-to-barge-in.from-coach',
];
const SWITCH_SUITES = ['sms/switch-to-monitor.spec.ts', 'sms/switch-to-coach.spec.ts', 'sms/switch-to-barge-in.spec.ts'];
const INTRUDE_MODES = ['sms.intrude.mode-monitor', 'sms.intrude.mode-coach', 'sms.intrude.mode-barge-in'];

export const SUPERVISION_FAULTS = {
  'sms.monitor.wrong-visibility': {
    description: 'A supervisor armed with Monitor joins with visibility All instead of Supervisors',
    suite: 'sms/monitor.spec.ts',
    caughtBy: ['sms.monitor.joins-with-visibility-supervisors'],
    fails: contradicts(/visibility/),
  },
  'sms.coach.wrong-visibility': {
    description: 'A supervisor armed with Coach joins with visibility All instead of Agents',
    suite: 'sms/coach.spec.ts',
    caughtBy: ['sms.coach.joins-with-visibility-agents'],
    fails: contradicts(/visibility/),
  },
  'sms.barge-in.wrong-visibility': {
    description: 'A supervisor armed with BargeIn joins with visibility Agents instead of All',
    suite: 'sms/barge-in.spec.ts',
    caughtBy: ['sms.barge-in.joins-with-visibility-all'],
    fails: contradicts(/visibility/),
  },
  'sms.monitor.default-next-chat': {
    description: 'Monitoring without supervisorMonitoringMode stops after one session (default NextChat instead of AllChats)',
    suite: 'sms/monitor.spec.ts',
    caughtBy: ['sms.monitor.default-all-chats'],
    fails: neverArrives(/supervisor|Chatting|ParticipantsUpdated/),
  },
  'sms.monitor.next-chat-not-disarmed': {
    description: 'NextChat monitoring stays armed after the first session',
    suite: 'sms/monitor.spec.ts',
    caughtBy: ['sms.monitor.next-chat-disarms'],
    fails: happensAnyway(/supervisor|smssession/i),
  },
  'sms.complete.no-revoked': {
    description: 'Completing a monitored session does not revoke the supervisor',
    suite: 'sms/monitor.spec.ts',
    caughtBy: ['sms.monitor.revoked-on-complete'],
    fails: neverArrives(/Revoked/),
  },
  'sms.monitor.visible-to-agent': {
    description: 'The agent is shown a supervisor (and messages) of visibility Supervisors',
    suite: 'sms/monitor.spec.ts',
    caughtBy: ['sms.monitor.hidden-from-agent'],
    fails: happensAnyway(/visibility|Supervisors/),
  },
  'sms.monitor.unknown-agent-succeeds': {
    description: 'Monitoring a user id that does not exist answers statusCode 0',
    suite: 'sms/monitor.spec.ts',
    caughtBy: ['sms.monitor.unknown-agent-refused'],
    fails: notRefused,
  },
  'sms.supervisor.invalid-mode-accepted': {
    description: 'An invalid supervisorMonitoringMode or supervisorVisibilityMode is accepted',
    suite: ['sms/monitor.spec.ts', 'sms/intrude.spec.ts'],
    caughtBy: ['sms.monitor.invalid-mode-refused', 'sms.intrude.invalid-mode-refused'],
    fails: notRefused,
  },
  'sms.cancel.ignored': {
    description: 'CancelSupervisorMonitoring answers statusCode 0 but the supervisor still joins the next session',
    suite: 'sms/cancel-supervisor-monitoring.spec.ts',
    caughtBy: ['sms.cancel.stops-joining'],
    fails: happensAnyway(/supervisor|smssession/i),
  },
  'sms.cancel.ends-session': {
    description: 'CancelSupervisorMonitoring revokes the session the supervisor is in',
    suite: 'sms/cancel-supervisor-monitoring.spec.ts',
    caughtBy: ['sms.cancel.keeps-current-session'],
    fails: happensAnyway(/Revoked|Completed|state/),
  },
  'sms.cancel.not-monitoring-succeeds': {
    description: 'CancelSupervisorMonitoring answers statusCode 0 when no monitoring is armed',
    suite: 'sms/cancel-supervisor-monitoring.spec.ts',
    caughtBy: ['sms.cancel.refused-when-not-monitoring'],
    fails: notRefused,
  },
  'sms.intrude.no-supervisor-mode': {
    description: 'The Invited notification after Intrude carries no supervisorMode',
    suite: 'sms/intrude.spec.ts',
    caughtBy: [...INTRUDE_MODES, 'sms.intrude.omitted-mode-inherited'],
    fails: { code: ['NOTIFICATION_CONTRADICTS', 'SCHEMA_VIOLATION'], message: /supervisorMode/ },
  },
  'sms.intrude.omitted-mode-succeeds': {
    description: 'Intrude without supervisorVisibilityMode succeeds although the supervisor monitors no one',
    suite: 'sms/intrude.spec.ts',
    caughtBy: ['sms.intrude.omitted-mode-refused-when-not-monitoring'],
    fails: notRefused,
  },
  'sms.intrude.omitted-mode-not-inherited': {
    description: 'Intrude without supervisorVisibilityMode uses Monitor instead of the armed monitoring mode',
    suite: 'sms/intrude.spec.ts',
    caughtBy: ['sms.intrude.omitted-mode-inherited'],
    fails: contradicts(/supervisorMode|visibility/),
  },
  'sms.intrude.accept-wrong-visibility': {
    description: 'Accepting an Intrude joins with a visibility other than the mode\'s',
    suite: 'sms/intrude.spec.ts',
    caughtBy: INTRUDE_MODES,
    fails: contradicts(/visibility/),
  },
  'sms.intrude.unknown-session-succeeds': {
    description: 'Intrude into a session id that does not exist answers statusCode 0',
    suite: 'sms/intrude.spec.ts',
    caughtBy: ['sms.intrude.unknown-session-refused'],
    fails: notRefused,
  },
  'sms.switch.capabilities-stale': {
    description: 'After a mode switch the supervisor keeps the capability list of the previous mode',
    suite: SWITCH_SUITES,
    caughtBy: SWITCHES,
    fails: contradicts(/capabilit/i),
  },
  'sms.switch.visibility-unchanged': {
    description: "A mode switch leaves the supervisor's visibility as it was",
    suite: SWITCH_SUITES,
    caughtBy: SWITCHES,
    fails: contradicts(/visibility/),
  },
  'sms.switch.no-participant-rejoined': {
    description: 'A mode switch sends no MessageLogUpdated with ParticipantRejoined',
    suite: SWITCH_SUITES,
    caughtBy: SWITCHES,
    fails: neverArrives(/ParticipantRejoined/),
  },
  'sms.switch.agent-visibility-changed': {
    description: 'The supervisor is shown the agent with visibility Supervisors instead of All',
    suite: SWITCH_SUITES,
    caughtBy: SWITCHES,
    fails: contradicts(/visibility/),
  },
  'sms.switch.same-mode-succeeds': {
    description: 'Switching to the mode the supervisor already has answers statusCode 0',
    suite: SWITCH_SUITES,
    caughtBy: ['sms.switch-to-monitor.same-mode-refused', 'sms.switch-to-coach.same-mode-refused', 'sms.switch-to-barge-in.same-mode-refused'],
    fails: notRefused,
  },
  'sms.switch.outsider-succeeds': {
    description: 'A supervisor who is not in the session can switch its mode there',
    suite: 'sms/switch-to-monitor.spec.ts',
    caughtBy: ['sms.switch-to-monitor.outsider-refused'],
    fails: notRefused,
  },
} as const satisfies Record<string, FaultDefinition>;
