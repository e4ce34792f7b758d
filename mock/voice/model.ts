import { randomBytes } from 'node:crypto';
import type { Body } from '../body';
import { fail } from '../failure';
import type { MonitoringMode, MonitoringScope, VoiceSupervisorMode as SupervisorMode } from '../../helpers/gws/vocabulary';
import type { MockUser } from '../users';

/**
 * The voice call model (gws-voice-and-platform.md §3-§5): call states, each party's leg, and the
 * capability lists each state and supervisor mode offers, as the pages print them.
 */

/** A supervisor's monitoring of an agent's device, as the supervisor's device shows it. */
export interface SupervisorMonitoring {
  supervisor: MockUser;
  target: MockUser;
  state: SupervisorMode;
  mode: MonitoringMode;
  scope: MonitoringScope;
  /** The call a one-call monitoring was spent on. */
  usedOn?: string;
  /** Fault voice.cancel.still-joins: cancelled as far as the device shows, still joining calls. */
  hidden?: boolean;
  /** Fault voice.sequence.next-call-rearm-kept: a NextCall monitoring its call does not spend. */
  sticky?: boolean;
}

export const CALLS_TOPIC = '/v2/me/calls';

export type CallState = 'Dialing' | 'Ringing' | 'Established' | 'Released';

export interface CallLeg {
  user: MockUser;
  role: 'caller' | 'callee' | 'supervisor';
  state: CallState;
  mute: 'On' | 'Off';
  monitoredUserMuted: boolean;
  /** The supervisor's current mode; legs of agents and callers have none. */
  mode?: SupervisorMode;
  since: number;
}

export interface VoiceCall {
  id: string;
  connId: string;
  callee: MockUser;
  legs: Map<string, CallLeg>;
}

/** Capability lists as printed: Dialing (CallsDial) and Established (the supervisor switch pages, less the switch). */
const DIALING = ['SendDtmf', 'DeleteUserData', 'AttachUserData', 'DeleteUserDataPair', 'Hangup', 'UpdateUserData'];
/** A ringing call: no sample prints one (inferred: answer it, or refuse it by hanging up). */
const RINGING = ['Answer', 'Hangup', 'AttachUserData', 'UpdateUserData', 'DeleteUserData', 'DeleteUserDataPair'];
const ESTABLISHED = [
  'AttachUserData', 'InitiateConference', 'UpdateUserData', 'Hold', 'SingleStepTransfer', 'DeleteUserData',
  'SingleStepConference', 'Hangup', 'DeleteUserDataPair', 'SendDtmf', 'InitiateTransfer',
];
/** The switch a mode offers; Coach offers both (no sample: inferred). Nothing leads back to Coach. */
const SWITCHES: Record<SupervisorMode, string[]> = {
  ListenIn: ['SwitchToBargeIn'],
  BargeIn: ['SwitchToListenIn'],
  Coach: ['SwitchToListenIn', 'SwitchToBargeIn'],
};

/** Call operations the documentation lists that this mock does not simulate. */
export const DOCUMENTED_UNSIMULATED = new Set([
  'Hold', 'Retrieve', 'InitiateTransfer', 'CompleteTransfer', 'InitiateConference', 'CompleteConference',
  'SingleStepTransfer', 'SingleStepConference', 'SendDtmf', 'AttachUserData', 'UpdateUserData', 'DeleteUserData',
  'DeleteUserDataPair', 'RemoveParticipantFromConference', 'MuteCall', 'UnmuteCall', 'StartCallRecording',
  'StopCallRecording', 'PauseCallRecording', 'ResumeCallRecording',
]);

export function capabilitiesOf(leg: CallLeg): string[] {
  if (leg.state === 'Dialing') return DIALING;
  if (leg.state === 'Ringing') return RINGING;
  if (leg.state === 'Released') return [];
  return [...ESTABLISHED, ...(leg.mode ? SWITCHES[leg.mode] : []), 'RemoveParticipantFromConference'];
}

export function callId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
  return [...randomBytes(32)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function optionalType(body: Body, name: string, type: 'string' | 'object'): void {
  const value = body[name];
  if (value === undefined) return;
  if (typeof value !== type || value === null || Array.isArray(value)) throw fail.invalid(`Parameter '${name}' must be a${type === 'object' ? 'n object' : ' string'}`);
}
