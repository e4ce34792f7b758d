import type { GwsReply } from './session';
import type { Person } from './person';
import type { SmsMonitoringMode, SmsSupervisorMode } from './vocabulary';

/**
 * The SMS Session API operations (gws-sms.md §1, §2): a user's own sessions on
 * POST /api/v2/me/smssessions/{id}; a supervisor's monitoring of an agent on
 * POST /api/v2/users/{agentUserId}/channels/{sms channel}; Intrude on
 * POST /api/v2/users/{agentUserId}/smssessions/{id}.
 */


export class SmsOperations {
  private readonly monitored = new Set<Person>();

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
    agent: Person | string,
    operation: SmsSupervisorMode,
    options: { supervisorMonitoringMode?: SmsMonitoringMode | string; nickname?: string } = {},
  ): Promise<GwsReply> {
    if (typeof agent !== 'string' && !this.monitored.has(agent)) {
      this.monitored.add(agent);
      this.user.addCleanup(`end SMS supervision of ${agent.label}`, async () => {
        // Refused when no longer armed (NextChat used up, or cancelled): nothing to undo then.
        await this.cancelMonitoring(agent);
        const problems: string[] = [];
        for (const id of agent.smsSessions) await this.user.endSmsSession(id, problems);
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
    this.user.smsSessions.add(id);
    return this.user.operation(
      `Intrude smssession ${id} of ${this.agentLabel(agent)}${supervisorVisibilityMode ? ` as ${supervisorVisibilityMode}` : ''}`,
      `/users/${encodeURIComponent(this.agentId(agent))}/smssessions/${encodeURIComponent(id)}`,
      { operationName: 'Intrude', ...(supervisorVisibilityMode !== undefined ? { supervisorVisibilityMode } : {}) },
    );
  }
}
