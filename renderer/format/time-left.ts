import type { DeadlineState } from '@shared/model/codes';
import type { TFunction } from 'i18next';

/**
 * Working time left, as officers say it: "còn 1 ngày 3 giờ", "quá hạn 2 giờ". The core computes
 * the working milliseconds with the unit's calendar (lunar holidays, yearly overrides); this only
 * cuts them into working days, hours and minutes. A working day is the default 8 office hours:
 * the renderer does not know a unit's own office hours, and the statutory durations it is read
 * against ("3 ngày làm việc") are counted in the same 8-hour days.
 */
export const OFFICE_MS_PER_DAY = 8 * 60 * 60 * 1000;

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** At most two units, largest first; zero parts are left out. */
export interface WorkingSpan {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

export type TimeLeft =
  | { readonly kind: 'left'; readonly span: WorkingSpan }
  | { readonly kind: 'over'; readonly span: WorkingSpan }
  /** Less than a minute either side of the due moment. */
  | { readonly kind: 'due_now' };

/**
 * Cuts a duration into days + hours, or hours + minutes, or minutes, always rounding down: an
 * officer reading "còn 3 giờ" never has less than three hours, and "quá hạn 2 giờ" never means
 * fewer than two hours late.
 */
export function splitWorkingTime(ms: number, msPerDay: number = OFFICE_MS_PER_DAY): WorkingSpan {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / msPerDay);
  const rest = abs - days * msPerDay;
  const hours = Math.floor(rest / HOUR_MS);
  const minutes = Math.floor((rest - hours * HOUR_MS) / MINUTE_MS);
  if (days > 0) return { days, hours, minutes: 0 };
  if (hours > 0) return { days: 0, hours, minutes };
  return { days: 0, hours: 0, minutes };
}

/** Null when no clock runs (not yet accepted, waiting for documents, finished). */
export function timeLeft(
  workingMsLeft: number | null,
  msPerDay: number = OFFICE_MS_PER_DAY,
): TimeLeft | null {
  if (workingMsLeft === null || !Number.isFinite(workingMsLeft)) return null;
  if (Math.abs(workingMsLeft) < MINUTE_MS) return { kind: 'due_now' };
  const span = splitWorkingTime(workingMsLeft, msPerDay);
  return workingMsLeft > 0 ? { kind: 'left', span } : { kind: 'over', span };
}

/** The translation keys a span is written with, in order, with their counts. */
export function spanParts(
  span: WorkingSpan,
): readonly { readonly unit: 'days' | 'hours' | 'minutes'; readonly n: number }[] {
  const parts: { unit: 'days' | 'hours' | 'minutes'; n: number }[] = [];
  if (span.days > 0) parts.push({ unit: 'days', n: span.days });
  if (span.hours > 0) parts.push({ unit: 'hours', n: span.hours });
  if (span.minutes > 0) parts.push({ unit: 'minutes', n: span.minutes });
  return parts;
}

/**
 * Which text the due column shows for a row: the time left while a clock runs; the kept time
 * while fees are owed; the outcome once finished. `workingMsLeft` is the core's (at list time).
 */
export type DueText =
  | { readonly kind: 'time'; readonly time: TimeLeft }
  | { readonly kind: 'paused'; readonly kept: TimeLeft | null }
  | { readonly kind: 'state'; readonly state: DeadlineState }
  | { readonly kind: 'none' };

export function dueText(state: DeadlineState, workingMsLeft: number | null): DueText {
  switch (state) {
    case 'paused':
      return { kind: 'paused', kept: timeLeft(workingMsLeft) };
    case 'finished_on_time':
    case 'finished_late':
      return { kind: 'state', state };
    case 'on_track':
    case 'due_soon':
    case 'overdue': {
      const time = timeLeft(workingMsLeft);
      return time ? { kind: 'time', time } : { kind: 'none' };
    }
  }
}

/** Just what the text needs of i18next's `t`, so tests can pass the real one or a stub. */
export type Translate = TFunction;

/** "1 ngày 3 giờ", "2 giờ 15 phút", "40 phút". */
export function spanText(t: Translate, span: WorkingSpan, number: (n: number) => string): string {
  const parts = spanParts(span);
  if (parts.length === 0) return t('timeLeft.minutes', { count: 0, n: number(0) });
  return parts.map((p) => t(`timeLeft.${p.unit}`, { count: p.n, n: number(p.n) })).join(' ');
}

/** "còn 1 ngày 3 giờ", "quá hạn 2 giờ", "đến hạn". */
export function timeLeftText(t: Translate, time: TimeLeft, number: (n: number) => string): string {
  switch (time.kind) {
    case 'due_now':
      return t('timeLeft.dueNow');
    case 'left':
      return t('timeLeft.left', { span: spanText(t, time.span, number) });
    case 'over':
      return t('timeLeft.over', { span: spanText(t, time.span, number) });
  }
}

/** The due column's text; null when it has nothing to say (no clock and no outcome). */
export function dueTextLabel(
  t: Translate,
  due: DueText,
  number: (n: number) => string,
): string | null {
  switch (due.kind) {
    case 'time':
      return timeLeftText(t, due.time, number);
    case 'paused':
      return due.kept && due.kept.kind === 'left'
        ? t('timeLeft.pausedKept', { span: spanText(t, due.kept.span, number) })
        : t('timeLeft.paused');
    case 'state':
      return t(`deadline.${due.state}`);
    case 'none':
      return null;
  }
}
