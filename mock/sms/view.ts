import { smsFault } from './faults';
import { gwsTimestamp, type MockState } from '../state';
import { capabilitiesOf, type SmsParty, type SmsSession, type Visibility } from './model';

/**
 * An SMS session as one party sees it (gws-sms.md §4): agents never see what only supervisors may
 * see; finished sessions are as bare as the samples print them.
 */

export type View = Record<string, unknown>;

export function sessionUri(state: MockState, session: SmsSession): string {
  return `${state.baseUrl}/api/v2/smssessions/${session.id}`;
}

/** What a viewer may see: agents do not see what only supervisors may see. */
export function visibleTo(state: MockState, viewer: SmsParty, visibility: Visibility | undefined): boolean {
  return viewer.role === 'supervisor' || visibility !== 'Supervisors' || smsFault(state, 'sms.monitor.visible-to-agent');
}

function participantsFor(state: MockState, session: SmsSession, viewer: SmsParty): View[] {
  const list: View[] = [];
  for (const party of session.parties.values()) {
    if (party.state !== 'Chatting' || !visibleTo(state, viewer, party.visibility)) continue;
    const visibility = party.role === 'agent' && smsFault(state, 'sms.switch.agent-visibility-changed') && party !== viewer ? 'Supervisors' : party.visibility;
    list.push({ participantId: party.participantId, nickname: party.nickname, type: 'Agent', visibility, uri: state.userUri(party.user) });
  }
  if (session.customer.connected) {
    list.push({ participantId: session.customer.participantId, nickname: session.customer.nickname, type: 'Customer', visibility: 'All' });
  }
  return list;
}

/** The session as `party` sees it. Finished sessions are reported as bare as the samples print them. */
export function viewOf(state: MockState, session: SmsSession, party: SmsParty, withParticipants: boolean): View {
  if (party.state === 'Completed' || party.state === 'Revoked') {
    return { participants: [], state: party.state, id: session.id, uri: sessionUri(state, session) };
  }
  const view: View = {
    id: session.id,
    uri: sessionUri(state, session),
    state: party.state,
    capabilities: capabilitiesOf(party),
    participants: withParticipants ? participantsFor(state, session, party) : [],
    userData: session.userData,
    receivedDate: gwsTimestamp(session.receivedAt),
    chatType: 'Inbound',
  };
  if (party.role === 'supervisor' && party.state === 'Invited' && !smsFault(state, 'sms.intrude.no-supervisor-mode')) {
    view.supervisorMode = party.supervisorMode;
  }
  return view;
}
