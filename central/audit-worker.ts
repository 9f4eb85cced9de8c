import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import {
  ChainWalk,
  EntriesWalk,
  type ChainRow,
  type EntryRow,
  type OwnerRange,
  type PartResult,
  type PositionRange,
} from './audit-walk';
import type { AuditPart, AuditWorkerData } from './audit';
import { unlockSqlite } from './store/sqlite-key';

/**
 * A thread of the audit trail's verification on SQLite (audit.ts starts it): its own read-only
 * connection to the file, the parts it was given walked one after the other, streamed row by row
 * (a connection of its own may hold its statement open for the whole walk). Answers one message:
 * each part's result, or why it could not.
 */
const data = workerData as AuditWorkerData;
const port = parentPort;
if (!port) throw new Error('audit-worker.ts runs as a worker thread');

/** A statement and its parameters. */
interface Statement {
  readonly text: string;
  readonly params: readonly (string | number)[];
}

const previousChainRow = (range: PositionRange): Statement => ({
  text: `select position, chain_hash from audit_chain where position <= ?
    order by position desc limit 1`,
  params: [range.after],
});

const chainRows = (range: PositionRange): Statement => ({
  text: `select position, entry_hash, chain_hash from audit_chain
    where position > ?${range.through === null ? '' : ' and position <= ?'}
    order by position`,
  params: range.through === null ? [range.after] : [range.after, range.through],
});

/** The texts as bytes: hashing a string would encode back what SQLite just decoded. */
function entryRows(range: OwnerRange): Statement {
  const conditions = [
    ...(range.from ? ['(a.entity, a.owner_id) >= (?, ?)'] : []),
    ...(range.to ? ['(a.entity, a.owner_id) < (?, ?)'] : []),
  ];
  return {
    text: `select a.position, a.entity, a.owner_id, a.entry_hash, r.seq, cast(r.data as blob)
      from audit_chain a indexed by audit_chain_owner
      left join records r on r.entity = a.entity and r.id = a.id
      ${conditions.length === 0 ? '' : `where ${conditions.join(' and ')}`}
      order by a.entity, a.owner_id, a.position`,
    params: [...(range.from ?? []), ...(range.to ?? [])],
  };
}

/** Streams a statement's rows, as arrays, into a walk. */
function walkRows<R>(
  db: Database.Database,
  { text, params }: Statement,
  walk: { push(row: R): void; result(): PartResult },
): PartResult {
  for (const row of db
    .prepare(text)
    .raw()
    .iterate(...params))
    walk.push(row as R);
  return walk.result();
}

function run(db: Database.Database, part: AuditPart): PartResult {
  if (part.kind === 'entries') {
    return walkRows<EntryRow>(db, entryRows(part.range), new EntriesWalk(data.limit));
  }
  const { text, params } = previousChainRow(part.range);
  const before = db
    .prepare(text)
    .raw()
    .get(...params) as [number, Uint8Array] | undefined;
  return walkRows<ChainRow>(db, chainRows(part.range), new ChainWalk(before ?? null, data.limit));
}

try {
  const db = new Database(data.file, {
    readonly: true,
    ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  });
  try {
    // Without checking each page's HMAC as it reads: the walk checks the content itself, and a
    // page changed on disk shows as an edited entry or a broken link instead of ending the walk.
    unlockSqlite(db, data.file, data.key ? Buffer.from(data.key) : null, false);
    // The history rows the owner index leads to are spread over the file: a larger cache
    // keeps them from being read and decrypted twice.
    db.pragma('cache_size = -65536');
    port.postMessage({ ok: true, results: data.parts.map((part) => run(db, part)) });
  } finally {
    db.close();
  }
} catch (error) {
  port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
