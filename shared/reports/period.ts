import {
  DAY_MS,
  dayOfIsoDate,
  isoDateOfDay,
  localDayOf,
  weekdayOfDay,
} from '../domain/calendar/time';

/**
 * Periods of whole days in Vietnam time: this week (from Monday), month, quarter, year, or chosen
 * dates. A period runs from the start of its first day to the start of the day after its last.
 */

export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface DayRange {
  readonly from: string;
  readonly to: string;
}

export interface Bounds {
  readonly start: number;
  readonly end: number;
}

/** The first instant of day `day` (a local day number), Vietnam time. */
export function startOfDay(day: number): number {
  return day * DAY_MS - 7 * 3_600_000;
}

/** The period of `kind` that holds the day `t` falls on. */
export function periodAround(kind: Exclude<PeriodKind, 'custom'>, t: number): DayRange {
  const day = localDayOf(t);
  const [y, m] = isoDateOfDay(day).split('-').map(Number) as [number, number];
  const iso = (year: number, month: number, d: number) =>
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const lastOfMonth = (year: number, month: number) => {
    const next = month === 12 ? iso(year + 1, 1, 1) : iso(year, month + 1, 1);
    return isoDateOfDay((dayOfIsoDate(next) as number) - 1);
  };
  switch (kind) {
    case 'week': {
      // weekdayOfDay: 0 Sunday … 6 Saturday; the week starts on Monday.
      const monday = day - ((weekdayOfDay(day) + 6) % 7);
      return { from: isoDateOfDay(monday), to: isoDateOfDay(monday + 6) };
    }
    case 'month':
      return { from: iso(y, m, 1), to: lastOfMonth(y, m) };
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: iso(y, first, 1), to: lastOfMonth(y, first + 2) };
    }
    case 'year':
      return { from: iso(y, 1, 1), to: iso(y, 12, 31) };
  }
}

/** [start, end) of a day range; null when a day is not a date. */
export function boundsOf(range: DayRange): Bounds | null {
  const from = dayOfIsoDate(range.from);
  const to = dayOfIsoDate(range.to);
  if (from === null || to === null) return null;
  return { start: startOfDay(from), end: startOfDay(to + 1) };
}

/** Whether the last day comes before the first: the error the screens and the CLI name. */
export function endsBeforeStart(range: DayRange): boolean {
  return range.to < range.from;
}
