/**
 * Watches one CometD session after it is established, and says when it is lost: the server
 * answered `/meta/connect` with an unknown-session error or `reconnect: handshake` advice (a
 * re-handshake would open a new session and silently lose what was sent in between), a
 * re-handshake was needed, or the transport stayed down longer than a grace period. Waits that are
 * pending on a dropped session fail at once with this evidence instead of running into a timeout.
 */

export interface BayeuxReply {
  channel: string;
  successful?: boolean;
  error?: string;
  advice?: { reconnect?: string; interval?: number; timeout?: number };
}

export interface Dropped {
  reason: string;
  /** ms since the recorder was created */
  at: number;
}

type DropListener = (dropped: Dropped) => void;

export class SessionWatch {
  private established = false;
  private stopped = false;
  private downSince: number | undefined;
  private downTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<DropListener>();
  dropped: Dropped | undefined;

  constructor(
    private readonly options: {
      /** How long the transport may stay down before the session counts as lost. */
      graceMs: number;
      /** ms since the recorder was created, for the evidence. */
      now: () => number;
    },
  ) {}

  /** The subscription is acknowledged: from now on a loss is a drop, not a failed connect. */
  establish(): void {
    this.established = true;
  }

  /** The harness closes the session itself: nothing after this is a drop. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.downTimer);
  }

  /**
   * A `/meta/connect` or `/meta/handshake` reply. Returns true when the session is lost, so that
   * the caller tells faye not to reconnect on its own.
   */
  onMetaReply(message: BayeuxReply): boolean {
    if (!this.established || this.stopped) return false;
    const advice = message.advice?.reconnect;
    if (message.channel === '/meta/handshake') {
      this.drop(
        message.successful
          ? 'the client had to handshake again (a new CometD session: notifications sent in between are lost)'
          : `a new handshake was refused: ${message.error ?? 'no reason given'}`,
      );
      return true;
    }
    if (message.channel !== '/meta/connect') return false;
    if (message.successful === false || advice === 'handshake' || advice === 'none') {
      this.drop(
        `/meta/connect was answered successful=${String(message.successful)} error=${JSON.stringify(message.error ?? null)} ` +
          `advice=${JSON.stringify(message.advice ?? {})}: the server no longer knows this CometD session`,
      );
      return true;
    }
    return false;
  }

  transportDown(): void {
    if (!this.established || this.stopped || this.downSince !== undefined) return;
    this.downSince = this.options.now();
    this.downTimer = setTimeout(() => {
      this.drop(`the CometD transport went down at +${this.downSince} ms and stayed down for ${this.options.graceMs} ms`);
    }, this.options.graceMs);
  }

  transportUp(): void {
    this.downSince = undefined;
    clearTimeout(this.downTimer);
  }

  /** One line for a timeout message: the state of the session while the wait ran. */
  describe(): string {
    if (this.dropped) return `CometD session dropped at +${this.dropped.at} ms: ${this.dropped.reason}`;
    if (this.downSince !== undefined) return `CometD transport down since +${this.downSince} ms`;
    return 'CometD session up';
  }

  onDrop(listener: DropListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private drop(reason: string): void {
    if (this.dropped || this.stopped) return;
    clearTimeout(this.downTimer);
    this.dropped = { reason, at: this.options.now() };
    for (const listener of [...this.listeners]) listener(this.dropped);
  }
}
