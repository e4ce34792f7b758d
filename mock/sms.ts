import { fail, GwsFailure, gwsTimestamp, interactionId, participantId, type MockState, type Outcome } from './state';
import type { MockUser } from './users';

/**
 * The SMS Session API as the documentation describes it (gws-sms.md §2, §4, §6): inbound sessions
 * offered to a Ready agent, Accept/Reject/Complete/Leave/SendMessage, the notifications each one
 * causes, in the documented order, on the user's `/v2/me/smssessions` topic.
 */

export const SMS_TOPIC = '/v2/me/smssessions';

export type SmsState = 'Invited' | 'Chatting' | 'LeftChat' | 'Completed' | 'Revoked';
export type Visibility = 'All' | 'Supervisors' | 'Agents';

export interface SmsParty {
  user: MockUser;
  participantId: string;
  nickname: string;
  state: SmsState;
  visibility: Visibility;
}

export interface SmsFrom {
  participantId: string;
  nickname: string;
  type: 'Agent' | 'Customer';
  visibility?: Visibility;
  uri?: string;
}

export interface SmsMessage {
  index: number;
  type: string;
  from: SmsFrom;
  text?: string;
  visibility: Visibility;
  timestamp: string;
  timestampSeconds: number;
}

export interface SmsSession {
  id: string;
  receivedAt: number;
  customer: { participantId: string; nickname: string; from: string; connected: boolean };
  parties: Map<string, SmsParty>;
  messages: SmsMessage[];
  userData: Record<string, unknown>;
}

/** Capability lists as printed: agent Chatting right after Accept, agent LeftChat (SMSAccept, SMSLeave). */
const CAPABILITIES: Record<SmsState, string[]> = {
  Invited: ['Accept', 'Reject'],
  Chatting: ['Transfer', 'Complete', 'Leave', 'InFocus', 'SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification'],
  LeftChat: ['Transfer', 'Complete', 'Leave', 'InFocus'],
  Completed: [],
  Revoked: [],
};

/** Operations the documentation lists for SMS sessions that this mock does not simulate. */
const DOCUMENTED_UNSIMULATED = new Set([
  'Transfer',
  'Invite',
  'Consult',
  'SetDisposition',
  'AttachUserData',
  'UpdateUserData',
  'DeleteUserData',
  'SendToAgents',
  'SendStartTypingToAgentsNotification',
  'SendStopTypingToAgentsNotification',
  'SendStopTypingToAgentNotification',
  'SendCustomNotice',
  'SendCustomNoticeToAgents',
  'LeaveAndComplete',
]);

type Body = Record<string, unknown>;

function optionalBoolean(body: Body, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw fail.invalid(`Parameter '${name}' must be true or false`);
}

function requiredString(body: Body, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) throw fail.missing(name);
  if (typeof value !== 'string') throw fail.invalid(`Parameter '${name}' must be a string`);
  return value;
}

function optionalString(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw fail.invalid(`Parameter '${name}' must be a string`);
  return value;
}

export class SmsDomain {
  readonly sessions = new Map<string, SmsSession>();

  constructor(private readonly state: MockState) {}

  uri(session: SmsSession): string {
    return `${this.state.baseUrl}/api/v2/smssessions/${session.id}`;
  }

  /** The SMS injector: a customer's text reaches `agentName`, who must be Ready on the SMS channel. */
  inject(input: { agent: string; from: string; nickname: string; text: string }): SmsSession {
    const agent = this.state.usersByName.get(input.agent);
    if (!agent) throw new GwsFailure(6, `No user named ${JSON.stringify(input.agent)}`, 404);
    const channel = this.state.settings.smsChannel;
    if (this.state.channelState(agent.id, channel) !== 'Ready') {
      throw new GwsFailure(
        2,
        `${agent.userName} is not Ready on channel ${channel} (StartContactCenterSession with it, then Ready)`,
        409,
      );
    }
    const now = Date.now();
    const customer = { participantId: participantId(), nickname: input.nickname, from: input.from, connected: true };
    const session: SmsSession = {
      id: interactionId(),
      receivedAt: now,
      customer,
      parties: new Map(),
      messages: [],
      userData: { FromAddress: input.from },
    };
    const from: SmsFrom = { participantId: customer.participantId, nickname: customer.nickname, type: 'Customer', visibility: 'All' };
    this.append(session, { type: 'ParticipantJoined', from, visibility: 'All' }, now);
    this.append(session, { type: 'Text', from, text: input.text, visibility: 'All' }, now);
    this.sessions.set(session.id, session);
    const party: SmsParty = { user: agent, participantId: participantId(), nickname: agent.userName, state: 'Invited', visibility: 'All' };
    session.parties.set(agent.id, party);
    setImmediate(() => this.notifyStatus(session, party));
    return session;
  }

  private append(session: SmsSession, message: Omit<SmsMessage, 'index' | 'timestamp' | 'timestampSeconds'>, at = Date.now()): SmsMessage {
    const full: SmsMessage = { index: session.messages.length + 1, ...message, timestamp: gwsTimestamp(at), timestampSeconds: at };
    session.messages.push(full);
    return full;
  }

  capabilities(party: SmsParty): string[] {
    return CAPABILITIES[party.state];
  }

  private participantsFor(session: SmsSession, viewer: SmsParty): Record<string, unknown>[] {
    const list: Record<string, unknown>[] = [];
    for (const party of session.parties.values()) {
      if (party.state !== 'Chatting') continue;
      if (party.visibility === 'Supervisors' && party !== viewer) continue;
      list.push({
        participantId: party.participantId,
        nickname: party.nickname,
        type: 'Agent',
        visibility: party.visibility,
        uri: this.state.userUri(party.user),
      });
    }
    if (session.customer.connected) {
      list.push({ participantId: session.customer.participantId, nickname: session.customer.nickname, type: 'Customer', visibility: 'All' });
    }
    return list;
  }

  /** The session as `party` sees it. Completed sessions are reported as bare as the samples print them. */
  view(session: SmsSession, party: SmsParty, withParticipants: boolean): Record<string, unknown> {
    if (party.state === 'Completed' || party.state === 'Revoked') {
      const bare: Record<string, unknown> = { participants: [], state: party.state, id: session.id, uri: this.uri(session) };
      if (this.state.fault('sms.reject.capabilities-kept')) bare.capabilities = CAPABILITIES.Invited;
      return bare;
    }
    return {
      id: session.id,
      uri: this.uri(session),
      state: party.state,
      capabilities: this.capabilities(party),
      participants: withParticipants ? this.participantsFor(session, party) : [],
      userData: session.userData,
      receivedDate: gwsTimestamp(session.receivedAt),
      chatType: 'Inbound',
    };
  }

  private send(party: SmsParty, data: Record<string, unknown>): void {
    this.state.notify(party.user.id, SMS_TOPIC, data);
  }

  private notifyStatus(session: SmsSession, party: SmsParty, referenceId?: number, override?: (view: Record<string, unknown>) => void): void {
    const smssession = this.view(session, party, false);
    override?.(smssession);
    this.send(party, {
      messageType: 'SMSsessionStateChangeMessage',
      notificationType: 'StatusChange',
      ...(referenceId !== undefined ? { referenceId } : {}),
      smssession,
    });
  }

  private notifyParticipants(session: SmsSession, party: SmsParty, override?: (view: Record<string, unknown>) => void): void {
    const smssession = this.view(session, party, true);
    override?.(smssession);
    this.send(party, { messageType: 'SMSsessionStateChangeMessage', notificationType: 'ParticipantsUpdated', smssession });
  }

  private notifyMessages(session: SmsSession, party: SmsParty, messages: SmsMessage[]): void {
    const visible = messages.filter((m) => m.visibility !== 'Supervisors' || party.visibility === 'Supervisors');
    if (visible.length === 0) return;
    this.send(party, {
      messageType: 'MessageLogUpdated',
      notificationType: 'NewMessages',
      messages: visible,
      smssessionUri: this.uri(session),
    });
  }

  private others(session: SmsSession, except: SmsParty): SmsParty[] {
    return [...session.parties.values()].filter((p) => p !== except && p.state === 'Chatting');
  }

  /** The sessions a user takes part in and has not finished, for GET /me/smssessions. */
  listFor(user: MockUser): { session: SmsSession; party: SmsParty }[] {
    const out: { session: SmsSession; party: SmsParty }[] = [];
    for (const session of this.sessions.values()) {
      const party = session.parties.get(user.id);
      if (party && party.state !== 'Completed' && party.state !== 'Revoked') out.push({ session, party });
    }
    return out;
  }

  find(user: MockUser, id: string): { session: SmsSession; party: SmsParty } {
    const session = this.sessions.get(id);
    const party = session?.parties.get(user.id);
    if (!session || !party) throw fail.notFound(`SMS session ${id}`);
    return { session, party };
  }

  /** POST /api/v2/me/smssessions/{id}. */
  operate(user: MockUser, id: string, body: Body): Outcome {
    const operation = requiredString(body, 'operationName');
    if (!this.sessions.has(id) && operation === 'Accept' && this.state.fault('sms.accept.unknown-id-succeeds')) {
      return { reply: { statusCode: 0 } };
    }
    const { session, party } = this.find(user, id);
    const allowed = (name: string) => {
      const caps = this.capabilities(party);
      const ok = caps.includes(name) || (name === 'SetInFocus' && caps.includes('InFocus')) || (name === 'InFocus' && caps.includes('SetInFocus'));
      if (!ok) throw fail.state(`${name} is not allowed on SMS session ${id} in state ${party.state}`);
    };
    switch (operation) {
      case 'Accept': {
        const nickname = requiredString(body, 'nickname');
        optionalBoolean(body, 'saveLAR');
        if (party.state === 'Chatting' && this.state.fault('sms.accept.twice-succeeds')) return { reply: { statusCode: 0 } };
        allowed('Accept');
        return this.accept(session, party, nickname);
      }
      case 'Reject':
        allowed('Reject');
        return this.finish(session, party, 'Reject');
      case 'Complete':
        optionalString(body, 'queueName');
        optionalBoolean(body, 'saveLAR');
        allowed('Complete');
        return this.finish(session, party, 'Complete');
      case 'Leave':
        allowed('Leave');
        return this.leave(session, party);
      case 'SendMessage': {
        const text = requiredString(body, 'text');
        allowed('SendMessage');
        return this.say(session, party, { type: 'Text', text });
      }
      case 'SendStartTypingNotification':
        allowed(operation);
        return this.say(session, party, { type: 'TypingStarted' });
      case 'SendStopTypingNotification':
        allowed(operation);
        return this.say(session, party, { type: 'TypingStopped' });
      case 'SetInFocus':
      case 'InFocus':
        allowed(operation);
        return { reply: { statusCode: 0 } };
      default:
        if (DOCUMENTED_UNSIMULATED.has(operation)) throw fail.forbidden(`${operation} is not simulated by this mock`);
        throw fail.invalid(`Unknown operationName ${JSON.stringify(operation)} for an SMS session`);
    }
  }

  private accept(session: SmsSession, party: SmsParty, nickname: string): Outcome {
    const referenceId = this.state.nextReferenceId();
    party.state = 'Chatting';
    party.nickname = this.state.fault('sms.accept.nickname-ignored') ? party.user.userName : nickname;
    const joined = this.append(session, {
      type: 'ParticipantJoined',
      from: { participantId: party.participantId, nickname: party.nickname, type: 'Agent', visibility: party.visibility, uri: this.state.userUri(party.user) },
      visibility: 'All',
    });
    return {
      reply: { statusCode: 0 },
      after: () => {
        const tweak = (view: Record<string, unknown>) => {
          if (this.state.fault('sms.accept.wrong-state-name')) view.state = 'Accepted';
          if (this.state.fault('sms.accept.capabilities-stale')) view.capabilities = CAPABILITIES.Invited;
          if (this.state.fault('sms.accept.participant-without-id')) {
            for (const p of (view.participants as Record<string, unknown>[] | undefined) ?? []) delete p.participantId;
          }
        };
        this.notifyStatus(session, party, referenceId, tweak);
        const history = this.state.fault('sms.accept.history-without-text')
          ? session.messages.filter((m) => m.type !== 'Text')
          : session.messages;
        const participants = () => this.notifyParticipants(session, party, tweak);
        if (!this.state.fault('sms.accept.wrong-order') && !this.state.fault('sms.accept.no-participants-updated')) participants();
        this.notifyMessages(session, party, history);
        if (this.state.fault('sms.accept.wrong-order')) participants();
        for (const other of this.others(session, party)) {
          this.notifyParticipants(session, other);
          this.notifyMessages(session, other, [joined]);
        }
      },
    };
  }

  /** Reject, Complete, or Leave from a conference: the party's session ends as Completed. */
  private finish(session: SmsSession, party: SmsParty, operation: 'Reject' | 'Complete' | 'Leave'): Outcome {
    const referenceId = this.state.nextReferenceId();
    const wasChatting = party.state === 'Chatting';
    party.state = 'Completed';
    const others = this.others(session, party);
    if (others.length === 0) session.customer.connected = false;
    const left = wasChatting
      ? this.append(session, {
          type: 'ParticipantLeft',
          from: { participantId: party.participantId, nickname: party.nickname, type: 'Agent', visibility: party.visibility },
          visibility: 'All',
        })
      : undefined;
    return {
      reply: { statusCode: 0 },
      after: () => {
        if (!(operation === 'Reject' && this.state.fault('sms.reject.no-completed'))) this.notifyStatus(session, party, referenceId);
        for (const other of others) {
          this.notifyParticipants(session, other);
          if (left) this.notifyMessages(session, other, [left]);
        }
        this.forgetIfDone(session);
      },
    };
  }

  private leave(session: SmsSession, party: SmsParty): Outcome {
    const others = this.others(session, party);
    if (others.length > 0) return this.finish(session, party, 'Leave');
    const referenceId = this.state.nextReferenceId();
    party.state = 'LeftChat';
    session.customer.connected = false;
    return { reply: { statusCode: 0 }, after: () => this.notifyStatus(session, party, referenceId) };
  }

  private say(session: SmsSession, party: SmsParty, content: { type: string; text?: string }): Outcome {
    const message = this.append(session, {
      ...content,
      from: { participantId: party.participantId, nickname: party.nickname, type: 'Agent', visibility: party.visibility, uri: this.state.userUri(party.user) },
      visibility: 'All',
    });
    return {
      reply: { statusCode: 0 },
      after: () => {
        for (const p of session.parties.values()) if (p.state === 'Chatting') this.notifyMessages(session, p, [message]);
      },
    };
  }

  /** A session no one is in any more leaves the mock's state. */
  private forgetIfDone(session: SmsSession): void {
    const active = [...session.parties.values()].some((p) => p.state !== 'Completed' && p.state !== 'Revoked');
    if (!active) this.sessions.delete(session.id);
  }
}
