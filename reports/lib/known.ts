import { existsSync, readFileSync } from 'node:fs';

/**
 * Known failures: tests a team has declared as failing for a known reason. Reported as known,
 * they do not fail the gate; one that passes again is flagged so that its entry can go.
 *
 * known-failures.json: [{ "id": "sms.accept.notification-sequence", "reason": "...",
 *                         "link": "https://tracker/ISSUE-1", "expires": "2027-01-31",
 *                         "code": "NOTIFICATION_TIMEOUT", "match": "step 2" }]
 *
 * `code` and `match` make the entry a fingerprint: the failure must carry that verdict code and
 * its message must contain `match` (the step or member the message names). A known test that now
 * fails differently is a new failure.
 */

export interface KnownFailure {
  id: string;
  reason: string;
  link?: string;
  /** Last day (YYYY-MM-DD, inclusive) the entry counts; after it the failure fails the gate again. */
  expires?: string;
  /** The verdict code the failure carries (NOTIFICATION_TIMEOUT, SCHEMA_VIOLATION…). */
  code?: string;
  /** Text the failure message contains: the step or member it names. */
  match?: string;
}

export const DEFAULT_KNOWN_FAILURES = 'known-failures.json';

export function loadKnownFailures(path: string, required: boolean): KnownFailure[] {
  if (!existsSync(path)) {
    if (required) throw new Error(`known failures file ${path} does not exist`);
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`known failures file ${path} is not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new Error(`known failures file ${path} must hold a JSON array`);
  return parsed.map((entry, index) => {
    const e = entry as Partial<KnownFailure>;
    if (typeof e.id !== 'string' || !e.id || typeof e.reason !== 'string' || !e.reason) {
      throw new Error(`known failures file ${path}, entry ${index}: "id" and "reason" are required strings`);
    }
    if (e.expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(e.expires)) {
      throw new Error(`known failures file ${path}, entry ${index}: "expires" must be a date YYYY-MM-DD`);
    }
    if (e.link !== undefined && typeof e.link !== 'string') throw new Error(`known failures file ${path}, entry ${index}: "link" must be a string`);
    if (e.code !== undefined && (typeof e.code !== 'string' || !/^[A-Z_]+$/.test(e.code))) throw new Error(`known failures file ${path}, entry ${index}: "code" must be a verdict code such as NOTIFICATION_TIMEOUT`);
    if (e.match !== undefined && typeof e.match !== 'string') throw new Error(`known failures file ${path}, entry ${index}: "match" must be a string`);
    return {
      id: e.id,
      reason: e.reason,
      ...(e.link ? { link: e.link } : {}),
      ...(e.expires ? { expires: e.expires } : {}),
      ...(e.code ? { code: e.code } : {}),
      ...(e.match ? { match: e.match } : {}),
    };
  });
}

export function isExpired(entry: KnownFailure, today = new Date()): boolean {
  return entry.expires !== undefined && entry.expires < today.toISOString().slice(0, 10);
}

/** Whether a failure (its code and message) is the one the entry expects; an entry without a fingerprint matches any failure of its test. */
export function matchesFingerprint(entry: KnownFailure, code: string | undefined, message: string | undefined): boolean {
  if (entry.code !== undefined && entry.code !== code) return false;
  if (entry.match !== undefined && !(message ?? '').includes(entry.match)) return false;
  return true;
}

/** The fingerprint of a failure: the test, its code, and the step or member its message names. */
export function fingerprintOf(id: string, code: string | undefined, message: string | undefined): { key: string; code?: string; match?: string } {
  const match = whereOf(message ?? '');
  return { key: [id, code ?? 'ASSERTION', match].filter(Boolean).join(' '), ...(code ? { code } : {}), ...(match ? { match } : {}) };
}

/** The step or member a failure message names, when it names one in a form that stays stable between runs. */
export function whereOf(message: string): string | undefined {
  const first = message.split('\n')[0] ?? '';
  return /\bstep \d+\b/.exec(first)?.[0] ?? /(?:^|\s)(\/[A-Za-z][\w]*(?:\/[A-Za-z][\w]*)*)/.exec(message)?.[1] ?? undefined;
}
