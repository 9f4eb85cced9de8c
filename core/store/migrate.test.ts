import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './db';
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
    expect(() =>
      db
        .prepare(
          `INSERT INTO dossier_history (id, dossier_id, at, action, officer_name, unit_name, visibility)
           VALUES ('h1', 'no-such-dossier', 0, 'note', '', '', 'internal')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('declares every table STRICT, so a wrong type is refused instead of stored', () => {
    const db = openStore(join(dir, 'a.db'));
    const nonStrict = (
      db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table'`).all() as {
        name: string;
        sql: string;
      }[]
    ).filter((t) => !/\)\s*STRICT\s*$/i.test(t.sql));
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
    expect(columns.map((c) => c.name).sort()).toEqual(['due_key', 'received_key']);
    db.close();
  });
});
