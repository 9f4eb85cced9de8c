import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql, type Compilable, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { narrowSeqsQuery, removalsQuery, wideRecordsQuery } from '../feed';
import type { CentralDatabase } from './database';
import { CENTRAL_MIGRATIONS, migrate, SchemaTooNewError } from './migrations';
import { CentralStore } from './store';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'central-store-'));
  dirs.push(dir);
  return join(dir, 'central.db');
}

describe('migrations', () => {
  it('create every table, STRICT, once', async () => {
    const store = await CentralStore.open({ kind: 'sqlite', file: tempFile() });
    try {
      const tables = await sql<{ name: string; strict: number }>`
        select name, strict from pragma_table_list where schema = 'main' and name not like 'sqlite_%'`.execute(
        store.db,
      );
      const byName = new Map(tables.rows.map((t) => [t.name, t.strict]));
      for (const table of [
        'records',
        'removals',
        'counters',
        'meta',
        'credentials',
        'sessions',
        'clients',
        'mutation_results',
        'login_failures',
      ]) {
        expect(byName.get(table), table).toBe(1);
      }
      expect(await migrate(store.db, 'sqlite', () => 0)).toEqual([]);
      expect(await store.head()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('refuse a database newer than this server', async () => {
    const file = tempFile();
    const store = await CentralStore.open({ kind: 'sqlite', file });
    await store.db
      .insertInto('central_schema')
      .values({ version: CENTRAL_MIGRATIONS.length + 1, name: 'future', applied_at: 0 })
      .execute();
    await store.close();
    await expect(CentralStore.open({ kind: 'sqlite', file })).rejects.toBeInstanceOf(
      SchemaTooNewError,
    );
  });
});

describe('write transactions', () => {
  it('draw contiguous seqs, roll back whole, and notify only after commit', async () => {
    const store = await CentralStore.open({ kind: 'sqlite', file: tempFile() });
    try {
      const heard: number[] = [];
      store.onCommit((info) => heard.push(info.head));
      await store.write(async (w) => {
        await w.put({ entity: 'unit', id: 'u', unitId: null, version: 1, data: '{}' });
        await w.put({ entity: 'dossier', id: 'd', unitId: 'u', version: 1, data: '{}' });
      });
      expect(await store.head()).toBe(2);
      await expect(
        store.write(async (w) => {
          await w.put({ entity: 'dossier', id: 'e', unitId: 'u', version: 1, data: '{}' });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await store.head()).toBe(2);
      expect(heard).toEqual([2]);
      const seq = await store.write((w) =>
        w.put({ entity: 'dossier', id: 'e', unitId: 'u', version: 1, data: '{}' }),
      );
      expect(seq).toBe(3);
      // A record moved to another unit: removal first, then the record, both new seqs.
      await store.write(async (w) => {
        const d = await w.get('dossier', 'd');
        if (!d) throw new Error('missing');
        expect(await w.move(d, 'v')).toBe(5);
      });
      const removal = await store.db.selectFrom('removals').selectAll().executeTakeFirstOrThrow();
      expect(removal).toMatchObject({ seq: 4, entity: 'dossier', id: 'd', unit_id: 'u' });
      expect(heard).toEqual([2, 3, 5]);
    } finally {
      await store.close();
    }
  });
});

describe('query plans (SQLite)', () => {
  async function plan(db: Kysely<CentralDatabase>, query: Compilable): Promise<string> {
    const compiled = query.compile();
    const rows = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    return rows.rows.map((r) => r.detail).join('\n');
  }

  it('page a narrow scope by merging per-unit index ranges, without sorting', async () => {
    const store = await CentralStore.open({ kind: 'sqlite', file: tempFile() });
    try {
      const text = await plan(store.db, narrowSeqsQuery(store.db, ['a', 'b', 'c'], 100, 1001));
      expect(text).toContain('MERGE (UNION ALL)');
      // Index-only: the branches never read the table's rows.
      expect(
        text.match(/USING COVERING INDEX records_unit_seq \(unit_id=\? AND seq>\?\)/g),
      ).toHaveLength(4);
      expect(text).not.toContain('SCAN records');
    } finally {
      await store.close();
    }
  });

  it('page a wide scope by one range scan of the table in seq order', async () => {
    const store = await CentralStore.open({ kind: 'sqlite', file: tempFile() });
    try {
      const wide = Array.from({ length: 100 }, (_, i) => `u${i}`);
      const text = await plan(store.db, wideRecordsQuery(store.db, wide, 100, 1001));
      expect(text).toMatch(/SEARCH records USING INTEGER PRIMARY KEY \(rowid>\?\)/);
      expect(text).not.toContain('TEMP B-TREE');
    } finally {
      await store.close();
    }
  });

  it('find removals by unit, and check current scope by the record key', async () => {
    const store = await CentralStore.open({ kind: 'sqlite', file: tempFile() });
    try {
      const text = await plan(store.db, removalsQuery(store.db, ['a', 'b'], 100, 1001));
      expect(text).toMatch(/removals_unit_seq/);
      expect(text).toMatch(/records_entity_id/);
    } finally {
      await store.close();
    }
  });
});
