import { loadConfig, type Config, type Role } from '../../helpers/config';
import { smsNewMessages, smsParticipantsUpdated, smsStatus } from '../../helpers/cometd/sms-steps';
import { SmsInjector } from '../../helpers/gws/sms-injector';
import { GwsUser } from '../../helpers/gws/user';
import { silentReporter } from '../../helpers/gws/reporter';
import { redactedJson } from '../../helpers/redact';
import type { MockHandle } from '../../mock/server';
import { DOCUMENTED_CAPABILITIES } from '../../catalogue/capabilities';
import { BareInjector, BareUser, newMessagesOf, smsWith, type Arrival } from './bare';

/**
 * The scenarios of the overhead measurement, each written twice: through the harness (the steps a
 * spec and its fixtures take, with a silent reporter) and as a bare undici + faye script. Both
 * include logging in and cleaning up, as every test does.
 */

export interface Scenario {
  name: string;
  /** What a test of the suite does in this scenario. */
  describe: string;
  harness(mock: MockHandle, set: number): Promise<void>;
  bare(mock: MockHandle, set: number): Promise<void>;
}

const AGENT_NICKNAME = 'Marat';
const SUPERVISOR_NICKNAME = 'Supervisor Sam';

export function benchConfig(): Config {
  return loadConfig({ GWS_NOTIFICATION_TIMEOUT_MS: '5000', GWS_QUIET_WINDOW_MS: '200' });
}

function credentialsOf(mock: MockHandle, role: Role, set: number) {
  const user = mock.users.find((u) => u.role === role && u.set === set);
  if (!user) throw new Error(`the mock has no ${role} in set ${set}`);
  return { username: user.userName, password: user.password };
}

export function harnessUser(mock: MockHandle, role: Role, set: number, config = benchConfig()): GwsUser {
  return new GwsUser({ config, baseUrl: new URL(mock.url), role, credentials: credentialsOf(mock, role, set), reporter: silentReporter });
}

function bareUser(mock: MockHandle, role: Role, set: number): BareUser {
  const { username, password } = credentialsOf(mock, role, set);
  return new BareUser(mock.url, username, password);
}

/** What the fixture does after a test besides teardown: the HTTP log and the transcript as attachments. */
async function harnessTeardown(user: GwsUser): Promise<void> {
  const problems = await user.teardown();
  redactedJson(user.session.exchanges);
  redactedJson(user.notifications.forReport());
  if (problems.length > 0 || user.notifications.schemaViolations().length > 0) {
    throw new Error(`${user.label}: clean-up problems or schema violations: ${problems.join('; ')}`);
  }
}

function statusOk(reply: { statusCode: number | undefined; label: string; text: string }): void {
  if (reply.statusCode !== 0) throw new Error(`${reply.label} answered ${reply.text.slice(0, 200)}`);
}

/** Invited for a new session: the bare way of learning its id. */
const invitedNew = smsWith('StatusChange', 'Invited');
const idOf = (arrival: Arrival) => (arrival.data.smssession as { id: string }).id;

export const SCENARIOS: Scenario[] = [
  {
    name: 'sms-accept',
    describe: 'agent logs in; inbound SMS (Invited); Accept; StatusChange Chatting, ParticipantsUpdated, NewMessages; clean-up',
    async harness(mock, set) {
      const agent = harnessUser(mock, 'agent', set);
      const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 5000 });
      try {
        await agent.login();
        const invited = await sms.inbound({ to: agent, text: 'Hello World', nickname: 'PersonP' });
        const seen = agent.notifications.expect(
          smsStatus(invited.id, 'Chatting', { capabilities: { include: [...DOCUMENTED_CAPABILITIES.smsAgentChatting] } }),
          smsParticipantsUpdated(invited.id, [
            { role: 'the agent', type: 'Agent', nickname: AGENT_NICKNAME },
            { role: 'the customer', type: 'Customer' },
          ]),
          smsNewMessages(invited.id, [{ type: 'Text', text: 'Hello World', fromType: 'Customer' }]),
        );
        statusOk(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME }));
        await seen;
      } finally {
        await harnessTeardown(agent);
        await sms.close();
      }
    },
    async bare(mock, set) {
      const agent = bareUser(mock, 'agent', set);
      const sms = new BareInjector(mock.smsInjectUrl);
      await agent.login();
      const invited = agent.waitFor(invitedNew);
      await sms.inject(agent.username, 'Hello World');
      const id = idOf((await invited)[0]!);
      const seen = agent.waitFor(smsWith('StatusChange', 'Chatting', () => id), smsWith('ParticipantsUpdated', undefined, () => id), newMessagesOf(() => id));
      await agent.call('POST', `/me/smssessions/${id}`, { operationName: 'Accept', nickname: AGENT_NICKNAME });
      await seen;
      await agent.call('POST', `/me/smssessions/${id}`, { operationName: 'Complete' });
      await agent.logout();
      await sms.close();
    },
  },
  {
    name: 'sms-reject',
    describe: 'agent logs in; inbound SMS (Invited); Reject; StatusChange Completed without capabilities; clean-up',
    async harness(mock, set) {
      const agent = harnessUser(mock, 'agent', set);
      const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 5000 });
      try {
        await agent.login();
        const invited = await sms.inbound({ to: agent, text: 'Not now' });
        const seen = agent.notifications.expect(smsStatus(invited.id, 'Completed', { capabilities: { none: true } }));
        statusOk(await agent.sms.reject(invited.id));
        const [completed] = await seen;
        const participants = (completed!.data.smssession as { participants?: unknown[] }).participants ?? [];
        if (participants.length > 0) throw new Error('participants of the Completed session');
      } finally {
        await harnessTeardown(agent);
        await sms.close();
      }
    },
    async bare(mock, set) {
      const agent = bareUser(mock, 'agent', set);
      const sms = new BareInjector(mock.smsInjectUrl);
      await agent.login();
      const invited = agent.waitFor(invitedNew);
      await sms.inject(agent.username, 'Not now');
      const id = idOf((await invited)[0]!);
      const seen = agent.waitFor(smsWith('StatusChange', 'Completed', () => id));
      await agent.call('POST', `/me/smssessions/${id}`, { operationName: 'Reject' });
      const [completed] = await seen;
      if (((completed!.data.smssession as { participants?: unknown[] }).participants ?? []).length > 0) throw new Error('participants');
      await agent.logout();
      await sms.close();
    },
  },
  {
    name: 'sms-monitor-join',
    describe: 'agent and supervisor log in; Monitor; inbound SMS; Accept; the supervisor sees itself join (ParticipantsUpdated); clean-up',
    async harness(mock, set) {
      const agent = harnessUser(mock, 'agent', set);
      const supervisor = harnessUser(mock, 'supervisor', set);
      const sms = new SmsInjector(new URL(mock.smsInjectUrl), silentReporter, { timeoutMs: 5000 });
      try {
        await agent.login();
        await supervisor.login();
        statusOk(await supervisor.sms.supervise(agent, 'Monitor', { nickname: SUPERVISOR_NICKNAME }));
        const invited = await sms.inbound({ to: agent, text: 'watched by Monitor' });
        const joined = supervisor.notifications.expect(
          smsParticipantsUpdated(invited.id, [
            { role: 'the supervisor', type: 'Agent', nickname: SUPERVISOR_NICKNAME, visibility: 'Supervisors' },
            { role: 'the agent', type: 'Agent', nickname: AGENT_NICKNAME },
            { role: 'the customer', type: 'Customer' },
          ]),
        );
        statusOk(await agent.sms.accept(invited.id, { nickname: AGENT_NICKNAME }));
        await joined;
      } finally {
        await harnessTeardown(supervisor);
        await harnessTeardown(agent);
        await sms.close();
      }
    },
    async bare(mock, set) {
      const agent = bareUser(mock, 'agent', set);
      const supervisor = bareUser(mock, 'supervisor', set);
      const sms = new BareInjector(mock.smsInjectUrl);
      await agent.login();
      await supervisor.login();
      await supervisor.call('POST', `/users/${agent.id}/channels/smssession`, { operationName: 'Monitor', nickname: SUPERVISOR_NICKNAME });
      const invited = agent.waitFor(invitedNew);
      await sms.inject(agent.username, 'watched by Monitor');
      const id = idOf((await invited)[0]!);
      const joined = supervisor.waitFor((channel, data) => {
        if (!smsWith('ParticipantsUpdated', undefined, () => id)(channel, data)) return false;
        const participants = ((data.smssession as { participants?: { nickname?: string; visibility?: string }[] }).participants ?? []);
        return participants.some((p) => p.nickname === SUPERVISOR_NICKNAME && p.visibility === 'Supervisors');
      });
      await agent.call('POST', `/me/smssessions/${id}`, { operationName: 'Accept', nickname: AGENT_NICKNAME });
      await joined;
      await supervisor.call('POST', `/users/${agent.id}/channels/smssession`, { operationName: 'CancelSupervisorMonitoring' });
      await supervisor.call('POST', `/me/smssessions/${id}`, { operationName: 'Leave' });
      await supervisor.logout();
      await agent.call('POST', `/me/smssessions/${id}`, { operationName: 'Complete' });
      await agent.logout();
      await sms.close();
    },
  },
];
