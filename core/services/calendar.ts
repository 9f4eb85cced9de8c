import { CalendarOverridesSchema } from '@shared/domain/calendar/schemas';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import type { DirectoryRepository } from '../store/repos';

/**
 * The working calendar of the local store, built from the synced `calendar_overrides` the same
 * way the sync engine builds the one its state machines use, so the grid's "working time left"
 * and the engine's due moments agree. Rebuilt only when the overrides change: a fingerprint of
 * the (tiny) table costs one query, a calendar call under 0.1 µs.
 */
export interface CalendarSource {
  get(): WorkingCalendar;
}

export function createCalendarSource(directory: DirectoryRepository): CalendarSource {
  let cached: { key: string; calendar: WorkingCalendar } | null = null;
  return {
    get() {
      const key = directory.calendarFingerprint();
      if (cached?.key === key) return cached.calendar;
      // Like the engine: overrides that do not validate are ignored rather than breaking lists.
      const parsed = CalendarOverridesSchema.safeParse(directory.calendars());
      const calendar = new WorkingCalendar(parsed.success ? { overrides: parsed.data } : {});
      cached = { key, calendar };
      return calendar;
    },
  };
}
