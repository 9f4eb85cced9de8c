import type {
  DossierFigure,
  DossierFilter,
  DossierListRow,
  ReportId,
  ResolvedPeriod,
  ReportTable,
} from '@shared/contract/api';
import { CLOCK_OUTCOMES } from '@shared/contract/report-filters';
import type { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { formatInstant } from '@shared/domain/calendar/time';
import type { HistoryEntry } from '@shared/model';
import { figureFilter } from '@shared/reports/figures';
import { REPORT_WORDS, type ReportLanguage } from '@shared/reports/labels';
import type { Db } from '../store/db';
import { NO_CONTEXT } from '../store/keyset';
import { countDossiers } from '../store/kinds/dossier/list';
import { reportPage, type ReportPosition } from '../store/reports/listing';
import { fieldNames, officerNames } from '../store/reports/tallies';
import { complaintFigures } from './dashboard';
import { countPeriod, figuresOf, sumCounts, type Counts } from './figures';
import { levelOf, type Subject } from './subject';

/**
 * Every report as one table (title, header rows with their spans, columns, rows): the screen
 * shows it and the Excel, CSV and PDF writers write it, so what is exported is what is seen.
 * Rows come from a generator, so a long list streams into a file without being held whole.
 */

type Row = ReportTable['rows'][number];
type Column = ReportTable['columns'][number];
type HeaderCell = ReportTable['header'][number][number];

export interface ReportContext {
  readonly db: Db;
  readonly period: ResolvedPeriod;
  readonly subject: Subject;
  readonly now: number;
  readonly calendar: WorkingCalendar;
  readonly language: ReportLanguage;
  /** The records report's filter (a figure's drill-down). */
  readonly filter?: DossierFilter | undefined;
  /** Reads a dossier's history (the late report's step). */
  readonly history: (id: string) => HistoryEntry[];
}

export interface ReportSource {
  readonly head: Omit<ReportTable, 'rows' | 'totalRows'>;
  readonly totalRows: number;
  rows(): Generator<Row>;
}

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

const cell = (text: string, colSpan = 1, rowSpan = 1): HeaderCell => ({ text, colSpan, rowSpan });

const col = (
  key: string,
  kind: Column['kind'],
  width: number,
  figure: string | null = null,
): Column => ({ key, kind, width, figure });

function subtitle(ctx: ReportContext): string[] {
  const w = REPORT_WORDS[ctx.language];
  return [
    w.period(ddmmyyyy(ctx.period.from), ddmmyyyy(ctx.period.to)),
    w.unit(ctx.subject.unit.name),
  ];
}

function baseHead(ctx: ReportContext, report: ReportId) {
  return {
    report,
    title: REPORT_WORDS[ctx.language].titles[report],
    subtitle: subtitle(ctx),
    period: ctx.period,
    subject: { unit: ctx.subject.unit, assigneeId: ctx.subject.assigneeId },
  };
}

/** The eleven counts of Biểu 06, columns 3–13. */
export const STATISTICS_FIGURES: readonly DossierFigure[] = [
  'received_total',
  'received_online',
  'received_direct',
  'carried_over',
  'resolved_total',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  'in_progress_total',
  'in_progress_within',
  'in_progress_overdue',
];

function statistics(ctx: ReportContext): ReportSource {
  const w = REPORT_WORDS[ctx.language].bieu06;
  const counts = countPeriod(ctx.db, ctx.period, ctx.now, ctx.subject.scope);
  const fields = fieldNames(ctx.db);
  const levels = ['province', 'commune'] as const;
  const byLevel = new Map<string, Map<string, Counts[]>>(levels.map((l) => [l, new Map()]));
  const unitsOfLevel = new Map<string, Set<string>>(levels.map((l) => [l, new Set()]));
  for (const unitId of ctx.subject.scope.unitIds ?? [...ctx.subject.units.keys()]) {
    unitsOfLevel.get(levelOf(ctx.subject.units, unitId))?.add(unitId);
  }
  for (const g of counts.groups.values()) {
    const level = levelOf(ctx.subject.units, g.key.unitId);
    unitsOfLevel.get(level)?.add(g.key.unitId);
    const perField = byLevel.get(level) as Map<string, Counts[]>;
    perField.set(g.key.fieldCode, [...(perField.get(g.key.fieldCode) ?? []), g.counts]);
  }
  const numbers = (c: Counts) => {
    const f = figuresOf(c, counts);
    return STATISTICS_FIGURES.map((k) => f[k] ?? 0);
  };
  const roman = ['I', 'II'];
  const rows: Row[] = [];
  const all: Counts[] = [];
  levels.forEach((level, i) => {
    const perField = byLevel.get(level) as Map<string, Counts[]>;
    const unitIds = [...(unitsOfLevel.get(level) ?? [])];
    if (unitIds.length === 0) return;
    const levelCounts = [...perField.values()].flat();
    all.push(...levelCounts);
    rows.push({
      style: 'group',
      cells: [
        roman[i] ?? '',
        level === 'province' ? w.province : w.commune,
        ...numbers(sumCounts(levelCounts)),
      ],
      scope: { unitIds },
      recordId: null,
    });
    const sorted = [...perField.entries()].sort((a, b) =>
      (fields.get(a[0]) ?? a[0]).localeCompare(fields.get(b[0]) ?? b[0], 'vi'),
    );
    sorted.forEach(([fieldCode, list], j) => {
      rows.push({
        style: 'row',
        cells: [
          String(j + 1),
          fields.get(fieldCode) ?? (fieldCode || w.noField),
          ...numbers(sumCounts(list)),
        ],
        scope: { unitIds, fieldCode },
        recordId: null,
      });
    });
  });
  rows.push({
    style: 'total',
    cells: ['', w.grandTotal, ...numbers(sumCounts(all))],
    scope: { unitIds: [...(ctx.subject.scope.unitIds ?? [])] },
    recordId: null,
  });
  const columns: Column[] = [
    col('stt', 'text', 5),
    col('field', 'text', 34),
    ...STATISTICS_FIGURES.map((f) => col(f, 'int', 9, f)),
  ];
  const header: HeaderCell[][] = [
    [
      cell(w.stt, 1, 3),
      cell(w.field, 1, 3),
      cell(w.received, 4),
      cell(w.resolved, 4),
      cell(w.inProgress, 3),
    ],
    [
      cell(w.total, 1, 2),
      cell(w.newlyReceived, 2),
      cell(w.carried, 1, 2),
      cell(w.total, 1, 2),
      cell(w.early, 1, 2),
      cell(w.onTime, 1, 2),
      cell(w.late, 1, 2),
      cell(w.total, 1, 2),
      cell(w.within, 1, 2),
      cell(w.overdue, 1, 2),
    ],
    [cell(w.online), cell(w.direct)],
    Array.from({ length: 13 }, (_, i) => cell(`(${i + 1})`)),
  ];
  return {
    head: {
      ...baseHead(ctx, 'statistics'),
      subtitle: [w.code, ...subtitle(ctx), REPORT_WORDS[ctx.language].countedIn],
      header,
      columns,
      notes: [REPORT_WORDS[ctx.language].notes.bieu06 ?? ''],
    },
    totalRows: rows.length,
    *rows() {
      yield* rows;
    },
  };
}

/** Every dossier of a filter, in receipt order, a page at a time (store/reports/listing.ts). */
function* dossiersOf(ctx: ReportContext, filter: DossierFilter): Generator<DossierListRow> {
  let after: ReportPosition | null = null;
  do {
    const page = reportPage(ctx.db, filter, after, 1000, ctx.now);
    yield* page.rows;
    after = page.next;
  } while (after !== null);
}

const scopeOf = (ctx: ReportContext) => ({
  unitIds: ctx.subject.scope.unitIds ?? undefined,
  ...(ctx.subject.assigneeId !== null ? { assigneeId: ctx.subject.assigneeId } : {}),
});

/** Actions that hand the dossier to someone or start a step (the control sheet's rows). */
const STEP_ACTIONS = new Set([
  'accept',
  'transfer',
  'assign',
  'start_processing',
  'request_supplement',
  'receive_supplement',
  'request_fees',
  'receive_fees',
  'apologize',
  'submit_result',
  'approve_result',
  'send_back_result',
  'finish',
]);

/**
 * Which step ran over and who held the dossier then, the control sheet's way (Mẫu 05): the step
 * under way when the appointment passed; for a dossier late by an apology or a second request
 * for documents, the step under way when that happened.
 */
export function stepThatRanOver(
  d: Pick<DossierListRow, 'dueAt' | 'assigneeId'>,
  history: readonly HistoryEntry[],
): { action: string; officerId: string | null } {
  const steps = history.filter((h) => STEP_ACTIONS.has(h.action) || h.action === 'filed');
  const marker =
    history.find((h) => h.action === 'apologize') ??
    history.filter((h) => h.action === 'request_supplement')[1];
  const moment = d.dueAt ?? marker?.at ?? Number.MAX_SAFE_INTEGER;
  const when = marker && marker.at < moment ? marker.at : moment;
  let step: HistoryEntry | undefined;
  let holder: string | null = null;
  for (const h of steps) {
    if (h.at > when) break;
    step = h;
    const to = h.data?.toAssigneeId;
    if (typeof to === 'string') holder = to;
    else if (h.action === 'start_processing') holder = h.officerId;
  }
  return { action: step?.action ?? 'filed', officerId: holder ?? d.assigneeId };
}

function late(ctx: ReportContext): ReportSource {
  const w = REPORT_WORDS[ctx.language];
  const names = officerNames(ctx.db);
  const scope = scopeOf(ctx);
  const filters = [
    figureFilter('resolved_late', ctx.period, scope),
    figureFilter('in_progress_overdue', ctx.period, scope),
  ];
  const total = filters.reduce((n, f) => n + countDossiers(ctx.db, f, NO_CONTEXT, ctx.now), 0);
  const columns: Column[] = [
    col('stt', 'text', 7),
    col('number', 'text', 24),
    col('procedure', 'text', 30),
    col('applicant', 'text', 20),
    col('unit', 'text', 22),
    col('officer', 'text', 20),
    col('step', 'text', 18),
    col('receivedAt', 'instant', 15),
    col('dueAt', 'instant', 15),
    col('finishedAt', 'instant', 15),
    col('overdueDays', 'days', 10),
    col('state', 'text', 16),
  ];
  return {
    head: {
      ...baseHead(ctx, 'late'),
      header: [w.late.map((t) => cell(t))],
      columns,
      notes: [w.notes.late ?? ''],
    },
    totalRows: total,
    *rows() {
      let n = 0;
      for (const [i, filter] of filters.entries()) {
        for (const d of dossiersOf(ctx, filter)) {
          n++;
          const step = stepThatRanOver(d, ctx.history(d.id));
          const end = d.finishedAt ?? ctx.period.at;
          const overdue =
            d.dueAt !== null && end > d.dueAt
              ? ctx.calendar.workingTimeBetween(d.dueAt, end) / ctx.calendar.officeMsPerDay
              : 0;
          yield {
            style: 'row',
            cells: [
              String(n),
              d.number,
              d.procedureName,
              d.applicantName,
              ctx.subject.units.get(d.unitId)?.name ?? d.unitId,
              step.officerId ? (names.get(step.officerId)?.name ?? step.officerId) : w.nobody,
              w.steps[step.action] ?? step.action,
              d.receivedAt,
              d.dueAt,
              d.finishedAt,
              Math.round(overdue * 10) / 10,
              i === 0 ? w.timeliness.late : w.bieu06.overdue,
            ],
            scope: null,
            recordId: d.id,
          };
        }
      }
    },
  };
}

function records(ctx: ReportContext): ReportSource {
  const w = REPORT_WORDS[ctx.language];
  const names = officerNames(ctx.db);
  const filter: DossierFilter = {
    ...(ctx.filter ?? figureFilter('received_total', ctx.period, scopeOf(ctx))),
  };
  if (!filter.unitIds && ctx.subject.scope.unitIds) filter.unitIds = [...ctx.subject.scope.unitIds];
  if (ctx.subject.assigneeId !== null) filter.assigneeId = ctx.subject.assigneeId;
  const total = countDossiers(ctx.db, filter, NO_CONTEXT, ctx.now);
  const columns: Column[] = [
    col('stt', 'text', 7),
    col('number', 'text', 24),
    col('procedure', 'text', 30),
    col('applicant', 'text', 20),
    col('unit', 'text', 22),
    col('officer', 'text', 20),
    col('status', 'text', 18),
    col('receivedAt', 'instant', 15),
    col('dueAt', 'instant', 15),
    col('finishedAt', 'instant', 15),
    col('timeliness', 'text', 12),
  ];
  return {
    head: {
      ...baseHead(ctx, 'records'),
      header: [w.records.map((t) => cell(t))],
      columns,
      notes: [],
    },
    totalRows: total,
    *rows() {
      let n = 0;
      for (const d of dossiersOf(ctx, filter)) {
        n++;
        const timeliness =
          d.deadlineState === 'finished_late'
            ? w.timeliness.late
            : d.deadlineState === 'finished_on_time'
              ? w.timeliness.on_time
              : '';
        yield {
          style: 'row',
          cells: [
            String(n),
            d.number,
            d.procedureName,
            d.applicantName,
            ctx.subject.units.get(d.unitId)?.name ?? d.unitId,
            d.assigneeId ? (names.get(d.assigneeId)?.name ?? d.assigneeId) : w.nobody,
            w.statuses[d.status] ?? String(d.status),
            d.receivedAt,
            d.dueAt,
            d.finishedAt,
            timeliness,
          ],
          scope: null,
          recordId: d.id,
        };
      }
    },
  };
}

function workload(ctx: ReportContext): ReportSource {
  const w = REPORT_WORDS[ctx.language];
  const counts = countPeriod(ctx.db, ctx.period, ctx.now, ctx.subject.scope);
  const names = officerNames(ctx.db);
  const byOfficer = new Map<string, Counts[]>();
  for (const g of counts.groups.values()) {
    byOfficer.set(g.key.assigneeId, [...(byOfficer.get(g.key.assigneeId) ?? []), g.counts]);
  }
  const list = [...byOfficer.entries()]
    .map(([id, c]) => ({
      id,
      name: id ? (names.get(id)?.name ?? id) : w.nobody,
      figures: figuresOf(sumCounts(c), counts),
    }))
    .sort((a, b) => (a.id === '' ? 1 : b.id === '' ? -1 : a.name.localeCompare(b.name, 'vi')));
  const rows: Row[] = list.map((o, i) => {
    const f = o.figures;
    const resolved = f.resolved_total ?? 0;
    return {
      style: 'row',
      cells: [
        String(i + 1),
        o.name,
        o.id ? (ctx.subject.units.get(names.get(o.id)?.unitId ?? '')?.name ?? '') : '',
        f.in_progress_total,
        f.in_progress_overdue,
        f.waiting,
        f.resolved_total,
        f.resolved_late,
        resolved > 0 ? ((f.resolved_early ?? 0) + (f.resolved_on_time ?? 0)) / resolved : null,
      ],
      scope: {
        unitIds: [...(ctx.subject.scope.unitIds ?? [])],
        assigneeId: o.id === '' ? null : o.id,
      },
      recordId: null,
    };
  });
  const columns: Column[] = [
    col('stt', 'text', 5),
    col('officer', 'text', 26),
    col('unit', 'text', 28),
    col('in_progress_total', 'int', 11, 'in_progress_total'),
    col('in_progress_overdue', 'int', 11, 'in_progress_overdue'),
    col('waiting', 'int', 11, 'waiting'),
    col('resolved_total', 'int', 11, 'resolved_total'),
    col('resolved_late', 'int', 11, 'resolved_late'),
    col('onTimeRate', 'rate', 11),
  ];
  return {
    head: {
      ...baseHead(ctx, 'workload'),
      header: [w.workload.map((t) => cell(t))],
      columns,
      notes: [],
    },
    totalRows: rows.length,
    *rows() {
      yield* rows;
    },
  };
}

function complaints(ctx: ReportContext): ReportSource {
  const w = REPORT_WORDS[ctx.language].complaints;
  const figures = complaintFigures(ctx.db, ctx.period, ctx.subject, ctx.calendar);
  const rows: Row[] = [
    {
      style: 'group',
      cells: ['I', w.byClock, null, null, null, null, null],
      scope: null,
      recordId: null,
    },
    ...figures.clocks.map((c, i): Row => ({
      style: 'row',
      cells: [String(i + 1), w.clocks[c.clock], c.days, ...CLOCK_OUTCOMES.map((o) => c[o])],
      scope: null,
      recordId: null,
    })),
    {
      style: 'group',
      cells: ['II', w.byStatus, null, figures.received, null, null, null],
      scope: null,
      recordId: null,
    },
    ...figures.statuses
      .filter((s) => s.n > 0)
      .map((s, i): Row => ({
        style: 'row',
        cells: [String(i + 1), w.statuses[s.status], null, s.n, null, null, null],
        scope: null,
        recordId: null,
      })),
  ];
  const columns: Column[] = [
    col('stt', 'text', 5),
    col('label', 'text', 36),
    col('days', 'int', 12),
    ...CLOCK_OUTCOMES.map((o) => col(o, 'int', 12)),
  ];
  return {
    head: {
      ...baseHead(ctx, 'complaints'),
      header: [w.header.map((t) => cell(t))],
      columns,
      notes: [],
    },
    totalRows: rows.length,
    *rows() {
      yield* rows;
    },
  };
}

export function reportSource(report: ReportId, ctx: ReportContext): ReportSource {
  switch (report) {
    case 'statistics':
      return statistics(ctx);
    case 'late':
      return late(ctx);
    case 'records':
      return records(ctx);
    case 'workload':
      return workload(ctx);
    case 'complaints':
      return complaints(ctx);
  }
}

/** The report as the screen shows it: its first `limit` rows. */
export function reportTable(report: ReportId, ctx: ReportContext, limit: number): ReportTable {
  const source = reportSource(report, ctx);
  const rows: Row[] = [];
  for (const row of source.rows()) {
    if (rows.length >= limit) break;
    rows.push(row);
  }
  const notes = [...source.head.notes];
  if (source.totalRows > rows.length) notes.push(REPORT_WORDS[ctx.language].notes.truncated ?? '');
  return { ...source.head, notes, rows, totalRows: source.totalRows };
}

/** "23/02/2026 10:00" in Vietnam time, for text cells. */
export function instantText(t: number): string {
  const iso = formatInstant(t);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}
