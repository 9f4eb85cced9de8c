import type { KindName } from '@shared/kinds';
import type { Db } from '../db';

/** One change the officer made here, waiting for (or just given) the central API's answer. */
export interface OutboxEntry {
  clientSeq: number;
  id: string;
  entity: KindName;
  recordId: string;
  baseVersion: number;
  at: number;
  /** The action as JSON text (validated when it was made). */
  action: string;
  status: 'pending' | 'applied';
  appliedVersion: number | null;
  attempts: number;
}

interface OutboxRow {
  client_seq: number;
  id: string;
  entity: KindName;
  record_id: string;
  base_version: number;
  at: number;
  action: string;
  status: 'pending' | 'applied';
  applied_version: number | null;
  attempts: number;
}

const toEntry = (r: OutboxRow): OutboxEntry => ({
  clientSeq: r.client_seq,
  id: r.id,
  entity: r.entity,
  recordId: r.record_id,
  baseVersion: r.base_version,
  at: r.at,
  action: r.action,
  status: r.status,
  appliedVersion: r.applied_version,
  attempts: r.attempts,
});

/**
 * The outbox (migration 2) and the server's copy of each record with changes in it: the copy is
 * what the officer's pending changes are replayed on when the feed or a refusal rebuilds the
 * record.
 */
export interface OutboxRepository {
  insert(e: Omit<OutboxEntry, 'status' | 'appliedVersion' | 'attempts'>): void;
  /** The next changes to push, in the order they were made. */
  pending(limit: number): OutboxEntry[];
  bySeq(clientSeq: number): OutboxEntry | null;
  /** A record's changes, in the order they were made. */
  ofRecord(entity: KindName, recordId: string): OutboxEntry[];
  markApplied(clientSeq: number, version: number): void;
  delete(clientSeq: number): void;
  count(): number;
  recordAttempt(clientSeq: number, error: string): void;
  serverCopy(entity: KindName, recordId: string): string | null;
  setServerCopy(entity: KindName, recordId: string, json: string): void;
  deleteServerCopy(entity: KindName, recordId: string): void;
}

export function createOutboxRepository(db: Db): OutboxRepository {
  const s = {
    ofRecord: db.prepare(
      'SELECT * FROM outbox WHERE entity = ? AND record_id = ? ORDER BY client_seq',
    ),
    pending: db.prepare(
      `SELECT * FROM outbox WHERE status = 'pending' ORDER BY client_seq LIMIT ?`,
    ),
    bySeq: db.prepare('SELECT * FROM outbox WHERE client_seq = ?'),
    insert: db.prepare(
      `INSERT INTO outbox (client_seq, id, entity, record_id, base_version, at, action, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')`,
    ),
    applied: db.prepare(
      `UPDATE outbox SET status = 'applied', applied_version = ? WHERE client_seq = ?`,
    ),
    delete: db.prepare('DELETE FROM outbox WHERE client_seq = ?'),
    count: db.prepare('SELECT count(*) AS n FROM outbox'),
    attempt: db.prepare(
      'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE client_seq = ?',
    ),
    copyGet: db.prepare('SELECT data FROM server_copies WHERE entity = ? AND record_id = ?'),
    copySet: db.prepare(
      'INSERT INTO server_copies (entity, record_id, data) VALUES (?, ?, ?) ON CONFLICT (entity, record_id) DO UPDATE SET data = excluded.data',
    ),
    copyDelete: db.prepare('DELETE FROM server_copies WHERE entity = ? AND record_id = ?'),
  };
  return {
    insert: (e) =>
      s.insert.run(e.clientSeq, e.id, e.entity, e.recordId, e.baseVersion, e.at, e.action),
    pending: (limit) => (s.pending.all(limit) as OutboxRow[]).map(toEntry),
    bySeq: (seq) => {
      const row = s.bySeq.get(seq) as OutboxRow | undefined;
      return row ? toEntry(row) : null;
    },
    ofRecord: (entity, id) => (s.ofRecord.all(entity, id) as OutboxRow[]).map(toEntry),
    markApplied: (seq, version) => s.applied.run(version, seq),
    delete: (seq) => s.delete.run(seq),
    count: () => (s.count.get() as { n: number }).n,
    recordAttempt: (seq, error) => s.attempt.run(error.slice(0, 500), seq),
    serverCopy: (entity, id) =>
      (s.copyGet.get(entity, id) as { data: string } | undefined)?.data ?? null,
    setServerCopy: (entity, id, json) => s.copySet.run(entity, id, json),
    deleteServerCopy: (entity, id) => s.copyDelete.run(entity, id),
  };
}
