import type { DeadlineState } from '@shared/model';
import type { DossierFilter, DossierListRow, DossierSortField } from '@shared/contract/api';
import { ApiFailure } from '@shared/contract/envelope';
import { dossierDeadlineState, dossierWorkingTimeLeft } from '@shared/domain/deadline';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import type { Db } from './db';
import { DOSSIER_ROW_COLUMNS, toDossierRow, type DossierRowRecord } from './rows';

/**
 * Sortable fields and the indexed column that orders each. Every key is non-null (see the
 * generated columns of migration 1), and `id` breaks ties, so (key, id) is a total order and the
 * keyset cursor can resume exactly after the last row of a page without OFFSET.
 */
const SORT_COLUMNS: Record<DossierSortField, { column: string; kind: 'int' | 'text' }> = {
  receivedAt: { column: 'received_key', kind: 'int' },
  dueAt: { column: 'due_key', kind: 'int' },
  number: { column: 'number', kind: 'text' },
  applicantName: { column: 'applicant_sort', kind: 'text' },
  procedureName: { column: 'procedure_sort', kind: 'text' },
  status: { column: 'status', kind: 'int' },
};

/** Statuses whose clock runs towards the appointment. */
const RUNNING = '(2, 4, 7)';
/** Statuses in which the scorecard considers processing finished. */
const FINISHED = '(3, 8, 9, 10)';

/**
 * SQL mirror of shared/domain/deadline.ts (dossierDeadlineState), so a million rows can be
 * filtered in the database; dossier-queries.test.ts checks the two agree on every row.
 * Due soon and overdue are written as ranges of due_at (NULL compares false, as the rule wants)
 * with the literal `status IN (2, 4, 7)`, so that SQLite reads them from the partial index
 * dossiers_running_by_due (migration 4) instead of scanning every finished dossier.
 */
export const DEADLINE_SQL: Record<DeadlineState, string> = deadlineSql('');

/** The mirror with `+` on its columns (see PlanHint): the same test, no index for it. */
function deadlineSql(p: '' | '+'): Record<DeadlineState, string> {
  return {
    on_track: `(${p}status = 1 OR (${p}status IN ${RUNNING} AND (${p}due_at IS NULL OR @now < coalesce(due_soon_at, due_at))))`,
    due_soon: `(${p}status IN ${RUNNING} AND ${p}due_at >= @now AND coalesce(due_soon_at, due_at) <= @now)`,
    overdue: `(${p}status IN ${RUNNING} AND ${p}due_at < @now)`,
    paused: `(${p}status IN (5, 6))`,
    finished_on_time: `(${p}status IN ${FINISHED} AND late = 0 AND (due_at IS NULL OR coalesce(finished_at, returned_at) IS NULL OR coalesce(finished_at, returned_at) <= due_at))`,
    finished_late: `(${p}status IN ${FINISHED} AND (late = 1 OR (due_at IS NOT NULL AND coalesce(finished_at, returned_at) > due_at)))`,
  };
}
const DEADLINE_SQL_NO_INDEX = deadlineSql('+');

/**
 * How a page is found, when the caller knows better than SQLite's statistics (which see averages:
 * a unit of 300,000 dossiers looks like one of 7,000):
 *  - 'sort': few rows match; find them through the filter's indexes and sort them (ORDER BY on
 *    `+column` so no index can serve the order);
 *  - 'walk': many rows match, spread over the order; walk the sort's index and keep matching
 *    rows (filter columns as `+column` so their indexes are not used);
 *  - absent: SQLite decides.
 */
export type PlanHint = 'sort' | 'walk';

/**
 * Who is asking: `mine` and `inMyUnits` filters resolve against it. A null officer (nobody
 * signed in) makes `mine` match nothing; a null scope makes `inMyUnits` match everything
 * (signed out, or a cache that holds nothing outside the officer's units anyway).
 */
export interface QueryContext {
  officerId: string | null;
  scopeUnitIds: readonly string[] | null;
}

export const NO_CONTEXT: QueryContext = { officerId: null, scopeUnitIds: null };

export interface ListQuery {
  filter: DossierFilter;
  sort: { field: DossierSortField; direction: 'asc' | 'desc' };
  cursor?: string | null | undefined;
  limit: number;
  now: number;
  context?: QueryContext;
  /** For the rows' working time left; the default calendar when absent. */
  calendar?: WorkingCalendar;
  /** Chosen by listDossiers (choosePlan); absent, SQLite decides. */
  plan?: PlanHint;
}

export interface ListResult {
  rows: DossierListRow[];
  nextCursor: string | null;
  total: number | null;
}

export type Params = Record<string, string | number | null>;

/**
 * Conditions shared by the list, its count and the queue counts: the filter's own fields plus
 * the officer-relative ones. Written the same way everywhere, so a queue's count and its list's
 * total always agree.
 */
export function contextClauses(
  filter: Pick<DossierFilter, 'mine' | 'inMyUnits' | 'pendingOnly'>,
  context: QueryContext,
  params: Params,
  entity: 'dossier' | 'complaint',
  noIndex: { unit: boolean; assignee: boolean } = { unit: false, assignee: false },
): string[] {
  const where: string[] = [];
  if (filter.mine) {
    if (context.officerId === null) where.push('0');
    else {
      params.me = context.officerId;
      where.push(`${noIndex.assignee ? '+' : ''}assignee_id = @me`);
    }
  }
  if (filter.inMyUnits && context.scopeUnitIds !== null) {
    params.scope = JSON.stringify(context.scopeUnitIds);
    where.push(`${noIndex.unit ? '+' : ''}unit_id IN (SELECT value FROM json_each(@scope))`);
  }
  if (filter.pendingOnly) {
    where.push(`id IN (SELECT record_id FROM outbox WHERE entity = '${entity}')`);
  }
  return where;
}

interface NoIndex {
  status: boolean;
  unit: boolean;
  scope: boolean;
  assignee: boolean;
}
const USE_INDEXES: NoIndex = { status: false, unit: false, scope: false, assignee: false };

/** Sorts a one-unit filter walks through its own composite index (unit_id, key…). */
const UNIT_ORDERED: ReadonlySet<string> = new Set(['received_key', 'number', 'procedure_sort']);

function whereClause(
  filter: DossierFilter,
  params: Params,
  context: QueryContext,
  noIndex: NoIndex = USE_INDEXES,
): string[] {
  const where: string[] = [];
  const plus = (off: boolean) => (off ? '+' : '');
  if (filter.status && filter.status.length > 0) {
    const names = filter.status.map((s, i) => {
      params[`status${i}`] = s;
      return `@status${i}`;
    });
    where.push(`${plus(noIndex.status)}status IN (${names.join(', ')})`);
  }
  if (filter.unitId !== undefined) {
    params.unitId = filter.unitId;
    where.push(`${plus(noIndex.unit)}unit_id = @unitId`);
  }
  if (filter.assigneeId !== undefined) {
    if (filter.assigneeId === null) where.push(`${plus(noIndex.assignee)}assignee_id IS NULL`);
    else {
      params.assigneeId = filter.assigneeId;
      where.push(`${plus(noIndex.assignee)}assignee_id = @assigneeId`);
    }
  }
  if (filter.deadlineState && filter.deadlineState.length > 0) {
    const sql = noIndex.status ? DEADLINE_SQL_NO_INDEX : DEADLINE_SQL;
    where.push(`(${[...new Set(filter.deadlineState)].map((s) => sql[s]).join(' OR ')})`);
  }
  where.push(
    ...contextClauses(filter, context, params, 'dossier', {
      unit: noIndex.scope,
      assignee: noIndex.assignee,
    }),
  );
  return where;
}

export function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, kind: 'int' | 'text'): [string | number, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[1] === 'string' &&
      (kind === 'int' ? Number.isSafeInteger(parsed[0]) : typeof parsed[0] === 'string')
    ) {
      return [parsed[0] as string | number, parsed[1]];
    }
  } catch {
    // fall through to the error below: a cursor is opaque, so any damage is the same mistake
  }
  throw new ApiFailure('BAD_REQUEST', 'cursor: not a cursor of this list (was the sort changed?)');
}

/** Cached prepared statements: the SQL text depends only on the query's shape, not its values. */
const statementCache = new WeakMap<Db, Map<string, ReturnType<Db['prepare']>>>();

export function prepared(db: Db, sql: string) {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (cache.size > 500) cache.clear();
    cache.set(sql, stmt);
  }
  return stmt;
}

export interface ListStatement {
  sql: string;
  countSql: string | null;
  params: Params;
}

/** The SQL of a list query; exported so the query-plan tests check exactly what runs. */
/**
 * Due soon and overdue dossiers always have an appointment, so their due order is due_at's: a
 * keyset on due_at walks the partial index of running dossiers in order, where due_key (which
 * SQLite cannot read from that index) would make it sort them.
 */
function sortColumn(q: ListQuery): { column: string; kind: 'int' | 'text' } {
  const states = q.filter.deadlineState ?? [];
  if (
    q.sort.field === 'dueAt' &&
    states.length > 0 &&
    states.every((s) => s === 'due_soon' || s === 'overdue')
  ) {
    return { column: 'due_at', kind: 'int' };
  }
  return SORT_COLUMNS[q.sort.field];
}

export function buildListStatement(q: ListQuery): ListStatement {
  const { column, kind } = sortColumn(q);
  const desc = q.sort.direction === 'desc';
  const params: Params = { now: q.now, limit: q.limit + 1 };
  const context = q.context ?? NO_CONTEXT;
  // Walking the sort's index: keep the filter off its own indexes, except where a composite
  // index walks the same order within the filter (a unit's, or an assignee's by receipt).
  const noIndex: NoIndex =
    q.plan === 'walk'
      ? {
          status: true,
          unit: !UNIT_ORDERED.has(column),
          scope: true,
          assignee: column !== 'received_key',
        }
      : USE_INDEXES;
  const where = whereClause(q.filter, params, context, noIndex);
  const filterWhere = whereClause(q.filter, {}, context);
  if (q.cursor) {
    const [key, id] = decodeCursor(q.cursor, kind);
    params.cursorKey = key;
    params.cursorId = id;
    where.push(`(${column}, id) ${desc ? '<' : '>'} (@cursorKey, @cursorId)`);
  }
  const dir = desc ? 'DESC' : 'ASC';
  const order = q.plan === 'sort' ? `+${column}` : column;
  const sql = `SELECT ${DOSSIER_ROW_COLUMNS}, returned_at, clock_remaining_ms, ${column} AS sort_key
    FROM dossiers
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${order} ${dir}, id ${dir} LIMIT @limit`;
  // Counting every match costs a scan, so only the first page (no cursor) pays for it.
  const countSql = q.cursor
    ? null
    : `SELECT count(*) AS n FROM dossiers ${filterWhere.length ? `WHERE ${filterWhere.join(' AND ')}` : ''}`;
  return { sql, countSql, params };
}

interface ListedRecord extends DossierRowRecord {
  returned_at: number | null;
  clock_remaining_ms: number | null;
  sort_key: string | number;
}

const defaultCalendar = new WorkingCalendar();

/** Fewer matches than this are found through the filter and sorted (≈ 40 ms at most). */
const SORT_AT_MOST = 30_000;

/** The statuses a deadline state can hold (a status filter's upper bound for counting). */
const STATES_STATUSES: Record<DeadlineState, readonly number[]> = {
  on_track: [1, 2, 4, 7],
  due_soon: [2, 4, 7],
  overdue: [2, 4, 7],
  paused: [5, 6],
  finished_on_time: [3, 8, 9, 10],
  finished_late: [3, 8, 9, 10],
};

/**
 * An upper bound of the dossiers a filter matches, from dossier_counts (a deadline state only
 * narrows the statuses; pending rows are few).
 */
function matchesAtMost(db: Db, filter: DossierFilter, context: QueryContext): number {
  const states = filter.deadlineState ?? [];
  let status = filter.status?.map(Number);
  if (states.length > 0) {
    const implied = new Set(states.flatMap((s) => STATES_STATUSES[s]));
    status = (status ?? [...implied]).filter((x) => implied.has(x));
    if (status.length === 0) return 0;
  }
  const bound: DossierFilter = {
    ...(status ? { status: status as DossierFilter['status'] } : {}),
    ...(filter.unitId !== undefined ? { unitId: filter.unitId } : {}),
    ...(filter.assigneeId !== undefined ? { assigneeId: filter.assigneeId } : {}),
    ...(filter.mine ? { mine: true } : {}),
    ...(filter.inMyUnits ? { inMyUnits: true } : {}),
  };
  return countFromCounters(db, bound, context) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * Picks the plan (PlanHint) from real counts. Few matches (at most 30,000 and a tenth of the
 * table): sort them. Many, on a filter of
 * units, assignees or scope only: walk the sort's index (a one-unit filter walks its composite
 * index for the orders that follow the unit). Many on a status or deadline filter: walk only
 * when they are nearly the whole table, because statuses follow time (open dossiers are the
 * recent ones, and walking the oldest first would read nearly everything before the first
 * match); in between, SQLite decides.
 */
export function choosePlan(db: Db, q: ListQuery, exact: number | null): PlanHint | undefined {
  if (q.filter.pendingOnly) return 'sort';
  const context = q.context ?? NO_CONTEXT;
  const matches = exact ?? matchesAtMost(db, q.filter, context);
  const all = countFromCounters(db, {}, NO_CONTEXT) ?? 0;
  if (matches <= Math.min(SORT_AT_MOST, all / 10)) return 'sort';
  const byStatus = (q.filter.status?.length ?? 0) > 0 || (q.filter.deadlineState?.length ?? 0) > 0;
  if (!byStatus) return 'walk';
  return matches * 5 >= all * 4 ? 'walk' : undefined;
}

/** Deadline filters the partial index of running dossiers counts exactly and cheaply. */
function runningOnly(filter: DossierFilter): boolean {
  const states = filter.deadlineState ?? [];
  return states.length > 0 && states.every((s) => s === 'due_soon' || s === 'overdue');
}

export function listDossiers(db: Db, q: ListQuery): ListResult {
  const context = q.context ?? NO_CONTEXT;
  // The first page's total, when it is cheap to know first: it also picks the plan.
  let total: number | null = null;
  if (!q.cursor) {
    total = countFromCounters(db, q.filter, context);
    if (total === null && (runningOnly(q.filter) || q.filter.pendingOnly)) {
      total = countWithSql(db, q);
    }
  }
  const planned = { ...q, plan: q.plan ?? choosePlan(db, q, total) };
  const { sql, params } = buildListStatement(planned);
  const records = prepared(db, sql).all(bindable(sql, params)) as ListedRecord[];
  const hasMore = records.length > q.limit;
  if (hasMore) records.pop();
  const last = records[records.length - 1];
  if (!q.cursor && total === null) total = countWithSql(db, q);
  const pending = pendingIds(
    db,
    'dossier',
    records.map((r) => r.id),
  );
  const calendar = q.calendar ?? defaultCalendar;
  return {
    rows: records.map((r) => {
      const row = toDossierRow(r);
      const fields = { ...row, returnedAt: r.returned_at, clockRemainingMs: r.clock_remaining_ms };
      return {
        ...row,
        pending: pending.has(r.id),
        deadlineState: dossierDeadlineState(fields, q.now),
        workingMsLeft: safeWorkingTime(() => dossierWorkingTimeLeft(fields, q.now, calendar)),
      };
    }),
    nextCursor: hasMore && last ? encodeCursor(last.sort_key, last.id) : null,
    total,
  };
}

function countWithSql(db: Db, q: ListQuery): number {
  const { countSql, params } = buildListStatement({ ...q, cursor: null, plan: undefined });
  const sql = countSql ?? 'SELECT 0 AS n';
  return (prepared(db, sql).get(bindable(sql, params)) as { n: number }).n;
}

/** A moment beyond the calendar's years has no working time to show, rather than an error. */
export function safeWorkingTime(compute: () => number | null): number | null {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * Which of these records have changes in the outbox. The outbox is small (what an officer did
 * offline) and indexed by record, so this is one probe per row of the page.
 */
export function pendingIds(db: Db, entity: 'dossier' | 'complaint', ids: string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = prepared(db, PENDING_SQL).all({ entity, ids: JSON.stringify(ids) }) as {
    id: string;
  }[];
  return new Set(rows.map((r) => r.id));
}

export const PENDING_SQL = `SELECT DISTINCT record_id AS id FROM outbox
  WHERE record_id IN (SELECT value FROM json_each(@ids)) AND entity = @entity`;

/**
 * The number of dossiers matching a filter, from dossier_counts (migration 4) when the filter
 * only names status, unit, assignee and scope: a sum over a few hundred rows instead of a count
 * over a million. Null when the filter needs the rows themselves (deadline states, pending).
 */
export function countFromCounters(
  db: Db,
  filter: DossierFilter,
  context: QueryContext,
): number | null {
  if ((filter.deadlineState && filter.deadlineState.length > 0) || filter.pendingOnly) return null;
  const params: Params = {};
  const where: string[] = ['n > 0'];
  if (filter.status && filter.status.length > 0) {
    params.status = JSON.stringify(filter.status);
    where.push('status IN (SELECT value FROM json_each(@status))');
  }
  if (filter.unitId !== undefined) {
    params.unitId = filter.unitId;
    where.push('unit_id = @unitId');
  }
  if (filter.assigneeId !== undefined) {
    params.assigneeId = filter.assigneeId ?? '';
    where.push('assignee_id = @assigneeId');
  }
  if (filter.mine) {
    if (context.officerId === null) return 0;
    params.me = context.officerId;
    where.push('assignee_id = @me');
  }
  if (filter.inMyUnits && context.scopeUnitIds !== null) {
    params.scope = JSON.stringify(context.scopeUnitIds);
    where.push('unit_id IN (SELECT value FROM json_each(@scope))');
  }
  const sql = `SELECT coalesce(sum(n), 0) AS n FROM dossier_counts WHERE ${where.join(' AND ')}`;
  return (prepared(db, sql).get(params) as { n: number }).n;
}

/** Dossiers matching a filter (a queue's count, the list's total): counters when they can. */
export function countDossiers(
  db: Db,
  filter: DossierFilter,
  context: QueryContext,
  now: number,
): number {
  return (
    countFromCounters(db, filter, context) ??
    countWithSql(db, {
      filter,
      sort: { field: 'receivedAt', direction: 'desc' },
      limit: 1,
      now,
      context,
    })
  );
}

/**
 * The scope to filter `inMyUnits` on: null when no dossier of this cache lies outside it, which
 * is the usual case (the central API sends an officer only their units), and spares every query
 * a per-row membership test. One look at dossier_counts decides.
 */
export function effectiveDossierScope(db: Db, scope: readonly string[] | null): string[] | null {
  if (scope === null) return null;
  const outside = prepared(
    db,
    `SELECT 1 FROM dossier_counts WHERE n > 0 AND unit_id NOT IN (SELECT value FROM json_each(@scope)) LIMIT 1`,
  ).get({ scope: JSON.stringify(scope) });
  return outside ? [...scope] : null;
}

/** better-sqlite3 refuses named parameters the statement does not use, so pass only those. */
export function bindable(sql: string, params: Params): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params))
    if (sql.includes(`@${name}`)) out[name] = value;
  return out;
}
