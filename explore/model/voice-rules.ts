import { callState, deviceMonitoring, deviceNotMonitoring, monitoredUserMuted, newCall, supervisorLeg, type CallExpectation } from '../../helpers/cometd/voice-steps';
import type { Step } from '../../helpers/cometd/types';
import { VOICE_MONITORING_DEFAULTS, type MonitoringMode, type MonitoringScope, type VoiceSupervisorMode } from '../../helpers/gws/vocabulary';
import type { RequirementId } from '../../catalogue/requirements';
import type { AwaitPrediction, Prediction, QuietPrediction } from './predict';
import type { Rule } from './sms-rules';
import { ANSWER_READING, DIAL_READING, LEG_ANSWER_READING, type SupervisorLeg, type VoiceArm, type VoiceModel } from './voice';

/**
 * The rules of the voice model: for each command, the prediction (reply and notifications) and the
 * change of state it brings. Each rule names the requirements it rests on.
 */

/** The requirements of each monitoring mode, as the catalogue words them per page. */
const MODE_RULES: Record<VoiceSupervisorMode, { state: RequirementId; defaults: RequirementId; parameters: RequirementId; joins: RequirementId }> = {
  ListenIn: { state: 'VOICE-LISTENIN-STATE', defaults: 'VOICE-LISTENIN-DEFAULTS', parameters: 'VOICE-LISTENIN-PARAMETERS', joins: 'VOICE-LISTENIN-JOINS-NEXT-CALL' },
  Coach: { state: 'VOICE-COACH-STATE', defaults: 'VOICE-COACH-DEFAULTS', parameters: 'VOICE-COACH-PARAMETERS', joins: 'VOICE-COACH-JOINS-NEXT-CALL' },
  BargeIn: { state: 'VOICE-BARGEIN-STATE', defaults: 'VOICE-BARGEIN-DEFAULTS', parameters: 'VOICE-BARGEIN-PARAMETERS', joins: 'VOICE-BARGEIN-JOINS-NEXT-CALL' },
};

/** The mute of a leg joined in each mode, where a requirement gives one (none for Coach). */
const JOINED_MUTE: Partial<Record<VoiceSupervisorMode, { mute: 'On' | 'Off'; rule: RequirementId }>> = {
  ListenIn: { mute: 'On', rule: 'VOICE-LISTENIN-MUTED' },
  BargeIn: { mute: 'Off', rule: 'VOICE-BARGEIN-UNMUTED' },
};

const SWITCH_RULES: Record<'ListenIn' | 'BargeIn', { mute: 'On' | 'Off'; rules: RequirementId[]; noCoach: RequirementId }> = {
  ListenIn: { mute: 'On', rules: ['VOICE-SWITCH-LISTENIN-MUTE', 'VOICE-SWITCH-LISTENIN-CAPABILITIES'], noCoach: 'VOICE-SWITCH-LISTENIN-NO-COACH' },
  BargeIn: { mute: 'Off', rules: ['VOICE-SWITCH-BARGEIN-MUTE', 'VOICE-SWITCH-BARGEIN-CAPABILITIES'], noCoach: 'VOICE-SWITCH-BARGEIN-NO-COACH' },
};

/** The devices the monitoring steps name. */
export interface Devices {
  supervisor: string;
  agent: string;
}

const accepted = (rules: RequirementId[], readings?: string[]): Prediction['reply'] => ({ outcome: 'accepted', rules, readings });

export function arm(model: VoiceModel, devices: Devices, mode: VoiceSupervisorMode, scope: MonitoringScope | undefined, monitoring: MonitoringMode | undefined): Rule {
  const own = MODE_RULES[mode];
  const shown: VoiceArm = { mode, scope: scope ?? VOICE_MONITORING_DEFAULTS.scope, monitoring: monitoring ?? VOICE_MONITORING_DEFAULTS.mode };
  const rules: RequirementId[] = [own.state, 'VOICE-MONITORING-CANCEL-OFFERED'];
  if (!scope || !monitoring) rules.push(own.defaults);
  if (scope || monitoring) rules.push(own.parameters);
  const step = deviceMonitoring(devices.supervisor, { state: mode, mode: shown.monitoring, scope: shown.scope, target: devices.agent });
  return {
    prediction: { reply: accepted([own.state]), awaits: [{ who: 'supervisor', steps: [step], rules }], quiet: [] },
    apply: () => {
      model.arm = shown;
      model.disarmedBy = undefined;
    },
  };
}

export function cancel(model: VoiceModel, devices: Devices): Rule {
  return {
    prediction: {
      reply: accepted(['VOICE-CANCEL-STATE']),
      awaits: [{ who: 'supervisor', steps: [deviceNotMonitoring(devices.supervisor)], rules: ['VOICE-CANCEL-STATE'] }],
      quiet: [],
    },
    apply: () => {
      model.arm = undefined;
      model.disarmedBy = 'cancel';
      // What a cancel does to a call the supervisor is on is not documented.
      if (model.call && typeof model.call.supervisor === 'object') model.call.supervisor = 'unknown';
    },
  };
}

/** A new call of the supervisor's that must not come (after a cancel, or once NextCall is spent). */
export function noSupervisorCall(model: VoiceModel, known: ReadonlySet<string>): QuietPrediction[] {
  if (model.arm || !model.disarmedBy) return [];
  const step: Step = { describe: "a new call of the supervisor's", kind: newCall(known, []).kind, verify: () => [] };
  return [{ who: 'supervisor', step, rules: [model.disarmedBy === 'cancel' ? 'VOICE-CANCEL-STOPS' : 'VOICE-MODE-NEXTCALL'] }];
}

/** The caller dials the agent; the awaits are told the ids of the two new calls. */
export function dial(model: VoiceModel, known: { caller: ReadonlySet<string>; agent: ReadonlySet<string>; supervisor: ReadonlySet<string> }): Prediction {
  return {
    reply: accepted([], [DIAL_READING]),
    awaits: [
      { who: 'caller', steps: [newCall(known.caller, ['Dialing'])], rules: [], readings: [DIAL_READING] },
      { who: 'agent', steps: [newCall(known.agent, ['Ringing', 'Established'])], rules: [], readings: [DIAL_READING] },
    ],
    quiet: noSupervisorCall(model, known.supervisor),
  };
}

/**
 * The supervisor's leg of the agent's call, armed before the Dial: its arrival rests on the join
 * rules, its mute (checked once Established) on the inferred mute of the mode, apart.
 */
export function legAwaits(arm: VoiceArm, known: ReadonlySet<string>): { joined: AwaitPrediction; mute: AwaitPrediction | undefined; expected: CallExpectation } {
  const modeRule: RequirementId = arm.monitoring === 'NextCall' ? 'VOICE-MODE-NEXTCALL' : 'VOICE-MODE-ALLCALLS';
  const joinedMute = JOINED_MUTE[arm.mode];
  const expected: CallExpectation = joinedMute ? { mute: joinedMute.mute } : {};
  return {
    joined: { who: 'supervisor', steps: [supervisorLeg(known)], rules: [MODE_RULES[arm.mode].joins, modeRule] },
    mute: joinedMute ? { who: 'supervisor', steps: [supervisorLeg(known, expected)], rules: [joinedMute.rule] } : undefined,
    expected,
  };
}

/**
 * The agent answers its Ringing call (`agentCallId`), or, when the call arrived Established, nothing
 * is sent and only the supervisor's leg is awaited.
 */
export function agentAnswer(agentCallId: string | undefined, legs: AwaitPrediction[], quiet: QuietPrediction[]): Prediction {
  const answered: AwaitPrediction[] = agentCallId ? [{ who: 'agent', steps: [callState(agentCallId, 'Established')], rules: [], readings: [ANSWER_READING] }] : [];
  return { reply: accepted([], [ANSWER_READING]), awaits: [...answered, ...legs], quiet };
}

/** The supervisor answers its leg offered Ringing; the leg's mute is checked once Established. */
export function legAnswer(arm: VoiceArm, legId: string): Prediction {
  const joinedMute = JOINED_MUTE[arm.mode];
  const awaits: AwaitPrediction[] = [{ who: 'supervisor', steps: [callState(legId, 'Established')], rules: [MODE_RULES[arm.mode].joins], readings: [LEG_ANSWER_READING] }];
  if (joinedMute) awaits.push({ who: 'supervisor', steps: [callState(legId, 'Established', { mute: joinedMute.mute })], rules: [joinedMute.rule], readings: [LEG_ANSWER_READING] });
  return { reply: accepted([], [LEG_ANSWER_READING]), awaits, quiet: [] };
}

/** The call is set up: the model holds it, with the supervisor's leg if it was armed. */
export function established(model: VoiceModel, ids: { caller: string; agent: string; leg: string | undefined }): void {
  const armed = model.arm;
  model.calls += 1;
  model.call = { key: `c${model.calls}`, callerCallId: ids.caller, agentCallId: ids.agent, supervisor: undefined };
  if (!armed || !ids.leg) return;
  model.call.supervisor = { id: ids.leg, mode: armed.mode, leftCoach: false, muted: false };
  if (armed.monitoring === 'NextCall') {
    model.arm = undefined;
    model.disarmedBy = 'next-call';
  }
}

/** Hangup by `who`: its leg is Released with no capabilities. The caller's or agent's ends the call. */
export function hangup(model: VoiceModel, who: 'caller' | 'agent' | 'supervisor', callId: string): Rule {
  const step = callState(callId, 'Released', { capabilities: { none: true } });
  return {
    prediction: { reply: accepted(['VOICE-HANGUP-RELEASED']), awaits: [{ who, steps: [step], rules: ['VOICE-HANGUP-RELEASED'] }], quiet: [] },
    apply: () => {
      if (who === 'supervisor') model.call!.supervisor = 'left';
      else model.call = undefined;
    },
  };
}

export function switchTo(leg: SupervisorLeg, to: 'ListenIn' | 'BargeIn'): Rule {
  const own = SWITCH_RULES[to];
  const other = to === 'ListenIn' ? 'SwitchToBargeIn' : 'SwitchToListenIn';
  const outOfCoach = leg.mode === 'Coach' || leg.leftCoach;
  const expected: CallExpectation = {
    mute: own.mute,
    capabilities: { include: [other], exclude: [`SwitchTo${to}`, ...(outOfCoach ? ['SwitchToCoach'] : [])] },
  };
  const rules = [...own.rules, ...(outOfCoach ? [own.noCoach] : [])];
  return {
    prediction: { reply: accepted([own.rules[0]!]), awaits: [{ who: 'supervisor', steps: [callState(leg.id, 'Established', expected)], rules }], quiet: [] },
    apply: () => {
      leg.leftCoach = outOfCoach;
      leg.mode = to;
      leg.muted = undefined;
    },
  };
}

export function muteMonitored(leg: SupervisorLeg, muted: boolean): Rule {
  const rule: RequirementId = muted ? 'VOICE-MUTE-MONITORED' : 'VOICE-UNMUTE-MONITORED';
  return {
    prediction: { reply: accepted([rule]), awaits: [{ who: 'supervisor', steps: [monitoredUserMuted(leg.id, muted)], rules: [rule] }], quiet: [] },
    apply: () => {
      leg.muted = muted;
    },
  };
}
