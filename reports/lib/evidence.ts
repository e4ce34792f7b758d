/**
 * What the attachments of a run say beyond pass and fail: the shape of every notification type
 * (fields seen, and the values of enumerated fields) and the latency of every operation (reply
 * time, and the delay until the first notification it caused).
 *
 * Notification delay of an operation: from the start of the request to the first notification
 * the same user receives after it, before that user's next request. Both times are taken in the
 * same worker process, by the same clock.
 */

export interface ExchangeEvidence {
  method: string;
  url: string;
  requestBody?: unknown;
  status?: number;
  startedAt: string;
  durationMs: number;
}

export interface NotificationEvidence {
  channel: string;
  receivedAt: string;
  data: Record<string, unknown>;
}

export interface Shape {
  count: number;
  fields: string[];
  values: Record<string, (string | number | boolean)[]>;
}

export interface Latency {
  count: number;
  p50: number;
  p95: number;
}

export interface OperationLatency {
  reply: Latency;
  notification?: Latency;
}

/** Keys whose values are a vocabulary (states, modes, types), not data: their values are kept. */
const VOCABULARY = new Set([
  'messageType', 'notificationType', 'state', 'visibility', 'type', 'supervisorMode', 'chatType', 'mute', 'deviceState',
  'doNotDisturb', 'telephonyNetwork', 'callType', 'mode', 'scope', 'capabilities', 'dndState', 'monitoredUserMuted',
  'supervisorListeningIn', 'recordingState', 'channel',
]);

export function typeKey(data: Record<string, unknown>): string {
  return `${String(data.messageType ?? '?')}/${String(data.notificationType ?? '-')}`;
}

function walk(value: unknown, path: string, key: string, fields: Set<string>, values: Map<string, Set<string | number | boolean>>): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, `${path}[]`, key, fields, values);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const child = path ? `${path}.${k}` : k;
      fields.add(child);
      walk(v, child, k, fields, values);
    }
    return;
  }
  if (VOCABULARY.has(key) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
    const set = values.get(path) ?? new Set();
    set.add(value);
    values.set(path, set);
  }
}

export class ShapeCollector {
  private readonly shapes = new Map<string, { count: number; fields: Set<string>; values: Map<string, Set<string | number | boolean>> }>();

  add(data: Record<string, unknown>): void {
    const key = typeKey(data);
    const entry = this.shapes.get(key) ?? { count: 0, fields: new Set<string>(), values: new Map() };
    entry.count += 1;
    walk(data, '', '', entry.fields, entry.values);
    this.shapes.set(key, entry);
  }

  result(): Record<string, Shape> {
    const out: Record<string, Shape> = {};
    for (const [key, entry] of [...this.shapes].sort(([a], [b]) => a.localeCompare(b))) {
      out[key] = {
        count: entry.count,
        fields: [...entry.fields].sort(),
        values: Object.fromEntries([...entry.values].sort(([a], [b]) => a.localeCompare(b)).map(([p, v]) => [p, [...v].sort()])),
      };
    }
    return out;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 10) / 10;
}

function latencyOf(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** "Accept /me/smssessions/{id}", "GET /me/devices": an operation, with ids taken out of the path. */
export function operationKey(exchange: ExchangeEvidence): string {
  const path = new URL(exchange.url).pathname
    .replace(/^.*\/api\/v2/, '')
    .split('/')
    .map((segment) => (/^[0-9A-Za-z-]{12,}$/.test(segment) && /\d/.test(segment) ? '{id}' : segment))
    .join('/');
  const body = exchange.requestBody as { operationName?: unknown } | undefined;
  const name = body && typeof body === 'object' && typeof body.operationName === 'string' ? body.operationName : exchange.method;
  return `${name} ${path}`;
}

export class LatencyCollector {
  private readonly replies = new Map<string, number[]>();
  private readonly delays = new Map<string, number[]>();

  /** One user's exchanges and notifications, from one test. */
  add(exchanges: ExchangeEvidence[], notifications: NotificationEvidence[]): void {
    const sorted = [...exchanges].filter((e) => e.status !== undefined).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
    const arrivals = notifications.map((n) => Date.parse(n.receivedAt)).sort((a, b) => a - b);
    sorted.forEach((exchange, i) => {
      const key = operationKey(exchange);
      this.replies.set(key, [...(this.replies.get(key) ?? []), exchange.durationMs]);
      if (exchange.method === 'GET') return;
      const start = Date.parse(exchange.startedAt);
      const next = sorted[i + 1] ? Date.parse(sorted[i + 1]!.startedAt) : Infinity;
      const first = arrivals.find((t) => t >= start && t < next);
      if (first !== undefined) this.delays.set(key, [...(this.delays.get(key) ?? []), first - start]);
    });
  }

  result(): Record<string, OperationLatency> {
    const out: Record<string, OperationLatency> = {};
    for (const key of [...this.replies.keys()].sort()) {
      const delays = this.delays.get(key);
      out[key] = { reply: latencyOf(this.replies.get(key)!), ...(delays ? { notification: latencyOf(delays) } : {}) };
    }
    return out;
  }
}
