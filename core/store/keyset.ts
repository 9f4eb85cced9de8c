import { ApiFailure } from '@shared/contract/envelope';
import type { Db } from './db';

/**
 * Keyset paging and seeking, for the list of every kind of record (kinds/<kind>/list.ts). A list
 * is ordered by (sort key, id): every key is non-null (generated columns of the migrations) and
 * `id` breaks ties, so the order is total and a cursor resumes exactly after the last row of a
 * page without OFFSET. A seek (a far jump of the grid) is the one place an OFFSET runs, over the
 * list's own WHERE and ORDER BY and selecting only rowids, so an unfiltered walk stays inside the
 * sort's index (see seekStatement).
 */

export type Params = Record<string, string | number | null>;

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

/** The officer-relative filters every kind's list offers. */
export interface ContextFilter {
  readonly mine?: boolean | undefined;
  readonly inMyUnits?: boolean | undefined;
  readonly pendingOnly?: boolean | undefined;
}

/**
 * Conditions on the officer-relative filters, written the same way for the list, its count and
 * the queue counts, so a queue's count and its list's total always agree. `noIndex` keeps a
 * column off its index (`+column`) when a plan walks another index.
 */
export function contextClauses(
  filter: ContextFilter,
  context: QueryContext,
  params: Params,
  entity: string,
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
    params.pendingEntity = entity;
    where.push('id IN (SELECT record_id FROM outbox WHERE entity = @pendingEntity)');
  }
  return where;
}

export const whereSql = (where: readonly string[]) =>
  where.length ? `WHERE ${where.join(' AND ')}` : '';

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

/** better-sqlite3 refuses named parameters the statement does not use, so pass only those. */
export function bindable(sql: string, params: Params): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params))
    if (sql.includes(`@${name}`)) out[name] = value;
  return out;
}

/** What every statement over a list shares: its sort column, WHERE and ORDER BY. */
export interface OrderedList {
  column: string;
  where: readonly string[];
  /** `ORDER BY …` (without LIMIT). */
  orderBy: string;
  params: Params;
}

/** A sort key and the keyset condition after a cursor, for `column` in `direction`. */
export function keysetAfter(
  cursor: string,
  column: { column: string; kind: 'int' | 'text' },
  desc: boolean,
  params: Params,
  keyset = `${column.column}, id`,
): string {
  const [key, id] = decodeCursor(cursor, column.kind);
  params.cursorKey = key;
  params.cursorId = id;
  return `(${keyset}) ${desc ? '<' : '>'} (@cursorKey, @cursorId)`;
}

export interface SeekStatement {
  /** Rowids of the rows at position − 1 and position: two rows, or fewer past the end. */
  walkSql: string;
  /** The sort key and id of one row, by rowid: what the cursor is made of. */
  keySql: string;
  params: Params;
}

/**
 * A seek's two statements over a list's WHERE and ORDER BY. The walk selects only the rowid,
 * which every index holds, so an unfiltered walk never reads a table row: SQLite skips the
 * OFFSET's rows in the sort's index and defers the table seek it would need for any other
 * column, which then never happens. (EXPLAIN QUERY PLAN still says "USING INDEX" rather than
 * "COVERING INDEX" for some orders: the planner counts the ORDER BY's virtual key, or the id an
 * index lacks, as table columns although the index order already answers them; seek.test.ts
 * checks the program instead.) The key and id of the one row the cursor needs are then read by
 * rowid.
 */
export function seekStatement(
  table: string,
  ordered: OrderedList,
  position: number,
): SeekStatement {
  const { column, where, orderBy, params } = ordered;
  params.offset = Math.max(0, position - 1);
  return {
    walkSql: `SELECT rowid AS r FROM ${table} ${whereSql(where)} ${orderBy} LIMIT 2 OFFSET @offset`,
    keySql: `SELECT ${column} AS sort_key, id FROM ${table} WHERE rowid = @rowid`,
    params,
  };
}

/**
 * Runs a seek's statements in one read transaction (the walk and the key lookup on the same
 * snapshot): the cursor after which the list starts at the walk's position, or null past the end.
 */
export function runSeek(db: Db, { walkSql, keySql, params }: SeekStatement): string | null {
  return db.transaction(() => {
    const rows = prepared(db, walkSql).all(bindable(walkSql, params)) as { r: number }[];
    // Two rows: the one before `position` (the cursor's) and one at it (else nothing is there).
    const before = rows[0];
    if (rows.length < 2 || before === undefined) return null;
    const key = prepared(db, keySql).get({ rowid: before.r }) as
      { sort_key: string | number; id: string } | undefined;
    return key ? encodeCursor(key.sort_key, key.id) : null;
  })();
}

/** One page of rows read with LIMIT n + 1: the rows, and the cursor after them if more follow. */
export function keysetPage<T extends { id: string; sort_key: string | number }>(
  records: T[],
  limit: number,
): { records: T[]; nextCursor: string | null } {
  const hasMore = records.length > limit;
  if (hasMore) records.pop();
  const last = records[records.length - 1];
  return { records, nextCursor: hasMore && last ? encodeCursor(last.sort_key, last.id) : null };
}

/** A count statement's answer. */
export function countOf(db: Db, sql: string, params: Params): number {
  return (prepared(db, sql).get(bindable(sql, params)) as { n: number }).n;
}

export const PENDING_SQL = `SELECT DISTINCT record_id AS id FROM outbox
  WHERE record_id IN (SELECT value FROM json_each(@ids)) AND entity = @entity`;

/**
 * Which of these records have changes in the outbox (a list's `pending` marks). The outbox is
 * small (what an officer did offline) and indexed by record, so this is one probe per row.
 */
export function pendingIds(db: Db, entity: string, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  const rows = prepared(db, PENDING_SQL).all({ entity, ids: JSON.stringify(ids) }) as {
    id: string;
  }[];
  return new Set(rows.map((r) => r.id));
}

/**
 * A list's page: the rows of `sql` (which reads `limit` + 1 with a `sort_key` column), the cursor
 * after them if more follow, and which of them have changes waiting in the outbox.
 */
export function readPage<T extends { id: string; sort_key: string | number }>(
  db: Db,
  entity: string,
  sql: string,
  params: Params,
  limit: number,
): { records: T[]; nextCursor: string | null; pending: Set<string> } {
  const page = keysetPage(prepared(db, sql).all(bindable(sql, params)) as T[], limit);
  const pending = pendingIds(
    db,
    entity,
    page.records.map((r) => r.id),
  );
  return { ...page, pending };
}
