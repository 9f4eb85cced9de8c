import { CompiledQuery, PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import {
  ChangeSchema,
  FeedPageSchema,
  type Change,
  type FeedPage,
  type Removal,
} from '@shared/sync/protocol';
import type { CentralDatabase } from './store/database';
import type { CentralStore } from './store/store';

/**
 * The change feed: for one officer's scope, the latest state of every record whose seq is after
 * the cursor, and the removals of records that left the scope, in seq order.
 *
 * Scope filtering is one column: every dossier and complaint, and every history entry, carries
 * the unit that currently holds it in `records.unit_id` (history is restamped when its dossier
 * moves); reference data has NULL there and goes to everyone. Two query shapes:
 *  - merge, for a few units (an officer, a commune or department leader) far behind the head:
 *    the page's seqs from one index-only range per unit on (unit_id, seq), merged under one
 *    ORDER BY/LIMIT, then the rows by key; a page reads `limit` rows however big the other
 *    units are;
 *  - range, for many units (a provincial leader), and for any scope near the head (a client
 *    following the live feed): one scan in seq order from the cursor (on SQLite the table is
 *    stored in seq order) that skips rows of other units, so it reads at most the rows since
 *    the cursor, or about `limit` when most rows are in scope. The filter is written as
 *    coalesce(unit_id, '') IN (…) so neither planner is tempted to gather every row of every
 *    unit through the (unit_id, seq) index and sort them.
 * On PostgreSQL the range shape runs as a prepared statement with a generic plan (the same
 * plan whatever the values, so it is planned once per connection); the merge shape is planned
 * for its values every time: a generic plan of it cannot know how few rows a unit holds, and
 * was seen to scan the whole table in seq order instead (tests/central/plans.test.ts checks the
 * plans as the server runs them).
 */

/** Above this many units a page scans in seq order instead of merging per-unit ranges. */
export const MERGE_SCOPE_LIMIT = 32;
/** A cursor at most this many seqs behind the head is paged by a range from it. */
export const NEAR_HEAD_SEQS = 2000;

export type PageShape = 'merge' | 'range';

/** The query shape for a page (see the module comment). */
export function pageShape(scope: readonly string[], since: number, head: number): PageShape {
  return scope.length + 1 > MERGE_SCOPE_LIMIT || head - since <= NEAR_HEAD_SEQS ? 'range' : 'merge';
}

export class CursorAheadError extends Error {
  readonly head: number;
  constructor(since: number, head: number) {
    super(
      `the cursor ${since} is ahead of this server's latest change (${head}): its data was reset; sync again from 0`,
    );
    this.name = 'CursorAheadError';
    this.head = head;
  }
}

type Tx = Transaction<CentralDatabase>;

interface FeedRow {
  seq: number;
  entity: string;
  id: string;
  version: number;
  data: string;
}

const FEED_COLUMNS = ['seq', 'entity', 'id', 'version', 'data'] as const;

/** A wide scope's page: one range scan in seq order (exported for its query-plan test). */
export function wideRecordsQuery(
  db: Kysely<CentralDatabase>,
  scope: readonly string[],
  since: number,
  take: number,
) {
  return db
    .selectFrom('records')
    .select(FEED_COLUMNS)
    .where('seq', '>', since)
    .where(sql<string>`coalesce(unit_id, '')`, 'in', ['', ...scope])
    .orderBy('seq')
    .limit(take);
}

/**
 * A narrow scope's page, first step: the seqs of the page, from one index-only range per unit
 * (and one for reference data), merged. Reading seqs only keeps the per-unit ranges cheap (each
 * branch may read up to `take` index entries); the rows themselves are then fetched by key.
 */
export function narrowSeqsQuery(
  db: Kysely<CentralDatabase>,
  scope: readonly string[],
  since: number,
  take: number,
) {
  const branch = (unitId: string | null) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('records')
          .select('seq')
          .where('unit_id', unitId === null ? 'is' : '=', unitId)
          .where('seq', '>', since)
          .orderBy('seq')
          .limit(take)
          .as('b'),
      )
      .select('seq');
  let query = branch(null);
  for (const unitId of scope) query = query.unionAll(branch(unitId));
  return query.orderBy('seq').limit(take);
}

/** A scope's records after the cursor, in seq order (at most `take`). */
function recordsQuery(
  db: Kysely<CentralDatabase>,
  shape: PageShape,
  scope: readonly string[],
  since: number,
  take: number,
) {
  if (shape === 'range') return wideRecordsQuery(db, scope, since, take);
  return db
    .selectFrom('records')
    .select(FEED_COLUMNS)
    .where('seq', 'in', narrowSeqsQuery(db, scope, since, take))
    .orderBy('seq');
}

export interface PageRow {
  /** 0: the head; 1: a record; 2: a removal. */
  k: number;
  seq: number;
  entity: string | null;
  id: string | null;
  version: number | null;
  data: string | null;
}

/**
 * A page in ONE statement (exported for its query-plan test): the head, the records and the removals. One statement reads one
 * snapshot on both engines (PostgreSQL takes it at the statement's start even in READ
 * COMMITTED), so the three agree without a transaction, and a page costs one round trip to
 * PostgreSQL instead of six (BEGIN, head, seqs, records, removals, COMMIT).
 */
/**
 * PostgreSQL's range page: one text for every scope (the scope is an array parameter), so one
 * prepared statement per connection serves every live client, and nothing is compiled per page.
 * The same query as wideRecordsQuery and removalsQuery, with `= any(array)` for `in (…)`.
 */
const POSTGRES_RANGE_PAGE = `
    select 0 as k, value as seq, null as entity, null as id, null as version, null as data
      from counters where name = 'seq'
    union all
    select 1, r.seq, r.entity, r.id, r.version, r.data
      from (select seq, entity, id, version, data from records
            where seq > $1 and coalesce(unit_id, '') = any($2::text[])
            order by seq limit $3) as r
    union all
    select 2, m.seq, m.entity, m.id, null, null
      from (select r.seq, r.entity, r.id from removals as r
            where r.unit_id = any($2::text[]) and r.seq > $1
              and not exists (select 1 from records as x
                              where x.entity = r.entity and x.id = r.id
                                and x.unit_id = any($2::text[]))
            order by r.seq limit $3) as m`;

export function pageStatement(
  db: Kysely<CentralDatabase>,
  shape: PageShape,
  scope: readonly string[],
  since: number,
  take: number,
): CompiledQuery<PageRow> {
  if (shape === 'range' && db.getExecutor().adapter instanceof PostgresAdapter) {
    return CompiledQuery.raw(POSTGRES_RANGE_PAGE, [since, ['', ...scope], take]);
  }
  const removals =
    scope.length === 0
      ? sql``
      : sql`union all
        select 2, m.seq, m.entity, m.id, null, null from (${removalsQuery(db, scope, since, take)}) as m`;
  return sql<PageRow>`
    select 0 as k, value as seq, null as entity, null as id, null as version, null as data
      from counters where name = 'seq'
    union all
    select 1, r.seq, r.entity, r.id, r.version, r.data
      from (${recordsQuery(db, shape, scope, since, take)}) as r
    ${removals}`.compile(db);
}

async function readPageRows(
  db: Kysely<CentralDatabase>,
  run: (query: CompiledQuery, shape: PageShape) => Promise<PageRow[]>,
  shape: PageShape,
  scope: readonly string[],
  since: number,
  take: number,
): Promise<{ head: number; records: FeedRow[]; removals: RemovalRow[] }> {
  const rows = await run(pageStatement(db, shape, scope, since, take), shape);
  let head = 0;
  const records: FeedRow[] = [];
  const gone: RemovalRow[] = [];
  for (const row of rows) {
    const k = Number(row.k);
    if (k === 0) head = Number(row.seq);
    else if (k === 1) {
      records.push({
        seq: Number(row.seq),
        entity: row.entity as string,
        id: row.id as string,
        version: Number(row.version),
        data: row.data as string,
      });
    } else gone.push({ seq: Number(row.seq), entity: row.entity as string, id: row.id as string });
  }
  records.sort((x, y) => x.seq - y.seq);
  gone.sort((x, y) => x.seq - y.seq);
  return { head, records, removals: gone };
}

interface RemovalRow {
  seq: number;
  entity: string;
  id: string;
}

/**
 * Removals in scope after the cursor, except those of records the officer still sees (a record
 * that moved between two units of a leader's subtree): its current state has a higher seq than
 * the removal, so the reader gets it anyway, and dropping it would be wrong.
 */
export function removalsQuery(
  db: Kysely<CentralDatabase>,
  scope: readonly string[],
  since: number,
  take: number,
) {
  return db
    .selectFrom('removals as r')
    .select(['r.seq', 'r.entity', 'r.id'])
    .where('r.unit_id', 'in', scope)
    .where('r.seq', '>', since)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('records as x')
            .select(sql.lit(1).as('one'))
            .whereRef('x.entity', '=', 'r.entity')
            .whereRef('x.id', '=', 'r.id')
            .where('x.unit_id', 'in', scope),
        ),
      ),
    )
    .orderBy('r.seq')
    .limit(take);
}

async function countRemaining(tx: Tx, scope: readonly string[], since: number): Promise<number> {
  const reference = await tx
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', 'is', null)
    .where('seq', '>', since)
    .executeTakeFirstOrThrow();
  if (scope.length === 0) return Number(reference.n);
  const scoped = await tx
    .selectFrom('records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', 'in', scope)
    .where('seq', '>', since)
    .executeTakeFirstOrThrow();
  const removals = await tx
    .selectFrom('removals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', 'in', scope)
    .where('seq', '>', since)
    .executeTakeFirstOrThrow();
  return Number(reference.n) + Number(scoped.n) + Number(removals.n);
}

export interface FeedRequest {
  readonly scope: readonly string[];
  readonly since: number;
  readonly limit: number;
  readonly count: boolean;
}

/**
 * A page as read: records' data parsed (the route validates the page with the protocol's
 * schema), and each change's data also as the JSON text it is stored as, in the same order.
 */
export interface FeedRead {
  readonly page: FeedPage;
  readonly texts: readonly string[];
}

/**
 * The body of a page that passed the schema: each record's stored text is sent as it is, rather
 * than serialising its parse once more (the same JSON value: the text is what was parsed); in an
 * initial sync of 50,000 dossiers the central API's CPU went from 7.6 to 7.2 s.
 */
export function feedPageJson({ page, texts }: FeedRead): string {
  const parts: string[] = [];
  page.changes.forEach((c, i) => {
    parts.push(
      `{"entity":${JSON.stringify(c.entity)},"id":${JSON.stringify(c.id)},"seq":${JSON.stringify(c.seq)},"version":${JSON.stringify(c.version)},"data":${texts[i]}}`,
    );
  });
  const { changes: _changes, ...rest } = page;
  // `rest` always holds the cursor: its text is "{…}" with at least one member.
  return `{"changes":[${parts.join(',')}],${JSON.stringify(rest).slice(1)}`;
}

/**
 * One page, read in one snapshot. `cursor` is the seq of the last item when more follow, and
 * otherwise the head of the snapshot, which also covers the changes outside the scope.
 * Records' data is parsed here and validated with the protocol's schema by the route.
 */
export async function readFeedPage(store: CentralStore, request: FeedRequest): Promise<FeedRead> {
  const { scope, since, limit } = request;
  const take = limit + 1;
  const shape = pageShape(scope, since, store.knownHead);
  // A progress count needs the same snapshot as the page: then both run in one transaction.
  const { head, records, removals, remaining } = request.count
    ? await store.read(async (tx) => ({
        ...(await readPageRows(
          tx,
          async (q) => (await tx.executeQuery<PageRow>(q)).rows,
          shape,
          scope,
          since,
          take,
        )),
        remaining: await countRemaining(tx, scope, since),
      }))
    : {
        ...(await readPageRows(
          store.reader,
          async (q, s) =>
            s === 'range'
              ? store.query<PageRow>(q)
              : (await store.reader.executeQuery<PageRow>(q)).rows,
          shape,
          scope,
          since,
          take,
        )),
        remaining: undefined,
      };
  if (since > head) throw new CursorAheadError(since, head);
  const changes: Change[] = [];
  const texts: string[] = [];
  const gone: Removal[] = [];
  let i = 0;
  let j = 0;
  let last = since;
  while (changes.length + gone.length < limit && (i < records.length || j < removals.length)) {
    const record = records[i];
    const removal = removals[j];
    if (record && (!removal || Number(record.seq) < Number(removal.seq))) {
      last = Number(record.seq);
      changes.push({
        entity: record.entity,
        id: record.id,
        seq: String(record.seq),
        version: Number(record.version),
        data: JSON.parse(record.data) as unknown,
      } as Change);
      texts.push(record.data);
      i++;
    } else if (removal) {
      last = Number(removal.seq);
      gone.push({ entity: removal.entity, id: removal.id, seq: String(removal.seq) } as Removal);
      j++;
    }
  }
  const hasMore = i < records.length || j < removals.length;
  const page: FeedPage = {
    changes,
    removals: gone,
    cursor: String(hasMore ? last : head),
    hasMore,
    ...(remaining === undefined ? {} : { remaining }),
  };
  return { page, texts };
}

/** A page read ahead of its request, already checked and written out. */
export interface PreparedPage {
  readonly body: string;
  readonly cursor: string;
  readonly hasMore: boolean;
  readonly rows: number;
}

/** Pages read ahead at most, and how long one waits for its request. */
const MAX_AHEAD = 4;
const AHEAD_MS = 5000;
/** Only pages this large are read ahead: an initial sync's, not a live client's. */
const AHEAD_MIN_LIMIT = 1000;

/**
 * Reading ahead during an initial sync: when a large page says more follow, the next page is
 * read, checked with the protocol's schema and written out at once, while the client still
 * receives and parses this one (and asks for the next as soon as this one's headers arrive:
 * its FeedReader). The database works and the client parses while the server prepares, instead
 * of each waiting for the other. A page read ahead is served only to the same scope asking from
 * the same cursor with the same limit within a few seconds; it is a valid answer however late
 * it is served (a page is one snapshot, and the next page continues from its cursor).
 */
export class FeedPages {
  private readonly ahead = new Map<
    string,
    { readonly at: number; readonly page: Promise<PreparedPage | null> }
  >();

  constructor(
    private readonly store: CentralStore,
    private readonly check: (read: FeedRead) => boolean,
    // How long a page read ahead stays fresh is a duration, not a moment: a moved clock must not
    // age it.
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The page: read now (to be checked by the caller), or read ahead (checked already). */
  async page(request: FeedRequest): Promise<FeedRead | PreparedPage> {
    const key = aheadKey(request);
    const hit = request.count ? undefined : this.ahead.get(key);
    if (hit) {
      this.ahead.delete(key);
      if (this.clock() - hit.at < AHEAD_MS) {
        const prepared = await hit.page.catch(() => null);
        if (prepared) {
          this.readAhead(request, prepared.cursor, prepared.hasMore);
          return prepared;
        }
      }
    }
    const read = await readFeedPage(this.store, request);
    this.readAhead(request, read.page.cursor, read.page.hasMore);
    return read;
  }

  private readAhead(request: FeedRequest, cursor: string, hasMore: boolean): void {
    if (!hasMore || request.limit < AHEAD_MIN_LIMIT) return;
    const next: FeedRequest = { ...request, since: Number(cursor), count: false };
    const key = aheadKey(next);
    if (this.ahead.has(key)) return;
    const now = this.clock();
    for (const [k, entry] of this.ahead) {
      if (now - entry.at >= AHEAD_MS || this.ahead.size >= MAX_AHEAD) this.ahead.delete(k);
    }
    const page = (async (): Promise<PreparedPage | null> => {
      // After the current answer is on its way: reading ahead never delays it.
      await new Promise((resolve) => setImmediate(resolve));
      const read = await readFeedPage(this.store, next);
      if (!this.check(read)) return null;
      return {
        body: feedPageJson(read),
        cursor: read.page.cursor,
        hasMore: read.page.hasMore,
        rows: read.page.changes.length + read.page.removals.length,
      };
    })();
    page.catch(() => undefined);
    this.ahead.set(key, { at: now, page });
  }
}

function aheadKey(request: FeedRequest): string {
  return `${request.scope.join('\u0000')}|${request.since}|${request.limit}`;
}

/** Rows remembered as checked at most: about the live feed's last few minutes at full load. */
const CHECKED_ROWS = 20_000;
/**
 * Only the rows of short pages are remembered: those of clients following the live feed. A long
 * page is an initial sync's, whose rows are read once; remembering them cost the whole-feed read
 * about a third of its speed (the texts kept alive, the memory churned).
 */
const REMEMBERED_PAGE_ROWS = 200;

/**
 * The feed page's check against the protocol's schema, with the same verdict for less work: a
 * change whose row was found valid before, with the same seq, entity, id, version and stored
 * text, is not parsed again. Every client following the live feed reads the same recent rows,
 * and parsing each of them once per client was the largest part of the central API's work
 * under load. A row edited in the database behind the API's back has another text, so it is
 * checked again. Only recent rows of short pages are remembered (REMEMBERED_PAGE_ROWS).
 */
export class FeedPageCheck {
  private readonly known = new Map<
    string,
    { entity: string; id: string; version: number; text: string }
  >();
  private newest = 0;

  check(read: FeedRead): z.ZodSafeParseResult<FeedPage> {
    const { page, texts } = read;
    const envelope = FeedPageSchema.safeParse({ ...page, changes: [] });
    if (!envelope.success) return envelope;
    const issues: z.core.$ZodIssue[] = [];
    const short = page.changes.length <= REMEMBERED_PAGE_ROWS;
    page.changes.forEach((change, i) => {
      const text = texts[i] ?? '';
      const known = this.known.get(change.seq);
      if (
        known &&
        known.text === text &&
        known.entity === change.entity &&
        known.id === change.id &&
        known.version === change.version
      )
        return;
      const checked = ChangeSchema.safeParse(change);
      if (!checked.success) {
        for (const issue of checked.error.issues)
          issues.push({ ...issue, path: ['changes', i, ...issue.path] });
        return;
      }
      if (short) this.remember(change, text);
    });
    if (issues.length > 0)
      return { success: false, error: new z.ZodError(issues) as z.ZodError<FeedPage> };
    return { success: true, data: { ...envelope.data, changes: page.changes } };
  }

  private remember(change: Change, text: string): void {
    const seq = Number(change.seq);
    if (seq < this.newest - CHECKED_ROWS) return;
    this.newest = Math.max(this.newest, seq);
    this.known.delete(change.seq);
    this.known.set(change.seq, {
      entity: change.entity,
      id: change.id,
      version: change.version,
      text,
    });
    // A Map iterates in insertion order: the first key is the one remembered longest ago.
    while (this.known.size > CHECKED_ROWS) {
      const oldest = this.known.keys().next();
      if (oldest.done) break;
      this.known.delete(oldest.value);
    }
  }
}
