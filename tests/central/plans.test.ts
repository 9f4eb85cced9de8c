import type { CompiledQuery } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERGE_SCOPE_LIMIT, pageStatement, type PageShape } from '../../central/feed';
import { startCentral, type RunningCentral } from '../../central/index';
import type { RecordWrite } from '../../central/store/store';
import { postgresUnavailable, TEST_PASSWORD_COST, useStorages } from './helpers';

/**
 * The statements a province-sized PostgreSQL database runs most, as it plans them (generic
 * plans of prepared statements, as the server runs them): a feed page for a commune's or a
 * department's scope and for the province's, the read of a push group, a record's history, a
 * session. Each must reach its rows through an index, and a feed page must read about as many
 * pages of the database after the database tripled as before: its cost follows the page's size,
 * not the table's. (The bench `central-province` measures the same at a million dossiers.)
 */
const storages = useStorages();
const skip = postgresUnavailable();

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function nodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodes)];
}

describe('query plans on PostgreSQL', () => {
  if (skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  let central: RunningCentral;
  let client: pg.Client;
  let prepared = 0;

  /** The statement's generic plan, executed: its nodes and the database pages it touched. */
  async function explain(
    query: CompiledQuery,
    generic = true,
  ): Promise<{ nodes: PlanNode[]; blocks: number }> {
    const name = `plan_${++prepared}`;
    await client.query(
      `set plan_cache_mode = ${generic ? 'force_generic_plan' : 'force_custom_plan'}`,
    );
    await client.query(`prepare ${name} as ${query.sql}`);
    // EXPLAIN EXECUTE takes its arguments as literals (test values, no user input).
    const literal = (value: unknown): string => {
      if (typeof value === 'number') return String(value);
      if (Array.isArray(value)) {
        return client.escapeLiteral(`{${value.map((v) => `"${String(v)}"`).join(',')}}`);
      }
      return client.escapeLiteral(String(value));
    };
    const args = query.parameters.map(literal).join(', ');
    const result = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `explain (analyze, buffers, format json) execute ${name}${args ? `(${args})` : ''}`,
    );
    await client.query(`deallocate ${name}`);
    const plan = (result.rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan;
    const all = nodes(plan);
    const top = plan['Shared Hit Blocks'] ?? 0;
    return { nodes: all, blocks: top + (plan['Shared Read Blocks'] ?? 0) };
  }

  const scans = (plan: { nodes: PlanNode[] }, relation: string) =>
    plan.nodes
      .filter((n) => n['Relation Name'] === relation)
      .map((n) => `${n['Node Type']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`);

  let commune: string[] = [];
  let province: string[] = [];
  let grownUnit = '';

  beforeAll(async () => {
    central = await startCentral({
      storage: await storages.storage('postgres'),
      seed: {
        kind: 'generated',
        options: {
          seed: 5,
          dossiers: 6000,
          complaints: 600,
          end: Date.UTC(2026, 10, 20),
          communes: 6,
        },
      },
      passwordCost: TEST_PASSWORD_COST,
      seedPasswordCost: TEST_PASSWORD_COST,
      log: () => undefined,
    });
    const url = await sql<{ url: string }>`
      select 'postgres://' || current_user || '@' || host(inet_server_addr()) || ':' ||
             inet_server_port() || '/' || current_database() as url`.execute(central.store.db);
    client = new pg.Client((url.rows[0] as { url: string }).url);
    await client.connect();
    const units = (
      await central.store.db
        .selectFrom('records')
        .select('data')
        .where('entity', '=', 'unit')
        .execute()
    ).map((r) => JSON.parse(r.data) as { id: string; parentId: string | null; kind: string });
    const communes = units.filter((u) => u.kind === 'commune');
    const first = communes[0] as { id: string };
    commune = [first.id, ...units.filter((u) => u.parentId === first.id).map((u) => u.id)];
    province = units.map((u) => u.id);
    grownUnit = (communes.at(-1) as { id: string }).id;
    await accumulate();
    expect(province.length).toBeGreaterThan(MERGE_SCOPE_LIMIT);
  });
  afterAll(async () => {
    await client?.end();
    await central?.close();
  });

  /** Removals, clients, sessions and kept answers in the thousands, as a province has them. */
  async function accumulate(): Promise<void> {
    // Removals, clients and kept answers in the thousands too, as a province accumulates them.
    const head = await central.store.head();
    await sql`insert into removals (seq, entity, id, unit_id)
      select ${head} + i, 'dossier', 'grown-gone-' || i, ${grownUnit}
      from generate_series(1, 20000) as i`.execute(central.store.db);
    await sql`update counters set value = value + 20000 where name = 'seq'`.execute(
      central.store.db,
    );
    await sql`insert into clients (client_id, officer_id, last_seq, updated_at)
      select 'grown-client-' || i, 'nobody', 10, 0 from generate_series(1, 2000) as i`.execute(
      central.store.db,
    );
    await sql`insert into sessions (token_hash, officer_id, created_at, expires_at)
      select md5(i::text) || md5((i + 1)::text), 'nobody', 0, 1 from generate_series(1, 5000) as i`.execute(
      central.store.db,
    );
    await sql`insert into mutation_results (client_id, seq, result)
      select 'grown-client-' || (i % 2000), i, '{}' from generate_series(1, 20000) as i`.execute(
      central.store.db,
    );
    await sql`vacuum analyze`.execute(central.store.db);
  }

  /** Triples the records with rows of another commune (inside the province), then analyzes. */
  async function grow(): Promise<void> {
    const before = await central.store.head();
    const rows: RecordWrite[] = [];
    for (let i = 0; i < before * 2; i++) {
      rows.push({
        entity: 'dossier_history',
        id: `grown-${i}`,
        unitId: grownUnit,
        ownerId: `grown-owner-${i % 5000}`,
        version: 1,
        data: JSON.stringify({ note: 'x'.repeat(300) }),
      });
    }
    for (let i = 0; i < rows.length; i += 20_000) {
      await central.store.write((w) => w.insertMany(rows.slice(i, i + 20_000)));
    }
    await sql`vacuum analyze`.execute(central.store.db);
  }

  it('reads feed pages through indexes, at a cost that does not grow with the table', async () => {
    const db = central.store.reader;
    const head = await central.store.head();
    // How the server runs each: the range shape prepared (a generic plan), the merge shape
    // planned for its values.
    const pages = async (): Promise<Record<string, [CompiledQuery, PageShape]>> => {
      const head = await central.store.head();
      return {
        'commune, initial sync': [pageStatement(db, 'merge', commune, 0, 1001), 'merge'],
        'commune, mid-way': [
          pageStatement(db, 'merge', commune, Math.floor(head / 2), 1001),
          'merge',
        ],
        'commune, live': [pageStatement(db, 'range', commune, head - 200, 1001), 'range'],
        'province, initial sync': [pageStatement(db, 'range', province, 0, 1001), 'range'],
        'province, live': [pageStatement(db, 'range', province, head - 200, 1001), 'range'],
      };
    };
    const run = ([query, shape]: [CompiledQuery, PageShape]) => explain(query, shape === 'range');
    const before: Record<string, number> = {};
    for (const [name, page] of Object.entries(await pages())) {
      const plan = await run(page);
      before[name] = plan.blocks;
      expect(
        scans(plan, 'records').some((s) => s.startsWith('Seq Scan')),
        name,
      ).toBe(false);
    }
    const narrow = await run(
      (await pages())['commune, initial sync'] as [CompiledQuery, PageShape],
    );
    expect(scans(narrow, 'records')).toContain('Index Only Scan records_unit_seq');
    expect(scans(narrow, 'records')).not.toContain('Index Scan records_unit_seq');
    const wide = await run((await pages())['province, initial sync'] as [CompiledQuery, PageShape]);
    expect(scans(wide, 'records')).toContain('Index Scan records_pkey');
    expect(
      wide.nodes.some(
        (n) => n['Node Type'] === 'Sort' && n.Plans?.some((p) => p['Relation Name'] === 'records'),
      ),
    ).toBe(false);
    await grow();
    expect(await central.store.head()).toBeGreaterThan(head * 2.5);
    for (const [name, page] of Object.entries(await pages())) {
      const plan = await run(page);
      expect(
        scans(plan, 'records').some((s) => s.startsWith('Seq Scan')),
        name,
      ).toBe(false);
      expect(
        scans(plan, 'removals').some((s) => s.startsWith('Seq Scan')),
        name,
      ).toBe(false);
      // The same page of the same scope: about the same pages read, three times the table.
      expect(plan.blocks, `${name}: ${before[name]} blocks before`).toBeLessThanOrEqual(
        (before[name] as number) * 1.5 + 30,
      );
    }
  });

  it('reads a push group, a history and a session by their keys', async () => {
    const db = central.store.reader;
    const push = await explain(
      sql`select (select count(*) from clients k where k.client_id = any(${['c1', 'c2']}::text[])),
        (select count(*) from records r join unnest(${['dossier', 'dossier']}::text[], ${['d1', 'd2']}::text[]) as t(e, i)
          on r.entity = t.e and r.id = t.i),
        (select count(*) from mutation_results m join unnest(${['c1']}::text[], ${[1]}::bigint[]) as t(c, s)
          on m.client_id = t.c and m.seq = t.s)`.compile(db),
    );
    expect(scans(push, 'records').join()).toMatch(/^Index (Only )?Scan records_entity_id$/);
    expect(scans(push, 'records').concat(scans(push, 'mutation_results'))).not.toContain(
      'Seq Scan',
    );
    const history = await explain(
      db
        .selectFrom('records')
        .selectAll()
        .where('owner_id', '=', 'grown-owner-7')
        .where('entity', '=', 'dossier_history')
        .orderBy('seq')
        .compile(),
    );
    expect(scans(history, 'records').join()).toMatch(/records_owner/);
    const session = await explain(
      db
        .selectFrom('sessions')
        .select(['officer_id', 'expires_at'])
        .where('token_hash', '=', 'x')
        .compile(),
    );
    expect(scans(session, 'sessions').join()).not.toMatch(/Seq Scan/);
  });
});
