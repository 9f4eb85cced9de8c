import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  julianDayNumber,
  julianDayOfLunarDate,
  leapMonthOf,
  lunarDateOfJulianDay,
  lunarNewYearJulianDay,
  lunarToSolar,
  solarDateOfJulianDay,
  solarToLunar,
} from './lunar';

const iso = (d: { year: number; month: number; day: number } | null): string | null =>
  d === null
    ? null
    : `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('Vietnamese lunar calendar (UTC+07:00)', () => {
  it.each([
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
    [2028, '2028-01-26', '2028-04-04'],
    [2029, '2029-02-13', '2029-04-23'],
    [2030, '2030-02-02', '2030-04-12'],
  ])('%i: Tết (lunar 1/1) is %s and Hùng Kings’ day (lunar 10/3) is %s', (year, tet, hung) => {
    expect(iso(lunarToSolar({ year, month: 1, day: 1 }))).toBe(tet);
    expect(iso(lunarToSolar({ year, month: 3, day: 10 }))).toBe(hung);
  });

  it.each([
    // Years where a new moon between 16:00 and 17:00 UTC puts Vietnam's month a day earlier.
    [1968, '1968-01-29', '1968-01-30'],
    [2007, '2007-02-17', '2007-02-18'],
    [2030, '2030-02-02', '2030-02-03'],
    // 1985: the month-11 rule moves Vietnam's Tết a whole month before China's.
    [1985, '1985-01-21', '1985-02-20'],
  ])('Tết %i is %s at UTC+07:00, %s at UTC+08:00 (the Chinese calendar)', (year, vn, cn) => {
    expect(iso(solarDateOfJulianDay(lunarNewYearJulianDay(year)))).toBe(vn);
    expect(iso(solarDateOfJulianDay(lunarNewYearJulianDay(year, 8)))).toBe(cn);
  });

  it.each([
    [2017, 6],
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2028, 5],
    [2031, 3],
    [2033, 11],
    [2026, null],
    [2027, null],
  ])('lunar year %i repeats month %s (tháng nhuận)', (year, leap) => {
    expect(leapMonthOf(year)).toBe(leap);
  });

  it('a leap month follows its namesake: 2025 has 6th month from 25 Jun, leap 6th from 25 Jul', () => {
    expect(iso(lunarToSolar({ year: 2025, month: 6, day: 1 }))).toBe('2025-06-25');
    expect(iso(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true }))).toBe('2025-07-25');
    expect(solarToLunar({ year: 2025, month: 8, day: 1 })).toEqual({
      year: 2025,
      month: 6,
      day: 8,
      leap: true,
    });
    expect(lunarToSolar({ year: 2026, month: 6, day: 1, leap: true })).toBeNull();
  });

  it('the last day of a lunar year is the day before the next lunar 1/1 (Tết eve 2026: 16 Feb)', () => {
    const eve = lunarNewYearJulianDay(2026) - 1;
    expect(iso(solarDateOfJulianDay(eve))).toBe('2026-02-16');
    const lunar = lunarDateOfJulianDay(eve);
    expect(lunar.year).toBe(2025);
    expect(lunar.month).toBe(12);
    expect([29, 30]).toContain(lunar.day);
  });

  it('a leap 11th month (2033) stays in the lunar year that began before it', () => {
    const jdn = julianDayOfLunarDate({ year: 2033, month: 11, day: 1, leap: true });
    expect(jdn).not.toBeNull();
    expect(lunarDateOfJulianDay(jdn ?? 0)).toMatchObject({ year: 2033, month: 11, leap: true });
    expect(iso(solarDateOfJulianDay(lunarNewYearJulianDay(2034)))).toBe('2034-02-19');
  });

  it('refuses day 30 of a 29-day month and years outside 1900–2199', () => {
    // Lunar 12/2025 has 29 days (Tết 2026 eve is 29 Tết).
    expect(lunarToSolar({ year: 2025, month: 12, day: 30 })).toBeNull();
    expect(() => lunarToSolar({ year: 1899, month: 1, day: 1 })).toThrow(RangeError);
    expect(() => solarToLunar({ year: 2200, month: 6, day: 1 })).toThrow(RangeError);
  });

  it('solar → lunar → solar is the identity on every day (property, 1901–2199)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: julianDayNumber(1901, 1, 1), max: julianDayNumber(2199, 11, 30) }),
        (jdn) => {
          const lunar = lunarDateOfJulianDay(jdn);
          expect(julianDayOfLunarDate(lunar)).toBe(jdn);
          expect(lunar.day).toBeGreaterThanOrEqual(1);
          expect(lunar.day).toBeLessThanOrEqual(30);
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('every lunar month has 29 or 30 days and every year 12 or 13 months (2000–2100)', () => {
    for (let year = 2000; year <= 2100; year++) {
      const start = lunarNewYearJulianDay(year);
      const length = lunarNewYearJulianDay(year + 1) - start;
      expect([353, 354, 355, 383, 384, 385]).toContain(length);
      expect(length > 360).toBe(leapMonthOf(year) !== null);
    }
  });
});
