import pg from 'pg';

/**
 * Commits heard across instances: every PostgreSQL transaction that draws seqs also sends
 * `NOTIFY central_commit` with the head it reached and the units it touched (delivered only at
 * its commit, in commit order), and every instance keeps one connection that LISTENs, so a
 * commit on one instance reaches the live listeners of all the others within milliseconds
 * instead of a polling period. Each instance ignores its own notices (it told its listeners at
 * commit already).
 *
 * Notifications are not a log: one sent while the listening connection was down is lost. So
 * after every (re)connection the instance reads the head once and announces it when it moved
 * (`onResync`), and live clients pull the feed, which is the only source of data, anyway.
 */

export const COMMIT_CHANNEL = 'central_commit';
/** A session ended (sign-out): its token hash, so every instance drops it from its cache. */
export const SESSION_CHANNEL = 'central_session';

/** PostgreSQL refuses payloads of 8000 bytes or more; beyond this many characters we say "all". */
const MAX_UNITS_TEXT = 6000;

export interface CommitNotice {
  readonly instance: string;
  readonly head: number;
  readonly units: readonly string[] | 'all';
}

/** The JSON value of the units a commit touched, short enough for a notification. */
export function unitsPayload(units: ReadonlySet<string> | 'all'): string {
  if (units === 'all') return '"all"';
  const text = JSON.stringify([...units]);
  return text.length > MAX_UNITS_TEXT ? '"all"' : text;
}

export function noticePayload(
  instance: string,
  head: number,
  units: ReadonlySet<string> | 'all',
): string {
  return `{"i":${JSON.stringify(instance)},"h":${head},"u":${unitsPayload(units)}}`;
}

/** A notice's payload, or null when it is not one of ours (anyone may NOTIFY the channel). */
export function parseNotice(payload: string | undefined): CommitNotice | null {
  if (payload === undefined) return null;
  try {
    const value = JSON.parse(payload) as { i?: unknown; h?: unknown; u?: unknown };
    if (typeof value.i !== 'string' || typeof value.h !== 'number') return null;
    const units =
      value.u === 'all'
        ? 'all'
        : Array.isArray(value.u) && value.u.every((u) => typeof u === 'string')
          ? value.u
          : null;
    if (units === null || !Number.isSafeInteger(value.h) || value.h < 0) return null;
    return { instance: value.i, head: value.h, units };
  } catch {
    return null;
  }
}

export interface CommitChannelOptions {
  readonly url: string;
  readonly instance: string;
  readonly onNotice: (notice: CommitNotice) => void;
  /** A session ended on some instance (this one included): its token hash. */
  readonly onSessionEnded: (tokenHash: string) => void;
  /** After each (re)connection: commits and sign-outs made while not listening were not heard. */
  readonly onResync: () => void;
  readonly log: (line: string) => void;
  /** Reconnection delays: doubling from `minMs`, at most `maxMs`. */
  readonly retry?: { readonly minMs: number; readonly maxMs: number };
}

/** One LISTEN connection that comes back by itself when the database drops it. */
export class CommitChannel {
  readonly #options: CommitChannelOptions;
  #client: pg.Client | null = null;
  #closed = false;
  #delay: number;
  #timer: NodeJS.Timeout | null = null;
  #listening = false;
  #reconnects = 0;

  constructor(options: CommitChannelOptions) {
    this.#options = options;
    this.#delay = options.retry?.minMs ?? 100;
  }

  /** Whether the connection is up and listening now. */
  get listening(): boolean {
    return this.#listening;
  }

  /** Times the connection was lost and made again. */
  get reconnects(): number {
    return this.#reconnects;
  }

  /** Connects and listens; resolves once listening (or rejects: the caller decides). */
  async start(): Promise<void> {
    await this.#connect();
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.url,
      application_name: 'mot-cua-central-listen',
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === SESSION_CHANNEL) {
        if (message.payload && /^[0-9a-f]{64}$/.test(message.payload)) {
          this.#options.onSessionEnded(message.payload);
        }
        return;
      }
      if (message.channel !== COMMIT_CHANNEL) return;
      const notice = parseNotice(message.payload);
      if (notice && notice.instance !== this.#options.instance) this.#options.onNotice(notice);
    });
    const lost = (error?: Error) => {
      if (this.#client !== client) return;
      this.#client = null;
      this.#listening = false;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.#closed) return;
      this.#options.log(
        `[central] live notifications: connection lost${error ? ` (${error.message})` : ''}; reconnecting`,
      );
      this.#schedule();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.#client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${COMMIT_CHANNEL}; LISTEN ${SESSION_CHANNEL}`);
    } catch (error) {
      if (this.#client === client) this.#client = null;
      void client.end().catch(() => undefined);
      throw error;
    }
    if (this.#closed) {
      void client.end().catch(() => undefined);
      return;
    }
    this.#listening = true;
    this.#delay = this.#options.retry?.minMs ?? 100;
    this.#options.onResync();
  }

  #schedule(): void {
    if (this.#closed || this.#timer) return;
    const delay = this.#delay;
    this.#delay = Math.min(this.#options.retry?.maxMs ?? 5000, this.#delay * 2);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#connect().then(
        () => {
          this.#reconnects++;
        },
        () => this.#schedule(),
      );
    }, delay);
    this.#timer.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listening = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const client = this.#client;
    this.#client = null;
    if (client) await client.end().catch(() => undefined);
  }
}
