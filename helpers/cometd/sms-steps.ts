import { SMS_SESSION_URI_KEYS } from '../errata';
import { SMS_SUPERVISOR_MODES, type SmsSupervisorMode } from '../gws/vocabulary';
import { checkCapabilities, checkParticipants, describeParticipant, type CapabilityCheck, type ParticipantExpectation } from './checks';
import { isAwaited, type Notification, type Step, type StepContext } from './types';

/**
 * Steps for the SMS Session API notifications on the user's CometD topic: SMSsessionStateChangeMessage
 * (StatusChange, ParticipantsUpdated) and MessageLogUpdated (NewMessages).
 */

type Json = Record<string, unknown>;

export { checkCapabilities, checkParticipants, type CapabilityCheck, type ParticipantExpectation } from './checks';

export interface SmsSessionView {
  id: string;
  uri: string;
  state: string;
  capabilities?: string[];
  participants?: Json[];
  supervisorMode?: string;
  [key: string]: unknown;
}

function stateChange(n: Notification, notificationType: string, id: string): SmsSessionView | undefined {
  const d = n.data;
  if (d.messageType !== 'SMSsessionStateChangeMessage' || d.notificationType !== notificationType) return undefined;
  const session = d.smssession as SmsSessionView | undefined;
  return session && session.id === id ? session : undefined;
}

/** States after which nothing more happens in a session (gws-sms.md: Completed ends it, Revoked takes it from a supervisor). */
export const TERMINAL_SMS_STATES: ReadonlySet<string> = new Set(['Completed', 'Revoked']);

/** A decisive contradiction for any step about session `id` other than reaching `awaited`: the session ended. */
function sessionEnded(id: string, awaited?: string): (n: Notification) => string | undefined {
  return (n) => {
    const session = stateChange(n, 'StatusChange', id);
    if (!session || session.state === awaited || !TERMINAL_SMS_STATES.has(String(session.state))) return undefined;
    return `smssession ${id} reached the terminal state ${JSON.stringify(session.state)}`;
  };
}

/** The SMS session a MessageLogUpdated refers to: the last path segment of its session URI. */
export function messageLogSessionId(n: Notification): string | undefined {
  if (n.data.messageType !== 'MessageLogUpdated') return undefined;
  for (const key of SMS_SESSION_URI_KEYS) {
    const uri = n.data[key];
    if (typeof uri === 'string') return uri.replace(/\/+$/, '').split('/').pop();
  }
  return undefined;
}

/** SMSsessionStateChangeMessage / StatusChange of session `id` to `state`. */
export function smsStatus(id: string, state: string, options: { capabilities?: CapabilityCheck; supervisorMode?: string } = {}): Step {
  const extra: string[] = [];
  if (options.supervisorMode) extra.push(`supervisorMode=${options.supervisorMode}`);
  if (options.capabilities?.include?.length) extra.push(`capabilities ⊇ {${options.capabilities.include.join(',')}}`);
  if (options.capabilities?.none) extra.push('no capabilities');
  return {
    describe: `StatusChange smssession=${id} state=${state}${extra.length ? ` (${extra.join('; ')})` : ''}`,
    kind: (n) => stateChange(n, 'StatusChange', id) !== undefined,
    decisive: sessionEnded(id, state),
    verify: (n) => {
      const session = stateChange(n, 'StatusChange', id)!;
      const problems: string[] = [];
      if (session.state !== state) problems.push(`state is ${JSON.stringify(session.state)}, expected "${state}"`);
      if (options.supervisorMode !== undefined && session.supervisorMode !== options.supervisorMode) {
        problems.push(`supervisorMode is ${JSON.stringify(session.supervisorMode)}, expected "${options.supervisorMode}"`);
      }
      if (options.capabilities) problems.push(...checkCapabilities(session.capabilities, options.capabilities));
      return problems;
    },
  };
}

/** SMSsessionStateChangeMessage / ParticipantsUpdated of session `id` listing the expected participants. */
export function smsParticipantsUpdated(
  id: string,
  expected: ParticipantExpectation[],
  options: { state?: string; capabilities?: CapabilityCheck } = {},
): Step {
  return {
    describe: `ParticipantsUpdated smssession=${id} with ${expected.map(describeParticipant).join(', ')}`,
    kind: (n) => stateChange(n, 'ParticipantsUpdated', id) !== undefined,
    decisive: sessionEnded(id),
    verify: (n) => {
      const session = stateChange(n, 'ParticipantsUpdated', id)!;
      const problems = checkParticipants(session.participants, expected);
      if (options.state !== undefined && session.state !== options.state) {
        problems.push(`state is ${JSON.stringify(session.state)}, expected "${options.state}"`);
      }
      if (options.capabilities) problems.push(...checkCapabilities(session.capabilities, options.capabilities));
      return problems;
    },
  };
}

export interface MessageExpectation {
  type: string;
  text?: string;
  fromType?: string;
  fromNickname?: string;
  visibility?: string;
  fromVisibility?: string;
}

function describeMessage(m: MessageExpectation): string {
  const bits = [
    m.type,
    m.text !== undefined ? JSON.stringify(m.text) : undefined,
    m.fromType || m.fromNickname ? `from ${[m.fromType, m.fromNickname && `"${m.fromNickname}"`].filter(Boolean).join(' ')}` : undefined,
    m.visibility ? `visibility=${m.visibility}` : undefined,
    m.fromVisibility ? `from.visibility=${m.fromVisibility}` : undefined,
  ];
  return bits.filter(Boolean).join(' ');
}

function messageMatches(message: Json, want: MessageExpectation): boolean {
  const from = (message.from ?? {}) as Json;
  return (
    message.type === want.type &&
    (want.text === undefined || message.text === want.text) &&
    (want.fromType === undefined || from.type === want.fromType) &&
    (want.fromNickname === undefined || from.nickname === want.fromNickname)
  );
}

/** MessageLogUpdated / NewMessages of session `id` containing the expected messages. */
export function smsNewMessages(id: string, expected: MessageExpectation[]): Step {
  return {
    describe: `NewMessages smssession=${id} containing ${expected.map(describeMessage).join('; ')}`,
    kind: (n) => n.data.notificationType === 'NewMessages' && messageLogSessionId(n) === id,
    decisive: sessionEnded(id),
    verify: (n) => {
      const messages = (Array.isArray(n.data.messages) ? n.data.messages : []) as Json[];
      const problems: string[] = [];
      for (const want of expected) {
        const found = messages.find((m) => messageMatches(m, want));
        if (!found) {
          problems.push(
            `no ${describeMessage(want)} among ${JSON.stringify(messages.map((m) => ({ type: m.type, text: m.text, from: (m.from as Json | undefined)?.nickname })))}`,
          );
          continue;
        }
        if (want.visibility !== undefined && found.visibility !== want.visibility) {
          problems.push(`${want.type} message has visibility ${JSON.stringify(found.visibility)}, expected "${want.visibility}"`);
        }
        const fromVisibility = (found.from as Json | undefined)?.visibility;
        if (want.fromVisibility !== undefined && fromVisibility !== want.fromVisibility) {
          problems.push(`${want.type} message's from.visibility is ${JSON.stringify(fromVisibility)}, expected "${want.fromVisibility}"`);
        }
      }
      return problems;
    },
  };
}

/**
 * An error notification an SMS request is refused with, tied to it: after the request and before
 * the user's next one, and, where it names a session or carries a referenceId the reply gave,
 * naming that one. The pages say an operation may succeed synchronously and fail later on CometD;
 * other media report it with notificationType Error (gws-sms.md: for SMS this is inferred), the
 * Voice API with an ErrorMessage: any of these counts.
 */
export function smsOperationRefused(id: string | undefined, what: string, carriedOut?: Step): Step {
  const refusal = (n: Notification, context?: StepContext) => {
    const d = n.data;
    if (d.notificationType !== 'Error' && d.messageType !== 'ErrorMessage' && d.errorMessage === undefined) return false;
    const named = (d.smssession as Json | undefined)?.id ?? messageLogSessionId(n);
    if (id !== undefined && typeof named === 'string' && named !== id) return false;
    if (!context) return true;
    const requests = context.requestsSince();
    return requests.length === 1 && n.at >= requests[0]!;
  };
  return {
    describe: `an error notification refusing ${what}`,
    kind: (n, context) => refusal(n, context) || (carriedOut ? isAwaited(carriedOut, n) : false),
    matches: refusal,
    verify: (n) => (carriedOut && isAwaited(carriedOut, n) ? [`${carriedOut.describe} arrived: ${what} was carried out instead of refused`] : []),
  };
}

/** A StatusChange of session `id` to any state other than `state` (for "it stays in that state" checks). */
export function smsStatusOtherThan(id: string, state: string): Step {
  return {
    describe: `StatusChange smssession=${id} to a state other than ${state}`,
    kind: (n) => stateChange(n, 'StatusChange', id) !== undefined,
    verify: (n) => (stateChange(n, 'StatusChange', id)!.state === state ? [`state is still "${state}"`] : []),
  };
}

/** Any notification about session `id` (for "nothing must arrive" checks). */
export function anySmsNotification(id: string): Step {
  return {
    describe: `any notification about smssession=${id}`,
    kind: (n) => ((n.data.smssession as Json | undefined)?.id ?? messageLogSessionId(n)) === id,
    verify: () => [],
  };
}

/**
 * A StatusChange Invited for a session not yet known to this user: how an inbound SMS arrives.
 * Sessions in other states are not this step's kind: they may belong to someone else's work.
 * Where the server shows who the customer is (a Customer participant, or `userData.FromAddress`),
 * a session of another customer is not this step's kind either: the harness never takes a foreign
 * SMS for its own when the server gives it the means to tell them apart.
 */
export function smsInvitedNew(known: ReadonlySet<string>, customer?: { nickname: string; from: string }): Step {
  return {
    describe: `StatusChange of a new smssession with state=Invited${customer ? ` from ${customer.nickname} (${customer.from})` : ''}`,
    kind: (n) => {
      const session = n.data.smssession as Json | undefined;
      if (
        n.data.messageType !== 'SMSsessionStateChangeMessage' ||
        n.data.notificationType !== 'StatusChange' ||
        typeof session?.id !== 'string' ||
        session.state !== 'Invited' ||
        known.has(session.id)
      ) {
        return false;
      }
      if (!customer) return true;
      const from = (session.userData as Json | undefined)?.FromAddress;
      const listed = (Array.isArray(session.participants) ? (session.participants as Json[]) : []).find((p) => p.type === 'Customer');
      return (typeof from !== 'string' || sameSender(from, customer.from)) && (typeof listed?.nickname !== 'string' || listed.nickname === customer.nickname);
    },
    verify: () => [],
  };
}

/**
 * Whether a `userData.FromAddress` names the injected sender. No page names that field, so it is
 * never judged; it only tells the harness's SMS from another's, and a server may write the number
 * its own way: the digits are compared, a country prefix added or dropped.
 */
export function sameSender(shown: string, injected: string): boolean {
  const a = shown.replace(/\D/g, '');
  const b = injected.replace(/\D/g, '');
  if (!a || !b) return true;
  return a === b || (b.length >= 7 && a.endsWith(b)) || (a.length >= 7 && b.endsWith(a));
}

/**
 * A supervisor's capabilities in a mode (tables H, I, J of gws-sms.md §4): the switches to the
 * two other modes, and not the switch to the current one.
 */
export function supervisorCapabilities(mode: SmsSupervisorMode): CapabilityCheck {
  return { include: SMS_SUPERVISOR_MODES.filter((m) => m !== mode).map((m) => `SwitchTo${m}`), exclude: [`SwitchTo${mode}`] };
}

/** A ParticipantsUpdated of session `id` that lists a participant with this nickname. */
export function smsParticipantListed(id: string, nickname: string, role: string): Step {
  return {
    describe: `ParticipantsUpdated smssession=${id} listing ${role} "${nickname}"`,
    kind: (n) => {
      const session = stateChange(n, 'ParticipantsUpdated', id);
      return Array.isArray(session?.participants) && session.participants.some((p) => p.nickname === nickname);
    },
    verify: () => [],
  };
}
