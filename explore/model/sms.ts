import { SMS_SUPERVISOR_MODES, type SmsMonitoringMode, type SmsSupervisorMode } from '../../helpers/gws/vocabulary';

/**
 * The documented SMS supervision of one agent by one supervisor, as a small state machine. Each
 * command of the exploration asks it for a prediction (explore/model/predict.ts) and then applies
 * the command to it. Only what the requirements catalogue states or prints moves the model; where
 * the pages leave an outcome open, the command that would need it is not generated.
 *
 * The rules, with the requirement each rests on:
 * - Monitor, Coach and BargeIn arm the supervisor on the agent's channel (SMS-MONITOR-REPLY);
 *   without supervisorMonitoringMode the arm covers every later session (SMS-MONITOR-DEFAULT-ALLCHATS),
 *   with NextChat only the next one (SMS-MONITOR-NEXTCHAT). Arming over an arm replaces it: a
 *   reading, so what depends on it is non-strict (REARM_READING).
 * - When the agent accepts a session while armed, the supervisor joins it with the visibility of
 *   the armed mode (SMS-MONITOR-JOIN, -VISIBILITY, -COACH-, -BARGEIN-VISIBILITY).
 * - CancelSupervisorMonitoring answers 0 while armed (SMS-CANCEL-REPLY), disarms (SMS-CANCEL-STOPS)
 *   and leaves the supervisor in its sessions (SMS-CANCEL-KEEPS-SESSION); while not armed it is
 *   refused (SMS-CANCEL-NOT-ACTIVE, inferred).
 * - Intrude into the agent's Chatting session invites the supervisor with the given mode, or the
 *   armed mode when omitted (SMS-INTRUDE-REPLY, -INVITED, -INHERIT); omitted while not armed it is
 *   refused (SMS-INTRUDE-NO-MODE). Accepting the invitation joins (SMS-INTRUDE-ACCEPT, inferred).
 * - A switch to another mode changes the supervisor's visibility and capabilities and logs a
 *   ParticipantRejoined (SMS-SWITCH-*); to the mode held it is refused (SMS-SWITCH-SAME-MODE).
 * - The agent's Complete ends the session, and the supervisor in it becomes Revoked
 *   (SMS-MONITOR-REVOKED). The supervisor's Leave ends its part; what it is told is not documented.
 */

export type Scope = SmsMonitoringMode;

export const MODES = SMS_SUPERVISOR_MODES;

export const LEAVE_READING = 'The supervisor can Leave a session at any time (sms.monitor); the catalogue holds no reply rule for it.';
export const COMPLETE_READING = 'Complete, offered to the agent in Chatting, is accepted (the Complete page prints statusCode 0; the catalogue holds no reply rule for it).';
export const INTRUDED_REVOKED_READING = 'A session the supervisor entered by Intrude counts as a monitored session when the agent completes it.';

export const REARM_READING =
  'Monitor, Coach or BargeIn sent while a monitoring of the same agent is armed replaces it: the pages describe arming, not arming again.';

export interface Arm {
  mode: SmsSupervisorMode;
  scope: Scope;
  /** Set when this arm replaced another one: predictions resting on it are non-strict. */
  rearmed: boolean;
}

export interface SupervisorPart {
  /** Invited by Intrude, or Chatting (joined by monitoring, or accepted after Intrude). */
  state: 'Invited' | 'Chatting';
  mode: SmsSupervisorMode;
  /** Joined through a re-arm: what depends on its mode is non-strict. */
  rearmed: boolean;
  /** Entered through Intrude rather than joined by the monitoring. */
  intruded: boolean;
}

export interface ModelSession {
  /** Position in the sequence (s1, s2, …): how commands name sessions. */
  key: string;
  /** The server's id, learned when the session is offered. */
  id: string;
  agent: 'Invited' | 'Chatting' | 'Completed';
  /** The supervisor's part; `left` once it left or was revoked, `unknown` where the pages stop. */
  supervisor: SupervisorPart | 'left' | 'unknown' | undefined;
}

export interface SmsModel {
  arm: Arm | undefined;
  /** Why the supervisor is not armed any more: what a later quiet check rests on. */
  disarmedBy: 'cancel' | 'next-chat' | undefined;
  /** The arm that was disarmed had replaced another: that it left nothing armed rests on REARM_READING. */
  disarmedRearmed: boolean;
  sessions: ModelSession[];
  /** Set once a command found something: the sequence stops there (nothing after it is judged). */
  halted: boolean;
}

export const LIMITS = {
  /** Sessions the agent holds open at once. */
  open: 3,
  /** Sessions in one sequence. */
  total: 8,
};

export function emptySmsModel(): SmsModel {
  return { arm: undefined, disarmedBy: undefined, disarmedRearmed: false, sessions: [], halted: false };
}

export function openSessions(model: SmsModel): ModelSession[] {
  return model.sessions.filter((s) => s.agent !== 'Completed');
}

export function sessionAt(model: SmsModel, index: number, filter: (s: ModelSession) => boolean): ModelSession | undefined {
  const candidates = model.sessions.filter(filter);
  return candidates.length === 0 ? undefined : candidates[index % candidates.length];
}

export const isAgentInvited = (s: ModelSession) => s.agent === 'Invited';
export const isAgentChatting = (s: ModelSession) => s.agent === 'Chatting';
export const supervisorChatting = (s: ModelSession) => s.agent === 'Chatting' && typeof s.supervisor === 'object' && s.supervisor.state === 'Chatting';
export const supervisorInvited = (s: ModelSession) => s.agent === 'Chatting' && typeof s.supervisor === 'object' && s.supervisor.state === 'Invited';
/** A running session of the agent's that the supervisor never entered: where Intrude applies. */
export const intrudable = (s: ModelSession) => s.agent === 'Chatting' && s.supervisor === undefined;
