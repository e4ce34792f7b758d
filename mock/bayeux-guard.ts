import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';

/**
 * What the notification endpoint accepts before the Bayeux library sees a request: every message
 * checked against a JSON Schema of the Bayeux message fields (channel and subscription names by the
 * Bayeux channel grammar, the shapes of `clientId`, `id`, `ext` and `advice`), and the library's
 * browser cookie by the shape the library itself gives it. The library keeps sessions and channels
 * in plain objects keyed by these values; a name such as `__proto__` or `constructor`, a channel
 * that is not one, or a subscription that is not a string would otherwise throw inside it.
 */

/** Bayeux 1.0 channel grammar: segments of alpha, digit and the marks - _ ! ~ ( ) $ @. */
const SEGMENT = "[A-Za-z0-9\\-_!~()$@]+";
export const CHANNEL_PATTERN = `^(/${SEGMENT})+$`;
/** A subscription may end in a wildcard segment, `*` or `**`. */
export const SUBSCRIPTION_PATTERN = `^(/${SEGMENT})*/(${SEGMENT}|\\*|\\*\\*)$`;
/** The library's own identifiers (clientId, browser cookie) are 20 random bytes in hex. */
export const ID_PATTERN = '^[0-9a-f]{1,64}$';
export const BROWSER_COOKIE = 'BAYEUX_BROWSER';
export const MAX_MESSAGES = 100;
const MAX_SUBSCRIPTIONS = 32;

const META_CHANNELS = ['/meta/handshake', '/meta/connect', '/meta/disconnect', '/meta/subscribe', '/meta/unsubscribe'];

const subscriptionName = { type: 'string', maxLength: 256, pattern: SUBSCRIPTION_PATTERN };

const messageSchema = {
  type: 'object',
  required: ['channel'],
  properties: {
    channel: {
      type: 'string',
      maxLength: 256,
      pattern: CHANNEL_PATTERN,
      // a /meta/ channel is one of the protocol's five
      if: { pattern: '^/meta/' },
      then: { enum: META_CHANNELS },
    },
    clientId: { type: 'string', pattern: ID_PATTERN },
    id: { type: ['string', 'number'], maxLength: 128 },
    ext: { type: 'object' },
    advice: {
      type: 'object',
      properties: {
        timeout: { type: 'number' },
        interval: { type: 'number' },
        reconnect: { type: 'string' },
      },
    },
    version: { type: 'string', maxLength: 32 },
    minimumVersion: { type: 'string', maxLength: 32 },
    connectionType: { type: 'string', maxLength: 64 },
    supportedConnectionTypes: { type: 'array', maxItems: 16, items: { type: 'string', maxLength: 64 } },
    subscription: {
      anyOf: [subscriptionName, { type: 'array', minItems: 1, maxItems: MAX_SUBSCRIPTIONS, items: subscriptionName }],
    },
  },
} as const;

const ajv = new Ajv2020({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
const validateMessage = ajv.compile(messageSchema);

function describe(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'invalid message';
  const where = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'message';
  return `${where} ${first.message ?? 'is invalid'}`;
}

export type Checked =
  | { ok: true; messages: Record<string, unknown>[] }
  /** Not a Bayeux request at all: an HTTP error. */
  | { ok: false; http: 400; reason: string }
  /** Bayeux messages, some invalid: each gets an unsuccessful reply. */
  | { ok: false; http: 200; reason: string; replies: Record<string, unknown>[] };

/** The values of every cookie of this name, read as the library reads them (split at ';' and '='). */
export function cookieValues(header: string | undefined, name: string): string[] {
  const out: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const pieces = part.split('=');
    if (pieces.length > 1 && pieces[0]!.trim() === name) out.push(pieces[1]!.trim());
  }
  return out;
}

export function checkBrowserCookie(header: string | undefined): string | undefined {
  const bad = cookieValues(header, BROWSER_COOKIE).find((value) => !new RegExp(ID_PATTERN).test(value));
  return bad === undefined ? undefined : `the ${BROWSER_COOKIE} cookie is not one this server gave`;
}

export function checkBayeux(body: unknown): Checked {
  const messages = body && typeof body === 'object' && !Array.isArray(body) ? [body] : body;
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > MAX_MESSAGES) {
    return { ok: false, http: 400, reason: `a Bayeux request is an array of 1 to ${MAX_MESSAGES} messages` };
  }
  if (!messages.every((m) => m !== null && typeof m === 'object' && !Array.isArray(m))) {
    return { ok: false, http: 400, reason: 'every Bayeux message is an object' };
  }
  // A handshake travels alone (the library answers any other batch with an HTTP 500).
  const alone = messages.length > 1 ? 'a /meta/handshake is sent alone' : undefined;
  const problems = messages.map((m) =>
    validateMessage(m) ? ((m as { channel: string }).channel === '/meta/handshake' ? alone : undefined) : describe(validateMessage.errors),
  );
  const firstProblem = problems.find((p) => p !== undefined);
  if (firstProblem === undefined) return { ok: true, messages: messages as Record<string, unknown>[] };
  const replies = (messages as Record<string, unknown>[]).map((m, i) => {
    const reply: Record<string, unknown> = {
      channel: typeof m.channel === 'string' && m.channel.length <= 256 ? m.channel : '/meta/unknown',
      successful: false,
      error: `400::${problems[i] ?? 'refused with an invalid message of the same request'}`,
    };
    if ((typeof m.id === 'string' && m.id.length <= 128) || typeof m.id === 'number') reply.id = m.id;
    return reply;
  });
  return { ok: false, http: 200, reason: firstProblem, replies };
}
