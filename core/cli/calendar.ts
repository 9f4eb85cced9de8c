/**
 * `npm run --silent calendar -- …`: lets administrators and trainers check the working-day
 * calendar the product runs, with machine-readable output:
 *
 *   holidays 2027                                   one JSON object per line, date order
 *   due --from 2026-02-13T10:00:00+07:00 --days 3   the due moment, ISO-8601 with +07:00
 *   --overrides FILE                                per-year official schedules (JSON)
 *
 * The logic is runCalendarCli(argv, io), so tests drive it without a process.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  CalendarOverridesSchema,
  WorkingCalendar,
  describeIssue,
  formatInstant,
  parseInstant,
  type CalendarOverrides,
} from '@shared/domain/calendar';

export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Reads a UTF-8 file; throws when it cannot. */
  readFile(path: string): string;
}

/** Exit codes: 0 done, 2 bad usage, 1 a bad or unreadable overrides file. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Longest duration the `due` command accepts: ten years of working days is plenty. */
const MAX_DAYS = 2_600;

export const USAGE = `Usage: npm run --silent calendar -- <command> [options]

Commands:
  holidays <year>                 Print every non-working weekday of <year> (${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}),
                                  one JSON object per line: {"date":"YYYY-MM-DD","name":"…"}
  due --from <instant> --days <n> Print the due moment of <n> working days from <instant>
                                  (ISO-8601 with an offset, e.g. 2026-02-13T10:00:00+07:00)

Options:
  --overrides <file>  JSON of per-year official schedules, which win over the default calendar:
                      {"2026": {"daysOff": ["2026-08-31"], "workingDays": ["2026-08-22"]}}
  -h, --help          Show this help

Times are Asia/Ho_Chi_Minh (UTC+07:00); office hours 08:00–12:00 and 13:00–17:00.`;

class UsageError extends Error {}
class InputError extends Error {}

function loadOverrides(path: string | undefined, io: CliIo): CalendarOverrides {
  if (path === undefined) return {};
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot read overrides file ${path}: ${reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`overrides file ${path} is not valid JSON: ${reason}`);
  }
  const parsed = CalendarOverridesSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(`overrides file ${path}: ${describeIssue(parsed.error)}`);
  }
  return parsed.data;
}

function parseYear(text: string | undefined): number {
  if (text === undefined) throw new UsageError('holidays needs a year, e.g. holidays 2027');
  if (!/^\d{4}$/.test(text)) throw new UsageError(`year must be four digits, got "${text}"`);
  const year = Number(text);
  if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new UsageError(`year must be between ${CALENDAR_MIN_YEAR} and ${CALENDAR_MAX_YEAR}`);
  }
  return year;
}

function parseDays(text: string | undefined): number {
  if (text === undefined) throw new UsageError('due needs --days <n>');
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`--days must be a whole number of working days ≥ 0, got "${text}"`);
  }
  const days = Number(text);
  if (days > MAX_DAYS) throw new UsageError(`--days must be at most ${MAX_DAYS}`);
  return days;
}

function parseFrom(text: string | undefined): number {
  if (text === undefined) throw new UsageError('due needs --from <instant>');
  const from = parseInstant(text);
  if (from === null) {
    throw new UsageError(
      `--from must be an ISO-8601 moment with an offset, e.g. 2026-02-13T10:00:00+07:00; got "${text}"`,
    );
  }
  return from;
}

const VALUE_OPTIONS = new Set(['--overrides', '--from', '--days']);

/**
 * parseArgs refuses `--days -3` as ambiguous; joining it to `--days=-3` lets the value checks
 * below answer with the real problem (a negative number).
 */
function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    if (VALUE_OPTIONS.has(arg) && next !== undefined && /^-[^-]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function run(argv: readonly string[], io: CliIo): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinDashValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        overrides: { type: 'string' },
        from: { type: 'string' },
        days: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.split('\n')[0] ?? message} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(USAGE);
    return;
  }
  const [command, ...rest] = positionals;
  switch (command) {
    case 'holidays': {
      if (values.from !== undefined || values.days !== undefined) {
        throw new UsageError('holidays takes a year and --overrides only');
      }
      if (rest.length > 1) throw new UsageError(`unexpected argument "${rest[1] ?? ''}"`);
      const year = parseYear(rest[0]);
      const calendar = new WorkingCalendar({ overrides: loadOverrides(values.overrides, io) });
      for (const day of calendar.nonWorkingWeekdays(year)) {
        io.stdout(JSON.stringify({ date: day.date, name: day.name }));
      }
      return;
    }
    case 'due': {
      if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0] ?? ''}"`);
      const from = parseFrom(values.from);
      const days = parseDays(values.days);
      const calendar = new WorkingCalendar({ overrides: loadOverrides(values.overrides, io) });
      io.stdout(formatInstant(calendar.addWorkingDays(from, days)));
      return;
    }
    case undefined:
      throw new UsageError('missing command (holidays or due); see --help');
    default:
      throw new UsageError(`unknown command "${command}" (expected holidays or due); see --help`);
  }
}

/** Runs the tool; returns the exit code. Errors go to stderr as one line, never as a stack. */
export function runCalendarCli(argv: readonly string[], io: CliIo): number {
  try {
    run(argv, io);
    return EXIT_OK;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`calendar: ${message}`);
    if (error instanceof UsageError) return EXIT_USAGE;
    // A calendar range error (a due moment beyond the calendar's years) is the input's fault too.
    if (error instanceof InputError || error instanceof RangeError) return EXIT_FAILURE;
    throw error;
  }
}

export const nodeIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => readFileSync(path, 'utf8'),
};

function isMain(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) process.exitCode = runCalendarCli(process.argv.slice(2), nodeIo);
