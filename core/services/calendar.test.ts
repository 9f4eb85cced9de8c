import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Db } from '../store/db';
import { createDirectoryRepository } from '../store/repos/directory';
import { createCalendarSource } from './calendar';

let db: Db;
beforeEach(() => {
  db = openStore(':memory:');
});
afterEach(() => db.close());

const setYear = (year: string, data: unknown, version: number) =>
  db
    .prepare(
      `INSERT INTO calendar_overrides (year, data, version) VALUES (?, ?, ?)
       ON CONFLICT (year) DO UPDATE SET data = excluded.data, version = excluded.version`,
    )
    .run(year, JSON.stringify(data), version);

describe('calendar source', () => {
  it('builds the calendar from the synced overrides, and again only when they change', () => {
    const source = createCalendarSource(createDirectoryRepository(db));
    const plain = source.get();
    expect(plain.isWorkingDay('2026-08-31')).toBe(true);
    expect(source.get()).toBe(plain);
    setYear('2026', { daysOff: ['2026-08-31'], workingDays: ['2026-08-22'] }, 1);
    const official = source.get();
    expect(official).not.toBe(plain);
    expect(official.isWorkingDay('2026-08-31')).toBe(false);
    expect(official.isWorkingDay('2026-08-22')).toBe(true);
    expect(source.get()).toBe(official);
    setYear('2026', { daysOff: [], workingDays: [] }, 2);
    expect(source.get().isWorkingDay('2026-08-31')).toBe(true);
    db.prepare('DELETE FROM calendar_overrides').run();
    expect(source.get().isWorkingDay('2026-08-22')).toBe(false);
  });

  it('falls back to the default calendar when the overrides do not validate, like the engine', () => {
    setYear('2026', { daysOff: ['2027-01-01'] }, 1);
    expect(
      createCalendarSource(createDirectoryRepository(db)).get().isWorkingDay('2026-08-31'),
    ).toBe(true);
  });
});
