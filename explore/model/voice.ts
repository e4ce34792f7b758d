import type { MonitoringMode, MonitoringScope, VoiceSupervisorMode } from '../../helpers/gws/vocabulary';

/**
 * The documented voice supervision of one agent by one supervisor, with calls from one caller, as
 * a small state machine beside the SMS one (sms.ts). Only what the requirements catalogue states or
 * prints moves it; a command whose outcome the pages leave open is not generated.
 *
 * The rules, with the requirement each rests on:
 * - ListenIn, Coach and BargeIn on the agent's device answer 0 and the supervisor's device shows the
 *   monitoring, offering CancelSupervisorMonitoring (VOICE-*-STATE, VOICE-MONITORING-CANCEL-OFFERED);
 *   without scope or mode it shows Call and AllCalls (VOICE-*-DEFAULTS), with them what was asked
 *   (VOICE-*-PARAMETERS). Only armed while no monitoring is active and the agent is not on a call:
 *   arming again, and ListenIn or Coach on a call in progress, are left open by the pages.
 * - A call to the agent (Dial, then Answer) brings the armed supervisor into it (VOICE-*-JOINS-NEXT-CALL),
 *   its leg with mute On in ListenIn and Off in BargeIn (VOICE-LISTENIN-MUTED, VOICE-BARGEIN-UNMUTED,
 *   inferred). NextCall is spent by that call (VOICE-MODE-NEXTCALL); AllCalls stays (VOICE-MODE-ALLCALLS).
 * - CancelSupervisorMonitoring while armed answers 0 and the device shows no monitoring
 *   (VOICE-CANCEL-STATE); the next call does not reach the supervisor (VOICE-CANCEL-STOPS). What it
 *   does to a leg the supervisor is on is open: that leg is not acted on any more.
 * - SwitchToListenIn and SwitchToBargeIn, where the mode offers them, give mute On or Off and swap the
 *   offered switch (VOICE-SWITCH-*-MUTE, -CAPABILITIES); out of Coach nothing leads back (-NO-COACH).
 * - MuteMonitoredUser and UnmuteMonitoredUser notify MonitoredUserMutedStateChange with the new
 *   monitoredUserMuted (VOICE-MUTE-MONITORED, VOICE-UNMUTE-MONITORED), sent in BargeIn as the pages
 *   show them. What a switch does to monitoredUserMuted is not documented: after one, neither is sent.
 * - Hangup answers 0 and the one hanging up sees its leg Released with no capabilities
 *   (VOICE-HANGUP-RELEASED). What the other parties are told is not documented.
 */

export const DIAL_READING =
  "Dial from the caller's device to the agent's number is accepted; the caller is shown a new call Dialing and the agent a new call Ringing or Established (CallsDial; the catalogue holds no requirement for setting a call up).";
export const ANSWER_READING = "The agent's Answer of its Ringing call is accepted and the call becomes Established (CallsAnswer; the catalogue holds no requirement for it).";
export const LEG_ANSWER_READING = "A supervisor's leg offered Ringing is answered like any call and becomes Established (no page prints how the leg arrives).";

export interface VoiceArm {
  mode: VoiceSupervisorMode;
  scope: MonitoringScope;
  monitoring: MonitoringMode;
}

export interface SupervisorLeg {
  /** The server's id of the supervisor's leg (opaque). */
  id: string;
  mode: VoiceSupervisorMode;
  /** The leg left Coach once: nothing leads back to it. */
  leftCoach: boolean;
  /** monitoredUserMuted as the model knows it; undefined after a switch (the pages do not say). */
  muted: boolean | undefined;
}

export interface ModelCall {
  /** Position in the sequence (c1, c2, …): how the conversation names calls. */
  key: string;
  callerCallId: string;
  agentCallId: string;
  /** The supervisor's part; `left` once it hung up, `unknown` where the pages stop (after a cancel). */
  supervisor: SupervisorLeg | 'left' | 'unknown' | undefined;
}

export interface VoiceModel {
  arm: VoiceArm | undefined;
  /** Why the supervisor is not armed any more: what a later quiet check rests on. */
  disarmedBy: 'cancel' | 'next-call' | undefined;
  /** The call in progress (one at a time). */
  call: ModelCall | undefined;
  calls: number;
  /** Set once a command found something: the sequence stops there (nothing after it is judged). */
  halted: boolean;
}

export const VOICE_LIMITS = {
  /** Calls in one sequence. */
  calls: 6,
};

export function emptyVoiceModel(): VoiceModel {
  return { arm: undefined, disarmedBy: undefined, call: undefined, calls: 0, halted: false };
}

/** The supervisor's leg of the call in progress, when the supervisor is in it and the pages say what it may do. */
export function legOf(model: Readonly<VoiceModel>): SupervisorLeg | undefined {
  const part = model.call?.supervisor;
  return typeof part === 'object' ? part : undefined;
}

/** The switches a mode offers: one way between ListenIn and BargeIn, both out of Coach. */
export function switchesFrom(mode: VoiceSupervisorMode): ('ListenIn' | 'BargeIn')[] {
  return mode === 'ListenIn' ? ['BargeIn'] : mode === 'BargeIn' ? ['ListenIn'] : ['ListenIn', 'BargeIn'];
}
