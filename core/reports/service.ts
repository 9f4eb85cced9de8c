import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportFormat, ExportJob, MethodParsedInput, ReportId } from '@shared/contract/api';
import { ApiFailure } from '@shared/contract/envelope';
import type { Handlers } from '../dispatch';
import type { CoreEvents } from '../events';
import type { CalendarSource } from '../services/calendar';
import type { SessionSource } from '../services/session';
import type { Db } from '../store/db';
import type { Repositories } from '../store/repos';
import { dashboard, scorecard } from './dashboard';
import { ExportCancelled, ExportPathError, MIME_TYPES, exportReport } from './export';
import type { ScorecardSettings } from './settings';
import { resolvePeriod, resolveSubject } from './subject';
import { reportSource, reportTable, type ReportContext } from './tables';

/**
 * The supervisors' desk over the contract (`reports.*`): figures and tables on demand, exports
 * as background jobs. A job writes its file in the system's temporary folder (under a temporary
 * name until complete), reports progress as `reports.export` events, and is read back in pieces
 * by the window, which saves it where the officer picks (a download); a cancelled or failed job
 * leaves no file.
 */

export interface ReportServiceDeps {
  readonly db: Db;
  readonly repos: Repositories;
  readonly clock: () => number;
  readonly calendar: CalendarSource;
  readonly session: SessionSource;
  readonly events: CoreEvents;
  readonly settings: () => ScorecardSettings;
  /** Where export files wait to be downloaded. */
  readonly exportDir?: string;
}

type ReportInput = MethodParsedInput<'reports.table'>;

interface Job {
  state: ExportJob;
  path: string;
  cancelled: boolean;
}

const EXTENSIONS: Readonly<Record<ExportFormat, string>> = { xlsx: 'xlsx', csv: 'csv', pdf: 'pdf' };

/** The file name offered for a report: what, where, when. */
export function exportFileName(
  report: ReportId,
  from: string,
  to: string,
  format: ExportFormat,
): string {
  const what = report === 'statistics' ? 'bieu-06-VPCP-KSTT' : report;
  return `${what}_${from}_${to}.${EXTENSIONS[format]}`;
}

export function reportContext(
  deps: Pick<ReportServiceDeps, 'db' | 'repos' | 'clock' | 'calendar' | 'session'>,
  input: Pick<ReportInput, 'period' | 'unitId' | 'now' | 'filter' | 'language'>,
): ReportContext {
  const now = input.now ?? deps.clock();
  const period = resolvePeriod(input.period, now);
  const subject = resolveSubject(deps.db, deps.session(), input.unitId);
  const records = deps.repos.records('dossier');
  return {
    db: deps.db,
    period,
    subject,
    now,
    calendar: deps.calendar.get(),
    language: input.language,
    filter: input.filter,
    history: (id) => records.history(id),
  };
}

export function createReportService(deps: ReportServiceDeps) {
  const jobs = new Map<string, Job>();
  const dir = deps.exportDir ?? join(tmpdir(), 'mot-cua-exports');

  const job = (jobId: string): Job => {
    const found = jobs.get(jobId);
    if (!found) throw new ApiFailure('NOT_FOUND', `jobId: there is no export ${jobId}`);
    return found;
  };
  const publish = (j: Job) => deps.events.emit('reports.export', { ...j.state });

  const handlers: Pick<
    Handlers,
    | 'reports.dashboard'
    | 'reports.scorecard'
    | 'reports.table'
    | 'reports.exportStart'
    | 'reports.exportStatus'
    | 'reports.exportCancel'
    | 'reports.exportRead'
    | 'reports.exportDiscard'
  > = {
    'reports.dashboard': (input) => {
      const now = input.now ?? deps.clock();
      const period = resolvePeriod(input.period, now);
      const subject = resolveSubject(deps.db, deps.session(), input.unitId);
      return dashboard(deps.db, period, subject, now, deps.calendar.get());
    },
    'reports.scorecard': (input) => {
      const now = input.now ?? deps.clock();
      const period = resolvePeriod(input.period, now);
      const subject = resolveSubject(deps.db, deps.session(), input.unitId);
      return scorecard(deps.db, period, subject, now, deps.calendar.get(), deps.settings());
    },
    'reports.table': (input) => reportTable(input.report, reportContext(deps, input), input.limit),
    'reports.exportStart': (input) => {
      const ctx = reportContext(deps, input);
      const source = reportSource(input.report, ctx);
      mkdirSync(dir, { recursive: true });
      const jobId = randomUUID();
      const path = join(dir, `${jobId}.${EXTENSIONS[input.format]}`);
      const j: Job = {
        path,
        cancelled: false,
        state: {
          jobId,
          state: 'running',
          done: 0,
          total: source.totalRows,
          fileName: exportFileName(input.report, ctx.period.from, ctx.period.to, input.format),
          bytes: 0,
          mimeType: MIME_TYPES[input.format],
          error: null,
        },
      };
      jobs.set(jobId, j);
      let last = 0;
      void exportReport(source, input.format, path, {
        producedAt: ctx.now,
        cancelled: () => j.cancelled,
        progress: (done, total) => {
          j.state = { ...j.state, done, total };
          // A bar moves smoothly enough at a few updates a second.
          const t = performance.now();
          if (t - last > 200) {
            last = t;
            publish(j);
          }
        },
      }).then(
        ({ bytes }) => {
          j.state = {
            ...j.state,
            state: 'done',
            bytes,
            done: Math.max(j.state.done, j.state.total),
          };
          publish(j);
        },
        (error: unknown) => {
          j.state =
            error instanceof ExportCancelled
              ? { ...j.state, state: 'cancelled' }
              : {
                  ...j.state,
                  state: 'failed',
                  error:
                    error instanceof ExportPathError
                      ? error.message
                      : String((error as Error).message ?? error),
                };
          publish(j);
        },
      );
      return { ...j.state };
    },
    'reports.exportStatus': ({ jobId }) => ({ ...job(jobId).state }),
    'reports.exportCancel': ({ jobId }) => {
      const j = job(jobId);
      if (j.state.state === 'running') j.cancelled = true;
      return { ...j.state };
    },
    'reports.exportRead': ({ jobId, offset, length }) => {
      const j = job(jobId);
      if (j.state.state !== 'done') {
        throw new ApiFailure('CONFLICT', `jobId: the export is ${j.state.state}, not done`);
      }
      const buffer = Buffer.alloc(Math.min(length, Math.max(0, j.state.bytes - offset)));
      const fd = openSync(j.path, 'r');
      try {
        const read = buffer.length > 0 ? readSync(fd, buffer, 0, buffer.length, offset) : 0;
        return {
          base64: buffer.subarray(0, read).toString('base64'),
          bytes: read,
          eof: offset + read >= j.state.bytes,
        };
      } finally {
        closeSync(fd);
      }
    },
    'reports.exportDiscard': ({ jobId }) => {
      const j = jobs.get(jobId);
      if (!j) return { discarded: false };
      j.cancelled = true;
      jobs.delete(jobId);
      rmSync(j.path, { force: true });
      return { discarded: true };
    },
  };
  return {
    handlers,
    close: () => {
      for (const j of jobs.values()) {
        j.cancelled = true;
        rmSync(j.path, { force: true });
      }
      jobs.clear();
    },
  };
}
