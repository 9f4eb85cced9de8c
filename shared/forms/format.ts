import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  VIETNAM_OFFSET_MS,
  isoDateOfDay,
  localDayOf,
} from '../domain/calendar/time';

/**
 * Dates, times and amounts the way the one-stop forms write them, in Asia/Ho_Chi_Minh through
 * the domain's fixed-offset helpers (no Intl, no time-zone database: the same text in every
 * runtime). Two-digit days and months, as the printed forms have them ("ngày 05 tháng 02").
 */

const pad2 = (n: number): string => String(n).padStart(2, '0');

interface LocalParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
}

function localParts(t: number): LocalParts {
  const day = localDayOf(t);
  const [year = '', month = '', dd = ''] = isoDateOfDay(day).split('-');
  const ms = t + VIETNAM_OFFSET_MS - day * DAY_MS;
  return {
    year,
    month,
    day: dd,
    hour: pad2(Math.floor(ms / HOUR_MS)),
    minute: pad2(Math.floor((ms % HOUR_MS) / MINUTE_MS)),
  };
}

/** "ngày 23 tháng 02 năm 2026" */
export function formDate(t: number): string {
  const p = localParts(t);
  return `ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** "10 giờ 30 phút, ngày 23 tháng 02 năm 2026" */
export function formDateTime(t: number): string {
  const p = localParts(t);
  return `${p.hour} giờ ${p.minute} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}`;
}

/** "23/02/2026", for the register's narrow date columns. */
export function shortDate(t: number): string {
  const p = localParts(t);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "10:30 23/02/2026" */
export function shortDateTime(t: number): string {
  const p = localParts(t);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/** "Tân An, ngày 23 tháng 02 năm 2026": the place-and-date line under the motto. */
export function placeDate(place: string, t: number): string {
  return `${place}, ${formDate(t)}`;
}

/** "1.250.000 đồng": đồng have no minor unit; thousands are separated by dots. */
export function formatDong(amount: number): string {
  if (!Number.isInteger(amount)) throw new RangeError(`not a whole amount of đồng: ${amount}`);
  const digits = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${digits} đồng`;
}

/** Two digits at least, as the forms count sets and days ("02 bộ"). */
export function twoDigits(n: number): string {
  return pad2(n);
}
