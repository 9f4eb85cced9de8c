/**
 * `npm run report -- statistics|late|complaints|workload --unit ID --from YYYY-MM-DD
 *   --to YYYY-MM-DD --format xlsx|csv|pdf --out FILE [--data-dir DIR] [--language vi|en]`
 * Writes one of the supervisors' reports from the local store without a window, for scheduled
 * jobs: the same tables and files as the workbench's exports (core/reports). The file appears
 * only when complete (written under a temporary name and renamed); an error names what is wrong
 * and leaves no file. The CLI has no signed-in officer: it reports on any unit of the store.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '@shared/clock';
import { ApiFailure } from '@shared/contract/envelope';
import { EXPORT_FORMATS, REPORTS, type ExportFormat, type ReportId } from '@shared/contract/api';
import { IsoDateSchema } from '@shared/domain/calendar/schemas';
import { STORE_FILE, createCore } from '../app';
import { createCalendarSource } from '../services/calendar';
import { exportReport } from '../reports/export';
import { reportContext } from '../reports/service';
import { reportSource } from '../reports/tables';

export const USAGE =
  'usage: npm run report -- statistics|late|complaints|workload --unit ID --from YYYY-MM-DD --to YYYY-MM-DD --format xlsx|csv|pdf --out FILE [--data-dir DIR] [--language vi|en]';

export interface ReportCommand {
  readonly report: Exclude<ReportId, 'records'>;
  readonly unitId: string | undefined;
  readonly from: string;
  readonly to: string;
  readonly format: ExportFormat;
  readonly out: string;
  readonly dataDir: string;
  readonly language: 'vi' | 'en';
}

const CLI_REPORTS = REPORTS.filter((r): r is Exclude<ReportId, 'records'> => r !== 'records');

/** The command line as a request, or the sentence that says what is wrong with it. */
export function parseReportArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  cwd = '.',
): ReportCommand | { readonly error: string } | { readonly help: true } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        unit: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string' },
        language: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return { error: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const report = positionals[0];
  if (report === undefined) return { error: `name the report: ${CLI_REPORTS.join(', ')}` };
  if (!(CLI_REPORTS as string[]).includes(report)) {
    return { error: `unknown report "${report}": one of ${CLI_REPORTS.join(', ')}` };
  }
  for (const name of ['from', 'to'] as const) {
    const value = values[name];
    if (value === undefined) return { error: `--${name} YYYY-MM-DD is required` };
    if (!IsoDateSchema.safeParse(value).success) {
      return { error: `--${name} ${value}: not a date (YYYY-MM-DD)` };
    }
  }
  const from = values.from as string;
  const to = values.to as string;
  if (to < from)
    return { error: `--to ${to} is before --from ${from}: the period ends before it starts` };
  const format = values.format;
  if (format === undefined || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    return { error: `--format must be one of ${EXPORT_FORMATS.join(', ')}` };
  }
  if (values.out === undefined || values.out.trim() === '')
    return { error: '--out FILE is required' };
  const language = values.language ?? 'vi';
  if (language !== 'vi' && language !== 'en') return { error: '--language must be vi or en' };
  return {
    report: report as ReportCommand['report'],
    unitId: values.unit,
    from,
    to,
    format: format as ExportFormat,
    out: resolve(cwd, values.out),
    dataDir: resolve(cwd, values['data-dir'] ?? env.WORKBENCH_DATA_DIR ?? join(cwd, '.data')),
    language,
  };
}

export async function runReportCommand(command: ReportCommand): Promise<string> {
  if (!existsSync(join(command.dataDir, STORE_FILE))) {
    throw new Error(
      `no local store in ${command.dataDir} (npm run seed -- --data-dir DIR fills one)`,
    );
  }
  const core = createCore({ dataDir: command.dataDir, host: 'browser', startSync: false });
  try {
    const repos = core.sync.cache.repositories;
    const ctx = reportContext(
      {
        db: core.db,
        repos,
        clock: systemClock,
        calendar: createCalendarSource(repos.directory),
        session: () => ({ officer: null, scopeUnitIds: [] }),
      },
      {
        period: { from: command.from, to: command.to },
        unitId: command.unitId,
        language: command.language,
        filter: undefined,
        now: undefined,
      },
    );
    const source = reportSource(command.report, ctx);
    const { bytes } = await exportReport(source, command.format, command.out, {
      producedAt: ctx.now,
    });
    return `${source.head.title} — ${source.totalRows} rows, ${bytes} bytes → ${command.out}`;
  } finally {
    core.close();
  }
}

async function main(): Promise<number> {
  const parsed = parseReportArgs(process.argv.slice(2), process.env, process.cwd());
  if ('help' in parsed) {
    console.log(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    console.error(`report: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  try {
    console.log(await runReportCommand(parsed));
    return 0;
  } catch (error) {
    const message =
      error instanceof ApiFailure || error instanceof Error ? error.message : String(error);
    console.error(`report: ${message}; no file written`);
    return 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = await main();
}
