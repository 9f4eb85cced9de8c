import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFormatter, getFormatter } from './format';

/** Monday 23 Feb 2026, 10:00 in Hà Nội = 03:00 UTC. */
const MONDAY_10H = Date.UTC(2026, 1, 23, 3, 0);
/** 00:30 on Monday 23 Feb in Hà Nội, still Sunday 22 Feb in UTC and in most of the world. */
const MONDAY_0030 = Date.UTC(2026, 1, 22, 17, 30);

describe('vi formatter', () => {
  const f = getFormatter('vi');

  it('writes the long date the way the forms do', () => {
    expect(f.longDate(MONDAY_10H)).toBe('Thứ Hai, 23/02/2026');
    expect(f.longDateTime(MONDAY_10H)).toBe('Thứ Hai, 23/02/2026 10:00');
  });

  it('writes short dates date-first with a 24-hour clock', () => {
    expect(f.dateTime(MONDAY_10H)).toBe('23/02/2026 10:00');
    expect(f.date(MONDAY_10H)).toBe('23/02/2026');
    expect(f.time(Date.UTC(2026, 1, 23, 10, 5))).toBe('17:05');
    expect(f.time(Date.UTC(2026, 1, 22, 17, 0))).toBe('00:00');
  });

  it('names every weekday with a capital', () => {
    const names = Array.from(
      { length: 7 },
      (_, i) => f.longDate(Date.UTC(2026, 1, 22 + i, 3)).split(',')[0],
    );
    expect(names).toEqual([
      'Chủ Nhật',
      'Thứ Hai',
      'Thứ Ba',
      'Thứ Tư',
      'Thứ Năm',
      'Thứ Sáu',
      'Thứ Bảy',
    ]);
  });

  it('groups thousands with dots', () => {
    expect(f.number(200_000)).toBe('200.000');
    expect(f.number(1_000_000)).toBe('1.000.000');
    expect(f.money(200_000).replace(/\s/g, ' ')).toBe('200.000 ₫');
  });
});

describe('en formatter', () => {
  const f = getFormatter('en');

  it('keeps day-first numeric dates and spells the long date out', () => {
    expect(f.longDate(MONDAY_10H)).toBe('Monday, 23 February 2026');
    expect(f.longDateTime(MONDAY_10H)).toBe('Monday, 23 February 2026, 10:00');
    expect(f.dateTime(MONDAY_10H)).toBe('23/02/2026 10:00');
    expect(f.number(200_000)).toBe('200,000');
  });
});

describe('time zone', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('shows Hà Nội time whatever zone the machine is in', () => {
    for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo']) {
      vi.stubEnv('TZ', zone);
      expect(createFormatter('vi').longDateTime(MONDAY_0030)).toBe('Thứ Hai, 23/02/2026 00:30');
      expect(createFormatter('en').dateTime(MONDAY_0030)).toBe('23/02/2026 00:30');
    }
  });
});

describe('the time of day worked out from the zone offset', () => {
  it('agrees with Intl for instants across the years, at every minute of a day', () => {
    const intl = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const expected = (ms: number) => {
      const p = Object.fromEntries(intl.formatToParts(ms).map((part) => [part.type, part.value]));
      return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
    };
    const f = createFormatter('vi');
    const instants: number[] = [];
    // Every minute of one day in Hà Nội, and instants spread over fifty years either side.
    for (let m = 0; m < 24 * 60; m += 1) instants.push(Date.UTC(2026, 1, 22, 17, m, 30));
    for (let i = 0; i < 2_000; i += 1) instants.push(Date.UTC(1976, 0, 1) + i * 1_234_567_891);
    instants.push(
      Date.UTC(1975, 5, 12, 16, 59),
      Date.UTC(1975, 5, 12, 17, 0),
      Date.UTC(1960, 0, 1),
    );
    for (const ms of instants) expect(f.dateTime(ms)).toBe(expected(ms));
  });
});
