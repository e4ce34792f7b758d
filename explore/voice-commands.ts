import fc from 'fast-check';
import { callOf } from '../helpers/cometd/voice-steps';
import type { Notification } from '../helpers/cometd/types';
import { MONITORING_SCOPES, VOICE_SUPERVISOR_MODES, type MonitoringMode, type MonitoringScope, type VoiceSupervisorMode } from '../helpers/gws/vocabulary';
import type { GwsReply } from '../helpers/gws/session';
import { halted, type ExploreModel } from './model/areas';
import type { AwaitPrediction, Prediction } from './model/predict';
import type { Rule } from './model/sms-rules';
import * as rules from './model/voice-rules';
import { legOf, switchesFrom, VOICE_LIMITS, type VoiceModel } from './model/voice';
import type { Cmd, World } from './world';

/**
 * The voice commands of the exploration, beside the SMS ones (sms-commands.ts): each is generated
 * only where the model knows what the documentation predicts, asks the model for the prediction,
 * runs through the harness's own client (GwsUser.voice), and moves the model on. There is one call
 * at a time, so commands need not name the call they act on.
 */

abstract class VoiceCommand implements Cmd {
  check(model: Readonly<ExploreModel>): boolean {
    return !halted(model) && this.applies(model.voice);
  }
  run(model: ExploreModel, world: World): Promise<void> {
    return this.act(model.voice, world);
  }
  abstract applies(model: Readonly<VoiceModel>): boolean;
  abstract act(model: VoiceModel, world: World): Promise<void>;
  abstract toString(): string;

  /** Runs one step of a command; false (and the model halted) when a non-strict finding stopped the sequence. */
  protected async step(model: VoiceModel, world: World, label: string, prediction: Prediction, operation?: () => Promise<GwsReply>): Promise<boolean> {
    const ok = await world.perform(label, prediction, operation);
    if (!ok) model.halted = true;
    return ok;
  }

  protected async judged(model: VoiceModel, world: World, label: string, rule: Rule, operation: () => Promise<GwsReply>): Promise<void> {
    if (await this.step(model, world, label, rule.prediction, operation)) rule.apply();
  }
}

const devices = (world: World): rules.Devices => ({ supervisor: world.supervisor.device.id, agent: world.agent.device.id });

export class Monitor extends VoiceCommand {
  constructor(
    readonly mode: VoiceSupervisorMode,
    readonly scope: MonitoringScope | undefined,
    readonly monitoring: MonitoringMode | undefined,
  ) {
    super();
  }
  applies(model: Readonly<VoiceModel>): boolean {
    return !model.arm && !model.call;
  }
  async act(model: VoiceModel, world: World): Promise<void> {
    const rule = rules.arm(model, devices(world), this.mode, this.scope, this.monitoring);
    await this.judged(model, world, this.toString(), rule, () => world.supervisor.voice.monitor(this.mode, world.agent, { scope: this.scope, mode: this.monitoring }));
  }
  toString(): string {
    return `voice ${this.mode}(${this.scope ?? 'no scope'}/${this.monitoring ?? 'no mode'})`;
  }
}

export class CancelMonitoring extends VoiceCommand {
  applies(model: Readonly<VoiceModel>): boolean {
    return model.arm !== undefined;
  }
  async act(model: VoiceModel, world: World): Promise<void> {
    await this.judged(model, world, this.toString(), rules.cancel(model, devices(world)), () => world.supervisor.voice.cancelSupervisorMonitoring());
  }
  toString(): string {
    return 'voice CancelSupervisorMonitoring';
  }
}

/**
 * A call from the caller to the agent: Dial, the agent's Answer (when it arrives Ringing), and the
 * supervisor's Answer of its leg (when that arrives Ringing). The supervisor's leg may come with
 * the ringing or with the answer (no page says which), so its waits are armed before the Dial.
 */
export class Call extends VoiceCommand {
  applies(model: Readonly<VoiceModel>): boolean {
    return !model.call && model.calls < VOICE_LIMITS.calls;
  }
  async act(model: VoiceModel, world: World): Promise<void> {
    const key = `c${model.calls + 1}`;
    const known = { caller: world.caller.voice.knownCalls(), agent: world.agent.voice.knownCalls(), supervisor: world.supervisor.voice.knownCalls() };
    const armed = model.arm;
    const seen: { caller?: Notification; agent?: Notification; leg?: Notification } = {};
    const legs: AwaitPrediction[] = [];
    if (armed) {
      const { joined, mute } = rules.legAwaits(armed, known.supervisor);
      legs.push({ ...joined, seen: ([n]) => (seen.leg = n) });
      if (mute) legs.push(mute);
      for (const leg of legs) {
        const wait = Promise.resolve(world.supervisor.notifications.expect(...leg.steps));
        wait.catch(() => undefined);
        leg.armed = wait;
      }
    }
    const dial = rules.dial(model, known);
    if (armed) world.log.push(`(the supervisor's leg of ${key} is awaited from the Dial on: it may come with the ringing or with the answer)`);
    dial.awaits[0]!.seen = ([n]) => (seen.caller = n);
    dial.awaits[1]!.seen = ([n]) => (seen.agent = n);
    if (!(await this.step(model, world, `caller Dial ${key}`, dial, () => world.caller.voice.dial(world.agent)))) return;
    const incoming = callOf(seen.agent!)!;
    world.log.push(`    → ${key} is call ${callOf(seen.caller!)!.id} for the caller, ${incoming.id} for the agent`);

    const quiet = rules.noSupervisorCall(model, known.supervisor);
    if (incoming.state === 'Ringing') {
      const answer = rules.agentAnswer(incoming.id, legs, quiet);
      if (!(await this.step(model, world, `agent Answer ${key}`, answer, () => world.agent.voice.answer(incoming.id)))) return;
    } else {
      world.agent.voice.own(incoming.id);
      if (!(await this.step(model, world, `${key} arrived Established`, rules.agentAnswer(undefined, legs, quiet)))) return;
    }

    const leg = seen.leg ? callOf(seen.leg) : undefined;
    if (leg) {
      world.supervisor.voice.own(leg.id);
      world.log.push(`    → the supervisor's leg of ${key} is call ${leg.id}`);
      if (leg.state === 'Ringing' && !(await this.step(model, world, `supervisor Answer ${key}`, rules.legAnswer(armed!, leg.id), () => world.supervisor.voice.answer(leg.id)))) return;
    }
    rules.established(model, { caller: callOf(seen.caller!)!.id, agent: incoming.id, leg: leg?.id });
  }
  toString(): string {
    return 'voice call (Dial + Answer)';
  }
}

export class Hangup extends VoiceCommand {
  constructor(readonly who: 'caller' | 'agent' | 'supervisor') {
    super();
  }
  applies(model: Readonly<VoiceModel>): boolean {
    return this.who === 'supervisor' ? legOf(model) !== undefined : model.call !== undefined;
  }
  async act(model: VoiceModel, world: World): Promise<void> {
    const call = model.call!;
    const id = this.who === 'caller' ? call.callerCallId : this.who === 'agent' ? call.agentCallId : legOf(model)!.id;
    const user = this.who === 'caller' ? world.caller : this.who === 'agent' ? world.agent : world.supervisor;
    await this.judged(model, world, `${this.who} Hangup ${call.key}`, rules.hangup(model, this.who, id), () => user.voice.hangup(id));
  }
  toString(): string {
    return `voice ${this.who} Hangup`;
  }
}

export class SwitchTo extends VoiceCommand {
  constructor(readonly to: 'ListenIn' | 'BargeIn') {
    super();
  }
  applies(model: Readonly<VoiceModel>): boolean {
    const leg = legOf(model);
    return leg !== undefined && switchesFrom(leg.mode).includes(this.to);
  }
  async act(model: VoiceModel, world: World): Promise<void> {
    const leg = legOf(model)!;
    await this.judged(model, world, `supervisor SwitchTo${this.to} ${model.call!.key}`, rules.switchTo(leg, this.to), () =>
      this.to === 'ListenIn' ? world.supervisor.voice.switchToListenIn(leg.id) : world.supervisor.voice.switchToBargeIn(leg.id),
    );
  }
  toString(): string {
    return `voice SwitchTo${this.to}`;
  }
}

/** MuteMonitoredUser or UnmuteMonitoredUser, in BargeIn where the pages show them, from the known opposite state. */
export class MuteMonitored extends VoiceCommand {
  constructor(readonly muted: boolean) {
    super();
  }
  applies(model: Readonly<VoiceModel>): boolean {
    const leg = legOf(model);
    return leg !== undefined && leg.mode === 'BargeIn' && leg.muted === !this.muted;
  }
  async act(model: VoiceModel, world: World): Promise<void> {
    const leg = legOf(model)!;
    await this.judged(model, world, `supervisor ${this.name} ${model.call!.key}`, rules.muteMonitored(leg, this.muted), () =>
      this.muted ? world.supervisor.voice.muteMonitoredUser(leg.id) : world.supervisor.voice.unmuteMonitoredUser(leg.id),
    );
  }
  private get name(): string {
    return this.muted ? 'MuteMonitoredUser' : 'UnmuteMonitoredUser';
  }
  toString(): string {
    return `voice ${this.name}`;
  }
}

/**
 * The command arbitraries, weighed: what a monitoring does shows on the calls after it changed, so
 * sequences arm and start and end calls most, and NextCall (whose end only a later call shows) is
 * drawn as often as the two other choices together; the commands on the supervisor's leg share one
 * weight, since they apply only while it is on a call.
 */
export function voiceCommands(): fc.Arbitrary<Cmd>[] {
  const monitoring = fc.constantFrom<MonitoringMode | undefined>('NextCall', 'NextCall', 'AllCalls', undefined);
  const monitor = fc
    .tuple(fc.constantFrom(...VOICE_SUPERVISOR_MODES), fc.constantFrom(undefined, ...MONITORING_SCOPES), monitoring)
    .map(([mode, scope, monitoring]) => new Monitor(mode, scope, monitoring));
  const call = fc.constant(new Call());
  const endCall = fc.constantFrom(...(['caller', 'agent'] as const)).map((who): Cmd => new Hangup(who));
  const onLeg = fc.oneof(
    fc.constant<Cmd>(new Hangup('supervisor')),
    fc.constantFrom(...(['ListenIn', 'BargeIn'] as const)).map((to): Cmd => new SwitchTo(to)),
    fc.boolean().map((muted): Cmd => new MuteMonitored(muted)),
  );
  return [monitor, monitor, fc.constant(new CancelMonitoring()), call, call, endCall, endCall, onLeg];
}
