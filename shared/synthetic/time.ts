/**
 * Local-time helpers for Asia/Ho_Chi_Minh (UTC+07:00, no daylight saving) and a working-time
 * walker for scheduling synthetic events.
 *
 * The walker is not a holiday calendar: it learns which days are working days from the injected
 * DeadlineCalculator (one probe per day, once), and only moves event moments (acceptance,
 * assignment, finishing…) through office hours. Every deadline (dueAt, dueSoonAt, new appointments)
 * is computed by the DeadlineCalculator itself, so the data agrees with whatever calendar the
 * product runs.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Vietnam is UTC+07:00 all year. */
export const VN_OFFSET = 7 * HOUR;
/** One working day is 8 office hours (DOMAIN.md §4). */
export const WORKING_DAY_MS = 8 * HOUR;

/** The working-day arithmetic the generator needs; the product's WorkingCalendar satisfies it. */
export interface DeadlineCalculator {
  /** The moment `days` working days after `fromMs` (the due moment of a duration). */
  addWorkingDays(fromMs: number, days: number): number;
  /** The moment `workingMs` of office time before `dueMs`. */
  subtractWorkingTime(dueMs: number, workingMs: number): number;
}

/** Local day number: days since 1970-01-01 in UTC+07:00. */
export function localDay(ms: number): number {
  return Math.floor((ms + VN_OFFSET) / DAY);
}

/** The instant of local midnight that starts `day`. */
export function dayStart(day: number): number {
  return day * DAY - VN_OFFSET;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Proleptic Gregorian date of a day number (Howard Hinnant's civil_from_days). */
export function civilFromDay(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) =>
  i < 10 ? `0${i}` : String(i),
);

export function pad2(n: number): string {
  return TWO_DIGITS[n] ?? String(n);
}

/** YYMMDD of a local day, as in dossier numbers. */
export function yymmdd(dayNumber: number): string {
  const c = civilFromDay(dayNumber);
  return pad2(c.year % 100) + pad2(c.month) + pad2(c.day);
}

/** dd/mm/yyyy of an instant in local time, as Vietnamese documents write dates. */
export function formatDate(ms: number): string {
  const c = civilFromDay(localDay(ms));
  return `${pad2(c.day)}/${pad2(c.month)}/${c.year}`;
}

/** 'hh:mm ngày dd/mm/yyyy' of an instant in local time, as appointments are written. */
export function formatDateTime(ms: number): string {
  const day = localDay(ms);
  const minutes = Math.floor((ms - dayStart(day)) / MINUTE);
  const c = civilFromDay(day);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)} ngày ${pad2(c.day)}/${pad2(c.month)}/${c.year}`;
}

/** Local year of an instant. */
export function localYear(ms: number): number {
  return civilFromDay(localDay(ms)).year;
}

const MORNING_START = 8 * HOUR;
const MORNING_END = 12 * HOUR;
const AFTERNOON_START = 13 * HOUR;
const AFTERNOON_END = 17 * HOUR;

/** Whether a local time of day (ms since midnight) falls inside the default office hours. */
function isOfficeHour(msOfDay: number): boolean {
  return (
    (msOfDay >= MORNING_START && msOfDay < MORNING_END) ||
    (msOfDay >= AFTERNOON_START && msOfDay < AFTERNOON_END)
  );
}

/**
 * Moves instants through office time (08:00–12:00, 13:00–17:00 local) on the working days that
 * the injected calculator reports. Outside the probed range it falls back to Monday–Friday, which
 * only matters for events far in the future that are never emitted.
 */
export class WorkTimeline {
  private readonly firstDay: number;
  private readonly working: Uint8Array;

  constructor(deadlines: DeadlineCalculator, fromMs: number, toMs: number) {
    this.firstDay = localDay(fromMs);
    const lastDay = localDay(toMs);
    this.working = new Uint8Array(Math.max(0, lastDay - this.firstDay + 1));
    for (let i = 0; i < this.working.length; i++) {
      const start = dayStart(this.firstDay + i);
      // One working day counted from local midnight ends on that same day exactly when the day
      // has office hours: a cheap, calendar-agnostic way to learn holidays and make-up Saturdays.
      const due = deadlines.addWorkingDays(start, 1);
      this.working[i] = due > start && due < start + DAY ? 1 : 0;
    }
  }

  isWorkingDay(day: number): boolean {
    const i = day - this.firstDay;
    if (i >= 0 && i < this.working.length) return this.working[i] === 1;
    const w = weekday(day);
    return w !== 0 && w !== 6;
  }

  /** Whether the instant is inside office hours of a working day. */
  isOfficeTime(ms: number): boolean {
    const day = localDay(ms);
    return this.isWorkingDay(day) && isOfficeHour(ms - dayStart(day));
  }

  /** The earliest moment at or after `ms` that is inside office hours. */
  snap(ms: number): number {
    return this.add(ms, 0);
  }

  /** The moment when `workMs` of office time has elapsed after `ms`. */
  add(ms: number, workMs: number): number {
    // Whole milliseconds: the schemas store instants as integers.
    let remaining = Math.max(0, Math.round(workMs));
    let day = localDay(ms);
    let tod = ms - dayStart(day);
    for (let guard = 0; guard < 100_000; guard++) {
      if (!this.isWorkingDay(day) || tod >= AFTERNOON_END) {
        day++;
        tod = MORNING_START;
        continue;
      }
      if (tod < MORNING_START) tod = MORNING_START;
      else if (tod >= MORNING_END && tod < AFTERNOON_START) tod = AFTERNOON_START;
      const segmentEnd = tod < MORNING_END ? MORNING_END : AFTERNOON_END;
      const available = segmentEnd - tod;
      if (remaining <= available) return dayStart(day) + tod + remaining;
      remaining -= available;
      tod = segmentEnd;
    }
    throw new RangeError('working time walk did not terminate');
  }

  /** Office time elapsed between `from` and `to` (0 when `to` is not after `from`). */
  between(from: number, to: number): number {
    if (to <= from) return 0;
    let total = 0;
    let day = localDay(from);
    const lastDay = localDay(to);
    for (; day <= lastDay; day++) {
      if (!this.isWorkingDay(day)) continue;
      const start = dayStart(day);
      const lo = Math.max(from, start) - start;
      const hi = Math.min(to, start + DAY) - start;
      total +=
        overlap(lo, hi, MORNING_START, MORNING_END) +
        overlap(lo, hi, AFTERNOON_START, AFTERNOON_END);
    }
    return total;
  }
}

function overlap(lo: number, hi: number, a: number, b: number): number {
  const x = Math.max(lo, a);
  const y = Math.min(hi, b);
  return y > x ? y - x : 0;
}

/**
 * Adds working time through the injected calculator alone: N whole working days forward, then
 * back by the surplus. Used where the result is a deadline (e.g. resuming after fees), so that it
 * matches the product's calendar exactly.
 */
export function addWorkingTime(
  deadlines: DeadlineCalculator,
  fromMs: number,
  workMs: number,
): number {
  const days = Math.max(1, Math.ceil(workMs / WORKING_DAY_MS));
  const surplus = days * WORKING_DAY_MS - Math.max(0, Math.round(workMs));
  const ahead = deadlines.addWorkingDays(fromMs, days);
  return surplus > 0 ? deadlines.subtractWorkingTime(ahead, surplus) : ahead;
}
