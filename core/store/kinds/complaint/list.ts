import type { ComplaintFilter, ComplaintListRow, ComplaintSortField } from '@shared/contract/api';
import { complaintDeadlineState } from '@shared/domain/deadline';
import type { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { complaintKind } from '@shared/kinds';
import type { Complaint, ComplaintStatus, DeadlineState } from '@shared/model';
import type { Db } from '../../db';
import * as keyset from '../../keyset';
import type { KindList } from '../storage';
import { complaintReportClauses, useClockCalendar } from './report-filter';

/**
 * The complaint list, paged by keyset like the dossier list (see dossier-queries.ts): each sort
 * has a non-null indexed key (migration 4 adds due_key and a lifecycle rank for the status) and
 * `id` breaks ties. Complaints are thousands, not millions, so counts are plain counts.
 */
const SORT_COLUMNS: Record<ComplaintSortField, { column: string; kind: 'int' | 'text' }> = {
  receivedAt: { column: 'received_at', kind: 'int' },
  dueAt: { column: 'due_key', kind: 'int' },
  number: { column: 'number', kind: 'text' },
  senderName: { column: 'sender_sort', kind: 'text' },
  status: { column: 'status_rank', kind: 'int' },
};

const OPEN = `('new', 'received', 'info_requested', 'info_supplied', 'processing', 'answer_drafted', 'waiting_to_publish', 'returned')`;
const CLOSED = `('refused', 'transferred', 'published')`;

/** The SQL function through which closed complaints' states come from the shared domain. */
const CLOSED_STATE_FN = 'workbench_complaint_deadline_state';

/**
 * SQL mirror of complaintDeadlineState. An open complaint races its stored due_at (the machine
 * keeps it equal to the governing deadline; NULL compares false), and is due soon from one
 * working day before it:
 * @dueSoonLimit is the latest appointment for which that moment has come (see dueSoonLimit).
 * Whether a closed complaint met its limit depends on which step closed it and on the calendar,
 * so that test calls the domain function itself, through a SQL function, on closed rows only.
 */
const DEADLINE_SQL: Record<DeadlineState, string> = {
  overdue: `(status IN ${OPEN} AND due_at < @now)`,
  due_soon: `(status IN ${OPEN} AND due_at >= @now AND due_at <= @dueSoonLimit)`,
  on_track: `(status IN ${OPEN} AND (due_at IS NULL OR due_at > @dueSoonLimit))`,
  paused: '(0)',
  finished_on_time: `(status IN ${CLOSED} AND ${CLOSED_STATE_FN}(status, clock_started_at, approved_at, published_at, updated_at, @now) = 'finished_on_time')`,
  finished_late: `(status IN ${CLOSED} AND ${CLOSED_STATE_FN}(status, clock_started_at, approved_at, published_at, updated_at, @now) = 'finished_late')`,
};

const DAY_MS = 86_400_000;

/**
 * The latest appointment that is "due soon" at `now`: the largest d with
 * subtractWorkingTime(d, one working day) ≤ now. subtractWorkingTime grows with d, so a binary
 * search over the next 400 days finds it exactly (about 35 calendar calls, once per query).
 */
export function dueSoonLimit(
  now: number,
  calendar: WorkingCalendar,
  dueSoonMs = calendar.officeMsPerDay,
): number {
  try {
    let lo = now;
    let hi = now + 400 * DAY_MS;
    if (calendar.subtractWorkingTime(hi, dueSoonMs) <= now) return hi;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (calendar.subtractWorkingTime(mid, dueSoonMs) <= now) lo = mid;
      else hi = mid;
    }
    return lo;
  } catch (error) {
    if (error instanceof RangeError) return now;
    throw error;
  }
}

let activeCalendar: WorkingCalendar | null = null;
const registered = new WeakSet<Db>();

/** Statements that test closed complaints run inside this, so the SQL function has a calendar. */
function withCalendar<T>(db: Db, calendar: WorkingCalendar, run: () => T): T {
  useClockCalendar(db, calendar);
  if (!registered.has(db)) {
    db.function(
      CLOSED_STATE_FN,
      { deterministic: false },
      (
        status: unknown,
        clockStartedAt: unknown,
        approvedAt: unknown,
        publishedAt: unknown,
        updatedAt: unknown,
        now: unknown,
      ) => {
        if (!activeCalendar) throw new Error(`${CLOSED_STATE_FN} used outside withCalendar`);
        try {
          return complaintDeadlineState(
            {
              status: status as ComplaintStatus,
              clockStartedAt: Number(clockStartedAt),
              approvedAt: approvedAt === null ? null : Number(approvedAt),
              publishedAt: publishedAt === null ? null : Number(publishedAt),
              updatedAt: Number(updatedAt),
            },
            Number(now),
            activeCalendar,
          );
        } catch (error) {
          if (error instanceof RangeError) return null;
          throw error;
        }
      },
    );
    registered.add(db);
  }
  const previous = activeCalendar;
  activeCalendar = calendar;
  try {
    return run();
  } finally {
    activeCalendar = previous;
  }
}

export interface ComplaintListQuery {
  filter: ComplaintFilter;
  sort: { field: ComplaintSortField; direction: 'asc' | 'desc' };
  cursor?: string | null | undefined;
  limit: number;
  now: number;
  calendar: WorkingCalendar;
  context?: keyset.QueryContext;
}

export interface ComplaintListResult {
  rows: ComplaintListRow[];
  nextCursor: string | null;
  total: number | null;
}

function whereClause(
  filter: ComplaintFilter,
  params: keyset.Params,
  context: keyset.QueryContext,
  calendar: WorkingCalendar,
  now: number,
): string[] {
  const where: string[] = [];
  if (filter.status && filter.status.length > 0) {
    // Listed values, not json_each: SQLite then reads complaints_by_status_unit for them.
    const names = filter.status.map((s, i) => {
      params[`status${i}`] = s;
      return `@status${i}`;
    });
    where.push(`status IN (${names.join(', ')})`);
  }
  if (filter.unitId !== undefined) {
    params.unitId = filter.unitId;
    where.push('unit_id = @unitId');
  }
  if (filter.assigneeId !== undefined) {
    if (filter.assigneeId === null) where.push('assignee_id IS NULL');
    else {
      params.assigneeId = filter.assigneeId;
      where.push('assignee_id = @assigneeId');
    }
  }
  if (filter.deadlineState && filter.deadlineState.length > 0) {
    const states = [...new Set(filter.deadlineState)];
    if (states.includes('due_soon') || states.includes('on_track')) {
      params.dueSoonLimit = dueSoonLimit(now, calendar);
    }
    where.push(`(${states.map((s) => DEADLINE_SQL[s]).join(' OR ')})`);
  }
  where.push(...keyset.contextClauses(filter, context, params, complaintKind.name));
  where.push(...complaintReportClauses(filter, params));
  return where;
}

export interface ComplaintListStatement {
  sql: string;
  countSql: string | null;
  params: keyset.Params;
}

/** WHERE and ORDER BY of a complaint list, shared by its page, its count and a seek. */
function orderedComplaints(q: ComplaintListQuery) {
  const { column, kind } = SORT_COLUMNS[q.sort.field];
  const desc = q.sort.direction === 'desc';
  const params: keyset.Params = { now: q.now };
  const where = whereClause(q.filter, params, q.context ?? keyset.NO_CONTEXT, q.calendar, q.now);
  const filterWhere = [...where];
  if (q.cursor) where.push(keyset.keysetAfter(q.cursor, { column, kind }, desc, params));
  const dir = desc ? 'DESC' : 'ASC';
  return { column, where, filterWhere, orderBy: `ORDER BY ${column} ${dir}, id ${dir}`, params };
}

export function buildComplaintListStatement(q: ComplaintListQuery): ComplaintListStatement {
  const { column, where, filterWhere, orderBy, params } = orderedComplaints(q);
  params.limit = q.limit + 1;
  const sql = `SELECT ${COMPLAINT_ROW_COLUMNS}, ${column} AS sort_key FROM complaints
    ${keyset.whereSql(where)}
    ${orderBy} LIMIT @limit`;
  const countSql = q.cursor
    ? null
    : `SELECT count(*) AS n FROM complaints ${keyset.whereSql(filterWhere)}`;
  return { sql, countSql, params };
}

export interface ComplaintSeekQuery extends Omit<ComplaintListQuery, 'cursor' | 'limit'> {
  /** Row of the list (0-based) the cursor should make a page start at. */
  position: number;
}

/**
 * The SQL of a complaint seek (see buildSeekStatement in dossier-queries.ts for why the walk
 * selects only rowids: it keeps an unfiltered walk inside the sort's index).
 */
export function buildComplaintSeekStatement(q: ComplaintSeekQuery) {
  return keyset.seekStatement(
    'complaints',
    orderedComplaints({ ...q, cursor: null, limit: 1 }),
    q.position,
  );
}

/**
 * The cursor from which listComplaints starts exactly at row `position` (contract:
 * complaints.seek); null for position 0 and at or past the end.
 */
export function seekComplaints(db: Db, q: ComplaintSeekQuery): string | null {
  if (q.position <= 0) return null;
  const statement = buildComplaintSeekStatement(q);
  return withCalendar(db, q.calendar, () => keyset.runSeek(db, statement));
}

const COMPLAINT_ROW_COLUMNS = `id, number, sender_name, title, channel, status, classification,
  received_at, clock_started_at, due_at, unit_id, assignee_id, approved_at, published_at,
  version, updated_at`;

interface ComplaintRowRecord {
  id: string;
  number: string;
  sender_name: string;
  title: string;
  channel: string;
  status: string;
  classification: string | null;
  received_at: number;
  clock_started_at: number;
  due_at: number | null;
  unit_id: string;
  assignee_id: string | null;
  approved_at: number | null;
  published_at: number | null;
  version: number;
  updated_at: number;
  sort_key: string | number;
}

export function listComplaints(db: Db, q: ComplaintListQuery): ComplaintListResult {
  const { sql, countSql, params } = buildComplaintListStatement(q);
  return withCalendar(db, q.calendar, () => {
    const { records, nextCursor, pending } = keyset.readPage<ComplaintRowRecord>(
      db,
      complaintKind.name,
      sql,
      params,
      q.limit,
    );
    const total = countSql ? keyset.countOf(db, countSql, params) : null;
    return {
      rows: records.map((r) => toComplaintListRow(r, pending.has(r.id), q.now, q.calendar)),
      nextCursor,
      total,
    };
  });
}

/** Complaints matching a filter (a queue's count): the list's own count query. */
export function countComplaints(
  db: Db,
  filter: ComplaintFilter,
  context: keyset.QueryContext,
  now: number,
  calendar: WorkingCalendar,
): number {
  const { countSql, params } = buildComplaintListStatement({
    filter,
    sort: { field: 'receivedAt', direction: 'desc' },
    limit: 1,
    now,
    calendar,
    context,
  });
  return withCalendar(db, calendar, () => keyset.countOf(db, countSql ?? 'SELECT 0 AS n', params));
}

function toComplaintListRow(
  r: ComplaintRowRecord,
  pending: boolean,
  now: number,
  calendar: WorkingCalendar,
): ComplaintListRow {
  const fields = {
    status: r.status as ComplaintStatus,
    clockStartedAt: r.clock_started_at,
    approvedAt: r.approved_at,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
  };
  return {
    id: r.id,
    number: r.number,
    senderName: r.sender_name,
    title: r.title,
    channel: r.channel as Complaint['channel'],
    status: fields.status,
    classification: r.classification as Complaint['classification'],
    receivedAt: r.received_at,
    clockStartedAt: r.clock_started_at,
    dueAt: r.due_at,
    unitId: r.unit_id,
    assigneeId: r.assignee_id,
    version: r.version,
    updatedAt: r.updated_at,
    pending,
    deadlineState: complaintKind.deadline.state(fields, now, calendar),
    workingMsLeft: complaintKind.deadline.workingTimeLeft(fields, now, calendar),
  };
}

/** The scope to filter `inMyUnits` on, as for dossiers (a plain probe: the table is small). */
export function effectiveComplaintScope(db: Db, scope: readonly string[] | null): string[] | null {
  if (scope === null) return null;
  const outside = keyset
    .prepared(
      db,
      `SELECT 1 FROM complaints WHERE unit_id NOT IN (SELECT value FROM json_each(@scope)) LIMIT 1`,
    )
    .get({ scope: JSON.stringify(scope) });
  return outside ? [...scope] : null;
}

/** The complaint list as every kind's list is used (services, queues, session scope). */
export const complaintList: KindList<ComplaintFilter, ComplaintSortField, ComplaintListRow> = {
  list: (db, q) => listComplaints(db, q),
  seek: (db, q) => seekComplaints(db, q),
  count: (db, filter, context, now, calendar) =>
    countComplaints(db, filter, context, now, calendar),
  effectiveScope: (db, scope) => effectiveComplaintScope(db, scope),
};
