import type Database from 'better-sqlite3-multiple-ciphers';
import { hkdfSync, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Encryption at rest of the central API's SQLite file: SQLite3 Multiple Ciphers with SQLCipher
 * 4's scheme, keyed from a key file the configuration names (`sqliteKeyFile`). By default that
 * is the file beside the database's folder (`.data.key` for `.data/central.db`), which is also
 * the key file of a workbench's data folder: the embedded central API of `npm start` and the
 * browser host share it, each deriving a key of its own from it (HKDF, different purposes).
 * PostgreSQL deployments encrypt at the disk or tablespace (the operator's job; README).
 */

export const SQLITE_KEY_BYTES = 32;
const KEY_PURPOSE = 'central sqlite v1';

export class SqliteKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqliteKeyError';
  }
}

/** The default key file for a database file: beside its folder, `<folder>.key`. */
export function defaultKeyFile(databaseFile: string): string {
  const folder = dirname(databaseFile);
  return join(dirname(folder), `${basename(folder)}.key`);
}

/**
 * The database's key from a key file of 32 random bytes, created (0600) when `create` and it
 * does not exist. A key file others may read or write, or of the wrong size, is refused.
 */
export function sqliteKeyFromFile(file: string, create: boolean): Buffer {
  if (!existsSync(file)) {
    if (!create) throw new SqliteKeyError(`the key file ${file} does not exist`);
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(SQLITE_KEY_BYTES));
    } finally {
      closeSync(fd);
    }
    chmodSync(temporary, 0o600);
    try {
      renameSync(temporary, file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
  if (process.platform !== 'win32') {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new SqliteKeyError(
        `the key file ${file} can be read or written by others (mode ${mode.toString(8)}): run chmod 600 on it`,
      );
    }
  }
  const raw = readFileSync(file);
  if (raw.length !== SQLITE_KEY_BYTES) {
    throw new SqliteKeyError(`the key file ${file} is not a key (${raw.length} bytes)`);
  }
  return Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), KEY_PURPOSE, SQLITE_KEY_BYTES));
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function fileKind(file: string): 'absent' | 'plain' | 'other' {
  if (!existsSync(file) || statSync(file).size === 0) return 'absent';
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(SQLITE_HEADER) ? 'plain' : 'other';
}

/** The database's folder (when created here) and files readable by the owner only. */
export function protectDatabaseFile(file: string): void {
  const folder = dirname(file);
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    chmodSync(folder, 0o700);
  }
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

const keyPragma = (key: Buffer) => `"x'${key.toString('hex')}'"`;

function probe(sqlite: Database.Database, file: string): void {
  try {
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new SqliteKeyError(
        `the database ${file} cannot be opened with its key: it was encrypted with another key, is damaged, or is not a central database (left as it is)`,
      );
    }
    throw error;
  }
}

/**
 * Keys a fresh connection before its first statement. A plain file from an earlier version is
 * encrypted in place first (once, by the first connection: WAL folded into the file, every page
 * rewritten in one transaction). Without a key, an encrypted file is refused by name.
 */
export function unlockSqlite(
  sqlite: Database.Database,
  file: string,
  key: Buffer | null,
  /**
   * False only for a read-only connection that checks the content itself (the audit trail's
   * verification): it skips each page's HMAC check, a cipher setting given before the key.
   */
  verifyPages = true,
): void {
  const kind = fileKind(file);
  if (key && kind === 'plain') {
    probe(sqlite, file);
    const objects = sqlite.prepare('select count(*) as n from sqlite_master').get() as {
      n: number;
    };
    const schema =
      objects.n === 0 ||
      sqlite.prepare(`select 1 from sqlite_master where name = 'central_schema'`).get() !==
        undefined;
    if (!schema) {
      throw new SqliteKeyError(
        `the database ${file} is an SQLite file but not a central database (left as it is)`,
      );
    }
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma(`cipher = 'sqlcipher'`);
    sqlite.pragma('legacy = 4');
    sqlite.pragma(`rekey = ${keyPragma(key)}`);
  } else if (key) {
    sqlite.pragma(`cipher = 'sqlcipher'`);
    sqlite.pragma('legacy = 4');
    if (!verifyPages) sqlite.pragma('hmac_check = 0');
    sqlite.pragma(`key = ${keyPragma(key)}`);
  }
  if (kind !== 'absent') probe(sqlite, file);
}
