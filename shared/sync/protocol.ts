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
 */
export const WireActionSchema = z
  .looseObject({ type: z.string().min(1).max(60) })
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
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
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
} as const;

/** Live notifications: `GET /sync/live` (auth) is a server-sent event stream of `event: changed`, `data: {"seq":"…"}`. */
export const LIVE_PATH = '/sync/live';
/** Prometheus metrics of one instance (text exposition format, no auth: keep it off the internet). */
export const METRICS_PATH = '/metrics';
export const LiveEventSchema = z.strictObject({ seq: CursorSchema });
