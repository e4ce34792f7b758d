import fc from 'fast-check';
import { SMS_MONITORING_MODES, type SmsSupervisorMode } from '../helpers/gws/vocabulary';
import type { GwsReply } from '../helpers/gws/session';
import * as rules from './model/sms-rules';
import {
  intrudable,
  isAgentChatting,
  isAgentInvited,
  LIMITS,
  MODES,
  openSessions,
  sessionAt,
  supervisorChatting,
  supervisorInvited,
  type ModelSession,
  type Scope,
  type SmsModel,
} from './model/sms';
import { halted, type ExploreModel } from './model/areas';
import type { Cmd, World } from './world';

/**
 * The SMS commands of the exploration: each one is generated only where the model knows what the
 * documentation predicts, asks the model for the prediction, runs against the target through the
 * harness's own client, and moves the model on. A command names the session it acts on by its
 * position among the sessions that qualify (`#0`, `#1`), so that a sequence replays the same way.
 */

export type { Cmd } from './world';

abstract class SmsCommand implements Cmd {
  check(model: Readonly<ExploreModel>): boolean {
    return !halted(model) && this.applies(model.sms);
  }
  run(model: ExploreModel, world: World): Promise<void> {
    return this.act(model.sms, world);
  }
  /** Whether the command applies to the SMS part of the model. */
  abstract applies(model: Readonly<SmsModel>): boolean;
  abstract act(model: SmsModel, world: World): Promise<void>;
  abstract toString(): string;

  /** Judges one command; a non-strict finding halts the model (nothing after it is judged). */
  protected async judged(model: SmsModel, world: World, label: string, rule: rules.Rule, operation: () => Promise<GwsReply>): Promise<void> {
    const ok = await world.perform(label, rule.prediction, operation);
    if (ok) rule.apply();
    else model.halted = true;
  }
}

export class Arm extends SmsCommand {
  constructor(
    readonly mode: SmsSupervisorMode,
    readonly scope: Scope | undefined,
  ) {
    super();
  }
  applies(): boolean {
    return true;
  }
  async act(model: SmsModel, world: World): Promise<void> {
    const options = { nickname: rules.SUPERVISOR_NICKNAME, ...(this.scope ? { supervisorMonitoringMode: this.scope } : {}) };
    await this.judged(model, world, this.toString(), rules.arm(model, this.mode, this.scope), () => world.supervisor.sms.supervise(world.agent, this.mode, options));
  }
  toString(): string {
    return `${this.mode}(${this.scope ?? 'no supervisorMonitoringMode'})`;
  }
}

export class Cancel extends SmsCommand {
  applies(): boolean {
    return true;
  }
  async act(model: SmsModel, world: World): Promise<void> {
    await this.judged(model, world, this.toString(), rules.cancel(model), () => world.supervisor.sms.cancelMonitoring(world.agent));
  }
  toString(): string {
    return 'CancelSupervisorMonitoring';
  }
}

export class Inbound extends SmsCommand {
  applies(model: Readonly<SmsModel>): boolean {
    return openSessions(model as SmsModel).length < LIMITS.open && model.sessions.length < LIMITS.total;
  }
  async act(model: SmsModel, world: World): Promise<void> {
    const key = `s${model.sessions.length + 1}`;
    world.log.push(`inbound SMS (${key}): the agent receives StatusChange Invited [TARGET-SMS-INVITED]`);
    const invited = await world.sms.inbound({ to: world.agent, text: `explore ${key}` });
    world.log.push(`    → ${key} is smssession ${invited.id}`);
    rules.inbound(model, invited.id);
  }
  toString(): string {
    return 'inbound SMS';
  }
}

/** An inbound SMS that the agent accepts at once: the two commands above, judged the same way. */
export class NewChat extends SmsCommand {
  private readonly inbound = new Inbound();
  applies(model: Readonly<SmsModel>): boolean {
    return this.inbound.applies(model);
  }
  async act(model: SmsModel, world: World): Promise<void> {
    await this.inbound.act(model, world);
    const s = model.sessions[model.sessions.length - 1]!;
    await this.judged(model, world, `agent Accept ${s.key}`, rules.agentAccept(model, s), () => world.agent.sms.accept(s.id, { nickname: rules.AGENT_NICKNAME }));
  }
  toString(): string {
    return 'inbound SMS accepted';
  }
}

/** A command on one of the sessions that pass `filter`, chosen by position. */
abstract class OnSession extends SmsCommand {
  constructor(readonly pick: number) {
    super();
  }
  protected abstract readonly filter: (s: ModelSession) => boolean;
  applies(model: Readonly<SmsModel>): boolean {
    return model.sessions.some(this.filter);
  }
  protected session(model: SmsModel): ModelSession {
    return sessionAt(model, this.pick, this.filter)!;
  }
}

export class AgentAccept extends OnSession {
  protected readonly filter = isAgentInvited;
  async act(model: SmsModel, world: World): Promise<void> {
    const s = this.session(model);
    await this.judged(model, world, `agent Accept ${s.key}`, rules.agentAccept(model, s), () => world.agent.sms.accept(s.id, { nickname: rules.AGENT_NICKNAME }));
  }
  toString(): string {
    return `agent Accept(#${this.pick})`;
  }
}

export class AgentComplete extends OnSession {
  protected readonly filter = isAgentChatting;
  async act(model: SmsModel, world: World): Promise<void> {
    const s = this.session(model);
    await this.judged(model, world, `agent Complete ${s.key}`, rules.agentComplete(s), () => world.agent.sms.complete(s.id));
  }
  toString(): string {
    return `agent Complete(#${this.pick})`;
  }
}

export class SupervisorLeave extends OnSession {
  protected readonly filter = supervisorChatting;
  async act(model: SmsModel, world: World): Promise<void> {
    const s = this.session(model);
    await this.judged(model, world, `supervisor Leave ${s.key}`, rules.supervisorLeave(s), () => world.supervisor.sms.leave(s.id));
  }
  toString(): string {
    return `supervisor Leave(#${this.pick})`;
  }
}

export class Intrude extends OnSession {
  constructor(
    pick: number,
    readonly mode: SmsSupervisorMode | undefined,
  ) {
    super(pick);
  }
  protected readonly filter = intrudable;
  override applies(model: Readonly<SmsModel>): boolean {
    // The page requires the supervisor to monitor the agent: with a mode given while not armed, it
    // does not say what happens, so that command is not generated.
    return super.applies(model) && (this.mode === undefined || model.arm !== undefined);
  }
  async act(model: SmsModel, world: World): Promise<void> {
    const s = this.session(model);
    await this.judged(model, world, `supervisor Intrude ${s.key} (${this.mode ?? 'no supervisorVisibilityMode'})`, rules.intrude(model, s, this.mode), () =>
      world.supervisor.sms.intrude(world.agent, s.id, this.mode),
    );
  }
  toString(): string {
    return `Intrude(#${this.pick} ${this.mode ?? 'no supervisorVisibilityMode'})`;
  }
}

export class SupervisorAccept extends OnSession {
  protected readonly filter = supervisorInvited;
  async act(model: SmsModel, world: World): Promise<void> {
    const s = this.session(model);
    await this.judged(model, world, `supervisor Accept ${s.key}`, rules.supervisorAccept(s), () =>
      world.supervisor.sms.accept(s.id, { nickname: rules.SUPERVISOR_NICKNAME }),
    );
  }
  toString(): string {
    return `supervisor Accept(#${this.pick})`;
  }
}

export class SwitchTo extends OnSession {
  constructor(
    pick: number,
    readonly to: SmsSupervisorMode,
  ) {
    super(pick);
  }
  protected readonly filter = supervisorChatting;
  async act(model: SmsModel, world: World): Promise<void> {
    const s = this.session(model);
    await this.judged(model, world, `supervisor SwitchTo${this.to} ${s.key}`, rules.switchTo(s, this.to), () => world.supervisor.sms.switchTo(s.id, this.to));
  }
  toString(): string {
    return `SwitchTo${this.to}(#${this.pick})`;
  }
}

const mode = fc.constantFrom(...MODES);
const pick = fc.nat({ max: 2 });

/**
 * The command arbitraries, some listed more than once to weigh them: most behaviour under test
 * shows when a session starts after the monitoring changed, so sequences reach it more often.
 */
export function smsCommands(): fc.Arbitrary<Cmd>[] {
  const arm = fc.tuple(mode, fc.constantFrom<Scope | undefined>(undefined, ...SMS_MONITORING_MODES)).map(([m, s]) => new Arm(m, s));
  const cancel = fc.constant(new Cancel());
  const newChat = fc.constant(new NewChat());
  const intrude = fc.tuple(pick, fc.constantFrom<SmsSupervisorMode | undefined>(undefined, ...MODES)).map(([p, m]) => new Intrude(p, m));
  const switchTo = fc.tuple(pick, mode).map(([p, m]) => new SwitchTo(p, m));
  return [
    arm,
    arm,
    cancel,
    cancel,
    newChat,
    newChat,
    newChat,
    fc.constant(new Inbound()),
    pick.map((p) => new AgentAccept(p)),
    pick.map((p) => new AgentComplete(p)),
    pick.map((p) => new AgentComplete(p)),
    pick.map((p) => new SupervisorLeave(p)),
    intrude,
    intrude,
    pick.map((p) => new SupervisorAccept(p)),
    switchTo,
    switchTo,
  ];
}
