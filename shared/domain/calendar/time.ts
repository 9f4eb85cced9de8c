import { julianDayNumber, solarDateOfJulianDay, type SolarDate } from '../lunar';

/**
 * Civil time in Asia/Ho_Chi_Minh, which is UTC+07:00 all year (no daylight saving since 1975).
 * Arithmetic uses the fixed offset rather than Intl time zones: it is exact, the same in every
 * runtime whatever its tz database, and a few integer operations per call.
 *
 * A "day" below is a day number: whole days since 1970-01-01 in Vietnamese civil time.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

/** Julian day number of 1970-01-01. */
const EPOCH_JDN = 2_440_588;

/** Day number of the Vietnamese civil date that contains the instant `t`. */
export function localDayOf(t: number): number {
  return Math.floor((t + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

export function dayOfSolarDate(year: number, month: number, day: number): number {
  return julianDayNumber(year, month, day) - EPOCH_JDN;
}

function solarDateOfDay(day: number): SolarDate {
  return solarDateOfJulianDay(day + EPOCH_JDN);
}

export function dayOfJulianDay(jdn: number): number {
  return jdn - EPOCH_JDN;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function pad4(year: number): string {
  if (year < 0 || year > 9999) throw new RangeError(`Year ${year} cannot be written as ISO-8601`);
  return String(year).padStart(4, '0');
}

/** 'YYYY-MM-DD' of a day number. */
export function isoDateOfDay(day: number): string {
  const d = solarDateOfDay(day);
  return `${pad4(d.year)}-${pad2(d.month)}-${pad2(d.day)}`;
}

function daysInMonth(year: number, month: number): number {
  return (
    dayOfSolarDate(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    dayOfSolarDate(year, month, 1)
  );
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a strict 'YYYY-MM-DD' that names a real date, else null. */
export function dayOfIsoDate(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isRealDate(year, month, day) ? dayOfSolarDate(year, month, day) : null;
}

/**
 * ISO-8601 with the +07:00 offset, e.g. 2026-02-25T10:00:00+07:00; milliseconds only when the
 * instant has some, so that whole-second moments read as people write them.
 */
export function formatInstant(t: number): string {
  if (!Number.isFinite(t)) throw new RangeError(`Not an instant: ${t}`);
  const day = localDayOf(t);
  const ms = Math.floor(t + VIETNAM_OFFSET_MS - day * DAY_MS);
  const hh = Math.floor(ms / HOUR_MS);
  const mm = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  const ss = Math.floor((ms % MINUTE_MS) / 1000);
  const frac = ms % 1000;
  const fraction = frac === 0 ? '' : `.${String(frac).padStart(3, '0')}`;
  return `${isoDateOfDay(day)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}${fraction}+07:00`;
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an ISO-8601 instant that states its offset (`Z` or ±HH:MM), e.g.
 * 2026-02-13T10:00:00+07:00. Anything else — no offset, a date that does not exist, hour 24,
 * a space instead of `T` — gives null: a moment without an offset is ambiguous, and guessing
 * would move deadlines by hours.
 */
export function parseInstant(text: string): number | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, '0'));
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const offH = Number(oh);
    const offM = Number(om);
    if (offH > 14 || offM > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  return (
    dayOfSolarDate(year, month, day) * DAY_MS +
    hour * HOUR_MS +
    (minute - offsetMinutes) * MINUTE_MS +
    second * 1000 +
    millis
  );
}
