import { describe, expect, it } from 'vitest';
import { weekendCalendar, withDaysOff } from './testing';
import {
  DAY,
  HOUR,
  WORKING_DAY_MS,
  WorkTimeline,
  addWorkingTime,
  civilFromDay,
  formatDate,
  formatDateTime,
  localDay,
  yymmdd,
} from './time';

/** Local wall-clock time in Vietnam as epoch ms. */
const vn = (y: number, m: number, d: number, h = 0, min = 0) =>
  Date.UTC(y, m - 1, d, h, min) - 7 * HOUR;

describe('local dates', () => {
  it('agrees with Date for a range of days and renders Vietnamese formats', () => {
    for (let day = -800; day < 40_000; day += 37) {
      const c = civilFromDay(day);
      const d = new Date(day * DAY);
      expect([c.year, c.month, c.day]).toEqual([
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
      ]);
    }
    // 23:30 on 31 Dec in Vietnam is still 31 Dec locally, though already 16:30 UTC.
    expect(yymmdd(localDay(vn(2025, 12, 31, 23, 30)))).toBe('251231');
    expect(yymmdd(localDay(vn(2026, 1, 1, 0, 5)))).toBe('260101');
    expect(formatDate(vn(2026, 2, 3, 9))).toBe('03/02/2026');
    expect(formatDateTime(vn(2026, 2, 25, 10, 5))).toBe('10:05 ngày 25/02/2026');
  });
});

describe('weekendCalendar (test double)', () => {
  const cal = weekendCalendar();
  it('counts office hours across a weekend, as in DOMAIN.md without the Tết days', () => {
    // Friday 13 Feb 2026 10:00 + 3 working days: 6 h Fri, 8 h Mon, 8 h Tue, 2 h Wed.
    expect(cal.addWorkingDays(vn(2026, 2, 13, 10), 3)).toBe(vn(2026, 2, 18, 10));
    expect(cal.addWorkingDays(vn(2026, 2, 16, 8), 1)).toBe(vn(2026, 2, 16, 17));
    expect(cal.subtractWorkingTime(vn(2026, 2, 16, 17), WORKING_DAY_MS)).toBe(vn(2026, 2, 16, 8));
    expect(cal.subtractWorkingTime(vn(2026, 2, 16, 9), 2 * HOUR)).toBe(vn(2026, 2, 13, 16));
  });
});

describe('WorkTimeline', () => {
  const cal = weekendCalendar();
  const timeline = new WorkTimeline(cal, vn(2026, 1, 1), vn(2026, 12, 31));

  it('moves through office hours only and measures office time consistently', () => {
    const friday = vn(2026, 2, 13, 16);
    expect(timeline.add(friday, 2 * HOUR)).toBe(vn(2026, 2, 16, 9));
    expect(timeline.snap(vn(2026, 2, 14, 11))).toBe(vn(2026, 2, 16, 8));
    expect(timeline.snap(vn(2026, 2, 16, 12, 30))).toBe(vn(2026, 2, 16, 13));
    for (let k = 0; k < 200; k++) {
      const from = vn(2026, 3, 2, 8) + k * 3 * HOUR + k * 7919;
      const amount = (k % 17) * 1.7 * HOUR;
      const to = timeline.add(from, amount);
      expect(to).toBeGreaterThanOrEqual(from);
      expect(timeline.between(timeline.snap(from), to)).toBe(Math.round(amount));
    }
    expect(timeline.isOfficeTime(vn(2026, 2, 16, 12, 15))).toBe(false);
    expect(timeline.isOfficeTime(vn(2026, 2, 16, 13, 15))).toBe(true);
  });

  it('learns days off from the injected calendar', () => {
    const holiday = localDay(vn(2026, 4, 30));
    const withHoliday = new WorkTimeline(
      withDaysOff(cal, [holiday]),
      vn(2026, 1, 1),
      vn(2026, 12, 31),
    );
    expect(timeline.isWorkingDay(holiday)).toBe(true);
    expect(withHoliday.isWorkingDay(holiday)).toBe(false);
    expect(withHoliday.add(vn(2026, 4, 29, 16), 2 * HOUR)).toBe(vn(2026, 5, 1, 9));
  });

  it('adds working time through the calculator alone', () => {
    const from = vn(2026, 2, 13, 10);
    expect(addWorkingTime(cal, from, 3 * WORKING_DAY_MS)).toBe(vn(2026, 2, 18, 10));
    // 12:00 and 13:00 are the same working moment (lunch is not working time).
    expect(timeline.between(from, addWorkingTime(cal, from, 2 * HOUR))).toBe(2 * HOUR);
    expect(addWorkingTime(cal, from, 9 * HOUR)).toBe(vn(2026, 2, 16, 11));
  });
});
