import { smsFault, type SmsFaultName } from './faults';
import { optionalString, requiredString } from '../body';
import type { SmsDomain } from './domain';
import { SMS_MONITORING_DEFAULT, SMS_MONITORING_MODES, type SmsMonitoringMode } from '../../helpers/gws/vocabulary';
import { SUPERVISOR_MODES, type SmsParty, type SmsSession, type SupervisorMode } from './model';
import { fail, type Outcome } from '../state';
import type { MockUser } from '../users';
import { shown } from '../guard';

/**
 * Supervision of SMS agents (gws-sms.md §2.22–2.26, §5): Monitor, Coach and BargeIn arm a
 * supervisor on an agent's SMS channel (NextChat or AllChats); when the agent accepts a session
 * the supervisor joins it at once with the visibility of the mode. CancelSupervisorMonitoring
 * disarms without ending a session already joined. Intrude offers a running session to a
 * supervisor, who accepts it like an invitation.
 */

type Body = Record<string, unknown>;

interface Monitoring {
  supervisor: MockUser;
  mode: SupervisorMode;
  scope: SmsMonitoringMode;
  nickname: string;
  /** Only for the fault that keeps a NextChat armed after its session. */
  sticky?: boolean;
}

/** What a supervisor did earlier in one log-in: only the sequence faults read it. */
interface History {
  armedAgents: Set<string>;
  firstMode: Map<string, SupervisorMode>;
  cancelled: Map<string, Monitoring>;
}


const WRONG_VISIBILITY_FAULT: Record<SupervisorMode, SmsFaultName> = {
  Monitor: 'sms.monitor.wrong-visibility',
  Coach: 'sms.coach.wrong-visibility',
  BargeIn: 'sms.barge-in.wrong-visibility',
};

export class SmsMonitoring {
  /** Agent user id → the supervisors armed on that agent. */
  readonly armed = new Map<string, Monitoring[]>();

  constructor(private readonly sms: SmsDomain) {
    sms.onAgentAccepted = (session, agent) => this.agentAccepted(session, agent);
    sms.onSupervisorSwitched = (session, party, mode) => this.supervisorSwitched(session, party, mode);
  }

  private readonly histories = new WeakMap<object, History>();

  /** The supervisor's history in its current log-in (a new log-in starts a new one). */
  private historyOf(supervisor: MockUser): History {
    const key = this.state.logins.get(supervisor.id) ?? supervisor;
    let history = this.histories.get(key);
    if (!history) {
      history = { armedAgents: new Set(), firstMode: new Map(), cancelled: new Map() };
      this.histories.set(key, history);
    }
    return history;
  }

  private get state() {
    return this.sms.state;
  }

  private supervisorOnly(user: MockUser): void {
    if (!user.roles.includes('ROLE_SUPERVISOR')) throw fail.permission(`${user.userName} is not a supervisor`);
  }

  private agent(id: string): MockUser {
    const agent = this.state.usersById.get(id);
    if (!agent) throw fail.notFound(`User ${id}`);
    return agent;
  }

  /** Only for the fault that accepts supervision of an agent who does not exist. */
  private unknownAgentAccepted(id: string): boolean {
    return !this.state.usersById.has(id) && smsFault(this.state, 'sms.monitor.unknown-agent-succeeds');
  }

  monitoringOf(agentId: string, supervisor: MockUser): Monitoring | undefined {
    return this.armed.get(agentId)?.find((m) => m.supervisor === supervisor);
  }

  /** POST /api/v2/users/{agentId}/channels/{sms channel}. */
  channelOperation(supervisor: MockUser, agentId: string, channel: string, body: Body): Outcome {
    const operation = requiredString(body, 'operationName');
    this.supervisorOnly(supervisor);
    if (this.unknownAgentAccepted(agentId)) return { reply: { statusCode: 0 } };
    const agent = this.agent(agentId);
    if (channel !== this.state.settings.smsChannel) throw fail.notFound(`Channel ${channel}`);
    if (operation === 'CancelSupervisorMonitoring') {
      const current = this.monitoringOf(agent.id, supervisor);
      if (!current && smsFault(this.state, 'sms.cancel.not-monitoring-succeeds')) return { reply: { statusCode: 0 } };
      if (!current) throw fail.state(`${supervisor.userName} is not monitoring ${agent.userName}`);
      if (!smsFault(this.state, 'sms.cancel.ignored')) this.disarm(agent.id, current);
      this.historyOf(supervisor).cancelled.set(agent.id, current);
      if (smsFault(this.state, 'sms.cancel.ends-session')) return { reply: { statusCode: 0 }, after: () => this.revokeJoined(agent, supervisor) };
      return { reply: { statusCode: 0 } };
    }
    if (!(SUPERVISOR_MODES as readonly string[]).includes(operation)) {
      throw fail.invalid(`Unknown operationName ${shown(operation)} on an SMS channel`);
    }
    const rawScope = optionalString(body, 'supervisorMonitoringMode');
    if (rawScope !== undefined && !(SMS_MONITORING_MODES as readonly string[]).includes(rawScope) && !smsFault(this.state, 'sms.supervisor.invalid-mode-accepted')) {
      throw fail.invalid(`supervisorMonitoringMode must be NextChat or AllChats, got ${shown(rawScope)}`);
    }
    const fallback = smsFault(this.state, 'sms.monitor.default-next-chat') ? 'NextChat' : SMS_MONITORING_DEFAULT;
    const scope = (SMS_MONITORING_MODES as readonly string[]).includes(rawScope ?? '') ? (rawScope as Monitoring['scope']) : fallback;
    const nickname = optionalString(body, 'nickname') ?? supervisor.userName;
    const existing = this.monitoringOf(agent.id, supervisor);
    if (existing) this.disarm(agent.id, existing);
    const history = this.historyOf(supervisor);
    const sticky = history.armedAgents.has(agent.id) && smsFault(this.state, 'sms.sequence.next-chat-rearm-kept');
    history.armedAgents.add(agent.id);
    if (!history.firstMode.has(agent.id)) history.firstMode.set(agent.id, operation as SupervisorMode);
    history.cancelled.delete(agent.id);
    const list = this.armed.get(agent.id) ?? [];
    list.push({ supervisor, mode: operation as SupervisorMode, scope, nickname, sticky });
    this.armed.set(agent.id, list);
    return { reply: { statusCode: 0 } };
  }

  private disarm(agentId: string, monitoring: Monitoring): void {
    const list = (this.armed.get(agentId) ?? []).filter((m) => m !== monitoring);
    if (list.length) this.armed.set(agentId, list);
    else this.armed.delete(agentId);
  }

  private agentAccepted(session: SmsSession, agent: SmsParty): void {
    for (const monitoring of [...(this.armed.get(agent.user.id) ?? [])]) {
      if (session.parties.has(monitoring.supervisor.id)) continue;
      const party = this.sms.invite(session, monitoring.supervisor, monitoring.mode, monitoring.nickname);
      if (smsFault(this.state, WRONG_VISIBILITY_FAULT[monitoring.mode])) {
        party.visibility = monitoring.mode === 'BargeIn' ? 'Agents' : 'All';
      }
      this.sms.join(session, party).after?.();
      if (monitoring.scope === 'NextChat' && !smsFault(this.state, 'sms.monitor.next-chat-not-disarmed') && !monitoring.sticky) this.disarm(agent.user.id, monitoring);
    }
  }

  /** Only the sequence faults act on a switch: documented monitoring does not change with one. */
  private supervisorSwitched(session: SmsSession, party: SmsParty, mode: SupervisorMode): void {
    const agentId = [...session.parties.values()].find((p) => p.role === 'agent')?.user.id;
    if (!agentId) return;
    const current = this.monitoringOf(agentId, party.user);
    if (current && smsFault(this.state, 'sms.sequence.switch-changes-arm')) current.mode = mode;
    const history = this.historyOf(party.user);
    const cancelled = history.cancelled.get(agentId);
    if (!current && cancelled && smsFault(this.state, 'sms.sequence.switch-revives-cancelled')) {
      history.cancelled.delete(agentId);
      this.armed.set(agentId, [...(this.armed.get(agentId) ?? []), cancelled]);
    }
  }

  /** Only for the fault that makes cancel end the sessions a supervisor joined. */
  private revokeJoined(agent: MockUser, supervisor: MockUser): void {
    for (const { session, party } of this.sms.listFor(supervisor)) {
      if (!session.parties.get(agent.id)) continue;
      party.state = 'Revoked';
      this.sms.notifyStatus(session, party);
    }
  }

  /** POST /api/v2/users/{agentId}/smssessions/{id}: Intrude. */
  intrude(supervisor: MockUser, agentId: string, id: string, body: Body): Outcome {
    const operation = requiredString(body, 'operationName');
    if (operation !== 'Intrude') throw fail.invalid(`Unknown operationName ${shown(operation)} on another user's SMS session`);
    this.supervisorOnly(supervisor);
    const agent = this.agent(agentId);
    const session = this.sms.sessions.get(id);
    const agentParty = session?.parties.get(agent.id);
    if (!session || !agentParty || agentParty.state !== 'Chatting') {
      if (smsFault(this.state, 'sms.intrude.unknown-session-succeeds')) return { reply: { statusCode: 0 } };
      throw fail.notFound(`Active SMS session ${id} of ${agent.userName}`);
    }
    const raw = optionalString(body, 'supervisorVisibilityMode');
    if (raw !== undefined && !(SUPERVISOR_MODES as readonly string[]).includes(raw) && !smsFault(this.state, 'sms.supervisor.invalid-mode-accepted')) {
      throw fail.invalid(`supervisorVisibilityMode must be Monitor, Coach or BargeIn, got ${shown(raw)}`);
    }
    const monitoring = this.monitoringOf(agent.id, supervisor);
    let mode: SupervisorMode;
    const history = this.historyOf(supervisor);
    const cancelled = history.cancelled.get(agent.id);
    if (raw !== undefined && (SUPERVISOR_MODES as readonly string[]).includes(raw)) mode = raw as SupervisorMode;
    else if (monitoring && !smsFault(this.state, 'sms.intrude.omitted-mode-not-inherited')) {
      mode = smsFault(this.state, 'sms.sequence.intrude-first-armed-mode') ? (history.firstMode.get(agent.id) ?? monitoring.mode) : monitoring.mode;
    } else if (monitoring || smsFault(this.state, 'sms.intrude.omitted-mode-succeeds') || raw !== undefined) mode = 'Monitor';
    else if (cancelled && smsFault(this.state, 'sms.sequence.intrude-after-cancel')) mode = cancelled.mode;
    else throw fail.state(`supervisorVisibilityMode is required: ${supervisor.userName} is not monitoring ${agent.userName}`);
    const existing = session.parties.get(supervisor.id);
    if (existing && existing.state !== 'Completed' && existing.state !== 'Revoked') {
      throw fail.state(`${supervisor.userName} is already in SMS session ${id}`);
    }
    const party = this.sms.invite(session, supervisor, mode, monitoring?.nickname ?? supervisor.userName);
    if (smsFault(this.state, 'sms.intrude.accept-wrong-visibility')) party.visibility = mode === 'BargeIn' ? 'Supervisors' : 'All';
    return { reply: { statusCode: 0 }, after: () => this.sms.notifyStatus(session, party) };
  }

  describe(): { agent: string; supervisor: string; mode: SupervisorMode; scope: string }[] {
    return [...this.armed].flatMap(([agentId, list]) =>
      list.map((m) => ({ agent: this.state.user(agentId).userName, supervisor: m.supervisor.userName, mode: m.mode, scope: m.scope })),
    );
  }
}
