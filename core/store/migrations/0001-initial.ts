import type { Migration } from '../migrate';

/**
 * The first schema of the local cache. Columns map one-to-one to the national portal's dossier
 * fields (see shared/model/schemas.ts for the names); list-only helpers are generated columns:
 *  - *_key columns give every sortable field a non-null value so keyset pagination can compare
 *    (key, id) row values with a plain index;
 *  - *_sort columns hold a Vietnamese collation key, because SQLite compares text by bytes and
 *    would put "Đặng" after "Z".
 * Lists that belong to one dossier (documents, fees, supplement rounds, result documents) are
 * never filtered on, so they live as one JSON column instead of four tables.
 * The cache declares no foreign keys: it is a replica, filled in the central API's change order,
 * where a history entry may arrive before the latest version of its dossier (which moved to a
 * later sequence number when it last changed). Integrity is the central API's; the cache deletes
 * a record's history explicitly with it.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE procedures (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        field_code TEXT NOT NULL,
        field_name TEXT NOT NULL,
        service_level TEXT NOT NULL CHECK (service_level IN ('full', 'partial')),
        working_days INTEGER NOT NULL CHECK (working_days >= 0)
      ) STRICT;

      CREATE TABLE units (
        id TEXT PRIMARY KEY,
        parent_id TEXT,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('province', 'department', 'commune', 'office'))
      ) STRICT;

      CREATE TABLE officers (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        full_name TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        roles TEXT NOT NULL
      ) STRICT;

      CREATE TABLE dossiers (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        procedure_code TEXT NOT NULL,
        procedure_name TEXT NOT NULL,
        procedure_sort TEXT NOT NULL,
        field_code TEXT NOT NULL,
        channel INTEGER NOT NULL CHECK (channel IN (1, 2, 3)),
        applicant_name TEXT NOT NULL,
        applicant_sort TEXT NOT NULL,
        applicant_id_number TEXT NOT NULL,
        applicant_type INTEGER NOT NULL CHECK (applicant_type IN (1, 2)),
        phone TEXT NOT NULL,
        email TEXT NOT NULL,
        address TEXT NOT NULL,
        summary TEXT NOT NULL,
        status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
        filed_at INTEGER NOT NULL,
        received_at INTEGER,
        due_at INTEGER,
        due_soon_at INTEGER,
        finished_at INTEGER,
        returned_at INTEGER,
        unit_id TEXT NOT NULL,
        assignee_id TEXT,
        working_days INTEGER NOT NULL,
        clock_started_at INTEGER,
        clock_paused_at INTEGER,
        clock_remaining_ms INTEGER,
        apology_count INTEGER NOT NULL DEFAULT 0,
        supplement_count INTEGER NOT NULL DEFAULT 0,
        late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
        details TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        received_key INTEGER NOT NULL GENERATED ALWAYS AS (coalesce(received_at, filed_at)) VIRTUAL,
        due_key INTEGER NOT NULL GENERATED ALWAYS AS (coalesce(due_at, 9007199254740991)) VIRTUAL
      ) STRICT;

      CREATE INDEX dossiers_by_received ON dossiers (received_key, id);
      CREATE INDEX dossiers_by_due ON dossiers (due_key, id);
      CREATE INDEX dossiers_by_applicant ON dossiers (applicant_sort, id);
      CREATE INDEX dossiers_by_procedure ON dossiers (procedure_sort, id);
      CREATE INDEX dossiers_by_status ON dossiers (status, id);
      CREATE INDEX dossiers_by_unit ON dossiers (unit_id, received_key, id);
      CREATE INDEX dossiers_by_assignee ON dossiers (assignee_id, received_key, id);

      CREATE TABLE dossier_history (
        id TEXT PRIMARY KEY,
        dossier_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        officer_id TEXT,
        officer_name TEXT NOT NULL,
        unit_id TEXT,
        unit_name TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT,
        note TEXT,
        visibility TEXT NOT NULL CHECK (visibility IN ('internal', 'citizen')),
        data TEXT
      ) STRICT;
      CREATE INDEX dossier_history_by_dossier ON dossier_history (dossier_id, at);

      CREATE TABLE complaints (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        sender_name TEXT NOT NULL,
        sender_sort TEXT NOT NULL,
        sender_phone TEXT NOT NULL,
        sender_email TEXT NOT NULL,
        sender_address TEXT NOT NULL,
        channel TEXT NOT NULL,
        title TEXT NOT NULL,
        content TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        classification TEXT,
        unit_id TEXT NOT NULL,
        assignee_id TEXT,
        clock_started_at INTEGER NOT NULL,
        due_at INTEGER,
        answer TEXT,
        approved_at INTEGER,
        published_at INTEGER,
        version INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX complaints_by_received ON complaints (received_at, id);
      CREATE INDEX complaints_by_unit ON complaints (unit_id, received_at, id);

      CREATE TABLE complaint_history (
        id TEXT PRIMARY KEY,
        complaint_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        officer_id TEXT,
        officer_name TEXT NOT NULL,
        unit_id TEXT,
        unit_name TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT,
        note TEXT,
        visibility TEXT NOT NULL CHECK (visibility IN ('internal', 'citizen')),
        data TEXT
      ) STRICT;
      CREATE INDEX complaint_history_by_complaint ON complaint_history (complaint_id, at);
    `);
  },
};
