import type { KindRecord } from '@shared/kinds';
import type { HistoryEntry } from '@shared/model';
import type { Db } from '../db';
import type { KindStorage } from '../kinds/storage';
import { toHistoryEntry, type HistoryRecord } from '../rows';
import type { StoreWriter } from '../writer';

/**
 * One kind's records and their history in the local store. Writes go through the store writer
 * (the one path that keeps the search index in step); deletes are plain SQL (the search
 * document and the counters follow by trigger).
 */
export interface RecordRepository<R extends KindRecord> {
  get(id: string): R | null;
  put(record: R): void;
  /** The record and its history (it left the officer's scope). */
  delete(id: string): void;
  history(id: string): HistoryEntry[];
  putHistory(ownerId: string, entry: HistoryEntry): void;
  deleteHistoryEntry(entryId: string): void;
  /** Replaces the `data` of a stored history entry (the sync cache marks its own entries). */
  setHistoryData(entryId: string, data: Record<string, unknown> | null): void;
  /**
   * History entries this computer wrote itself (ids starting with `prefix`), oldest first: the
   * sync cache's provisional entries of changes not yet brought back by the feed.
   */
  provisionalHistory(prefix: string): { ownerId: string; entry: HistoryEntry }[];
  count(): number;
}

export function createRecordRepository<R extends KindRecord>(
  db: Db,
  storage: KindStorage<R, never>,
  writer: StoreWriter,
): RecordRepository<R> {
  const { table, historyTable, historyOwner } = storage;
  const s = {
    get: db.prepare(`SELECT * FROM ${table} WHERE id = ?`),
    delete: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
    deleteHistory: db.prepare(`DELETE FROM ${historyTable} WHERE ${historyOwner} = ?`),
    history: db.prepare(
      `SELECT * FROM ${historyTable} WHERE ${historyOwner} = ? ORDER BY at, rowid`,
    ),
    deleteEntry: db.prepare(`DELETE FROM ${historyTable} WHERE id = ?`),
    setData: db.prepare(`UPDATE ${historyTable} SET data = ? WHERE id = ?`),
    // A range on the primary key: only this computer's own entries are read.
    provisional: db.prepare(
      `SELECT *, ${historyOwner} AS owner_id FROM ${historyTable}
       WHERE id >= @prefix AND id < @prefix || char(1114111) ORDER BY at, rowid`,
    ),
    count: db.prepare(`SELECT count(*) AS n FROM ${table}`),
  };
  return {
    get: (id) => {
      const row = s.get.get(id);
      return row === undefined ? null : storage.fromRow(row);
    },
    put: (record) => writer.record(storage, record),
    delete: (id) => {
      s.delete.run(id);
      s.deleteHistory.run(id);
    },
    history: (id) => (s.history.all(id) as HistoryRecord[]).map(toHistoryEntry),
    putHistory: (ownerId, entry) => writer.history(storage, ownerId, entry),
    deleteHistoryEntry: (entryId) => s.deleteEntry.run(entryId),
    setHistoryData: (entryId, data) =>
      s.setData.run(data === null ? null : JSON.stringify(data), entryId),
    provisionalHistory: (prefix) =>
      (s.provisional.all({ prefix }) as (HistoryRecord & { owner_id: string })[]).map((r) => ({
        ownerId: r.owner_id,
        entry: toHistoryEntry(r),
      })),
    count: () => (s.count.get() as { n: number }).n,
  };
}
