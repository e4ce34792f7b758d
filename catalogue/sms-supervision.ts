import { SMS } from './sms';
import type { Page, Requirement } from './types';

/** SMS Session API pages of supervision: monitoring an agent's channel, cancel, Intrude, the mode switches. */
export const SMS_SUPERVISION_PAGES = {
  'sms.monitor': {
    ...SMS,
    operation: 'Monitor',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSMonitor',
  },
  'sms.coach': {
    ...SMS,
    operation: 'Coach',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSCoach',
  },
  'sms.barge-in': {
    ...SMS,
    operation: 'BargeIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSBargeIn',
  },
  'sms.cancel-supervisor-monitoring': {
    ...SMS,
    operation: 'CancelSupervisorMonitoring',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSCancelSupervisorMonitoring',
  },
  'sms.intrude': {
    ...SMS,
    operation: 'Intrude',
    url: 'https://docs.genesys.com/Documentation/GWS/8.5.2/API/SMSIntrude',
  },
  'sms.switch-to-monitor': {
    ...SMS,
    operation: 'SwitchToMonitor',
    // Known to the project as a PDF export of this page; the HTML address follows its siblings'.
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoMonitor',
  },
  'sms.switch-to-coach': {
    ...SMS,
    operation: 'SwitchToCoach',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoCoach',
  },
  'sms.switch-to-barge-in': {
    ...SMS,
    operation: 'SwitchToBargeIn',
    url: 'https://docs.genesys.com/Documentation/HTCC/latest/API/SMSSwitchtoBargeIn',
  },
} as const satisfies Record<string, Page>;

const COACH_VISIBILITY =
  'The SwitchToCoach sample is cut off before the supervisor\'s visibility; Agents is read from the Coach page (only the agent sees the supervisor\'s messages) and from the SendToAgents pages, where Agents means agents only.';

/** SMS supervision: monitoring an agent, cancel, Intrude, and the three mode switches. */
export const SMS_SUPERVISION_REQUIREMENTS = {
  'SMS-MONITOR-REPLY': {
    page: 'sms.monitor',
    level: 'MUST',
    statement: "Monitor, Coach and BargeIn on an agent's SMS channel answer statusCode 0.",
    basis: 'printed',
  },
  'SMS-MONITOR-JOIN': {
    page: 'sms.monitor',
    level: 'MUST',
    statement: 'When the monitored agent accepts an SMS session, the supervisor is given that session and its notifications.',
    basis: 'stated',
  },
  'SMS-MONITOR-VISIBILITY': {
    page: 'sms.switch-to-monitor',
    level: 'MUST',
    statement: 'A supervisor in Monitor mode takes part with visibility Supervisors.',
    basis: 'printed',
  },
  'SMS-MONITOR-HIDDEN': {
    page: 'sms.monitor',
    level: 'MUST',
    statement: 'In Monitor mode only other supervisors can see that the supervisor joined: the agent is not shown the supervisor.',
    basis: 'stated',
  },
  'SMS-COACH-VISIBILITY': {
    page: 'sms.coach',
    level: 'MUST',
    statement: 'A supervisor in Coach mode takes part with visibility Agents.',
    basis: 'inferred',
    reason:
      COACH_VISIBILITY,
  },
  'SMS-BARGEIN-VISIBILITY': {
    page: 'sms.barge-in',
    level: 'MUST',
    statement: 'A supervisor in BargeIn mode takes part with visibility All.',
    basis: 'printed',
  },
  'SMS-MONITOR-DEFAULT-ALLCHATS': {
    page: 'sms.monitor',
    level: 'MUST',
    statement: 'Without supervisorMonitoringMode, monitoring covers every session of the agent until cancelled (AllChats).',
    basis: 'stated',
  },
  'SMS-MONITOR-NEXTCHAT': {
    page: 'sms.monitor',
    level: 'MUST',
    statement: "With supervisorMonitoringMode NextChat, the supervisor joins only the agent's next session.",
    basis: 'stated',
  },
  'SMS-MONITOR-REVOKED': {
    page: 'sms.monitor',
    level: 'MUST',
    statement: "When a monitored session is completed, the supervisor's session state becomes Revoked.",
    basis: 'stated',
  },
  'SMS-MONITOR-BAD-INPUT': {
    page: 'sms.monitor',
    level: 'MUST',
    statement: 'Monitoring a user that does not exist, or with a supervisorMonitoringMode other than NextChat and AllChats, is refused.',
    basis: 'inferred',
    reason:
      'The page lists NextChat and AllChats and names the monitored user in the URL, but says nothing of refusals; a refusal in the documented error shape is the reading.',
  },
  'SMS-CANCEL-REPLY': {
    page: 'sms.cancel-supervisor-monitoring',
    level: 'MUST',
    statement: 'CancelSupervisorMonitoring answers statusCode 0 while monitoring is active.',
    basis: 'printed',
  },
  'SMS-CANCEL-STOPS': {
    page: 'sms.cancel-supervisor-monitoring',
    level: 'MUST',
    statement: 'After CancelSupervisorMonitoring the supervisor joins no further session of the agent.',
    basis: 'stated',
  },
  'SMS-CANCEL-KEEPS-SESSION': {
    page: 'sms.cancel-supervisor-monitoring',
    level: 'MUST',
    statement: 'CancelSupervisorMonitoring does not end a session the supervisor is already in.',
    basis: 'stated',
  },
  'SMS-CANCEL-NOT-ACTIVE': {
    page: 'sms.cancel-supervisor-monitoring',
    level: 'SHOULD',
    statement: 'CancelSupervisorMonitoring while no monitoring is active is refused.',
    basis: 'open',
    reason:
      'The page says to send it only while monitoring is active; what the server answers otherwise is not given.',
  },
  'SMS-INTRUDE-REPLY': {
    page: 'sms.intrude',
    level: 'MUST',
    statement: "Intrude into an agent's active session answers statusCode 0.",
    basis: 'printed',
  },
  'SMS-INTRUDE-INVITED': {
    page: 'sms.intrude',
    level: 'MUST',
    statement: 'After Intrude the supervisor receives StatusChange with state Invited, supervisorMode set to the visibility mode, and capabilities Accept and Reject.',
    basis: 'printed',
  },
  'SMS-INTRUDE-ACCEPT': {
    page: 'sms.intrude',
    level: 'MUST',
    statement: "Accepting the intruded session makes the supervisor a participant with the visibility of its mode.",
    basis: 'inferred',
    reason:
      'The page stops at the Invited notification; accepting the invitation on /api/v2/me/smssessions/{id} like any other is the reading taken here.',
  },
  'SMS-INTRUDE-INHERIT': {
    page: 'sms.intrude',
    level: 'MUST',
    statement: 'Without supervisorVisibilityMode, the mode of the supervisor\'s monitoring of the agent is used.',
    basis: 'stated',
  },
  'SMS-INTRUDE-NO-MODE': {
    page: 'sms.intrude',
    level: 'MUST',
    statement: 'Without supervisorVisibilityMode, while the supervisor does not monitor the agent, Intrude is refused.',
    basis: 'stated',
  },
  'SMS-INTRUDE-BAD-INPUT': {
    page: 'sms.intrude',
    level: 'MUST',
    statement: 'Intrude into a session that does not exist, or with a supervisorVisibilityMode other than Monitor, Coach and BargeIn, is refused.',
    basis: 'inferred',
    reason:
      'The page lists Monitor, Coach and BargeIn and names the session in the URL, but says nothing of refusals; a refusal in the documented error shape is the reading.',
  },
  'SMS-SWITCH-REPLY': {
    page: 'sms.switch-to-monitor',
    level: 'MUST',
    statement: 'SwitchToMonitor, SwitchToCoach and SwitchToBargeIn answer statusCode 0 from either of the two other modes.',
    basis: 'printed',
  },
  'SMS-SWITCH-VISIBILITY': {
    page: 'sms.switch-to-barge-in',
    level: 'MUST',
    statement: "After a switch the supervisor receives ParticipantsUpdated showing the supervisor with the new mode's visibility.",
    basis: 'printed',
  },
  'SMS-SWITCH-CAPABILITIES': {
    page: 'sms.switch-to-coach',
    level: 'MUST',
    statement: 'After a switch the supervisor is offered the switches to the two other modes and not the switch to the current one (SwitchBargeIn and SwitchToBargeIn both count).',
    basis: 'printed',
  },
  'SMS-SWITCH-REJOINED': {
    page: 'sms.switch-to-monitor',
    level: 'MUST',
    statement: 'After the ParticipantsUpdated of a switch comes MessageLogUpdated with a ParticipantRejoined message from the supervisor, of visibility All, its sender showing the new visibility.',
    basis: 'printed',
  },
  'SMS-SWITCH-OTHERS-ALL': {
    page: 'sms.switch-to-barge-in',
    level: 'MUST',
    statement: 'Through the switches the agent and the customer keep visibility All.',
    basis: 'printed',
  },
  'SMS-SWITCH-SAME-MODE': {
    page: 'sms.switch-to-monitor',
    level: 'MUST',
    statement: 'A switch to the mode the supervisor already has is refused: it is not among the capabilities.',
    basis: 'inferred',
    reason:
      'No page describes a switch to the mode already held; each mode\'s capability list omits it, and refusing what the capabilities do not offer is the reading.',
  },
  'SMS-SWITCH-OUTSIDER': {
    page: 'sms.switch-to-monitor',
    level: 'MUST',
    statement: 'A switch in a session the supervisor is not part of is refused.',
    basis: 'inferred',
    reason:
      'No page describes a switch in a session the supervisor is not part of; a refusal is the reading.',
  },
} as const satisfies Record<string, Requirement<keyof typeof SMS_SUPERVISION_PAGES>>;
