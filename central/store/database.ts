import Database from 'better-sqlite3-multiple-ciphers';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type Generated,
  type SqliteDatabase,
  type SqliteStatement,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { protectDatabaseFile, unlockSqlite } from './sqlite-key';

/**
 * The tables of the central API, as Kysely sees them. Both dialects share this one description;
 * the few differences (PostgreSQL BIGINT vs SQLite INTEGER, STRICT tables) live in the
 * migrations. Integers come back as JS numbers on both (see the pg type parser below): seqs stay
 * far below 2^53 in practice and cross the wire as decimal strings anyway.
 */
export interface RecordsTable {
  /** Global change number of the record's latest state; unique, assigned in commit order. */
  seq: number;
  entity: string;
  id: string;
  /** The unit whose officers see the record; NULL for reference data (everyone sees it). */
  unit_id: string | null;
  /** For history entries: the dossier or complaint they belong to. */
  owner_id: string | null;
  version: number;
  /** The record as JSON text, validated by its zod schema before it was written. */
  data: string;
  /** Version at which the record's contended fields (status, unit, holder…) last changed. */
  contended_version: number | null;
  /** Client whose mutation made that change (its own later mutations never conflict with it). */
  contended_by: string | null;
}

export interface RemovalsTable {
  seq: number;
  entity: string;
  id: string;
  /** The unit the record left: officers who see that unit (and no longer see the record) drop it. */
  unit_id: string;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface CredentialsTable {
  officer_id: string;
  /** Lower-case; login compares lower-cased input. */
  username: string;
  password_hash: string;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token, hex: a stolen database does not yield usable tokens. */
  token_hash: string;
  officer_id: string;
  created_at: number;
  expires_at: number;
}

export interface ClientsTable {
  client_id: string;
  officer_id: string;
  /** Highest client seq decided (applied or rejected); the next mutation must be last_seq + 1. */
  last_seq: number;
  updated_at: number;
}

export interface MutationResultsTable {
  client_id: string;
  seq: number;
  /** The MutationResult JSON exactly as first answered, replayed verbatim to retries. */
  result: string;
}

export interface LoginFailuresTable {
  /** As typed, trimmed and lower-cased (known or not: the count reveals nothing). */
  username: string;
  at: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface SchemaVersionTable {
  version: number;
  name: string;
  applied_at: number;
}

/** The running hash chain over history entries, in commit order (migration 3). */
export interface AuditChainTable {
  position: number;
  /** The history entity and entry id: the row in `records` whose JSON is hashed. */
  entity: string;
  id: string;
  /** The dossier or complaint the entry belongs to. */
  owner_id: string;
  /** SHA-256 of the entry's JSON text as stored. */
  entry_hash: Uint8Array;
  /** SHA-256(previous chain_hash ‖ entry_hash). */
  chain_hash: Uint8Array;
}

/** Who opened, searched or exported whose record, from which computer (migration 3). */
export interface AccessLogTable {
  id: Generated<number>;
  client_id: string;
  /** The client's own number for the entry: stored once per (client, seq). */
  client_seq: number;
  officer_id: string;
  officer_name: string;
  /** The unit holding the record when it was opened (or the officer's, for a search). */
  unit_id: string | null;
  at: number;
  received_at: number;
  action: string;
  entity: string | null;
  record_id: string | null;
  record_number: string | null;
  /** The dossier's applicant ID number, or the ID number searched for. */
  citizen_id: string | null;
  computer: string;
  detail: string | null;
}

export interface CentralDatabase {
  records: RecordsTable;
  removals: RemovalsTable;
  counters: CountersTable;
  credentials: CredentialsTable;
  sessions: SessionsTable;
  clients: ClientsTable;
  mutation_results: MutationResultsTable;
  login_failures: LoginFailuresTable;
  meta: MetaTable;
  central_schema: SchemaVersionTable;
  audit_chain: AuditChainTable;
  access_log: AccessLogTable;
}

export type StorageKind = 'sqlite' | 'postgres';

export interface OpenedDatabase {
  readonly kind: StorageKind;
  /** Writes (and anything that must see them in the same transaction). */
  readonly db: Kysely<CentralDatabase>;
  /**
   * Reads outside write transactions. On SQLite a second connection: in WAL mode it reads the
   * last committed state while the writer's connection is inside a transaction, so feed pages
   * and sign-ins never queue behind a write. On PostgreSQL a second pool, for the same reason.
   */
  readonly reader: Kysely<CentralDatabase>;
  /** SQLite only: the underlying connection, for pragmas around bulk loads. */
  readonly sqlite: Database.Database | null;
  /**
   * SQLite on a file only: how to open another connection to it, for a thread of its own (the
   * audit trail's verification, audit.ts).
   */
  readonly sqliteSource: SqliteOptions | null;
  /** PostgreSQL only: the pools by name, for metrics (empty on SQLite). */
  readonly pools: Readonly<Record<string, pg.Pool>>;
}

export interface SqliteOptions {
  /** File path; ':memory:' for a throwaway database. */
  readonly file: string;
  /**
   * NORMAL (default; WAL mode): a crash of the process loses nothing, a power cut may lose the
   * last commits. FULL syncs the WAL at every commit, so an acknowledged mutation survives a
   * power cut too, for about half the push throughput on the build machine's disk.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /**
   * The file's key (SQLCipher scheme, see sqlite-key.ts): the CLI always gives one; absent only
   * for in-process tests and benchmarks' throwaway files.
   */
  readonly key?: Buffer;
  /**
   * The better-sqlite3 binary for this runtime: the desktop app's training sandbox runs the
   * central API in Electron's Node, whose ABI needs the binary built for Electron.
   */
  readonly nativeBinding?: string;
}

export interface PostgresOptions {
  readonly url: string;
  /** Connections per pool (one pool for writes, one for reads); default 16 each. */
  readonly poolSize?: number;
}

/**
 * Kysely's SQLite driver begins every transaction with a plain (deferred) BEGIN. A deferred
 * writer that reads first and writes later can fail with SQLITE_BUSY when another connection
 * wrote in between; BEGIN IMMEDIATE takes the write lock up front, so writers queue instead, and
 * the file has one writer at a time (the SQLite half of the seq-ordering argument). Read-only
 * transactions stay deferred: in WAL mode they read one snapshot without blocking the writer.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings?: TransactionSettings,
  ): Promise<void> {
    const sql = settings?.accessMode === 'read only' ? 'begin' : 'begin immediate';
    await connection.executeQuery(CompiledQuery.raw(sql));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * Kysely prepares every statement anew; the hot statements of the feed and the push path are the
 * same few strings, so a bounded cache of prepared statements saves the compile each time.
 */
function cachingDatabase(db: Database.Database, capacity = 200): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit) {
        // Re-insert to keep the map in least-recently-used order.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = db.prepare(sql) as unknown as SqliteStatement;
      cache.set(sql, statement);
      if (cache.size > capacity) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}

function connectSqlite(
  file: string,
  synchronous: 'FULL' | 'NORMAL',
  key: Buffer | null,
  nativeBinding: string | undefined,
): Database.Database {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) protectDatabaseFile(file);
  const sqlite = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    if (!inMemory) unlockSqlite(sqlite, file, key);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.pragma('foreign_keys = ON');
  // Another process (a second server on the same file by mistake, a CLI) waits instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  return sqlite;
}

export function openSqlite(options: SqliteOptions): OpenedDatabase {
  const synchronous = options.synchronous ?? 'NORMAL';
  const key = options.key ?? null;
  const connect = () => connectSqlite(options.file, synchronous, key, options.nativeBinding);
  const sqlite = connect();
  const db = new Kysely<CentralDatabase>({
    dialect: new ImmediateSqliteDialect({ database: cachingDatabase(sqlite) }),
  });
  // A second connection needs a file: an in-memory database exists once per connection.
  const inMemory = options.file === ':memory:' || options.file === '';
  const reader = inMemory
    ? db
    : new Kysely<CentralDatabase>({
        dialect: new ImmediateSqliteDialect({
          // Opened at the first read, after migrations and any seed have run on the writer.
          database: () => Promise.resolve(cachingDatabase(connect())),
        }),
      });
  return { kind: 'sqlite', db, reader, sqlite, sqliteSource: inMemory ? null : options, pools: {} };
}

/** pg returns BIGINT (int8, OID 20) as text by default; our seqs and counts fit a JS number. */
const INT8_OID = 20;
const parseInt8 = (value: string): number => Number(value);
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID
      ? parseInt8
      : (pg.types.getTypeParser(
          oid,
          format ?? 'text',
        ) as unknown)) as typeof pg.types.getTypeParser,
};

export function openPostgres(options: PostgresOptions): OpenedDatabase {
  const pool = (max: number, name: string) => {
    const p = new pg.Pool({
      connectionString: options.url,
      max,
      types: pgTypes,
      // Fail fast on a wrong URL instead of hanging a request.
      connectionTimeoutMillis: 10_000,
      application_name: `mot-cua-central-${name}`,
      // The hot statements run as named prepared statements (CentralStore.query) whose plans do
      // not depend on their values (index ranges under a LIMIT); planned generically once per
      // connection they cost less than half as much as re-planned at every execution, which
      // PostgreSQL's default chooses for them. One-off statements (unnamed) are unaffected.
      options: '-c plan_cache_mode=force_generic_plan',
    });
    // An idle client that loses its connection (server restart) must not crash the process.
    p.on('error', () => undefined);
    // Nor one that is checked out between two statements (inside a transaction): the pool
    // stops listening for its errors while it is lent out, and an 'error' event nobody hears
    // ends the process. Its next statement fails instead (a 503), and the pool discards it.
    p.on('connect', (client) => client.on('error', () => undefined));
    return p;
  };
  // Two pools, as on SQLite two connections: writes that queue for the writers' lock or a row
  // lock never hold up feed pages and sign-ins.
  const size = options.poolSize ?? 16;
  const writer = pool(size, 'writer');
  const readers = pool(size, 'reader');
  const db = new Kysely<CentralDatabase>({ dialect: new PostgresDialect({ pool: writer }) });
  const reader = new Kysely<CentralDatabase>({ dialect: new PostgresDialect({ pool: readers }) });
  return {
    kind: 'postgres',
    db,
    reader,
    sqlite: null,
    sqliteSource: null,
    pools: { writer, reader: readers },
  };
}
