import type { KindRecord } from '@shared/kinds';
import type { HistoryEntry, Officer, Procedure, Unit } from '@shared/model';
import { vietnameseSortKey } from '@shared/domain/text';
import { createSearchIndexWriter } from '../search/index-writer';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './db';
import type { KindStorage, SortKeys } from './kinds/storage';
import { HISTORY_COLUMNS, historyParams } from './rows';

/**
 * Prepared upserts for every entity of the cache. Statements are prepared once per store (and
 * kind) and reused: preparing per row would dominate a bulk load of a million dossiers.
 *
 * Records also go into the full-text index (core/search): the writer is the one place every
 * record passes through (sync pages, optimistic actions, seeding), and folding the text for it
 * needs JavaScript, so a trigger cannot do it. Deletes are triggers (migration 3).
 */
export interface StoreWriter {
  procedure(p: Procedure): void;
  unit(u: Unit): void;
  officer(o: Officer): void;
  /** Inserts or replaces a record of the storage's kind, and its search document. */
  record<R extends KindRecord>(storage: KindStorage<R, never>, record: R): void;
  /** Adds a history entry of a record (an entry already stored is left as it is). */
  history(storage: KindStorage<KindRecord, never>, ownerId: string, entry: HistoryEntry): void;
  /**
   * Runs `write`, which stores many records inside the caller's transaction, and writes their
   * search documents at its end, in the order the search index takes fastest (see
   * SearchIndexWriter.batch). Deletes in the same transaction come after it.
   */
  batch<T>(write: () => T): T;
}

interface KindStatements {
  upsert: Statement;
  before: Statement;
  history: Statement;
}

export function createWriter(db: Db): StoreWriter {
  const procedure = db.prepare(`
    INSERT INTO procedures (code, name, field_code, field_name, service_level, working_days,
      handling_units)
    VALUES (@code, @name, @fieldCode, @fieldName, @serviceLevel, @workingDays, @handlingUnits)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, field_code = excluded.field_code,
      field_name = excluded.field_name, service_level = excluded.service_level,
      working_days = excluded.working_days, handling_units = excluded.handling_units`);
  const unit = db.prepare(`
    INSERT INTO units (id, parent_id, code, name, kind, sign_off)
    VALUES (@id, @parentId, @code, @name, @kind, @signOff)
    ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, code = excluded.code,
      name = excluded.name, kind = excluded.kind, sign_off = excluded.sign_off`);
  const officer = db.prepare(`
    INSERT INTO officers (id, username, full_name, unit_id, roles)
    VALUES (@id, @username, @fullName, @unitId, @roles)
    ON CONFLICT (id) DO UPDATE SET username = excluded.username, full_name = excluded.full_name,
      unit_id = excluded.unit_id, roles = excluded.roles`);
  const search = createSearchIndexWriter(db);

  const statements = new Map<string, KindStatements>();
  const of = (storage: KindStorage<KindRecord, never>): KindStatements => {
    let s = statements.get(storage.table);
    if (!s) {
      s = {
        upsert: db.prepare(storage.upsert.sql),
        before: db.prepare(`SELECT ${storage.search.columns} FROM ${storage.table} WHERE id = ?`),
        // Positional parameters: binding by name looks every name up on the object, which costs
        // about twice as much per row, and history entries are most of an initial sync's rows.
        history: db.prepare(`
          INSERT INTO ${storage.historyTable} (${storage.historyOwner}, ${HISTORY_COLUMNS})
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`),
      };
      statements.set(storage.table, s);
    }
    return s;
  };

  // Values many records share (a procedure's name) have their sort key computed once each.
  const shared = new Map<string, string>();
  const keys: SortKeys = {
    fresh: vietnameseSortKey,
    cached: (text) => {
      let key = shared.get(text);
      if (key === undefined) {
        key = vietnameseSortKey(text);
        if (shared.size < 10_000) shared.set(text, key);
      }
      return key;
    },
  };

  return {
    procedure: (p) =>
      procedure.run({
        code: p.code,
        name: p.name,
        fieldCode: p.fieldCode,
        fieldName: p.fieldName,
        serviceLevel: p.serviceLevel,
        workingDays: p.workingDays,
        handlingUnits: p.handlingUnitIds ? JSON.stringify(p.handlingUnitIds) : null,
      }),
    unit: (u) =>
      unit.run({
        id: u.id,
        parentId: u.parentId,
        code: u.code,
        name: u.name,
        kind: u.kind,
        signOff: u.signOff ? JSON.stringify(u.signOff) : null,
      }),
    officer: (o) => officer.run({ ...o, roles: JSON.stringify(o.roles) }),
    record: (storage, record) => {
      const s = of(storage);
      const before = s.before.get(record.id) as
        (Record<string, unknown> & { rowid: number }) | undefined;
      const info = s.upsert.run(...storage.upsert.params(record, keys));
      // An upsert that updated keeps its rowid; lastInsertRowid only tells about inserts.
      search.record(
        storage.kind,
        storage.search.table,
        before ? before.rowid : Number(info.lastInsertRowid),
        record as unknown as Record<string, unknown>,
        before,
      );
    },
    history: (storage, ownerId, entry) => of(storage).history.run(ownerId, ...historyParams(entry)),
    batch: (write) => search.batch(write),
  };
}
