import type { AccessEntry } from '@shared/sync/protocol';
import type { Db } from '../db';

/**
 * The access log's queue on this computer (issue 12): each access is numbered and kept until
 * the central API has stored it, like the outbox's changes, per officer (another officer's wait
 * for their next sign-in). Kept as rows of the store's key-value `meta` table under their own
 * prefix: one small row per access, removed once answered.
 */
export interface AccessQueue {
  /** Queues an access of the officer; returns its number. */
  add(officerId: string, entry: Omit<AccessEntry, 'seq'>): number;
  /** The officer's oldest waiting accesses, in their order. */
  pending(officerId: string, limit: number): AccessEntry[];
  /** Accesses answered by the central API (stored, a replay, or refused). */
  remove(seqs: readonly number[]): void;
  /** Accesses waiting, of every officer. */
  count(): number;
}

const PREFIX = 'access.q.';
/** The key just past every queued one ('/' follows '.'). */
const END = 'access.q/';
const COUNTER = 'access.seq';
const key = (seq: number) => `${PREFIX}${String(seq).padStart(15, '0')}`;

export function createAccessQueue(db: Db): AccessQueue {
  const next = db.prepare(
    `INSERT INTO meta (key, value) VALUES ('${COUNTER}', '1')
     ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1
     RETURNING CAST(value AS INTEGER) AS seq`,
  );
  const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  const all = db.prepare('SELECT value FROM meta WHERE key >= ? AND key < ? ORDER BY key');
  const remove = db.prepare('DELETE FROM meta WHERE key = ?');
  const count = db.prepare('SELECT count(*) AS n FROM meta WHERE key >= ? AND key < ?');
  const add = db.transaction((officerId: string, entry: Omit<AccessEntry, 'seq'>) => {
    const seq = (next.get() as { seq: number }).seq;
    insert.run(key(seq), JSON.stringify({ officerId, entry: { ...entry, seq } }));
    return seq;
  });
  return {
    add: (officerId, entry) => add(officerId, entry),
    pending(officerId, limit) {
      const out: AccessEntry[] = [];
      for (const row of all.iterate(PREFIX, END) as Iterable<{ value: string }>) {
        const queued = JSON.parse(row.value) as { officerId: string; entry: AccessEntry };
        if (queued.officerId !== officerId) continue;
        out.push(queued.entry);
        if (out.length >= limit) break;
      }
      return out;
    },
    remove: db.transaction((seqs: readonly number[]) => {
      for (const seq of seqs) remove.run(key(seq));
    }),
    count: () => (count.get(PREFIX, END) as { n: number }).n,
  };
}
