import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { openStore, storeFileKind, StoreOpenError } from './db';

const SECRET = '079123456789';
let dir: string;
let file: string;
const key = randomBytes(32);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-enc-'));
  file = join(dir, 'data', 'workbench.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function putSecret(db: Database.Database): void {
  db.prepare(`INSERT INTO meta (key, value) VALUES ('probe', ?)`).run(SECRET);
}
const readSecret = (db: Database.Database) =>
  (db.prepare(`SELECT value FROM meta WHERE key = 'probe'`).get() as { value: string } | undefined)
    ?.value;
/** The file and its WAL, as bytes on the disk. */
const rawBytes = () =>
  Buffer.concat(
    [file, `${file}-wal`].map((path) => {
      try {
        return readFileSync(path);
      } catch {
        return Buffer.alloc(0);
      }
    }),
  );

describe('the local store encrypted at rest', () => {
  it('keeps no readable byte of what it holds, in files only its owner can read', () => {
    const db = openStore(file, { key });
    putSecret(db);
    expect(rawBytes().includes(SECRET)).toBe(false);
    db.close();
    expect(rawBytes().includes(SECRET)).toBe(false);
    expect(storeFileKind(file)).toBe('encrypted-or-foreign');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);

    const again = openStore(file, { key });
    expect(readSecret(again)).toBe(SECRET);
    again.close();
  });

  it('refuses another key or none, naming the file, and changes nothing', () => {
    const db = openStore(file, { key });
    putSecret(db);
    db.close();
    const before = readFileSync(file);
    for (const attempt of [randomBytes(32), null]) {
      let error: unknown;
      try {
        openStore(file, { key: attempt }).close();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoreOpenError);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toMatch(/cannot be opened with its key/);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    const again = openStore(file, { key });
    expect(readSecret(again)).toBe(SECRET);
    again.close();
  });

  it('refuses a truncated file and a foreign one, and leaves them as they were', () => {
    const db = openStore(file, { key });
    putSecret(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, 100));
    expect(() => openStore(file, { key })).toThrow(StoreOpenError);
    expect(readFileSync(file).length).toBe(100);

    writeFileSync(file, 'a letter, not a store\n'.repeat(400));
    const foreign = readFileSync(file);
    expect(() => openStore(file, { key })).toThrow(/cannot be opened with its key/);
    expect(readFileSync(file).equals(foreign)).toBe(true);
  });

  it('refuses to encrypt an SQLite file that is not a workbench store', () => {
    const path = join(dir, 'x.db');
    const other = new Database(path);
    other.exec(`CREATE TABLE photos (name TEXT); INSERT INTO photos VALUES ('${SECRET}')`);
    other.close();
    const before = readFileSync(path);
    expect(() => openStore(path, { key })).toThrow(/not a workbench store/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('encrypts in place an unencrypted store of an earlier version, keeping its data', () => {
    const plain = openStore(file);
    putSecret(plain);
    plain.close();
    expect(storeFileKind(file)).toBe('plain');
    expect(rawBytes().includes(SECRET)).toBe(true);

    const db = openStore(file, { key });
    expect(readSecret(db)).toBe(SECRET);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(storeFileKind(file)).toBe('encrypted-or-foreign');
    expect(rawBytes().includes(SECRET)).toBe(false);
    const again = openStore(file, { key });
    expect(readSecret(again)).toBe(SECRET);
    again.close();
  });

  it('encrypts in place a store whose last changes were still in its write-ahead log', () => {
    const plain = openStore(file);
    plain.pragma('wal_autocheckpoint = 0');
    putSecret(plain);
    // Closing checkpoints; a copy taken while open is what a crash leaves.
    writeFileSync(`${file}.copy`, readFileSync(file));
    writeFileSync(`${file}.copy-wal`, readFileSync(`${file}-wal`));
    plain.close();
    const crashed = `${file}.copy`;
    const db = openStore(crashed, { key });
    expect(readSecret(db)).toBe(SECRET);
    db.close();
    expect(readFileSync(crashed).includes(SECRET)).toBe(false);
  });

  it('leaves checkpoints to the connections that check pages, when one does not (index builds)', () => {
    const officer = openStore(file, { key });
    /** How much of a ~7 MB write through a second connection reached the file before the officer's checkpoint. */
    const copiedByWriter = (table: string, verifyPages: boolean) => {
      officer.pragma('wal_checkpoint(TRUNCATE)');
      const before = statSync(file).size;
      const other = openStore(file, { key, verifyPages });
      other.exec(`CREATE TABLE ${table} (x TEXT)`);
      const insert = other.prepare(`INSERT INTO ${table} (x) VALUES (?)`);
      other.transaction(() => {
        for (let i = 0; i < 5000; i++) insert.run(`${i}`.padEnd(1000, '.'));
      })();
      other.close();
      return statSync(file).size - before;
    };
    // One that checks copies the log into the file itself (after 1,000 pages); one that does not
    // leaves every page for a connection that checks them.
    expect(copiedByWriter('unchecked', false)).toBe(0);
    expect(copiedByWriter('checked', true)).toBeGreaterThan(5_000_000);
    officer.pragma('wal_checkpoint(TRUNCATE)');
    expect(officer.prepare('SELECT count(*) AS n FROM unchecked').get()).toEqual({ n: 5000 });
    expect(officer.pragma('integrity_check', { simple: true })).toBe('ok');
    officer.close();
  });
});
