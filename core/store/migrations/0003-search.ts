import type { Migration } from '../migrate';

/**
 * Frozen copy of core/search/documents.ts's SEARCH_ROWID_TOP: a record's FTS rowid is this minus
 * its own rowid, so the index lists the newest records first.
 */
const SEARCH_ROWID_TOP = 2 ** 50;

/**
 * Full-text search over dossiers and complaints (core/search, README "Search").
 *
 * `dossier_search` and `complaint_search` are contentless FTS5 tables: they keep only the index,
 * never a copy of the text (the records are the text), and `contentless_delete=1` lets rows be
 * deleted and replaced by rowid. The text is folded in code before it gets here (FTS5's remove_diacritics never folds
 * đ), so the tokenizer only splits; no prefix indexes (they double the write cost and the size),
 * the query builder uses the joined-name tokens instead.
 *
 * Who keeps it in step: the store writer, on every insert and update of a record (it folds in
 * JavaScript; SQL cannot), in the same statement sequence and so the same transaction. Deletes
 * happen in plain SQL too (the sync cache removes records that left the officer's scope, and
 * clears the cache for another officer), so deletes are triggers. Both paths are row by row, so
 * the bulk initial sync, which only drops the B-tree indexes, keeps the index right as it loads.
 * The records a store held before this migration are indexed by the repair it asks for.
 */
export const search: Migration = {
  version: 3,
  name: 'search',
  up(db) {
    const table = (name: string) => `
      CREATE VIRTUAL TABLE ${name} USING fts5(
        ref, name, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0'
      );`;
    db.exec(`
      ${table('dossier_search')}
      ${table('complaint_search')}

      CREATE TRIGGER dossiers_search_delete AFTER DELETE ON dossiers BEGIN
        DELETE FROM dossier_search WHERE rowid = (${SEARCH_ROWID_TOP} - old.rowid);
      END;
      CREATE TRIGGER complaints_search_delete AFTER DELETE ON complaints BEGIN
        DELETE FROM complaint_search WHERE rowid = (${SEARCH_ROWID_TOP} - old.rowid);
      END;
    `);
  },
  // The records already stored get their documents from today's search code, after migrating.
  repairs: ['search-index'],
};
