import { DOSSIER_STATUSES, type DeadlineState, type DossierStatus } from '@shared/model';
import type { DossierFilter, DossierListRow, DossierSortField } from '@shared/contract/api';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { dossierKind } from '@shared/kinds';
import type { Db } from '../../db';
import {
  NO_CONTEXT,
  bindable,
  contextClauses,
  countOf,
  encodeCursor,
  keysetAfter,
  readPage,
  prepared,
  runSeek,
  seekStatement,
  whereSql,
  type Params,
  type QueryContext,
  type SeekStatement,
} from '../../keyset';
import type { KindList } from '../storage';
import { hasReportFilter, reportClauses } from './report-filter';
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
    // Without coalesce (finished_at, else returned_at, after the appointment): SQLite uses a
    // partial index only for terms written without functions, and migration 9's index is one.
    finished_late: `(${p}status IN ${FINISHED} AND (late = 1 OR finished_at > due_at OR (finished_at IS NULL AND returned_at > due_at)))`,
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
  /**
   * With plan 'sort': find the matches through the status index only, the other fields tested
   * on the rows found (listDossiers sets it when the counters say the statuses are the fewest).
   */
  sortThrough?: 'status';
}

export interface ListResult {
  rows: DossierListRow[];
  nextCursor: string | null;
  total: number | null;
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
    ...contextClauses(filter, context, params, dossierKind.name, {
      unit: noIndex.scope,
      assignee: noIndex.assignee,
    }),
  );
  where.push(...reportClauses(filter, params));
  return where;
}

export interface ListStatement {
  sql: string;
  countSql: string | null;
  params: Params;
}

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

/**
 * What every statement over a list shares, whatever it selects: the sort column, the WHERE
 * (filter, plan, cursor) and the ORDER BY. The list's page, its count and a seek all start from
 * this, so they can never disagree about which rows are in the list or in what order.
 */
interface OrderedQuery {
  column: string;
  kind: 'int' | 'text';
  /** Filter and cursor conditions, written for the plan. */
  where: string[];
  /** The filter alone, with every index allowed (for counting). */
  filterWhere: string[];
  /** `ORDER BY …` (without LIMIT). */
  orderBy: string;
  params: Params;
}

function orderedQuery(q: ListQuery): OrderedQuery {
  const { column, kind } = sortColumn(q);
  const desc = q.sort.direction === 'desc';
  const params: Params = { now: q.now };
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
      : q.plan === 'sort' && q.sortThrough === 'status'
        ? { status: false, unit: true, scope: true, assignee: true }
        : USE_INDEXES;
  const where = whereClause(q.filter, params, context, noIndex);
  const filterWhere = whereClause(q.filter, {}, context);
  if (q.cursor) {
    // Sorting a few matches: the cursor must not offer SQLite the sort's index either, or it
    // ranges over that index from the cursor to the end (most of a million rows, reading each
    // to test the filter) instead of finding the few matches through the filter's index.
    const keyset = q.plan === 'sort' ? `+${column}, +id` : `${column}, id`;
    where.push(keysetAfter(q.cursor, { column, kind }, desc, params, keyset));
  }
  const dir = desc ? 'DESC' : 'ASC';
  const order = q.plan === 'sort' ? `+${column}` : column;
  return {
    column,
    kind,
    where,
    filterWhere,
    orderBy: `ORDER BY ${order} ${dir}, id ${dir}`,
    params,
  };
}

/** The SQL of a list query; exported so the query-plan tests check exactly what runs. */
export function buildListStatement(q: ListQuery): ListStatement {
  if (mergesStatuses(q)) return buildMergedStatusStatement(q);
  const { column, where, filterWhere, orderBy, params } = orderedQuery(q);
  params.limit = q.limit + 1;
  const sql = `SELECT ${DOSSIER_ROW_COLUMNS}, returned_at, clock_remaining_ms, ${column} AS sort_key
    FROM dossiers
    ${whereSql(where)}
    ${orderBy} LIMIT @limit`;
  // Counting every match costs a scan, so only the first page (no cursor) pays for it.
  const countSql = q.cursor ? null : `SELECT count(*) AS n FROM dossiers ${whereSql(filterWhere)}`;
  return { sql, countSql, params };
}

/**
 * Several statuses, nothing else, by receipt or appointment (ticking statuses in the grid's
 * filter). No single index gives that order across statuses: SQLite either sorts every match or
 * walks the whole order testing each row, which takes seconds when the statuses are rare. Each
 * status's first page is a short walk of its (status, key, id) index (migration 5), so the page
 * is the merge of those: one short walk per status and a sort of at most ten pages.
 */
function mergesStatuses(q: ListQuery): boolean {
  return (
    q.plan === undefined &&
    statusOnly(q.filter) &&
    (q.filter.status?.length ?? 0) > 1 &&
    (q.sort.field === 'receivedAt' || q.sort.field === 'dueAt')
  );
}

function buildMergedStatusStatement(q: ListQuery): ListStatement {
  const statuses = [...new Set(q.filter.status ?? [])];
  // The order and the keyset without the filter; each part adds its own status.
  const { column, where, orderBy, params } = orderedQuery({ ...q, filter: {} });
  const { filterWhere } = orderedQuery(q);
  params.limit = q.limit + 1;
  const parts = statuses.map((status, i) => {
    params[`merged${i}`] = status;
    return `SELECT * FROM (
      SELECT ${DOSSIER_ROW_COLUMNS}, returned_at, clock_remaining_ms, ${column} AS sort_key
      FROM dossiers ${whereSql([`status = @merged${i}`, ...where])}
      ${orderBy} LIMIT @limit)`;
  });
  const dir = q.sort.direction === 'desc' ? 'DESC' : 'ASC';
  const sql = `SELECT * FROM (${parts.join(' UNION ALL ')})
    ORDER BY sort_key ${dir}, id ${dir} LIMIT @limit`;
  const countSql = q.cursor ? null : `SELECT count(*) AS n FROM dossiers ${whereSql(filterWhere)}`;
  return { sql, countSql, params };
}

export interface SeekQuery extends Omit<ListQuery, 'cursor' | 'limit'> {
  /** Row of the list (0-based) the cursor should make a page start at; at least 1. */
  position: number;
}

/**
 * The SQL of a seek (exported for the query-plan tests): the list's own WHERE and ORDER BY with
 * an OFFSET (keyset.ts, seekStatement), run on the plan the list's first page would use.
 */
export function buildSeekStatement(q: SeekQuery): SeekStatement {
  return seekStatement('dossiers', orderedQuery({ ...q, cursor: null, limit: 1 }), q.position);
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
  // One status, ordered by receipt or appointment: the (status, key, id) indexes of migration 5
  // give that order directly, so SQLite reads one page and stops, however many match. (Several
  // statuses: listDossiers merges one such walk per status, buildMergedStatusStatement.)
  if (
    statusOnly(q.filter) &&
    q.filter.status?.length === 1 &&
    (q.sort.field === 'receivedAt' || q.sort.field === 'dueAt')
  ) {
    return undefined;
  }
  const context = q.context ?? NO_CONTEXT;
  const matches = exact ?? matchesAtMost(db, q.filter, context);
  const all = countFromCounters(db, {}, NO_CONTEXT) ?? 0;
  if (matches <= Math.min(SORT_AT_MOST, all / 10)) return 'sort';
  // Finishing on time or late does not follow time as statuses do: the matches are spread over
  // any order, so a walk reads a page in about (page / share) rows.
  if (exact !== null && finishedOutcomeOnly(q.filter)) return 'walk';
  const byStatus = (q.filter.status?.length ?? 0) > 0 || (q.filter.deadlineState?.length ?? 0) > 0;
  if (!byStatus) return 'walk';
  return matches * 5 >= all * 4 ? 'walk' : undefined;
}

function statusOnly(filter: DossierFilter): boolean {
  return (
    !hasReportFilter(filter) &&
    (filter.status?.length ?? 0) > 0 &&
    !filter.deadlineState?.length &&
    filter.unitId === undefined &&
    filter.assigneeId === undefined &&
    !filter.mine &&
    !filter.inMyUnits
  );
}

/** Deadline filters the partial index of running dossiers counts exactly and cheaply. */
function runningOnly(filter: DossierFilter): boolean {
  const states = filter.deadlineState ?? [];
  return states.length > 0 && states.every((s) => s === 'due_soon' || s === 'overdue');
}

/**
 * The first page's total when it is cheap to know before reading the page: it also picks the
 * plan. Null when only a full count would tell (the list counts after reading the page then).
 */
function knownTotal(db: Db, q: ListQuery): number | null {
  const context = q.context ?? NO_CONTEXT;
  const total = countFromCounters(db, q.filter, context) ?? finishedOutcomeTotal(db, q);
  if (total === null && (runningOnly(q.filter) || q.filter.pendingOnly)) {
    return countWithSql(db, q);
  }
  return total;
}

/**
 * Deadline states that together hold every dossier of some statuses, and nothing else: running
 * or new (on track, due soon, overdue), paused, finished (on time, late).
 */
const WHOLE_STATES: readonly (readonly [readonly DeadlineState[], readonly DossierStatus[]])[] = [
  [
    ['on_track', 'due_soon', 'overdue'],
    [1, 2, 4, 7],
  ],
  [['paused'], [5, 6]],
  [
    ['finished_on_time', 'finished_late'],
    [3, 8, 9, 10],
  ],
];

/**
 * The same rows with a filter the plans and counters read better. A status list is narrowed to
 * the statuses its deadline states can hold (a tick of "finished on time" in a queue of open
 * statuses leaves the one finished status among them); deadline states that make up whole
 * statuses (paused is statuses 5 and 6) become those statuses, which the counters count and the
 * status indexes order. Null when nothing can match: the list is empty.
 */
function normalizeFilter(filter: DossierFilter): DossierFilter | null {
  const states = [...new Set(filter.deadlineState ?? [])];
  if (states.length === 0) return filter;
  const possible = new Set(states.flatMap((s) => STATES_STATUSES[s]));
  let status = filter.status?.length ? filter.status.filter((s) => possible.has(s)) : undefined;
  if (status?.length === 0) return null;
  const whole = WHOLE_STATES.filter(([group]) => group.every((s) => states.includes(s)));
  if (whole.reduce((n, [group]) => n + group.length, 0) === states.length) {
    const held = new Set(whole.flatMap(([, statuses]) => statuses));
    status = (status ?? [...held]).filter((s) => held.has(s));
    const { deadlineState: _whole, ...rest } = filter;
    return status.length === 0 ? null : { ...rest, status };
  }
  if (!status || status.length === filter.status?.length) return filter;
  return { ...filter, status };
}

/**
 * Whether a filter's statuses match fewer dossiers than its unit or assignee does (the counters
 * tell): SQLite, without statistics, may find the few matches of "unassigned, in processing"
 * through the index of every unassigned dossier (most finished ones are) instead.
 */
function fewestByStatus(db: Db, q: ListQuery): boolean {
  const { status, unitId, assigneeId } = q.filter;
  if (!status?.length || (unitId === undefined && assigneeId === undefined)) return false;
  const context = q.context ?? NO_CONTEXT;
  const byStatus = countFromCounters(db, { status }, context);
  if (byStatus === null) return false;
  const others = [
    unitId !== undefined ? countFromCounters(db, { unitId }, context) : null,
    assigneeId !== undefined ? countFromCounters(db, { assigneeId }, context) : null,
  ].filter((n): n is number => n !== null);
  return others.length > 0 && others.every((n) => byStatus < n);
}

/** The statuses of FINISHED, as values. */
const FINISHED_STATUSES: readonly DossierStatus[] = [3, 8, 9, 10];

/**
 * The total of a filter on finished on time and / or finished late, with otherwise only what
 * dossier_counts counts: the finished dossiers from the counters, the late ones from the partial
 * index of migration 9 (which covers the count: the other fields' tests are kept off their own
 * indexes, so SQLite reads that index alone), on time the difference. The two states split the
 * finished statuses (their SQL is each other's complement there: DEADLINE_SQL). Null for any
 * other filter.
 */
function finishedOutcomeTotal(db: Db, q: ListQuery): number | null {
  const states = new Set(q.filter.deadlineState ?? []);
  if (states.size === 0) return null;
  for (const state of states) {
    if (state !== 'finished_on_time' && state !== 'finished_late') return null;
  }
  const { deadlineState: _states, ...rest } = q.filter;
  const status = (rest.status ?? FINISHED_STATUSES).filter((s) => FINISHED_STATUSES.includes(s));
  if (status.length === 0) return 0;
  const context = q.context ?? NO_CONTEXT;
  const finished = countFromCounters(db, { ...rest, status }, context);
  if (finished === null || states.size === 2) return finished;
  const params: Params = { now: q.now };
  // Every finished status is what the late test itself says: no status term to read.
  const narrowed = status.length < FINISHED_STATUSES.length ? { ...rest, status } : rest;
  const where = whereClause(narrowed, params, context, {
    status: true,
    unit: true,
    scope: true,
    assignee: true,
  });
  where.push(DEADLINE_SQL.finished_late);
  // Named: SQLite's guess, without statistics, is the status index (every finished dossier).
  const late = countOf(
    db,
    `SELECT count(*) AS n FROM dossiers INDEXED BY ${LATE_INDEX} ${whereSql(where)}`,
    params,
  );
  return states.has('finished_late') ? late : finished - late;
}

/** Migration 9's partial index of the dossiers finished late (DEADLINE_SQL.finished_late). */
const LATE_INDEX = 'dossiers_late_by_received';

/** A filter on finished on time / late with otherwise only what the counters count. */
function finishedOutcomeOnly(filter: DossierFilter): boolean {
  const states = filter.deadlineState ?? [];
  return (
    states.length > 0 &&
    states.every((s) => s === 'finished_on_time' || s === 'finished_late') &&
    !filter.pendingOnly &&
    !hasReportFilter(filter)
  );
}

export function listDossiers(db: Db, query: ListQuery): ListResult {
  const filter = normalizeFilter(query.filter);
  if (filter === null) return { rows: [], nextCursor: null, total: query.cursor ? null : 0 };
  const q = { ...query, filter };
  let total: number | null = q.cursor ? null : knownTotal(db, q);
  // Nothing matches: no page to look for (a look would read every candidate row to find none).
  if (total === 0) return { rows: [], nextCursor: null, total };
  const plan = q.plan ?? (mergesStatuses(q) ? undefined : choosePlan(db, q, total));
  const planned: ListQuery = {
    ...q,
    plan,
    ...(plan === 'sort' && fewestByStatus(db, q) ? { sortThrough: 'status' as const } : {}),
  };
  const { sql, params } = buildListStatement(planned);
  const { records, nextCursor, pending } = readPage<ListedRecord>(
    db,
    dossierKind.name,
    sql,
    params,
    q.limit,
  );
  if (!q.cursor && total === null) total = countWithSql(db, q);
  const calendar = q.calendar ?? defaultCalendar;
  return {
    rows: records.map((r) => {
      const row = toDossierRow(r);
      const fields = { ...row, returnedAt: r.returned_at, clockRemainingMs: r.clock_remaining_ms };
      return {
        ...row,
        pending: pending.has(r.id),
        deadlineState: dossierKind.deadline.state(fields, q.now, calendar),
        workingMsLeft: dossierKind.deadline.workingTimeLeft(fields, q.now, calendar),
      };
    }),
    nextCursor,
    total,
  };
}

/**
 * The cursor from which listDossiers starts exactly at row `position` of the same filter and
 * sort (contract: dossiers.seek). Null for position 0 and at or past the end. The walk runs on
 * the plan the list's first page would use, so it reads the same index the list does; one read
 * transaction keeps the walk and the key lookup on the same snapshot.
 */
export function seekDossiers(db: Db, q: SeekQuery): string | null {
  if (q.position <= 0) return null;
  return db.transaction(() => {
    const asList: ListQuery = { ...q, limit: 1 };
    const total = knownTotal(db, asList);
    if (total !== null && q.position >= total) return null;
    const planned = { ...q, plan: q.plan ?? choosePlan(db, asList, total) };
    const excluded = planned.plan === 'walk' ? statusesLeftOut(planned) : null;
    if (excluded) return seekAroundExcluded(db, planned, excluded);
    return runSeek(db, buildSeekStatement(planned));
  })();
}

/**
 * The statuses a walked filter leaves out, when the filter is on statuses alone (the finished
 * queue: 98 % of a year's dossiers); null for any other filter. Walking the sort's index past
 * a million rows to test each one's status reads a million table rows (1–4 s); counting the few
 * rows the filter leaves out reads only those (seekAroundExcluded).
 */
function statusesLeftOut(q: SeekQuery): DossierStatus[] | null {
  const statuses = q.filter.status;
  if (!statuses || statuses.length === 0) return null;
  const rest: DossierFilter = { ...q.filter, status: undefined };
  if (whereClause(rest, {}, q.context ?? NO_CONTEXT).length > 0) return null;
  return DOSSIER_STATUSES.filter((s) => !statuses.includes(s));
}

/**
 * seekDossiers for a status filter that keeps nearly everything. Row p of the filtered list is
 * row q of the unfiltered one, where q − (rows left out before row q) = p and row q is kept.
 * Both sides are cheap: row q of the unfiltered list is an index-only walk, and the rows left
 * out before a key are few and found through the status index. Starting at q = p, each step sets
 * q = p + (rows left out before row q), which only grows and stops at the answer, in two or
 * three steps when a few per cent are left out. The cursor is then row q − 1 of the unfiltered
 * list: the filtered list from it starts at row q, the first kept row after it.
 */
function seekAroundExcluded(
  db: Db,
  q: SeekQuery,
  excluded: readonly DossierStatus[],
): string | null {
  const unfiltered: SeekQuery = { ...q, filter: {}, plan: 'walk' };
  const { walkSql, keySql, params } = buildSeekStatement(unfiltered);
  const { column } = sortColumn({ ...q, limit: 1 });
  const before = q.sort.direction === 'desc' ? '>' : '<';
  const left = excluded.map((_, i) => `@left${i}`).join(', ');
  const countSql = `SELECT count(*) AS n FROM dossiers
    WHERE status IN (${left}) AND (+${column}, +id) ${before} (@key, @id)`;
  const countParams: Params = {};
  excluded.forEach((s, i) => (countParams[`left${i}`] = s));
  const rowSql = `SELECT ${column} AS sort_key, id, status FROM dossiers WHERE rowid = @rowid`;
  const kept = new Set<number>(DOSSIER_STATUSES.filter((s) => !excluded.includes(s)));

  let at = q.position;
  // Each step moves forward by the rows left out that it newly passed; a bound in case of a bug.
  for (let step = 0; step < 10_000; step++) {
    const walk = { ...params, offset: at - 1 };
    const rows = prepared(db, walkSql).all(bindable(walkSql, walk)) as { r: number }[];
    const [previous, current] = rows;
    if (previous === undefined || current === undefined) return null;
    const row = prepared(db, rowSql).get({ rowid: current.r }) as {
      sort_key: string | number;
      id: string;
      status: number;
    };
    const leftOut = (
      prepared(db, countSql).get({ ...countParams, key: row.sort_key, id: row.id }) as { n: number }
    ).n;
    const next =
      q.position + leftOut + (leftOut + q.position === at && !kept.has(row.status) ? 1 : 0);
    if (next === at) {
      const key = prepared(db, keySql).get({ rowid: previous.r }) as {
        sort_key: string | number;
        id: string;
      };
      return encodeCursor(key.sort_key, key.id);
    }
    at = next;
  }
  throw new Error('seek around left-out rows did not settle');
}

function countWithSql(db: Db, q: ListQuery): number {
  const { countSql, params } = buildListStatement({ ...q, cursor: null, plan: undefined });
  return countOf(db, countSql ?? 'SELECT 0 AS n', params);
}

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
  // The supervisors' fields (periods, channels…) need the rows themselves.
  if (hasReportFilter(filter)) return null;
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
  return countOf(
    db,
    `SELECT coalesce(sum(n), 0) AS n FROM dossier_counts WHERE ${where.join(' AND ')}`,
    params,
  );
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

/** The dossier list as every kind's list is used (services, queues, session scope). */
export const dossierList: KindList<DossierFilter, DossierSortField, DossierListRow> = {
  list: (db, q) => listDossiers(db, q),
  seek: (db, q) => seekDossiers(db, q),
  count: (db, filter, context, now) => countDossiers(db, filter, context, now),
  effectiveScope: (db, scope) => effectiveDossierScope(db, scope),
};
