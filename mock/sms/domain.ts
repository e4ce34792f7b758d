import { smsFault } from './faults';
import { fail, GwsFailure, gwsTimestamp, interactionId, participantId, type MockState, type Outcome } from '../state';
import type { MockUser } from '../users';
import { shown } from '../guard';
import {
  AGENT_CAPABILITIES, capabilitiesOf, isActive, SMS_TOPIC, VISIBILITY_OF,
  type SmsFrom, type SmsMessage, type SmsParty, type SmsSession, type SupervisorMode, type Visibility,
} from './model';
import { sessionUri, viewOf, visibleTo, type View } from './view';

/**
 * The SMS Session API as the documentation describes it (gws-sms.md §2, §4–§6): inbound sessions
 * offered to a Ready agent; Accept, Reject, Complete, Leave, SendMessage; supervisors joining with
 * the visibility of their mode and switching modes; the notifications each step causes, in the
 * documented order, on the user's `/v2/me/smssessions` topic. Monitoring and Intrude requests are
 * validated in monitoring.ts and land here.
 */

/** Switch `reorder`: how late a joining supervisor's history arrives. */
export const LATE_HISTORY_MS = 100;

export class SmsDomain {
  readonly sessions = new Map<string, SmsSession>();
  /** Called when an agent accepts a session: the monitoring supervisors join (monitoring.ts). */
  onAgentAccepted: (session: SmsSession, agent: SmsParty) => void = () => undefined;
  /** Called when a supervisor switched mode in a session (the monitoring's sequence faults use it). */
  onSupervisorSwitched: (session: SmsSession, supervisor: SmsParty, mode: SupervisorMode) => void = () => undefined;

  constructor(readonly state: MockState) {}

  uri(session: SmsSession): string {
    return sessionUri(this.state, session);
  }

  /** The SMS injector: a customer's text reaches `agentName`, who must be Ready on the SMS channel. */
  inject(input: { agent: string; from: string; nickname: string; text: string }): SmsSession {
    const agent = this.state.usersByName.get(input.agent);
    if (!agent) throw new GwsFailure(6, `No user named ${shown(input.agent)}`, 404);
    const channel = this.state.settings.smsChannel;
    if (this.state.channelState(agent.id, channel) !== 'Ready') {
      throw new GwsFailure(2, `${agent.userName} is not Ready on channel ${channel} (StartContactCenterSession with it, then Ready)`, 409);
    }
    const now = Date.now();
    const customer = { participantId: participantId(), nickname: input.nickname, from: input.from, connected: true };
    // Switch `from-address-absent`: no page names FromAddress.
    const userData = this.state.latitude.has('from-address-absent') ? {} : { FromAddress: input.from };
    const session: SmsSession = { id: interactionId(), receivedAt: now, customer, parties: new Map(), messages: [], userData };
    const from: SmsFrom = { participantId: customer.participantId, nickname: customer.nickname, type: 'Customer', visibility: 'All' };
    this.append(session, { type: 'ParticipantJoined', from, visibility: 'All' }, now);
    this.append(session, { type: 'Text', from, text: input.text, visibility: 'All' }, now);
    this.sessions.set(session.id, session);
    const party: SmsParty = { user: agent, role: 'agent', participantId: participantId(), nickname: agent.userName, state: 'Invited', visibility: 'All' };
    session.parties.set(agent.id, party);
    setImmediate(() => this.notifyStatus(session, party));
    return session;
  }

  private append(session: SmsSession, message: Omit<SmsMessage, 'index' | 'timestamp' | 'timestampSeconds'>, at = Date.now()): SmsMessage {
    const full: SmsMessage = { index: session.messages.length + 1, ...message, timestamp: gwsTimestamp(at), timestampSeconds: at };
    session.messages.push(full);
    return full;
  }

  private fromOf(party: SmsParty): SmsFrom {
    return { participantId: party.participantId, nickname: party.nickname, type: 'Agent', visibility: party.visibility, uri: this.state.userUri(party.user) };
  }

  capabilities(party: SmsParty): string[] {
    return capabilitiesOf(party);
  }

  /** What a viewer may see: agents do not see what only supervisors may see. */
  private visibleTo(viewer: SmsParty, visibility: Visibility | undefined): boolean {
    return visibleTo(this.state, viewer, visibility);
  }

  /** The session as `party` sees it. */
  view(session: SmsSession, party: SmsParty, withParticipants: boolean): View {
    return viewOf(this.state, session, party, withParticipants);
  }

  private send(party: SmsParty, data: Record<string, unknown>): void {
    this.state.notify(party.user.id, SMS_TOPIC, data);
  }

  notifyStatus(session: SmsSession, party: SmsParty, referenceId?: number, tweak?: (view: View) => void): void {
    const smssession = this.view(session, party, false);
    tweak?.(smssession);
    this.send(party, { messageType: 'SMSsessionStateChangeMessage', notificationType: 'StatusChange', ...(referenceId !== undefined ? { referenceId } : {}), smssession });
  }

  notifyParticipants(session: SmsSession, party: SmsParty, tweak?: (view: View) => void): void {
    const smssession = this.view(session, party, true);
    tweak?.(smssession);
    this.send(party, { messageType: 'SMSsessionStateChangeMessage', notificationType: 'ParticipantsUpdated', smssession });
  }

  notifyMessages(session: SmsSession, party: SmsParty, messages: SmsMessage[]): void {
    const visible = messages.filter((m) => this.visibleTo(party, m.visibility) && this.visibleTo(party, m.from.visibility));
    if (visible.length === 0) return;
    this.send(party, { messageType: 'MessageLogUpdated', notificationType: 'NewMessages', messages: visible, smssessionUri: this.uri(session) });
  }

  private chatting(session: SmsSession, except?: SmsParty): SmsParty[] {
    return [...session.parties.values()].filter((p) => p !== except && p.state === 'Chatting');
  }

  /** Tells the other parties that `changed` joined, left or changed visibility. */
  private tellOthers(session: SmsSession, changed: SmsParty, message: SmsMessage | undefined): void {
    for (const other of this.chatting(session, changed)) {
      if (!this.visibleTo(other, changed.visibility) && changed.role === 'supervisor') continue;
      this.notifyParticipants(session, other);
      if (message) this.notifyMessages(session, other, [message]);
    }
  }

  listFor(user: MockUser): { session: SmsSession; party: SmsParty }[] {
    const out: { session: SmsSession; party: SmsParty }[] = [];
    for (const session of this.sessions.values()) {
      const party = session.parties.get(user.id);
      if (party && isActive(party)) out.push({ session, party });
    }
    return out;
  }

  find(user: MockUser, id: string): { session: SmsSession; party: SmsParty } {
    const session = this.sessions.get(id);
    const party = session?.parties.get(user.id);
    if (!session || !party) throw fail.notFound(`SMS session ${id}`);
    return { session, party };
  }

  accept(session: SmsSession, party: SmsParty, nickname: string): Outcome {
    const referenceId = this.state.nextReferenceId();
    party.state = 'Chatting';
    // Switch `nickname-shown`: the Accept sample sends one nickname and shows another.
    const shownAsUser = this.state.latitude.has('nickname-shown');
    party.nickname = shownAsUser ? party.user.userName : nickname;
    const joined = this.append(session, { type: 'ParticipantJoined', from: this.fromOf(party), visibility: 'All' });
    return {
      reply: { statusCode: 0 },
      after: () => {
        const tweak = (view: View) => {
          if (smsFault(this.state, 'sms.accept.wrong-state-name')) view.state = 'Accepted';
          if (smsFault(this.state, 'sms.accept.capabilities-stale')) view.capabilities = AGENT_CAPABILITIES.Invited;
          if (smsFault(this.state, 'sms.accept.participant-without-id')) for (const p of (view.participants as View[] | undefined) ?? []) delete p.participantId;
          if (smsFault(this.state, 'sms.accept.agent-not-listed') && Array.isArray(view.participants)) {
            view.participants = (view.participants as View[]).filter((p) => p.type !== 'Agent');
          }
        };
        this.notifyStatus(session, party, referenceId, tweak);
        const history = smsFault(this.state, 'sms.accept.history-without-text') ? session.messages.filter((m) => m.type !== 'Text') : session.messages;
        const participants = () => this.notifyParticipants(session, party, tweak);
        const reorder = smsFault(this.state, 'sms.accept.wrong-order');
        if (!reorder && !smsFault(this.state, 'sms.accept.no-participants-updated')) participants();
        this.notifyMessages(session, party, history);
        if (reorder) participants();
        this.tellOthers(session, party, joined);
        this.onAgentAccepted(session, party);
      },
    };
  }

  /** A supervisor enters a session: added at once by monitoring, or after accepting an Intrude. */
  join(session: SmsSession, party: SmsParty, nickname?: string): Outcome {
    party.state = 'Chatting';
    if (nickname) party.nickname = nickname;
    const joined = this.append(session, { type: 'ParticipantJoined', from: this.fromOf(party), visibility: party.visibility });
    return {
      reply: { statusCode: 0 },
      after: () => {
        // Switch `reorder`: no page prints the order of a supervisor's join; the history comes late.
        if (this.state.latitude.has('reorder')) {
          this.notifyParticipants(session, party);
          this.notifyStatus(session, party);
          this.tellOthers(session, party, joined);
          const history = [...session.messages];
          setTimeout(() => party.state === 'Chatting' && this.notifyMessages(session, party, history), LATE_HISTORY_MS);
          return;
        }
        this.notifyStatus(session, party);
        this.notifyParticipants(session, party);
        this.notifyMessages(session, party, session.messages);
        this.tellOthers(session, party, joined);
      },
    };
  }

  /** A supervisor is offered a session by Intrude: Invited, with the mode it will have. */
  invite(session: SmsSession, supervisor: MockUser, mode: SupervisorMode, nickname: string): SmsParty {
    const party: SmsParty = {
      user: supervisor,
      role: 'supervisor',
      participantId: participantId(),
      nickname,
      state: 'Invited',
      visibility: VISIBILITY_OF[mode],
      supervisorMode: mode,
    };
    session.parties.set(supervisor.id, party);
    return party;
  }

  switchMode(session: SmsSession, party: SmsParty, mode: SupervisorMode): Outcome {
    const previous = party.supervisorMode;
    party.supervisorMode = mode;
    if (!smsFault(this.state, 'sms.switch.visibility-unchanged')) party.visibility = VISIBILITY_OF[mode];
    const rejoined = this.append(session, { type: 'ParticipantRejoined', from: this.fromOf(party), visibility: 'All' });
    this.onSupervisorSwitched(session, party, mode);
    return {
      reply: { statusCode: 0 },
      after: () => {
        this.notifyParticipants(session, party, (view) => {
          if (smsFault(this.state, 'sms.switch.capabilities-stale') && previous) view.capabilities = capabilitiesOf({ ...party, supervisorMode: previous });
        });
        if (!smsFault(this.state, 'sms.switch.no-participant-rejoined')) this.notifyMessages(session, party, [rejoined]);
        this.tellOthers(session, party, rejoined);
      },
    };
  }

  /**
   * Reject, Complete, or Leave from a conference: the party's session ends as Completed. A fault
   * of the operation may keep the party's StatusChange back (`silent`) or alter it (`tweak`).
   */
  finish(session: SmsSession, party: SmsParty, deviation: { silent?: boolean; tweak?: (view: View) => void } = {}): Outcome {
    const referenceId = this.state.nextReferenceId();
    const wasChatting = party.state === 'Chatting';
    party.state = 'Completed';
    const agentsLeft = [...session.parties.values()].filter((p) => p.role === 'agent' && (p.state === 'Chatting' || p.state === 'LeftChat'));
    const revoked = agentsLeft.length === 0 ? [...session.parties.values()].filter((p) => p.role === 'supervisor' && isActive(p)) : [];
    if (agentsLeft.length === 0) session.customer.connected = false;
    for (const supervisor of revoked) if (!smsFault(this.state, 'sms.complete.no-revoked')) supervisor.state = 'Revoked';
    const left = wasChatting ? this.append(session, { type: 'ParticipantLeft', from: this.fromOf(party), visibility: 'All' }) : undefined;
    return {
      reply: { statusCode: 0 },
      after: () => {
        if (!deviation.silent) this.notifyStatus(session, party, referenceId, deviation.tweak);
        for (const supervisor of revoked) if (supervisor.state === 'Revoked') this.notifyStatus(session, supervisor);
        if (wasChatting) this.tellOthers(session, party, left);
        this.forgetIfDone(session);
      },
    };
  }

  leave(session: SmsSession, party: SmsParty): Outcome {
    const otherAgents = this.chatting(session, party).filter((p) => p.role === 'agent');
    if (party.role === 'supervisor' || otherAgents.length > 0) return this.finish(session, party);
    const referenceId = this.state.nextReferenceId();
    party.state = 'LeftChat';
    session.customer.connected = false;
    return { reply: { statusCode: 0 }, after: () => this.notifyStatus(session, party, referenceId) };
  }

  say(session: SmsSession, party: SmsParty, content: { type: string; text?: string }): Outcome {
    const message = this.append(session, { ...content, from: this.fromOf(party), visibility: party.visibility });
    return {
      reply: { statusCode: 0 },
      after: () => {
        for (const p of this.chatting(session)) this.notifyMessages(session, p, [message]);
      },
    };
  }

  /** A session no one is in any more leaves the mock's state. */
  private forgetIfDone(session: SmsSession): void {
    if (![...session.parties.values()].some(isActive)) this.sessions.delete(session.id);
  }
}
