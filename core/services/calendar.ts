import { CalendarOverridesSchema } from '@shared/domain/calendar/schemas';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import type { Db } from '../store/db';

/**
 * The working calendar of the local store, built from the synced `calendar_overrides` the same
 * way the sync engine builds the one its state machines use, so the grid's "working time left"
 * and the engine's due moments agree. Rebuilt only when the overrides change: a fingerprint of
 * the (tiny) table costs one query, a calendar call under 0.1 µs.
 */
export interface CalendarSource {
  get(): WorkingCalendar;
}

export function createCalendarSource(db: Db): CalendarSource {
  const fingerprint = db.prepare(
    `SELECT count(*) AS n, coalesce(group_concat(year || ':' || version, ','), '') AS f
     FROM (SELECT year, version FROM calendar_overrides ORDER BY year)`,
  );
  const rows = db.prepare('SELECT year, data FROM calendar_overrides');
  let cached: { key: string; calendar: WorkingCalendar } | null = null;
  return {
    get() {
      const { n, f } = fingerprint.get() as { n: number; f: string };
      const key = `${n}|${f}`;
      if (cached?.key === key) return cached.calendar;
      const overrides: Record<string, unknown> = {};
      for (const row of rows.all() as { year: string; data: string }[]) {
        overrides[row.year] = JSON.parse(row.data) as unknown;
      }
      // Like the engine: overrides that do not validate are ignored rather than breaking lists.
      const parsed = CalendarOverridesSchema.safeParse(overrides);
      const calendar = new WorkingCalendar(parsed.success ? { overrides: parsed.data } : {});
      cached = { key, calendar };
      return calendar;
    },
  };
}
