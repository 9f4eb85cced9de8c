import { z } from 'zod';
import { DEADLINE_STATES } from '../model/codes';
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

export const methods = {
  'app.info': { input: Empty, output: AppInfoSchema },
  'dossiers.list': { input: DossierListInputSchema, output: DossierListOutputSchema },
  'dossiers.get': { input: z.object({ id: Id }).strict(), output: DossierDetailSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  /** Dossiers changed in the local store (sync, a local action): rows to refresh in place. */
  'dossiers.changed': z.object({ ids: z.array(Id).max(10_000) }),
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
