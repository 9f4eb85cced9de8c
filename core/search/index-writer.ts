import type { Db } from '../store/db';
import {
  complaintSearchDocument,
  dossierSearchDocument,
  searchRowid,
  SEARCH_TABLE,
  type ComplaintSearchFields,
  type DossierSearchFields,
  type SearchDocument,
  type SearchEntity,
} from './documents';

/**
 * Writes records' documents into `dossier_search` / `complaint_search`. The store writer calls `dossier` / `complaint`
 * after each upsert with the record's rowid and, for an update, the searchable fields it had
 * before: when those did not change (most sync updates change a status, not a name), the index
 * is left alone, which spares FTS5 a delete-and-insert per row.
 */
export interface SearchIndexWriter {
  dossier(rowid: number, d: DossierSearchFields, before?: DossierSearchFields): void;
  complaint(rowid: number, c: ComplaintSearchFields, before?: ComplaintSearchFields): void;
  /**
   * Runs `write` (which stores many records, inside the caller's transaction) holding their
   * documents back, then writes them in ascending search rowid. FTS5 buffers a transaction's
   * documents and must flush that buffer into a new segment whenever a rowid is not above the
   * previous one; the search rowids run backwards from the records' (see searchRowid), so
   * records stored in order cost one flush, and later merges, per document: 35 µs a dossier
   * instead of 13 in a page of 130.
   */
  batch<T>(write: () => T): T;
}

interface HeldDocument {
  readonly entity: SearchEntity;
  readonly rowid: number;
  readonly doc: SearchDocument;
}

export function createSearchIndexWriter(db: Db): SearchIndexWriter {
  const put = (entity: SearchEntity) =>
    db.prepare(
      `INSERT OR REPLACE INTO ${SEARCH_TABLE[entity]} (rowid, ref, name, body) VALUES (?, ?, ?, ?)`,
    );
  const statements = { dossier: put('dossier'), complaint: put('complaint') };
  let held: HeldDocument[] | null = null;
  const write = (entity: SearchEntity, rowid: number, doc: SearchDocument) => {
    if (held) held.push({ entity, rowid, doc });
    else statements[entity].run(rowid, doc.ref, doc.name, doc.body);
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
        for (const { entity, rowid, doc } of docs)
          statements[entity].run(rowid, doc.ref, doc.name, doc.body);
        return result;
      } finally {
        // On a failure the caller's transaction rolls back; the held documents go with it.
        held = null;
      }
    },
    dossier(rowid, d, before) {
      if (
        before &&
        before.number === d.number &&
        before.applicantName === d.applicantName &&
        before.applicantIdNumber === d.applicantIdNumber &&
        before.phone === d.phone &&
        before.summary === d.summary
      ) {
        return;
      }
      write('dossier', searchRowid(rowid), dossierSearchDocument(d));
    },
    complaint(rowid, c, before) {
      if (
        before &&
        before.number === c.number &&
        before.senderName === c.senderName &&
        before.senderPhone === c.senderPhone &&
        before.title === c.title &&
        before.content === c.content
      ) {
        return;
      }
      write('complaint', searchRowid(rowid), complaintSearchDocument(c));
    },
  };
}

/** SELECTs of the searchable fields, by record id (before an upsert) and in rowid pages. */
export const DOSSIER_SEARCH_FIELDS = `rowid, number, applicant_name AS applicantName,
  applicant_id_number AS applicantIdNumber, phone, summary`;
export const COMPLAINT_SEARCH_FIELDS = `rowid, number, sender_name AS senderName,
  sender_phone AS senderPhone, title, content`;

const PAGE = 5000;

/**
 * Empties the index and indexes every record again, in rowid pages (better-sqlite3 cannot write
 * while a statement iterates). Used by migration 3, and the repair if the index is ever suspected
 * (after a VACUUM, which may renumber the rowids the index is keyed on).
 */
export function rebuildSearchIndex(db: Db): void {
  for (const table of Object.values(SEARCH_TABLE)) {
    db.exec(`INSERT INTO ${table} (${table}) VALUES ('delete-all')`);
  }
  const writer = createSearchIndexWriter(db);
  const tables: [SearchEntity, string, string][] = [
    ['dossier', 'dossiers', DOSSIER_SEARCH_FIELDS],
    ['complaint', 'complaints', COMPLAINT_SEARCH_FIELDS],
  ];
  for (const [entity, table, fields] of tables) {
    const page = db.prepare(
      `SELECT ${fields} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${PAGE}`,
    );
    let after = 0;
    for (;;) {
      const rows = page.all(after) as ((DossierSearchFields & ComplaintSearchFields) & {
        rowid: number;
      })[];
      writer.batch(() => {
        for (const row of rows) {
          if (entity === 'dossier') writer.dossier(row.rowid, row);
          else writer.complaint(row.rowid, row);
        }
      });
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      after = last.rowid;
    }
  }
}
