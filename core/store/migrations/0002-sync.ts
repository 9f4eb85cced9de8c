import type { Migration } from '../migrate';

/**
 * What the sync engine keeps beside the cached records:
 *  - calendar_overrides: the official yearly schedules synced from the central API;
 *  - outbox: the officer's changes not yet confirmed, in the order they were made. Each row is
 *    written in the same transaction as the optimistic change to the record, so a change is
 *    never visible without its outbox entry, nor queued without being visible. `client_seq` is
 *    the per-client sequence number the central API deduplicates on; rows stay (status
 *    'applied') until the feed brings the server's version that includes them;
 *  - server_copies: the server's version of each record that has changes in the outbox. The
 *    cached record is always this copy with the outbox replayed on top, so a refused change can
 *    be undone and a newer server version can be rebased on, without asking the server;
 *  - notices: changes the central API refused, kept until the officer dismisses them.
 */
export const sync: Migration = {
  version: 2,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE calendar_overrides (
        year TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE outbox (
        client_seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        entity TEXT NOT NULL CHECK (entity IN ('dossier', 'complaint')),
        record_id TEXT NOT NULL,
        base_version INTEGER NOT NULL,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'applied')),
        applied_version INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
      ) STRICT;
      CREATE INDEX outbox_by_record ON outbox (record_id);

      CREATE TABLE server_copies (
        entity TEXT NOT NULL CHECK (entity IN ('dossier', 'complaint')),
        record_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (entity, record_id)
      ) STRICT;

      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        action TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        current TEXT,
        dismissed_at INTEGER
      ) STRICT;
    `);
  },
};
