import type { Migration } from '../migrate';

/**
 * What the officer's workbench needs beside the records (issue 5):
 *
 *  - dossier_counts: how many dossiers there are per (unit, assignee, status), kept by triggers
 *    in the same transaction as every insert, update and delete. Queue counts and list totals
 *    that filter only on those columns (my dossiers, unassigned, waiting for the citizen,
 *    finished…) become a sum over a few hundred rows instead of a scan of a million; the few
 *    microseconds per written row are paid once. '' stands for "no assignee" (a key column
 *    cannot hold NULL usefully).
 *  - dossiers_running_by_due: the dossiers whose clock runs (status 2, 4, 7), by appointment.
 *    Due soon and overdue are ranges of it, whatever the time; finished dossiers (most of a
 *    year's million) never enter it. It is on due_at, not on the generated due_key: SQLite never
 *    reads a virtual column's value from an index, so only real columns make it covering, and
 *    due_soon_at and status ride along so that counting a range reads no table rows at all.
 *  - dossiers_by_unit_number, dossiers_by_unit_procedure: a unit's dossiers in number and in
 *    procedure order. Both orders follow the unit (the agency code leads the number; procedures
 *    belong to their department), so walking the whole table's order to find one unit's rows may
 *    read most of a million first; other orders are spread over units and need no such index
 *    (dossier-queries.ts, PlanHint).
 *  - complaints: a non-null due key and a lifecycle rank for sorting, and their indexes; queue
 *    counts (status, scope, assignee, deadline) read complaints_by_status_unit alone, never the
 *    rows, whose contents make them wide.
 *  - views and preferences: saved views and grid layouts, per officer ('' when signed out);
 *    local to this computer, never synced.
 */
export const workbench: Migration = {
  version: 4,
  name: 'workbench',
  up(db) {
    db.exec(`
      CREATE TABLE dossier_counts (
        unit_id TEXT NOT NULL,
        assignee_id TEXT NOT NULL,
        status INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (unit_id, assignee_id, status)
      ) STRICT;

      INSERT INTO dossier_counts (unit_id, assignee_id, status, n)
        SELECT unit_id, coalesce(assignee_id, ''), status, count(*) FROM dossiers GROUP BY 1, 2, 3;

      CREATE TRIGGER dossiers_count_insert AFTER INSERT ON dossiers BEGIN
        INSERT INTO dossier_counts (unit_id, assignee_id, status, n)
          VALUES (new.unit_id, coalesce(new.assignee_id, ''), new.status, 1)
          ON CONFLICT (unit_id, assignee_id, status) DO UPDATE SET n = n + 1;
      END;
      CREATE TRIGGER dossiers_count_delete AFTER DELETE ON dossiers BEGIN
        UPDATE dossier_counts SET n = n - 1
          WHERE unit_id = old.unit_id AND assignee_id = coalesce(old.assignee_id, '')
            AND status = old.status;
      END;
      CREATE TRIGGER dossiers_count_update AFTER UPDATE OF unit_id, assignee_id, status ON dossiers
        WHEN old.unit_id IS NOT new.unit_id OR old.assignee_id IS NOT new.assignee_id
          OR old.status IS NOT new.status
      BEGIN
        UPDATE dossier_counts SET n = n - 1
          WHERE unit_id = old.unit_id AND assignee_id = coalesce(old.assignee_id, '')
            AND status = old.status;
        INSERT INTO dossier_counts (unit_id, assignee_id, status, n)
          VALUES (new.unit_id, coalesce(new.assignee_id, ''), new.status, 1)
          ON CONFLICT (unit_id, assignee_id, status) DO UPDATE SET n = n + 1;
      END;

      CREATE INDEX dossiers_running_by_due ON dossiers (due_at, id, due_soon_at, status)
        WHERE status IN (2, 4, 7);

      CREATE INDEX dossiers_by_unit_number ON dossiers (unit_id, number, id);
      CREATE INDEX dossiers_by_unit_procedure ON dossiers (unit_id, procedure_sort, id);

      ALTER TABLE complaints ADD COLUMN due_key INTEGER
        GENERATED ALWAYS AS (coalesce(due_at, 9007199254740991)) VIRTUAL;
      ALTER TABLE complaints ADD COLUMN status_rank INTEGER
        GENERATED ALWAYS AS (CASE status
          WHEN 'new' THEN 1 WHEN 'received' THEN 2 WHEN 'info_requested' THEN 3
          WHEN 'info_supplied' THEN 4 WHEN 'processing' THEN 5 WHEN 'answer_drafted' THEN 6
          WHEN 'returned' THEN 7 WHEN 'waiting_to_publish' THEN 8 WHEN 'published' THEN 9
          WHEN 'refused' THEN 10 WHEN 'transferred' THEN 11 ELSE 12 END) VIRTUAL;
      CREATE INDEX complaints_by_due ON complaints (due_key, id);
      CREATE INDEX complaints_by_status_unit ON complaints (status, unit_id, assignee_id, due_at);
      CREATE INDEX complaints_by_sender ON complaints (sender_sort, id);
      CREATE INDEX complaints_by_status ON complaints (status_rank, id);
      CREATE INDEX complaints_by_assignee ON complaints (assignee_id, received_at, id);

      CREATE TABLE views (
        id TEXT PRIMARY KEY,
        officer_id TEXT NOT NULL,
        name TEXT NOT NULL,
        entity TEXT NOT NULL CHECK (entity IN ('dossier', 'complaint')),
        definition TEXT NOT NULL,
        position INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX views_by_officer ON views (officer_id, position);

      CREATE TABLE preferences (
        officer_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (officer_id, key)
      ) STRICT;
    `);
  },
};
