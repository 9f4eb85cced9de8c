import { z } from 'zod';
import { LUNAR_MAX_YEAR, LUNAR_MIN_YEAR } from '../lunar';
import { dayOfIsoDate } from './time';

/** Years the working-day calendar can compute (the lunar series' trusted range). */
export const CALENDAR_MIN_YEAR = LUNAR_MIN_YEAR;
export const CALENDAR_MAX_YEAR = LUNAR_MAX_YEAR;

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date written YYYY-MM-DD' })
  .refine((s) => dayOfIsoDate(s) !== null, { error: 'not a real calendar date' });

const DateList = z.array(IsoDateSchema).max(366);

/** The official schedule of one year: what differs from the default calendar. */
export const YearOverridesSchema = z.strictObject({
  /** Extra days off (e.g. 2026-08-31), or default holidays restated. */
  daysOff: DateList.default([]),
  /** Days that are working days whatever the default says (make-up Saturdays, e.g. 2026-08-22). */
  workingDays: DateList.default([]),
});
export type YearOverrides = z.output<typeof YearOverridesSchema>;

/**
 * Per-year official schedules, keyed by year: `{"2026": {"daysOff": [...], "workingDays": [...]}}`.
 * The same structure is what administrators edit and what the central API syncs.
 */
export const CalendarOverridesSchema = z
  .record(z.string().regex(/^\d{4}$/, { error: 'expected a four-digit year' }), YearOverridesSchema)
  .superRefine((overrides, ctx) => {
    for (const [year, lists] of Object.entries(overrides)) {
      const y = Number(year);
      if (y < CALENDAR_MIN_YEAR || y > CALENDAR_MAX_YEAR) {
        ctx.addIssue({
          code: 'custom',
          path: [year],
          message: `year must be between ${CALENDAR_MIN_YEAR} and ${CALENDAR_MAX_YEAR}`,
        });
      }
      const seen = new Map<string, 'daysOff' | 'workingDays'>();
      for (const list of ['daysOff', 'workingDays'] as const) {
        lists[list].forEach((date, i) => {
          if (!date.startsWith(`${year}-`)) {
            ctx.addIssue({
              code: 'custom',
              path: [year, list, i],
              message: `${date} is not in ${year}`,
            });
          }
          const other = seen.get(date);
          if (other !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [year, list, i],
              message:
                other === list
                  ? `${date} is listed twice`
                  : `${date} is both a day off and a working day`,
            });
          }
          seen.set(date, list);
        });
      }
    }
  });
export type CalendarOverrides = z.output<typeof CalendarOverridesSchema>;
export type CalendarOverridesInput = z.input<typeof CalendarOverridesSchema>;

const Minute = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

/**
 * Office hours of a unit as [start, end) intervals in minutes after local midnight, in order and
 * not overlapping. Default 08:00–12:00 and 13:00–17:00.
 */
export const OfficeHoursSchema = z
  .array(z.tuple([Minute, Minute]))
  .min(1)
  .max(12)
  .superRefine((intervals, ctx) => {
    let previousEnd = 0;
    intervals.forEach(([start, end], i) => {
      if (start >= end) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: 'an interval must end after it starts',
        });
      } else if (start < previousEnd) {
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: 'intervals must be in order and must not overlap',
        });
      }
      previousEnd = Math.max(previousEnd, end);
    });
  });
export type OfficeHours = readonly (readonly [number, number])[];

export const DEFAULT_OFFICE_HOURS: OfficeHours = [
  [8 * 60, 12 * 60],
  [13 * 60, 17 * 60],
];

/** One readable line for the first problem of a failed parse, naming the field, e.g. `2026.daysOff[0]: …`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid value';
  // A bad record key reports "Invalid key in record"; the key's own issue says what is wrong.
  const message =
    issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  let where = '';
  for (const key of issue.path) {
    if (typeof key === 'number') where += `[${key}]`;
    else where += where === '' ? String(key) : `.${String(key)}`;
  }
  return where === '' ? message : `${where}: ${message}`;
}
