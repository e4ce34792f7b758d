import { smsFault } from './faults';
import { optionalBoolean, optionalString, requiredString, type Body } from '../body';
import { shown } from '../guard';
import type { SmsDomain } from './domain';
import { AGENT_CAPABILITIES, DOCUMENTED_UNSIMULATED, type SupervisorMode } from './model';
import { fail, type Outcome } from '../state';
import type { MockUser } from '../users';

/**
 * POST /api/v2/me/smssessions/{id} (gws-sms.md §4): reads the operation and its parameters, checks
 * the operation is among the party's capabilities (each documented spelling), and hands it to the
 * SMS domain.
 */

export function operateSmsSession(sms: SmsDomain, user: MockUser, id: string, body: Body): Outcome {
  const operation = requiredString(body, 'operationName');
  if (!sms.sessions.has(id) && operation === 'Accept' && smsFault(sms.state, 'sms.accept.unknown-id-succeeds')) return { reply: { statusCode: 0 } };
  if (operation.startsWith('SwitchTo') && !sms.sessions.get(id)?.parties.has(user.id) && smsFault(sms.state, 'sms.switch.outsider-succeeds')) {
    return { reply: { statusCode: 0 } };
  }
  const { session, party } = sms.find(user, id);
  const allowed = (name: string, spellings: string[] = [name]) => {
    const caps = sms.capabilities(party);
    if (!spellings.some((s) => caps.includes(s))) throw fail.state(`${name} is not allowed on SMS session ${id} in state ${party.state}${party.supervisorMode ? ` (${party.supervisorMode})` : ''}`);
  };
  switch (operation) {
    case 'Accept': {
      const nickname = requiredString(body, 'nickname');
      optionalBoolean(body, 'saveLAR');
      if (party.state === 'Chatting' && smsFault(sms.state, 'sms.accept.twice-succeeds')) return { reply: { statusCode: 0 } };
      allowed('Accept');
      return party.role === 'agent' ? sms.accept(session, party, nickname) : sms.join(session, party, nickname);
    }
    case 'Reject':
      allowed('Reject');
      return sms.finish(session, party, {
        silent: smsFault(sms.state, 'sms.reject.no-completed'),
        tweak: smsFault(sms.state, 'sms.reject.capabilities-kept') ? (view) => (view.capabilities = AGENT_CAPABILITIES.Invited) : undefined,
      });
    case 'Complete':
      optionalString(body, 'queueName');
      optionalBoolean(body, 'saveLAR');
      allowed('Complete');
      return sms.finish(session, party);
    case 'Leave':
      allowed('Leave');
      return sms.leave(session, party);
    case 'SendMessage': {
      const text = requiredString(body, 'text');
      allowed('SendMessage');
      return sms.say(session, party, { type: 'Text', text });
    }
    case 'SendStartTypingNotification':
    case 'SendStopTypingNotification':
      allowed(operation);
      return sms.say(session, party, { type: operation === 'SendStartTypingNotification' ? 'TypingStarted' : 'TypingStopped' });
    case 'SetInFocus':
    case 'InFocus':
      allowed(operation, ['SetInFocus', 'InFocus']);
      return { reply: { statusCode: 0 } };
    case 'SwitchToMonitor':
    case 'SwitchToCoach':
    case 'SwitchToBargeIn': {
      const mode = operation.slice('SwitchTo'.length) as SupervisorMode;
      if (!(party.supervisorMode === mode && smsFault(sms.state, 'sms.switch.same-mode-succeeds'))) {
        allowed(operation, operation === 'SwitchToBargeIn' ? ['SwitchToBargeIn', 'SwitchBargeIn'] : [operation]);
      }
      return sms.switchMode(session, party, mode);
    }
    default:
      if (DOCUMENTED_UNSIMULATED.has(operation)) throw fail.forbidden(`${operation} is not simulated by this mock`);
      throw fail.invalid(`Unknown operationName ${shown(operation)} for an SMS session`);
  }
}
