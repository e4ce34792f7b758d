import type { MockUser } from '../users';
import type { SmsSupervisorMode as SupervisorMode, Visibility } from '../../helpers/gws/vocabulary';

/**
 * The SMS session model (gws-sms.md §2, §4): states, parties, messages, and the capability lists
 * each state and supervisor mode offers, as the pages print them.
 */

export const SMS_TOPIC = '/v2/me/smssessions';

export type SmsState = 'Invited' | 'Chatting' | 'LeftChat' | 'Completed' | 'Revoked';
export {
  SMS_SUPERVISOR_MODES as SUPERVISOR_MODES,
  SMS_VISIBILITY as VISIBILITY_OF,
  type SmsSupervisorMode as SupervisorMode,
  type Visibility,
} from '../../helpers/gws/vocabulary';

export interface SmsParty {
  user: MockUser;
  role: 'agent' | 'supervisor';
  participantId: string;
  nickname: string;
  state: SmsState;
  visibility: Visibility;
  supervisorMode?: SupervisorMode;
}

export interface SmsFrom {
  participantId: string;
  nickname: string;
  type: 'Agent' | 'Customer';
  visibility?: Visibility;
  uri?: string;
}

export interface SmsMessage {
  index: number;
  type: string;
  from: SmsFrom;
  text?: string;
  visibility: Visibility;
  timestamp: string;
  timestampSeconds: number;
}

export interface SmsSession {
  id: string;
  receivedAt: number;
  customer: { participantId: string; nickname: string; from: string; connected: boolean };
  parties: Map<string, SmsParty>;
  messages: SmsMessage[];
  userData: Record<string, unknown>;
}

export const AGENT_CAPABILITIES: Record<SmsState, string[]> = {
  Invited: ['Accept', 'Reject'],
  // As printed after Accept (SMSAccept) and after Leave (SMSLeave).
  Chatting: ['Transfer', 'Complete', 'Leave', 'InFocus', 'SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification'],
  LeftChat: ['Transfer', 'Complete', 'Leave', 'InFocus'],
  Completed: [],
  Revoked: [],
};

/** The entries every supervisor list shares (tables H, I, J of gws-sms.md §4). */
const SUPERVISOR_COMMON = [
  'Leave', 'SetInFocus', 'SetDisposition', 'AttachUserData', 'DeleteUserData', 'UpdateUserData', 'Transfer', 'Invite', 'Consult',
  'SendToAgents', 'SendStartTypingToAgentsNotification', 'SendStopTypingToAgentsNotification', 'SendMessage',
  'SendStartTypingNotification', 'SendStopTypingNotification',
];

/** The switches each mode offers, spelled as each page prints them. */
const SUPERVISOR_SWITCHES: Record<SupervisorMode, string[]> = {
  Monitor: ['SwitchToCoach', 'SwitchBargeIn'],
  Coach: ['SwitchToMonitor', 'SwitchBargeIn'],
  BargeIn: ['SwitchToMonitor', 'SwitchToCoach'],
};

/** Operations the documentation lists for SMS sessions that this mock does not simulate. */
export const DOCUMENTED_UNSIMULATED = new Set([
  'Transfer', 'Invite', 'Consult', 'SetDisposition', 'AttachUserData', 'UpdateUserData', 'DeleteUserData', 'SendToAgents',
  'SendStartTypingToAgentsNotification', 'SendStopTypingToAgentsNotification', 'SendStopTypingToAgentNotification',
  'SendCustomNotice', 'SendCustomNoticeToAgents', 'LeaveAndComplete',
]);

export const isActive = (p: SmsParty): boolean => p.state === 'Invited' || p.state === 'Chatting' || p.state === 'LeftChat';

/** The capabilities `party` is offered in its state (and, for a chatting supervisor, its mode). */
export function capabilitiesOf(party: SmsParty): string[] {
  if (party.role === 'agent' || !party.supervisorMode || party.state !== 'Chatting') return AGENT_CAPABILITIES[party.state];
  return [...SUPERVISOR_COMMON, ...SUPERVISOR_SWITCHES[party.supervisorMode]];
}
