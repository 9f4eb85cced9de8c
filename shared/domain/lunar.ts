/**
 * The Vietnamese lunisolar calendar, computed for UTC+07:00.
 *
 * Astronomical method of Hồ Ngọc Đức ("Âm lịch Việt Nam", the algorithm behind most Vietnamese
 * calendar software): a lunar month starts on the local day of the new moon; month 11 is the
 * month that contains the winter solstice; a year between two months 11 that holds 13 months has
 * a leap month, the first one after month 11 that contains no major solar term (trung khí). The
 * new-moon and sun-longitude series are Meeus' low-precision ones, good to well within a day
 * from 1900 to 2199, which is all the working-day calendar asks of it.
 *
 * Vietnam counts at UTC+07:00 while the Chinese calendar counts at UTC+08:00: a new moon shortly
 * after 16:00 UTC falls on different local days, which is why Tết 2030 is 2 February here and
 * 3 February in China. The offset is a parameter of the internals only so that tests can show it.
 */

/** Vietnam's civil time zone, in hours east of UTC (fixed: no daylight saving since 1975). */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

/** A date of the proleptic Gregorian calendar. */
export interface SolarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface LunarDate {
  /** Lunar year, named by the solar year in which its month 1 begins. */
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** True in the intercalary month that repeats `month` (tháng nhuận). */
  readonly leap: boolean;
}

/** Years for which the series above are trusted; outside, the functions throw RangeError. */
export const LUNAR_MIN_YEAR = 1900;
export const LUNAR_MAX_YEAR = 2199;

const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01, the origin of the lunation number k. */
const NEW_MOON_EPOCH = 2415021.076998695;

/** Julian day number (integer, days since 4713 BC at noon) of a Gregorian date. */
export function julianDayNumber(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** Gregorian date of a Julian day number. */
export function solarDateOfJulianDay(jdn: number): SolarDate {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

const DEG = Math.PI / 180;

/** Julian day (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, short). */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  let c1 = (0.1734 - 0.000393 * t) * Math.sin(m * DEG) + 0.0021 * Math.sin(2 * DEG * m);
  c1 = c1 - 0.4068 * Math.sin(mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * mpr);
  c1 = c1 - 0.0004 * Math.sin(DEG * 3 * mpr);
  c1 = c1 + 0.0104 * Math.sin(DEG * 2 * f) - 0.0051 * Math.sin(DEG * (m + mpr));
  c1 = c1 - 0.0074 * Math.sin(DEG * (m - mpr)) + 0.0004 * Math.sin(DEG * (2 * f + m));
  c1 = c1 - 0.0004 * Math.sin(DEG * (2 * f - m)) - 0.0006 * Math.sin(DEG * (2 * f + mpr));
  c1 = c1 + 0.001 * Math.sin(DEG * (2 * f - mpr)) + 0.0005 * Math.sin(DEG * (2 * mpr + m));
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd1 + c1 - deltaT;
}

/** Apparent longitude of the sun in radians, in [0, 2π), at a Julian day (UT). */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  let dl = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(DEG * m);
  dl += (0.019993 - 0.000101 * t) * Math.sin(DEG * 2 * m) + 0.00029 * Math.sin(DEG * 3 * m);
  const l = (l0 + dl) * DEG;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Local day (JDN) on which the k-th new moon falls. */
function newMoonDay(k: number, offsetHours: number): number {
  return Math.floor(newMoon(k) + 0.5 + offsetHours / 24);
}

/** Which 30° sector (major solar term, 0–11) the sun is in at the local midnight starting a day. */
function sunSector(jdn: number, offsetHours: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - offsetHours / 24) / Math.PI) * 6);
}

/** First day (JDN) of lunar month 11 that contains the winter solstice of solar year `year`. */
function month11Start(year: number, offsetHours: number): number {
  const k = Math.floor((julianDayNumber(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const nm = newMoonDay(k, offsetHours);
  // Sector 9 starts at 270°, the solstice: a new moon already past it starts month 12, not 11.
  return sunSector(nm, offsetHours) >= 9 ? newMoonDay(k - 1, offsetHours) : nm;
}

interface LunarMonth {
  readonly start: number;
  readonly month: number;
  readonly leap: boolean;
  readonly year: number;
}

/** Months of the span [month 11 of `solarYear - 1`, month 11 of `solarYear`), and where it ends. */
interface Span {
  readonly months: readonly LunarMonth[];
  readonly end: number;
}

const spanCache = new Map<string, Span>();

function span(solarYear: number, offsetHours: number): Span {
  const key = `${solarYear}@${offsetHours}`;
  const cached = spanCache.get(key);
  if (cached) return cached;
  const a11 = month11Start(solarYear - 1, offsetHours);
  const b11 = month11Start(solarYear, offsetHours);
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  const count = Math.round((b11 - a11) / SYNODIC_MONTH);
  // With 13 months, the first month without a major term is the leap month (the rule of 1645).
  let leapIndex = -1;
  if (count === 13) {
    let sector = sunSector(newMoonDay(k + 1, offsetHours), offsetHours);
    for (let i = 1; i < 13; i++) {
      const next = sunSector(newMoonDay(k + i + 1, offsetHours), offsetHours);
      if (next === sector) {
        leapIndex = i;
        break;
      }
      sector = next;
    }
  }
  const months: LunarMonth[] = [];
  let number = 11;
  for (let i = 0; i < count; i++) {
    const leap = i === leapIndex;
    if (i > 0 && !leap) number = number === 12 ? 1 : number + 1;
    // Months 11 and 12 (and a leap 11 or 12) still belong to the lunar year that began before.
    const year = number >= 11 ? solarYear - 1 : solarYear;
    months.push({ start: newMoonDay(k + i, offsetHours), month: number, leap, year });
  }
  const result: Span = { months, end: b11 };
  spanCache.set(key, result);
  return result;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR) {
    throw new RangeError(
      `Lunar calendar supports ${LUNAR_MIN_YEAR}–${LUNAR_MAX_YEAR}, not ${year}`,
    );
  }
}

/** Lunar date of the day with Julian day number `jdn`. */
export function lunarDateOfJulianDay(
  jdn: number,
  offsetHours: number = VIETNAM_UTC_OFFSET_HOURS,
): LunarDate {
  const solarYear = solarDateOfJulianDay(jdn).year;
  checkYear(solarYear);
  let s = span(solarYear, offsetHours);
  if (jdn >= s.end) s = span(solarYear + 1, offsetHours);
  let found = s.months[0];
  for (const m of s.months) {
    if (m.start > jdn) break;
    found = m;
  }
  if (!found) throw new RangeError(`No lunar month for day ${jdn}`);
  return { year: found.year, month: found.month, day: jdn - found.start + 1, leap: found.leap };
}

/** Lunar date of a solar (Gregorian) date, as observed in Vietnam. */
export function solarToLunar(date: SolarDate): LunarDate {
  return lunarDateOfJulianDay(julianDayNumber(date.year, date.month, date.day));
}

/**
 * Julian day number of a lunar date, or null when it does not exist (a leap month the year does
 * not have, or day 30 of a 29-day month).
 */
export function julianDayOfLunarDate(
  date: Omit<LunarDate, 'leap'> & { readonly leap?: boolean },
  offsetHours: number = VIETNAM_UTC_OFFSET_HOURS,
): number | null {
  checkYear(date.year);
  if (!Number.isInteger(date.day) || date.day < 1 || date.day > 30) return null;
  // Months 11 and 12 of lunar year Y sit at the start of the span that ends in solar year Y + 1.
  const s = span(date.month >= 11 ? date.year + 1 : date.year, offsetHours);
  const leap = date.leap ?? false;
  const index = s.months.findIndex(
    (m) => m.month === date.month && m.leap === leap && m.year === date.year,
  );
  const month = s.months[index];
  if (!month) return null;
  const nextStart = s.months[index + 1]?.start ?? s.end;
  const jdn = month.start + date.day - 1;
  return jdn < nextStart ? jdn : null;
}

/** Solar date of a lunar date, or null when the lunar date does not exist. */
export function lunarToSolar(
  date: Omit<LunarDate, 'leap'> & { readonly leap?: boolean },
): SolarDate | null {
  const jdn = julianDayOfLunarDate(date);
  return jdn === null ? null : solarDateOfJulianDay(jdn);
}

/** Julian day number of Tết (lunar 1/1) of lunar year `year`. */
export function lunarNewYearJulianDay(
  year: number,
  offsetHours: number = VIETNAM_UTC_OFFSET_HOURS,
): number {
  const jdn = julianDayOfLunarDate({ year, month: 1, day: 1 }, offsetHours);
  if (jdn === null) throw new RangeError(`No lunar new year for ${year}`);
  return jdn;
}

/** The month a lunar year repeats (its leap month), or null in a 12-month year. */
export function leapMonthOf(year: number): number | null {
  checkYear(year);
  const months = [
    ...span(year, VIETNAM_UTC_OFFSET_HOURS).months,
    ...span(year + 1, VIETNAM_UTC_OFFSET_HOURS).months,
  ];
  return months.find((m) => m.leap && m.year === year)?.month ?? null;
}
