import type { Db } from './db';

const DEFERRED_KEY = 'deferred_indexes';

/** The tables a seed or an initial sync fills from empty: loaded first, indexed after. */
export const SYNCED_TABLES = [
  'dossiers',
  'dossier_history',
  'complaints',
  'complaint_history',
] as const;

interface IndexDefinition {
  name: string;
  sql: string;
}

/**
 * Loading into an indexed table costs a B-tree update per index per row (about 17,000 rows/s
 * with three indexes on this class of machine); loading first and indexing after is ten times
 * faster. deferIndexes drops the secondary indexes of the given tables and records their
 * definitions in `meta` in the same transaction, so the schema stays defined by the migrations
 * alone and a crash in the middle of a load is repaired by restoreDeferredIndexes() at the next
 * open. Only worth it into an (almost) empty table.
 */
export function deferIndexes(db: Db, tables: readonly string[]): void {
  const placeholders = tables.map(() => '?').join(', ');
  db.transaction(() => {
    const indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_schema
         WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${placeholders})`,
      )
      .all(...tables) as IndexDefinition[];
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
      DEFERRED_KEY,
      JSON.stringify([...readDeferred(db), ...indexes]),
    );
    for (const index of indexes) db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  }).immediate();
}

/** Synchronous load between deferIndexes and restoreDeferredIndexes. */
export function withIndexesDeferred<T>(db: Db, tables: readonly string[], load: () => T): T {
  deferIndexes(db, tables);
  try {
    return load();
  } finally {
    restoreDeferredIndexes(db);
  }
}

/**
 * Recreates the indexes a bulk load dropped (a no-op when none are pending). `between` runs
 * after each index, so an async caller can yield to its event loop between the long builds.
 */
export function restoreDeferredIndexes(db: Db): void {
  for (const step of restoreSteps(db)) step();
}

export async function restoreDeferredIndexesAsync(
  db: Db,
  pause: () => Promise<void>,
): Promise<void> {
  for (const step of restoreSteps(db)) {
    step();
    await pause();
  }
}

function restoreSteps(db: Db): (() => void)[] {
  const pending = readDeferred(db);
  if (pending.length === 0) return [];
  return [
    ...pending.map((index) => () => {
      db.exec(index.sql.replace(/^CREATE (UNIQUE )?INDEX /i, 'CREATE $1INDEX IF NOT EXISTS '));
    }),
    () => {
      db.prepare('DELETE FROM meta WHERE key = ?').run(DEFERRED_KEY);
      db.exec('ANALYZE');
    },
  ];
}

function readDeferred(db: Db): IndexDefinition[] {
  const hasMeta = db
    .prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'`)
    .get();
  if (!hasMeta) return [];
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(DEFERRED_KEY) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as IndexDefinition[]) : [];
}
