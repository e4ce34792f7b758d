import { anySmsNotification, smsStatus } from '../../helpers/cometd/sms-steps';
import { AGENT_NICKNAME, SUPERVISOR_NICKNAME, supervisorJoined, switchedTo } from '../../helpers/gws/scenes/sms';
import type { SmsSupervisorMode } from '../../helpers/gws/vocabulary';
import type { RequirementId } from '../../catalogue/requirements';
import type { AwaitPrediction, Prediction, QuietPrediction } from './predict';
import { COMPLETE_READING, INTRUDED_REVOKED_READING, LEAVE_READING, REARM_READING, type ModelSession, type Scope, type SmsModel } from './sms';

/**
 * The rules of the SMS model: for each command, the prediction (reply and notifications) and the
 * change of state it brings. Each rule names the requirements it rests on.
 */

export { AGENT_NICKNAME, SUPERVISOR_NICKNAME };

/** The requirement on the supervisor's visibility in each mode (gws-sms.md §5). */
const VISIBILITY_RULE: Record<SmsSupervisorMode, RequirementId> = {
  Monitor: 'SMS-MONITOR-VISIBILITY',
  Coach: 'SMS-COACH-VISIBILITY',
  BargeIn: 'SMS-BARGEIN-VISIBILITY',
};

export interface Rule {
  prediction: Prediction;
  /** Moves the model to the state after the command (called once the command was judged). */
  apply(): void;
}

const accepted = (rules: RequirementId[], readings?: string[]): Prediction['reply'] => ({ outcome: 'accepted', rules, readings });
const refused = (rules: RequirementId[], readings?: string[]): Prediction['reply'] => ({ outcome: 'refused', rules, readings });
const rearmReadings = (rearmed: boolean) => (rearmed ? [REARM_READING] : []);

/** Monitor, Coach or BargeIn on the agent's channel, with or without supervisorMonitoringMode. */
export function arm(model: SmsModel, mode: SmsSupervisorMode, scope: Scope | undefined): Rule {
  const rearmed = model.arm !== undefined;
  return {
    prediction: { reply: accepted(['SMS-MONITOR-REPLY'], rearmReadings(rearmed)), awaits: [], quiet: [] },
    apply: () => {
      model.arm = { mode, scope: scope ?? 'AllChats', rearmed };
      model.disarmedBy = undefined;
      model.disarmedRearmed = false;
    },
  };
}

export function cancel(model: SmsModel): Rule {
  if (!model.arm) return { prediction: { reply: refused(['SMS-CANCEL-NOT-ACTIVE'], rearmReadings(model.disarmedRearmed)), awaits: [], quiet: [] }, apply: () => undefined };
  const rearmed = model.arm.rearmed;
  return {
    prediction: { reply: accepted(['SMS-CANCEL-REPLY'], rearmReadings(rearmed)), awaits: [], quiet: [] },
    apply: () => {
      model.arm = undefined;
      model.disarmedBy = 'cancel';
      model.disarmedRearmed = rearmed;
    },
  };
}

/** The inbound SMS itself is awaited by the injector (TARGET-SMS-INVITED); this adds it to the model. */
export function inbound(model: SmsModel, id: string): void {
  model.sessions.push({ key: `s${model.sessions.length + 1}`, id, agent: 'Invited', supervisor: undefined });
}

export function agentAccept(model: SmsModel, session: ModelSession): Rule {
  const awaits: AwaitPrediction[] = [{ who: 'agent', steps: [smsStatus(session.id, 'Chatting')], rules: ['SMS-ACCEPT-CHATTING'] }];
  const quiet: QuietPrediction[] = [];
  const armed = model.arm;
  if (armed) {
    const scopeRule: RequirementId = armed.scope === 'NextChat' ? 'SMS-MONITOR-NEXTCHAT' : 'SMS-MONITOR-DEFAULT-ALLCHATS';
    awaits.push({
      who: 'supervisor',
      steps: [supervisorJoined(session.id, armed.mode)],
      rules: ['SMS-MONITOR-JOIN', VISIBILITY_RULE[armed.mode], scopeRule],
      readings: rearmReadings(armed.rearmed),
    });
  } else if (model.disarmedBy) {
    quiet.push({
      who: 'supervisor',
      step: anySmsNotification(session.id),
      rules: [model.disarmedBy === 'cancel' ? 'SMS-CANCEL-STOPS' : 'SMS-MONITOR-NEXTCHAT'],
      readings: rearmReadings(model.disarmedRearmed),
    });
  }
  return {
    prediction: { reply: accepted(['SMS-ACCEPT-REPLY']), awaits, quiet },
    apply: () => {
      session.agent = 'Chatting';
      if (!armed) return;
      session.supervisor = { state: 'Chatting', mode: armed.mode, rearmed: armed.rearmed, intruded: false };
      if (armed.scope === 'NextChat') {
        model.arm = undefined;
        model.disarmedBy = 'next-chat';
        model.disarmedRearmed = armed.rearmed;
      }
    },
  };
}

/**
 * The agent completes a session. Complete is offered in Chatting (SMS-ACCEPT-CAPABILITIES); the
 * supervisor in it becomes Revoked (SMS-MONITOR-REVOKED). The agent's own Completed is printed on the
 * Complete page, which the catalogue does not hold: it is awaited only to keep step with the server.
 */
export function agentComplete(session: ModelSession): Rule {
  const awaits: AwaitPrediction[] = [];
  const part = session.supervisor;
  if (typeof part === 'object' && part.state === 'Chatting') {
    const readings = part.intruded ? [INTRUDED_REVOKED_READING] : [];
    awaits.push({ who: 'supervisor', steps: [smsStatus(session.id, 'Revoked')], rules: ['SMS-MONITOR-REVOKED'], readings });
  }
  return {
    prediction: { reply: accepted(['SMS-ACCEPT-CAPABILITIES'], [COMPLETE_READING]), awaits, quiet: [] },
    apply: () => {
      session.agent = 'Completed';
      // An Intrude invitation the supervisor never answered: the pages do not say what becomes of it.
      if (typeof part === 'object') session.supervisor = part.state === 'Chatting' ? 'left' : 'unknown';
    },
  };
}

/** The supervisor leaves a session it takes part in; what it is told afterwards is not documented. */
export function supervisorLeave(session: ModelSession): Rule {
  return {
    prediction: { reply: accepted([], [LEAVE_READING]), awaits: [], quiet: [] },
    apply: () => {
      session.supervisor = 'left';
    },
  };
}

export function intrude(model: SmsModel, session: ModelSession, given: SmsSupervisorMode | undefined): Rule {
  const armed = model.arm;
  if (given === undefined && !armed) {
    return { prediction: { reply: refused(['SMS-INTRUDE-NO-MODE'], rearmReadings(model.disarmedRearmed)), awaits: [], quiet: [] }, apply: () => undefined };
  }
  const mode = given ?? armed!.mode;
  const rules: RequirementId[] = given === undefined ? ['SMS-INTRUDE-INHERIT', 'SMS-INTRUDE-INVITED'] : ['SMS-INTRUDE-INVITED'];
  const readings = given === undefined ? rearmReadings(armed!.rearmed) : [];
  return {
    prediction: {
      reply: accepted(['SMS-INTRUDE-REPLY']),
      awaits: [{ who: 'supervisor', steps: [smsStatus(session.id, 'Invited', { supervisorMode: mode, capabilities: { include: ['Accept', 'Reject'] } })], rules, readings }],
      quiet: [],
    },
    apply: () => {
      session.supervisor = { state: 'Invited', mode, rearmed: readings.length > 0, intruded: true };
    },
  };
}

/** The supervisor accepts an Intrude invitation. The two notifications have no documented order. */
export function supervisorAccept(session: ModelSession): Rule {
  const part = session.supervisor as Exclude<ModelSession['supervisor'], string | undefined>;
  const readings = rearmReadings(part.rearmed);
  return {
    prediction: {
      reply: accepted(['SMS-INTRUDE-ACCEPT']),
      awaits: [
        { who: 'supervisor', steps: [smsStatus(session.id, 'Chatting')], rules: ['SMS-INTRUDE-ACCEPT'], readings },
        { who: 'supervisor', steps: [supervisorJoined(session.id, part.mode)], rules: ['SMS-INTRUDE-ACCEPT', VISIBILITY_RULE[part.mode]], readings },
      ],
      quiet: [],
    },
    apply: () => {
      part.state = 'Chatting';
    },
  };
}

export function switchTo(session: ModelSession, to: SmsSupervisorMode): Rule {
  const part = session.supervisor as Exclude<ModelSession['supervisor'], string | undefined>;
  const readings = rearmReadings(part.rearmed);
  if (part.mode === to) return { prediction: { reply: refused(['SMS-SWITCH-SAME-MODE'], readings), awaits: [], quiet: [] }, apply: () => undefined };
  const coach: RequirementId[] = part.mode === 'Coach' || to === 'Coach' ? ['SMS-COACH-VISIBILITY'] : [];
  return {
    prediction: {
      reply: accepted(['SMS-SWITCH-REPLY'], readings),
      awaits: [
        {
          who: 'supervisor',
          steps: switchedTo(session.id, to),
          rules: ['SMS-SWITCH-VISIBILITY', 'SMS-SWITCH-CAPABILITIES', 'SMS-SWITCH-REJOINED', 'SMS-SWITCH-OTHERS-ALL', ...coach],
          readings,
        },
      ],
      quiet: [],
    },
    apply: () => {
      part.mode = to;
    },
  };
}
