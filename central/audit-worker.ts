import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import {
  ChainWalk,
  EntriesWalk,
  ownerRangeParams,
  positionRangeParams,
  PREVIOUS_CHAIN_SQL,
  sqliteChainSql,
  sqliteEntriesSql,
  type ChainRow,
  type EntryRow,
  type PartResult,
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

function run(db: Database.Database, part: AuditPart): PartResult {
  if (part.kind === 'chain') {
    const before = db.prepare(PREVIOUS_CHAIN_SQL).raw().get(part.range.after) as
      [number, Uint8Array] | undefined;
    const walk = new ChainWalk(before ?? null, data.limit);
    const rows = db
      .prepare(sqliteChainSql(part.range))
      .raw()
      .iterate(...positionRangeParams(part.range));
    for (const row of rows) walk.push(row as ChainRow);
    return walk.result();
  }
  const walk = new EntriesWalk(data.limit);
  const rows = db
    .prepare(sqliteEntriesSql(part.range))
    .raw()
    .iterate(...ownerRangeParams(part.range));
  for (const row of rows) walk.push(row as EntryRow);
  return walk.result();
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
