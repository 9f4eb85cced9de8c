import { describe, expect, it } from 'vitest';
import {
  formatDong,
  millisToVietnamDateTime,
  parseDong,
  vietnamDateTimeToMillis,
} from './form-values';

describe('parseDong', () => {
  it.each([
    ['200.000', 200_000],
    ['200,000', 200_000],
    ['200 000', 200_000],
    ['200000', 200_000],
    ['1.500.000 đ', 1_500_000],
    ['1.500.000₫', 1_500_000],
    ['50000 VND', 50_000],
    [' 7 ', 7],
  ])('reads %j as %d đồng', (text, dong) => {
    expect(parseDong(text)).toBe(dong);
  });

  it.each(['', 'abc', '200.5', '1,5', '0', '-5', '12.34.567', '100.000.000.001'])(
    'refuses %j (no minor unit, nothing guessed, within the contract)',
    (text) => {
      expect(parseDong(text)).toBeNull();
    },
  );
});

describe('formatDong (a redone fee request shows amounts as they were typed)', () => {
  it.each([
    [7, '7'],
    [200_000, '200.000'],
    [1_500_000, '1.500.000'],
    [100_000_000_000, '100.000.000.000'],
  ])('writes %d đồng as %j, which reads back the same', (dong, text) => {
    expect(formatDong(dong)).toBe(text);
    expect(parseDong(text)).toBe(dong);
  });
});

describe('appointments in Vietnam time', () => {
  it('reads a date and time typed in Hà Nội as the right instant, day first', () => {
    expect(vietnamDateTimeToMillis('25/02/2026', '10:00')).toBe(Date.UTC(2026, 1, 25, 3, 0));
    expect(vietnamDateTimeToMillis('5/2/2026', '9h30')).toBe(Date.UTC(2026, 1, 5, 2, 30));
    expect(vietnamDateTimeToMillis('2026-02-25', '10:00')).toBe(Date.UTC(2026, 1, 25, 3, 0));
    // 00:30 on the 1st in Hà Nội is still the previous day in UTC.
    expect(vietnamDateTimeToMillis('2026-03-01', '00:30')).toBe(Date.UTC(2026, 1, 28, 17, 30));
  });

  it('refuses impossible dates and times', () => {
    expect(vietnamDateTimeToMillis('2026-02-29', '10:00')).toBeNull();
    expect(vietnamDateTimeToMillis('2026-13-01', '10:00')).toBeNull();
    expect(vietnamDateTimeToMillis('2026-02-10', '24:00')).toBeNull();
    expect(vietnamDateTimeToMillis('02/25/2026', '10:00')).toBeNull();
    expect(vietnamDateTimeToMillis('25/02/26', '10:00')).toBeNull();
  });

  it('turns an instant back into what the inputs show', () => {
    expect(millisToVietnamDateTime(Date.UTC(2026, 1, 28, 17, 30))).toEqual({
      date: '01/03/2026',
      time: '00:30',
    });
  });
});
