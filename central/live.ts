import type { ServerResponse } from 'node:http';
import type { CentralStore, CommitInfo } from './store/store';

/**
 * Live notifications over server-sent events: `event: changed` with `data: {"seq":"N"}`, where
 * N is the latest committed seq, so a connected client knows to pull the feed. The stream
 * carries no records (the feed stays the one source of data, with its scope checks).
 *
 *  - A listener hears of a commit only when it touched one of the listener's units or reference
 *    data, whichever instance made it (PostgreSQL: the store hears of other instances' commits
 *    through LISTEN/NOTIFY, with their units).
 *  - Bursts are coalesced: one event per listener per `flushMs` at most, carrying the latest
 *    head, so a thousand commits a second do not become a thousand writes per client.
 *  - Heartbeat comments keep proxies from closing an idle stream and reveal dead sockets.
 *  - The number of listeners is bounded, overall and per officer: each costs a socket.
 *  - SQLite only (one server per file, but a CLI or a second process may write it): while anyone
 *    listens, the head is polled every `pollMs`, and a commit found that way goes to all.
 */
export interface LiveOptions {
  readonly maxListeners: number;
  readonly maxPerOfficer: number;
  readonly heartbeatMs: number;
  readonly flushMs: number;
  readonly pollMs: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  maxListeners: 1000,
  maxPerOfficer: 20,
  heartbeatMs: 15_000,
  flushMs: 25,
  pollMs: 500,
};

interface Listener {
  readonly officerId: string;
  readonly scope: ReadonlySet<string>;
  readonly res: ServerResponse;
  lastSent: number;
}

export type OpenResult = { ok: true; close: () => void } | { ok: false; reason: string };

export class LiveHub {
  private readonly listeners = new Set<Listener>();
  /**
   * Listeners by the units they see, and open streams per officer: a commit touches only the
   * listeners of its units, so its cost follows how many care, not how many are open.
   */
  private readonly byUnit = new Map<string, Set<Listener>>();
  private readonly perOfficer = new Map<string, number>();
  private readonly pending = new Set<Listener>();
  private readonly options: LiveOptions;
  private readonly store: CentralStore;
  private readonly unsubscribe: () => void;
  private head = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private polling = false;
  private closed = false;

  constructor(store: CentralStore, options: LiveOptions) {
    this.store = store;
    this.options = options;
    this.unsubscribe = store.onCommit((info) => this.commit(info));
  }

  get size(): number {
    return this.listeners.size;
  }

  async start(): Promise<void> {
    this.head = await this.store.head();
  }

  /** Adds a listener on an already hijacked response; the caller wrote nothing yet. */
  open(res: ServerResponse, officerId: string, scope: readonly string[]): OpenResult {
    if (this.closed) return { ok: false, reason: 'the server is shutting down' };
    if (this.listeners.size >= this.options.maxListeners) {
      return { ok: false, reason: `too many live listeners (limit ${this.options.maxListeners})` };
    }
    const mine = this.perOfficer.get(officerId) ?? 0;
    if (mine >= this.options.maxPerOfficer) {
      return {
        ok: false,
        reason: `too many live listeners for one officer (limit ${this.options.maxPerOfficer})`,
      };
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // The current head straight away: a client that connects after a pull learns whether it
    // missed something in between.
    res.write(
      `retry: 2000\nevent: changed\ndata: ${JSON.stringify({ seq: String(this.head) })}\n\n`,
    );
    const listener: Listener = {
      officerId,
      scope: new Set(scope),
      res,
      lastSent: this.head,
    };
    this.listeners.add(listener);
    this.perOfficer.set(officerId, mine + 1);
    for (const unit of listener.scope) {
      let set = this.byUnit.get(unit);
      if (!set) this.byUnit.set(unit, (set = new Set()));
      set.add(listener);
    }
    this.ensureTimers();
    let done = false;
    const close = () => {
      if (done) return;
      done = true;
      this.listeners.delete(listener);
      this.pending.delete(listener);
      const count = (this.perOfficer.get(officerId) ?? 1) - 1;
      if (count > 0) this.perOfficer.set(officerId, count);
      else this.perOfficer.delete(officerId);
      for (const unit of listener.scope) {
        const set = this.byUnit.get(unit);
        set?.delete(listener);
        if (set?.size === 0) this.byUnit.delete(unit);
      }
      if (!res.writableEnded) res.end();
      if (this.listeners.size === 0) this.stopTimers();
    };
    res.on('close', close);
    res.on('error', close);
    return { ok: true, close };
  }

  private commit(info: CommitInfo): void {
    if (info.head > this.head) this.head = info.head;
    if (info.units === 'all') {
      for (const l of this.listeners) this.pending.add(l);
    } else {
      for (const unit of info.units) {
        for (const l of this.byUnit.get(unit) ?? []) this.pending.add(l);
      }
    }
    if (this.pending.size > 0 && this.flushTimer === null) {
      this.flushTimer = setTimeout(() => this.flush(), this.options.flushMs);
    }
  }

  private flush(): void {
    this.flushTimer = null;
    const data = `event: changed\ndata: ${JSON.stringify({ seq: String(this.head) })}\n\n`;
    for (const l of this.pending) {
      if (l.lastSent >= this.head) continue;
      l.lastSent = this.head;
      l.res.write(data);
    }
    this.pending.clear();
  }

  private ensureTimers(): void {
    this.heartbeatTimer ??= setInterval(() => {
      for (const l of this.listeners) l.res.write(': heartbeat\n\n');
    }, this.options.heartbeatMs);
    this.heartbeatTimer.unref();
    if (this.store.kind === 'sqlite') {
      this.pollTimer ??= setInterval(() => void this.poll(), this.options.pollMs);
      this.pollTimer.unref();
    }
  }

  private stopTimers(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.heartbeatTimer = null;
    this.pollTimer = null;
  }

  /** Finds commits made by other processes on the same database. */
  private async poll(): Promise<void> {
    if (this.polling || this.closed) return;
    this.polling = true;
    try {
      const head = await this.store.head();
      if (head > this.store.knownHead) this.store.announce({ head, units: 'all' });
    } catch {
      // The database is briefly unreachable: the next poll tries again.
    } finally {
      this.polling = false;
    }
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.stopTimers();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const l of [...this.listeners]) l.res.end();
    this.listeners.clear();
    this.byUnit.clear();
    this.perOfficer.clear();
    this.pending.clear();
  }
}
