import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedStore } from '../seed';
import { createSearchService } from '../search/search';
import { openStore } from './db';
import { createDirectoryRepository } from './repos/directory';
import { createWriter } from './writer';
import { migrate, StoreTooNewError, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: Database.Database) =>
  (
    db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('migration runner', () => {
  it('brings a new file to the latest schema and records it in user_version', () => {
    const db = openStore(join(dir, 'a.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'procedures',
        'units',
        'officers',
        'dossiers',
        'dossier_history',
        'complaints',
      ]),
    );
    db.close();
  });

  it('opens the store in WAL mode with foreign keys enforced', () => {
    const db = openStore(join(dir, 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('accepts a history entry before its dossier: the feed may deliver them in that order', () => {
    const db = openStore(join(dir, 'a.db'));
    expect(() =>
      db
        .prepare(
          `INSERT INTO dossier_history (id, dossier_id, at, action, officer_name, unit_name, visibility)
           VALUES ('h1', 'arrives-later', 0, 'note', '', '', 'internal')`,
        )
        .run(),
    ).not.toThrow();
    db.close();
  });

  it('declares every table STRICT, so a wrong type is refused instead of stored', () => {
    const db = openStore(join(dir, 'a.db'));
    // FTS5's virtual table and the shadow tables it creates for itself are not ours to declare.
    const ftsTables = new Set(
      (
        db
          .prepare(`SELECT name FROM pragma_table_list WHERE type IN ('virtual', 'shadow')`)
          .all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    );
    expect([...ftsTables].sort()).toEqual(
      ['complaint_search', 'dossier_search'].flatMap((t) => [
        t,
        `${t}_config`,
        `${t}_data`,
        `${t}_docsize`,
        `${t}_idx`,
      ]),
    );
    const nonStrict = (
      db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table'`).all() as {
        name: string;
        sql: string;
      }[]
    ).filter((t) => !ftsTables.has(t.name) && !/\)\s*(WITHOUT ROWID,\s*)?STRICT\s*$/i.test(t.sql));
    expect(nonStrict.map((t) => t.name)).toEqual([]);
    expect(() =>
      db
        .prepare(
          `INSERT INTO procedures (code, name, field_code, field_name, service_level, working_days)
           VALUES ('x', 'x', 'x', 'x', 'full', 'three')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('applies only the pending migrations when the app is updated', () => {
    const path = join(dir, 'a.db');
    const applied: number[] = [];
    const step = (version: number): Migration => ({
      version,
      name: `step${version}`,
      up: (db) => {
        applied.push(version);
        db.exec(`CREATE TABLE t${version} (x INTEGER) STRICT`);
      },
    });
    const db = new Database(path);
    migrate(db, [step(1), step(2)]);
    migrate(db, [step(1), step(2), step(3)]);
    expect(applied).toEqual([1, 2, 3]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  it('rolls back every step of a failed upgrade, leaving the previous schema intact', () => {
    const path = join(dir, 'a.db');
    const db = new Database(path);
    const ok: Migration = {
      version: 1,
      name: 'one',
      up: (d) => d.exec('CREATE TABLE one (x INTEGER) STRICT'),
    };
    migrate(db, [ok]);
    const two: Migration = {
      version: 2,
      name: 'two',
      up: (d) => d.exec('CREATE TABLE two (x INTEGER) STRICT'),
    };
    const broken: Migration = {
      version: 3,
      name: 'broken',
      up: (d) => d.exec('CREATE TABLE one (x INTEGER)'),
    };
    expect(() => migrate(db, [ok, two, broken])).toThrow(/already exists/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(['one']);
    db.close();
  });

  it('refuses a database written by a newer app and leaves it untouched', () => {
    const path = join(dir, 'a.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => openStore(path)).toThrow(StoreTooNewError);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5);
    expect(tables(check)).toEqual([]);
    check.close();
  });

  it('rebuilds what the applied migrations ask for once, after the last of them', () => {
    const db = new Database(':memory:');
    const order: string[] = [];
    const asking = (version: number): Migration => ({
      version,
      name: `step${version}`,
      up: () => order.push(`migration ${version}`),
      repairs: ['search-index'],
    });
    migrate(db, [asking(1), asking(2)], {
      'search-index': (d) => {
        order.push(`repair at version ${d.pragma('user_version', { simple: true }) as number}`);
      },
    });
    expect(order).toEqual(['migration 1', 'migration 2', 'repair at version 0']);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  const indexing: Migration = {
    version: 1,
    name: 'one',
    up: (d) => d.exec('CREATE TABLE one (x INTEGER) STRICT'),
    repairs: ['search-index'],
  };

  it('rolls the upgrade back when a repair fails, so the next start tries again', () => {
    const db = new Database(':memory:');
    const failing = {
      'search-index': () => {
        throw new Error('disk full');
      },
    };
    expect(() => migrate(db, [indexing], failing)).toThrow(/disk full/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuses a migration that asks for a repair nobody provides, before changing anything', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [indexing])).toThrow(/no repair step "search-index"/);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuses a migration list with a gap', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'two', up: () => undefined }])).toThrow(
      /out of order/,
    );
    db.close();
  });
});

describe('migration 1 (initial schema)', () => {
  it('orders dossiers without a receipt date by their filing date (received_key)', () => {
    const db = openStore(':memory:');
    const columns = db
      .prepare(`SELECT name FROM pragma_table_xinfo('dossiers') WHERE hidden = 2`)
      .all() as {
      name: string;
    }[];
    // Migration 6 adds the sign-off state, read from the record's details.
    expect(columns.map((c) => c.name).sort()).toEqual([
      'due_key',
      'received_key',
      'sign_off_state',
    ]);
    db.close();
  });
});

describe('migrations 3 and 4 (search, workbench) on a store that already holds records', () => {
  function version2Store(path: string) {
    const db = openStore(path, { migrations: MIGRATIONS.slice(0, 2) });
    const dossier = db.prepare(`
      INSERT INTO dossiers (id, number, procedure_code, procedure_name, procedure_sort, field_code,
        channel, applicant_name, applicant_sort, applicant_id_number, applicant_type, phone, email,
        address, summary, status, filed_at, received_at, due_at, due_soon_at, unit_id, assignee_id,
        working_days, details, version, updated_at)
      VALUES (?, ?, '1.001193', 'Đăng ký khai sinh', '', 'HT', 2, ?, '', ?, 1, ?, '', '', ?, ?, 0, 0,
        ?, ?, ?, ?, 3, '{}', 1, 0)`);
    dossier.run(
      'd1',
      '000.00.01.H22-260202-0012',
      'Nguyễn Văn Đức',
      '001090012345',
      '0912345678',
      'Đăng ký khai sinh cho con',
      4,
      100,
      50,
      'u1',
      'o1',
    );
    dossier.run(
      'd2',
      '000.00.01.H22-260202-0013',
      'Đặng Thị Hoa',
      '001190000222',
      '0987000111',
      'Cấp giấy phép xây dựng',
      5,
      100,
      50,
      'u1',
      null,
    );
    dossier.run(
      'd3',
      '000.00.01.H22-260202-0014',
      'Trần Văn An',
      '001090077777',
      '0903111222',
      'Đăng ký kết hôn',
      10,
      null,
      null,
      'u2',
      'o1',
    );
    db.prepare(
      `
      INSERT INTO complaints (id, number, sender_name, sender_sort, sender_phone, sender_email,
        sender_address, channel, title, content, received_at, status, unit_id, clock_started_at,
        due_at, version, updated_at)
      VALUES ('c1', 'PAKN-260202-0001', 'Lê Thị Thu', '', '0987654321', '', '', 'online',
        'Phản ánh thời gian chờ', 'Chờ quá lâu tại Bộ phận Một cửa', 0, 'processing', 'u1', 0, NULL, 1, 0)`,
    ).run();
    return db;
  }

  it('counts the stored dossiers for the supervisors (migrations 6–8) and keeps counting them', () => {
    const path = join(dir, 'old.db');
    version2Store(path).close();
    const db = openStore(path);
    const byGrain = () =>
      db
        .prepare(
          `SELECT grain, sum(received) AS received, sum(resolved) AS resolved
           FROM dossier_period_counts GROUP BY grain ORDER BY grain`,
        )
        .all();
    // The three were received for processing (at the epoch); none records its end yet.
    expect(byGrain()).toEqual([0, 1, 2, 3].map((grain) => ({ grain, received: 3, resolved: 0 })));
    db.prepare(`UPDATE dossiers SET status = 9, finished_at = 200 WHERE id = 'd1'`).run();
    expect(byGrain()).toEqual([0, 1, 2, 3].map((grain) => ({ grain, received: 3, resolved: 1 })));
    expect(tables(db)).not.toContain('dossier_tallies');
    db.close();
  });

  it('keeps the catalogue’s handling units (migration 10); a procedure stored before says none', () => {
    const path = join(dir, 'old.db');
    const old = version2Store(path);
    old
      .prepare(
        `INSERT INTO procedures (code, name, field_code, field_name, service_level, working_days)
         VALUES ('1.001193', 'Đăng ký khai sinh', 'HT', 'Hộ tịch', 'full', 3)`,
      )
      .run();
    old.close();
    const db = openStore(path);
    const directory = createDirectoryRepository(db);
    expect(directory.procedure('1.001193')).not.toHaveProperty('handlingUnitIds');
    createWriter(db).procedure({
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      fieldCode: 'HT',
      fieldName: 'Hộ tịch',
      serviceLevel: 'full',
      workingDays: 3,
      handlingUnitIds: ['u1', 'u1-office'],
    });
    expect(directory.procedure('1.001193')?.handlingUnitIds).toEqual(['u1', 'u1-office']);
    db.close();
  });

  it('indexes the existing records for search and counts them', () => {
    const path = join(dir, 'old.db');
    version2Store(path).close();
    const db = openStore(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const match = (q: string, table = 'dossier_search') =>
      (
        db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(q) as {
          n: number;
        }
      ).n;
    expect(match('"qznguyenvanduc"')).toBe(1);
    expect(match('"dang"')).toBe(1);
    expect(match('"2602020013"')).toBe(1);
    expect(match('"qqcho" "qqlau"', 'complaint_search')).toBe(1);
    expect(match('"qqcho" "qqlau"')).toBe(0);
    expect(
      db
        .prepare('SELECT unit_id, assignee_id, status, n FROM dossier_counts ORDER BY 1, 2, 3')
        .all(),
    ).toEqual([
      { unit_id: 'u1', assignee_id: '', status: 5, n: 1 },
      { unit_id: 'u1', assignee_id: 'o1', status: 4, n: 1 },
      { unit_id: 'u2', assignee_id: 'o1', status: 10, n: 1 },
    ]);
    expect(db.prepare('SELECT due_key, status_rank FROM complaints').get()).toEqual({
      due_key: 9007199254740991,
      status_rank: 5,
    });
    expect(tables(db)).toEqual(expect.arrayContaining(['views', 'preferences', 'dossier_counts']));
    db.close();
  });

  it('finds in an upgraded store what it finds in a store written by this version', () => {
    // The reference: records written today, their search documents by the writer as they come.
    const written = openStore(join(dir, 'written.db'));
    seedStore(written, { dossiers: 300, complaints: 80, now: Date.UTC(2026, 10, 24, 3), seed: 5 });
    // The same records in a store of schema 2, as an app from before search left it.
    const oldPath = join(dir, 'old.db');
    const old = openStore(oldPath, { migrations: MIGRATIONS.slice(0, 2) });
    old.exec(`ATTACH '${join(dir, 'written.db')}' AS written`);
    for (const { name } of old
      .prepare(`SELECT name FROM main.sqlite_schema WHERE type = 'table'`)
      .all() as { name: string }[]) {
      const columns = (
        old
          .prepare(`SELECT name FROM pragma_table_xinfo(?, 'main') WHERE hidden = 0`)
          .all(name) as {
          name: string;
        }[]
      )
        .map((c) => c.name)
        .join(', ');
      old.exec(
        `INSERT INTO main.${name} (rowid, ${columns}) SELECT rowid, ${columns} FROM written.${name}`,
      );
    }
    old.exec('DETACH written');
    old.close();

    const upgraded = openStore(oldPath);
    const sample = written
      .prepare(
        `SELECT number, applicant_name AS name, phone, summary AS text FROM dossiers WHERE rowid % 50 = 1
         UNION ALL
         SELECT number, sender_name, sender_phone, title FROM complaints WHERE rowid % 20 = 1`,
      )
      .all() as { number: string; name: string; phone: string; text: string }[];
    const queries = [
      'nguyen',
      'tran thi',
      'dang ky khai sinh',
      'giấy phép',
      ...sample.flatMap((r) => [r.number, r.name, r.phone.slice(-6), r.text.split(' ')[0]!]),
    ];
    const answers = (db: Database.Database) => {
      const search = createSearchService(db);
      return queries.map((text) => {
        const { hits, truncated } = search.query({
          text,
          limit: 50,
          entities: ['dossier', 'complaint'],
        });
        return { text, hits, truncated };
      });
    };
    const expected = answers(written);
    expect(expected.filter((a) => a.hits.length > 0).length).toBeGreaterThan(queries.length / 2);
    expect(answers(upgraded)).toEqual(expected);
    upgraded.close();
    written.close();
  });

  it('keeps triggers for deletes, and the running-dossier index partial', () => {
    const db = openStore(':memory:');
    const names = (
      db
        .prepare(`SELECT name, sql FROM sqlite_schema WHERE type IN ('trigger', 'index')`)
        .all() as {
        name: string;
        sql: string | null;
      }[]
    ).reduce<Record<string, string>>((acc, r) => ({ ...acc, [r.name]: r.sql ?? '' }), {});
    expect(Object.keys(names)).toEqual(
      expect.arrayContaining([
        'dossiers_search_delete',
        'complaints_search_delete',
        'dossiers_count_insert',
        'dossiers_count_update',
        'dossiers_count_delete',
      ]),
    );
    expect(names.dossiers_running_by_due).toMatch(/WHERE status IN \(2, 4, 7\)/);
    db.close();
  });
});

describe('migration 5 (status order)', () => {
  it('serves a one-status list by receipt date from an index, without sorting', () => {
    const db = openStore(':memory:');
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM dossiers WHERE status = 10 ORDER BY received_key DESC, id DESC LIMIT 200`,
        )
        .all() as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toContain('dossiers_by_status_received');
    expect(plan).not.toContain('TEMP B-TREE');
    db.close();
  });
});
