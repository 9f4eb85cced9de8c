import { sql, type Kysely } from 'kysely';
import type { CentralDatabase, StorageKind } from './database';

/**
 * The central API's schema, as one ordered list of migrations run by a small runner on both
 * dialects. The runner applies every pending step in one transaction (PostgreSQL and SQLite both
 * have transactional DDL), records each in `central_schema`, and refuses a database whose schema
 * is newer than this code (an older server must not write into a newer layout). To change the
 * schema append a migration with the next version; never edit one that has shipped. A migration
 * is frozen: Kysely's builders, SQL and its own constants, and only types from elsewhere (a lint
 * rule holds this), so that what it does never follows later code.
 */
export interface CentralMigration {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<CentralDatabase>, kind: StorageKind): Promise<void>;
}

/** Any constant key: every central process takes it to migrate, so two never migrate at once. */
const MIGRATION_LOCK = 7_346_001;

/**
 * The indexes on `records` that migration 1 creates, frozen with it: a change to them is a new
 * migration, never an edit here.
 */
const INITIAL_RECORDS_INDEXES: readonly {
  name: string;
  build: (db: Kysely<CentralDatabase>) => Promise<void>;
}[] = [
  {
    name: 'records_entity_id',
    build: (db) =>
      db.schema
        .createIndex('records_entity_id')
        .ifNotExists()
        .unique()
        .on('records')
        .columns(['entity', 'id'])
        .execute(),
  },
  {
    name: 'records_unit_seq',
    build: (db) =>
      db.schema
        .createIndex('records_unit_seq')
        .ifNotExists()
        .on('records')
        .columns(['unit_id', 'seq'])
        .execute(),
  },
  {
    name: 'records_owner',
    build: (db) =>
      db.schema
        .createIndex('records_owner')
        .ifNotExists()
        .on('records')
        .columns(['owner_id', 'entity'])
        .where(sql.ref('owner_id'), 'is not', null)
        .execute(),
  },
];

/**
 * Indexes a bulk load into an empty database drops first and builds after (store.ts): those of
 * `records`, as the latest migration that touched them left them. A migration that changes one
 * gives the new definition here; the migrations themselves never read this list.
 */
export const DEFERRABLE_INDEXES = INITIAL_RECORDS_INDEXES;

const initial: CentralMigration = {
  version: 1,
  name: 'initial',
  async up(db, kind) {
    // SQLite STRICT tables accept only INTEGER, not BIGINT, as a type name.
    const int64 = kind === 'postgres' ? 'bigint' : 'integer';
    const strict = <T extends { modifyEnd(node: ReturnType<typeof sql.raw>): T }>(b: T): T =>
      kind === 'sqlite' ? b.modifyEnd(sql.raw(' strict')) : b;

    // seq is the primary key: on SQLite it is the rowid, so the table is stored in feed order and
    // a feed page is a range scan of the table itself. (entity, id) is a unique index instead of
    // the key so that a bulk load into an empty database can build it after the rows are in.
    await strict(
      db.schema
        .createTable('records')
        .addColumn('seq', int64, (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text')
        .addColumn('owner_id', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('contended_version', 'integer')
        .addColumn('contended_by', 'text'),
    ).execute();
    for (const index of INITIAL_RECORDS_INDEXES) await index.build(db);

    await strict(
      db.schema
        .createTable('removals')
        .addColumn('seq', int64, (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull()),
    ).execute();
    await db.schema
      .createIndex('removals_record_unit')
      .unique()
      .on('removals')
      .columns(['entity', 'id', 'unit_id'])
      .execute();
    await db.schema
      .createIndex('removals_unit_seq')
      .on('removals')
      .columns(['unit_id', 'seq'])
      .execute();

    await strict(
      db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', int64, (c) => c.notNull()),
    ).execute();
    await db
      .insertInto('counters')
      .values([
        { name: 'seq', value: 0 },
        { name: 'reference', value: 0 },
      ])
      .execute();

    await strict(
      db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull()),
    ).execute();

    await strict(
      db.schema
        .createTable('credentials')
        .addColumn('officer_id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull()),
    ).execute();

    await strict(
      db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('officer_id', 'text', (c) => c.notNull())
        .addColumn('created_at', int64, (c) => c.notNull())
        .addColumn('expires_at', int64, (c) => c.notNull()),
    ).execute();
    await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

    await strict(
      db.schema
        .createTable('clients')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('officer_id', 'text', (c) => c.notNull())
        .addColumn('last_seq', int64, (c) => c.notNull())
        .addColumn('updated_at', int64, (c) => c.notNull()),
    ).execute();

    await strict(
      db.schema
        .createTable('mutation_results')
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('seq', int64, (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('mutation_results_pk', ['client_id', 'seq']),
    ).execute();
  },
};

/**
 * Version 2, for several instances over one database and pushes decided in groups:
 *  - `login_failures`: failed sign-ins per typed username, so that every instance throttles the
 *    same count;
 *  - PostgreSQL: `central_push(…)`, which commits one group of push decisions in one
 *    statement (so in one round trip, and with the writers' lock held only inside the server).
 *    It first locks, in a fixed order, the clients and records the decisions relied on and
 *    checks that none changed since they were read (another instance may have written them):
 *    if any did, it writes nothing and answers {"stale": …}, and the caller decides again. Else
 *    it stores the answers and the clients' positions, then draws the group's seqs from the
 *    counter (whose row lock is the writers' lock, until the commit), writes the records and
 *    removals at `head - n + ord`, and notifies the other instances (delivered at commit).
 *    Frozen: later changes are a new migration replacing the function.
 */
const instances: CentralMigration = {
  version: 2,
  name: 'instances',
  async up(db, kind) {
    const int64 = kind === 'postgres' ? 'bigint' : 'integer';
    const table = db.schema
      .createTable('login_failures')
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('at', int64, (c) => c.notNull());
    await (kind === 'sqlite' ? table.modifyEnd(sql.raw(' strict')) : table).execute();
    await db.schema
      .createIndex('login_failures_username_at')
      .on('login_failures')
      .columns(['username', 'at'])
      .execute();
    if (kind !== 'postgres') return;
    await sql
      .raw(
        `
create function central_push(
  i text, u text, c json, r json, h json, f json, a json, w json, d json
) returns json language plpgsql as $fn$
declare
  n integer;
  head bigint;
  bad integer;
begin
  perform 1 from clients k
    where k.client_id in (select x.c from json_to_recordset(c) as x(c text))
    order by k.client_id for update;
  perform 1 from records t
    where (t.entity, t.id) in (select x.e, x.i from json_to_recordset(r) as x(e text, i text))
    order by t.entity, t.id for update;
  select count(*) into bad
    from json_to_recordset(c) as x(c text, o text, e bigint)
    left join clients k on k.client_id = x.c
    where (x.e is null and k.client_id is not null)
       or (x.e is not null and (k.client_id is null or k.last_seq <> x.e or k.officer_id <> x.o));
  if bad > 0 then return json_build_object('stale', 'clients'); end if;
  select count(*) into bad
    from json_to_recordset(r) as x(e text, i text, s bigint)
    left join records t on t.entity = x.e and t.id = x.i
    where t.seq is distinct from x.s;
  if bad > 0 then return json_build_object('stale', 'records'); end if;
  select count(*) into bad
    from json_to_recordset(h) as x(e text, o text, n bigint, m bigint)
    where (select count(*) from records t where t.owner_id = x.o and t.entity = x.e) <> x.n
       or (select max(t.seq) from records t where t.owner_id = x.o and t.entity = x.e) is distinct from x.m;
  if bad > 0 then return json_build_object('stale', 'history'); end if;

  delete from mutation_results m
    using json_to_recordset(f) as x(c text, b bigint)
    where m.client_id = x.c and m.seq < x.b;
  insert into mutation_results (client_id, seq, result)
    select x.c, x.s, x.r from json_to_recordset(a) as x(c text, s bigint, r text);
  insert into clients (client_id, officer_id, last_seq, updated_at)
    select x.c, x.o, x.l, x.t
    from json_to_recordset(c) as x(c text, o text, e bigint, l bigint, t bigint)
    where x.e is null;
  update clients k set last_seq = x.l, updated_at = x.t
    from json_to_recordset(c) as x(c text, e bigint, l bigint, t bigint)
    where k.client_id = x.c and x.e is not null;

  n := json_array_length(w) + json_array_length(d);
  if n = 0 then return json_build_object('head', null); end if;
  -- The writers' lock (the counter's row) from here to the commit: only the inserts follow.
  update counters set value = value + n where name = 'seq' returning value into head;
  insert into records (seq, entity, id, unit_id, owner_id, version, data, contended_version, contended_by)
    select head - n + x.o, x.e, x.i, x.u, x.w, x.v, x.d, x.cv, x.cb
    from json_to_recordset(w)
      as x(o integer, e text, i text, u text, w text, v integer, d text, cv integer, cb text)
    on conflict (entity, id) do update set
      seq = excluded.seq, unit_id = excluded.unit_id, owner_id = excluded.owner_id,
      version = excluded.version, data = excluded.data,
      contended_version = excluded.contended_version, contended_by = excluded.contended_by;
  insert into removals (seq, entity, id, unit_id)
    select head - n + x.o, x.e, x.i, x.u
    from json_to_recordset(d) as x(o integer, e text, i text, u text)
    on conflict (entity, id, unit_id) do update set seq = excluded.seq;
  perform pg_notify('central_commit', format('{"i":%s,"h":%s,"u":%s}', to_json(i), head, u));
  return json_build_object('head', head);
exception
  when unique_violation then
    return json_build_object('stale', 'registered');
end;
$fn$`,
      )
      .execute(db);
  },
};

/**
 * Version 3, citizens' data protection (issue 12):
 *  - `audit_chain`: the running hash chain over every history entry in commit order (RFC
 *    6962's hash chain in its simplest form). Row `position` holds the entry's SHA-256
 *    (`entry_hash`, of its JSON as stored) and `chain_hash` = SHA-256(previous chain_hash ‖
 *    entry_hash) (the empty string before the first). An edited entry no longer matches its
 *    hash, a deleted one leaves its row without an entry, reordered or removed rows break the
 *    chain. Each entry's JSON also carries `prevHash`, the entry_hash of its record's previous
 *    entry, which clients check on what they receive.
 *  - `access_log`: who opened, searched or exported whose dossier or complaint, from which
 *    computer; each client's entries are numbered by it and stored once per (client, seq).
 *  - PostgreSQL: `central_push` replaced by a version that also checks that no entry was
 *    appended to the records its group chains since they were read (`x`, stale "chain") and
 *    appends the group's entries to the chain after the seqs are drawn, so under the writers'
 *    lock, in commit order. Frozen, like version 2.
 */
const protection: CentralMigration = {
  version: 3,
  name: 'audit trail and access log',
  async up(db, kind) {
    const int64 = kind === 'postgres' ? 'bigint' : 'integer';
    const bytes = kind === 'postgres' ? 'bytea' : 'blob';
    const strict = <T extends { modifyEnd(node: ReturnType<typeof sql.raw>): T }>(b: T): T =>
      kind === 'sqlite' ? b.modifyEnd(sql.raw(' strict')) : b;
    await strict(
      db.schema
        .createTable('audit_chain')
        .addColumn('position', int64, (c) => c.primaryKey())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('entry_hash', bytes, (c) => c.notNull())
        .addColumn('chain_hash', bytes, (c) => c.notNull()),
    ).execute();
    await db.schema
      .createIndex('audit_chain_owner')
      .on('audit_chain')
      .columns(['entity', 'owner_id', 'position'])
      .execute();

    await strict(
      db.schema
        .createTable('access_log')
        .addColumn('id', int64, (c) =>
          kind === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey(),
        )
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('client_seq', int64, (c) => c.notNull())
        .addColumn('officer_id', 'text', (c) => c.notNull())
        .addColumn('officer_name', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text')
        .addColumn('at', int64, (c) => c.notNull())
        .addColumn('received_at', int64, (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text')
        .addColumn('record_id', 'text')
        .addColumn('record_number', 'text')
        .addColumn('citizen_id', 'text')
        .addColumn('computer', 'text', (c) => c.notNull())
        .addColumn('detail', 'text'),
    ).execute();
    await db.schema
      .createIndex('access_log_client_seq')
      .unique()
      .on('access_log')
      .columns(['client_id', 'client_seq'])
      .execute();
    await db.schema
      .createIndex('access_log_unit_at')
      .on('access_log')
      .columns(['unit_id', 'at'])
      .execute();
    await db.schema
      .createIndex('access_log_citizen')
      .on('access_log')
      .columns(['citizen_id', 'at'])
      .where(sql.ref('citizen_id'), 'is not', null)
      .execute();
    if (kind !== 'postgres') return;
    await sql
      .raw(
        `
drop function central_push(text, text, json, json, json, json, json, json, json);
create function central_push(
  i text, u text, c json, r json, h json, f json, a json, w json, d json, x json
) returns json language plpgsql as $fn$
declare
  n integer;
  head bigint;
  bad integer;
  p bigint;
  prev bytea;
  e record;
begin
  perform 1 from clients k
    where k.client_id in (select y.c from json_to_recordset(c) as y(c text))
    order by k.client_id for update;
  perform 1 from records t
    where (t.entity, t.id) in (select y.e, y.i from json_to_recordset(r) as y(e text, i text))
    order by t.entity, t.id for update;
  select count(*) into bad
    from json_to_recordset(c) as y(c text, o text, e bigint)
    left join clients k on k.client_id = y.c
    where (y.e is null and k.client_id is not null)
       or (y.e is not null and (k.client_id is null or k.last_seq <> y.e or k.officer_id <> y.o));
  if bad > 0 then return json_build_object('stale', 'clients'); end if;
  select count(*) into bad
    from json_to_recordset(r) as y(e text, i text, s bigint)
    left join records t on t.entity = y.e and t.id = y.i
    where t.seq is distinct from y.s;
  if bad > 0 then return json_build_object('stale', 'records'); end if;
  select count(*) into bad
    from json_to_recordset(h) as y(e text, o text, n bigint, m bigint)
    where (select count(*) from records t where t.owner_id = y.o and t.entity = y.e) <> y.n
       or (select max(t.seq) from records t where t.owner_id = y.o and t.entity = y.e) is distinct from y.m;
  if bad > 0 then return json_build_object('stale', 'history'); end if;
  select count(*) into bad
    from (select distinct on (y.e, y.w) y.e, y.w, y.a
          from json_to_recordset(x) as y(o integer, e text, w text, a bigint)
          order by y.e, y.w, y.o) as y
    where (select max(t.position) from audit_chain t where t.entity = y.e and t.owner_id = y.w)
          is distinct from y.a;
  if bad > 0 then return json_build_object('stale', 'chain'); end if;

  delete from mutation_results m
    using json_to_recordset(f) as y(c text, b bigint)
    where m.client_id = y.c and m.seq < y.b;
  insert into mutation_results (client_id, seq, result)
    select y.c, y.s, y.r from json_to_recordset(a) as y(c text, s bigint, r text);
  insert into clients (client_id, officer_id, last_seq, updated_at)
    select y.c, y.o, y.l, y.t
    from json_to_recordset(c) as y(c text, o text, e bigint, l bigint, t bigint)
    where y.e is null;
  update clients k set last_seq = y.l, updated_at = y.t
    from json_to_recordset(c) as y(c text, e bigint, l bigint, t bigint)
    where k.client_id = y.c and y.e is not null;

  n := json_array_length(w) + json_array_length(d);
  if n = 0 then return json_build_object('head', null); end if;
  -- The writers' lock (the counter's row) from here to the commit: only the inserts follow.
  update counters set value = value + n where name = 'seq' returning value into head;
  insert into records (seq, entity, id, unit_id, owner_id, version, data, contended_version, contended_by)
    select head - n + y.o, y.e, y.i, y.u, y.w, y.v, y.d, y.cv, y.cb
    from json_to_recordset(w)
      as y(o integer, e text, i text, u text, w text, v integer, d text, cv integer, cb text)
    on conflict (entity, id) do update set
      seq = excluded.seq, unit_id = excluded.unit_id, owner_id = excluded.owner_id,
      version = excluded.version, data = excluded.data,
      contended_version = excluded.contended_version, contended_by = excluded.contended_by;
  insert into removals (seq, entity, id, unit_id)
    select head - n + y.o, y.e, y.i, y.u
    from json_to_recordset(d) as y(o integer, e text, i text, u text)
    on conflict (entity, id, unit_id) do update set seq = excluded.seq;
  if json_array_length(x) > 0 then
    select t.position, t.chain_hash into p, prev from audit_chain t order by t.position desc limit 1;
    p := coalesce(p, 0);
    prev := coalesce(prev, ''::bytea);
    for e in select * from json_to_recordset(x) as y(o integer, e text, i text, w text, h text)
             order by y.o loop
      p := p + 1;
      prev := sha256(prev || decode(e.h, 'hex'));
      insert into audit_chain (position, entity, id, owner_id, entry_hash, chain_hash)
        values (p, e.e, e.i, e.w, decode(e.h, 'hex'), prev);
    end loop;
  end if;
  perform pg_notify('central_commit', format('{"i":%s,"h":%s,"u":%s}', to_json(i), head, u));
  return json_build_object('head', head);
exception
  when unique_violation then
    return json_build_object('stale', 'registered');
end;
$fn$`,
      )
      .execute(db);
  },
};

export const CENTRAL_MIGRATIONS: readonly CentralMigration[] = [initial, instances, protection];

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `the database has schema version ${found}, newer than this server knows (${known}): run a newer central API, or start on a fresh database`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Applies pending migrations; returns the versions applied. `clock` stamps them: a frozen file
 * imports no live code, so the caller hands over the one clock.
 */
export async function migrate(
  db: Kysely<CentralDatabase>,
  kind: StorageKind,
  clock: () => number,
  migrations: readonly CentralMigration[] = CENTRAL_MIGRATIONS,
): Promise<number[]> {
  const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  return db.transaction().execute(async (tx) => {
    if (kind === 'postgres') await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    await tx.schema
      .createTable('central_schema')
      .ifNotExists()
      .addColumn('version', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('applied_at', kind === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
      .execute();
    const row = await tx
      .selectFrom('central_schema')
      .select((eb) => eb.fn.max('version').as('version'))
      .executeTakeFirst();
    const current = Number(row?.version ?? 0);
    if (current > known) throw new SchemaTooNewError(current, known);
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= current) continue;
      await migration.up(tx, kind);
      await tx
        .insertInto('central_schema')
        .values({ version: migration.version, name: migration.name, applied_at: clock() })
        .execute();
      applied.push(migration.version);
    }
    return applied;
  });
}
