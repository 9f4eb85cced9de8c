import type { DossierRow, DeadlineState } from '@shared/model';
import type { DossierFilter, DossierSortField } from '@shared/contract/api';
import { ApiFailure } from '@shared/contract/envelope';
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
 * SQL mirror of shared/domain/deadline.ts (deadlineState), so a million rows can be filtered in
 * the database. store.test.ts checks the two agree on every seeded row.
 */
const DEADLINE_SQL: Record<DeadlineState, string> = {
  on_track: `(status = 1 OR (status IN ${RUNNING} AND (due_at IS NULL OR @now < coalesce(due_soon_at, due_at))))`,
  due_soon: `(status IN ${RUNNING} AND due_at IS NOT NULL AND @now >= coalesce(due_soon_at, due_at) AND @now <= due_at)`,
  overdue: `(status IN ${RUNNING} AND due_at IS NOT NULL AND @now > due_at)`,
  paused: `(status IN (5, 6))`,
  finished_on_time: `(status IN ${FINISHED} AND late = 0 AND (due_at IS NULL OR coalesce(finished_at, returned_at) IS NULL OR coalesce(finished_at, returned_at) <= due_at))`,
  finished_late: `(status IN ${FINISHED} AND (late = 1 OR (due_at IS NOT NULL AND coalesce(finished_at, returned_at) > due_at)))`,
};

export interface ListQuery {
  filter: DossierFilter;
  sort: { field: DossierSortField; direction: 'asc' | 'desc' };
  cursor?: string | null | undefined;
  limit: number;
  now: number;
}

export interface ListResult {
  rows: DossierRow[];
  nextCursor: string | null;
  total: number | null;
}

type Params = Record<string, string | number | null>;

function whereClause(filter: DossierFilter, params: Params): string[] {
  const where: string[] = [];
  if (filter.status && filter.status.length > 0) {
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
    where.push(`(${[...new Set(filter.deadlineState)].map((s) => DEADLINE_SQL[s]).join(' OR ')})`);
  }
  return where;
}

function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, kind: 'int' | 'text'): [string | number, string] {
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

function prepared(db: Db, sql: string) {
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
export function buildListStatement(q: ListQuery): ListStatement {
  const { column, kind } = SORT_COLUMNS[q.sort.field];
  const desc = q.sort.direction === 'desc';
  const params: Params = { now: q.now, limit: q.limit + 1 };
  const where = whereClause(q.filter, params);
  const filterWhere = [...where];
  if (q.cursor) {
    const [key, id] = decodeCursor(q.cursor, kind);
    params.cursorKey = key;
    params.cursorId = id;
    where.push(`(${column}, id) ${desc ? '<' : '>'} (@cursorKey, @cursorId)`);
  }
  const dir = desc ? 'DESC' : 'ASC';
  const sql = `SELECT ${DOSSIER_ROW_COLUMNS}, ${column} AS sort_key FROM dossiers
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${column} ${dir}, id ${dir} LIMIT @limit`;
  // Counting every match costs a scan, so only the first page (no cursor) pays for it.
  const countSql = q.cursor
    ? null
    : `SELECT count(*) AS n FROM dossiers ${filterWhere.length ? `WHERE ${filterWhere.join(' AND ')}` : ''}`;
  return { sql, countSql, params };
}

export function listDossiers(db: Db, q: ListQuery): ListResult {
  const { sql, countSql, params } = buildListStatement(q);
  const records = prepared(db, sql).all(bindable(sql, params)) as (DossierRowRecord & {
    sort_key: string | number;
  })[];
  const hasMore = records.length > q.limit;
  if (hasMore) records.pop();
  const last = records[records.length - 1];
  const total = countSql
    ? (prepared(db, countSql).get(bindable(countSql, params)) as { n: number }).n
    : null;
  return {
    rows: records.map(toDossierRow),
    nextCursor: hasMore && last ? encodeCursor(last.sort_key, last.id) : null,
    total,
  };
}

/** better-sqlite3 refuses named parameters the statement does not use, so pass only those. */
export function bindable(sql: string, params: Params): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params))
    if (sql.includes(`@${name}`)) out[name] = value;
  return out;
}
