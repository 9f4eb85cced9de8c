import { toNfc } from '@shared/domain/text';
import type { RuleCode } from '@shared/domain/rules';
import type { vi } from '../i18n/resources/vi';

/**
 * What action forms share: how typed text becomes payload values (NFC, trimmed, optional fields
 * left out), how money and appointments are read, and how a problem is named for the officer.
 * A form never sends what its schema would refuse; it says why in the officer's words instead.
 */

/** Bounds of the model's ShortText and LongText (shared/model/schemas.ts). */
export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 10_000;
/** Largest fee the contract accepts, in đồng. */
export const MAX_DONG = 100_000_000_000;

type FormErrorName = keyof typeof vi.actionForm.errors;

/** A problem with one field: a domain rule (the same words the core would refuse with) or a form message. */
export type FieldError =
  | { readonly rule: RuleCode }
  | { readonly message: FormErrorName; readonly values?: Readonly<Record<string, string>> };

/** Problems by field path ("reason", "missingDocuments.2", "fees.0.amount"). */
export type FormErrors = Readonly<Record<string, FieldError>>;

export type Built<A> =
  { readonly ok: true; readonly action: A } | { readonly ok: false; readonly errors: FormErrors };

/** Collects problems while a payload is built; `done` answers the payload or the problems. */
export class ErrorCollector {
  readonly #errors: Record<string, FieldError> = {};

  rule(path: string, rule: RuleCode): void {
    this.#errors[path] ??= { rule };
  }

  message(path: string, message: FormErrorName, values?: Record<string, string>): void {
    this.#errors[path] ??= values ? { message, values } : { message };
  }

  get empty(): boolean {
    return Object.keys(this.#errors).length === 0;
  }

  done<A>(build: () => A): Built<A> {
    return this.empty ? { ok: true, action: build() } : { ok: false, errors: { ...this.#errors } };
  }
}

/** Text as stored: NFC (some keyboards type decomposed Vietnamese), without outer spaces. */
export function clean(text: string): string {
  return toNfc(text).trim();
}

/** A required text: its cleaned value, or the rule that asks for it (and a length check). */
export function requiredText(
  errors: ErrorCollector,
  path: string,
  text: string,
  rule: RuleCode,
  max: number = LONG_TEXT_MAX,
): string {
  const value = clean(text);
  if (value === '') errors.rule(path, rule);
  else if (value.length > max) errors.message(path, 'tooLong');
  return value;
}

/** An optional text: left out of the payload when blank, so strict schemas see no empty field. */
export function optionalText(
  errors: ErrorCollector,
  path: string,
  text: string,
  max: number = LONG_TEXT_MAX,
): string | undefined {
  const value = clean(text);
  if (value.length > max) errors.message(path, 'tooLong');
  return value === '' ? undefined : value;
}

/** `{ key: value }` when the value is defined, `{}` otherwise: for optional payload fields. */
export function maybe<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const GROUPED = /^\d{1,3}(?:[.,\s\u00a0]\d{3})+$/;
const PLAIN = /^\d+$/;
const CURRENCY = /\s*(?:₫|đồng|đ|vnd|vnđ)\.?$/i;

/**
 * Reads an amount in đồng as officers type it: "200.000", "200,000", "200 000", "200000",
 * with or without "đ"/"₫"/"VND". Đồng has no minor unit, so "200.5" or "1,5" is refused rather
 * than guessed at. Null when it is not a whole positive amount the contract accepts.
 */
export function parseDong(text: string): number | null {
  const raw = clean(text).replace(CURRENCY, '').trim();
  if (!GROUPED.test(raw) && !PLAIN.test(raw)) return null;
  const value = Number(raw.replace(/[.,\s\u00a0]/g, ''));
  return Number.isSafeInteger(value) && value >= 1 && value <= MAX_DONG ? value : null;
}

/**
 * The inverse, for prefilling a form from an action that carried an amount: "200.000", as the
 * officer typed it and as the fee total shows it (dots between thousands, no currency sign).
 */
export function formatDong(amount: number): string {
  return String(Math.trunc(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** As officers write dates, day first: 25/02/2026 (also 25-02-2026, 25.02.2026). */
const VN_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const TIME = /^(\d{1,2})[:hg](\d{2})$/i;

/**
 * An appointment typed as a date ("25/02/2026", day first as on the legal forms; ISO also read)
 * and a time ("17:00", "17h00"), read in Asia/Ho_Chi_Minh whatever zone the computer is set to:
 * appointments are legal facts in Vietnam's time. Null for impossible dates (31/02) or times.
 * Plain text fields, not the browser's date picker, which follows the browser's own language
 * (mm/dd/yyyy in an English browser) rather than the workbench's.
 */
export function vietnamDateTimeToMillis(date: string, time: string): number | null {
  const iso = ISO_DATE.exec(date.trim());
  const vn = VN_DATE.exec(date.trim());
  const t = TIME.exec(time.trim());
  if ((!iso && !vn) || !t) return null;
  const [year, month, day] = (iso ? [iso[1], iso[2], iso[3]] : [vn?.[3], vn?.[2], vn?.[1]]).map(
    Number,
  ) as [number, number, number];
  const [hour, minute] = [t[1], t[2]].map(Number) as [number, number];
  if (hour > 23 || minute > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return null;
  if (check.getUTCDate() !== day) return null;
  return utc - VIETNAM_OFFSET_MS;
}

/** The inverse ("25/02/2026", "17:00"), for prefilling a form from an action that carried one. */
export function millisToVietnamDateTime(ms: number): { date: string; time: string } {
  const local = new Date(ms + VIETNAM_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
  };
}

/** A list the officer types line by line: blank lines are not entries. */
export function filledLines(lines: readonly string[]): { index: number; value: string }[] {
  return lines
    .map((line, index) => ({ index, value: clean(line) }))
    .filter((line) => line.value !== '');
}
