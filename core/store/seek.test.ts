import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPLAINT_SORT_FIELDS,
  DOSSIER_SORT_FIELDS,
  type ComplaintFilter,
  type DossierFilter,
} from '@shared/contract/api';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { SEED_NOW } from '../../tests/support/stores';
import { seedStore } from '../seed';
import {
  buildComplaintSeekStatement,
  listComplaints,
  seekComplaints,
  type ComplaintListQuery,
} from './kinds/complaint/list';
import { openStore, type Db } from './db';
import { bindable, type Params, type QueryContext } from './keyset';
import {
  buildListStatement,
  buildSeekStatement,
  choosePlan,
  listDossiers,
  seekDossiers,
  type ListQuery,
} from './kinds/dossier/list';

/**
 * dossiers.seek / complaints.seek: the cursor at a position must make the list start exactly
 * at that row, for every sort (ties on names, statuses and days are broken by id) and for
 * filtered lists; and an unfiltered seek must read nothing but the sort's index.
 */

let db: Db;
const calendar = new WorkingCalendar();
const DIRECTIONS = ['asc', 'desc'] as const;

beforeAll(() => {
  db = openStore(':memory:');
  seedStore(db, { dossiers: 2500, complaints: 400, now: SEED_NOW, seed: 7 });
}, 60_000);
afterAll(() => db.close());

function wholeDossierList(q: Omit<ListQuery, 'cursor' | 'limit'>): string[] {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = listDossiers(db, { ...q, cursor, limit: 500 });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

function wholeComplaintList(q: Omit<ComplaintListQuery, 'cursor' | 'limit'>): string[] {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page = listComplaints(db, { ...q, cursor, limit: 500 });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

/** The first, early, block-edge, middle and last rows, and both sides of the end. */
function positionsFor(total: number): number[] {
  const candidates = [0, 1, 2, 199, 200, 401, Math.floor(total / 2), total - 1, total, total + 7];
  return [...new Set(candidates.filter((p) => p >= 0))];
}

const busiestUnit = () =>
  (
    db
      .prepare('SELECT unit_id AS id FROM dossiers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')
      .get() as { id: string }
  ).id;
const busiestAssignee = () =>
  (
    db
      .prepare(
        'SELECT assignee_id AS id FROM dossiers WHERE assignee_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
      )
      .get() as { id: string }
  ).id;

/** The sort's own index, read in order: no temporary B-tree, no scan of the table. */
const SORT_INDEX: Record<(typeof DOSSIER_SORT_FIELDS)[number], RegExp> = {
  receivedAt: /^SCAN dossiers USING (COVERING )?INDEX dossiers_by_received$/,
  dueAt: /^SCAN dossiers USING (COVERING )?INDEX dossiers_by_due$/,
  number: /^SCAN dossiers USING (COVERING )?INDEX sqlite_autoindex_dossiers_\d$/,
  applicantName: /^SCAN dossiers USING COVERING INDEX dossiers_by_applicant$/,
  procedureName: /^SCAN dossiers USING COVERING INDEX dossiers_by_procedure$/,
  status: /^SCAN dossiers USING COVERING INDEX dossiers_by_status$/,
};

function queryPlan(sql: string, params: Params): string[] {
  return (
    db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bindable(sql, params)) as { detail: string }[]
  ).map((p) => p.detail);
}

/**
 * What the statement's program does with the table's own cursor besides opening it and
 * deferring a seek: any Column, Rowid or seek there would read table rows. EXPLAIN QUERY PLAN
 * cannot tell, because it calls an index non-covering when the ORDER BY names a virtual column
 * (received_key, due_key) or a column the index lacks, even when the index order answers it.
 */
function tableReads(sql: string, params: Params, table: string): string[] {
  const root = (
    db
      .prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?")
      .get(table) as {
      rootpage: number;
    }
  ).rootpage;
  const program = db.prepare(`EXPLAIN ${sql}`).all(bindable(sql, params)) as {
    opcode: string;
    p1: number;
    p2: number;
  }[];
  const cursors = new Set(
    program.filter((op) => op.opcode === 'OpenRead' && op.p2 === root).map((op) => op.p1),
  );
  return program
    .filter((op) => cursors.has(op.p1) && ROW_READS.has(op.opcode))
    .map((op) => op.opcode);
}

/** Opcodes that read or move to a row of the cursor in p1 (DeferredSeek only notes a rowid). */
const ROW_READS = new Set([
  'Column',
  'Rowid',
  'RowData',
  'SeekRowid',
  'NotExists',
  'Rewind',
  'Last',
  'Next',
  'Prev',
  'SeekGE',
  'SeekGT',
  'SeekLE',
  'SeekLT',
  'FinishSeek',
]);

describe('dossiers.seek: list from the cursor starts at the row', () => {
  const filters = (): { name: string; filter: DossierFilter; context?: QueryContext }[] => [
    { name: 'no filter', filter: {} },
    { name: 'processing', filter: { status: [4] } },
    // Nearly everything: walked, and sought by counting the few rows it leaves out.
    { name: 'finished', filter: { status: [3, 8, 9, 10] } },
    { name: 'due soon or overdue', filter: { deadlineState: ['due_soon', 'overdue'] } },
    { name: 'one unit, unassigned', filter: { unitId: busiestUnit(), assigneeId: null } },
    {
      name: 'mine',
      filter: { mine: true },
      context: { officerId: busiestAssignee(), scopeUnitIds: null },
    },
  ];

  it.each(DOSSIER_SORT_FIELDS)('sorted by %s, both ways, with and without filters', (field) => {
    let checked = 0;
    for (const { filter, context } of filters()) {
      for (const direction of DIRECTIONS) {
        const q = {
          filter,
          sort: { field, direction },
          now: SEED_NOW,
          ...(context ? { context } : {}),
        };
        const whole = wholeDossierList(q);
        for (const position of positionsFor(whole.length)) {
          const cursor = seekDossiers(db, { ...q, position });
          if (position === 0 || position >= whole.length) {
            expect(cursor, `position ${position} of ${whole.length}`).toBeNull();
            continue;
          }
          expect(cursor).not.toBeNull();
          const page = listDossiers(db, { ...q, cursor, limit: 3 });
          expect(page.rows.map((r) => r.id)).toEqual(whole.slice(position, position + 3));
          checked += 1;
        }
      }
    }
    // Every filter has rows in this store, so most positions were real jumps.
    expect(checked).toBeGreaterThan(filters().length * 2 * 3);
  });

  it('seeks a filter that keeps nearly everything by the rows it leaves out, on the walking plan', () => {
    const finished: DossierFilter = { status: [3, 8, 9, 10] };
    const sort = { field: 'receivedAt', direction: 'asc' } as const;
    const q = { filter: finished, sort, now: SEED_NOW };
    expect(choosePlan(db, { ...q, limit: 1 }, null)).toBe('walk');
    const whole = wholeDossierList(q);
    // Every position, so runs of left-out rows (new filings between finished ones) are crossed.
    for (let position = 1; position < whole.length; position += 1) {
      const cursor = seekDossiers(db, { ...q, position });
      const page = listDossiers(db, { ...q, cursor, limit: 1 });
      expect(page.rows[0]?.id, `position ${position}`).toBe(whole[position]);
    }
    expect(seekDossiers(db, { ...q, position: whole.length })).toBeNull();
  });

  it('finds the same cursor the pages hand out at a block edge', () => {
    const q = {
      filter: {},
      sort: { field: 'receivedAt', direction: 'desc' },
      now: SEED_NOW,
    } as const;
    const first = listDossiers(db, { ...q, limit: 200 });
    expect(seekDossiers(db, { ...q, position: 200 })).toBe(first.nextCursor);
  });

  it('is index-only for every unfiltered sort: the sort index alone, no table, no sort', () => {
    for (const field of DOSSIER_SORT_FIELDS) {
      for (const direction of DIRECTIONS) {
        const { walkSql, params } = buildSeekStatement({
          filter: {},
          sort: { field, direction },
          now: SEED_NOW,
          position: 1000,
          plan: 'walk',
        });
        const where = `${field} ${direction}`;
        const plan = queryPlan(walkSql, params);
        expect(plan, where).toHaveLength(1);
        expect(plan[0], where).toMatch(SORT_INDEX[field]);
        expect(tableReads(walkSql, params, 'dossiers'), where).toEqual([]);
      }
    }
    // The check itself sees a table read: a column the index lacks makes the walk read rows.
    const reading =
      'SELECT applicant_name FROM dossiers ORDER BY received_key DESC, id DESC LIMIT 2 OFFSET 9';
    expect(tableReads(reading, {}, 'dossiers')).toContain('Column');
  });

  it('pages on from a cursor of a few sorted matches without offering SQLite the sort’s index', () => {
    // At a million dossiers, with the statistics ANALYZE gathered there (stat4 samples), a page
    // from the middle of "processing, by name" ranged over the name index from the cursor on,
    // reading most of the table (4.5 s cold, 0.6 s warm) instead of the 11,000 matches through
    // the status index (20 ms). A tiny store cannot make the planner err the same way, so this
    // checks what rules it out: a keyset written with unary plus, which no index can serve.
    const q: Omit<ListQuery, 'cursor' | 'limit'> = {
      filter: { status: [4] },
      sort: { field: 'applicantName', direction: 'asc' },
      now: SEED_NOW,
    };
    const cursor = seekDossiers(db, { ...q, position: 3 });
    expect(cursor).not.toBeNull();
    const sorted = buildListStatement({ ...q, cursor, limit: 200, plan: 'sort' }).sql;
    expect(sorted).toContain('(+applicant_sort, +id) > (@cursorKey, @cursorId)');
    expect(sorted).toContain('ORDER BY +applicant_sort ASC');
    // Walking the index, the keyset is what finds the page's start in it.
    const walked = buildListStatement({ ...q, cursor, limit: 200, plan: 'walk' }).sql;
    expect(walked).toContain('(applicant_sort, id) > (@cursorKey, @cursorId)');
  });

  it('uses the plan the list would: unfiltered lists walk, so seeks do', () => {
    // seekDossiers picks the plan itself; an unfiltered store-wide list always walks.
    const q = { filter: {}, sort: { field: 'dueAt', direction: 'asc' }, now: SEED_NOW } as const;
    const whole = wholeDossierList(q);
    const cursor = seekDossiers(db, { ...q, position: 1234 });
    expect(listDossiers(db, { ...q, cursor, limit: 1 }).rows[0]?.id).toBe(whole[1234]);
  });
});

describe('complaints.seek: list from the cursor starts at the row', () => {
  const filters: { name: string; filter: ComplaintFilter }[] = [
    { name: 'no filter', filter: {} },
    { name: 'open', filter: { status: ['received', 'processing', 'answer_drafted'] } },
    { name: 'overdue or on track', filter: { deadlineState: ['overdue', 'on_track'] } },
    { name: 'finished on time', filter: { deadlineState: ['finished_on_time'] } },
  ];

  it.each(COMPLAINT_SORT_FIELDS)('sorted by %s, both ways, with and without filters', (field) => {
    let checked = 0;
    for (const { filter } of filters) {
      for (const direction of DIRECTIONS) {
        const q = { filter, sort: { field, direction }, now: SEED_NOW, calendar };
        const whole = wholeComplaintList(q);
        for (const position of positionsFor(whole.length)) {
          const cursor = seekComplaints(db, { ...q, position });
          if (position === 0 || position >= whole.length) {
            expect(cursor, `position ${position} of ${whole.length}`).toBeNull();
            continue;
          }
          const page = listComplaints(db, { ...q, cursor, limit: 3 });
          expect(page.rows.map((r) => r.id)).toEqual(whole.slice(position, position + 3));
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(filters.length * 2);
  });

  it('is index-only for every unfiltered sort', () => {
    for (const field of COMPLAINT_SORT_FIELDS) {
      for (const direction of DIRECTIONS) {
        const { walkSql, params } = buildComplaintSeekStatement({
          filter: {},
          sort: { field, direction },
          now: SEED_NOW,
          calendar,
          position: 100,
        });
        const where = `${field} ${direction}`;
        const plan = queryPlan(walkSql, params);
        expect(plan, where).toHaveLength(1);
        expect(plan[0], where).toMatch(
          /^SCAN complaints USING (COVERING )?INDEX (complaints_by_\w+|sqlite_autoindex_complaints_\d)$/,
        );
        expect(tableReads(walkSql, params, 'complaints'), where).toEqual([]);
      }
    }
  });
});
