import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import {
  openPostgres,
  openSqlite,
  type CentralDatabase,
  type OpenedDatabase,
  type StorageKind,
} from './database';
import { systemClock } from '@shared/clock';
import { DEFERRABLE_INDEXES, migrate } from './migrations';
import { chainStep } from './chain';
import {
  COMMIT_CHANNEL,
  CommitChannel,
  noticePayload,
  SESSION_CHANNEL,
  unitsPayload,
} from './notify';

/**
 * The one way into the central database. Everything the API stores goes through a Kysely
 * instance on one of two dialects; this class adds the two disciplines the sync protocol rests
 * on:
 *
 *  - write() and commitPush(): a transaction draws its seqs from one counter while it holds the
 *    writers' lock (PostgreSQL: the counter's row lock, taken by the UPDATE that draws the first
 *    seq and held until the commit; SQLite: BEGIN IMMEDIATE, one writer per file). A transaction
 *    that draws seq N therefore commits after every transaction that drew a smaller seq, and is
 *    visible before the next writer can draw one, so the committed seqs form a prefix 1..head at
 *    every instant and a reader never sees N+1 without N (see central/README.md for the
 *    argument). On PostgreSQL each such commit also notifies the other instances sharing the
 *    database (notify.ts), and the commits they make are announced here in turn.
 *  - read(): a feed page is read in one snapshot (PostgreSQL REPEATABLE READ READ ONLY; SQLite
 *    a deferred transaction in WAL mode), so the records, the removals and the head it reports
 *    agree with each other.
 */

export type StorageConfig =
  | {
      readonly kind: 'sqlite';
      readonly file: string;
      readonly synchronous?: 'FULL' | 'NORMAL';
      /** The file's key (store/sqlite-key.ts); absent: a plain file (tests only). */
      readonly key?: Buffer;
      /** better-sqlite3's binary for this runtime (database.ts); absent: node_modules' own. */
      readonly nativeBinding?: string;
    }
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number };

export interface StoreOptions {
  /** Where problems the store recovers from are told (a lost LISTEN connection). */
  readonly log?: (line: string) => void;
  /**
   * PostgreSQL: listen for other instances' commits (default true). Off for short-lived stores
   * that only write (a seeding tool, a test's second writer).
   */
  readonly listen?: boolean;
}

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
  /**
   * A new history entry's SHA-256 (central/records.ts historyRow): the commit appends it to the
   * audit chain. Absent on every other row, and on an entry restamped by a move.
   */
  readonly entryHash?: Buffer;
}

/** A pushing client as the store keeps it. */
export interface ClientState {
  readonly officerId: string;
  /** Highest client seq decided; the next mutation must be lastSeq + 1. */
  readonly lastSeq: number;
}

/** A record as a push decision reads it: the stored row, its JSON parsed. */
export interface PushRecord {
  readonly seq: number;
  readonly entity: string;
  readonly id: string;
  readonly unitId: string | null;
  readonly ownerId: string | null;
  readonly version: number;
  readonly contendedVersion: number | null;
  readonly contendedBy: string | null;
  readonly value: unknown;
}

/** The key of a record in PushState.records and of a kept answer in PushState.answers. */
export const recordKey = (entity: string, id: string): string => `${entity}\u0000${id}`;
export const answerKey = (clientId: string, seq: number): string => `${clientId}\u0000${seq}`;

/** What a group of pushes needs to be decided, read in one go (one round trip on PostgreSQL). */
export interface PushRead {
  readonly clients: readonly string[];
  readonly records: readonly { readonly entity: string; readonly id: string }[];
  readonly answers: readonly { readonly clientId: string; readonly seq: number }[];
  /** Records whose audit chain may grow (history entity and owner): their last link is read. */
  readonly owners?: readonly { readonly entity: string; readonly ownerId: string }[];
}

/** A record's last link in the audit chain: its position and entry hash. */
export interface ChainHead {
  readonly position: number;
  readonly hash: Buffer;
}

export interface PushState {
  readonly clients: ReadonlyMap<string, ClientState>;
  /** By recordKey; a record that does not exist is absent. */
  readonly records: ReadonlyMap<string, PushRecord>;
  /** Kept answers by answerKey, parsed; let go or never given: absent. */
  readonly answers: ReadonlyMap<string, unknown>;
  /** By recordKey(history entity, owner id); a record with no chained entry is absent. */
  readonly chainHeads: ReadonlyMap<string, ChainHead>;
}

/** One change in a push group that takes a seq: a record's new state, or a removal from a unit. */
export type PlanItem =
  | { readonly kind: 'row'; readonly row: RecordWrite }
  | {
      readonly kind: 'removal';
      readonly entity: string;
      readonly id: string;
      readonly unitId: string;
    };

/**
 * A group of push decisions to commit at once: what they relied on (so that a change made
 * meanwhile by another instance is caught), and what they write. `items` take consecutive seqs
 * in their order; no record or removal appears twice.
 */
export interface PushPlan {
  /** Clients whose position advances: `expected` is the last_seq read (null: registered now). */
  readonly clients: readonly {
    readonly clientId: string;
    readonly officerId: string;
    readonly expected: number | null;
    readonly lastSeq: number;
    readonly at: number;
  }[];
  /** Records the decisions read: their seq then (null: there was none). */
  readonly records: readonly {
    readonly entity: string;
    readonly id: string;
    readonly seq: number | null;
  }[];
  /** Owners whose history moves with them: how many entries and the highest seq, as read. */
  readonly histories: readonly {
    readonly entity: string;
    readonly ownerId: string;
    readonly count: number;
    readonly maxSeq: number | null;
  }[];
  /**
   * Records whose audit chain the group extends: the position of their last link as read (null:
   * none), checked unchanged at the commit, as `histories` is.
   */
  readonly chains?: readonly {
    readonly entity: string;
    readonly ownerId: string;
    readonly after: number | null;
  }[];
  /** Kept answers the clients have: deleted below `below`. */
  readonly forget: readonly { readonly clientId: string; readonly below: number }[];
  readonly answers: readonly {
    readonly clientId: string;
    readonly seq: number;
    readonly result: string;
  }[];
  readonly items: readonly PlanItem[];
}

/** A committed group (head: the last seq drawn, null when it wrote no change), or one to decide again. */
export type PushCommit =
  | { readonly ok: true; readonly head: number | null }
  | { readonly ok: false; readonly stale: string };

/** What a committed write changed, for live notifications. */
export interface CommitInfo {
  readonly head: number;
  /** Units whose officers may see a change, or 'all' when reference data changed. */
  readonly units: ReadonlySet<string> | 'all';
}

export type CommitListener = (info: CommitInfo) => void;

type Tx = Transaction<CentralDatabase>;

/** Prepared statements' names by text (PostgreSQL), shared by every store in the process. */
const statementNames = new Map<string, string>();

/** Rows per multi-row INSERT: 9 parameters each, under SQLite's 32,766 and PostgreSQL's 65,535. */
const BULK_SQLITE_ROWS = 2000;
const BULK_POSTGRES_ROWS = 5000;
const bulkSql = new Map<string, string>();
/** Audit chain rows per INSERT: 6 parameters each. */
const CHAIN_ROWS = 2000;

/**
 * The group's new history entries in commit order, each with the position its record's chain
 * had when read (the commit checks the first of each record's), for the commit to chain.
 */
function chainEntries(
  plan: PushPlan,
): { o: number; e: string; i: string; w: string; h: string; a: number | null }[] {
  const after = new Map<string, number | null>();
  for (const c of plan.chains ?? []) after.set(recordKey(c.entity, c.ownerId), c.after);
  const entries: { o: number; e: string; i: string; w: string; h: string; a: number | null }[] = [];
  plan.items.forEach((item, ord) => {
    if (item.kind !== 'row' || !item.row.entryHash || !item.row.ownerId) return;
    const r = item.row;
    entries.push({
      o: ord + 1,
      e: r.entity,
      i: r.id,
      w: r.ownerId as string,
      h: (r.entryHash as Buffer).toString('hex'),
      a: after.get(recordKey(r.entity, r.ownerId as string)) ?? null,
    });
  });
  return entries;
}

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
 * One write transaction. It hands out seqs, and takes the writers' lock (the counter's row) with
 * the first one: reads and checks that come first run beside other transactions, and a
 * transaction that writes no change never takes the lock at all.
 */
export class WriteTx {
  readonly #tx: Tx;
  readonly kind: StorageKind;
  private last: number | null = null;
  private readonly units = new Set<string>();
  private reference = false;

  constructor(tx: Tx, kind: StorageKind) {
    this.#tx = tx;
    this.kind = kind;
  }

  /**
   * Draws `count` consecutive seqs: the counter is advanced with UPDATE … RETURNING, one round
   * trip that both reads and writes it. Its row lock is the writers' lock: from the first draw
   * until commit no other transaction can draw a seq (PostgreSQL; on SQLite BEGIN IMMEDIATE
   * already excludes every other writer), and by the time another can, this one is visible.
   * A writer that waited for the row reads the value the previous one committed (PostgreSQL
   * re-reads a row it waited for, even in the middle of a statement).
   */
  private async seqs(count: number): Promise<number> {
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
    const first = await this.putManyRows(records);
    await this.appendChain(records);
    return first;
  }

  private async putManyRows(records: readonly RecordWrite[]): Promise<number> {
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
    await this.appendChain(records);
  }

  /**
   * Appends the new history entries among `rows` to the audit chain, in their order. Runs after
   * the seqs were drawn, so under the writers' lock: the chain's order is the commit order.
   */
  /**
   * Appends entries already stored (from before the audit trail) to the chain, in the given
   * order. Takes the writers' lock first (PostgreSQL: the counter's row, advanced by nothing).
   */
  async chainExisting(
    entries: readonly { entity: string; id: string; ownerId: string; entryHash: Buffer }[],
  ): Promise<void> {
    await this.#tx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 0) }))
      .where('name', '=', 'seq')
      .execute();
    await this.appendChain(entries.map((e) => ({ ...e, unitId: null, version: 1, data: '' })));
  }

  private async appendChain(rows: readonly RecordWrite[]): Promise<void> {
    const entries = rows.filter((r) => r.entryHash !== undefined && r.ownerId);
    if (entries.length === 0) return;
    const last = await this.#tx
      .selectFrom('audit_chain')
      .select(['position', 'chain_hash'])
      .orderBy('position', 'desc')
      .limit(1)
      .executeTakeFirst();
    let position = Number(last?.position ?? 0);
    let chain: Buffer = last ? Buffer.from(last.chain_hash) : Buffer.alloc(0);
    const values = entries.map((r) => {
      const hash = r.entryHash as Buffer;
      chain = chainStep(chain, hash);
      return {
        position: ++position,
        entity: r.entity,
        id: r.id,
        owner_id: r.ownerId as string,
        entry_hash: hash,
        chain_hash: chain,
      };
    });
    for (let start = 0; start < values.length; start += CHAIN_ROWS) {
      await this.#tx
        .insertInto('audit_chain')
        .values(values.slice(start, start + CHAIN_ROWS))
        .execute();
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

type SqliteStatements = Record<
  | 'client'
  | 'recordSeq'
  | 'history'
  | 'forget'
  | 'answer'
  | 'clientInsert'
  | 'clientUpdate'
  | 'draw'
  | 'upsertRecord'
  | 'upsertRemoval'
  | 'chainOwner'
  | 'chainHead'
  | 'chainAppend',
  Database.Statement
>;

/** The push commit's statements on SQLite, prepared once per connection. */
function prepareSqliteStatements(db: Database.Database): SqliteStatements {
  return {
    client: db.prepare('select officer_id, last_seq from clients where client_id = ?'),
    recordSeq: db.prepare('select seq from records where entity = ? and id = ?'),
    history: db.prepare(
      'select count(*) as n, max(seq) as m from records where owner_id = ? and entity = ?',
    ),
    forget: db.prepare('delete from mutation_results where client_id = ? and seq < ?'),
    answer: db.prepare('insert into mutation_results (client_id, seq, result) values (?, ?, ?)'),
    clientInsert: db.prepare(
      'insert into clients (client_id, officer_id, last_seq, updated_at) values (?, ?, ?, ?)',
    ),
    clientUpdate: db.prepare('update clients set last_seq = ?, updated_at = ? where client_id = ?'),
    draw: db.prepare("update counters set value = value + ? where name = 'seq' returning value"),
    upsertRecord: db.prepare(
      `insert into records (seq, entity, id, unit_id, owner_id, version, data, contended_version, contended_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (entity, id) do update set
         seq = excluded.seq, unit_id = excluded.unit_id, owner_id = excluded.owner_id,
         version = excluded.version, data = excluded.data,
         contended_version = excluded.contended_version, contended_by = excluded.contended_by`,
    ),
    upsertRemoval: db.prepare(
      `insert into removals (seq, entity, id, unit_id) values (?, ?, ?, ?)
       on conflict (entity, id, unit_id) do update set seq = excluded.seq`,
    ),
    chainOwner: db.prepare(
      'select max(position) as p from audit_chain where entity = ? and owner_id = ?',
    ),
    chainHead: db.prepare(
      'select position, chain_hash from audit_chain order by position desc limit 1',
    ),
    chainAppend: db.prepare(
      `insert into audit_chain (position, entity, id, owner_id, entry_hash, chain_hash)
       values (?, ?, ?, ?, ?, ?)`,
    ),
  };
}

export class CentralStore {
  readonly kind: StorageKind;
  /** For tests, migrations and bulk work; the API's own writes use the methods below. */
  readonly db: Kysely<CentralDatabase>;
  /** For reads outside write transactions (see OpenedDatabase.reader). */
  readonly reader: Kysely<CentralDatabase>;
  readonly opened: OpenedDatabase;
  /** This process's name in commit notifications (it ignores its own). */
  readonly instanceId = randomUUID();
  private readonly listeners = new Set<CommitListener>();
  private channel: CommitChannel | null = null;
  private known = 0;
  private closed = false;
  private readonly log: (line: string) => void;
  private sqliteStatements: SqliteStatements | null = null;

  private constructor(opened: OpenedDatabase, options: StoreOptions) {
    this.opened = opened;
    this.kind = opened.kind;
    this.db = opened.db;
    this.reader = opened.reader;
    this.log = options.log ?? (() => undefined);
  }

  static async open(config: StorageConfig, options: StoreOptions = {}): Promise<CentralStore> {
    const opened =
      config.kind === 'sqlite'
        ? openSqlite({
            file: config.file,
            ...(config.synchronous ? { synchronous: config.synchronous } : {}),
            ...(config.key ? { key: config.key } : {}),
            ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}),
          })
        : openPostgres({
            url: config.url,
            ...(config.poolSize ? { poolSize: config.poolSize } : {}),
          });
    const store = new CentralStore(opened, options);
    try {
      await migrate(opened.db, opened.kind, systemClock);
      store.known = await store.head(opened.db);
      if (config.kind === 'postgres' && options.listen !== false) {
        store.channel = new CommitChannel({
          url: config.url,
          instance: store.instanceId,
          log: store.log,
          onNotice: (notice) =>
            store.announce({
              head: notice.head,
              units: notice.units === 'all' ? 'all' : new Set(notice.units),
            }),
          onSessionEnded: (hash) => store.sessionEnded(hash),
          onResync: () => store.resync(),
        });
        await store.channel.start();
      }
    } catch (error) {
      await store.channel?.close();
      await opened.db.destroy();
      if (opened.reader !== opened.db) await opened.reader.destroy();
      throw error;
    }
    return store;
  }

  /**
   * Runs one compiled statement outside any transaction (so in one snapshot of its own) and
   * returns its rows. PostgreSQL: as a named prepared statement, so each connection parses and
   * plans a given text once instead of at every request (planning the feed's statement cost
   * several times its execution); the texts are few (one per query shape and scope size).
   */
  async query<R>(compiled: CompiledQuery, via: 'reader' | 'writer' = 'reader'): Promise<R[]> {
    const pool = this.opened.pools[via];
    if (!pool) {
      const db = via === 'reader' ? this.reader : this.db;
      return (await db.executeQuery<R>(compiled)).rows;
    }
    let name = statementNames.get(compiled.sql);
    if (name === undefined) {
      name = `c${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 24)}`;
      if (statementNames.size > 1000) statementNames.clear();
      statementNames.set(compiled.sql, name);
    }
    const result = await pool.query({ name, text: compiled.sql, values: [...compiled.parameters] });
    return result.rows as R[];
  }

  /** The highest seq this process knows to be committed (its own commits and others' notices). */
  get knownHead(): number {
    return this.known;
  }

  /** PostgreSQL: whether commits of other instances are being heard now (null: SQLite). */
  get listening(): boolean | null {
    return this.channel ? this.channel.listening : null;
  }

  private readonly sessionListeners = new Set<(tokenHash: string | null) => void>();

  /**
   * Hears of sessions ended on any instance (PostgreSQL) or here: a token hash, or null when
   * any may have ended unheard (the LISTEN connection was down), so caches drop everything.
   */
  onSessionEnded(listener: (tokenHash: string | null) => void): () => void {
    this.sessionListeners.add(listener);
    return () => this.sessionListeners.delete(listener);
  }

  private sessionEnded(tokenHash: string | null): void {
    for (const listener of this.sessionListeners) listener(tokenHash);
  }

  /** Reads the head and announces it when it moved (commits that were not heard of). */
  private resync(): void {
    this.sessionEnded(null);
    this.head().then(
      (head) => {
        if (head > this.known) this.announce({ head, units: 'all' });
      },
      () => undefined,
    );
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

  /** The database's schema version (the highest migration applied). */
  async schemaVersion(): Promise<number> {
    const row = await this.reader
      .selectFrom('central_schema')
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst();
    return Number(row?.version ?? 0);
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
      if (head !== null && kind === 'postgres') {
        // Delivered to the other instances at commit, in commit order.
        const payload = noticePayload(this.instanceId, head, w.touchedUnits());
        await sql`select pg_notify(${COMMIT_CHANNEL}, ${payload})`.execute(tx);
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

  /**
   * Reads what a group of pushes relies on: clients' positions, the records acted on, the kept
   * answers asked for. Committed state, read outside any lock; commitPush() checks that it did
   * not change before it writes.
   */
  async readPushState(read: PushRead): Promise<PushState> {
    const clients = new Map<string, ClientState>();
    const records = new Map<string, PushRecord>();
    const answers = new Map<string, unknown>();
    const chainHeads = new Map<string, ChainHead>();
    const owners = read.owners ?? [];
    if (this.kind === 'postgres') {
      // One round trip; records' and answers' JSON is embedded as JSON, so it is parsed once.
      const result = sql<{ state: string }>`
        select json_build_object(
          'c', (select coalesce(json_agg(json_build_array(k.client_id, k.officer_id, k.last_seq)), '[]'::json)
                from clients k where k.client_id = any(${read.clients}::text[])),
          'r', (select coalesce(json_agg(json_build_array(r.seq, r.entity, r.id, r.unit_id, r.owner_id,
                  r.version, r.contended_version, r.contended_by, r.data::json)), '[]'::json)
                from records r
                join unnest(${read.records.map((r) => r.entity)}::text[], ${read.records.map((r) => r.id)}::text[]) as t(e, i)
                  on r.entity = t.e and r.id = t.i),
          'a', (select coalesce(json_agg(json_build_array(m.client_id, m.seq, m.result::json)), '[]'::json)
                from mutation_results m
                join unnest(${read.answers.map((a) => a.clientId)}::text[], ${read.answers.map((a) => a.seq)}::bigint[]) as t(c, s)
                  on m.client_id = t.c and m.seq = t.s),
          'h', (select coalesce(json_agg(json_build_array(t.e, t.o, l.position, encode(l.entry_hash, 'hex'))), '[]'::json)
                from unnest(${owners.map((o) => o.entity)}::text[], ${owners.map((o) => o.ownerId)}::text[]) as t(e, o)
                cross join lateral (select a.position, a.entry_hash from audit_chain a
                  where a.entity = t.e and a.owner_id = t.o order by a.position desc limit 1) as l)
        )::text as state`.compile(this.reader);
      const rows = await this.query<{ state: string }>(result);
      const state = JSON.parse(rows[0]?.state ?? '{}') as {
        c: [string, string, number][];
        r: [
          number,
          string,
          string,
          string | null,
          string | null,
          number,
          number | null,
          string | null,
          unknown,
        ][];
        a: [string, number, unknown][];
        h: [string, string, number, string][];
      };
      for (const [id, officerId, lastSeq] of state.c) clients.set(id, { officerId, lastSeq });
      for (const [seq, entity, id, unitId, ownerId, version, cv, cb, value] of state.r) {
        records.set(recordKey(entity, id), {
          seq,
          entity,
          id,
          unitId,
          ownerId,
          version,
          contendedVersion: cv,
          contendedBy: cb,
          value,
        });
      }
      for (const [clientId, seq, value] of state.a) answers.set(answerKey(clientId, seq), value);
      for (const [entity, ownerId, position, hash] of state.h) {
        chainHeads.set(recordKey(entity, ownerId), { position, hash: Buffer.from(hash, 'hex') });
      }
      return { clients, records, answers, chainHeads };
    }
    if (read.clients.length > 0) {
      const rows = await this.reader
        .selectFrom('clients')
        .select(['client_id', 'officer_id', 'last_seq'])
        .where('client_id', 'in', [...read.clients])
        .execute();
      for (const r of rows)
        clients.set(r.client_id, { officerId: r.officer_id, lastSeq: Number(r.last_seq) });
    }
    const byEntity = new Map<string, string[]>();
    for (const r of read.records) byEntity.set(r.entity, [...(byEntity.get(r.entity) ?? []), r.id]);
    for (const [entity, ids] of byEntity) {
      const rows = await this.reader
        .selectFrom('records')
        .select(RECORD_COLUMNS)
        .where('entity', '=', entity)
        .where('id', 'in', ids)
        .execute();
      for (const row of rows) {
        const { data, ...rest } = toRecord(row);
        records.set(recordKey(row.entity, row.id), { ...rest, value: JSON.parse(data) as unknown });
      }
    }
    const byClient = new Map<string, number[]>();
    for (const a of read.answers)
      byClient.set(a.clientId, [...(byClient.get(a.clientId) ?? []), a.seq]);
    for (const [clientId, seqs] of byClient) {
      const rows = await this.reader
        .selectFrom('mutation_results')
        .select(['seq', 'result'])
        .where('client_id', '=', clientId)
        .where('seq', 'in', seqs)
        .execute();
      for (const row of rows)
        answers.set(answerKey(clientId, Number(row.seq)), JSON.parse(row.result) as unknown);
    }
    for (const { entity, ownerId } of owners) {
      const row = await this.reader
        .selectFrom('audit_chain')
        .select(['position', 'entry_hash'])
        .where('entity', '=', entity)
        .where('owner_id', '=', ownerId)
        .orderBy('position', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (row) {
        chainHeads.set(recordKey(entity, ownerId), {
          position: Number(row.position),
          hash: Buffer.from(row.entry_hash),
        });
      }
    }
    return { clients, records, answers, chainHeads };
  }

  /** Entries owned by a record (its history), as stored, to restamp them when it moves. */
  async ownedRecords(entity: string, ownerId: string): Promise<StoredRecord[]> {
    const rows = await this.reader
      .selectFrom('records')
      .select(RECORD_COLUMNS)
      .where('owner_id', '=', ownerId)
      .where('entity', '=', entity)
      .orderBy('seq')
      .execute();
    return rows.map(toRecord);
  }

  /**
   * Commits a group of push decisions in one transaction: checks that nothing they relied on
   * changed, stores the answers and positions, draws the seqs and writes the changes; or writes
   * nothing and says the group is stale. PostgreSQL: one statement (central_push, migration 2),
   * so the writers' lock is held only inside the server. Listeners hear of it after the commit.
   */
  async commitPush(plan: PushPlan, instance = this.instanceId): Promise<PushCommit> {
    const units = new Set<string>();
    for (const item of plan.items) {
      const unit = item.kind === 'row' ? item.row.unitId : item.unitId;
      if (unit !== null) units.add(unit);
    }
    const outcome =
      this.kind === 'postgres'
        ? await this.commitPushPostgres(plan, instance, units)
        : await this.db.connection().execute(() => Promise.resolve(this.commitPushSqlite(plan)));
    if (outcome.ok && outcome.head !== null) this.emit({ head: outcome.head, units });
    return outcome;
  }

  private async commitPushPostgres(
    plan: PushPlan,
    instance: string,
    units: ReadonlySet<string>,
  ): Promise<PushCommit> {
    const rows: unknown[] = [];
    const removals: unknown[] = [];
    plan.items.forEach((item, ord) => {
      if (item.kind === 'row') {
        const r = item.row;
        rows.push({
          o: ord + 1,
          e: r.entity,
          i: r.id,
          u: r.unitId,
          w: r.ownerId ?? null,
          v: r.version,
          d: r.data,
          cv: r.contendedVersion ?? null,
          cb: r.contendedBy ?? null,
        });
      } else {
        removals.push({ o: ord + 1, e: item.entity, i: item.id, u: item.unitId });
      }
    });
    // Each part its own parameter: PostgreSQL parses a json value each time it is read, so
    // one document read part by part would be parsed again for every part. One statement,
    // outside any transaction: committed when it returns.
    const json = (value: unknown) => JSON.stringify(value);
    const result = await this.query<{ r: string }>(
      CompiledQuery.raw('select central_push($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)::text as r', [
        instance,
        unitsPayload(units),
        json(
          plan.clients.map((c) => ({
            c: c.clientId,
            o: c.officerId,
            e: c.expected,
            l: c.lastSeq,
            t: c.at,
          })),
        ),
        json(plan.records.map((r) => ({ e: r.entity, i: r.id, s: r.seq }))),
        json(plan.histories.map((h) => ({ e: h.entity, o: h.ownerId, n: h.count, m: h.maxSeq }))),
        json(plan.forget.map((f) => ({ c: f.clientId, b: f.below }))),
        json(plan.answers.map((a) => ({ c: a.clientId, s: a.seq, r: a.result }))),
        json(rows),
        json(removals),
        json(chainEntries(plan)),
      ]),
      'writer',
    );
    const answer = JSON.parse(result[0]?.r ?? '{}') as {
      head?: number | null;
      stale?: string;
    };
    if (answer.stale !== undefined) return { ok: false, stale: answer.stale };
    return { ok: true, head: answer.head ?? null };
  }

  private commitPushSqlite(plan: PushPlan): PushCommit {
    const sqlite = this.opened.sqlite;
    if (!sqlite) throw new Error('no SQLite connection');
    const q = (this.sqliteStatements ??= prepareSqliteStatements(sqlite));
    const run = sqlite.transaction((): PushCommit => {
      for (const c of plan.clients) {
        const row = q.client.get(c.clientId) as
          { officer_id: string; last_seq: number } | undefined;
        const fresh =
          c.expected === null
            ? row === undefined
            : row !== undefined && row.last_seq === c.expected && row.officer_id === c.officerId;
        if (!fresh) return { ok: false, stale: 'clients' };
      }
      for (const r of plan.records) {
        const row = q.recordSeq.get(r.entity, r.id) as { seq: number } | undefined;
        if ((row?.seq ?? null) !== r.seq) return { ok: false, stale: 'records' };
      }
      for (const h of plan.histories) {
        const row = q.history.get(h.ownerId, h.entity) as { n: number; m: number | null };
        if (row.n !== h.count || row.m !== h.maxSeq) return { ok: false, stale: 'history' };
      }
      for (const c of plan.chains ?? []) {
        const row = q.chainOwner.get(c.entity, c.ownerId) as { p: number | null };
        if (row.p !== c.after) return { ok: false, stale: 'chain' };
      }
      for (const f of plan.forget) q.forget.run(f.clientId, f.below);
      for (const a of plan.answers) q.answer.run(a.clientId, a.seq, a.result);
      for (const c of plan.clients) {
        if (c.expected === null) q.clientInsert.run(c.clientId, c.officerId, c.lastSeq, c.at);
        else q.clientUpdate.run(c.lastSeq, c.at, c.clientId);
      }
      const n = plan.items.length;
      if (n === 0) return { ok: true, head: null };
      const head = (q.draw.get(n) as { value: number }).value;
      plan.items.forEach((item, ord) => {
        const seq = head - n + ord + 1;
        if (item.kind === 'row') {
          const r = item.row;
          q.upsertRecord.run(
            seq,
            r.entity,
            r.id,
            r.unitId,
            r.ownerId ?? null,
            r.version,
            r.data,
            r.contendedVersion ?? null,
            r.contendedBy ?? null,
          );
        } else {
          q.upsertRemoval.run(seq, item.entity, item.id, item.unitId);
        }
      });
      const entries = chainEntries(plan);
      if (entries.length > 0) {
        const last = q.chainHead.get() as { position: number; chain_hash: Buffer } | undefined;
        let position = last?.position ?? 0;
        let chain: Buffer = last ? Buffer.from(last.chain_hash) : Buffer.alloc(0);
        for (const e of entries) {
          const hash = Buffer.from(e.h, 'hex');
          chain = chainStep(chain, hash);
          q.chainAppend.run(++position, e.e, e.i, e.w, hash, chain);
        }
      }
      return { ok: true, head };
    });
    return run.immediate();
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
    const [row] = await this.query<{ officer_id: string; expires_at: number }>(
      this.reader
        .selectFrom('sessions')
        .select(['officer_id', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .compile(),
    );
    return row ? { officerId: row.officer_id, expiresAt: Number(row.expires_at) } : undefined;
  }

  /** Ends a session here and, through a notification, in every instance's cache. */
  async endSession(tokenHash: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
      if (this.kind === 'postgres') {
        await sql`select pg_notify(${SESSION_CHANNEL}, ${tokenHash})`.execute(tx);
      }
    });
    this.sessionEnded(tokenHash);
  }

  /** Deletes sessions expired at `now`; returns how many. */
  async purgeSessions(now: number): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Times of a username's failed sign-ins after `since`, oldest first (every instance's). */
  async loginFailures(username: string, since: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('login_failures')
      .select('at')
      .where('username', '=', username)
      .where('at', '>', since)
      .orderBy('at')
      .execute();
    return rows.map((r) => Number(r.at));
  }

  /** Records a failed sign-in, and forgets that username's failures at or before `forgetUpTo`. */
  async addLoginFailure(username: string, at: number, forgetUpTo: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('login_failures')
        .where('username', '=', username)
        .where('at', '<=', forgetUpTo)
        .execute();
      await tx.insertInto('login_failures').values({ username, at }).execute();
    });
  }

  async clearLoginFailures(username: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('username', '=', username).execute();
  }

  /** Deletes failures at or before `upTo` (outside every window); returns how many. */
  async purgeLoginFailures(upTo: number): Promise<number> {
    const result = await this.db
      .deleteFrom('login_failures')
      .where('at', '<=', upTo)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * Runs `fn` while no other process sharing the database runs one under the same key
   * (PostgreSQL: a session advisory lock, released if this process dies; SQLite: one process
   * per file already). Instances started together on an empty database seed it once: the
   * others wait, then find it seeded.
   */
  async exclusively<T>(key: number, fn: () => Promise<T>): Promise<T> {
    const pool = this.opened.pools.writer;
    if (!pool) return fn();
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [key]);
      try {
        return await fn();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [key]);
      }
    } finally {
      client.release();
    }
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
        'login_failures',
        'meta',
        'audit_chain',
        'access_log',
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

  /** Tells listeners about commits made by another process (notified, or found by polling). */
  announce(info: CommitInfo): void {
    this.emit(info);
  }

  private emit(info: CommitInfo): void {
    if (info.head > this.known) this.known = info.head;
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
    await this.channel?.close();
    if (this.reader !== this.db) await this.reader.destroy();
    await this.db.destroy();
  }
}
