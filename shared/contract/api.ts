import { z } from 'zod';
import { COMPLAINT_STATUSES, DEADLINE_STATES } from '../model/codes';
import { ComplaintActionSchema } from '../domain/complaint-machine';
import { DossierActionSchema } from '../domain/dossier-machine';
import {
  ComplaintSchema,
  DossierRowSchema,
  DossierSchema,
  DossierStatusSchema,
  HistoryEntrySchema,
  Id,
  Millis,
  ProcedureSchema,
  UnitSchema,
  OfficerSchema,
} from '../model/schemas';

/**
 * The one API contract. Each method is a name, a zod input and a zod output; each event a name and
 * a zod payload. The renderer's client, the preload bridge, the IPC handlers and the HTTP routes
 * are all derived from these two tables, so adding a method is: add it here, implement it in
 * core/services, and nothing else changes shape.
 */

export const DOSSIER_SORT_FIELDS = [
  'receivedAt',
  'dueAt',
  'number',
  'applicantName',
  'procedureName',
  'status',
] as const;
export type DossierSortField = (typeof DOSSIER_SORT_FIELDS)[number];

export const SortDirectionSchema = z.enum(['asc', 'desc']);

export const DossierFilterSchema = z
  .object({
    status: z.array(DossierStatusSchema).max(10).optional(),
    unitId: Id.optional(),
    /** null selects unassigned dossiers. */
    assigneeId: Id.nullable().optional(),
    deadlineState: z.array(z.enum(DEADLINE_STATES)).max(DEADLINE_STATES.length).optional(),
    /** Assigned to the signed-in officer (matches nothing when nobody is signed in). */
    mine: z.boolean().optional(),
    /** In the signed-in officer's units (their sync scope); no restriction when signed out. */
    inMyUnits: z.boolean().optional(),
    /** Only records with changes waiting to be confirmed by the central API. */
    pendingOnly: z.boolean().optional(),
  })
  .strict();
export type DossierFilter = z.infer<typeof DossierFilterSchema>;

/**
 * What every workbench grid row carries besides its record's fields: whether it has changes
 * waiting to sync, and its deadline as the domain computes it at the list's `now` (state for the
 * colour, working time left for the text; negative when overdue, null when no clock runs).
 */
export const RowStateSchema = z.object({
  pending: z.boolean(),
  deadlineState: z.enum(DEADLINE_STATES),
  workingMsLeft: z.number().nullable(),
});

export const DossierListRowSchema = DossierRowSchema.extend(RowStateSchema.shape);
export type DossierListRow = z.infer<typeof DossierListRowSchema>;

export const DossierListInputSchema = z
  .object({
    filter: DossierFilterSchema.default({}),
    sort: z
      .object({ field: z.enum(DOSSIER_SORT_FIELDS), direction: SortDirectionSchema })
      .strict()
      .default({ field: 'receivedAt', direction: 'desc' }),
    /** Opaque keyset cursor from the previous page; absent for the first page. */
    cursor: z.string().max(1000).nullable().optional(),
    limit: z.number().int().min(1).max(500).default(100),
    /** The moment deadline states are evaluated at; defaults to the host's clock. */
    now: Millis.optional(),
  })
  .strict();
export type DossierListInput = z.input<typeof DossierListInputSchema>;

export const DossierListOutputSchema = z.object({
  rows: z.array(DossierListRowSchema),
  nextCursor: z.string().nullable(),
  /** Rows matching the filter, counted on the first page only (null on later pages). */
  total: z.number().int().min(0).nullable(),
});
export type DossierListOutput = z.infer<typeof DossierListOutputSchema>;

export const DossierDetailSchema = z.object({
  dossier: DossierSchema,
  history: z.array(HistoryEntrySchema),
  procedure: ProcedureSchema.nullable(),
  unit: UnitSchema.nullable(),
  assignee: OfficerSchema.nullable(),
  /**
   * The deadline as the core computes it at `now` (its clock, the synced calendar), the same
   * values a grid row carries, so a dossier opened from search or a notice needs no guess.
   */
  deadlineState: z.enum(DEADLINE_STATES),
  /** Working time left until the appointment; negative when overdue, null when no clock runs. */
  workingMsLeft: z.number().nullable(),
  /** Changes to it wait in the outbox for the central API. */
  pending: z.boolean(),
});
export type DossierDetail = z.infer<typeof DossierDetailSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  schemaVersion: z.number().int(),
  dossierCount: z.number().int(),
  complaintCount: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

const Empty = z.object({}).strict();

export const SYNC_STATES = ['signed_out', 'offline', 'syncing', 'online'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** What the sync indicator shows; also pushed as the 'sync.status' event on every change. */
export const SyncStatusSchema = z.object({
  state: z.enum(SYNC_STATES),
  serverUrl: z.string().nullable(),
  officer: OfficerSchema.nullable(),
  scopeUnitIds: z.array(Id),
  /** Changes made here and not yet confirmed by the central API. */
  pending: z.number().int().min(0),
  /** Refused changes the officer has not dismissed yet. */
  notices: z.number().int().min(0),
  lastSyncAt: Millis.nullable(),
  /** Initial sync progress (rows stored / rows to come); null once the cache is complete. */
  progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).nullable(),
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const NoticeSchema = z.object({
  id: Id,
  createdAt: Millis,
  entity: z.enum(['dossier', 'complaint']),
  recordId: Id,
  /** The action the officer tried. */
  action: z.record(z.string(), z.unknown()),
  /** A rule code of shared/domain, or CONFLICT / FORBIDDEN / NOT_FOUND. */
  code: z.string(),
  message: z.string(),
  /** The server's version of the record at the time of the refusal. */
  current: z.record(z.string(), z.unknown()).nullable(),
  dismissedAt: Millis.nullable(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const DemoAccountSchema = z.object({
  username: z.string(),
  password: z.string(),
  fullName: z.string(),
  role: z.string(),
});
export type DemoAccount = z.infer<typeof DemoAccountSchema>;

// ---------------------------------------------------------------------------------------------
// The officer's workbench (issue 5): complaints, search, queues and saved views, preferences,
// bulk actions.

export const COMPLAINT_SORT_FIELDS = [
  'receivedAt',
  'dueAt',
  'number',
  'senderName',
  'status',
] as const;
export type ComplaintSortField = (typeof COMPLAINT_SORT_FIELDS)[number];

export const ComplaintStatusSchema = z.enum(COMPLAINT_STATUSES);

export const ComplaintFilterSchema = z
  .object({
    status: z.array(ComplaintStatusSchema).max(COMPLAINT_STATUSES.length).optional(),
    unitId: Id.optional(),
    /** null selects unassigned complaints. */
    assigneeId: Id.nullable().optional(),
    deadlineState: z.array(z.enum(DEADLINE_STATES)).max(DEADLINE_STATES.length).optional(),
    mine: z.boolean().optional(),
    inMyUnits: z.boolean().optional(),
    pendingOnly: z.boolean().optional(),
  })
  .strict();
export type ComplaintFilter = z.infer<typeof ComplaintFilterSchema>;

export const DossierSortSchema = z
  .object({ field: z.enum(DOSSIER_SORT_FIELDS), direction: SortDirectionSchema })
  .strict();
export const ComplaintSortSchema = z
  .object({ field: z.enum(COMPLAINT_SORT_FIELDS), direction: SortDirectionSchema })
  .strict();

export const ComplaintListInputSchema = z
  .object({
    filter: ComplaintFilterSchema.default({}),
    sort: ComplaintSortSchema.default({ field: 'receivedAt', direction: 'desc' }),
    cursor: z.string().max(1000).nullable().optional(),
    limit: z.number().int().min(1).max(500).default(100),
    now: Millis.optional(),
  })
  .strict();
export type ComplaintListInput = z.input<typeof ComplaintListInputSchema>;

/** A complaint as the grid needs it (the content and the answer stay in complaints.get). */
export const ComplaintListRowSchema = ComplaintSchema.pick({
  id: true,
  number: true,
  senderName: true,
  title: true,
  channel: true,
  status: true,
  classification: true,
  receivedAt: true,
  clockStartedAt: true,
  dueAt: true,
  unitId: true,
  assigneeId: true,
  version: true,
  updatedAt: true,
}).extend(RowStateSchema.shape);
export type ComplaintListRow = z.infer<typeof ComplaintListRowSchema>;

export const ComplaintListOutputSchema = z.object({
  rows: z.array(ComplaintListRowSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().min(0).nullable(),
});
export type ComplaintListOutput = z.infer<typeof ComplaintListOutputSchema>;

export const COMPLAINT_DEADLINE_KINDS = [
  'refuse',
  'request_info',
  'transfer',
  'answer',
  'publish',
] as const;

export const ComplaintDetailSchema = z.object({
  complaint: ComplaintSchema,
  history: z.array(HistoryEntrySchema),
  unit: UnitSchema.nullable(),
  assignee: OfficerSchema.nullable(),
  /** The scorecard deadline that governs the complaint in its status (shared/domain). */
  deadline: z.object({ kind: z.enum(COMPLAINT_DEADLINE_KINDS), dueAt: Millis }).nullable(),
  deadlineState: z.enum(DEADLINE_STATES),
  /** Working time left until `deadline`; negative when overdue, null once closed. */
  workingMsLeft: z.number().nullable(),
  pending: z.boolean(),
});
export type ComplaintDetail = z.infer<typeof ComplaintDetailSchema>;

/** [start, end) offsets in UTF-16 code units of the original text (with its diacritics). */
export const TextRangeSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]);
export type TextRange = z.infer<typeof TextRangeSchema>;

export const SEARCH_DETAIL_FIELDS = [
  'applicantIdNumber',
  'phone',
  'email',
  'summary',
  'content',
] as const;

const searchHitBase = {
  id: Id,
  number: z.string(),
  /** The applicant's or sender's name. */
  title: z.string(),
  /** The procedure's name (dossier) or the complaint's title. */
  subtitle: z.string(),
  receivedAt: Millis.nullable(),
  /** Highlight ranges in number, title and subtitle, on the original text. */
  highlights: z.object({
    number: z.array(TextRangeSchema),
    title: z.array(TextRangeSchema),
    subtitle: z.array(TextRangeSchema),
  }),
  /**
   * Where else the query matched (ID number, phone, summary…), when the shown fields do not
   * explain the hit: the field, its text (an excerpt with "…" for long text) and the ranges.
   */
  detail: z
    .object({
      field: z.enum(SEARCH_DETAIL_FIELDS),
      text: z.string(),
      ranges: z.array(TextRangeSchema),
    })
    .nullable(),
};

export const SearchHitSchema = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('dossier'), status: DossierStatusSchema, ...searchHitBase }),
  z.object({ entity: z.literal('complaint'), status: ComplaintStatusSchema, ...searchHitBase }),
]);
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchQueryInputSchema = z
  .object({
    /** What the officer typed; any text is safe (it never reaches FTS5 as syntax). */
    text: z.string().max(200),
    limit: z.number().int().min(1).max(100).default(50),
    entities: z
      .array(z.enum(['dossier', 'complaint']))
      .min(1)
      .max(2)
      .default(['dossier', 'complaint']),
  })
  .strict();

export const SearchResultSchema = z.object({
  hits: z.array(SearchHitSchema),
  /** Time spent in the store, for the status line and the benchmark. */
  tookMs: z.number().min(0),
  /**
   * True when more records matched than were ranked: ranking then covers the most recently
   * stored matches only, and the officer should type more.
   */
  truncated: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

/** Column ids of a saved view, in display order (the renderer owns their meaning). */
export const ViewColumnsSchema = z
  .array(
    z
      .string()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9_.-]+$/),
  )
  .max(40);

export const ViewDefinitionSchema = z.discriminatedUnion('entity', [
  z
    .object({
      entity: z.literal('dossier'),
      filter: DossierFilterSchema,
      sort: DossierSortSchema,
      columns: ViewColumnsSchema,
    })
    .strict(),
  z
    .object({
      entity: z.literal('complaint'),
      filter: ComplaintFilterSchema,
      sort: ComplaintSortSchema,
      columns: ViewColumnsSchema,
    })
    .strict(),
]);
export type ViewDefinition = z.infer<typeof ViewDefinitionSchema>;

export const BUILTIN_QUEUE_IDS = [
  'my_dossiers',
  'unassigned',
  'due_soon',
  'overdue',
  'waiting_citizen',
  'complaints_to_answer',
  'awaiting_approval',
  'finished',
] as const;
export type BuiltinQueueId = (typeof BUILTIN_QUEUE_IDS)[number];

/** A queue on the left: a built-in one (named by an i18n key) or one the officer saved. */
export const QueueSchema = z.object({
  id: Id,
  kind: z.enum(['builtin', 'custom']),
  /** i18n key of a built-in queue's name, e.g. "queues.due_soon"; null for custom views. */
  nameKey: z.string().nullable(),
  /** The officer's own name for a custom view; null for built-in queues. */
  name: z.string().nullable(),
  view: ViewDefinitionSchema,
  /** Records the view shows now (dossiers.list / complaints.list total for the same filter). */
  count: z.number().int().min(0),
});
export type Queue = z.infer<typeof QueueSchema>;

export const PREF_KEY = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, { error: 'letters, digits and _ . : - only' });

/** Grid layout as the workbench persists it under keys "grid.<something>". */
export const GridLayoutSchema = z
  .object({
    columns: z
      .array(
        z
          .object({
            id: z.string().min(1).max(40),
            width: z.number().int().min(20).max(2000).optional(),
            hidden: z.boolean().optional(),
            pin: z.enum(['left', 'right']).nullable().optional(),
          })
          .strict(),
      )
      .max(60),
  })
  .strict();
export type GridLayout = z.infer<typeof GridLayoutSchema>;

/** Largest preference value accepted, as JSON text. */
export const MAX_PREF_BYTES = 16_384;

/** What one record of a bulk action did: its new status, or why it refused. */
const bulkActionResult = <S extends z.ZodType>(status: S) =>
  z.discriminatedUnion('ok', [
    z.object({
      id: Id,
      ok: z.literal(true),
      status,
    }),
    z.object({
      id: Id,
      ok: z.literal(false),
      /** A rule code of shared/domain (the UI translates it), or NOT_FOUND / UNAUTHORIZED. */
      code: z.string(),
      message: z.string(),
    }),
  ]);
export const BulkActionResultSchema = bulkActionResult(DossierStatusSchema);
export type BulkActionResult = z.infer<typeof BulkActionResultSchema>;
export const ComplaintBulkActionResultSchema = bulkActionResult(z.enum(COMPLAINT_STATUSES));
export type ComplaintBulkActionResult = z.infer<typeof ComplaintBulkActionResultSchema>;

/** The records of one bulk action: at most 500 (the UI sends more in several calls), no twice. */
const BulkIds = z
  .array(Id)
  .min(1)
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'an id is listed twice' });

const bulkOutput = <R extends z.ZodType>(result: R) =>
  z.object({
    results: z.array(result),
    applied: z.number().int().min(0),
    refused: z.number().int().min(0),
    pending: z.number().int().min(0),
  });

/**
 * Where a list starts at row `position` (0-based) of a filter and sort: the keyset cursor that
 * `dossiers.list` / `complaints.list` take, so a far jump in the grid is two calls instead of a
 * walk through every page before it. Null for position 0 (no cursor needed) and for positions at
 * or past the end of the list (there is no row there).
 */
export const SeekOutputSchema = z.object({ cursor: z.string().nullable() });
export type SeekOutput = z.infer<typeof SeekOutputSchema>;

/** Far enough for any cache this app keeps; a bound so the OFFSET is always a plain integer. */
export const MAX_SEEK_POSITION = 100_000_000;

export const DossierSeekInputSchema = z
  .object({
    filter: DossierFilterSchema.default({}),
    sort: DossierSortSchema.default({ field: 'receivedAt', direction: 'desc' }),
    position: z.number().int().min(0).max(MAX_SEEK_POSITION),
    /** As in dossiers.list: deadline filters are evaluated at this moment (default: now). */
    now: Millis.optional(),
  })
  .strict();
export type DossierSeekInput = z.input<typeof DossierSeekInputSchema>;

export const ComplaintSeekInputSchema = z
  .object({
    filter: ComplaintFilterSchema.default({}),
    sort: ComplaintSortSchema.default({ field: 'receivedAt', direction: 'desc' }),
    position: z.number().int().min(0).max(MAX_SEEK_POSITION),
    now: Millis.optional(),
  })
  .strict();
export type ComplaintSeekInput = z.input<typeof ComplaintSeekInputSchema>;

/** Most units or officers `directory.list` returns (a province has about 150 and 650). */
export const MAX_DIRECTORY_ENTRIES = 5_000;

/** The synced units and officers, for pickers and for naming ids on screen. */
export const DirectoryListSchema = z.object({
  /** Sorted by name, the Vietnamese way. */
  units: z.array(UnitSchema).max(MAX_DIRECTORY_ENTRIES),
  /** Sorted by full name, the Vietnamese way. */
  officers: z.array(OfficerSchema).max(MAX_DIRECTORY_ENTRIES),
});
export type DirectoryList = z.infer<typeof DirectoryListSchema>;

export const methods = {
  'app.info': { input: Empty, output: AppInfoSchema },
  'dossiers.list': { input: DossierListInputSchema, output: DossierListOutputSchema },
  'dossiers.get': {
    input: z
      .object({
        id: Id,
        /** The moment the deadline state is evaluated at; defaults to the host's clock. */
        now: Millis.optional(),
      })
      .strict(),
    output: DossierDetailSchema,
  },
  /** Applies an officer's action locally (optimistically) and queues it for the central API. */
  'dossiers.act': {
    input: z.object({ id: Id, action: DossierActionSchema }).strict(),
    output: z.object({ dossier: DossierSchema, pending: z.number().int().min(0) }),
  },
  /** The actions the signed-in officer may take on a dossier now (the state machine decides). */
  'dossiers.allowedActions': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ actions: z.array(z.string()) }),
  },
  /** Where to sign in by default, and the demo accounts of the embedded central API, if any. */
  'session.defaults': {
    input: Empty,
    output: z.object({
      serverUrl: z.string().nullable(),
      demoAccounts: z.array(DemoAccountSchema),
    }),
  },
  'session.login': {
    input: z
      .object({
        serverUrl: z.string().trim().min(1).max(500),
        username: z.string().trim().min(1).max(64),
        password: z.string().min(1).max(200),
      })
      .strict(),
    output: SyncStatusSchema,
  },
  'session.logout': { input: Empty, output: SyncStatusSchema },
  'sync.status': { input: Empty, output: SyncStatusSchema },
  /** Pull and push now instead of waiting for the next live notification or retry. */
  'sync.now': { input: Empty, output: SyncStatusSchema },
  'sync.notices': {
    input: z.object({ includeDismissed: z.boolean().default(false) }).strict(),
    output: z.array(NoticeSchema),
  },
  'sync.dismissNotice': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ dismissed: z.boolean() }),
  },
  // ----- the officer's workbench (issue 5)
  /**
   * Finds dossiers and complaints by number, name, ID number, phone or text, typed with or
   * without diacritics; ranked, with highlight ranges on the original text.
   */
  'search.query': { input: SearchQueryInputSchema, output: SearchResultSchema },
  'complaints.list': { input: ComplaintListInputSchema, output: ComplaintListOutputSchema },
  'complaints.get': {
    input: z.object({ id: Id, now: Millis.optional() }).strict(),
    output: ComplaintDetailSchema,
  },
  /** Applies an officer's action on a complaint locally and queues it (like dossiers.act). */
  'complaints.act': {
    input: z.object({ id: Id, action: ComplaintActionSchema }).strict(),
    output: z.object({ complaint: ComplaintSchema, pending: z.number().int().min(0) }),
  },
  'complaints.allowedActions': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ actions: z.array(z.string()) }),
  },
  /**
   * One action on many dossiers (bulk assign, bulk transfer): each dossier separately through
   * the state machine and the outbox; refusals do not stop the others.
   */
  'dossiers.actMany': {
    input: z.object({ ids: BulkIds, action: DossierActionSchema }).strict(),
    output: bulkOutput(BulkActionResultSchema),
  },
  /** One action on many complaints (bulk assign), each on its own, like dossiers.actMany. */
  'complaints.actMany': {
    input: z.object({ ids: BulkIds, action: ComplaintActionSchema }).strict(),
    output: bulkOutput(ComplaintBulkActionResultSchema),
  },
  /** The queues of the signed-in officer (built-in, then their saved views) with live counts. */
  'queues.list': {
    input: z.object({ now: Millis.optional() }).strict(),
    output: z.object({ officerId: Id.nullable(), queues: z.array(QueueSchema) }),
  },
  /** Saves (creates, or replaces by id) one of the officer's own views. */
  'views.save': {
    input: z
      .object({
        id: Id.optional(),
        name: z.string().trim().min(1).max(80),
        view: ViewDefinitionSchema,
      })
      .strict(),
    output: QueueSchema,
  },
  'views.delete': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  /** The officer's preference under `key` (grid layouts under "grid.<grid id>"), or null. */
  'prefs.get': {
    input: z.object({ key: PREF_KEY }).strict(),
    output: z.object({ key: z.string(), value: z.json().nullable() }),
  },
  /** Stores a preference (null deletes it); "grid.*" values must be a GridLayout. */
  'prefs.set': {
    input: z
      .object({ key: PREF_KEY, value: z.json().nullable() })
      .strict()
      .superRefine((input, ctx) => {
        if (input.value === null) return;
        if (JSON.stringify(input.value).length > MAX_PREF_BYTES) {
          ctx.addIssue({
            code: 'custom',
            path: ['value'],
            message: `larger than ${MAX_PREF_BYTES} bytes`,
          });
        }
        if (input.key.startsWith('grid.')) {
          const layout = GridLayoutSchema.safeParse(input.value);
          if (!layout.success) {
            ctx.addIssue({
              code: 'custom',
              path: ['value', ...(layout.error.issues[0]?.path ?? [])],
              message: `not a grid layout: ${layout.error.issues[0]?.message ?? ''}`,
            });
          }
        }
      }),
    output: z.object({ key: z.string(), value: z.json().nullable() }),
  },
  // ----- contract gaps the workbench asked for
  /** The units and officers of the local cache (the synced reference data), sorted by name. */
  'directory.list': { input: Empty, output: DirectoryListSchema },
  /** The cursor at which dossiers.list starts at row `position` (see SeekOutputSchema). */
  'dossiers.seek': { input: DossierSeekInputSchema, output: SeekOutputSchema },
  /** The cursor at which complaints.list starts at row `position`. */
  'complaints.seek': { input: ComplaintSeekInputSchema, output: SeekOutputSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  /** Dossiers changed in the local store (sync, a local action): rows to refresh in place. */
  'dossiers.changed': z.object({ ids: z.array(Id).max(10_000) }),
  /** Complaints changed in the local store. */
  'complaints.changed': z.object({ ids: z.array(Id).max(10_000) }),
  /** The sync indicator's data changed (state, pending count, progress, notices). */
  'sync.status': SyncStatusSchema,
  /** The officer's saved views changed (another window saved or deleted one): reload queues. */
  'views.changed': z.object({ officerId: Id.nullable() }),
} as const satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Largest request body either transport accepts; bigger requests are refused unread. */
export const MAX_REQUEST_BYTES = 1_000_000;
