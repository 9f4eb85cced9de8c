import { sql, type Kysely } from 'kysely';
import type { CentralDatabase, StorageKind } from './database';

/**
 * The central API's schema, as one ordered list of migrations run by a small runner on both
 * dialects. The runner applies every pending step in one transaction (PostgreSQL and SQLite both
 * have transactional DDL), records each in `central_schema`, and refuses a database whose schema
 * is newer than this code (an older server must not write into a newer layout). To change the
 * schema append a migration with the next version; never edit one that has shipped.
 */
export interface CentralMigration {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<CentralDatabase>, kind: StorageKind): Promise<void>;
}

/** Any constant key: every central process takes it to migrate, so two never migrate at once. */
const MIGRATION_LOCK = 7_346_001;

/** Indexes a bulk load into an empty database drops first and builds after (see bulk.ts). */
export const DEFERRABLE_INDEXES: readonly {
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
    for (const index of DEFERRABLE_INDEXES) await index.build(db);

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

export const CENTRAL_MIGRATIONS: readonly CentralMigration[] = [initial];

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `the database has schema version ${found}, newer than this server knows (${known}): run a newer central API, or start on a fresh database`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Applies pending migrations; returns the versions applied. */
export async function migrate(
  db: Kysely<CentralDatabase>,
  kind: StorageKind,
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
        .values({ version: migration.version, name: migration.name, applied_at: Date.now() })
        .execute();
      applied.push(migration.version);
    }
    return applied;
  });
}
