
/**
 * The payload switches: extra members, shuffled lists, the other capability spelling, the other
 * URI key of MessageLogUpdated, the other timestamp form. Applied to a deep copy of a notification
 * or of a successful reply; error bodies are never reshaped (stated: statusCode + statusMessage only).
 */

/** Each documented spelling and its other form (schemas/ERRATA.md). */
const OTHER_SPELLING: Readonly<Record<string, string>> = {
  InFocus: 'SetInFocus',
  SetInFocus: 'InFocus',
  SwitchBargeIn: 'SwitchToBargeIn',
  SwitchToBargeIn: 'SwitchBargeIn',
};

/** Lists whose order carries meaning (a message log is read by index) are never shuffled. */
const ORDERED_LISTS = new Set(['messages']);

/** What reshaping needs of the latitude (index.ts): which switches are on, and its seeded randomness. */
interface Latitude {
  has(name: 'capability-spelling' | 'shuffled-lists' | 'uri-key' | 'extra-members' | 'timestamp-space'): boolean;
  int(a: number, b: number): number;
  shuffle<T>(items: T[]): T[];
}

/** The member a server of this family might add; its value varies so no one relies on it. */
export const EXTRA_MEMBER = 'latitudeExtension';

/** "2014-01-02T14:23:18.000+0000" → "2014-01-02 14:23:18.000+0000" (SendMessage sample). */
const ISO_T = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d+)?[+-]\d{4})$/;

function walk(latitude: Latitude, value: unknown, key: string | undefined, kind: 'notification' | 'reply'): unknown {
  if (Array.isArray(value)) {
    let items = value.map((v) => walk(latitude, v, undefined, kind));
    if (key === 'capabilities' && latitude.has('capability-spelling')) {
      items = items.map((c) => (typeof c === 'string' ? (OTHER_SPELLING[c] ?? c) : c));
    }
    if (latitude.has('shuffled-lists') && !ORDERED_LISTS.has(key ?? '')) latitude.shuffle(items);
    return items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      let name = k;
      if (k === 'smssessionUri' && kind === 'notification' && latitude.has('uri-key')) name = 'smsessionUri';
      out[name] = walk(latitude, v, k, kind);
    }
    if (latitude.has('extra-members')) out[EXTRA_MEMBER] = latitude.int(1, 1_000_000);
    return out;
  }
  if (typeof value === 'string' && key === 'timestamp' && latitude.has('timestamp-space')) {
    const match = ISO_T.exec(value);
    if (match) return `${match[1]} ${match[2]}`;
  }
  return value;
}

export function reshape(latitude: Latitude, data: Record<string, unknown>, kind: 'notification' | 'reply'): Record<string, unknown> {
  return walk(latitude, data, undefined, kind) as Record<string, unknown>;
}
