import { randomUUID } from 'node:crypto';
import type { Complaint, Dossier, HistoryEntry, Officer } from '@shared/model';
import type { ActingOfficer, HistoryDraft } from '@shared/domain/rules';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { CalendarOverridesSchema } from '@shared/domain/calendar/schemas';
import { applyDossierAction } from '@shared/domain/dossier-machine';
import { applyComplaintAction } from '@shared/domain/complaint-machine';
import type { FeedPage, Mutation, MutationResult, MutationTarget } from '@shared/sync/protocol';
import type { Db } from '../store/db';
import { toComplaint, toDossier, type ComplaintRecord, type DossierRecord } from '../store/rows';
import type { StoreWriter } from '../store/writer';

/**
 * The local side of sync, on the store: meta (cursor, client id, session), applying feed pages,
 * the outbox with its optimistic changes, and refused changes as notices. Every operation is one
 * transaction, so a crash at any moment leaves the cache consistent: a change and its outbox
 * entry, a page and its cursor, a push result and its effect, each land together or not at all.
 */

export type Entity = 'dossier' | 'complaint';

export interface ReplayContext {
  officer: ActingOfficer;
  calendar: WorkingCalendar;
}

export interface OutboxRow {
  client_seq: number;
  id: string;
  entity: Entity;
  record_id: string;
  base_version: number;
  at: number;
  action: string;
  status: 'pending' | 'applied';
  applied_version: number | null;
  attempts: number;
}

export interface PageEffect {
  dossierIds: string[];
  complaintIds: string[];
  rows: number;
  referenceChanged: boolean;
}

export class LocalRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LocalRefusal';
  }
}

export class SyncCache {
  readonly #db: Db;
  readonly #write: StoreWriter;
  readonly #stmt;

  constructor(db: Db, writer: StoreWriter) {
    this.#db = db;
    this.#write = writer;
    this.#stmt = {
      metaGet: db.prepare('SELECT value FROM meta WHERE key = ?'),
      metaSet: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      metaDel: db.prepare('DELETE FROM meta WHERE key = ?'),
      dossier: db.prepare('SELECT * FROM dossiers WHERE id = ?'),
      complaint: db.prepare('SELECT * FROM complaints WHERE id = ?'),
      deleteDossier: db.prepare('DELETE FROM dossiers WHERE id = ?'),
      deleteComplaint: db.prepare('DELETE FROM complaints WHERE id = ?'),
      deleteHistoryOfDossier: db.prepare('DELETE FROM dossier_history WHERE dossier_id = ?'),
      deleteHistoryOfComplaint: db.prepare('DELETE FROM complaint_history WHERE complaint_id = ?'),
      deleteDossierHistory: db.prepare('DELETE FROM dossier_history WHERE id = ?'),
      deleteComplaintHistory: db.prepare('DELETE FROM complaint_history WHERE id = ?'),
      deleteProcedure: db.prepare('DELETE FROM procedures WHERE code = ?'),
      deleteUnit: db.prepare('DELETE FROM units WHERE id = ?'),
      deleteOfficer: db.prepare('DELETE FROM officers WHERE id = ?'),
      deleteCalendar: db.prepare('DELETE FROM calendar_overrides WHERE year = ?'),
      calendar: db.prepare(
        'INSERT INTO calendar_overrides (year, data, version) VALUES (?, ?, ?) ON CONFLICT (year) DO UPDATE SET data = excluded.data, version = excluded.version',
      ),
      calendars: db.prepare('SELECT year, data FROM calendar_overrides'),
      outboxOf: db.prepare(
        'SELECT * FROM outbox WHERE entity = ? AND record_id = ? ORDER BY client_seq',
      ),
      outboxPending: db.prepare(
        `SELECT * FROM outbox WHERE status = 'pending' ORDER BY client_seq LIMIT ?`,
      ),
      outboxBySeq: db.prepare('SELECT * FROM outbox WHERE client_seq = ?'),
      outboxInsert: db.prepare(
        `INSERT INTO outbox (client_seq, id, entity, record_id, base_version, at, action, status)
         VALUES (@client_seq, @id, @entity, @record_id, @base_version, @at, @action, 'pending')`,
      ),
      outboxApplied: db.prepare(
        `UPDATE outbox SET status = 'applied', applied_version = ? WHERE client_seq = ?`,
      ),
      outboxDelete: db.prepare('DELETE FROM outbox WHERE client_seq = ?'),
      outboxCount: db.prepare('SELECT count(*) AS n FROM outbox'),
      outboxAttempt: db.prepare(
        'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE client_seq = ?',
      ),
      copyGet: db.prepare('SELECT data FROM server_copies WHERE entity = ? AND record_id = ?'),
      copySet: db.prepare(
        'INSERT INTO server_copies (entity, record_id, data) VALUES (?, ?, ?) ON CONFLICT (entity, record_id) DO UPDATE SET data = excluded.data',
      ),
      copyDelete: db.prepare('DELETE FROM server_copies WHERE entity = ? AND record_id = ?'),
      noticeInsert: db.prepare(
        `INSERT INTO notices (id, created_at, entity, record_id, action, code, message, current)
         VALUES (@id, @created_at, @entity, @record_id, @action, @code, @message, @current)`,
      ),
      noticeCount: db.prepare('SELECT count(*) AS n FROM notices WHERE dismissed_at IS NULL'),
      officerName: db.prepare('SELECT full_name FROM officers WHERE id = ?'),
      unitName: db.prepare('SELECT name FROM units WHERE id = ?'),
      dossierCount: db.prepare('SELECT count(*) AS n FROM dossiers'),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // meta

  meta(key: string): string | null {
    return (this.#stmt.metaGet.get(key) as { value: string } | undefined)?.value ?? null;
  }

  setMeta(key: string, value: string | null): void {
    if (value === null) this.#stmt.metaDel.run(key);
    else this.#stmt.metaSet.run(key, value);
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
    return (this.#stmt.dossierCount.get() as { n: number }).n === 0;
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
      const triggers = this.#db
        .prepare(
          `SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'
           AND tbl_name IN ('dossiers', 'complaints', 'dossier_history', 'complaint_history')`,
        )
        .all() as { name: string; sql: string }[];
      for (const t of triggers) this.#db.exec(`DROP TRIGGER "${t.name.replaceAll('"', '""')}"`);
      this.#db
        .exec(`DELETE FROM dossier_history; DELETE FROM dossiers; DELETE FROM complaint_history;
        DELETE FROM complaints; DELETE FROM officers; DELETE FROM units; DELETE FROM procedures;
        DELETE FROM calendar_overrides; DELETE FROM server_copies; DELETE FROM notices;
        DELETE FROM dossier_counts;
        INSERT INTO dossier_search (dossier_search) VALUES ('delete-all');
        INSERT INTO complaint_search (complaint_search) VALUES ('delete-all');`);
      for (const t of triggers) this.#db.exec(t.sql);
      for (const key of ['sync.cursor', 'sync.initialDone']) this.setMeta(key, null);
    })();
  }

  calendarOverrides(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const row of this.#stmt.calendars.all() as { year: string; data: string }[])
      out[row.year] = JSON.parse(row.data);
    return out;
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
    };
  }

  pendingCount(): number {
    return (this.#stmt.outboxCount.get() as { n: number }).n;
  }

  noticeCount(): number {
    return (this.#stmt.noticeCount.get() as { n: number }).n;
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
    const page = { changes, removals };
    this.#db.transaction(() => {
      let ctx: ReplayContext | null = null;
      const context = () => (ctx ??= replay());
      // An initial sync stores hundreds of thousands of records with nothing in the outbox:
      // one count spares a lookup per record.
      const rebase = this.pendingCount() > 0;
      // Search documents are written at the end of the records, in the index's fast order;
      // removals come after them.
      this.#write.batch(() => {
        for (const change of page.changes) {
          effect.rows++;
          switch (change.entity) {
            case 'procedure':
              this.#write.procedure(change.data);
              effect.referenceChanged = true;
              break;
            case 'unit':
              this.#write.unit(change.data);
              effect.referenceChanged = true;
              break;
            case 'officer':
              this.#write.officer(change.data);
              effect.referenceChanged = true;
              break;
            case 'calendar':
              this.#stmt.calendar.run(change.id, JSON.stringify(change.data), change.version);
              effect.referenceChanged = true;
              break;
            case 'dossier':
              this.#storeServerRecord('dossier', change.data, context, rebase);
              effect.dossierIds.push(change.id);
              break;
            case 'complaint':
              this.#storeServerRecord('complaint', change.data, context, rebase);
              effect.complaintIds.push(change.id);
              break;
            case 'dossier_history': {
              const { dossierId, ...entry } = change.data;
              this.#write.dossierHistory(dossierId, entry);
              effect.dossierIds.push(dossierId);
              break;
            }
            case 'complaint_history': {
              const { complaintId, ...entry } = change.data;
              this.#write.complaintHistory(complaintId, entry);
              effect.complaintIds.push(complaintId);
              break;
            }
          }
        }
      });
      for (const removal of page.removals) {
        effect.rows++;
        switch (removal.entity) {
          case 'dossier':
            this.#stmt.deleteDossier.run(removal.id);
            this.#stmt.deleteHistoryOfDossier.run(removal.id);
            this.#stmt.copyDelete.run('dossier', removal.id);
            effect.dossierIds.push(removal.id);
            break;
          case 'complaint':
            this.#stmt.deleteComplaint.run(removal.id);
            this.#stmt.deleteHistoryOfComplaint.run(removal.id);
            this.#stmt.copyDelete.run('complaint', removal.id);
            effect.complaintIds.push(removal.id);
            break;
          case 'dossier_history':
            this.#stmt.deleteDossierHistory.run(removal.id);
            break;
          case 'complaint_history':
            this.#stmt.deleteComplaintHistory.run(removal.id);
            break;
          case 'procedure':
            this.#stmt.deleteProcedure.run(removal.id);
            break;
          case 'unit':
            this.#stmt.deleteUnit.run(removal.id);
            break;
          case 'officer':
            this.#stmt.deleteOfficer.run(removal.id);
            break;
          case 'calendar':
            this.#stmt.deleteCalendar.run(removal.id);
            break;
        }
      }
      if (cursor !== null) this.setMeta('sync.cursor', cursor);
    })();
  }

  #storeServerRecord(
    entity: Entity,
    record: Dossier | Complaint,
    context: () => ReplayContext,
    rebase: boolean,
  ): void {
    const outbox = rebase ? (this.#stmt.outboxOf.all(entity, record.id) as OutboxRow[]) : [];
    if (outbox.length === 0) {
      this.#writeRecord(entity, record);
      return;
    }
    this.#stmt.copySet.run(entity, record.id, JSON.stringify(record));
    this.#rebase(entity, record, outbox, context());
  }

  /**
   * The cached record = the server copy with every change not yet in it replayed in order.
   * A change the server has applied and whose version the copy already includes is done: it
   * leaves the outbox along with its provisional history entry.
   */
  #rebase(
    entity: Entity,
    server: Dossier | Complaint,
    outbox: OutboxRow[],
    ctx: ReplayContext,
  ): void {
    let current = server;
    let remaining = 0;
    for (const row of outbox) {
      if (
        row.status === 'applied' &&
        row.applied_version !== null &&
        row.applied_version <= server.version
      ) {
        this.#stmt.outboxDelete.run(row.client_seq);
        this.#deleteProvisionalHistory(entity, row.id);
        continue;
      }
      remaining++;
      const outcome = this.#apply(
        entity,
        current,
        JSON.parse(row.action) as MutationTarget['action'],
        row.at,
        ctx,
      );
      // A change that no longer fits the newer server state stays queued: the server decides.
      if (outcome.ok) current = outcome.record;
    }
    this.#writeRecord(entity, { ...current, version: server.version });
    if (remaining === 0) this.#stmt.copyDelete.run(entity, server.id);
  }

  #apply(
    entity: Entity,
    record: Dossier | Complaint,
    action: MutationTarget['action'],
    now: number,
    ctx: ReplayContext,
  ):
    | { ok: true; record: Dossier | Complaint; history: HistoryDraft }
    | { ok: false; code: string; message: string } {
    const context = { officer: ctx.officer, calendar: ctx.calendar, now };
    if (entity === 'dossier') {
      const r = applyDossierAction(
        record as Dossier,
        action as Parameters<typeof applyDossierAction>[1],
        context,
      );
      return r.ok ? { ok: true, record: r.dossier, history: r.history } : r;
    }
    const r = applyComplaintAction(
      record as Complaint,
      action as Parameters<typeof applyComplaintAction>[1],
      context,
    );
    return r.ok ? { ok: true, record: r.complaint, history: r.history } : r;
  }

  #writeRecord(entity: Entity, record: Dossier | Complaint): void {
    if (entity === 'dossier') this.#write.dossier(record as Dossier);
    else this.#write.complaint(record as Complaint);
  }

  #deleteProvisionalHistory(entity: Entity, mutationId: string): void {
    const id = provisionalHistoryId(mutationId);
    if (entity === 'dossier') this.#stmt.deleteDossierHistory.run(id);
    else this.#stmt.deleteComplaintHistory.run(id);
  }

  readRecord(entity: Entity, id: string): Dossier | Complaint | null {
    if (entity === 'dossier') {
      const row = this.#stmt.dossier.get(id) as DossierRecord | undefined;
      return row ? toDossier(row) : null;
    }
    const row = this.#stmt.complaint.get(id) as ComplaintRecord | undefined;
    return row ? toComplaint(row) : null;
  }

  // ---------------------------------------------------------------------------------------------
  // outbox

  /**
   * An officer's action: checked and applied locally by the shared state machine, written with
   * its outbox entry and a provisional history entry in one transaction. Throws LocalRefusal with
   * the rule's code when the machine refuses, and writes nothing then.
   */
  enqueue(
    target: MutationTarget,
    now: number,
    ctx: ReplayContext,
  ): { record: Dossier | Complaint; pending: number } {
    return this.#db.transaction(() => {
      const current = this.readRecord(target.entity, target.id);
      if (!current)
        throw new LocalRefusal('NOT_FOUND', `${target.entity} ${target.id} is not in this cache`);
      const outcome = this.#apply(target.entity, current, target.action, now, ctx);
      if (!outcome.ok) throw new LocalRefusal(outcome.code, outcome.message);
      const earlier = this.#stmt.outboxOf.all(target.entity, target.id) as OutboxRow[];
      if (earlier.length === 0)
        this.#stmt.copySet.run(target.entity, target.id, JSON.stringify(current));
      const clientSeq = Number(this.meta('sync.nextClientSeq') ?? '1');
      this.setMeta('sync.nextClientSeq', String(clientSeq + 1));
      const id = randomUUID();
      this.#stmt.outboxInsert.run({
        client_seq: clientSeq,
        id,
        entity: target.entity,
        record_id: target.id,
        // The version the officer last received: the central API never counts a client's own
        // earlier changes as a conflict with its later ones, only someone else's.
        base_version: current.version,
        at: now,
        action: JSON.stringify(target.action),
      });
      this.#writeRecord(target.entity, { ...outcome.record, version: current.version });
      this.#insertProvisionalHistory(
        target.entity,
        target.id,
        id,
        outcome.history,
        ctx.officer.id,
        current.unitId,
      );
      return { record: outcome.record, pending: this.pendingCount() };
    })();
  }

  #insertProvisionalHistory(
    entity: Entity,
    recordId: string,
    mutationId: string,
    draft: HistoryDraft,
    officerId: string,
    unitId: string,
  ): void {
    const entry: HistoryEntry = {
      ...draft,
      id: provisionalHistoryId(mutationId),
      officerName:
        (this.#stmt.officerName.get(officerId) as { full_name: string } | undefined)?.full_name ??
        '',
      unitId,
      unitName: (this.#stmt.unitName.get(unitId) as { name: string } | undefined)?.name ?? '',
      data: { ...(draft.data ?? {}), pending: true },
    };
    if (entity === 'dossier') this.#write.dossierHistory(recordId, entry);
    else this.#write.complaintHistory(recordId, entry);
  }

  /** The next changes to push, in the order they were made. */
  pendingBatch(limit: number): Mutation[] {
    return (this.#stmt.outboxPending.all(limit) as OutboxRow[]).map((row) => ({
      seq: row.client_seq,
      id: row.id,
      baseVersion: row.base_version,
      at: row.at,
      target: {
        entity: row.entity,
        id: row.record_id,
        action: JSON.parse(row.action) as MutationTarget['action'],
      } as MutationTarget,
    }));
  }

  recordAttempt(seqs: number[], error: string): void {
    this.#db.transaction(() => {
      for (const seq of seqs) this.#stmt.outboxAttempt.run(error.slice(0, 500), seq);
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
  ): { dossierIds: string[]; complaintIds: string[]; notices: number } {
    const touched = { dossierIds: new Set<string>(), complaintIds: new Set<string>(), notices: 0 };
    this.#db.transaction(() => {
      for (const result of results) {
        const row = this.#stmt.outboxBySeq.get(result.seq) as OutboxRow | undefined;
        // An answer for a change we no longer hold (a replayed batch): nothing left to do.
        if (!row || row.id !== result.id) continue;
        if (result.status === 'applied') {
          this.#stmt.outboxApplied.run(result.version, row.client_seq);
          const cached = this.readRecord(row.entity, row.record_id);
          if (cached && cached.version >= result.version) {
            this.#stmt.outboxDelete.run(row.client_seq);
            this.#deleteProvisionalHistory(row.entity, row.id);
            if ((this.#stmt.outboxOf.all(row.entity, row.record_id) as OutboxRow[]).length === 0) {
              this.#stmt.copyDelete.run(row.entity, row.record_id);
            }
          }
          continue;
        }
        if (result.code === 'OUT_OF_ORDER') continue; // resent after the server's lastSeq
        this.#stmt.outboxDelete.run(row.client_seq);
        this.#deleteProvisionalHistory(row.entity, row.id);
        this.#stmt.noticeInsert.run({
          id: row.id,
          created_at: now,
          entity: row.entity,
          record_id: row.record_id,
          action: row.action,
          code: result.code,
          message: result.message,
          current: result.current ? JSON.stringify(result.current) : null,
        });
        touched.notices++;
        const copy = this.#stmt.copyGet.get(row.entity, row.record_id) as
          { data: string } | undefined;
        const copied = copy ? (JSON.parse(copy.data) as Dossier | Complaint) : null;
        // The feed may already have brought a newer version than the one in the refusal.
        const server =
          result.current && (!copied || result.current.version >= copied.version)
            ? result.current
            : copied;
        const rest = this.#stmt.outboxOf.all(row.entity, row.record_id) as OutboxRow[];
        if (server) {
          if (rest.length > 0)
            this.#stmt.copySet.run(row.entity, row.record_id, JSON.stringify(server));
          this.#rebase(row.entity, server, rest, ctx);
        } else if (result.code === 'NOT_FOUND' || result.code === 'FORBIDDEN') {
          // Out of reach on the server: the feed will remove it; stop showing our change now.
          if (rest.length === 0) this.#stmt.copyDelete.run(row.entity, row.record_id);
        }
        (row.entity === 'dossier' ? touched.dossierIds : touched.complaintIds).add(row.record_id);
      }
    })();
    return {
      dossierIds: [...touched.dossierIds],
      complaintIds: [...touched.complaintIds],
      notices: touched.notices,
    };
  }
}

/** Relative cost of storing one change (a history entry is 1). */
export function storeCost(change: FeedPage['changes'][number]): number {
  return change.entity === 'dossier' || change.entity === 'complaint' ? 15 : 1;
}

function emptyEffect(): PageEffect {
  return { dossierIds: [], complaintIds: [], rows: 0, referenceChanged: false };
}

function dedupe(effect: PageEffect): PageEffect {
  effect.dossierIds = [...new Set(effect.dossierIds)];
  effect.complaintIds = [...new Set(effect.complaintIds)];
  return effect;
}

export function provisionalHistoryId(mutationId: string): string {
  return `local:${mutationId}`;
}
