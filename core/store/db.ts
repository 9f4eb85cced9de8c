import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';
import { REPAIRS } from './repairs';
import { restoreDeferredIndexes } from './bulk';

export type Db = Database.Database;

export interface OpenStoreOptions {
  /**
   * Path of a better-sqlite3 binary built for the current runtime. Electron passes the copy built
   * for its own ABI (build/native/electron/), so the Node build in node_modules stays untouched
   * for tests and the browser host: no rebuilding back and forth.
   */
  nativeBinding?: string;
  readonly?: boolean;
  /** Only for tests of the migration runner. */
  migrations?: readonly Migration[];
}

/**
 * Opens (creating if needed) the local store and brings its schema up to date, with the repairs
 * the applied migrations ask for.
 * WAL lets the UI read while sync writes; NORMAL synchronous is durable at checkpoints and safe
 * against corruption in WAL mode, which is the trade-off SQLite recommends for WAL.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Keeps hot pages of a million-row cache in memory without growing the process unboundedly.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    if (!options.readonly) {
      migrate(db, options.migrations ?? MIGRATIONS, REPAIRS);
      restoreDeferredIndexes(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
