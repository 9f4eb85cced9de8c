import type { RecordKind } from '@shared/kinds';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../store/db';
import { STORAGES } from '../store/kinds';
import { searchDocument, searchRowid, type SearchDocument } from './documents';

/**
 * Writes records' documents into their kind's FTS5 table. The store writer calls `record` after
 * each upsert with the record's rowid and, for an update, the searchable fields it had before:
 * when those did not change (most sync updates change a status, not a name), the index is left
 * alone, which spares FTS5 a delete-and-insert per row.
 */
export interface SearchIndexWriter {
  record(
    kind: Pick<RecordKind, 'search'>,
    table: string,
    rowid: number,
    fields: Readonly<Record<string, unknown>>,
    before?: Readonly<Record<string, unknown>>,
  ): void;
  /**
   * Runs `write` (which stores many records, inside the caller's transaction) holding their
   * documents back, then writes them in ascending search rowid. FTS5 buffers a transaction's
   * documents and must flush that buffer into a new segment whenever a rowid is not above the
   * previous one; the search rowids run backwards from the records' (see searchRowid), so
   * records stored in order would cost one flush, and later merges, per document.
   */
  batch<T>(write: () => T): T;
}

interface HeldDocument {
  readonly table: string;
  readonly rowid: number;
  readonly doc: SearchDocument;
}

/** The fields a kind's search document is built from. */
function searchedFields(kind: Pick<RecordKind, 'search'>): readonly string[] {
  return [...kind.search.identifiers, kind.search.name, ...kind.search.text];
}

export function createSearchIndexWriter(db: Db): SearchIndexWriter {
  const statements = new Map<string, Statement>();
  const put = (table: string) => {
    let statement = statements.get(table);
    if (!statement) {
      statement = db.prepare(
        `INSERT OR REPLACE INTO ${table} (rowid, ref, name, body) VALUES (?, ?, ?, ?)`,
      );
      statements.set(table, statement);
    }
    return statement;
  };
  let held: HeldDocument[] | null = null;
  const write = (table: string, rowid: number, doc: SearchDocument) => {
    if (held) held.push({ table, rowid, doc });
    else put(table).run(rowid, doc.ref, doc.name, doc.body);
  };
  return {
    batch(run) {
      if (held) return run();
      held = [];
      try {
        const result = run();
        // Stable: a record written twice in the batch keeps its last document.
        const docs = held.sort((a, b) => a.rowid - b.rowid);
        held = null;
        for (const { table, rowid, doc } of docs)
          put(table).run(rowid, doc.ref, doc.name, doc.body);
        return result;
      } finally {
        // On a failure the caller's transaction rolls back; the held documents go with it.
        held = null;
      }
    },
    record(kind, table, rowid, fields, before) {
      if (before && searchedFields(kind).every((f) => before[f] === fields[f])) return;
      write(table, searchRowid(rowid), searchDocument(kind, fields));
    },
  };
}

const PAGE = 5000;

/**
 * Empties a kind's index and indexes every record again, in rowid pages (better-sqlite3 cannot
 * write while a statement iterates). The repair after a migration that asks for it, and if the
 * index is ever suspected (after a VACUUM, which may renumber the rowids the index is keyed on).
 */
export function rebuildSearchIndex(
  db: Db,
  kinds: readonly {
    kind: Pick<RecordKind, 'search'>;
    table: string;
    search: { table: string; columns: string };
  }[] = STORAGES,
): void {
  const writer = createSearchIndexWriter(db);
  for (const { kind, table, search } of kinds) {
    db.exec(`INSERT INTO ${search.table} (${search.table}) VALUES ('delete-all')`);
    const page = db.prepare(
      `SELECT ${search.columns} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE}`,
    );
    let after = 0;
    for (;;) {
      const rows = page.all(after) as (Record<string, unknown> & { rowid: number })[];
      writer.batch(() => {
        for (const row of rows) writer.record(kind, search.table, row.rowid, row);
      });
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      after = last.rowid;
    }
  }
}
