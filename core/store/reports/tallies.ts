import { DAY_MS, dayOfIsoDate, isoDateOfDay, localDayOf } from '@shared/domain/calendar/time';
import type { Db } from '../db';
import { prepared } from '../keyset';
import { OUTCOME_SQL } from '../kinds/dossier/report-filter';

/**
 * The supervisors' figures read from the store: sums of dossier_period_counts over a period's
 * years, months, weeks and days (migration 8), and the dossiers still open read from their
 * covering partial index. Nothing here scans the dossiers table (store/reports/tallies.test.ts checks the plans).
 */

/** Who is counted: a set of units (null: all) and possibly one officer. */
export interface TallyScope {
  readonly unitIds: readonly string[] | null;
  readonly assigneeId: string | null;
}

/** One group of counts: the dossiers of one unit, field and assignee ('' for nobody). */
export interface TallyKey {
  readonly unitId: string;
  readonly fieldCode: string;
  readonly assigneeId: string;
}

const GRAIN_DAY = 0;
const GRAIN_WEEK = 1;
const GRAIN_MONTH = 2;
const GRAIN_YEAR = 3;

/** The first day of year `y`. */
function yearStart(y: number): number {
  return dayOfIsoDate(`${String(y).padStart(4, '0')}-01-01`) as number;
}

/** The first day (local day number) of month bucket `m` (year * 12 + month − 1). */
function monthStart(m: number): number {
  const year = Math.floor(m / 12);
  const month = (m % 12) + 1;
  return dayOfIsoDate(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`,
  ) as number;
}

function monthOfDay(day: number): number {
  const [y, m] = isoDateOfDay(day).split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
}

/** Week buckets start on Mondays: week w is days [7w − 3, 7w + 4). */
const weekStart = (w: number) => 7 * w - 3;
const weekOfDay = (day: number) => Math.floor((day + 3) / 7);

export interface BucketRun {
  readonly grain: number;
  readonly from: number;
  readonly to: number;
}

/**
 * The days [from, to) as runs of whole years, months, weeks and single days (largest first), so
 * a calendar year is one bucket, a quarter three, and a period's edges a few weeks and days.
 */
export function bucketRuns(from: number, to: number): BucketRun[] {
  const runs: BucketRun[] = [];
  const push = (grain: number, bucket: number) => {
    const last = runs[runs.length - 1];
    if (last && last.grain === grain && last.to === bucket - 1) {
      runs[runs.length - 1] = { grain, from: last.from, to: bucket };
    } else runs.push({ grain, from: bucket, to: bucket });
  };
  let day = from;
  while (day < to) {
    const y = Number(isoDateOfDay(day).slice(0, 4));
    if (yearStart(y) === day && yearStart(y + 1) <= to) {
      push(GRAIN_YEAR, y);
      day = yearStart(y + 1);
      continue;
    }
    const m = monthOfDay(day);
    if (monthStart(m) === day && monthStart(m + 1) <= to) {
      push(GRAIN_MONTH, m);
      day = monthStart(m + 1);
      continue;
    }
    const w = weekOfDay(day);
    if (weekStart(w) === day && day + 7 <= to) {
      push(GRAIN_WEEK, w);
      day += 7;
      continue;
    }
    push(GRAIN_DAY, day);
    day += 1;
  }
  return runs;
}

function scopeSql(scope: TallyScope, params: Record<string, string | number>): string {
  let sql = '';
  if (scope.unitIds) {
    params.units = JSON.stringify(scope.unitIds);
    sql += ' AND unit_id IN (SELECT value FROM json_each(@units))';
  }
  if (scope.assigneeId !== null) {
    params.assignee = scope.assigneeId;
    sql += ' AND assignee_id = @assignee';
  }
  return sql;
}

/** The sums of one group over a range of days, computed in SQL (one row per group). */
export interface TallySums extends TallyKey {
  readonly received: number;
  readonly online: number;
  readonly receivedApologized: number;
  readonly receivedSecond: number;
  readonly resolved: number;
  readonly early: number;
  readonly onTime: number;
  readonly late: number;
  readonly dur: number;
  readonly resolvedApologized: number;
  readonly resolvedSecond: number;
}

const SUMS = `unit_id AS unitId, field_code AS fieldCode, assignee_id AS assigneeId,
  sum(received) AS received, sum(online) AS online,
  sum(received_apologized) AS receivedApologized, sum(received_second) AS receivedSecond,
  sum(resolved) AS resolved, sum(early) AS early, sum(on_time) AS onTime, sum(late) AS late,
  sum(dur) AS dur, sum(resolved_apologized) AS resolvedApologized,
  sum(resolved_second) AS resolvedSecond`;

/** The sums of one grain's buckets (exported for the query-plan test). */
export const SUMS_SQL = (where: string) => `SELECT ${SUMS} FROM dossier_period_counts
  WHERE grain = @grain AND bucket BETWEEN @from AND @to${where}
  GROUP BY unit_id, field_code, assignee_id`;

/**
 * Every group's sums over the instants [start, end) (whole Vietnam days): the range's years,
 * months, weeks and days read in one statement and summed by SQLite, so only one row per group
 * reaches JavaScript.
 */
export function sumsBetween(db: Db, start: number, end: number, scope: TallyScope): TallySums[] {
  const runs = bucketRuns(localDayOf(start), localDayOf(end - 1) + 1);
  if (runs.length === 0) return [];
  const params: Record<string, string | number> = {};
  const ranges = runs.map((run, i) => {
    params[`g${i}`] = run.grain;
    params[`f${i}`] = run.from;
    params[`t${i}`] = run.to;
    return `SELECT * FROM dossier_period_counts WHERE grain = @g${i} AND bucket BETWEEN @f${i} AND @t${i}`;
  });
  const sql = `SELECT ${SUMS} FROM (${ranges.join(' UNION ALL ')})
    WHERE 1${scopeSql(scope, params)}
    GROUP BY unit_id, field_code, assignee_id`;
  return prepared(db, sql).all(params) as TallySums[];
}

/**
 * Sums from `start` on, to past every instant the store can hold (nothing is dated after now):
 * the range runs to the end of next year, so whole years answer most of it.
 */
export function sumsSince(db: Db, start: number, now: number, scope: TallyScope): TallySums[] {
  const year = Number(isoDateOfDay(localDayOf(Math.max(start, now))).slice(0, 4));
  const end = yearStart(year + 2) * DAY_MS - 7 * 3_600_000;
  return start >= end ? [] : sumsBetween(db, start, end, scope);
}

/** Counts per bucket of one grain (the trend chart), summed over the scope. */
export function tallyTrend(
  db: Db,
  grain: 'week' | 'month',
  start: number,
  end: number,
  scope: TallyScope,
): {
  bucket: number;
  from: number;
  to: number;
  received: number;
  resolved: number;
  late: number;
}[] {
  const fromDay = localDayOf(start);
  const toDay = localDayOf(end - 1);
  const g = grain === 'week' ? GRAIN_WEEK : GRAIN_MONTH;
  const first = grain === 'week' ? weekOfDay(fromDay) : monthOfDay(fromDay);
  const last = grain === 'week' ? weekOfDay(toDay) : monthOfDay(toDay);
  const params: Record<string, string | number> = { grain: g, from: first, to: last };
  const sql = `SELECT bucket, sum(received) AS received, sum(resolved) AS resolved,
      sum(late) AS late FROM dossier_period_counts
    WHERE grain = @grain AND bucket BETWEEN @from AND @to${scopeSql(scope, params)}
    GROUP BY bucket`;
  const rows = prepared(db, sql).all(params) as {
    bucket: number;
    received: number;
    resolved: number;
    late: number;
  }[];
  const points = new Map<
    number,
    { bucket: number; from: number; to: number; received: number; resolved: number; late: number }
  >();
  for (let b = first; b <= last; b++) {
    const from = grain === 'week' ? weekStart(b) : monthStart(b);
    const to = grain === 'week' ? weekStart(b + 1) - 1 : monthStart(b + 1) - 1;
    points.set(b, { bucket: b, from, to, received: 0, resolved: 0, late: 0 });
  }
  for (const r of rows) {
    const p = points.get(r.bucket);
    if (!p) continue;
    p.received += r.received;
    p.resolved += r.resolved;
    p.late += r.late;
  }
  return [...points.values()];
}

/** The dossiers open now (received, not finished), per group, with their clock at `at`. */
export interface OpenRow extends TallyKey {
  readonly open: number;
  readonly openBefore: number;
  readonly apologized: number;
  readonly secondSupplement: number;
  readonly waiting: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly onTrack: number;
}

const OPEN_WHERE = 'received_at IS NOT NULL AND finished_at IS NULL';

export function openDossiers(db: Db, at: number, scope: TallyScope): OpenRow[] {
  const params: Record<string, string | number> = { at };
  const sql = `SELECT unit_id AS unitId, field_code AS fieldCode,
      coalesce(assignee_id, '') AS assigneeId, count(*) AS open,
      sum(received_at < @at) AS openBefore, sum(apology_count > 0) AS apologized, sum(supplement_count > 1) AS secondSupplement,
      sum(received_at < @at AND status IN (5, 6)) AS waiting,
      sum(received_at < @at AND status NOT IN (5, 6) AND due_at < @at) AS overdue,
      sum(received_at < @at AND status NOT IN (5, 6) AND due_at >= @at
        AND coalesce(due_soon_at, due_at) <= @at) AS dueSoon,
      sum(received_at < @at AND status NOT IN (5, 6)
        AND (due_at IS NULL OR coalesce(due_soon_at, due_at) > @at)) AS onTrack
    FROM dossiers INDEXED BY dossiers_open_clock
    WHERE ${OPEN_WHERE}${scopeSqlDossiers(scope, params)}
    GROUP BY unit_id, field_code, assignee_id`;
  return prepared(db, sql).all(params) as OpenRow[];
}

function scopeSqlDossiers(scope: TallyScope, params: Record<string, string | number>): string {
  let sql = '';
  if (scope.unitIds) {
    params.units = JSON.stringify(scope.unitIds);
    sql += ' AND unit_id IN (SELECT value FROM json_each(@units))';
  }
  if (scope.assigneeId !== null) {
    params.assignee = scope.assigneeId;
    sql += scope.assigneeId === '' ? ' AND assignee_id IS NULL' : ' AND assignee_id = @assignee';
  }
  return sql;
}

/**
 * Dossiers that were overdue at `at` but have finished since (after their appointment): for a
 * period that is over, what the open ones alone miss.
 */
export function overdueSinceFinished(
  db: Db,
  at: number,
  scope: TallyScope,
): (TallyKey & { n: number })[] {
  const params: Record<string, string | number> = { at };
  const sql = `SELECT unit_id AS unitId, field_code AS fieldCode,
      coalesce(assignee_id, '') AS assigneeId, count(*) AS n
    FROM dossiers INDEXED BY dossiers_finished_late
    WHERE finished_at > due_at AND finished_at >= @at AND due_at < @at AND received_at < @at
      ${scopeSqlDossiers(scope, params)}
    GROUP BY unit_id, field_code, assignee_id`;
  return prepared(db, sql).all(params) as (TallyKey & { n: number })[];
}

/** Open dossiers overdue at `at`, by procedure (the backlog chart). */
export function overdueByProcedure(
  db: Db,
  at: number,
  scope: TallyScope,
  limit: number,
): { procedureCode: string; name: string; n: number }[] {
  const params: Record<string, string | number> = { at, limit };
  const sql = `SELECT o.procedure_code AS procedureCode,
      coalesce((SELECT p.name FROM procedures p WHERE p.code = o.procedure_code), o.procedure_code) AS name,
      o.n AS n
    FROM (SELECT procedure_code, count(*) AS n FROM dossiers INDEXED BY dossiers_open_clock
      WHERE ${OPEN_WHERE} AND received_at < @at AND status NOT IN (5, 6) AND due_at < @at
        ${scopeSqlDossiers(scope, params)}
      GROUP BY procedure_code) o
    ORDER BY o.n DESC, o.procedure_code LIMIT @limit`;
  return prepared(db, sql).all(params) as { procedureCode: string; name: string; n: number }[];
}

/** Appointments of open dossiers by Vietnam day, from `from` for `days` days. */
export function dueByDay(
  db: Db,
  from: number,
  days: number,
  scope: TallyScope,
): { day: string; n: number }[] {
  const params: Record<string, string | number> = { from, to: from + days * DAY_MS };
  const sql = `SELECT (due_at + 25200000) / 86400000 AS day, count(*) AS n
    FROM dossiers INDEXED BY dossiers_open_clock
    WHERE ${OPEN_WHERE} AND status NOT IN (5, 6) AND due_at >= @from AND due_at < @to
      ${scopeSqlDossiers(scope, params)}
    GROUP BY 1 ORDER BY 1`;
  return (prepared(db, sql).all(params) as { day: number; n: number }[]).map((r) => ({
    day: isoDateOfDay(r.day),
    n: r.n,
  }));
}

/** The SQL of the finished outcome, re-exported for the reports that list dossiers. */
export { OUTCOME_SQL };

/** A complaint received in a period, with what its clocks read. */
export interface ComplaintClockRow {
  readonly id: string;
  readonly unitId: string;
  readonly status: string;
  readonly clockStartedAt: number;
  readonly approvedAt: number | null;
  readonly publishedAt: number | null;
  readonly updatedAt: number;
  readonly infoRequestedAt: number | null;
}

export function complaintsReceived(
  db: Db,
  start: number,
  end: number,
  unitIds: readonly string[] | null,
  assigneeId: string | null,
): ComplaintClockRow[] {
  const params: Record<string, string | number> = { start, end };
  let where = 'received_at >= @start AND received_at < @end';
  if (unitIds) {
    params.units = JSON.stringify(unitIds);
    where += ' AND unit_id IN (SELECT value FROM json_each(@units))';
  }
  if (assigneeId !== null) {
    params.assignee = assigneeId;
    where += ' AND assignee_id = @assignee';
  }
  const sql = `SELECT id, unit_id, status, clock_started_at, approved_at, published_at, updated_at
    FROM complaints INDEXED BY complaints_by_received_clock WHERE ${where}`;
  // Rows as arrays: a province's year is tens of thousands of complaints, and objects cost twice.
  const raw = prepared(db, sql).raw(true).all(params) as [
    string,
    string,
    string,
    number,
    number | null,
    number | null,
    number,
  ][];
  // The first information request of each, read from the requests alone (migration 7's index).
  const asked = new Map(
    (
      prepared(
        db,
        `SELECT complaint_id AS id, min(at) AS at FROM complaint_history
         WHERE action IN ('request_info', 'info_requested') GROUP BY complaint_id`,
      ).all({}) as { id: string; at: number }[]
    ).map((r) => [r.id, r.at]),
  );
  return raw.map(([id, unitId, status, clockStartedAt, approvedAt, publishedAt, updatedAt]) => ({
    id,
    unitId,
    status,
    clockStartedAt,
    approvedAt,
    publishedAt,
    updatedAt,
    infoRequestedAt: asked.get(id) ?? null,
  }));
}

/** Field names by code, from the procedure catalogue. */
export function fieldNames(db: Db): Map<string, string> {
  const rows = prepared(
    db,
    'SELECT field_code AS code, min(field_name) AS name FROM procedures GROUP BY field_code',
  ).all({}) as { code: string; name: string }[];
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Every unit with its parent and kind (a province has about 150). */
export function unitTree(
  db: Db,
): { id: string; parentId: string | null; name: string; kind: string }[] {
  return prepared(db, 'SELECT id, parent_id AS parentId, name, kind FROM units ORDER BY id').all(
    {},
  ) as {
    id: string;
    parentId: string | null;
    name: string;
    kind: string;
  }[];
}

/** Officers' names by id. */
export function officerNames(db: Db): Map<string, { name: string; unitId: string }> {
  const rows = prepared(db, 'SELECT id, full_name AS name, unit_id AS unitId FROM officers').all(
    {},
  ) as {
    id: string;
    name: string;
    unitId: string;
  }[];
  return new Map(rows.map((r) => [r.id, { name: r.name, unitId: r.unitId }]));
}
