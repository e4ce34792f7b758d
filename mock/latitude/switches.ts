/**
 * Latitude switches: conformant variations of the mock where the GWS documentation leaves room.
 * A server with any of them on, or all at once, still honours every page; a test that fails under
 * one of them judges something the documentation does not state. Each description names its basis
 * (the digests under docs/ and schemas/ERRATA.md).
 */

export interface LatitudeDefinition {
  description: string;
}

export const LATITUDE = {
  delay: {
    description:
      'every notification reaches its user 10-300 ms late, with jitter, each user\'s order kept (no page bounds when a notification arrives)',
  },
  'before-reply': {
    description:
      "an operation's notifications go out before its HTTP reply (the pages print the reply and the notifications apart, never their order)",
  },
  interleave: {
    description:
      "unrelated notifications in between: another session's StatusChange, the channel or device state re-announced, a ParticipantsUpdated repeated (no page says a user receives only the notifications of the step at hand)",
  },
  reorder: {
    description:
      "a supervisor joining an SMS session gets ParticipantsUpdated before StatusChange and the history ~100 ms later (no page prints the order of a Monitor/Coach/BargeIn join)",
  },
  'extra-members': {
    description:
      'an extra member on every object of every notification and successful reply (the samples print members, they do not close the objects; error bodies stay statusCode + statusMessage as stated)',
  },
  'shuffled-lists': {
    description:
      'participants, capabilities, channels, devices and other lists in another order; message logs keep their index order (no page gives an order to those lists)',
  },
  'error-status': {
    description:
      'error replies under other HTTP 4xx statuses, chosen per reply (the pages give statusCode only; no page maps it to an HTTP status)',
  },
  'csrf-off': {
    description: 'no CSRF protection: no X-CSRF-HEADER/X-CSRF-TOKEN, POST without the token accepted (CSRF is an option of the server)',
  },
  'basic-required': {
    description:
      'HTTP Basic required on every request, REST and CometD; the JSESSIONID cookie alone is refused (the pages say to keep the cookie, not that it replaces Basic)',
  },
  'async-refusals': {
    description:
      'a refused call or device operation of the Voice API is answered statusCode 0 and refused by an ErrorMessage notification (ErrorHandling: the asynchronous error path)',
  },
  'capability-spelling': {
    description:
      'capabilities under their other documented spelling: SetInFocus for InFocus, SwitchToBargeIn for SwitchBargeIn and the reverse (schemas/ERRATA.md)',
  },
  'supervisor-ringing': {
    description:
      "the supervisor's leg of a call in progress arrives Ringing, to be answered, also for BargeIn (no page prints how the supervisor's leg arrives)",
  },
  'timestamp-space': {
    description:
      'message timestamps in the other printed form, "2014-01-09 11:58:12.035+0200" with a space (SendMessage, typing notifications)',
  },
  'uri-key': {
    description: 'MessageLogUpdated names its session under smsessionUri, the other printed spelling (SendStopTypingNotification)',
  },
  'from-address-absent': {
    description: 'the SMS session userData carries no FromAddress (no page names that member)',
  },
  'nickname-shown': {
    description:
      "the agent is shown under the user name, not the nickname sent to Accept (the Accept sample itself sends \"John Doe\" and shows another name)",
  },
} as const satisfies Record<string, LatitudeDefinition>;

export type LatitudeName = keyof typeof LATITUDE;

export function isLatitudeName(name: string): name is LatitudeName {
  return Object.prototype.hasOwnProperty.call(LATITUDE, name);
}

export const LATITUDE_NAMES = Object.keys(LATITUDE) as LatitudeName[];

/** `name,...` or `all` (every switch) into switch names; an unknown name stops with the known ones. */
export function parseLatitude(list: string | undefined): LatitudeName[] {
  const names = (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out = new Set<LatitudeName>();
  for (const name of names) {
    if (name === 'all') for (const n of LATITUDE_NAMES) out.add(n);
    else if (isLatitudeName(name)) out.add(name);
    else throw new Error(`unknown mock latitude "${name}"; known: all, ${LATITUDE_NAMES.join(', ')}`);
  }
  return [...out];
}

/** A seed from `--latitude-seed`/`GWS_MOCK_LATITUDE_SEED`, or a fresh one when none is given. */
export function parseLatitudeSeed(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) throw new Error(`latitude seed must be an integer 0-4294967295, got ${text}`);
  return seed;
}

/** `--help` text: one line per switch. */
export function latitudeHelp(): string {
  const width = Math.max(...LATITUDE_NAMES.map((n) => n.length));
  return LATITUDE_NAMES.map((n) => `    ${n.padEnd(width)}  ${LATITUDE[n].description}`).join('\n');
}
