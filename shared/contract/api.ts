import { z } from 'zod';
import { DEADLINE_STATES } from '../model/codes';
import { DossierActionSchema } from '../domain/dossier-machine';
import {
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
  })
  .strict();
export type DossierFilter = z.infer<typeof DossierFilterSchema>;

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
  rows: z.array(DossierRowSchema),
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

export const methods = {
  'app.info': { input: Empty, output: AppInfoSchema },
  'dossiers.list': { input: DossierListInputSchema, output: DossierListOutputSchema },
  'dossiers.get': { input: z.object({ id: Id }).strict(), output: DossierDetailSchema },
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
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  /** Dossiers changed in the local store (sync, a local action): rows to refresh in place. */
  'dossiers.changed': z.object({ ids: z.array(Id).max(10_000) }),
  /** Complaints changed in the local store. */
  'complaints.changed': z.object({ ids: z.array(Id).max(10_000) }),
  /** The sync indicator's data changed (state, pending count, progress, notices). */
  'sync.status': SyncStatusSchema,
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
