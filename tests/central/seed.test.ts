import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
import { startCentral, type RunningCentral } from '../../central/index';
import type { StorageConfig } from '../../central/store/store';
import {
  call,
  login,
  postgresUnavailable,
  pullAll,
  Replica,
  STORAGES,
  TEST_PASSWORD_COST,
  useStorages,
} from './helpers';

/**
 * Seeding from the synthetic generator (once, and again only after an interrupted attempt),
 * the simulation of citizens filing through the same write path, and `npm run central` as a
 * child process.
 */
const storages = useStorages();
const skip = postgresUnavailable();
const END = Date.UTC(2026, 10, 20, 3, 0);
const SIZE = { seed: 7, dossiers: 400, complaints: 100, end: END, communes: 3 };

async function start(storage: StorageConfig, extra: { simulate?: number } = {}) {
  return startCentral({
    storage,
    seed: { kind: 'generated', options: SIZE },
    passwordCost: TEST_PASSWORD_COST,
    seedPasswordCost: TEST_PASSWORD_COST,
    log: () => undefined,
    ...(extra.simulate ? { simulateRatePerMinute: extra.simulate } : {}),
  });
}

describe.each(STORAGES)('generated seed on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  let storage: StorageConfig;
  let central: RunningCentral | null = null;
  afterAll(async () => {
    await central?.close();
  });

  it('seeds units, officers, procedures, the 2026 calendar, dossiers, complaints and history', async () => {
    storage = await storages.storage(kind);
    central = await start(storage);
    expect(central.seeded).toMatchObject({ dossiers: 400, complaints: 100 });
    const seeded = central.seeded;
    if (!seeded) throw new Error('not seeded');
    expect(seeded.historyEntries).toBeGreaterThan(1000);
    expect(seeded.rows).toBe(
      seeded.units + seeded.officers + seeded.procedures + 1 + 400 + 100 + seeded.historyEntries,
    );
    expect(await central.store.head()).toBe(seeded.rows);
    const leader = await login(central.url, DEMO_ACCOUNTS.leader.username, 'demo');
    expect(leader.officer.id).toBe(DEMO_ACCOUNTS.leader.id);
    expect(leader.scopeUnitIds[0]).toBe(DEMO_ACCOUNTS.unitId);
    for (const account of [DEMO_ACCOUNTS.desk, DEMO_ACCOUNTS.officer]) {
      expect((await login(central.url, account.username, 'demo')).officer.id).toBe(account.id);
    }
    const pulled = await pullAll(central.url, leader.token, '0', 5000);
    const calendar = pulled.changes.find((c) => c.entity === 'calendar');
    expect(calendar).toMatchObject({
      id: '2026',
      data: {
        daysOff: [
          '2026-02-16',
          '2026-02-17',
          '2026-02-18',
          '2026-02-19',
          '2026-02-20',
          '2026-08-31',
        ],
        workingDays: ['2026-08-22'],
      },
    });
    const dossiers = pulled.changes.filter((c) => c.entity === 'dossier');
    expect(dossiers.length).toBeGreaterThan(0);
    expect(
      dossiers.every((d) =>
        leader.scopeUnitIds.includes(d.entity === 'dossier' ? d.data.unitId : ''),
      ),
    ).toBe(true);
    expect(pulled.changes.filter((c) => c.entity === 'unit')).toHaveLength(seeded.units);
  });

  it('does not seed again at the next start, and keeps what changed', async () => {
    const before = await central?.store.head();
    await central?.close();
    central = await start(storage);
    expect(central.seeded).toBeNull();
    expect(await central.store.head()).toBe(before);
  });

  it('files simulated dossiers and complaints through the write path; clients receive them', async () => {
    await central?.close();
    central = await start(storage, { simulate: 1200 });
    const c = central;
    // The province's leader sees every agency.
    const officers = await c.store.db
      .selectFrom('records')
      .select('data')
      .where('entity', '=', 'officer')
      .execute();
    const top = officers
      .map((r) => JSON.parse(r.data) as { username: string; unitId: string; roles: string[] })
      .find((o) => o.unitId === 'unit-province' && o.roles.includes('leader'));
    if (!top) throw new Error('no provincial leader');
    const leader = await login(c.url, top.username, 'demo');
    const replica = new Replica();
    await replica.sync(c.url, leader.token, 5000);
    const head = await c.store.head();
    const fresh = async () =>
      c.store.db
        .selectFrom('records')
        .select(['entity', 'id', 'data'])
        .where('seq', '>', head)
        .where('entity', 'in', ['dossier', 'complaint'])
        .execute();
    const deadline = Date.now() + 10_000;
    while ((await fresh()).length < 12) {
      if (Date.now() > deadline) throw new Error('simulation too slow');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const filed = c.simulation?.filed();
    expect(filed?.dossiers).toBeGreaterThan(0);
    expect(filed?.complaints).toBeGreaterThan(0);
    expect(await c.store.head()).toBeGreaterThan(head);
    const rows = await fresh();
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const row of rows) {
      const data = JSON.parse(row.data) as { status: number | string };
      expect(data.status === 1 || data.status === 'new').toBe(true);
    }
    // Ids continue after the seeded ones and never collide.
    expect(rows.every((r) => /^(dossier|complaint)-\d+$/.test(r.id))).toBe(true);
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    await replica.sync(c.url, leader.token, 5000);
    for (const row of rows) expect(replica.records.has(`${row.entity}:${row.id}`)).toBe(true);
  });

  it('continues simulated ids after a restart', async () => {
    const counted = central?.simulation?.filed();
    await central?.close();
    central = await start(storage, { simulate: 600 });
    const c = central;
    const deadline = Date.now() + 10_000;
    while ((c.simulation?.filed().dossiers ?? 0) <= (counted?.dossiers ?? 0)) {
      if (Date.now() > deadline) throw new Error('simulation too slow');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await c.simulation?.stop();
    const rows = await c.store.db
      .selectFrom('records')
      .select('id')
      .where('entity', '=', 'dossier')
      .where('id', 'like', 'dossier-%')
      .execute();
    expect(rows.length).toBe(400 + (c.simulation?.filed().dossiers ?? 0));
  });
});

describe('an interrupted seed', () => {
  it('is wiped and redone at the next start', async () => {
    const storage = await storages.storage('sqlite');
    const first = await start(storage);
    const rows = first.seeded?.rows;
    // As if the process had died half-way: the marker says "started", half the rows are there.
    await first.store.setMeta('seed', JSON.stringify({ state: 'started' }));
    await first.close();
    const second = await start(storage);
    try {
      expect(second.seeded?.rows).toBe(rows);
      expect(await second.store.head()).toBe(rows);
    } finally {
      await second.close();
    }
  });
});

describe('npm run central', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('starts as a child process, prints its URL and the demo accounts, and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'central-cli-'));
    dirs.push(dir);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../central/main.ts'),
        '--port',
        '0',
        '--data',
        join(dir, 'central.db'),
        '--dossiers',
        '200',
        '--complaints',
        '50',
        '--seed',
        '3',
      ],
      { env: { ...process.env, CENTRAL_DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      out += chunk;
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 60 s:\n${out}`)), 60_000);
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        const match = /central: listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    expect(out).toContain("'desk', 'officer', 'leader'");
    expect(out).toContain("password 'demo'");
    expect(out).toMatch(/seeded 200 dossiers, 50 complaints/);
    expect((await call(url, 'GET', '/health')).json).toMatchObject({ ok: true, storage: 'sqlite' });
    expect((await login(url, 'desk', 'demo')).officer.username).toBe('desk');
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
