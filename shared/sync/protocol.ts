import { z } from 'zod';
import { ComplaintActionSchema } from '../domain/complaint-machine';
import { DossierActionSchema } from '../domain/dossier-machine';
import { RULE_CODES } from '../domain/rules';
import { ComplaintHistoryRecordSchema, DossierHistoryRecordSchema } from './history';
import { KIND_NAMES } from '../kinds';
import { YearOverridesSchema } from '../domain/calendar/schemas';
import {
  ComplaintSchema,
  DossierSchema,
  Id,
  Millis,
  OfficerSchema,
  ProcedureSchema,
  UnitSchema,
} from '../model/schemas';
import { storableText } from '../model/text';

/**
 * The sync protocol between the desktop core and the central API, as one table of routes with
 * zod schemas for both directions. central/ derives its routes and its OpenAPI document from it;
 * core/sync derives its typed HTTP client from it, and validates every response with it.
 *
 * Model:
 *  - The central API assigns every committed change a global sequence number `seq`, in commit
 *    order (writers are serialized), so a reader that has seen seq N has seen every change ≤ N.
 *  - The change feed returns, for the officer's scope, the latest state of every record whose
 *    seq is after the cursor: each record once, however often it changed. A record that leaves
 *    the scope (a dossier transferred to another unit) comes back as `removed`.
 *  - Clients push mutations: officer actions from the shared state machines, each with the
 *    client's id, a per-client contiguous sequence number and the record version it was made on.
 *    The central API applies each exactly once and remembers its result, so a retried batch
 *    returns the original results.
 */

/** Cursor: a seq as a decimal string (it outgrows 2^53 only in theory, but stays exact as text). */
export const CursorSchema = z
  .string()
  .regex(/^\d{1,19}$/, { error: 'a cursor is a decimal sequence number' });

export {
  ComplaintHistoryRecordSchema,
  DossierHistoryRecordSchema,
  type ComplaintHistoryRecord,
  type DossierHistoryRecord,
} from './history';

export const SYNC_ENTITIES = [
  'procedure',
  'unit',
  'officer',
  'calendar',
  'dossier',
  'dossier_history',
  'complaint',
  'complaint_history',
] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];

const change = <E extends SyncEntity, S extends z.ZodType>(entity: E, data: S) =>
  z.strictObject({
    entity: z.literal(entity),
    id: Id,
    seq: CursorSchema,
    version: z.number().int().min(0),
    data,
  });

/** One record's latest state. `calendar` records are keyed by year ("2026"). */
export const ChangeSchema = z.discriminatedUnion('entity', [
  change('procedure', ProcedureSchema),
  change('unit', UnitSchema),
  change('officer', OfficerSchema),
  change('calendar', YearOverridesSchema),
  change('dossier', DossierSchema),
  change('dossier_history', DossierHistoryRecordSchema),
  change('complaint', ComplaintSchema),
  change('complaint_history', ComplaintHistoryRecordSchema),
]);
export type Change = z.infer<typeof ChangeSchema>;

/** A record the officer no longer sees (moved out of scope): the client drops its copy. */
export const RemovalSchema = z.strictObject({
  entity: z.enum(SYNC_ENTITIES),
  id: Id,
  seq: CursorSchema,
});
export type Removal = z.infer<typeof RemovalSchema>;

export const FeedQuerySchema = z.strictObject({
  since: CursorSchema.default('0'),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  /** Ask for the number of changes still to come (costs a count; the first page of a sync asks). */
  count: z.enum(['0', '1']).default('0'),
});
export type FeedQuery = z.input<typeof FeedQuerySchema>;

export const FeedPageSchema = z.strictObject({
  changes: z.array(ChangeSchema),
  removals: z.array(RemovalSchema),
  /** Resume from here; covers every change up to it, including ones filtered out by scope. */
  cursor: CursorSchema,
  hasMore: z.boolean(),
  /** Changes after `since` in scope, when asked with count=1 (for a progress bar). */
  remaining: z.number().int().min(0).optional(),
});
export type FeedPage = z.infer<typeof FeedPageSchema>;

export const MutationTargetSchema = z.discriminatedUnion('entity', [
  z.strictObject({ entity: z.literal('dossier'), id: Id, action: DossierActionSchema }),
  z.strictObject({ entity: z.literal('complaint'), id: Id, action: ComplaintActionSchema }),
]);
export type MutationTarget = z.infer<typeof MutationTargetSchema>;

export const MutationSchema = z.strictObject({
  /** Per-client sequence number, contiguous from 1: the order the officer acted in. */
  seq: z.number().int().min(1),
  /** Stable id of the mutation (the client's outbox key), echoed in the result. */
  id: Id,
  /** Version of the record the officer saw when acting; a mismatch may be a conflict. */
  baseVersion: z.number().int().min(0),
  /** When the officer acted (client clock); the central API bounds it against its own. */
  at: Millis,
  target: MutationTargetSchema,
});
export type Mutation = z.infer<typeof MutationSchema>;

export const PushRequestSchema = z.strictObject({
  /** A random id per installation and signed-in officer. */
  clientId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  mutations: z.array(MutationSchema).min(1).max(200),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/**
 * What `POST /sync/push` accepts: a PushRequest whose actions are checked per mutation rather
 * than at the door. The envelope (clientId, seq, id, baseVersion, at, target entity and id) is
 * validated strictly; an action only needs to be an object with a `type`, and the central API
 * passes it to the shared state machine, which validates the payload and refuses that mutation
 * alone with its rule code (UNKNOWN_ACTION, INVALID_PAYLOAD, REASON_REQUIRED…), as a decision
 * that advances lastSeq. Refusing the whole batch with a 400 instead would wedge a client's
 * outbox for good behind one entry it can no longer change (an older client's action shape, a
 * bug), and would make those rule codes unreachable. Clients still build actions with
 * DossierActionSchema / ComplaintActionSchema: a PushRequest is always a valid PushBatch.
 * What no schema could take at all is still a 400 for the batch, wherever it is in the body,
 * action payloads included (shared/contract/input-guard.ts): text the database cannot store
 * (NUL, half a surrogate pair), a `__proto__` key, nesting too deep. The shared schemas refuse
 * the same text, so no client builds such an action.
 */
export const WireActionSchema = z
  .looseObject({ type: storableText(60).min(1) })
  .describe(
    'A DossierAction or ComplaintAction of the shared state machines; its payload is checked per mutation (rejected with the rule code, never a 400 for the batch).',
  );
export const PushBatchSchema = PushRequestSchema.extend({
  mutations: z
    .array(
      MutationSchema.extend({
        target: z.discriminatedUnion('entity', [
          z.strictObject({ entity: z.literal('dossier'), id: Id, action: WireActionSchema }),
          z.strictObject({ entity: z.literal('complaint'), id: Id, action: WireActionSchema }),
        ]),
      }),
    )
    .min(1)
    .max(200),
});
export type PushBatch = z.infer<typeof PushBatchSchema>;
export type WireMutation = PushBatch['mutations'][number];

export const REJECTION_CODES = [
  ...RULE_CODES,
  'CONFLICT',
  'NOT_FOUND',
  'FORBIDDEN',
  'OUT_OF_ORDER',
] as const;

export const MutationResultSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('applied'),
    seq: z.number().int().min(1),
    id: Id,
    entity: z.enum(KIND_NAMES),
    recordId: Id,
    version: z.number().int().min(0),
  }),
  z.strictObject({
    status: z.literal('rejected'),
    seq: z.number().int().min(1),
    id: Id,
    entity: z.enum(KIND_NAMES),
    recordId: Id,
    code: z.enum(REJECTION_CODES),
    message: z.string().max(2000),
    /** The server's current record, so the officer can see what won. */
    current: z.union([DossierSchema, ComplaintSchema]).nullable(),
  }),
]);
export type MutationResult = z.infer<typeof MutationResultSchema>;

export const PushResponseSchema = z.strictObject({
  results: z.array(MutationResultSchema),
  /** Highest client seq the server has applied or rejected (resume pushing after it). */
  lastSeq: z.number().int().min(0),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const LoginRequestSchema = z.strictObject({
  username: storableText(64).trim().min(1),
  password: storableText(200).min(1),
});
export const SessionSchema = z.strictObject({
  token: z.string().min(20).max(200),
  expiresAt: Millis,
  officer: OfficerSchema,
  /** Units the officer may see and act on (their unit, or a leader's subtree). */
  scopeUnitIds: z.array(Id),
});
export type Session = z.infer<typeof SessionSchema>;

export const ProblemSchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    path: z.string().optional(),
  }),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const HealthSchema = z.strictObject({
  ok: z.literal(true),
  storage: z.enum(['sqlite', 'postgres']),
  seq: CursorSchema,
});

/**
 * Readiness of one central instance (`GET /ready`): its database answers and its schema is the
 * one this server was built for. A load balancer sends traffic only to instances that answer
 * 200; otherwise the answer is a 503 Problem saying what is wrong.
 */
export const ReadySchema = z.strictObject({
  ok: z.literal(true),
  storage: z.enum(['sqlite', 'postgres']),
  /** The schema version of the database, equal to the server's. */
  schemaVersion: z.number().int().min(1),
  seq: CursorSchema,
  /**
   * How this instance hears of commits made by others sharing its database: `local` (SQLite,
   * one process per file), `listening` (PostgreSQL LISTEN is up), `reconnecting` (it is being
   * re-established; clients still receive every change by pulling).
   */
  live: z.enum(['local', 'listening', 'reconnecting']),
});

/** What an access-log entry records: a record opened, a search by ID number, an export. */
export const ACCESS_ACTIONS = ['open', 'search', 'export'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/** A citizen's ID number as it is searched for: 12 digits (CCCD) or the older 9 (CMND). */
export const IdNumberSchema = z.string().regex(/^(\d{9}|\d{12})$/, {
  error: 'an ID number is 9 or 12 digits',
});

/**
 * One access, as the client logged it when it happened (online or not). `seq` is the client's
 * own number for it: the central API stores each (client, seq) once, so a batch sent again
 * writes nothing twice.
 */
export const AccessEntrySchema = z.strictObject({
  seq: z.number().int().min(1),
  at: Millis,
  action: z.enum(ACCESS_ACTIONS),
  /** The record opened or exported (absent for a search). */
  target: z.strictObject({ entity: z.enum(KIND_NAMES), id: Id }).optional(),
  /** A search by ID number: the number searched for. */
  idNumber: IdNumberSchema.optional(),
  /** What was exported (a form's code, a report's name). */
  detail: z.string().max(200).optional(),
  /** The computer's name as its operating system gives it. */
  computer: z.string().min(1).max(120),
});
export type AccessEntry = z.infer<typeof AccessEntrySchema>;

export const AccessPushSchema = z.strictObject({
  clientId: Id,
  entries: z.array(AccessEntrySchema).min(1).max(500),
});
export type AccessPush = z.infer<typeof AccessPushSchema>;

export const ACCESS_REJECTIONS = [
  'NOT_FOUND',
  'FORBIDDEN',
  'REPLAY_MISMATCH',
  'INVALID_PAYLOAD',
] as const;
export const AccessResultSchema = z.strictObject({
  seq: z.number().int().min(1),
  /** logged: stored now; duplicate: stored before (a replay), nothing written. */
  status: z.enum(['logged', 'duplicate', 'rejected']),
  code: z.enum(ACCESS_REJECTIONS).optional(),
  message: z.string().max(500).optional(),
});
export type AccessResult = z.infer<typeof AccessResultSchema>;
export const AccessPushResponseSchema = z.strictObject({ results: z.array(AccessResultSchema) });
export type AccessPushResponse = z.infer<typeof AccessPushResponseSchema>;

/** Who looked at what: administrators and leaders, for the units they see. */
export const AccessLogQuerySchema = z.strictObject({
  /** One unit of the reader's scope (default: all of it). */
  unitId: Id.optional(),
  /** "Who looked at my file?": every access to this citizen's dossiers and searches for them. */
  idNumber: IdNumberSchema.optional(),
  /** The record's id. */
  recordId: Id.optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  /** Entries older than this entry's id (the previous page's `next`). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AccessLogQuery = z.infer<typeof AccessLogQuerySchema>;

export const AccessLogEntrySchema = z.strictObject({
  id: z.number().int().min(1),
  at: Millis,
  receivedAt: Millis,
  officerId: Id,
  officerName: z.string().max(200),
  unitId: Id.nullable(),
  action: z.enum(ACCESS_ACTIONS),
  entity: z.enum(KIND_NAMES).nullable(),
  recordId: Id.nullable(),
  recordNumber: z.string().max(60).nullable(),
  citizenId: z.string().max(20).nullable(),
  computer: z.string().max(120),
  detail: z.string().max(200).nullable(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntrySchema>;
export const AccessLogPageSchema = z.strictObject({
  entries: z.array(AccessLogEntrySchema),
  /** `before` for the next (older) page; null at the end. */
  next: z.number().int().nullable(),
});

/** One thing the audit trail's walk found wrong (central/audit.ts says what each kind means). */
export const AuditProblemSchema = z.strictObject({
  position: z.number().int().nullable(),
  entity: z.string(),
  id: z.string(),
  ownerId: z.string().nullable(),
  kind: z.enum(['gap', 'chain', 'deleted', 'edited', 'link', 'reordered', 'unchained']),
  message: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblemSchema>;
export const AuditReportSchema = z.strictObject({
  ok: z.boolean(),
  entries: z.number().int().min(0),
  /** The chain's last hash: noted elsewhere, it shows a later rewrite of the whole tail too. */
  head: z.string().nullable(),
  problemCount: z.number().int().min(0),
  firstBroken: AuditProblemSchema.nullable(),
  /** The first problems, in chain order. */
  problems: z.array(AuditProblemSchema),
  ms: z.number().min(0),
});
export type AuditReport = z.infer<typeof AuditReportSchema>;

/** The access log as CSV (UTF-8 with a BOM, for Excel): the access log's query. */
export const ACCESS_LOG_CSV_PATH = '/access/log.csv';
/** The audit trail as CSV: a unit's history entries with their chain positions and hashes. */
export const AUDIT_CSV_PATH = '/audit/history.csv';
export const AuditCsvQuerySchema = z.strictObject({
  unitId: Id.optional(),
  recordId: Id.optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
});

/**
 * The routes. `auth: true` routes need `Authorization: Bearer <token>` (401 without, 403 out of
 * scope). Every error answer is a Problem with a 4xx/5xx status.
 */
export const centralRoutes = {
  health: { method: 'GET', path: '/health', auth: false, response: HealthSchema },
  ready: { method: 'GET', path: '/ready', auth: false, response: ReadySchema },
  login: {
    method: 'POST',
    path: '/auth/login',
    auth: false,
    body: LoginRequestSchema,
    response: SessionSchema,
  },
  logout: {
    method: 'POST',
    path: '/auth/logout',
    auth: true,
    response: z.strictObject({ ok: z.literal(true) }),
  },
  changes: {
    method: 'GET',
    path: '/sync/changes',
    auth: true,
    query: FeedQuerySchema,
    response: FeedPageSchema,
  },
  push: {
    method: 'POST',
    path: '/sync/push',
    auth: true,
    body: PushBatchSchema,
    response: PushResponseSchema,
  },
  /** Access-log entries, stored exactly once each (like mutations). */
  accessPush: {
    method: 'POST',
    path: '/access/push',
    auth: true,
    body: AccessPushSchema,
    response: AccessPushResponseSchema,
  },
  /** The access log, newest first (administrators and leaders; 403 for others). */
  accessLog: {
    method: 'GET',
    path: '/access/log',
    auth: true,
    query: AccessLogQuerySchema,
    response: AccessLogPageSchema,
  },
  /** The audit trail walked from its start (administrators; 403 for others). */
  auditVerify: {
    method: 'GET',
    path: '/audit/verify',
    auth: true,
    response: AuditReportSchema,
  },
} as const;

/** Live notifications: `GET /sync/live` (auth) is a server-sent event stream of `event: changed`, `data: {"seq":"…"}`. */
export const LIVE_PATH = '/sync/live';
/** Prometheus metrics of one instance (text exposition format, no auth: keep it off the internet). */
export const METRICS_PATH = '/metrics';
export const LiveEventSchema = z.strictObject({ seq: CursorSchema });
