/**
 * The storage ceiling of this machine, for the sync bench: a plain better-sqlite3 load of `rows`
 * rows of `bytes` bytes each into one STRICT table, with three secondary indexes built after the
 * load, in transactions of 5,000 rows, with the store's own pragmas (WAL, synchronous NORMAL).
 * No parsing, no validation, no search index: what the disk and SQLite alone allow. The sync's
 * throughput is reported as a ratio to it, which travels between machines where rows/s do not.
 *
 *   node --import tsx tests/bench/storage-ceiling.ts ROWS BYTES DIR  →  CEILING {"rowsPerSecond":…}
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [rowsArg, bytesArg, dirArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const bytes = Number(bytesArg);
if (!Number.isInteger(rows) || rows <= 0 || !Number.isInteger(bytes) || bytes <= 0 || !dirArg) {
  console.error('usage: storage-ceiling.ts ROWS BYTES DIR');
  process.exit(2);
}
mkdirSync(dirArg, { recursive: true });
const file = join(dirArg, 'ceiling.db');
rmSync(file, { force: true });
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -65536');
db.exec(`CREATE TABLE records (
  id TEXT PRIMARY KEY, owner TEXT NOT NULL, at INTEGER NOT NULL, kind INTEGER NOT NULL,
  data TEXT NOT NULL) STRICT`);
const insert = db.prepare('INSERT INTO records (id, owner, at, kind, data) VALUES (?, ?, ?, ?, ?)');
// A payload of the rows' average size, varied per row so pages do not compress to nothing.
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 ';
const base = Array.from({ length: bytes }, (_, i) => alphabet[(i * 7) % alphabet.length]).join('');
const started = performance.now();
const chunk = db.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const id = `r${String(i).padStart(9, '0')}`;
    insert.run(
      id,
      `o${i % 50_000}`,
      1_700_000_000_000 + i * 997,
      i % 10,
      `${i}${base}`.slice(0, bytes),
    );
  }
});
for (let from = 0; from < rows; from += 5000) chunk(from, Math.min(rows, from + 5000));
db.exec(`CREATE INDEX records_by_owner ON records (owner, at);
  CREATE INDEX records_by_at ON records (at, id);
  CREATE INDEX records_by_kind ON records (kind, at, id);`);
const seconds = (performance.now() - started) / 1000;
db.close();
rmSync(dirArg, { recursive: true, force: true });
process.stdout.write(`CEILING ${JSON.stringify({ rowsPerSecond: rows / seconds, seconds })}\n`);
