import { z } from 'zod';
import { IsoDateSchema } from '../domain/calendar/schemas';
import { COMPLAINT_STATUSES } from '../model/codes';
import { Id, Millis } from '../model/schemas';
import { dossierContract } from './dossiers';
import { CLOCK_OUTCOMES, COMPLAINT_CLOCKS } from './report-filters';
import type { EventTable, MethodTable } from './table';

/**
 * The supervisors' desk (`reports.*`): the deadline dashboard, the national scorecard
 * (Decision 766/QĐ-TTg), the statistics report Biểu 06/VPCP/KSTT and the other reports, and
 * their exports. Definitions live in shared/reports; the core computes them from its cache.
 */

/** The dossier figures of a period and unit subtree (shared/reports/figures.ts defines each). */
export const DOSSIER_FIGURES = [
  'received_total',
  'received_new',
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
  'in_progress_on_track',
  'in_progress_due_soon',
  'waiting',
  'apologized',
  'second_supplement',
] as const;
export type DossierFigure = (typeof DOSSIER_FIGURES)[number];

/** null: not computable for this period (due soon is a state of now, not of a period that ended). */
export const FiguresSchema = z.object(
  Object.fromEntries(DOSSIER_FIGURES.map((f) => [f, z.number().int().min(0).nullable()])) as {
    [F in DossierFigure]: z.ZodNullable<z.ZodNumber>;
  },
);
export type Figures = z.infer<typeof FiguresSchema>;

/** A period of whole days, Vietnam time, both ends included. */
export const PeriodInputSchema = z
  .object({ from: IsoDateSchema, to: IsoDateSchema })
  .strict()
  .refine((p) => p.from <= p.to, {
    error: 'the period ends before it starts (to is earlier than from)',
    path: ['to'],
  });

export const ReportScopeInputSchema = z
  .object({
    period: PeriodInputSchema,
    /** The root of the unit subtree; default: the signed-in officer's unit. */
    unitId: Id.optional(),
    /** The moment figures are evaluated at; default the host's clock. */
    now: Millis.optional(),
  })
  .strict();
export type ReportScopeInput = z.input<typeof ReportScopeInputSchema>;

export const ResolvedPeriodSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  /** First instant of the period and first instant after it. */
  start: Millis,
  end: Millis,
  /** When in-progress figures are taken: the period's end, or now while it runs. */
  at: Millis,
  current: z.boolean(),
});
export type ResolvedPeriod = z.infer<typeof ResolvedPeriodSchema>;

export const ReportUnitSchema = z.object({ id: Id, name: z.string(), unitIds: z.array(Id) });

/** Who the figures cover: a unit subtree, or (an officer who is not a leader) their own work. */
export const ReportSubjectSchema = z.object({
  unit: ReportUnitSchema,
  /** Set when the figures are one officer's own dossiers. */
  assigneeId: Id.nullable(),
});

export const ComplaintClockRowSchema = z.object({
  clock: z.enum(COMPLAINT_CLOCKS),
  /** Working days the clock allows. */
  days: z.number().int(),
  ...(Object.fromEntries(CLOCK_OUTCOMES.map((o) => [o, z.number().int().min(0)])) as {
    [O in (typeof CLOCK_OUTCOMES)[number]]: z.ZodNumber;
  }),
});

export const DashboardSchema = z.object({
  period: ResolvedPeriodSchema,
  subject: ReportSubjectSchema,
  totals: FiguresSchema,
  units: z.array(z.object({ unitId: Id, name: z.string(), figures: FiguresSchema })),
  officers: z.array(
    z.object({ officerId: Id, name: z.string(), unitId: Id.nullable(), figures: FiguresSchema }),
  ),
  complaints: z.object({
    received: z.number().int().min(0),
    clocks: z.array(ComplaintClockRowSchema),
    statuses: z.array(z.object({ status: z.enum(COMPLAINT_STATUSES), n: z.number().int() })),
  }),
  trend: z.object({
    grain: z.enum(['week', 'month']),
    points: z.array(
      z.object({
        from: IsoDateSchema,
        to: IsoDateSchema,
        received: z.number().int(),
        resolved: z.number().int(),
        late: z.number().int(),
      }),
    ),
  }),
  /** Overdue dossiers at `at`, by procedure, most first. */
  backlog: z.array(z.object({ procedureCode: z.string(), name: z.string(), n: z.number().int() })),
  /** Open dossiers' appointments by day, from `at` on. */
  dueCalendar: z.array(z.object({ day: IsoDateSchema, n: z.number().int() })),
  /** How long the core took to compute it. */
  ms: z.number(),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const INDICATOR_STATUSES = ['computed', 'partial', 'not_configured'] as const;

export const IndicatorSchema = z.object({
  id: z.string(),
  group: z.string(),
  /** i18n keys of the title and formula live in the renderer, under supervision.indicators.<id>. */
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** 0–1; for 2.2, average working days. */
  value: z.number().nullable(),
  unit: z.enum(['rate', 'days']),
  target: z.number().nullable(),
  maxPoints: z.number().nullable(),
  points: z.number().nullable(),
  verified: z.boolean(),
  status: z.enum(INDICATOR_STATUSES),
  /** The figures whose records cost points, with their counts (the drill-down). */
  costs: z.array(
    z.object({
      kind: z.enum(['dossier', 'complaint']),
      figure: z.string(),
      n: z.number().int(),
    }),
  ),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const ScorecardSchema = z.object({
  period: ResolvedPeriodSchema,
  subject: ReportSubjectSchema,
  indicators: z.array(IndicatorSchema),
  points: z.number(),
  maxPoints: z.number(),
});
export type Scorecard = z.infer<typeof ScorecardSchema>;

export const REPORTS = ['statistics', 'late', 'complaints', 'workload', 'records'] as const;
export type ReportId = (typeof REPORTS)[number];

export const CellValueSchema = z.union([z.string(), z.number(), z.null()]);

export const ReportColumnSchema = z.object({
  key: z.string(),
  /** How a cell is written: text, a count, a share (0–1), an instant, working days. */
  kind: z.enum(['text', 'int', 'rate', 'instant', 'days']),
  /** Relative width (characters), for the screen, the sheet and the PDF. */
  width: z.number(),
  /** The dossier figure a count column counts (its cells link to the grid). */
  figure: z.string().nullable(),
});

export const ReportHeaderCellSchema = z.object({
  text: z.string(),
  colSpan: z.number().int().min(1),
  rowSpan: z.number().int().min(1),
});

export const ReportRowSchema = z.object({
  style: z.enum(['group', 'row', 'subtotal', 'total']),
  cells: z.array(CellValueSchema),
  /** What the row's counts are of, for the links: units and a field. */
  scope: z
    .object({
      unitIds: z.array(Id).optional(),
      fieldCode: z.string().optional(),
      assigneeId: Id.nullable().optional(),
    })
    .nullable(),
  /** The record a row names (late dossiers), opened from the row. */
  recordId: Id.nullable(),
});

/** One report as a table: what the screen shows and every export writes. */
export const ReportTableSchema = z.object({
  report: z.enum(REPORTS),
  /** Title and the lines under it, in the language asked for. */
  title: z.string(),
  subtitle: z.array(z.string()),
  header: z.array(z.array(ReportHeaderCellSchema)),
  columns: z.array(ReportColumnSchema),
  rows: z.array(ReportRowSchema),
  /** Rows in the whole report (the screen shows the first `limit`). */
  totalRows: z.number().int(),
  notes: z.array(z.string()),
  period: ResolvedPeriodSchema,
  subject: ReportSubjectSchema,
});
export type ReportTable = z.infer<typeof ReportTableSchema>;

export const ReportLanguageSchema = z.enum(['vi', 'en']);

export const ReportRequestSchema = z
  .object({
    report: z.enum(REPORTS),
    period: PeriodInputSchema,
    unitId: Id.optional(),
    now: Millis.optional(),
    /** The records report: the grid's filter (a figure's drill-down). */
    filter: dossierContract.filter.optional(),
    language: ReportLanguageSchema.default('vi'),
  })
  .strict();
export type ReportRequest = z.input<typeof ReportRequestSchema>;

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportStateSchema = z.enum(['running', 'done', 'failed', 'cancelled']);

export const ExportJobSchema = z.object({
  jobId: Id,
  state: ExportStateSchema,
  /** Rows written and rows to write. */
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  fileName: z.string(),
  /** The file's size once done. */
  bytes: z.number().int().min(0),
  mimeType: z.string(),
  error: z.string().nullable(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;

/** Largest piece of a finished export one read carries (base64 of this many bytes). */
export const MAX_EXPORT_READ = 4_000_000;

export const methods = {
  /** The deadline dashboard of a period and unit subtree (officers who are not leaders: their own). */
  'reports.dashboard': { input: ReportScopeInputSchema, output: DashboardSchema },
  /** The scorecard's indicators this data can compute, with points, for a period and unit subtree. */
  'reports.scorecard': { input: ReportScopeInputSchema, output: ScorecardSchema },
  /** One report as a table (the screen shows its first `limit` rows). */
  'reports.table': {
    input: ReportRequestSchema.extend({
      limit: z.number().int().min(1).max(2000).default(500),
    }).strict(),
    output: ReportTableSchema,
  },
  /** Starts writing a report to a file in the background; progress comes as reports.export events. */
  'reports.exportStart': {
    input: ReportRequestSchema.extend({ format: z.enum(EXPORT_FORMATS) }).strict(),
    output: ExportJobSchema,
  },
  'reports.exportStatus': {
    input: z.object({ jobId: Id }).strict(),
    output: ExportJobSchema,
  },
  /** Stops a running export; its partial file is removed. */
  'reports.exportCancel': {
    input: z.object({ jobId: Id }).strict(),
    output: ExportJobSchema,
  },
  /** A piece of a finished export's file, to download it in pieces. */
  'reports.exportRead': {
    input: z
      .object({
        jobId: Id,
        offset: z.number().int().min(0),
        length: z.number().int().min(1).max(MAX_EXPORT_READ),
      })
      .strict(),
    output: z.object({ base64: z.string(), bytes: z.number().int(), eof: z.boolean() }),
  },
  /** Forgets a finished export and deletes its file (after the download). */
  'reports.exportDiscard': {
    input: z.object({ jobId: Id }).strict(),
    output: z.object({ discarded: z.boolean() }),
  },
} as const satisfies MethodTable;

export const events = {
  /** An export moved on (rows written), finished, failed or was cancelled. */
  'reports.export': ExportJobSchema,
} as const satisfies EventTable;
