import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import {
  openPostgres,
  openSqlite,
  type CentralDatabase,
  type OpenedDatabase,
  type StorageKind,
} from './database';
import { DEFERRABLE_INDEXES, migrate } from './migrations';

/**
 * The one way into the central database. Everything the API stores goes through a Kysely
 * instance on one of two dialects; this class adds the two disciplines the sync protocol rests
 * on:
 *
 *  - write(): a transaction draws its seqs from one counter while it holds the writers' lock
 *    (PostgreSQL: pg_advisory_xact_lock, taken before the first seq is drawn and held until the
 *    commit; SQLite: BEGIN IMMEDIATE, one writer per file). A transaction that draws seq N
 *    therefore commits after every transaction that drew a smaller seq, and is visible before
 *    the next writer can draw one, so the committed seqs form a prefix 1..head at every instant
 *    and a reader never sees N+1 without N (see central/README.md for the argument).
 *  - read(): a feed page is read in one snapshot (PostgreSQL REPEATABLE READ READ ONLY; SQLite
 *    a deferred transaction in WAL mode), so the records, the removals and the head it reports
 *    agree with each other.
 */

export type StorageConfig =
  | { readonly kind: 'sqlite'; readonly file: string; readonly synchronous?: 'FULL' | 'NORMAL' }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number };

/** Any constant: the key of the writers' advisory lock on PostgreSQL. */
export const SEQ_LOCK_KEY = 7_346_002;

export interface StoredRecord {
  readonly seq: number;
  readonly entity: string;
  readonly id: string;
  readonly unitId: string | null;
  readonly ownerId: string | null;
  readonly version: number;
  readonly data: string;
  readonly contendedVersion: number | null;
  readonly contendedBy: string | null;
}

export interface RecordWrite {
  readonly entity: string;
  readonly id: string;
  readonly unitId: string | null;
  readonly ownerId?: string | null;
  readonly version: number;
  /** JSON text; the caller validated it with the entity's schema. */
  readonly data: string;
  readonly contendedVersion?: number | null;
  readonly contendedBy?: string | null;
}

/** A pushing client as the store keeps it. */
export interface ClientState {
  readonly officerId: string;
  /** Highest client seq decided; the next mutation must be lastSeq + 1. */
  readonly lastSeq: number;
}

/** What a committed write changed, for live notifications. */
export interface CommitInfo {
  readonly head: number;
  /** Units whose officers may see a change, or 'all' when reference data changed. */
  readonly units: ReadonlySet<string> | 'all';
}

export type CommitListener = (info: CommitInfo) => void;

type Tx = Transaction<CentralDatabase>;

/** Rows per multi-row INSERT: 9 parameters each, under SQLite's 32,766 and PostgreSQL's 65,535. */
const BULK_SQLITE_ROWS = 2000;
const BULK_POSTGRES_ROWS = 5000;
const bulkSql = new Map<string, string>();

function bulkInsertSql(tx: Tx, rows: number): string {
  // The compiled text differs by dialect ($1 vs ?), so the cache is keyed by both.
  const key = `${tx.getExecutor().adapter.constructor.name}:${rows}`;
  let text = bulkSql.get(key);
  if (text === undefined) {
    const placeholder = {
      seq: 0,
      entity: '',
      id: '',
      unit_id: null,
      owner_id: null,
      version: 0,
      data: '',
      contended_version: null,
      contended_by: null,
    };
    text = tx
      .insertInto('records')
      .columns(RECORD_COLUMNS)
      .values(Array.from({ length: rows }, () => placeholder))
      .compile().sql;
    if (bulkSql.size > 8) bulkSql.clear();
    bulkSql.set(key, text);
  }
  return text;
}

const RECORD_COLUMNS = [
  'seq',
  'entity',
  'id',
  'unit_id',
  'owner_id',
  'version',
  'data',
  'contended_version',
  'contended_by',
] as const;

function toRecord(row: {
  seq: number;
  entity: string;
  id: string;
  unit_id: string | null;
  owner_id: string | null;
  version: number;
  data: string;
  contended_version: number | null;
  contended_by: string | null;
}): StoredRecord {
  return {
    seq: Number(row.seq),
    entity: row.entity,
    id: row.id,
    unitId: row.unit_id,
    ownerId: row.owner_id,
    version: Number(row.version),
    data: row.data,
    contendedVersion: row.contended_version === null ? null : Number(row.contended_version),
    contendedBy: row.contended_by,
  };
}

async function upsertMeta(db: Kysely<CentralDatabase>, key: string, value: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/**
 * One write transaction. It hands out seqs, and takes the writers' lock (and reads the counter)
 * just before the first one: the reads and checks that come first (a pushed mutation's client
 * row and record, locked with SELECT … FOR UPDATE on PostgreSQL) run beside other transactions,
 * a transaction that writes no change (a refused mutation, a duplicate) never takes the lock, and
 * the lock is held only for the writes that carry seqs and the commit.
 */
export class WriteTx {
  readonly #tx: Tx;
  readonly kind: StorageKind;
  private locked = false;
  private last: number | null = null;
  private readonly units = new Set<string>();
  private reference = false;

  constructor(tx: Tx, kind: StorageKind) {
    this.#tx = tx;
    this.kind = kind;
  }

  /**
   * Draws `count` consecutive seqs. The first call takes the writers' lock (PostgreSQL: its own
   * statement, so that the next statement's snapshot is taken after the lock was granted and
   * sees the commit of the transaction that held it before); every call then advances the
   * counter with UPDATE … RETURNING, one round trip that both reads and writes it. From the
   * first draw until commit no other transaction can draw a seq, and by the time another can,
   * this one is visible.
   */
  private async seqs(count: number): Promise<number> {
    await this.lock();
    const row = await this.#tx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', count) }))
      .where('name', '=', 'seq')
      .returning('value')
      .executeTakeFirstOrThrow();
    const last = Number(row.value);
    this.last = last;
    return last - count + 1;
  }

  /** PostgreSQL: the writers' advisory lock, once per transaction, before the first seq. */
  private async lock(): Promise<void> {
    if (this.locked) return;
    if (this.kind === 'postgres') {
      await sql`select pg_advisory_xact_lock(${SEQ_LOCK_KEY})`.execute(this.#tx);
    }
    this.locked = true;
  }

  /** The last seq drawn (the head once committed); null when nothing was written. */
  get head(): number | null {
    return this.last;
  }

  get changed(): boolean {
    return this.head !== null;
  }

  touchedUnits(): ReadonlySet<string> | 'all' {
    return this.reference ? 'all' : this.units;
  }

  private touch(unitId: string | null): void {
    if (unitId === null) this.reference = true;
    else this.units.add(unitId);
  }

  /**
   * A record as it is now. `forUpdate` also locks its row until commit (PostgreSQL; on SQLite the
   * transaction already excludes every other writer): read-modify-write on it is then safe
   * without the global lock.
   */
  async get(entity: string, id: string, forUpdate = false): Promise<StoredRecord | undefined> {
    const row = await this.#tx
      .selectFrom('records')
      .select(RECORD_COLUMNS)
      .where('entity', '=', entity)
      .where('id', '=', id)
      .$if(forUpdate && this.kind === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Inserts or replaces a record's state under a new seq; returns the seq. */
  async put(record: RecordWrite): Promise<number> {
    return this.putMany([record]);
  }

  /**
   * Inserts or replaces several records in one statement, with consecutive seqs in the given
   * order; returns the first seq.
   */
  async putMany(records: readonly RecordWrite[]): Promise<number> {
    for (const record of records) this.touch(record.unitId);
    if (this.kind === 'postgres') return this.putManyDrawing(records);
    const first = await this.seqs(records.length);
    const rows = records.map((record, i) => ({
      seq: first + i,
      entity: record.entity,
      id: record.id,
      unit_id: record.unitId,
      owner_id: record.ownerId ?? null,
      version: record.version,
      data: record.data,
      contended_version: record.contendedVersion ?? null,
      contended_by: record.contendedBy ?? null,
    }));
    await this.#tx
      .insertInto('records')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['entity', 'id']).doUpdateSet((eb) => ({
          seq: eb.ref('excluded.seq'),
          unit_id: eb.ref('excluded.unit_id'),
          owner_id: eb.ref('excluded.owner_id'),
          version: eb.ref('excluded.version'),
          data: eb.ref('excluded.data'),
          contended_version: eb.ref('excluded.contended_version'),
          contended_by: eb.ref('excluded.contended_by'),
        })),
      )
      .execute();
    return first;
  }

  /**
   * PostgreSQL: draws the seqs and writes the rows in one statement (the counter's UPDATE in a
   * CTE), one round trip fewer while the writers' lock is held: under load the Node process may
   * take a while to send each next statement, and every other writer waits meanwhile.
   */
  private async putManyDrawing(records: readonly RecordWrite[]): Promise<number> {
    await this.lock();
    const n = records.length;
    const rows = records.map(
      (r, i) =>
        sql`(${i + 1}::integer, ${r.entity}::text, ${r.id}::text, ${r.unitId}::text, ${r.ownerId ?? null}::text, ${r.version}::integer, ${r.data}::text, ${r.contendedVersion ?? null}::integer, ${r.contendedBy ?? null}::text)`,
    );
    const result = await sql<{ last: number }>`
      with drawn as (
        update counters set value = value + ${n} where name = 'seq' returning value
      ), written as (
        insert into records (seq, entity, id, unit_id, owner_id, version, data, contended_version, contended_by)
        select (select value from drawn) - ${n} + v.ord, v.entity, v.id, v.unit_id, v.owner_id,
               v.version, v.data, v.contended_version, v.contended_by
        from (values ${sql.join(rows)}) as v(ord, entity, id, unit_id, owner_id, version, data, contended_version, contended_by)
        on conflict (entity, id) do update set
          seq = excluded.seq, unit_id = excluded.unit_id, owner_id = excluded.owner_id,
          version = excluded.version, data = excluded.data,
          contended_version = excluded.contended_version, contended_by = excluded.contended_by
        returning 1
      )
      select (select value from drawn) as last, (select count(*) from written) as n`.execute(
      this.#tx,
    );
    const last = Number(result.rows[0]?.last);
    this.last = last;
    return last - n + 1;
  }

  /** History entries (or other owned records) of one owner, oldest change first. */
  async owned(entity: string, ownerId: string): Promise<StoredRecord[]> {
    const rows = await this.#tx
      .selectFrom('records')
      .select(RECORD_COLUMNS)
      .where('owner_id', '=', ownerId)
      .where('entity', '=', entity)
      .orderBy('seq')
      .execute();
    return rows.map(toRecord);
  }

  /**
   * Moves a record to another unit's scope: it gets a new seq (so the new unit's officers receive
   * it) and a removal is written for the unit it left (so that unit's officers drop it). The
   * removal's seq is drawn first, below the record's new one.
   */
  async move(record: StoredRecord, toUnitId: string, data?: string): Promise<number> {
    if (record.unitId !== null && record.unitId !== toUnitId) {
      await this.removeFrom(record.entity, record.id, record.unitId);
    }
    return this.put({
      entity: record.entity,
      id: record.id,
      unitId: toUnitId,
      ownerId: record.ownerId,
      version: record.version,
      data: data ?? record.data,
      contendedVersion: record.contendedVersion,
      contendedBy: record.contendedBy,
    });
  }

  /** Records that `unitId` no longer sees the record. One row per (record, unit): the latest. */
  async removeFrom(entity: string, id: string, unitId: string): Promise<number> {
    const seq = await this.seqs(1);
    await this.#tx
      .insertInto('removals')
      .values({ seq, entity, id, unit_id: unitId })
      .onConflict((oc) => oc.columns(['entity', 'id', 'unit_id']).doUpdateSet({ seq }))
      .execute();
    this.touch(unitId);
    return seq;
  }

  /**
   * Inserts many new records at once (seeding, bulk loads into an empty table), as multi-row
   * INSERTs whose text depends only on the row count: Kysely compiles it once per count and the
   * statement is reused for every full chunk. (On PostgreSQL this measured faster than one
   * INSERT … SELECT FROM unnest(arrays): pg's array-literal escaping churns the garbage
   * collector.) Records must not exist yet.
   */
  async insertMany(records: readonly RecordWrite[]): Promise<void> {
    const chunk = this.kind === 'postgres' ? BULK_POSTGRES_ROWS : BULK_SQLITE_ROWS;
    for (let start = 0; start < records.length; start += chunk) {
      const end = Math.min(records.length, start + chunk);
      let seq = await this.seqs(end - start);
      const params: unknown[] = [];
      for (let i = start; i < end; i++) {
        const r = records[i] as RecordWrite;
        this.touch(r.unitId);
        params.push(
          seq++,
          r.entity,
          r.id,
          r.unitId,
          r.ownerId ?? null,
          r.version,
          r.data,
          r.contendedVersion ?? null,
          r.contendedBy ?? null,
        );
      }
      await this.#tx.executeQuery(CompiledQuery.raw(bulkInsertSql(this.#tx, end - start), params));
    }
  }

  /**
   * A pushing client's row: the officer it belongs to and the last seq decided for it. Locked
   * until commit (PostgreSQL; on SQLite the transaction already excludes every other writer), so
   * two requests of one client decide its mutations one after the other.
   */
  async client(clientId: string): Promise<ClientState | undefined> {
    const row = await this.#tx
      .selectFrom('clients')
      .select(['officer_id', 'last_seq'])
      .where('client_id', '=', clientId)
      .$if(this.kind === 'postgres', (qb) => qb.forUpdate())
      .executeTakeFirst();
    return row ? { officerId: row.officer_id, lastSeq: Number(row.last_seq) } : undefined;
  }

  /** Registers a client to an officer, unless a concurrent request registered it first. */
  async registerClient(clientId: string, officerId: string, at: number): Promise<void> {
    await this.#tx
      .insertInto('clients')
      .values({ client_id: clientId, officer_id: officerId, last_seq: 0, updated_at: at })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .execute();
  }

  /** Deletes a client's kept answers below `seq` (the client has them). */
  async forgetAnswers(clientId: string, below: number): Promise<void> {
    await this.#tx
      .deleteFrom('mutation_results')
      .where('client_id', '=', clientId)
      .where('seq', '<', below)
      .execute();
  }

  /** The answer kept for a client's mutation, as the JSON text first sent; undefined if let go. */
  async answer(clientId: string, seq: number): Promise<string | undefined> {
    const row = await this.#tx
      .selectFrom('mutation_results')
      .select('result')
      .where('client_id', '=', clientId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    return row?.result;
  }

  /** Keeps the answer to a client's mutation and advances the client's last decided seq to it. */
  async decided(clientId: string, seq: number, result: string, at: number): Promise<void> {
    await this.#tx
      .insertInto('mutation_results')
      .values({ client_id: clientId, seq, result })
      .execute();
    await this.#tx
      .updateTable('clients')
      .set({ last_seq: seq, updated_at: at })
      .where('client_id', '=', clientId)
      .execute();
  }

  /** Sets a meta value in this transaction (commits or rolls back with the rest). */
  async setMeta(key: string, value: string): Promise<void> {
    await upsertMeta(this.#tx, key, value);
  }

  /** Marks reference data as changed (scope caches reload it). */
  touchReference(): void {
    this.reference = true;
  }

  get referenceChanged(): boolean {
    return this.reference;
  }
}

export class CentralStore {
  readonly kind: StorageKind;
  readonly db: Kysely<CentralDatabase>;
  /** For reads outside write transactions (see OpenedDatabase.reader). */
  readonly reader: Kysely<CentralDatabase>;
  readonly opened: OpenedDatabase;
  private readonly listeners = new Set<CommitListener>();
  private closed = false;

  private constructor(opened: OpenedDatabase) {
    this.opened = opened;
    this.kind = opened.kind;
    this.db = opened.db;
    this.reader = opened.reader;
  }

  static async open(config: StorageConfig): Promise<CentralStore> {
    const opened =
      config.kind === 'sqlite'
        ? openSqlite({
            file: config.file,
            ...(config.synchronous ? { synchronous: config.synchronous } : {}),
          })
        : openPostgres({
            url: config.url,
            ...(config.poolSize ? { poolSize: config.poolSize } : {}),
          });
    const store = new CentralStore(opened);
    try {
      await migrate(opened.db, opened.kind);
    } catch (error) {
      await opened.db.destroy();
      throw error;
    }
    return store;
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The highest committed seq. */
  async head(via: Kysely<CentralDatabase> = this.reader): Promise<number> {
    const row = await via
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'seq')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  /** Bumped with every change to reference data (units, officers…), for scope caches. */
  async referenceVersion(): Promise<number> {
    const row = await this.reader
      .selectFrom('counters')
      .select('value')
      .where('name', '=', 'reference')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  /**
   * Runs `fn` in a serialized write transaction (see the class comment). Listeners hear of the
   * commit after it is durable, never before: a client told about seq N can read it.
   */
  async write<T>(fn: (w: WriteTx) => Promise<T>): Promise<T> {
    const kind = this.kind;
    let info: CommitInfo | null = null;
    const value = await this.db.transaction().execute(async (tx) => {
      const w = new WriteTx(tx, kind);
      const result = await fn(w);
      const head = w.head;
      if (head !== null) info = { head, units: w.touchedUnits() };
      if (w.referenceChanged) {
        await tx
          .updateTable('counters')
          .set((eb) => ({ value: eb('value', '+', 1) }))
          .where('name', '=', 'reference')
          .execute();
      }
      return result;
    });
    if (info !== null) this.emit(info);
    return value;
  }

  /** Runs `fn` in one read-only snapshot. */
  async read<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const builder =
      this.kind === 'postgres'
        ? this.reader.transaction().setIsolationLevel('repeatable read').setAccessMode('read only')
        : this.reader.transaction().setAccessMode('read only');
    return builder.execute(fn);
  }

  async getMeta(
    key: string,
    via: Kysely<CentralDatabase> = this.reader,
  ): Promise<string | undefined> {
    const row = await via
      .selectFrom('meta')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await upsertMeta(this.db, key, value);
  }

  /** Which officer a client id is registered to, and its last decided seq (no lock). */
  async clientState(clientId: string): Promise<ClientState | undefined> {
    const row = await this.reader
      .selectFrom('clients')
      .select(['officer_id', 'last_seq'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row ? { officerId: row.officer_id, lastSeq: Number(row.last_seq) } : undefined;
  }

  /** Reference records of the given entities (units, officers, calendars), as stored. */
  async referenceRecords(
    entities: readonly string[],
  ): Promise<{ entity: string; id: string; data: string }[]> {
    return this.reader
      .selectFrom('records')
      .select(['entity', 'id', 'data'])
      .where('entity', 'in', [...entities])
      .execute();
  }

  // Accounts: credentials and sessions. Sessions live in the database, so any instance sharing
  // it knows every session.

  async credentials(
    username: string,
  ): Promise<{ officerId: string; passwordHash: string } | undefined> {
    const row = await this.reader
      .selectFrom('credentials')
      .select(['officer_id', 'password_hash'])
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? { officerId: row.officer_id, passwordHash: row.password_hash } : undefined;
  }

  async addCredentials(
    rows: readonly { officerId: string; username: string; passwordHash: string }[],
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (let i = 0; i < rows.length; i += 500) {
        await tx
          .insertInto('credentials')
          .values(
            rows.slice(i, i + 500).map((r) => ({
              officer_id: r.officerId,
              username: r.username,
              password_hash: r.passwordHash,
            })),
          )
          .execute();
      }
    });
  }

  async setPasswordHash(officerId: string, passwordHash: string): Promise<void> {
    await this.db
      .updateTable('credentials')
      .set({ password_hash: passwordHash })
      .where('officer_id', '=', officerId)
      .execute();
  }

  async createSession(session: {
    tokenHash: string;
    officerId: string;
    createdAt: number;
    expiresAt: number;
  }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: session.tokenHash,
        officer_id: session.officerId,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async session(tokenHash: string): Promise<{ officerId: string; expiresAt: number } | undefined> {
    const row = await this.reader
      .selectFrom('sessions')
      .select(['officer_id', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? { officerId: row.officer_id, expiresAt: Number(row.expires_at) } : undefined;
  }

  async endSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Deletes sessions expired at `now`; returns how many. */
  async purgeSessions(now: number): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Whether the records table holds no row at all. */
  async isEmpty(): Promise<boolean> {
    return (await this.db.selectFrom('records').select('seq').limit(1).execute()).length === 0;
  }

  /** Deletes every row but the schema's (an interrupted seed is redone from scratch). */
  async wipe(): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (const table of [
        'records',
        'removals',
        'credentials',
        'sessions',
        'clients',
        'mutation_results',
        'meta',
      ] as const) {
        await tx.deleteFrom(table).execute();
      }
      await tx.updateTable('counters').set({ value: 0 }).execute();
    });
  }

  /**
   * Runs a bulk load with the records table's secondary indexes dropped, and builds them after.
   * Only worth it (and only done) when the table starts empty.
   */
  async bulkLoad(load: () => Promise<void>): Promise<void> {
    const sqlite = this.opened.sqlite;
    if (!(await this.isEmpty())) {
      await load();
      return;
    }
    for (const index of DEFERRABLE_INDEXES) {
      await this.db.schema.dropIndex(index.name).ifExists().execute();
    }
    // A crash during the load loses nothing a restart does not redo (the seed starts over), so
    // the load need not wait for the disk on every commit. And with a rollback journal instead of
    // the WAL, pages appended to the file are written once, not once to the WAL and again at the
    // checkpoint: on the build machine's disk that halves the seed's time.
    const synchronous = sqlite ? (sqlite.pragma('synchronous', { simple: true }) as number) : null;
    sqlite?.pragma('synchronous = OFF');
    // Only possible while no other connection has the file open; where one has, the load simply
    // runs in WAL mode.
    try {
      sqlite?.pragma('journal_mode = DELETE');
    } catch {
      // Another connection is open: keep WAL.
    }
    try {
      await load();
    } finally {
      for (const index of DEFERRABLE_INDEXES) await index.build(this.db);
      if (sqlite) {
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma(`synchronous = ${synchronous ?? 2}`);
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
      }
      // PostgreSQL: VACUUM, not only ANALYZE. It marks the loaded pages all-visible (feeds of a
      // few units read seqs index-only; otherwise every row is checked against the heap) and sets
      // the rows' hint bits once, here, rather than during the first syncs, which would also meet
      // autovacuum working through the fresh table. SQLite has no such state.
      await sql.raw(this.kind === 'postgres' ? 'vacuum analyze' : 'analyze').execute(this.db);
    }
  }

  /** Tells listeners about commits made by another process (found by polling the head). */
  announce(info: CommitInfo): void {
    this.emit(info);
  }

  private emit(info: CommitInfo): void {
    for (const listener of this.listeners) {
      try {
        listener(info);
      } catch {
        // A failing listener must not fail the write that already committed.
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    if (this.reader !== this.db) await this.reader.destroy();
    await this.db.destroy();
  }
}
