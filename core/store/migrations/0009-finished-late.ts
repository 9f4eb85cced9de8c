import type { Migration } from '../migrate';

/**
 * The grid's "finished late" and "finished on time" filters (issue 17) counted every finished
 * dossier row by row to give the list its total: over a second at a million dossiers, on every
 * tick of the deadline filter. This partial index holds only the dossiers finished late, by the
 * grid's rule, covering what a count of them reads (status, unit, assignee): counting them reads
 * the index alone, and on time is every finished dossier (dossier_counts) less those. Its order,
 * by receipt, also serves the late list's first page by receipt without a sort.
 *
 * Frozen copy (this migration must not follow later code): the finished-late test of the list's
 * deadline SQL, core/store/kinds/dossier/list.ts (DEADLINE_SQL.finished_late), written exactly as
 * the list writes it, because SQLite uses a partial index only for a query whose WHERE carries
 * its terms as they are (and no function calls in them, hence no coalesce).
 */
export const finishedLate: Migration = {
  version: 9,
  name: 'finished-late',
  up(db) {
    db.exec(`
      CREATE INDEX dossiers_late_by_received ON dossiers
        (received_key, id, status, unit_id, assignee_id)
        WHERE status IN (3, 8, 9, 10)
          AND (late = 1 OR finished_at > due_at OR (finished_at IS NULL AND returned_at > due_at));
    `);
  },
};
