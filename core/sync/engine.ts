import { randomBytes } from 'node:crypto';
import { systemClock } from '@shared/clock';
import type { DemoAccount, Notice, SyncState, SyncStatus } from '@shared/contract/api';
import { ApiFailure } from '@shared/contract/envelope';
import type { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { KIND_NAMES, kindOf, type KindName, type KindRecordOf } from '@shared/kinds';
import type { Officer } from '@shared/model';
import type { MutationTarget, Session } from '@shared/sync/protocol';
import { createAccessQueue, type AccessQueue } from '../store/repos/access-queue';
import type { Db } from '../store/db';
import { deferIndexes, restoreDeferredIndexesAsync, SYNCED_TABLES } from '../store/bulk';
import { startLoadWorker, type LoadWorker } from './load-worker-host';
import { FeedReader } from './feed-reader';
import type { StoreWriter } from '../store/writer';
import type { CoreEvents } from '../events';
import {
  CentralError,
  createCentralClient,
  type CentralClient,
  type LiveSubscription,
} from './central-client';
import {
  LocalRefusal,
  SyncCache,
  type ChangedIds,
  type PageEffect,
  type ReplayContext,
} from './cache';
import { OfflineSignIn, type OfflineSignInOptions } from './offline-sign-in';

/**
 * The sync engine: keeps the local cache in step with the central API and pushes the officer's
 * changes, online or offline. One pump at a time does push → pull → push; anything that may
 * have changed something (a local action, a live notification, a reconnection, "sync now")
 * just kicks the pump. Failures are classified: no answer means offline (retry with exponential
 * backoff and jitter, keep working from the cache); an expired token signs the officer out.
 * Work is cut into bounded transactions with a yield between them, so the host process keeps
 * answering IPC/HTTP while a large initial sync runs.
 */

/** Where the host keeps the session token: safeStorage in Electron, memory in the browser host. */
export interface TokenStore {
  load(): string | null;
  save(token: string | null): void;
}

export function memoryTokenStore(): TokenStore {
  let token: string | null = null;
  return { load: () => token, save: (t) => (token = t) };
}

/** Rows per feed page unless configured (`pageSize`). */
const DEFAULT_PAGE_SIZE = 1000;

export interface SyncEngineOptions {
  db: Db;
  writer: StoreWriter;
  events: CoreEvents;
  tokenStore: TokenStore;
  clock?: () => number;
  fetch?: typeof fetch;
  log?: (message: string) => void;
  /** Rows per feed page: one page is one transaction, so this bounds each pause of the host. */
  pageSize?: number;
  retry?: { baseMs: number; maxMs: number };
  /** Offered on the sign-in screen (the embedded central API's address and demo accounts). */
  defaults?: { serverUrl: string | null; demoAccounts: DemoAccount[] };
  requestTimeoutMs?: number;
  /**
   * The store's file, so that a large initial sync can run on a thread of its own with its own
   * connection. Without it (an in-memory store, an injected fetch) everything runs on this thread.
   */
  store?: { path: string; nativeBinding?: string; key?: Buffer };
  /**
   * An initial sync of more rows than this runs on the loader thread (load-worker.ts): starting a
   * thread costs a few hundred milliseconds, worth it only when the load takes seconds.
   */
  workerAbove?: number;
  /** Offline sign-in: how many days after the last online one (0: never; see offline-sign-in.ts). */
  offlineSignIn?: OfflineSignInOptions;
  /**
   * The embedded central API of this data folder could not come back on its old address: the
   * session's address is moved to the new one (same central API, same data, another port).
   */
  serverMoved?: { from: string; to: string };
}

/** The officer's credentials from an offline sign-in, held in memory until the central API confirms them. */
interface Unconfirmed {
  username: string;
  password: string;
}

const PUSH_BATCH = 100;
/**
 * Cost a transaction while storing feed pages (see storeCost): about 3,000 history entries or 200
 * records, some 20 ms of work, then a pause so the host answers the officer.
 */
const CHUNK_COST = 3000;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Accesses per request, and how long a logged one waits for others before it is sent. */
const ACCESS_BATCH = 200;
const ACCESS_DELAY_MS = 1000;

export class SyncEngine {
  readonly cache: SyncCache;
  /** Accesses to citizens' records waiting for the central API (issue 12, core/access). */
  readonly accessQueue: AccessQueue;
  #accessTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #options: SyncEngineOptions;
  readonly #clock: () => number;
  #client: CentralClient | null = null;
  #live: LiveSubscription | null = null;
  /** True between the live stream's open and close: "online" means we would hear of changes. */
  #liveConnected = false;
  #state: SyncState = 'signed_out';
  #lastError: string | null = null;
  #lastSyncAt: number | null = null;
  #progress: { done: number; total: number } | null = null;
  #running: Promise<void> | null = null;
  #dirty = false;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #liveTimer: ReturnType<typeof setTimeout> | null = null;
  #liveAttempt = 0;
  #closed = false;
  #calendar: WorkingCalendar | null = null;
  #loader: LoadWorker | null = null;
  readonly #offline: OfflineSignIn;
  /**
   * Set by an offline sign-in: the password the officer typed, in memory only, until the central
   * API answers and confirms it (then a real session replaces the offline one).
   */
  #unconfirmed: Unconfirmed | null = null;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.cache = new SyncCache(options.db, options.writer);
    this.accessQueue = createAccessQueue(options.db);
    this.#offline = new OfflineSignIn(this.cache.repositories.meta, options.offlineSignIn);
    const last = this.cache.meta('sync.lastSyncAt');
    this.#lastSyncAt = last === null ? null : Number(last);
    const moved = options.serverMoved;
    if (moved && this.cache.meta('session.serverUrl') === moved.from) {
      this.cache.setMeta('session.serverUrl', moved.to);
    }
  }

  /** Resumes the saved session, if any (the token comes from the host's token store). */
  start(): void {
    const serverUrl = this.cache.meta('session.serverUrl');
    if (serverUrl && this.#options.tokenStore.load() && this.#officer()) this.#connect(serverUrl);
    else this.#emitStatus();
  }

  close(): void {
    this.#closed = true;
    if (this.#accessTimer) clearTimeout(this.#accessTimer);
    this.#disconnect();
  }

  /**
   * An access was logged: sent within a second while online (accesses come in bursts as an
   * officer moves through a queue); offline it waits for the next sync.
   */
  accessQueued(): void {
    if (!this.#client || this.#accessTimer || this.#closed) return;
    this.#accessTimer = setTimeout(() => {
      this.#accessTimer = null;
      const client = this.#client;
      if (!client || this.#running) return; // the pump sends them
      this.#pushAccess(client).catch((error: unknown) =>
        this.#options.log?.(
          `[sync] access log: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }, ACCESS_DELAY_MS);
    this.#accessTimer.unref?.();
  }

  /**
   * Sends the signed-in officer's logged accesses, oldest first; each answered one (stored, a
   * replay of one stored before, or refused) leaves the queue. The central API stores each
   * (client, seq) once, so a batch sent again after a lost answer writes nothing twice.
   */
  async #pushAccess(client: CentralClient): Promise<void> {
    const clientId = this.cache.meta('session.clientId');
    const officer = this.#officer();
    if (!clientId || !officer || !client.pushAccess) return;
    for (let round = 0; round < 1000; round++) {
      const entries = this.accessQueue.pending(officer.id, ACCESS_BATCH);
      if (entries.length === 0) return;
      const response = await client.pushAccess({ clientId, entries });
      const refused = response.results.filter((r) => r.status === 'rejected');
      // Codes only: the log never carries a record's content.
      if (refused.length > 0) {
        this.#options.log?.(
          `[sync] access log: ${refused.length} entr${refused.length === 1 ? 'y' : 'ies'} refused (${[...new Set(refused.map((r) => r.code))].join(', ')})`,
        );
      }
      this.accessQueue.remove(response.results.map((r) => r.seq));
      if (response.results.length === 0) return;
    }
  }

  /** Waits for the pump to go idle (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  status(): SyncStatus {
    const officer = this.#officer();
    const signedIn = this.#state !== 'signed_out';
    return {
      state: this.#state,
      serverUrl: this.cache.meta('session.serverUrl'),
      officer,
      scopeUnitIds: this.#scope(),
      pending: this.cache.pendingCount(),
      notices: this.cache.noticeCount(),
      lastSyncAt: this.#lastSyncAt,
      // Until the first sync has finished, the cache holds only part of the officer's records:
      // it is reported as under way (0 of a total not known yet) from the moment of sign-in.
      progress:
        this.#progress ?? (signedIn && !this.cache.initialDone ? { done: 0, total: 0 } : null),
      lastError: this.#lastError,
      offlineSignIn: signedIn && this.#unconfirmed !== null,
    };
  }

  defaults(): { serverUrl: string | null; demoAccounts: DemoAccount[] } {
    return this.#options.defaults ?? { serverUrl: null, demoAccounts: [] };
  }

  // ---------------------------------------------------------------------------------------------
  // session

  async login(serverUrl: string, username: string, password: string): Promise<SyncStatus> {
    const client = createCentralClient({
      baseUrl: serverUrl,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      timeoutMs: this.#options.requestTimeoutMs ?? 30_000,
    });
    let session: Session;
    try {
      session = await client.login(username, password);
    } catch (error) {
      if (error instanceof CentralError) {
        if (error.kind === 'offline')
          return this.#loginOffline(client.baseUrl, username, password, error);
        if (error.status === 401 || error.kind === 'unauthorized') {
          // The central API is the authority: a password it refuses no longer opens offline.
          this.#offline.forget(client.baseUrl, username);
          throw new ApiFailure('UNAUTHORIZED', 'wrong username or password');
        }
        throw new ApiFailure('BAD_REQUEST', error.message);
      }
      throw error;
    }
    const previous = this.#officer();
    const sameServer = this.cache.meta('session.serverUrl') === client.baseUrl;
    if (!previous || previous.id !== session.officer.id || !sameServer) {
      this.#refuseOverOthersChanges();
      // Another officer, or another server: their scope differs, so the cache starts afresh.
      this.#disconnect();
      this.cache.reset();
      this.cache.setMeta('session.clientId', randomBytes(16).toString('base64url'));
      this.cache.setMeta('sync.nextClientSeq', '1');
    }
    this.#startSession(client.baseUrl, session);
    await this.#rememberVerifier(client.baseUrl, username, password, session.officer.id);
    this.#connect(client.baseUrl);
    return this.status();
  }

  /**
   * The central API did not answer: an officer who signed in online on this computer before,
   * whose data this cache holds, signs in against the kept verifier and works from the cache.
   * Their password stays in memory only, to open a real session as soon as the central API
   * answers; nothing else of the session changes.
   */
  async #loginOffline(
    baseUrl: string,
    username: string,
    password: string,
    cause: CentralError,
  ): Promise<SyncStatus> {
    const unreachable = `cannot reach ${baseUrl}: ${cause.message}`;
    if (!this.#offline.enabled) throw new ApiFailure('UNAVAILABLE', unreachable);
    const check = await this.#offline.check(baseUrl, username, password, this.#clock());
    if (!check.ok && check.reason === 'wrong')
      throw new ApiFailure('UNAUTHORIZED', 'wrong username or password');
    if (!check.ok) {
      throw new ApiFailure(
        'UNAVAILABLE',
        check.reason === 'expired'
          ? `${unreachable}; offline sign-in for ${username} has expired: sign in online once`
          : `${unreachable}; ${username} has not signed in online on this computer yet`,
        check.reason === 'expired' ? 'OFFLINE_SIGN_IN_EXPIRED' : 'OFFLINE_SIGN_IN_UNKNOWN',
      );
    }
    const cached = this.#officer();
    if (
      !cached ||
      cached.id !== check.officerId ||
      this.cache.meta('session.serverUrl') !== baseUrl
    ) {
      this.#refuseOverOthersChanges();
      throw new ApiFailure(
        'UNAVAILABLE',
        `${unreachable}; this computer holds another officer's data, so ${username} can sign in only online`,
        'OFFLINE_SIGN_IN_OTHER_DATA',
      );
    }
    this.#unconfirmed = { username, password };
    this.#lastError = null;
    this.#connect(baseUrl);
    return this.status();
  }

  /** Another officer's changes are never dropped: their owner must sign in to send them. */
  #refuseOverOthersChanges(): void {
    const pending = this.cache.pendingCount();
    if (pending === 0) return;
    const owner = this.#officer();
    const who = owner ? `${owner.fullName} (${owner.username})` : 'another officer';
    throw new ApiFailure(
      'CONFLICT',
      `this computer still holds ${pending} unsent change(s) of ${who}; sign in as ${owner?.username ?? 'that officer'} to send them first — nothing was deleted`,
    );
  }

  #startSession(baseUrl: string, session: Session): void {
    this.cache.setMeta('session.serverUrl', baseUrl);
    this.cache.setMeta('session.officer', JSON.stringify(session.officer));
    this.cache.setMeta('session.scope', JSON.stringify(session.scopeUnitIds));
    this.#options.tokenStore.save(session.token);
    this.#unconfirmed = null;
    this.#lastError = null;
  }

  async #rememberVerifier(
    baseUrl: string,
    username: string,
    password: string,
    officerId: string,
  ): Promise<void> {
    try {
      await this.#offline.remember(baseUrl, username, password, officerId, this.#clock());
    } catch (error) {
      // Offline sign-in is a convenience: the online session stands without it.
      this.#options.log?.(`[sync] offline sign-in not kept: ${String(error)}`);
    }
  }

  /**
   * The first answer of the central API after an offline sign-in: a real session replaces the
   * offline one. A password it refuses ends the session (the changes made meanwhile stay in the
   * outbox until the officer signs in again).
   */
  async #confirmOfflineSession(client: CentralClient, unconfirmed: Unconfirmed): Promise<void> {
    let session: Session;
    try {
      session = await client.login(unconfirmed.username, unconfirmed.password);
    } catch (error) {
      if (
        error instanceof CentralError &&
        (error.status === 401 || error.kind === 'unauthorized' || error.kind === 'rejected')
      ) {
        this.#offline.forget(client.baseUrl, unconfirmed.username);
        this.#unconfirmed = null;
        this.#disconnect();
        this.#options.tokenStore.save(null);
        this.#setState(
          'signed_out',
          'the central API refused the password of the offline session: sign in again',
        );
      }
      throw error;
    }
    if (session.officer.id !== this.#officer()?.id) {
      this.#unconfirmed = null;
      this.#disconnect();
      this.#setState('signed_out', 'the central API knows this account as another officer');
      throw new CentralError('rejected', 'another officer');
    }
    this.#startSession(client.baseUrl, session);
    await this.#rememberVerifier(
      client.baseUrl,
      unconfirmed.username,
      unconfirmed.password,
      session.officer.id,
    );
    this.#emitStatus();
    this.#openLive();
  }

  async logout(): Promise<SyncStatus> {
    const client = this.#client;
    const confirmed = this.#unconfirmed === null;
    this.#disconnect();
    this.#unconfirmed = null;
    if (client && confirmed) await client.logout().catch(() => undefined);
    this.#options.tokenStore.save(null);
    this.#setState('signed_out');
    return this.status();
  }

  #officer(): Officer | null {
    return this.cache.officer();
  }

  #scope(): string[] {
    return this.cache.scope();
  }

  // ---------------------------------------------------------------------------------------------
  // local actions

  /**
   * The one mutation path: the action is applied locally by the kind's state machine and queued
   * for the central API in one transaction (SyncCache.enqueue); the pump is kicked to push it.
   */
  act<N extends KindName>(
    entity: N,
    id: string,
    action: MutationTarget['action'],
  ): { record: KindRecordOf<N>; pending: number } {
    const officer = this.#officer();
    if (!officer) throw new ApiFailure('UNAUTHORIZED', 'sign in before acting on records');
    try {
      const { record, pending } = this.cache.enqueue(
        { entity, id, action } as MutationTarget,
        this.#clock(),
        this.#replayContext(),
      );
      this.#options.events.emit(`${kindOf(entity).plural}.changed`, { ids: [id] });
      this.#emitStatus();
      this.#kick();
      return { record: record as KindRecordOf<N>, pending };
    } catch (error) {
      if (error instanceof LocalRefusal) {
        throw new ApiFailure(
          error.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'RULE_VIOLATION',
          error.message,
          error.code,
        );
      }
      throw error;
    }
  }

  /** Who acts and on which calendar, as the state machines see it when replaying here. */
  actingContext(): ReplayContext | null {
    return this.#officer() ? this.#replayContext() : null;
  }

  notices(includeDismissed: boolean): Notice[] {
    return this.cache.repositories.notices.list(includeDismissed);
  }

  dismissNotice(id: string): boolean {
    const dismissed = this.cache.repositories.notices.dismiss(id, this.#clock());
    if (dismissed) this.#emitStatus();
    return dismissed;
  }

  #replayContext(): ReplayContext {
    const context = this.cache.replayContext(this.#calendar);
    this.#calendar = context.calendar;
    return context;
  }

  // ---------------------------------------------------------------------------------------------
  // the pump

  /** Pull and push now; resolves when this round is over. */
  async syncNow(): Promise<SyncStatus> {
    if (!this.#client) throw new ApiFailure('UNAUTHORIZED', 'not signed in');
    this.#attempt = 0;
    this.#kick();
    await this.idle();
    return this.status();
  }

  #connect(serverUrl: string): void {
    this.#disconnect();
    this.#client = createCentralClient({
      baseUrl: serverUrl,
      token: () => this.#options.tokenStore.load(),
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      timeoutMs: this.#options.requestTimeoutMs ?? 30_000,
    });
    // An offline session listens once the central API has confirmed it (#pump).
    if (!this.#unconfirmed) this.#openLive();
    this.#kick();
  }

  #disconnect(): void {
    void this.#loader?.stop();
    this.#loader = null;
    this.#live?.close();
    this.#live = null;
    this.#liveConnected = false;
    this.#client = null;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (this.#liveTimer) clearTimeout(this.#liveTimer);
    this.#retryTimer = null;
    this.#liveTimer = null;
  }

  #openLive(): void {
    const client = this.#client;
    if (!client || this.#closed) return;
    this.#live = client.live({
      onOpen: () => {
        this.#liveAttempt = 0;
        this.#liveConnected = true;
        // Whatever happened while we were not listening, catch up now.
        this.#kick();
      },
      onChange: (seq) => {
        if (BigInt(seq) > BigInt(this.cache.cursor)) this.#kick();
      },
      onClose: (error) => {
        if (this.#client !== client || this.#closed) return;
        this.#live = null;
        this.#liveConnected = false;
        if (error.kind === 'unauthorized') return this.#signedOutByServer();
        if (this.#state !== 'signed_out') this.#setState('offline', error.message);
        this.#liveTimer = setTimeout(() => this.#openLive(), this.#backoff(this.#liveAttempt++));
        this.#liveTimer.unref?.();
      },
    });
  }

  #kick(): void {
    this.#dirty = true;
    if (!this.#running) this.#running = this.#pump().finally(() => (this.#running = null));
  }

  async #pump(): Promise<void> {
    while (this.#dirty && this.#client && !this.#closed) {
      this.#dirty = false;
      const client = this.#client;
      try {
        this.#setState('syncing');
        if (this.#unconfirmed) await this.#confirmOfflineSession(client, this.#unconfirmed);
        await this.#push(client);
        await this.#pull(client);
        // Changes confirmed by this last push keep their provisional history entries until a
        // pull brings the real ones: another round pulls them.
        if ((await this.#push(client)) > 0) this.#dirty = true;
        await this.#pushAccess(client);
        this.#attempt = 0;
        this.#lastSyncAt = this.#clock();
        this.cache.setMeta('sync.lastSyncAt', String(this.#lastSyncAt));
        this.#lastError = null;
        this.#setState(
          this.#liveConnected ? 'online' : 'offline',
          this.#liveConnected ? null : 'live updates are reconnecting',
        );
      } catch (error) {
        if (this.#client !== client) return; // signed out or switched meanwhile
        this.#failed(error);
        return;
      }
    }
  }

  #failed(error: unknown): void {
    if (error instanceof CentralError && error.kind === 'unauthorized')
      return this.#signedOutByServer();
    const message = error instanceof Error ? error.message : String(error);
    this.#options.log?.(`[sync] ${message}`);
    this.#setState('offline', message);
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#kick();
    }, this.#backoff(this.#attempt++));
    this.#retryTimer.unref?.();
  }

  #signedOutByServer(): void {
    this.#disconnect();
    this.#options.tokenStore.save(null);
    this.#setState('signed_out', 'the session has expired: sign in again');
  }

  /** Exponential backoff with jitter: a crowd of clients coming back does not stampede. */
  #backoff(attempt: number): number {
    const { baseMs, maxMs } = this.#options.retry ?? { baseMs: 500, maxMs: 30_000 };
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 16));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  }

  /** Pushes the outbox; resolves with the number of changes the central API applied. */
  async #push(client: CentralClient): Promise<number> {
    const clientId = this.cache.meta('session.clientId');
    if (!clientId) return 0;
    let applied = 0;
    for (let round = 0; round < 1000; round++) {
      const batch = this.cache.pendingBatch(PUSH_BATCH);
      if (batch.length === 0) return applied;
      let response;
      try {
        response = await client.push({ clientId, mutations: batch });
      } catch (error) {
        this.cache.recordAttempt(
          batch.map((m) => m.seq),
          error instanceof Error ? error.message : String(error),
        );
        throw error;
      }
      const effect = this.cache.applyPushResults(
        response.results,
        this.#clock(),
        this.#replayContext(),
      );
      this.#emitChanges(effect.changed);
      this.#emitStatus();
      applied += response.results.filter((r) => r.status === 'applied').length;
      const progressed = response.results.some(
        (r) => r.status === 'applied' || r.code !== 'OUT_OF_ORDER',
      );
      if (!progressed)
        throw new CentralError('server', 'the central API refused the changes as out of order');
      await pause();
    }
    return applied;
  }

  async #pull(client: CentralClient): Promise<void> {
    // Every change confirmed before this pull is in the feed it reads to the end.
    const confirmed = this.cache.confirmationMark();
    // The total for the progress bar, from the probe when there is one (counting costs the
    // central API three scans, so it is asked for once).
    let total: number | null = null;
    if (!this.cache.initialDone && this.#options.store && !this.#options.fetch) {
      // Ask how much there is; a large load goes to the loader thread, which fetches from the
      // same cursor again (one page fetched twice, against seconds of the host held busy).
      const probe = await client.changes({ since: this.cache.cursor, limit: 1, count: '1' });
      total = probe.remaining ?? null;
      if ((total ?? 0) > (this.#options.workerAbove ?? 20_000))
        await this.#pullOnLoaderThread(client, this.#options.store, total ?? 0);
    }
    const initial = !this.cache.initialDone;
    // Until the first full sync completes the cache is loaded, not edited: index afterwards.
    if (initial) deferIndexes(this.#options.db, SYNCED_TABLES);
    try {
      let done = 0;
      // The central API prepares the next page while this one is stored.
      const reader = new FeedReader((q, h) => client.changes(q, h), this.cache.cursor, {
        limit: this.#options.pageSize ?? DEFAULT_PAGE_SIZE,
        ahead: 1,
        count: initial && total === null,
      });
      for (let page = 0; page < 1_000_000; page++) {
        const feed = await reader.next();
        if (feed.remaining !== undefined) total = feed.remaining;
        const effect = await this.cache.applyPageInChunks(
          feed,
          () => this.#replayContext(),
          CHUNK_COST,
          pause,
        );
        if (effect.referenceChanged) this.#calendar = null;
        this.#noteChainBreaks(effect);
        this.#emitChanges(effect.changed);
        if (initial) {
          done += effect.rows;
          this.#progress = { done, total: Math.max(total ?? done, done) };
          this.#emitStatus();
        }
        if (!feed.hasMore) break;
        await pause();
      }
      if (initial) this.cache.markInitialDone();
      this.#emitChanges(this.cache.dropConfirmed(confirmed));
    } finally {
      if (initial) {
        await restoreDeferredIndexesAsync(this.#options.db, pause);
        this.#progress = null;
        this.#emitStatus();
      }
    }
  }

  /**
   * A large initial sync: this thread only fetches the pages (the next ones asked for ahead by
   * FeedReader) and moves their bodies to the loader thread, which parses, validates and stores
   * them and rebuilds the indexes at the end. Two pages at most wait for the loader, so memory
   * stays flat however large the officer's scope.
   */
  /** Entries whose audit link did not match: a notice per record (cache.ts, #checkLink). */
  #noteChainBreaks(effect: PageEffect): void {
    if (effect.chainBreaks.length === 0) return;
    this.cache.noteChainBreaks(effect.chainBreaks, this.#clock());
    this.#emitStatus();
  }

  async #pullOnLoaderThread(
    client: CentralClient,
    store: { path: string; nativeBinding?: string; key?: Buffer },
    total: number,
  ): Promise<void> {
    let done = 0;
    const loader = startLoadWorker(
      {
        storePath: store.path,
        ...(store.nativeBinding ? { nativeBinding: store.nativeBinding } : {}),
        ...(store.key ? { key: store.key } : {}),
      },
      (effect) => {
        if (this.#loader !== loader) return;
        done += effect.rows;
        this.#progress = { done, total: Math.max(total, done) };
        this.#noteChainBreaks(effect);
        this.#emitChanges(effect.changed);
        this.#emitStatus();
      },
    );
    this.#loader = loader;
    const reader = new FeedReader((q, h) => client.changesBody(q, h), this.cache.cursor, {
      // Pages twice the usual size: this thread does no per-row work, and each page costs the
      // central API a snapshot and four queries and the loader a commit, whatever its size.
      limit: this.#options.pageSize ?? 2 * DEFAULT_PAGE_SIZE,
      ahead: 1,
      count: false,
    });
    try {
      for (let page = 0; page < 10_000_000; page++) {
        let body;
        try {
          body = await reader.next();
        } catch (error) {
          loader.end();
          await loader.finished.catch(() => undefined);
          throw error;
        }
        const hasMore = body.hasMore;
        await loader.store(body, 2);
        if (!hasMore) break;
      }
      await loader.finished;
    } finally {
      if (this.#loader === loader) this.#loader = null;
      this.#calendar = null;
      this.#progress = null;
      // A thread stopped mid-page (sign-out, shutdown) leaves its indexes deferred: restore them.
      if (!this.#closed) await restoreDeferredIndexesAsync(this.#options.db, pause);
      this.#emitStatus();
    }
  }

  /** The grids' refresh events, per kind, in slices the contract's event accepts. */
  #emitChanges(changed: ChangedIds): void {
    for (const name of KIND_NAMES) {
      const ids = changed[name];
      for (let i = 0; i < ids.length; i += 10_000) {
        this.#options.events.emit(`${kindOf(name).plural}.changed`, {
          ids: ids.slice(i, i + 10_000),
        });
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  #setState(state: SyncState, error: string | null = null): void {
    const changed = state !== this.#state || error !== this.#lastError;
    this.#state = state;
    if (error !== null || state === 'online') this.#lastError = error;
    if (changed) this.#emitStatus();
  }

  #emitStatus(): void {
    this.#options.events.emit('sync.status', this.status());
  }
}
