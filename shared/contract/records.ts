import { z } from 'zod';
import type { KindRecord, RecordKind } from '../kinds';
import { RULE_CODES } from '../domain/rules';
import { DEADLINE_STATES } from '../model/codes';
import { HistoryEntrySchema, Id, Millis } from '../model/schemas';

/**
 * What the methods of every kind of record share (shared/kinds: a dossier, a complaint, a later
 * kind): the grid row's state, filters and sorts, the list, seek and bulk shapes, and
 * `recordContract`, which writes a kind's methods and events from its descriptor and what is
 * the kind's own. A new kind's contract is one call of it in the kind's own module.
 */

export const SortDirectionSchema = z.enum(['asc', 'desc']);

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

/** The filter every kind's lists, seeks, queues and saved views take. */
export function recordFilterSchema<S extends z.ZodType>(
  kind: Pick<RecordKind, 'statuses'>,
  status: S,
) {
  return z
    .object({
      status: z.array(status).max(kind.statuses.length).optional(),
      unitId: Id.optional(),
      /** null selects unassigned records. */
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
}

/** A list's order: one of the kind's sort fields, either way. */
export function recordSortSchema<const F extends readonly [string, ...string[]]>(fields: F) {
  return z.object({ field: z.enum(fields), direction: SortDirectionSchema }).strict();
}

/**
 * Where a list starts at row `position` (0-based) of a filter and sort: the keyset cursor that
 * `<plural>.list` takes, so a far jump in the grid is two calls instead of a walk through every
 * page before it. Null for position 0 (no cursor needed) and for positions at or past the end of
 * the list (there is no row there).
 */
export const SeekOutputSchema = z.object({ cursor: z.string().nullable() });
export type SeekOutput = z.infer<typeof SeekOutputSchema>;

/** Far enough for any cache this app keeps; a bound so the OFFSET is always a plain integer. */
export const MAX_SEEK_POSITION = 100_000_000;

/** What one record of a bulk action did: its new status, or why it refused. */
export const bulkActionResult = <S extends z.ZodType>(status: S) =>
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

/** The records of one bulk action: at most 500 (the UI sends more in several calls), no twice. */
export const BulkIds = z
  .array(Id)
  .min(1)
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'an id is listed twice' });

export const bulkOutput = <R extends z.ZodType>(result: R) =>
  z.object({
    results: z.array(result),
    applied: z.number().int().min(0),
    refused: z.number().int().min(0),
    pending: z.number().int().min(0),
  });

/** A list's input: filter, sort, where the page starts, how many rows. */
export const listInputSchema = <F extends z.ZodType, S extends z.ZodType>(filter: F, sort: S) =>
  z
    .object({
      filter,
      sort,
      /** Opaque keyset cursor from the previous page; absent for the first page. */
      cursor: z.string().max(1000).nullable().optional(),
      /**
       * Instead of a cursor: the page starts at row `position` (0-based) of the list, the core
       * finding the cursor there as `<plural>.seek` does, so a far jump is one call. Such a page
       * says no total, and is empty at or past the end of the list.
       */
      position: z.number().int().min(0).max(MAX_SEEK_POSITION).optional(),
      limit: z.number().int().min(1).max(500).default(100),
      /** The moment deadline states are evaluated at; defaults to the host's clock. */
      now: Millis.optional(),
    })
    .strict()
    .refine((input) => input.position === undefined || !input.cursor, {
      error: 'a page starts at a cursor or at a position, not both',
      path: ['position'],
    });

/** A page of a list. */
export const listOutputSchema = <R extends z.ZodType>(row: R) =>
  z.object({
    rows: z.array(row),
    nextCursor: z.string().nullable(),
    /** Rows matching the filter, counted on the first page only (null on later pages). */
    total: z.number().int().min(0).nullable(),
  });

/** Where the list with this filter and sort starts at row `position` (see SeekOutputSchema). */
export const seekInputSchema = <F extends z.ZodType, S extends z.ZodType>(filter: F, sort: S) =>
  z
    .object({
      filter,
      sort,
      position: z.number().int().min(0).max(MAX_SEEK_POSITION),
      /** As in the list: deadline filters are evaluated at this moment (default: now). */
      now: Millis.optional(),
    })
    .strict();

/** What is a kind's own in its contract; the rest follows from its descriptor. */
export interface RecordContractParts<
  Rec extends z.ZodType,
  A extends z.ZodType,
  St extends z.ZodType,
  F extends readonly [string, ...string[]],
  RS extends z.ZodRawShape,
  DS extends z.ZodRawShape,
  FX extends z.ZodRawShape = Record<never, never>,
> {
  /** Filter fields of the kind's own, beside every kind's (the supervisors' figures). */
  readonly filter?: FX;
  /**
   * The descriptor's `schema` and `actionSchema` themselves, given again for their types:
   * RecordKind types the record by its output alone and an action by its `type`, and the methods
   * keep the schemas' own types (an action's payload fields, the record's input).
   */
  readonly record: Rec;
  readonly action: A;
  /** Its status as the model declares it (filters and bulk results carry it). */
  readonly status: St;
  /** What its lists sort by; the first, newest first, when a list names no order. */
  readonly sortFields: F;
  /** The record's fields a grid row carries (the row adds RowStateSchema's). */
  readonly row: z.ZodObject<RS>;
  /**
   * What `<plural>.get` answers besides the record, its history and its deadline: the records it
   * names, resolved (unit, assignee…), in the order the answer lists them.
   */
  readonly detail: DS;
}

type Prefixed<P extends string, T> = { [K in keyof T & string as `${P}.${K}`]: T[K] };

/** A table's entries under `<prefix>.<name>`, keeping each entry's type. */
function prefixed<P extends string, T extends object>(prefix: P, table: T): Prefixed<P, T> {
  return Object.fromEntries(
    Object.entries(table).map(([name, entry]) => [`${prefix}.${name}`, entry]),
  ) as Prefixed<P, T>;
}

/** `{ [name]: schema }` with the name's literal type kept. */
function keyed<N extends string, S>(name: N, schema: S): Record<N, S> {
  return { [name]: schema } as Record<N, S>;
}

/**
 * A kind's contract: its methods `<plural>.list`, `.get`, `.act`, `.allowedActions`, `.actMany`
 * and `.seek`, its event `<plural>.changed`, and the schemas they are made of.
 */
export function recordContract<
  N extends string,
  R extends KindRecord,
  Rec extends z.ZodType<R>,
  A extends z.ZodType,
  St extends z.ZodType,
  const F extends readonly [string, ...string[]],
  RS extends z.ZodRawShape,
  DS extends z.ZodRawShape,
  FX extends z.ZodRawShape = Record<never, never>,
>(
  kind: Pick<RecordKind<N, R>, 'name' | 'plural' | 'schema' | 'statuses' | 'actionSchema'>,
  parts: RecordContractParts<Rec, A, St, F, RS, DS, FX>,
) {
  if (
    (parts.record as z.ZodType) !== kind.schema ||
    (parts.action as z.ZodType) !== kind.actionSchema
  ) {
    throw new Error(`the ${kind.name} contract's schemas are not its kind's`);
  }
  const filter = recordFilterSchema(kind, parts.status).extend((parts.filter ?? {}) as FX);
  const sort = recordSortSchema(parts.sortFields);
  const row = parts.row.extend(RowStateSchema.shape);
  const detail = z.object({
    ...keyed(kind.name, parts.record),
    history: z.array(HistoryEntrySchema),
    ...parts.detail,
    /**
     * The deadline as the core computes it at `now` (its clock, the synced calendar), the same
     * values a grid row carries, so a record opened from search or a notice needs no guess.
     */
    deadlineState: z.enum(DEADLINE_STATES),
    /** Working time left until the deadline; negative when overdue, null when no clock runs. */
    workingMsLeft: z.number().nullable(),
    /**
     * The working time the clock has to run against the same deadline, so that used + left =
     * total (after an apology: the statutory time plus what the new appointment added).
     */
    workingMsTotal: z.number().nullable(),
    /** Changes to it wait in the outbox for the central API. */
    pending: z.boolean(),
  });
  // No filter lists every record; no sort lists by the first sort field, newest first.
  // Every filter field is optional, so {} is a filter whatever the kind adds.
  const listFilter = filter.default({} as never);
  const listSort = sort.default({ field: parts.sortFields[0], direction: 'desc' });
  const listInput = listInputSchema(listFilter, listSort);
  const listOutput = listOutputSchema(row);
  const seekInput = seekInputSchema(listFilter, listSort);
  const bulkResult = bulkActionResult(parts.status);
  const methods = prefixed(kind.plural, {
    list: { input: listInput, output: listOutput },
    get: {
      input: z
        .object({
          id: Id,
          /** The moment the deadline state is evaluated at; defaults to the host's clock. */
          now: Millis.optional(),
        })
        .strict(),
      output: detail,
    },
    /** Applies an officer's action locally (optimistically) and queues it for the central API. */
    act: {
      input: z.object({ id: Id, action: parts.action }).strict(),
      output: z.object({
        ...keyed(kind.name, parts.record),
        pending: z.number().int().min(0),
      }),
    },
    /**
     * The actions the signed-in officer may take on the record now (the state machine decides),
     * and those a rule forbids now with the rule, for the UI to show disabled with the reason.
     */
    allowedActions: {
      input: z.object({ id: Id }).strict(),
      output: z.object({
        actions: z.array(z.string()),
        forbidden: z.array(
          z.object({ action: z.string(), rule: z.enum(RULE_CODES), message: z.string() }),
        ),
      }),
    },
    /**
     * One action on many records (bulk assign, bulk transfer): each separately through the
     * state machine and the outbox; refusals do not stop the others.
     */
    actMany: {
      input: z.object({ ids: BulkIds, action: parts.action }).strict(),
      output: bulkOutput(bulkResult),
    },
    /** The cursor at which `<plural>.list` starts at row `position` (see SeekOutputSchema). */
    seek: { input: seekInput, output: SeekOutputSchema },
  });
  const events = prefixed(kind.plural, {
    /** Records of the kind changed in the local store (sync, a local action): rows to refresh. */
    changed: z.object({ ids: z.array(Id).max(10_000) }),
  });
  return {
    filter,
    sort,
    row,
    detail,
    listInput,
    listOutput,
    seekInput,
    bulkResult,
    methods,
    events,
  };
}
