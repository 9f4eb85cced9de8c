import type { Language } from '../i18n/language';

/**
 * Deadlines are legal facts in Vietnam's time: every instant is shown in Asia/Ho_Chi_Minh
 * (UTC+07:00, no daylight saving) whatever zone the officer's machine is set to. A laptop left on
 * UTC would otherwise show a dossier due at 00:30 on the 23rd as due on the 22nd.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

export interface Formatter {
  readonly language: Language;
  /** "Thứ Hai, 23/02/2026" · "Monday, 23 February 2026" */
  readonly longDate: (ms: number) => string;
  /** "Thứ Hai, 23/02/2026 10:00" · "Monday, 23 February 2026, 10:00" */
  readonly longDateTime: (ms: number) => string;
  /** "23/02/2026" */
  readonly date: (ms: number) => string;
  /** "23/02/2026 10:00" */
  readonly dateTime: (ms: number) => string;
  /** "10:00" */
  readonly time: (ms: number) => string;
  /** "200.000" · "200,000" */
  readonly number: (n: number) => string;
  /** "200.000 ₫" · "₫200,000" */
  readonly money: (dong: number) => string;
}

interface DateParts {
  weekday: string;
  day: string;
  month: string;
  monthName: string;
  year: string;
  hour: string;
  minute: string;
}

const WANTED_PARTS = ['weekday', 'day', 'month', 'year', 'hour', 'minute'] as const;
type WantedPart = (typeof WANTED_PARTS)[number];

function isWantedPart(type: Intl.DateTimeFormatPartTypes): type is WantedPart {
  return (WANTED_PARTS as readonly string[]).includes(type);
}

/**
 * Intl orders parts by locale ("10:00 23/02/2026" in vi-VN), but officers read dates the way the
 * legal forms print them, date first. So we take the parts from Intl, in the right zone and
 * language, and assemble them in one fixed order per language.
 */
function createPartsReader(locale: string): (ms: number) => DateParts {
  const numeric = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const monthName = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, month: 'long' });
  const fromIntl = (ms: number): DateParts => {
    const parts: DateParts = {
      weekday: '',
      day: '',
      month: '',
      monthName: '',
      year: '',
      hour: '',
      minute: '',
    };
    for (const part of numeric.formatToParts(ms)) {
      if (isWantedPart(part.type)) parts[part.type] = part.value;
    }
    parts.monthName = monthName.format(ms);
    return parts;
  };
  // formatToParts is the costly part, and a scrolling grid formats instants by the hundred, nearly
  // all of them different. Since the zone's offset is fixed, the day's parts come from Intl once
  // per day (bounded, dropped wholesale when full) and the time of day is arithmetic.
  const days = new Map<number, DateParts>();
  return (ms) => {
    if (!(ms >= FIXED_OFFSET_SINCE) || !Number.isFinite(ms)) return fromIntl(ms);
    const local = ms + OFFSET_MS;
    const dayNumber = Math.floor(local / DAY_MS);
    let day = days.get(dayNumber);
    if (!day) {
      day = fromIntl(dayNumber * DAY_MS - OFFSET_MS + DAY_MS / 2);
      if (days.size >= PARTS_CACHE_SIZE) days.clear();
      days.set(dayNumber, day);
    }
    const minutes = Math.floor((local - dayNumber * DAY_MS) / 60_000);
    return { ...day, hour: twoDigits(Math.floor(minutes / 60)), minute: twoDigits(minutes % 60) };
  };
}

/**
 * Asia/Ho_Chi_Minh has been UTC+07:00, with no daylight saving, since 13 June 1975 00:00 (the
 * zone's history in the tz database); earlier instants go through Intl every time.
 */
const OFFSET_MS = 7 * 3_600_000;
const FIXED_OFFSET_SINCE = Date.UTC(1975, 5, 12, 17, 0);
const DAY_MS = 86_400_000;

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const PARTS_CACHE_SIZE = 4_096;

function capitalizeWords(text: string): string {
  return text.replace(
    /(^|\s)(\p{Ll})/gu,
    (_, space: string, letter: string) => space + letter.toUpperCase(),
  );
}

/** A fresh formatter; most code wants the shared one from getFormatter(). */
export function createFormatter(language: Language): Formatter {
  const locale = LOCALES[language];
  const read = createPartsReader(locale);
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const moneyFormat = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'VND',
    maximumFractionDigits: 0,
  });
  const date = (p: DateParts) => `${p.day}/${p.month}/${p.year}`;
  const time = (p: DateParts) => `${p.hour}:${p.minute}`;
  const longDate = (p: DateParts) =>
    language === 'vi'
      ? `${capitalizeWords(p.weekday)}, ${date(p)}`
      : `${p.weekday}, ${Number(p.day)} ${p.monthName} ${p.year}`;

  return {
    language,
    longDate: (ms) => longDate(read(ms)),
    longDateTime: (ms) => {
      const p = read(ms);
      return language === 'vi' ? `${longDate(p)} ${time(p)}` : `${longDate(p)}, ${time(p)}`;
    },
    date: (ms) => date(read(ms)),
    dateTime: (ms) => {
      const p = read(ms);
      return `${date(p)} ${time(p)}`;
    },
    time: (ms) => time(read(ms)),
    number: (n) => numberFormat.format(n),
    money: (dong) => moneyFormat.format(dong),
  };
}

const cache = new Map<Language, Formatter>();

/** Intl formatters are costly to build and cheap to use: one set per language, shared. */
export function getFormatter(language: Language): Formatter {
  let formatter = cache.get(language);
  if (!formatter) {
    formatter = createFormatter(language);
    cache.set(language, formatter);
  }
  return formatter;
}
