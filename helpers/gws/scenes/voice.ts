import { callOf, callState, deviceMonitoring, newCall, supervisorLeg } from '../../cometd/voice-steps';
import { succeeded } from '../succeeded';
import type { MonitoringOptions } from '../voice-operations';
import { VOICE_MONITORING_DEFAULTS, type VoiceSupervisorMode } from '../vocabulary';
import type { GwsUser } from '../user';

/**
 * The set-up of a voice supervision scenario, beside the SMS one (sms.ts), as steps of the report:
 * a call from the caller to the agent (TARGET.md: calls are made inside GWS), and a supervisor
 * brought into it. These are the means of a test, not its subject: a reply that is not a success
 * (succeeded.ts) or a missing notification fails it as a non-conformance naming what did not
 * happen, and what it creates is cleaned up by its users' teardown.
 */

export interface EstablishedCall {
  caller: GwsUser;
  agent: GwsUser;
  /** The call's id as each party's notifications give it (opaque; they may differ). */
  callerCallId: string;
  agentCallId: string;
}

export interface SupervisedCall extends EstablishedCall {
  supervisor: GwsUser;
  supervisorCallId: string;
}

/**
 * The caller's device dials the agent's number (Dialing) and the agent answers the call. No page
 * prints an agent's incoming call: it is answered when it arrives Ringing, taken as it is when it
 * arrives Established (an auto-answering device).
 */
export async function establishCall(caller: GwsUser, agent: GwsUser): Promise<EstablishedCall> {
  return caller.context.reporter.step(`${caller.label} calls ${agent.label}, who answers`, async () => {
    const dialing = caller.notifications.expect(newCall(caller.voice.knownCalls(), ['Dialing']));
    const offered = agent.notifications.expect(newCall(agent.voice.knownCalls(), ['Ringing', 'Established']));
    succeeded(await caller.voice.dial(agent), 'Dial');
    const callerCallId = callOf((await dialing)[0]!)!.id;
    const incoming = callOf((await offered)[0]!)!;
    const agentCallId = incoming.id;
    if (incoming.state === 'Ringing') {
      const established = agent.notifications.expect(callState(agentCallId, 'Established'));
      succeeded(await agent.voice.answer(agentCallId), 'Answer');
      await established;
    } else agent.voice.own(agentCallId);
    return { caller, agent, callerCallId, agentCallId };
  });
}

/** Caller and agent hang up (whoever is still on the call) and each sees the call Released. */
export async function endCall(call: EstablishedCall): Promise<void> {
  await call.caller.context.reporter.step(`${call.caller.label} and ${call.agent.label} end the call`, async () => {
    await call.caller.voice.release(call.callerCallId);
    await call.agent.voice.release(call.agentCallId);
  });
}

/**
 * The supervisor arms `operation` on the agent's device with an explicit scope and mode (Call and
 * AllCalls unless given) and the device confirms it.
 */
export async function startMonitoring(
  supervisor: GwsUser,
  agent: GwsUser,
  operation: VoiceSupervisorMode,
  options: Pick<MonitoringOptions, 'scope' | 'mode'> = {},
): Promise<void> {
  const scope = options.scope ?? VOICE_MONITORING_DEFAULTS.scope;
  const mode = options.mode ?? VOICE_MONITORING_DEFAULTS.mode;
  await supervisor.context.reporter.step(`${supervisor.label} arms ${operation} (${scope}, ${mode}) on the device of ${agent.label}`, async () => {
    const armed = supervisor.notifications.expect(deviceMonitoring(supervisor.device.id, { state: operation, mode, scope, target: agent.device.id }));
    succeeded(await supervisor.voice.monitor(operation, agent, { scope, mode }), operation);
    await armed;
  });
}

/** The supervisor monitors the agent in `operation`, the agent gets a call, and the supervisor's leg of it is Established. */
export async function superviseCall(
  people: { agent: GwsUser; supervisor: GwsUser; caller: GwsUser },
  operation: VoiceSupervisorMode,
): Promise<SupervisedCall> {
  const { agent, supervisor, caller } = people;
  return supervisor.context.reporter.step(`${supervisor.label} supervises a call of ${agent.label} in ${operation}`, async () => {
    await startMonitoring(supervisor, agent, operation);
    const leg = supervisor.notifications.expect(supervisorLeg(supervisor.voice.knownCalls()));
    const call = await establishCall(caller, agent);
    const joined = await supervisor.voice.joinLeg((await leg)[0]);
    return { ...call, supervisor, supervisorCallId: callOf(joined)!.id };
  });
}
