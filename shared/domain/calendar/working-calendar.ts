import { defaultDaysOff, HOLIDAY_NAMES, isWeekend } from './holidays';
import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  CalendarOverridesSchema,
  DEFAULT_OFFICE_HOURS,
  OfficeHoursSchema,
  type CalendarOverridesInput,
  type OfficeHours,
} from './schemas';
import {
  DAY_MS,
  MINUTE_MS,
  VIETNAM_OFFSET_MS,
  dayOfIsoDate,
  dayOfSolarDate,
  isoDateOfDay,
  localDayOf,
} from './time';

/** An instant or date outside CALENDAR_MIN_YEAR–CALENDAR_MAX_YEAR. */
export class CalendarRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarRangeError';
  }
}

export interface NonWorkingDay {
  /** 'YYYY-MM-DD' */
  readonly date: string;
  /** Vietnamese name, e.g. 'Tết Nguyên đán', 'Nghỉ bù Quốc khánh'. */
  readonly name: string;
}

export interface WorkingCalendarOptions {
  /** Official schedules per year; validated here (throws ZodError), so parse them at the boundary. */
  readonly overrides?: CalendarOverridesInput;
  /** Office hours of the unit; default 08:00–12:00, 13:00–17:00. */
  readonly officeHours?: OfficeHours;
}

interface YearTable {
  readonly firstDay: number;
  readonly length: number;
  /** Working days before this year's 1 January, counted from the calendar's own origin. */
  readonly before: number;
  readonly count: number;
  /** prefix[i]: working days among the year's first i days. */
  readonly prefix: Int32Array;
  /** 1 for a working day, by day of the year. */
  readonly working: Uint8Array;
  /** Day numbers of the year's working days, in order. */
  readonly workingDays: Int32Array;
  /** Names of the non-working weekdays. */
  readonly names: ReadonlyMap<number, string>;
}

const YEAR_COUNT = CALENDAR_MAX_YEAR - CALENDAR_MIN_YEAR + 1;
/** FIRST_DAY[i]: day number of 1 January of year CALENDAR_MIN_YEAR + i (one extra at the end). */
const FIRST_DAY = Int32Array.from({ length: YEAR_COUNT + 1 }, (_, i) =>
  dayOfSolarDate(CALENDAR_MIN_YEAR + i, 1, 1),
);
const MIN_DAY = FIRST_DAY[0] ?? 0;
const END_DAY = FIRST_DAY[YEAR_COUNT] ?? 0;

/**
 * The working-day clock of one unit: weekends, public holidays (with the lunar ones and
 * compensatory days), the official schedule's overrides, and office hours, all in UTC+07:00.
 *
 * Working time is measured on a single axis: position(t) is the office time (ms) from the
 * calendar's origin to instant t. It is continuous and flat outside office hours, so
 *   - workingTimeBetween(a, b) = position(b) − position(a);
 *   - addWorkingTime(t, ms) = earliest instant whose position is position(t) + ms, which is why a
 *     start outside office hours counts from the next opening and a due moment can be 17:00;
 *   - subtractWorkingTime(t, ms) = latest instant whose position is position(t) − ms.
 * Per-year tables (prefix sums of working days and the list of working days) make both
 * directions a handful of array reads. Years are built lazily but contiguously, so that the
 * origin stays fixed for the calendar's lifetime.
 *
 * Instances are immutable from the outside; build a new one when overrides or hours change.
 */
export class WorkingCalendar {
  readonly officeHours: OfficeHours;
  /** Office time in one working day (8 h by default). */
  readonly officeMsPerDay: number;

  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly daysOff = new Map<number, string>();
  private readonly extraWorkingDays = new Set<number>();
  private readonly tables: (YearTable | undefined)[] = new Array<YearTable | undefined>(YEAR_COUNT);
  private lowest = -1;
  private highest = -1;
  private recent: YearTable | undefined;

  constructor(options: WorkingCalendarOptions = {}) {
    const hours = OfficeHoursSchema.parse(options.officeHours ?? DEFAULT_OFFICE_HOURS);
    this.officeHours = hours.map(([s, e]) => [s, e] as const);
    this.starts = Float64Array.from(hours, ([s]) => s * MINUTE_MS);
    this.ends = Float64Array.from(hours, ([, e]) => e * MINUTE_MS);
    this.officeMsPerDay = hours.reduce((sum, [s, e]) => sum + (e - s) * MINUTE_MS, 0);
    const overrides = CalendarOverridesSchema.parse(options.overrides ?? {});
    for (const lists of Object.values(overrides)) {
      for (const date of lists.daysOff) this.daysOff.set(dayOfIsoDate(date) ?? 0, date);
      for (const date of lists.workingDays) this.extraWorkingDays.add(dayOfIsoDate(date) ?? 0);
    }
  }

  /** Whether a civil date ('YYYY-MM-DD') or the civil date of an instant is a working day. */
  isWorkingDay(date: string | number): boolean {
    const day = this.dayOf(date);
    const table = this.tableOf(day);
    return table.working[day - table.firstDay] === 1;
  }

  /** Every Monday–Friday of `year` that is not a working day, with its name, in date order. */
  nonWorkingWeekdays(year: number): NonWorkingDay[] {
    if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
      throw new CalendarRangeError(
        `The calendar covers ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}, not ${year}`,
      );
    }
    const table = this.tableOf(FIRST_DAY[year - CALENDAR_MIN_YEAR] ?? 0);
    return [...table.names].map(([day, name]) => ({ date: isoDateOfDay(day), name }));
  }

  /** Office time of `days` working days. */
  workingDaysToMs(days: number): number {
    return days * this.officeMsPerDay;
  }

  /**
   * Due moment of a duration of `days` working days that starts at `fromMs`: the earliest instant
   * at which days × (office time per day) has elapsed. Zero days gives `fromMs` itself.
   */
  addWorkingDays(fromMs: number, days: number): number {
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`Bad number of days: ${days}`);
    return this.addWorkingTime(fromMs, days * this.officeMsPerDay);
  }

  /** Earliest instant at which `ms` of office time has elapsed since `fromMs` (ms ≥ 0). */
  addWorkingTime(fromMs: number, ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Bad duration: ${ms}`);
    if (ms === 0) return fromMs;
    return this.earliestAt(this.position(fromMs) + ms);
  }

  /**
   * Office time elapsed in [aMs, bMs). Antisymmetric: negative when b is before a (e.g. the
   * working time left until a deadline already passed), zero when both fall in the same closed
   * stretch (a night, a weekend, a holiday).
   */
  workingTimeBetween(aMs: number, bMs: number): number {
    return this.position(bMs) - this.position(aMs);
  }

  /**
   * Latest instant, not after `dueMs`, from which `ms` of office time remains until `dueMs`
   * (ms ≥ 0): the start of the "due soon" window. Landing on a boundary, it is the next opening
   * (08:00 rather than 17:00 the evening before), since no office time passes in between.
   */
  subtractWorkingTime(dueMs: number, ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Bad duration: ${ms}`);
    if (ms === 0) return dueMs;
    return this.latestAt(this.position(dueMs) - ms);
  }

  /** Whether `t` lies inside office hours of a working day, ends included. */
  isOfficeMoment(t: number): boolean {
    const day = localDayOf(t);
    if (!this.isWorkingDay(t)) return false;
    const tod = t + VIETNAM_OFFSET_MS - day * DAY_MS;
    for (let i = 0; i < this.starts.length; i++) {
      if (tod >= (this.starts[i] ?? 0) && tod <= (this.ends[i] ?? 0)) return true;
    }
    return false;
  }

  // The hot path below: called per row of a million-row grid, so no allocation and no closures.

  private position(t: number): number {
    if (!Number.isFinite(t)) throw new RangeError(`Not an instant: ${t}`);
    const local = t + VIETNAM_OFFSET_MS;
    const day = Math.floor(local / DAY_MS);
    const table = this.tableOf(day);
    const i = day - table.firstDay;
    const whole = (table.before + (table.prefix[i] ?? 0)) * this.officeMsPerDay;
    if (table.working[i] !== 1) return whole;
    const tod = local - day * DAY_MS;
    let inDay = 0;
    for (let k = 0; k < this.starts.length; k++) {
      const start = this.starts[k] ?? 0;
      if (tod <= start) break;
      const end = this.ends[k] ?? 0;
      inDay += (tod < end ? tod : end) - start;
    }
    return whole + inDay;
  }

  private earliestAt(position: number): number {
    const perDay = this.officeMsPerDay;
    // The working day in which the position is reached: its office time ends at or after it.
    const ordinal = Math.ceil(position / perDay) - 1;
    let rest = position - ordinal * perDay;
    const day = this.dayOfOrdinal(ordinal);
    let tod = 0;
    for (let k = 0; k < this.starts.length; k++) {
      const start = this.starts[k] ?? 0;
      const length = (this.ends[k] ?? 0) - start;
      if (rest <= length) {
        tod = start + rest;
        break;
      }
      rest -= length;
    }
    return day * DAY_MS + tod - VIETNAM_OFFSET_MS;
  }

  private latestAt(position: number): number {
    const perDay = this.officeMsPerDay;
    const ordinal = Math.floor(position / perDay);
    let rest = position - ordinal * perDay;
    const day = this.dayOfOrdinal(ordinal);
    let tod = 0;
    for (let k = 0; k < this.starts.length; k++) {
      const start = this.starts[k] ?? 0;
      const length = (this.ends[k] ?? 0) - start;
      if (rest < length) {
        tod = start + rest;
        break;
      }
      rest -= length;
    }
    return day * DAY_MS + tod - VIETNAM_OFFSET_MS;
  }

  /**
   * Day number of the working day with `ordinal` working days before it (from the origin).
   * Starts from the table position() just used, so short durations walk zero or one year.
   */
  private dayOfOrdinal(ordinal: number): number {
    let table = this.recent;
    if (table === undefined) throw new Error('position() must run before dayOfOrdinal()');
    while (ordinal < table.before) table = this.tableOf(table.firstDay - 1);
    while (ordinal >= table.before + table.count)
      table = this.tableOf(table.firstDay + table.length);
    this.recent = table;
    return table.workingDays[ordinal - table.before] ?? 0;
  }

  private dayOf(date: string | number): number {
    if (typeof date === 'number') {
      if (!Number.isFinite(date)) throw new RangeError(`Not an instant: ${date}`);
      return localDayOf(date);
    }
    const day = dayOfIsoDate(date);
    if (day === null) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
    return day;
  }

  private tableOf(day: number): YearTable {
    const recent = this.recent;
    if (recent !== undefined && day >= recent.firstDay && day < recent.firstDay + recent.length) {
      return recent;
    }
    if (day < MIN_DAY || day >= END_DAY) {
      throw new CalendarRangeError(
        `The calendar covers ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}, not day ${isoDateOfDay(day)}`,
      );
    }
    let index = Math.floor((day - MIN_DAY) / 365.2425);
    while ((FIRST_DAY[index] ?? 0) > day) index--;
    while ((FIRST_DAY[index + 1] ?? 0) <= day) index++;
    const table = this.tables[index] ?? this.build(index);
    this.recent = table;
    return table;
  }

  /** Builds year `index` and every year between it and those already built. */
  private build(index: number): YearTable {
    if (this.lowest < 0) {
      this.tables[index] = this.buildYear(index, 0);
      this.lowest = index;
      this.highest = index;
    }
    while (index > this.highest) {
      const previous = this.tables[this.highest];
      const before = previous ? previous.before + previous.count : 0;
      this.highest++;
      this.tables[this.highest] = this.buildYear(this.highest, before);
    }
    while (index < this.lowest) {
      this.lowest--;
      const next = this.tables[this.lowest + 1];
      const table = this.buildYear(this.lowest, 0);
      const before = (next ? next.before : 0) - table.count;
      this.tables[this.lowest] = { ...table, before };
    }
    const table = this.tables[index];
    if (!table) throw new Error(`Calendar year ${CALENDAR_MIN_YEAR + index} was not built`);
    return table;
  }

  private buildYear(index: number, before: number): YearTable {
    const year = CALENDAR_MIN_YEAR + index;
    const firstDay = FIRST_DAY[index] ?? 0;
    const length = (FIRST_DAY[index + 1] ?? 0) - firstDay;
    const defaults = new Map(defaultDaysOff(year).map((d) => [d.day, d.name]));
    const working = new Uint8Array(length);
    const prefix = new Int32Array(length + 1);
    const names = new Map<number, string>();
    const list: number[] = [];
    for (let i = 0; i < length; i++) {
      const day = firstDay + i;
      const defaultName = defaults.get(day);
      const isOff = this.daysOff.has(day) || defaultName !== undefined || isWeekend(day);
      // The official schedule wins over the default calendar, in both directions.
      const works = this.extraWorkingDays.has(day) || !isOff;
      if (works) {
        working[i] = 1;
        list.push(day);
      } else if (!isWeekend(day)) {
        names.set(day, defaultName ?? HOLIDAY_NAMES.officialSchedule);
      }
      prefix[i + 1] = (prefix[i] ?? 0) + (works ? 1 : 0);
    }
    return {
      firstDay,
      length,
      before,
      count: list.length,
      prefix,
      working,
      workingDays: Int32Array.from(list),
      names,
    };
  }
}
