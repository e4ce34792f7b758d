import { existsSync, readFileSync } from 'node:fs';

/**
 * Known failures: tests a team has declared as failing for a known reason. Reported as known,
 * they do not fail the gate; one that passes again is flagged so that its entry can go.
 *
 * known-failures.json: [{ "id": "sms.accept.notification-sequence", "reason": "...",
 *                         "link": "https://tracker/ISSUE-1", "expires": "2027-01-31" }]
 */

export interface KnownFailure {
  id: string;
  reason: string;
  link?: string;
  /** Last day (YYYY-MM-DD, inclusive) the entry counts; after it the failure fails the gate again. */
  expires?: string;
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
    return { id: e.id, reason: e.reason, ...(e.link ? { link: e.link } : {}), ...(e.expires ? { expires: e.expires } : {}) };
  });
}

export function isExpired(entry: KnownFailure, today = new Date()): boolean {
  return entry.expires !== undefined && entry.expires < today.toISOString().slice(0, 10);
}
