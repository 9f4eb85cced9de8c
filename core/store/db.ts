import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';
import { REPAIRS } from './repairs';
import { restoreDeferredIndexes } from './bulk';

export type Db = Database.Database;

/** Bytes of a store key: SQLCipher's raw AES-256 key. */
export const STORE_KEY_BYTES = 32;

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
  /**
   * The store's key (STORE_KEY_BYTES): the file is encrypted with SQLCipher 4's scheme (AES-256,
   * an HMAC per page), a plain file from an earlier version is encrypted in place, and a file the
   * key does not open is refused, never replaced. Absent or null: a plain file (unit tests, the
   * benchmark's unencrypted baseline).
   */
  key?: Buffer | null;
  /**
   * False only for a connection that reads back what this process has just written, never for
   * one that serves the officer: it skips checking each page's HMAC when reading (pages are still
   * written with theirs). The initial sync's index builds use it (load-worker.ts): each index is
   * built by a full scan of its table, and checking the HMAC of every page at every scan made
   * them several times as slow as on a plain file. Such a connection never checkpoints (a checkpoint
   * copies every connection's recent pages into the file, so it must check them), and a page
   * changed on disk meanwhile is still refused by every other connection at its first read. The
   * few existing pages it rewrites (the schema's, for each index; the store's bookkeeping and
   * statistics) get a fresh HMAC over what it read unchecked: pages the loader's own, checking,
   * connection read or wrote moments before.
   */
  verifyPages?: boolean;
}

/** The store's file cannot be opened as it is: wrong key, damaged, foreign. Nothing was written. */
export class StoreOpenError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/** What lies at a store's path before it is opened. */
export type StoreFileKind = 'absent' | 'plain' | 'encrypted-or-foreign';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * An unencrypted SQLite file starts with its magic header; an SQLCipher file starts with its
 * salt, indistinguishable from any other bytes (a foreign or damaged file looks the same until a
 * key fails on it).
 */
export function storeFileKind(file: string): StoreFileKind {
  if (file === ':memory:' || !existsSync(file) || statSync(file).size === 0) return 'absent';
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted-or-foreign';
}

/**
 * Gives a connection the store's key: SQLite3 Multiple Ciphers with the SQLCipher 4 scheme and a
 * raw key (no passphrase derivation: the key is random, so a slow KDF would only slow every
 * open). Every connection to an encrypted store needs this before its first statement — the
 * loader thread's, a sandbox's backup target, a repair tool's.
 */
export function applyStoreKey(db: Db, key: Buffer, verifyPages = true): void {
  if (key.length !== STORE_KEY_BYTES) {
    throw new Error(`a store key is ${STORE_KEY_BYTES} bytes, not ${key.length}`);
  }
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  // A cipher setting: it takes effect with the key, so it is set before it (OpenStoreOptions).
  if (!verifyPages) db.pragma('hmac_check = 0');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/** The store's folder readable by its owner only; the store's files likewise. */
export function protectStorePath(file: string): void {
  if (file === ':memory:') return;
  const folder = dirname(file);
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    // The mode given to mkdir is masked by the umask; set it exactly.
    chmodSync(folder, 0o700);
  }
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  // SQLite gives the -wal and -shm files the main file's mode, so this covers them as they are
  // created; those an earlier version left readable are tightened too.
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

const isSqliteError = (error: unknown, ...codes: string[]): boolean =>
  error instanceof Error && codes.includes((error as { code?: string }).code ?? '');

/** Reads something every store has, so a wrong key fails here and not halfway through a migration. */
function probe(db: Db, file: string): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if (isSqliteError(error, 'SQLITE_NOTADB', 'SQLITE_CORRUPT')) {
      throw new StoreOpenError(
        file,
        `The data file ${file} cannot be opened with its key: it was encrypted with another key, is damaged, or is not a workbench store. It was left as it is; restore its key, or move the file away to start with an empty store.`,
      );
    }
    throw error;
  }
}

/**
 * A plain store from an earlier version, encrypted in place with `key` (SQLite3 Multiple
 * Ciphers rewrites every page in one transaction, so a crash leaves the plain file). WAL mode
 * cannot be rekeyed: its log is folded into the file first.
 */
function encryptInPlace(db: Db, file: string, key: Buffer): void {
  probe(db, file);
  const version = db.pragma('user_version', { simple: true }) as number;
  const objects = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
  if (version === 0 && objects > 0) {
    throw new StoreOpenError(
      file,
      `The data file ${file} is an SQLite database but not a workbench store; it was left as it is.`,
    );
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`rekey = "x'${key.toString('hex')}'"`);
}

/**
 * Opens (creating if needed) the local store and brings its schema up to date, with the repairs
 * the applied migrations ask for.
 * WAL lets the UI read while sync writes; NORMAL synchronous is durable at checkpoints and safe
 * against corruption in WAL mode, which is the trade-off SQLite recommends for WAL.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Db {
  const key = path === ':memory:' ? null : (options.key ?? null);
  const kind = storeFileKind(path);
  if (kind === 'absent' && options.readonly) {
    throw new StoreOpenError(path, `There is no data file at ${path}.`);
  }
  if (key && kind === 'plain' && options.readonly) {
    throw new StoreOpenError(
      path,
      `The data file ${path} is not encrypted yet: open it once with the app to encrypt it.`,
    );
  }
  if (!options.readonly) protectStorePath(path);
  const db = new Database(path, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  try {
    if (key && kind === 'plain') encryptInPlace(db, path, key);
    else if (key) applyStoreKey(db, key, options.verifyPages);
    if (kind !== 'absent') probe(db, path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Keeps hot pages of a million-row cache in memory without growing the process unboundedly.
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    if (options.verifyPages === false) db.pragma('wal_autocheckpoint = 0');
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
