import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CalendarOverridesSchema,
  CalendarRangeError,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  OfficeHoursSchema,
  VIETNAM_OFFSET_MS,
  WorkingCalendar,
  describeIssue,
  formatInstant,
  localDayOf,
  parseInstant,
  weekdayOfDay,
} from './index';

const at = (text: string): number => {
  const t = parseInstant(text);
  if (t === null) throw new Error(`bad test instant ${text}`);
  return t;
};
const vn = (local: string): number => at(`${local}+07:00`);

const defaultCalendar = new WorkingCalendar();
/** The government's 2026 schedule as DOMAIN.md states it. */
const official2026 = new WorkingCalendar({
  overrides: {
    '2026': {
      daysOff: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-08-31'],
      workingDays: ['2026-08-22'],
    },
  },
});

const offDates = (cal: WorkingCalendar, year: number): string[] =>
  cal.nonWorkingWeekdays(year).map((d) => d.date);

describe('default calendar (Labour Code 45/2019/QH14, art. 111–112)', () => {
  it.each([
    [
      2025,
      [
        '2025-01-01 Tết Dương lịch',
        '2025-01-28 Tết Nguyên đán',
        '2025-01-29 Tết Nguyên đán',
        '2025-01-30 Tết Nguyên đán',
        '2025-01-31 Tết Nguyên đán',
        '2025-02-03 Nghỉ bù Tết Nguyên đán',
        '2025-04-07 Giỗ Tổ Hùng Vương',
        '2025-04-30 Ngày Chiến thắng',
        '2025-05-01 Ngày Quốc tế Lao động',
        '2025-09-01 Quốc khánh',
        '2025-09-02 Quốc khánh',
      ],
    ],
    [
      2027,
      [
        '2027-01-01 Tết Dương lịch',
        '2027-02-05 Tết Nguyên đán',
        '2027-02-08 Tết Nguyên đán',
        '2027-02-09 Tết Nguyên đán',
        '2027-02-10 Nghỉ bù Tết Nguyên đán',
        '2027-02-11 Nghỉ bù Tết Nguyên đán',
        '2027-04-16 Giỗ Tổ Hùng Vương',
        '2027-04-30 Ngày Chiến thắng',
        '2027-05-03 Nghỉ bù Ngày Quốc tế Lao động',
        '2027-09-01 Quốc khánh',
        '2027-09-02 Quốc khánh',
      ],
    ],
  ])('%i: every non-working weekday, named, in date order', (year, expected) => {
    expect(defaultCalendar.nonWorkingWeekdays(year).map((d) => `${d.date} ${d.name}`)).toEqual(
      expected,
    );
  });

  it.each([
    ['1 Jan 2028 is a Saturday: Monday 3 Jan is off (art. 112(3))', 2028, '2028-01-03'],
    ['Tết 2025 ends on Saturday 1 Feb: Monday 3 Feb is off', 2025, '2025-02-03'],
    ['Hùng Kings’ day 2026 is Sunday 26 Apr: Monday 27 Apr is off', 2026, '2026-04-27'],
    ['1 May 2027 is a Saturday: Monday 3 May is off', 2027, '2027-05-03'],
    [
      '30 Apr 2028 is a Sunday and Monday 1 May is itself a holiday: Tuesday 2 May is off',
      2028,
      '2028-05-02',
    ],
    ['2 Sep 2028 is a Saturday (1 Sep a Friday): Monday 4 Sep is off', 2028, '2028-09-04'],
    ['1–2 Sep 2029 are a weekend: Monday 3 and Tuesday 4 Sep are off', 2029, '2029-09-04'],
    [
      '1 Sep 2030 is a Sunday and Monday 2 Sep is itself a holiday: Tuesday 3 Sep is off',
      2030,
      '2030-09-03',
    ],
    [
      'Tết 2027 starts on Saturday 6 Feb: its two weekend days give Wednesday 10 and Thursday 11 Feb',
      2027,
      '2027-02-11',
    ],
    [
      'Tết 2030 starts on Saturday 2 Feb (a day before China’s): Wednesday 6 and Thursday 7 Feb are off',
      2030,
      '2030-02-07',
    ],
  ])('compensatory day: %s', (_name, year, date) => {
    const day = defaultCalendar.nonWorkingWeekdays(year).find((d) => d.date === date);
    expect(day?.name).toMatch(/^Nghỉ bù /);
    expect(defaultCalendar.isWorkingDay(date)).toBe(false);
  });

  it('Tết is five days: the last day of the old lunar year and lunar 1/1 to 1/4 (2026: 16–20 Feb)', () => {
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(defaultCalendar.isWorkingDay(date)).toBe(false);
    }
    expect(defaultCalendar.isWorkingDay('2026-02-13')).toBe(true);
    expect(defaultCalendar.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('Saturdays and Sundays are weekly rest (art. 111); an instant counts by its Vietnamese date', () => {
    expect(defaultCalendar.isWorkingDay('2026-03-07')).toBe(false);
    expect(defaultCalendar.isWorkingDay('2026-03-08')).toBe(false);
    expect(defaultCalendar.isWorkingDay('2026-03-09')).toBe(true);
    // 2026-03-08T18:00Z is Monday 01:00 in Hà Nội.
    expect(defaultCalendar.isWorkingDay(at('2026-03-08T18:00:00Z'))).toBe(true);
  });

  it('each year has exactly 11 non-working weekdays: 11 holiday days, each weekend one compensated once', () => {
    for (let year = 1990; year <= 2100; year++) {
      const days = defaultCalendar.nonWorkingWeekdays(year);
      expect(days).toHaveLength(11);
      const numbers = days.map((d) => localDayOf(vn(`${d.date}T12:00:00`)));
      for (let i = 0; i < numbers.length; i++) {
        const w = weekdayOfDay(numbers[i] ?? 0);
        expect(w >= 1 && w <= 5).toBe(true);
        if (i > 0) expect(numbers[i] ?? 0).toBeGreaterThan(numbers[i - 1] ?? 0);
      }
    }
  });
});

describe('official schedules win over the default (per-year overrides)', () => {
  it('2026: 31 Aug off, swapped with Saturday 22 Aug', () => {
    expect(official2026.isWorkingDay('2026-08-22')).toBe(true);
    expect(official2026.isWorkingDay('2026-08-31')).toBe(false);
    expect(official2026.nonWorkingWeekdays(2026)).toContainEqual({
      date: '2026-08-31',
      name: 'Nghỉ theo lịch chính thức',
    });
    expect(defaultCalendar.isWorkingDay('2026-08-22')).toBe(false);
  });

  it('a default holiday restated as a day off keeps its name', () => {
    expect(official2026.nonWorkingWeekdays(2026)).toContainEqual({
      date: '2026-02-17',
      name: 'Tết Nguyên đán',
    });
  });

  it('a working day in the schedule cancels a default compensatory day', () => {
    const cal = new WorkingCalendar({ overrides: { 2026: { workingDays: ['2026-04-27'] } } });
    expect(cal.isWorkingDay('2026-04-27')).toBe(true);
    expect(offDates(cal, 2026)).not.toContain('2026-04-27');
  });

  it('other years keep the default calendar', () => {
    expect(offDates(official2026, 2027)).toEqual(offDates(defaultCalendar, 2027));
  });

  it.each([
    [{ 2026: { daysOff: ['2026-02-30'] } }, '2026.daysOff[0]: not a real calendar date'],
    [{ 2026: { daysOff: ['2027-01-01'] } }, '2026.daysOff[0]: 2027-01-01 is not in 2026'],
    [{ 2026: { daysOff: ['26-08-31'] } }, '2026.daysOff[0]: expected a date written YYYY-MM-DD'],
    [
      { 2026: { daysOff: ['2026-08-31'], workingDays: ['2026-08-31'] } },
      '2026.workingDays[0]: 2026-08-31 is both a day off and a working day',
    ],
    [
      { 2026: { daysOff: ['2026-08-31', '2026-08-31'] } },
      '2026.daysOff[1]: 2026-08-31 is listed twice',
    ],
    [{ 2026: { holidays: [] } }, '2026: Unrecognized key: "holidays"'],
    [{ 1850: { daysOff: [] } }, '1850: year must be between 1900 and 2199'],
    [{ '26': { daysOff: [] } }, '26: expected a four-digit year'],
  ])('the schema refuses %j, naming the field', (input, message) => {
    const result = CalendarOverridesSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssue(result.error)).toBe(message);
  });

  it('both lists may be omitted, and come back as empty lists', () => {
    expect(CalendarOverridesSchema.parse({ 2026: {} })).toEqual({
      2026: { daysOff: [], workingDays: [] },
    });
  });
});

describe('working-time arithmetic (DOMAIN.md §4)', () => {
  it.each([
    ['the default calendar', defaultCalendar],
    ['the official 2026 schedule', official2026],
  ])(
    'received Fri 13 Feb 2026 10:00, 3 working days, with %s: 6 h + Tết skipped + 8 h + 8 h + 2 h → Wed 25 Feb 10:00',
    (_name, cal) => {
      expect(formatInstant(cal.addWorkingDays(vn('2026-02-13T10:00:00'), 3))).toBe(
        '2026-02-25T10:00:00+07:00',
      );
    },
  );

  it.each([
    [
      'a duration that ends at closing is due at exactly 17:00',
      '2026-03-09T08:00:00',
      1,
      '2026-03-09T17:00:00',
    ],
    [
      'a start after closing counts from the next opening',
      '2026-03-06T18:00:00',
      1,
      '2026-03-09T17:00:00',
    ],
    ['a start before opening counts from 08:00', '2026-03-09T06:30:00', 0.5, '2026-03-09T12:00:00'],
    [
      'a start in the lunch break counts from 13:00',
      '2026-03-09T12:30:00',
      1,
      '2026-03-10T12:00:00',
    ],
    ['a start on Sunday counts from Monday 08:00', '2026-03-08T10:00:00', 2, '2026-03-10T17:00:00'],
    [
      'the clock runs across New Year: 31 Dec 15:00 + 1 day skips 1 Jan and the weekend (2 h + 6 h)',
      '2026-12-31T15:00:00',
      1,
      '2027-01-04T15:00:00',
    ],
    ['zero days is the start itself', '2026-03-08T10:00:00', 0, '2026-03-08T10:00:00'],
  ])('%s', (_name, from, days, due) => {
    expect(formatInstant(defaultCalendar.addWorkingDays(vn(from), days))).toBe(`${due}+07:00`);
  });

  it('office time between two moments counts only office hours of working days', () => {
    const from = vn('2026-02-13T10:00:00');
    const due = vn('2026-02-25T10:00:00');
    expect(defaultCalendar.workingTimeBetween(from, due)).toBe(24 * HOUR_MS);
    expect(defaultCalendar.workingTimeBetween(due, from)).toBe(-24 * HOUR_MS);
    expect(
      defaultCalendar.workingTimeBetween(vn('2026-03-06T17:00:00'), vn('2026-03-09T08:00:00')),
    ).toBe(0);
    expect(
      defaultCalendar.workingTimeBetween(vn('2026-03-09T11:00:00'), vn('2026-03-09T14:00:00')),
    ).toBe(2 * HOUR_MS);
  });

  it.each([
    ['one working day before Wed 10:00 is Tue 10:00', '2026-02-25T10:00:00', '2026-02-24T10:00:00'],
    [
      'one working day before Tue 17:00 is Tue 08:00, not Mon 17:00',
      '2026-02-24T17:00:00',
      '2026-02-24T08:00:00',
    ],
    [
      'one working day before Mon 23 Feb 10:00 reaches back over Tết to Fri 13 Feb',
      '2026-02-23T10:00:00',
      '2026-02-13T10:00:00',
    ],
    [
      'half a day before 14:00 is 09:00 (the lunch hour does not count)',
      '2026-03-10T14:00:00',
      '2026-03-10T09:00:00',
    ],
  ])('due-soon moment: %s', (name, due, expected) => {
    const ms = name.startsWith('half') ? 4 * HOUR_MS : defaultCalendar.officeMsPerDay;
    expect(formatInstant(defaultCalendar.subtractWorkingTime(vn(due), ms))).toBe(
      `${expected}+07:00`,
    );
  });

  it('office hours are per unit: 07:30–11:30 and 13:30–17:00 make a 7.5 h day', () => {
    const cal = new WorkingCalendar({
      officeHours: [
        [7 * 60 + 30, 11 * 60 + 30],
        [13 * 60 + 30, 17 * 60],
      ],
    });
    expect(cal.officeMsPerDay).toBe(7.5 * HOUR_MS);
    expect(formatInstant(cal.addWorkingDays(vn('2026-03-09T07:30:00'), 1))).toBe(
      '2026-03-09T17:00:00+07:00',
    );
    expect(formatInstant(cal.addWorkingTime(vn('2026-03-09T11:00:00'), HOUR_MS))).toBe(
      '2026-03-09T14:00:00+07:00',
    );
  });

  it('refuses bad office hours, negative durations and moments beyond 1900–2199', () => {
    expect(OfficeHoursSchema.safeParse([[600, 540]]).success).toBe(false);
    expect(
      OfficeHoursSchema.safeParse([
        [480, 720],
        [700, 1020],
      ]).success,
    ).toBe(false);
    expect(OfficeHoursSchema.safeParse([]).success).toBe(false);
    expect(() => defaultCalendar.addWorkingDays(vn('2026-03-09T08:00:00'), -1)).toThrow(RangeError);
    expect(() => defaultCalendar.addWorkingDays(vn('2199-12-31T08:00:00'), 5)).toThrow(
      CalendarRangeError,
    );
    expect(() => defaultCalendar.isWorkingDay('2200-01-01')).toThrow(CalendarRangeError);
    expect(() => defaultCalendar.nonWorkingWeekdays(1899)).toThrow(CalendarRangeError);
    expect(() => defaultCalendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('working-time properties (fast-check, seed 42)', () => {
  const FROM = vn('2024-01-01T00:00:00');
  const TO = vn('2030-12-31T23:59:59');
  const moment = fc.integer({ min: FROM, max: TO });
  /** Up to 40 working days, to the minute or to the millisecond. */
  const duration = fc.oneof(
    fc.integer({ min: 1, max: 40 * 8 * 60 }).map((m) => m * MINUTE_MS),
    fc.integer({ min: 1, max: 40 * 8 * HOUR_MS }),
  );
  const runs = { seed: 42, numRuns: 3000 };
  const custom = new WorkingCalendar({
    officeHours: [
      [7 * 60, 11 * 60 + 30],
      [13 * 60 + 30, 16 * 60 + 30],
    ],
    overrides: { 2027: { daysOff: ['2027-06-01'], workingDays: ['2027-06-05'] } },
  });
  const calendars = fc.constantFrom(defaultCalendar, official2026, custom);

  function inOfficeEndInclusive(cal: WorkingCalendar, t: number): boolean {
    const tod = t + VIETNAM_OFFSET_MS - localDayOf(t) * DAY_MS;
    return (
      cal.isWorkingDay(t) &&
      cal.officeHours.some(([s, e]) => tod > s * MINUTE_MS && tod <= e * MINUTE_MS)
    );
  }

  it('the due moment is never on a non-working day nor outside office hours (it may be a closing time)', () => {
    fc.assert(
      fc.property(calendars, moment, duration, (cal, from, ms) => {
        const due = cal.addWorkingTime(from, ms);
        expect(inOfficeEndInclusive(cal, due)).toBe(true);
        expect(cal.isOfficeMoment(due)).toBe(true);
      }),
      runs,
    );
  });

  it('adding a then b equals adding a + b', () => {
    fc.assert(
      fc.property(calendars, moment, duration, duration, (cal, from, a, b) => {
        expect(cal.addWorkingTime(cal.addWorkingTime(from, a), b)).toBe(
          cal.addWorkingTime(from, a + b),
        );
      }),
      runs,
    );
  });

  it('remaining plus elapsed equals the duration, at any moment in between', () => {
    fc.assert(
      fc.property(
        calendars,
        moment,
        duration,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (cal, from, ms, f) => {
          const due = cal.addWorkingTime(from, ms);
          const t = Math.round(from + (due - from) * f);
          expect(cal.workingTimeBetween(from, due)).toBe(ms);
          expect(cal.workingTimeBetween(from, t) + cal.workingTimeBetween(t, due)).toBe(ms);
        },
      ),
      runs,
    );
  });

  it('the due-soon moment leaves exactly the asked time, and is the latest such moment', () => {
    fc.assert(
      fc.property(calendars, moment, duration, (cal, due, ms) => {
        const start = cal.subtractWorkingTime(due, ms);
        expect(start).toBeLessThan(due);
        expect(cal.workingTimeBetween(start, due)).toBe(ms);
        expect(cal.workingTimeBetween(start + 1, due)).toBeLessThan(ms);
      }),
      runs,
    );
  });

  it('the due moment is the earliest: a millisecond before it, less time has elapsed', () => {
    fc.assert(
      fc.property(calendars, moment, duration, (cal, from, ms) => {
        const due = cal.addWorkingTime(from, ms);
        expect(cal.workingTimeBetween(from, due - 1)).toBeLessThan(ms);
      }),
      runs,
    );
  });

  it('answers do not depend on which years the calendar built first', () => {
    fc.assert(
      fc.property(moment, duration, (from, ms) => {
        const fresh = new WorkingCalendar();
        expect(fresh.addWorkingTime(from, ms)).toBe(defaultCalendar.addWorkingTime(from, ms));
        expect(fresh.subtractWorkingTime(from, ms)).toBe(
          defaultCalendar.subtractWorkingTime(from, ms),
        );
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('ISO-8601 instants with the +07:00 offset', () => {
  it.each([
    ['2026-02-13T10:00:00+07:00', '2026-02-13T10:00:00+07:00'],
    ['2026-02-13T03:00:00Z', '2026-02-13T10:00:00+07:00'],
    ['2026-02-13T10:00+07:00', '2026-02-13T10:00:00+07:00'],
    ['2026-02-13T05:00:00+02:00', '2026-02-13T10:00:00+07:00'],
    ['2026-02-13T10:00:00.5+07:00', '2026-02-13T10:00:00.500+07:00'],
    ['2026-02-12T23:30:00-03:30', '2026-02-13T10:00:00+07:00'],
  ])('parses %s as %s', (input, output) => {
    expect(formatInstant(at(input))).toBe(output);
  });

  it.each([
    '2026-02-13T10:00:00',
    '2026-02-13 10:00:00+07:00',
    '2026-02-30T10:00:00+07:00',
    '2026-02-13T24:00:00+07:00',
    '2026-02-13T10:60:00+07:00',
    '2026-02-13T10:00:00+0700',
    '2026-2-13T10:00:00+07:00',
    '2026-02-13',
    '',
  ])('refuses %j (no guessing of offsets or dates)', (input) => {
    expect(parseInstant(input)).toBeNull();
  });

  it('format then parse is the identity (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: vn('2199-12-31T23:59:59') }), (t) => {
        expect(parseInstant(formatInstant(t))).toBe(t);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
