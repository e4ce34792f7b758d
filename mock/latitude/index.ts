import { reshape } from './reshape';
import { LATITUDE_NAMES, type LatitudeName } from './switches';

export { LATITUDE, LATITUDE_NAMES, isLatitudeName, latitudeHelp, parseLatitude, parseLatitudeSeed, type LatitudeName } from './switches';

/**
 * The latitude switches a mock runs with, and the seeded randomness behind every choice they make
 * (delays, shuffles, statuses), so that a run under `all` can be replayed from its printed seed.
 */

export type Deliver = (userId: string, channel: string, data: Record<string, unknown>) => void;

/** Delays of the `delay` switch: short enough for a settle window, long enough to cross steps. */
export const DELAY_MIN_MS = 10;
export const DELAY_MAX_MS = 300;

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Queued {
  at: number;
  channel: string;
  data: Record<string, unknown>;
}

export class Latitude {
  readonly names: ReadonlySet<LatitudeName>;
  readonly random: () => number;
  private readonly queues = new Map<string, Queued[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(
    names: Iterable<LatitudeName> = [],
    readonly seed = 0,
  ) {
    this.names = new Set(names);
    this.random = generator(seed);
  }

  has(name: LatitudeName): boolean {
    return this.names.has(name);
  }

  get active(): boolean {
    return this.names.size > 0;
  }

  /** `a`..`b` inclusive. */
  int(a: number, b: number): number {
    return a + Math.floor(this.random() * (b - a + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.random() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }

  /** A notification or a successful reply body as this server shapes it (a copy; `data` is untouched). */
  reshape(data: Record<string, unknown>, kind: 'notification' | 'reply'): Record<string, unknown> {
    return this.active ? reshape(this, data, kind) : data;
  }

  /** Hands `data` to `deliver` now, or (switch `delay`) 10-300 ms later, after the user's earlier ones. */
  schedule(deliver: Deliver, userId: string, channel: string, data: Record<string, unknown>): void {
    if (!this.has('delay')) return deliver(userId, channel, data);
    const queue = this.queues.get(userId) ?? [];
    this.queues.set(userId, queue);
    const last = queue.at(-1)?.at ?? 0;
    queue.push({ at: Math.max(last, Date.now() + this.int(DELAY_MIN_MS, DELAY_MAX_MS)), channel, data });
    if (!this.timers.has(userId)) this.arm(deliver, userId);
  }

  private arm(deliver: Deliver, userId: string): void {
    const queue = this.queues.get(userId) ?? [];
    if (queue.length === 0 || this.closed) {
      this.timers.delete(userId);
      this.queues.delete(userId);
      if (this.queues.size === 0) this.wake();
      return;
    }
    const timer = setTimeout(() => {
      const now = Date.now();
      while (queue.length > 0 && queue[0]!.at <= now) {
        const next = queue.shift()!;
        deliver(userId, next.channel, next.data);
      }
      this.arm(deliver, userId);
    }, Math.max(0, queue[0]!.at - Date.now()));
    this.timers.set(userId, timer);
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once no delayed notification is waiting (at once when none is), bounded by `limitMs`. */
  drained(limitMs = 2 * DELAY_MAX_MS): Promise<void> {
    if (this.queues.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, limitMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.queues.clear();
    this.wake();
  }

  describe(): string {
    if (!this.active) return 'none';
    const all = LATITUDE_NAMES.every((n) => this.names.has(n));
    return `${all ? 'all' : [...this.names].join(',')} (seed ${this.seed})`;
  }
}
