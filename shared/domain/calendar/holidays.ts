import { julianDayOfLunarDate, lunarNewYearJulianDay } from '../lunar';
import { dayOfJulianDay, dayOfSolarDate, weekdayOfDay } from './time';

/**
 * The default calendar of the Labour Code (45/2019/QH14, art. 111–112), used for a year until an
 * administrator enters the government's official schedule for it (see overrides).
 */

export interface DayOff {
  /** Day number (days since 1970-01-01, Vietnamese civil time). */
  readonly day: number;
  /** Vietnamese name shown to officers. */
  readonly name: string;
}

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  lunarNewYear: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  victoryDay: 'Ngày Chiến thắng',
  labourDay: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
  /** A day off decreed by the official schedule that the default calendar does not have. */
  officialSchedule: 'Nghỉ theo lịch chính thức',
} as const;

export const COMPENSATORY_PREFIX = 'Nghỉ bù ';

export function isWeekend(day: number): boolean {
  const w = weekdayOfDay(day);
  return w === 0 || w === 6;
}

/** Public holidays (art. 112) that fall in solar year `year`, in date order. */
export function publicHolidays(year: number): DayOff[] {
  const tet = dayOfJulianDay(lunarNewYearJulianDay(year));
  const hungJdn = julianDayOfLunarDate({ year, month: 3, day: 10 });
  if (hungJdn === null) throw new RangeError(`No lunar 10/3 in ${year}`);
  const holidays: DayOff[] = [
    { day: dayOfSolarDate(year, 1, 1), name: HOLIDAY_NAMES.newYear },
    // Tết: the last day of the old lunar year, then lunar 1/1 to 1/4.
    ...[-1, 0, 1, 2, 3].map((i) => ({ day: tet + i, name: HOLIDAY_NAMES.lunarNewYear })),
    { day: dayOfJulianDay(hungJdn), name: HOLIDAY_NAMES.hungKings },
    { day: dayOfSolarDate(year, 4, 30), name: HOLIDAY_NAMES.victoryDay },
    { day: dayOfSolarDate(year, 5, 1), name: HOLIDAY_NAMES.labourDay },
    // 2 September and the day before it.
    { day: dayOfSolarDate(year, 9, 1), name: HOLIDAY_NAMES.nationalDay },
    { day: dayOfSolarDate(year, 9, 2), name: HOLIDAY_NAMES.nationalDay },
  ];
  // Hùng Kings' day falls between late March and late April, so it can land next to 30 April.
  return holidays.sort((a, b) => a.day - b.day);
}

/**
 * Public holidays plus compensatory days: each holiday on a Saturday or Sunday gives one day off
 * on the next day that is neither a weekend nor a holiday nor already given, taken in date order
 * (art. 111(3), 112(3)). The last holiday of a year is 2 September, so no compensatory day can
 * spill into the next year.
 */
export function defaultDaysOff(year: number): DayOff[] {
  const holidays = publicHolidays(year);
  const taken = new Set(holidays.map((h) => h.day));
  const compensatory: DayOff[] = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.day)) continue;
    let day = holiday.day + 1;
    while (isWeekend(day) || taken.has(day)) day++;
    taken.add(day);
    compensatory.push({ day, name: COMPENSATORY_PREFIX + holiday.name });
  }
  return [...holidays, ...compensatory].sort((a, b) => a.day - b.day);
}
