/**
 * The one place where secrets are taken out of anything that may reach a console, a report or an
 * attachment. Two mechanisms:
 * - headers known to carry secrets are replaced by name;
 * - every secret value the harness has seen (passwords, Basic credentials, cookie values, CSRF
 *   tokens) is registered here and scrubbed from any text, wherever it appears.
 */

export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-csrf-token']);
const extraSecretHeaders = new Set<string>();
const secrets = new Set<string>();
/** The secrets longest first, kept between registrations: sorting them for every text was the harness's hottest path. */
let longestFirst: string[] | undefined;

/** Values shorter than this are not scrubbed from free text: they would shred ordinary words. */
const MIN_SECRET_LENGTH = 4;

export function registerSecret(value: string | undefined): void {
  if (value === undefined || value.length < MIN_SECRET_LENGTH) return;
  const before = secrets.size;
  secrets.add(value);
  for (const variant of [encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
    if (variant !== value && variant.length >= MIN_SECRET_LENGTH) secrets.add(variant);
  }
  if (secrets.size !== before) longestFirst = undefined;
}

export function registerCredentials(username: string, password: string): void {
  registerSecret(password);
  registerSecret(Buffer.from(`${username}:${password}`, 'utf8').toString('base64'));
}

/** A header whose name the server chose (X-CSRF-HEADER) is secret too. */
export function registerSecretHeader(name: string): void {
  extraSecretHeaders.add(name.toLowerCase());
}

export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADERS.has(lower) || extraSecretHeaders.has(lower);
}

export function redactText(text: string): string {
  let out = text;
  // Longest first, so that a secret containing another is replaced whole.
  longestFirst ??= [...secrets].sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  out = out.replace(/(Basic|Bearer)\s+[A-Za-z0-9+/=._-]{6,}/g, `$1 ${REDACTED}`);
  out = out.replace(/((?:JSESSIONID|BAYEUX_BROWSER)=)[^;\s",]+/g, `$1${REDACTED}`);
  return out;
}

/** Cookie names stay readable (they are evidence); their values do not. */
function redactCookieHeader(value: string): string {
  return value
    .split(/;\s*/)
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const name = part.slice(0, eq);
      return /^(path|domain|expires|max-age|samesite|secure|httponly)$/i.test(name) ? part : `${name}=${REDACTED}`;
    })
    .join('; ');
}

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'cookie' || lower === 'set-cookie') {
      out[name] = Array.isArray(value) ? value.map(redactCookieHeader) : redactCookieHeader(value);
    } else if (isSecretHeader(lower)) {
      out[name] = REDACTED;
    } else {
      out[name] = Array.isArray(value) ? value.map(redactText) : redactText(value);
    }
  }
  return out;
}

const SECRET_KEYS = /^(password|passwd|secret|token|csrf.*|authorization|cookie)$/i;

/** Deep copy with secret-looking keys replaced and every registered secret scrubbed. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      out[key] = SECRET_KEYS.test(key) && item !== undefined && item !== null ? REDACTED : redactValue(item);
    }
    return out as T;
  }
  return value;
}

/** JSON for an attachment or a log line: redacted, pretty-printed. */
export function redactedJson(value: unknown): string {
  return redactText(JSON.stringify(redactValue(value), null, 2));
}
