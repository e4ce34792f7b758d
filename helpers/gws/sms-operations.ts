import { sameSender, TERMINAL_SMS_STATES, type SmsSessionView } from '../cometd/sms-steps';
import { HarnessError } from '../errors';
import type { GwsReply } from './session';
import type { Attempt, Person } from './person';
import type { SmsMonitoringMode, SmsSupervisorMode } from './vocabulary';

/**
 * The SMS Session API operations (gws-sms.md §1, §2): a user's own sessions on
 * POST /api/v2/me/smssessions/{id}; a supervisor's monitoring of an agent on
 * POST /api/v2/users/{agentUserId}/channels/{sms channel}; Intrude on
 * POST /api/v2/users/{agentUserId}/smssessions/{id}.
 *
 * It keeps what the test created, for teardown: the sessions brought to this user (injected,
 * intruded into) are ended unless already over, an injection whose session id never arrived is
 * looked for, and a monitoring armed is cancelled. Nothing else is touched.
 */

/** An inbound SMS injected for this user whose Invited notification never arrived. */
export interface LostInjection {
  nickname: string;
  from: string;
  text: string;
  /** The sessions this user had been told about before the injection. */
  known: Set<string>;
}

/** A person with SMS operations: an agent whose sessions a supervisor joins. */
type SmsPerson = Person & { readonly sms: SmsOperations };

export class SmsOperations {
  /** SMS sessions this test brought to this user; teardown ends each one still open. */
  readonly sessions = new Set<string>();
  /**
   * Inbound SMS this test injected whose Invited notification never arrived (the CometD session was
   * lost, or the server is slow): teardown identifies each one and ends it (see findLostInjection).
   */
  readonly lostInjections: LostInjection[] = [];
  private readonly monitored = new Set<Person>();
  private readonly ended = new Set<string>();

  constructor(private readonly user: Person) {}

  private get channel(): string {
    return this.user.context.config.smsChannel;
  }

  /** Any operation on one of the user's sessions, documented or not, for the error-model checks. */
  send(id: string, body: Record<string, unknown>): Promise<GwsReply> {
    const name = typeof body.operationName === 'string' ? body.operationName : '(no operationName)';
    return this.user.operation(`${name} smssession ${id}`, `/me/smssessions/${encodeURIComponent(id)}`, body);
  }

  accept(id: string, options: { nickname: string; saveLAR?: boolean }): Promise<GwsReply> {
    return this.send(id, { operationName: 'Accept', ...options });
  }

  reject(id: string): Promise<GwsReply> {
    return this.send(id, { operationName: 'Reject' });
  }

  complete(id: string, options: { queueName?: string; saveLAR?: boolean } = {}): Promise<GwsReply> {
    return this.send(id, { operationName: 'Complete', ...options });
  }

  leave(id: string): Promise<GwsReply> {
    return this.send(id, { operationName: 'Leave' });
  }

  sendMessage(id: string, text: string): Promise<GwsReply> {
    return this.send(id, { operationName: 'SendMessage', text });
  }

  /** SwitchToMonitor, SwitchToCoach or SwitchToBargeIn on the supervisor's own session. */
  switchTo(id: string, mode: SmsSupervisorMode): Promise<GwsReply> {
    return this.send(id, { operationName: `SwitchTo${mode}` });
  }

  /** Ends the user's part in a session the way its role allows: agents Complete, supervisors Leave. */
  finish(id: string): Promise<GwsReply> {
    return this.user.role === 'supervisor' ? this.leave(id) : this.complete(id);
  }

  list(): Promise<GwsReply> {
    return this.user.operation('GET smssessions', '/me/smssessions?fields=*', undefined, 'GET');
  }

  private agentId(agent: Person | string): string {
    return typeof agent === 'string' ? agent : agent.me!.id;
  }

  private agentLabel(agent: Person | string): string {
    return typeof agent === 'string' ? `user ${agent}` : agent.label;
  }

  /**
   * Monitor, Coach or BargeIn on an agent's SMS channel. Teardown cancels the monitoring and
   * leaves every session of the agent's that the supervisor joined through it.
   */
  supervise(
    agent: SmsPerson | string,
    operation: SmsSupervisorMode,
    options: { supervisorMonitoringMode?: SmsMonitoringMode | string; nickname?: string } = {},
  ): Promise<GwsReply> {
    if (typeof agent !== 'string' && !this.monitored.has(agent)) {
      this.monitored.add(agent);
      this.user.addCleanup(`end SMS supervision of ${agent.label}`, async () => {
        // Refused when no longer armed (NextChat used up, or cancelled): nothing to undo then.
        await this.cancelMonitoring(agent);
        const problems: string[] = [];
        for (const id of agent.sms.sessions) await this.endSession(id, problems);
        if (problems.length) throw new Error(problems.join('; '));
      });
    }
    return this.user.operation(
      `${operation} ${this.agentLabel(agent)} on ${this.channel}${options.supervisorMonitoringMode ? ` (${options.supervisorMonitoringMode})` : ''}`,
      `/users/${encodeURIComponent(this.agentId(agent))}/channels/${this.channel}`,
      { operationName: operation, ...options },
    );
  }

  cancelMonitoring(agent: Person | string): Promise<GwsReply> {
    return this.user.operation(
      `CancelSupervisorMonitoring ${this.agentLabel(agent)}`,
      `/users/${encodeURIComponent(this.agentId(agent))}/channels/${this.channel}`,
      { operationName: 'CancelSupervisorMonitoring' },
    );
  }

  /** Intrude into an agent's running session; the session is the supervisor's to end at teardown. */
  intrude(agent: Person | string, id: string, supervisorVisibilityMode?: SmsSupervisorMode | string): Promise<GwsReply> {
    this.sessions.add(id);
    return this.user.operation(
      `Intrude smssession ${id} of ${this.agentLabel(agent)}${supervisorVisibilityMode ? ` as ${supervisorVisibilityMode}` : ''}`,
      `/users/${encodeURIComponent(this.agentId(agent))}/smssessions/${encodeURIComponent(id)}`,
      { operationName: 'Intrude', ...(supervisorVisibilityMode !== undefined ? { supervisorVisibilityMode } : {}) },
    );
  }

  /** The last state this user was told an SMS session is in. */
  stateOf(id: string): string | undefined {
    const { transcript } = this.user.notifications;
    for (let i = transcript.length - 1; i >= 0; i -= 1) {
      const session = transcript[i]!.data.smssession as { id?: unknown; state?: unknown } | undefined;
      if (session?.id === id && typeof session.state === 'string') return session.state;
    }
    return undefined;
  }

  /**
   * What a failed request must leave unchanged in each SMS session of this test, as the server
   * reports it: its statusCode, state and capabilities.
   */
  async snapshot(): Promise<Record<string, unknown>> {
    const smssessions: Record<string, unknown> = {};
    for (const id of [...this.sessions].sort()) {
      const { statusCode, smssession } = await this.getSession(id);
      if (statusCode === 0 && typeof smssession?.state !== 'string') {
        throw new HarnessError('SETUP_FAILED', `${this.user.label}: GET smssession ${id}?fields=* gave no state (statusCode ${String(statusCode)}); the "changes nothing" check cannot be made`);
      }
      smssessions[id] = { statusCode, state: smssession?.state, capabilities: [...(smssession?.capabilities ?? [])].sort() };
    }
    return smssessions;
  }

  /**
   * The SMS part of the user's teardown, after its cleanups: each lost injection is looked for,
   * then every session of this test still open is ended. What fails is recorded by `attempt` or
   * added to `problems`, never thrown.
   */
  async teardown(attempt: Attempt, problems: string[]): Promise<void> {
    for (const lost of this.lostInjections) await attempt(`finding the SMS injected as ${lost.nickname}`, () => this.findLostInjection(lost, problems));
    for (const id of this.sessions) await attempt(`ending SMS session ${id}`, () => this.endSession(id, problems));
  }

  /**
   * Ends one SMS session of this test: Reject while Invited, the role's finish otherwise. The state
   * comes from the notifications, or from the server when they cannot be trusted (the CometD
   * session was lost) or the first try was refused because the state had moved on.
   */
  async endSession(id: string, problems: string[]): Promise<void> {
    // Each session is ended once, even if the notification confirming it has not arrived yet.
    if (this.ended.has(id)) return;
    this.ended.add(id);
    let state = this.user.notifications.dropped ? await this.serverState(id) : (this.stateOf(id) ?? (await this.serverState(id)));
    for (let round = 0; round < 2; round += 1) {
      if (state === undefined || TERMINAL_SMS_STATES.has(state)) return;
      const reply = state === 'Invited' ? await this.reject(id) : await this.finish(id);
      if (reply.statusCode === 0) return;
      const known = state;
      state = await this.serverState(id);
      if (round === 1 || state === known) {
        problems.push(`${this.user.label}: ending SMS session ${id} (${known}) answered ${reply.text.slice(0, 200)}`);
        return;
      }
    }
  }

  /**
   * An injected session whose id the harness never learned is taken as its own only when exactly one
   * session of this user is new since the injection and carries the injected customer (nickname,
   * and the sender where the server reports it); otherwise nothing is touched and the problem is
   * reported, because a foreign session must never be ended.
   */
  private async findLostInjection(lost: LostInjection, problems: string[]): Promise<void> {
    const reply = await this.user.operation('GET smssessions (find a lost injection)', '/me/smssessions?fields=*', undefined, 'GET');
    const sessions = (reply.statusCode === 0 ? (reply.json as { smssessions?: SmsSessionView[] }).smssessions : undefined) ?? [];
    const ours = sessions.filter((s) => {
      if (lost.known.has(s.id) || this.sessions.has(s.id)) return false;
      const customer = (s.participants ?? []).find((p) => p.type === 'Customer');
      const from = (s.userData as Record<string, unknown> | undefined)?.FromAddress;
      return customer?.nickname === lost.nickname && (typeof from !== 'string' || sameSender(from, lost.from));
    });
    if (ours.length === 1) this.sessions.add(ours[0]!.id);
    else problems.push(`${this.user.label}: the SMS injected as ${lost.nickname} (${lost.from}) could not be identified (${ours.length} candidates); it may remain on the agent's channel`);
  }

  private async getSession(id: string): Promise<{ statusCode: number | undefined; smssession: SmsSessionView | undefined }> {
    const reply = await this.user.operation(`GET smssession ${id}`, `/me/smssessions/${encodeURIComponent(id)}?fields=*`, undefined, 'GET');
    const statusCode = reply.statusCode;
    return { statusCode, smssession: statusCode === 0 ? (reply.json as { smssession?: SmsSessionView }).smssession : undefined };
  }

  /** The state of an SMS session as the server reports it now; undefined when it no longer knows it. */
  private async serverState(id: string): Promise<string | undefined> {
    return (await this.getSession(id)).smssession?.state;
  }
}
