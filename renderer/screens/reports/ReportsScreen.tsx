import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierFigure, ExportFormat, ReportId, ReportTable } from '@shared/contract/api';
import { figureFilter } from '@shared/reports/figures';
import { useApi } from '../../api/context';
import { useFormatter } from '../../format/useFormatter';
import type { Formatter } from '../../format/format';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useNow } from '../../ui/useNow';
import type { WorkbenchHandle } from '../registry';
import { DrillDown } from '../dashboard/DrillDown';
import type { Drill } from '../dashboard/dashboard-model';
import { PeriodBar } from '../dashboard/PeriodBar';
import { useLiveQuery, useScope } from '../dashboard/useSupervision';
import { FORMATS, runExport, type ExportProgress, type RunningExport } from './export-download';
import '../dashboard/supervision.css';

const REPORT_CHOICES: readonly Exclude<ReportId, 'records'>[] = [
  'statistics',
  'late',
  'complaints',
  'workload',
];

/** The screen's rows of a report (the export has all of them). */
const SCREEN_ROWS = 500;

function cellText(
  f: Formatter,
  value: string | number | null,
  kind: ReportTable['columns'][number]['kind'],
): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'instant':
      return f.dateTime(value);
    case 'rate':
      return `${f.number(Math.round(value * 1000) / 10)} %`;
    case 'days':
    case 'int':
    case 'text':
      return f.number(value);
  }
}

/**
 * Biểu 06/VPCP/KSTT and the other reports (late dossiers, complaints by clock, workload) in the
 * official layout, each count opening its grid, and exported to Excel, CSV or PDF in the
 * background with a progress bar and a cancel button.
 */
export function ReportsScreen({ workbench }: Readonly<{ workbench: WorkbenchHandle }>) {
  const { t, i18n } = useTranslation();
  const f = useFormatter();
  const client = useApi();
  const scope = useScope();
  const now = useNow();
  const [report, setReport] = useState<Exclude<ReportId, 'records'>>('statistics');
  const [drill, setDrill] = useState<Drill | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const running = useRef<RunningExport | null>(null);
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const base = {
    report,
    period: scope.choice.range,
    ...(scope.unitId && !scope.mine ? { unitId: scope.unitId } : {}),
    language,
  } as const;
  const table = useLiveQuery(client, 'reports.table', { ...base, limit: SCREEN_ROWS });
  const data = table.value;

  if (drill) {
    return (
      <DrillDown
        drill={drill}
        onClose={() => setDrill(null)}
        signedIn={workbench.signedIn}
        officerId={workbench.officerId}
      />
    );
  }

  const start = (format: ExportFormat) => {
    running.current?.cancel();
    running.current = runExport(client, { ...base, format }, setProgress);
  };
  const busy = progress?.phase === 'running' || progress?.phase === 'downloading';
  const openCell = (row: ReportTable['rows'][number], figure: string, n: number) => {
    if (!data || !row.scope) return;
    const scopeOf = {
      ...(row.scope.unitIds ? { unitIds: row.scope.unitIds } : {}),
      ...(row.scope.fieldCode !== undefined ? { fieldCode: row.scope.fieldCode } : {}),
      ...(row.scope.assigneeId !== undefined ? { assigneeId: row.scope.assigneeId } : {}),
      ...(data.subject.assigneeId !== null ? { assigneeId: data.subject.assigneeId } : {}),
    };
    setDrill({
      kind: 'dossier',
      filter: figureFilter(figure as DossierFigure, data.period, scopeOf),
      label: `${String(row.cells[1] ?? '')} · ${t(`supervision.figures.${figure as DossierFigure}`)}`,
      count: n,
    });
  };

  return (
    <div className="supervision" data-testid="reports">
      <header className="supervision__head">
        <h1>{t('supervision.reports.title')}</h1>
        <label className="supervision__choose">
          {t('supervision.reports.choose')}
          <select
            value={report}
            onChange={(e) => setReport(e.target.value as typeof report)}
            data-testid="report-picker"
          >
            {REPORT_CHOICES.map((r) => (
              <option key={r} value={r}>
                {t(`supervision.reports.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      <PeriodBar
        choice={scope.choice}
        onChoice={scope.setChoice}
        units={scope.units}
        unitId={scope.unitId}
        onUnit={scope.setUnit}
        now={now}
        mine={scope.mine}
      />
      <div className="export-bar" role="group" aria-label={t('supervision.reports.export')}>
        <span>{t('supervision.reports.export')}:</span>
        {FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            disabled={busy}
            onClick={() => start(format)}
            data-testid={`export-${format}`}
          >
            {t(`supervision.reports.${format}`)}
          </button>
        ))}
        <ExportStatus progress={progress} onCancel={() => running.current?.cancel()} />
      </div>
      {table.state === 'error' ? <ErrorNotice error={table.error} onRetry={table.refresh} /> : null}
      {!data ? (
        <p className="supervision__loading">{t('supervision.reports.loading')}</p>
      ) : (
        <section
          className="report"
          data-testid="report-table"
          data-report={data.report}
          data-state={table.state}
        >
          <div className="report__title">
            <p className="report__heading">{data.title}</p>
            {data.subtitle.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
          <div className="report__scroll">
            <table className="report-table report-table--official">
              <thead>
                {data.header.map((cells, r) => (
                  <tr key={r}>
                    {cells.map((c, i) => (
                      <th key={i} colSpan={c.colSpan} rowSpan={c.rowSpan} scope="col">
                        {c.text}
                      </th>
                    ))}
                  </tr>
                ))}
              </thead>
              <tbody>
                {data.rows.map((row, r) => (
                  <tr
                    key={r}
                    className={`report-row report-row--${row.style}`}
                    data-testid="report-row"
                  >
                    {row.cells.map((value, i) => {
                      const column = data.columns[i];
                      const text = cellText(f, value, column?.kind ?? 'text');
                      const link = column?.figure && typeof value === 'number' && row.scope;
                      return (
                        <td
                          key={i}
                          className={`report-cell report-cell--${column?.kind ?? 'text'}`}
                          data-testid="report-cell"
                          data-value={value ?? ''}
                        >
                          {link ? (
                            <button
                              type="button"
                              className="figure-link"
                              onClick={() => openCell(row, column.figure ?? '', value)}
                            >
                              {text}
                            </button>
                          ) : (
                            text
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="report__rows">
            {t('supervision.reports.rows', {
              shown: f.number(data.rows.length),
              total: f.number(data.totalRows),
            })}
          </p>
          {data.notes.map((note) => (
            <p key={note} className="report__note">
              {note}
            </p>
          ))}
        </section>
      )}
    </div>
  );
}

function ExportStatus({
  progress,
  onCancel,
}: Readonly<{ progress: ExportProgress | null; onCancel: () => void }>) {
  const { t } = useTranslation();
  const f = useFormatter();
  if (!progress) return null;
  const job = progress.job;
  const size = job
    ? job.bytes > 1_000_000
      ? `${f.number(Math.round(job.bytes / 100_000) / 10)} MB`
      : `${f.number(Math.ceil(job.bytes / 1000))} kB`
    : '';
  return (
    <span
      className="export-status"
      data-testid="export-status"
      data-phase={progress.phase}
      aria-live="polite"
    >
      {progress.phase === 'running' ? (
        <>
          <progress
            max={Math.max(1, progress.job.total)}
            value={progress.job.done}
            aria-label={t('supervision.reports.progress')}
            data-testid="export-progress"
          />
          {t('supervision.reports.exporting', {
            name: progress.job.fileName,
            done: f.number(progress.job.done),
            total: f.number(progress.job.total),
          })}
          <button
            type="button"
            className="button button--quiet"
            onClick={onCancel}
            data-testid="export-cancel"
          >
            {t('supervision.reports.cancel')}
          </button>
        </>
      ) : progress.phase === 'downloading' ? (
        t('supervision.reports.downloading')
      ) : progress.phase === 'done' ? (
        t('supervision.reports.done', { name: progress.job.fileName, size })
      ) : progress.phase === 'cancelled' ? (
        t('supervision.reports.cancelled')
      ) : (
        <span role="alert">{t('supervision.reports.failed', { error: progress.error })}</span>
      )}
    </span>
  );
}
