import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '@shared/sync/audit';
import type { HistoryEntry, Officer } from '@shared/model';
import type { ActingOfficer, HistoryDraft } from '@shared/domain/rules';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { CalendarOverridesSchema } from '@shared/domain/calendar/schemas';
import { handlingPolicy, type HandlingPolicy } from '@shared/domain/handling';
import { signOffPolicy, type SignOffPolicy } from '@shared/domain/sign-off';
import {
  KIND_NAMES,
  kindOf,
  kindOfEntity,
  kindOfHistory,
  type KindName,
  type KindRecord,
  type KindRecordOf,
} from '@shared/kinds';
import type { FeedPage, Mutation, MutationResult, MutationTarget } from '@shared/sync/protocol';
import type { Db } from '../store/db';
import { STORAGES } from '../store/kinds';
import { createRepositories, type OutboxEntry, type Repositories } from '../store/repos';
import type { StoreWriter } from '../store/writer';
import { receivedEntryHash } from './entry-text';

/**
 * The local side of sync, on the store's repositories: meta (cursor, client id, session),
 * applying feed pages, the outbox with its optimistic changes, and refused changes as notices.
 * Every operation is one transaction, so a crash at any moment leaves the cache consistent: a
 * change and its outbox entry, a page and its cursor, a push result and its effect, each land
 * together or not at all. Records of every kind go through the same paths (shared/kinds).
 */

/** The protocol name of a record kind. */
export type Entity = KindName;

export interface ReplayContext {
  officer: ActingOfficer;
  calendar: WorkingCalendar;
  /** Which results a leader signs off (the units' synced settings); absent: none. */
  signOff?: SignOffPolicy;
  /** Which units handle each procedure (the synced catalogue); absent: any unit. */
  handling?: HandlingPolicy;
}

/** Ids of records whose rows changed, by kind: what the grids refresh. */
export type ChangedIds = Record<KindName, string[]>;

export interface PageEffect {
  changed: ChangedIds;
  rows: number;
  referenceChanged: boolean;
  /** History entries whose audit link did not match the record's previous entry received. */
  chainBreaks: ChainBreak[];
}

/** A provisional history entry and the record it belongs to. */
type Provisional = { ownerId: string; entry: HistoryEntry };

export class LocalRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LocalRefusal';
  }
}

export function noChanges(): ChangedIds {
  return Object.fromEntries(KIND_NAMES.map((name) => [name, []])) as unknown as ChangedIds;
}

export class SyncCache {
  readonly #db: Db;
  readonly #repos: Repositories;
  /** Per record, the hash of its latest entry received (bounded, in receipt order). */
  readonly #chainHeads = new Map<string, string>();

  constructor(db: Db, writer: StoreWriter, repos: Repositories = createRepositories(db, writer)) {
    this.#db = db;
    this.#repos = repos;
  }

  get repositories(): Repositories {
    return this.#repos;
  }

  // ---------------------------------------------------------------------------------------------
  // meta

  meta(key: string): string | null {
    return this.#repos.meta.get(key);
  }

  setMeta(key: string, value: string | null): void {
    this.#repos.meta.set(key, value);
  }

  get cursor(): string {
    return this.meta('sync.cursor') ?? '0';
  }

  get initialDone(): boolean {
    return this.meta('sync.initialDone') === '1';
  }

  markInitialDone(): void {
    this.setMeta('sync.initialDone', '1');
  }

  isEmpty(): boolean {
    return KIND_NAMES.every((name) => this.#repos.records(name).count() === 0);
  }

  /**
   * Forgets every synced record and the sync position (another officer signs in here). The
   * records' triggers (search documents, counters) work row by row: 24 s for 200,000 dossiers.
   * They are dropped for the deletes and recreated from their own SQL in the same transaction,
   * so the deletes take SQLite's truncate path and what the triggers maintain is cleared in one
   * statement each; a crash rolls all of it back.
   */
  reset(): void {
    this.#db.transaction(() => {
      const tables = STORAGES.flatMap((k) => [k.table, k.historyTable]);
      const triggers = this.#db
        .prepare(
          `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
           AND tbl_name IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(tables)) as { name: string; sql: string }[];
      for (const t of triggers) this.#db.exec(`DROP TRIGGER "${t.name.replaceAll('"', '""')}"`);
      for (const k of STORAGES) {
        this.#db.exec(`DELETE FROM ${k.historyTable}; DELETE FROM ${k.table};
          INSERT INTO ${k.search.table} (${k.search.table}) VALUES ('delete-all');`);
        for (const derived of k.derivedTables) this.#db.exec(`DELETE FROM ${derived}`);
      }
      this.#db.exec(`DELETE FROM officers; DELETE FROM units; DELETE FROM procedures;
        DELETE FROM calendar_overrides; DELETE FROM server_copies; DELETE FROM notices;`);
      for (const t of triggers) this.#db.exec(t.sql);
      for (const key of ['sync.cursor', 'sync.initialDone']) this.setMeta(key, null);
    })();
  }

  calendarOverrides(): Record<string, unknown> {
    return this.#repos.directory.calendars();
  }

  /** The signed-in officer as the central API described them at sign-in. */
  officer(): Officer | null {
    const raw = this.meta('session.officer');
    return raw ? (JSON.parse(raw) as Officer) : null;
  }

  /** The units the officer's session may see (their units and, for leaders, the subtree). */
  scope(): string[] {
    const raw = this.meta('session.scope');
    return raw ? (JSON.parse(raw) as string[]) : [];
  }

  /**
   * What replaying the officer's pending changes needs: who acts, and the working calendar with
   * the synced official schedules (a malformed schedule falls back to the default calendar).
   */
  replayContext(calendar: WorkingCalendar | null = null): ReplayContext {
    const officer = this.officer();
    let cal = calendar;
    if (!cal) {
      const parsed = CalendarOverridesSchema.safeParse(this.calendarOverrides());
      cal = new WorkingCalendar(parsed.success ? { overrides: parsed.data } : {});
    }
    return {
      officer: { id: officer?.id ?? '', roles: officer?.roles ?? [], unitIds: this.scope() },
      calendar: cal,
      signOff: signOffPolicy((unitId) => this.#repos.directory.unit(unitId)),
      handling: handlingPolicy((code) => this.#repos.directory.procedure(code)),
    };
  }

  pendingCount(): number {
    return this.#repos.outbox.count();
  }

  noticeCount(): number {
    return this.#repos.notices.count();
  }

  // ---------------------------------------------------------------------------------------------
  // feed

  /**
   * Stores one validated feed page and its cursor in one transaction. Records with changes in the
   * outbox are rebased: the server's version becomes their server copy and the pending changes
   * are replayed on top, so the officer keeps seeing their own work.
   */
  applyPage(page: FeedPage, replay: () => ReplayContext): PageEffect {
    const effect = emptyEffect();
    this.#applyRows(page.changes, page.removals, page.cursor, replay, effect);
    return dedupe(effect);
  }

  /**
   * Stores a page in transactions of bounded cost, pausing between them, so that a large page
   * never holds the host's event loop for long. A record costs about fifteen times a history
   * entry to store (a wide row, its search document, its counters), so chunks are cut by cost,
   * not by rows. Only the last transaction advances the cursor: a crash in between leaves some of
   * the page stored and the cursor before it, and the page is fetched and stored again (every
   * write is an idempotent upsert or delete).
   */
  async applyPageInChunks(
    page: FeedPage,
    replay: () => ReplayContext,
    chunkCost: number,
    pause: () => Promise<void>,
  ): Promise<PageEffect> {
    const effect = emptyEffect();
    let from = 0;
    while (from < page.changes.length) {
      let to = from;
      let cost = 0;
      while (
        to < page.changes.length &&
        (to === from || cost + storeCost(page.changes[to]!) <= chunkCost)
      ) {
        cost += storeCost(page.changes[to]!);
        to++;
      }
      const last = to === page.changes.length && page.removals.length === 0;
      this.#applyRows(page.changes.slice(from, to), [], last ? page.cursor : null, replay, effect);
      from = to;
      if (!last) await pause();
    }
    if (page.removals.length > 0 || page.changes.length === 0) {
      this.#applyRows([], page.removals, page.cursor, replay, effect);
    }
    return dedupe(effect);
  }

  #applyRows(
    changes: FeedPage['changes'],
    removals: FeedPage['removals'],
    cursor: string | null,
    replay: () => ReplayContext,
    effect: PageEffect,
  ): void {
    const { writer, directory } = this.#repos;
    this.#db.transaction(() => {
      let ctx: ReplayContext | null = null;
      const context = () => (ctx ??= replay());
      // An initial sync stores hundreds of thousands of records with nothing in the outbox:
      // one count spares a lookup per record.
      const rebase = this.pendingCount() > 0;
      // Confirmed provisional entries, read once per kind and transaction (usually none).
      const confirmed = new Map<KindName, Provisional[]>();
      const waiting = (kind: KindName) => {
        let list = confirmed.get(kind);
        if (!list) {
          list = this.#repos
            .records(kind)
            .provisionalHistory(PROVISIONAL_PREFIX)
            .filter((p) => confirmedMark(p.entry) !== null);
          confirmed.set(kind, list);
        }
        return list;
      };
      // Search documents are written at the end of the records, in the index's fast order;
      // removals come after them.
      writer.batch(() => {
        for (const change of changes) {
          effect.rows++;
          if (this.#storeReference(change)) effect.referenceChanged = true;
          else this.#storeRecordChange(change, context, rebase, effect, waiting);
        }
      });
      for (const removal of removals) {
        effect.rows++;
        const kind = kindOfEntity(removal.entity);
        const owner = kindOfHistory(removal.entity);
        if (kind) {
          this.#repos.records(kind.name).delete(removal.id);
          this.#repos.outbox.deleteServerCopy(kind.name, removal.id);
          effect.changed[kind.name].push(removal.id);
        } else if (owner) {
          this.#repos.records(owner.name).deleteHistoryEntry(removal.id);
        } else if (removal.entity === 'procedure') directory.deleteProcedure(removal.id);
        else if (removal.entity === 'unit') directory.deleteUnit(removal.id);
        else if (removal.entity === 'officer') directory.deleteOfficer(removal.id);
        else if (removal.entity === 'calendar') directory.deleteCalendar(removal.id);
      }
      if (cursor !== null) this.setMeta('sync.cursor', cursor);
    })();
  }

  /** Reference data from the feed (units, officers, procedures, calendars); false for records. */
  #storeReference(change: FeedPage['changes'][number]): boolean {
    const { writer, directory } = this.#repos;
    if (change.entity === 'procedure') writer.procedure(change.data);
    else if (change.entity === 'unit') writer.unit(change.data);
    else if (change.entity === 'officer') writer.officer(change.data);
    else if (change.entity === 'calendar')
      directory.putCalendar(change.id, change.data, change.version);
    else return false;
    return true;
  }

  /** A record or a history entry of some kind, from the feed. */
  #storeRecordChange(
    change: FeedPage['changes'][number],
    context: () => ReplayContext,
    rebase: boolean,
    effect: PageEffect,
    confirmedWaiting: (kind: KindName) => Provisional[],
  ): void {
    const kind = kindOfEntity(change.entity);
    if (kind) {
      this.#storeServerRecord(kind.name, change.data as KindRecord, context, rebase);
      effect.changed[kind.name].push(change.id);
      return;
    }
    const owner = kindOfHistory(change.entity);
    if (!owner) return;
    // The feed validated the entry with the kind's history schema: the entry and its owner.
    const { [owner.ownerKey]: ownerId, ...entry } = change.data as unknown as Record<
      string,
      unknown
    >;
    const real = entry as unknown as HistoryEntry;
    this.#checkLink(owner.name, String(ownerId), change.data, effect);
    const records = this.#repos.records(owner.name);
    records.putHistory(String(ownerId), real);
    // The real entry of a change the central API confirmed replaces its provisional one. Usually
    // none waits: then nothing is searched (no closure made per entry of an initial sync).
    const waiting = confirmedWaiting(owner.name);
    if (waiting.length > 0) {
      const at = waiting.findIndex(
        (p) =>
          p.ownerId === String(ownerId) &&
          p.entry.action === real.action &&
          p.entry.officerId === real.officerId,
      );
      if (at >= 0) {
        records.deleteHistoryEntry(waiting[at]!.entry.id);
        waiting.splice(at, 1);
      }
    }
    effect.changed[owner.name].push(String(ownerId));
  }

  /**
   * The audit trail's link (issue 12): an entry's `prevHash` must be the hash of the entry of the
   * same record received before it (the feed sends a record's entries in their order, moves
   * included). The hash is over the entry's text as received (entry-text.ts, on the loader
   * thread) or, where the page's text is not at hand, over the parsed entry in canonical JSON,
   * which is the text the central API stored and hashed. Entries from before the trail carry no
   * link and reset it.
   */
  #checkLink(
    entity: KindName,
    recordId: string,
    wire: Record<string, unknown>,
    effect: PageEffect,
  ): void {
    const key = `${entity}\u0000${recordId}`;
    const heads = this.#chainHeads;
    const link = wire.prevHash;
    const known = heads.get(key);
    heads.delete(key);
    if (link === undefined) return;
    if (typeof link === 'string' && known !== undefined && known !== link) {
      effect.chainBreaks.push({
        entity,
        recordId,
        entryId: String(wire.id),
        action: String(wire.action),
      });
    }
    heads.set(
      key,
      receivedEntryHash(wire) ?? createHash('sha256').update(canonicalJson(wire)).digest('hex'),
    );
    if (heads.size > CHAIN_HEADS) {
      const oldest = heads.keys().next();
      if (!oldest.done) heads.delete(oldest.value);
    }
  }

  /** Notices for broken links, one per record (the officer reports it; nothing is refused). */
  noteChainBreaks(breaks: readonly ChainBreak[], now: number): void {
    // The open notices read once for the page, not once per break.
    const open = new Set(this.#repos.notices.list(false).map((n) => n.id));
    for (const b of breaks) {
      const id = `chain-${b.entity}-${b.recordId}`.slice(0, 64);
      if (open.has(id)) continue;
      open.add(id);
      this.#repos.notices.insert({
        id,
        createdAt: now,
        entity: b.entity,
        recordId: b.recordId,
        action: JSON.stringify({ type: 'audit_check', entryId: b.entryId, entryAction: b.action }),
        code: CHAIN_BROKEN,
        message: `Nhật ký xử lý của hồ sơ không khớp: bước ${b.entryId} (${b.action}) không nối tiếp bước trước đó mà máy này đã nhận. Nhật ký trên máy chủ có thể đã bị sửa; hãy báo quản trị viên kiểm tra (npm run central -- verify).`,
        current: null,
      });
    }
  }

  #storeServerRecord(
    entity: Entity,
    record: KindRecord,
    context: () => ReplayContext,
    rebase: boolean,
  ): void {
    const outbox = rebase ? this.#repos.outbox.ofRecord(entity, record.id) : [];
    if (outbox.length === 0) {
      this.#repos.records(entity).put(record as never);
      return;
    }
    this.#repos.outbox.setServerCopy(entity, record.id, JSON.stringify(record));
    this.#rebase(entity, record, outbox, context());
  }

  /**
   * The cached record = the server copy with every change not yet in it replayed in order.
   * A change the server has applied and whose version the copy already includes is done: it
   * leaves the outbox along with its provisional history entry.
   */
  #rebase(entity: Entity, server: KindRecord, outbox: OutboxEntry[], ctx: ReplayContext): void {
    let current = server;
    let remaining = 0;
    for (const row of outbox) {
      if (
        row.status === 'applied' &&
        row.appliedVersion !== null &&
        row.appliedVersion <= server.version
      ) {
        this.#confirmed(entity, row);
        continue;
      }
      remaining++;
      const outcome = this.#apply(entity, current, JSON.parse(row.action) as unknown, row.at, ctx);
      // A change that no longer fits the newer server state stays queued: the server decides.
      if (outcome.ok) current = outcome.record;
    }
    this.#repos.records(entity).put({ ...current, version: server.version } as never);
    if (remaining === 0) this.#repos.outbox.deleteServerCopy(entity, server.id);
  }

  /**
   * A change the server applied and the cache now holds: it leaves the outbox, but its
   * provisional history entry stays, marked confirmed, until the feed brings the real entry (the
   * record and its entry may arrive on different pages, or the record may not change at all, as
   * for a note): between the push answer and the next pull the officer's note must not vanish.
   */
  #confirmed(entity: Entity, row: OutboxEntry): void {
    this.#repos.outbox.delete(row.clientSeq);
    const records = this.#repos.records(entity);
    const id = provisionalHistoryId(row.id);
    const entry = records.provisionalHistory(id).find((p) => p.entry.id === id);
    if (!entry) return;
    const mark = Number(this.meta('sync.confirmations') ?? '0') + 1;
    this.setMeta('sync.confirmations', String(mark));
    records.setHistoryData(id, { ...(entry.entry.data ?? {}), pending: false, confirmed: mark });
  }

  /** A change the server refused: it leaves with its provisional entry. */
  #dropped(entity: Entity, row: OutboxEntry): void {
    this.#repos.outbox.delete(row.clientSeq);
    this.#repos.records(entity).deleteHistoryEntry(provisionalHistoryId(row.id));
  }

  /**
   * The latest confirmation so far. A pull that started after it and read the feed to its end
   * has brought every entry confirmed up to it (the central API commits a change before
   * answering the push), so `dropConfirmed(mark)` may then remove what is left of them.
   */
  confirmationMark(): number {
    return Number(this.meta('sync.confirmations') ?? '0');
  }

  /**
   * Removes the provisional entries confirmed up to `mark` that no real entry replaced (the
   * feed's entry differed from the local one, or the record left the scope). Returns the owners.
   */
  dropConfirmed(mark: number): ChangedIds {
    const changed = noChanges();
    this.#db.transaction(() => {
      for (const name of KIND_NAMES) {
        const records = this.#repos.records(name);
        for (const p of records.provisionalHistory(PROVISIONAL_PREFIX)) {
          const confirmed = confirmedMark(p.entry);
          if (confirmed === null || confirmed > mark) continue;
          records.deleteHistoryEntry(p.entry.id);
          changed[name].push(p.ownerId);
        }
      }
    })();
    return dedupe({ changed, rows: 0, referenceChanged: false, chainBreaks: [] }).changed;
  }

  #apply(
    entity: Entity,
    record: KindRecord,
    action: unknown,
    now: number,
    ctx: ReplayContext,
  ):
    | { ok: true; record: KindRecord; history: HistoryDraft }
    | { ok: false; code: string; message: string } {
    const kind = kindOf(entity);
    return kind.apply(record as never, action, {
      officer: ctx.officer,
      calendar: ctx.calendar,
      now,
      ...(ctx.signOff ? { signOff: ctx.signOff } : {}),
      ...(ctx.handling ? { handling: ctx.handling } : {}),
    });
  }

  readRecord<N extends Entity>(entity: N, id: string): KindRecordOf<N> | null {
    return this.#repos.records(entity).get(id);
  }

  // ---------------------------------------------------------------------------------------------
  // outbox

  /**
   * An officer's action: checked and applied locally by the shared state machine, written with
   * its outbox entry and a provisional history entry in one transaction. Throws LocalRefusal with
   * the rule's code when the machine refuses, and writes nothing then.
   */
  enqueue<T extends MutationTarget>(
    target: T,
    now: number,
    ctx: ReplayContext,
  ): { record: KindRecordOf<T['entity']>; pending: number } {
    const { outbox } = this.#repos;
    return this.#db.transaction(() => {
      const current = this.readRecord(target.entity, target.id);
      if (!current)
        throw new LocalRefusal('NOT_FOUND', `${target.entity} ${target.id} is not in this cache`);
      const outcome = this.#apply(target.entity, current, target.action, now, ctx);
      if (!outcome.ok) throw new LocalRefusal(outcome.code, outcome.message);
      if (outbox.ofRecord(target.entity, target.id).length === 0)
        outbox.setServerCopy(target.entity, target.id, JSON.stringify(current));
      const clientSeq = Number(this.meta('sync.nextClientSeq') ?? '1');
      this.setMeta('sync.nextClientSeq', String(clientSeq + 1));
      const id = randomUUID();
      outbox.insert({
        clientSeq,
        id,
        entity: target.entity,
        recordId: target.id,
        // The version the officer last received: the central API never counts a client's own
        // earlier changes as a conflict with its later ones, only someone else's.
        baseVersion: current.version,
        at: now,
        action: JSON.stringify(target.action),
      });
      const records = this.#repos.records(target.entity);
      records.put({ ...outcome.record, version: current.version } as never);
      records.putHistory(
        target.id,
        this.#provisionalEntry(id, outcome.history, ctx.officer.id, current.unitId),
      );
      return {
        record: outcome.record as KindRecordOf<T['entity']>,
        pending: this.pendingCount(),
      };
    })();
  }

  #provisionalEntry(
    mutationId: string,
    draft: HistoryDraft,
    officerId: string,
    unitId: string,
  ): HistoryEntry {
    const { directory } = this.#repos;
    return {
      ...draft,
      id: provisionalHistoryId(mutationId),
      officerName: directory.officer(officerId)?.fullName ?? '',
      unitId,
      unitName: directory.unit(unitId)?.name ?? '',
      data: { ...(draft.data ?? {}), pending: true },
    };
  }

  /** The next changes to push, in the order they were made. */
  pendingBatch(limit: number): Mutation[] {
    return this.#repos.outbox.pending(limit).map((row) => ({
      seq: row.clientSeq,
      id: row.id,
      baseVersion: row.baseVersion,
      at: row.at,
      target: {
        entity: row.entity,
        id: row.recordId,
        action: JSON.parse(row.action) as MutationTarget['action'],
      } as MutationTarget,
    }));
  }

  recordAttempt(seqs: number[], error: string): void {
    this.#db.transaction(() => {
      for (const seq of seqs) this.#repos.outbox.recordAttempt(seq, error);
    })();
  }

  /**
   * Applies the central API's answers to a push, in one transaction. Applied changes wait in the
   * outbox until the feed brings the version that contains them; refused ones leave it at once,
   * become a notice, and the record is rebuilt from the server's copy without them.
   */
  applyPushResults(
    results: MutationResult[],
    now: number,
    ctx: ReplayContext,
  ): { changed: ChangedIds; notices: number } {
    const { outbox, notices } = this.#repos;
    const touched = new Map<Entity, Set<string>>();
    const touch = (entity: Entity, id: string) => {
      let ids = touched.get(entity);
      if (!ids) touched.set(entity, (ids = new Set()));
      ids.add(id);
    };
    let noticed = 0;
    this.#db.transaction(() => {
      for (const result of results) {
        const row = outbox.bySeq(result.seq);
        // An answer for a change we no longer hold (a replayed batch): nothing left to do.
        if (!row || row.id !== result.id) continue;
        if (result.status === 'applied') {
          outbox.markApplied(row.clientSeq, result.version);
          const cached = this.readRecord(row.entity, row.recordId);
          if (cached && cached.version >= result.version) {
            this.#confirmed(row.entity, row);
            if (outbox.ofRecord(row.entity, row.recordId).length === 0)
              outbox.deleteServerCopy(row.entity, row.recordId);
            // Its row no longer waits: the grids redraw its mark now, not at the next pull.
            touch(row.entity, row.recordId);
          }
          continue;
        }
        if (result.code === 'OUT_OF_ORDER') continue; // resent after the server's lastSeq
        this.#dropped(row.entity, row);
        notices.insert({
          id: row.id,
          createdAt: now,
          entity: row.entity,
          recordId: row.recordId,
          action: row.action,
          code: result.code,
          message: result.message,
          current: result.current ? JSON.stringify(result.current) : null,
        });
        noticed++;
        const copy = outbox.serverCopy(row.entity, row.recordId);
        const copied = copy ? (JSON.parse(copy) as KindRecord) : null;
        // The feed may already have brought a newer version than the one in the refusal.
        const server =
          result.current && (!copied || result.current.version >= copied.version)
            ? result.current
            : copied;
        const rest = outbox.ofRecord(row.entity, row.recordId);
        if (server) {
          if (rest.length > 0)
            outbox.setServerCopy(row.entity, row.recordId, JSON.stringify(server));
          this.#rebase(row.entity, server, rest, ctx);
        } else if (result.code === 'NOT_FOUND' || result.code === 'FORBIDDEN') {
          // Out of reach on the server: the feed will remove it; stop showing our change now.
          if (rest.length === 0) outbox.deleteServerCopy(row.entity, row.recordId);
        }
        touch(row.entity, row.recordId);
      }
    })();
    const changed = noChanges();
    for (const [entity, ids] of touched) changed[entity] = [...ids];
    return { changed, notices: noticed };
  }
}

/** Relative cost of storing one change (a history entry is 1). */
export function storeCost(change: FeedPage['changes'][number]): number {
  return kindOfEntity(change.entity) ? 15 : 1;
}

function emptyEffect(): PageEffect {
  return { changed: noChanges(), rows: 0, referenceChanged: false, chainBreaks: [] };
}

/** An entry that does not follow its record's previous entry (central/audit.ts, `link`). */
export interface ChainBreak {
  readonly entity: KindName;
  readonly recordId: string;
  readonly entryId: string;
  readonly action: string;
}

/** Records whose last entry's hash is remembered: entries of a record arrive close together. */
const CHAIN_HEADS = 20_000;

/** The notice's code for a broken audit link (shown with its message: the rule codes lack it). */
export const CHAIN_BROKEN = 'AUDIT_CHAIN_BROKEN';

function dedupe(effect: PageEffect): PageEffect {
  for (const name of KIND_NAMES) effect.changed[name] = [...new Set(effect.changed[name])];
  return effect;
}

const PROVISIONAL_PREFIX = 'local:';

export function provisionalHistoryId(mutationId: string): string {
  return `${PROVISIONAL_PREFIX}${mutationId}`;
}

/** When the central API confirmed a provisional entry's change (a confirmation mark), or null. */
function confirmedMark(entry: HistoryEntry): number | null {
  const mark = entry.data?.confirmed;
  return typeof mark === 'number' ? mark : null;
}
