import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COMPLAINT_SORT_FIELDS, type ComplaintFilter } from '@shared/contract/api';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { complaintDeadlineState, complaintWorkingTimeLeft } from '@shared/domain/deadline';
import { COMPLAINT_STATUSES, DEADLINE_STATES } from '@shared/model';
import { SEED_NOW } from '../../../../tests/support/stores';
import { seedStore } from '../../../seed';
import {
  buildComplaintListStatement,
  dueSoonLimit,
  listComplaints,
  type ComplaintListQuery,
} from './list';
import { openStore, type Db } from '../../db';
import { bindable } from '../../keyset';
import { toComplaint, type ComplaintRecord } from './rows';

const DAY = 86_400_000;
const calendar = new WorkingCalendar();
let db: Db;

beforeAll(() => {
  db = openStore(':memory:');
  seedStore(db, { dossiers: 0, complaints: 1500, now: SEED_NOW, seed: 3 });
}, 60_000);
afterAll(() => db.close());

const base = { filter: {}, now: SEED_NOW, calendar } as const;

function allPages(q: Omit<ComplaintListQuery, 'cursor'>): string[] {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = listComplaints(db, { ...q, cursor });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

const all = () =>
  (db.prepare('SELECT * FROM complaints').all() as ComplaintRecord[]).map(toComplaint);

describe('complaint list: keyset pagination', () => {
  it('pages join up into the whole ordered list for every sort and any page size (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPLAINT_SORT_FIELDS),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.integer({ min: 7, max: 400 }),
        fc.subarray([...COMPLAINT_STATUSES]),
        (field, direction, limit, status) => {
          const filter: ComplaintFilter = status.length ? { status } : {};
          const q = { ...base, filter, sort: { field, direction } };
          const paged = allPages({ ...q, limit });
          const first = listComplaints(db, { ...q, limit: 500 });
          expect(paged.length).toBe(first.total);
          expect(new Set(paged).size).toBe(paged.length);
          expect(paged.slice(0, first.rows.length)).toEqual(first.rows.map((r) => r.id));
        },
      ),
      { seed: 42, numRuns: 25 },
    );
  });

  it('orders by lifecycle for status, and puts complaints without a deadline last by due date', () => {
    const rows = allPages({ ...base, sort: { field: 'status', direction: 'asc' }, limit: 500 });
    const status = new Map(all().map((c) => [c.id, c.status]));
    const ranks = rows.map((id) => COMPLAINT_STATUSES.indexOf(status.get(id) ?? 'new'));
    const lifecycle = [
      'new',
      'received',
      'info_requested',
      'info_supplied',
      'processing',
      'answer_drafted',
      'returned',
      'waiting_to_publish',
      'published',
      'refused',
      'transferred',
    ].map((s) => COMPLAINT_STATUSES.indexOf(s as (typeof COMPLAINT_STATUSES)[number]));
    const order = ranks.map((r) => lifecycle.indexOf(r));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('complaint list: filters and row state', () => {
  it('agrees with complaintDeadlineState for every state, at several moments', () => {
    const complaints = all();
    const seen = new Set<string>();
    const moments = [
      SEED_NOW - 20 * DAY,
      ...Array.from({ length: 12 }, (_, i) => SEED_NOW + i * 19 * 3_600_000),
    ];
    for (const now of moments) {
      for (const state of DEADLINE_STATES) {
        const expected = complaints
          .filter((c) => complaintDeadlineState(c, now, calendar) === state)
          .map((c) => c.id)
          .sort();
        const got = allPages({
          ...base,
          now,
          filter: { deadlineState: [state] },
          sort: { field: 'number', direction: 'asc' },
          limit: 500,
        }).sort();
        expect(got, `${state} at ${new Date(now).toISOString()}`).toEqual(expected);
        if (expected.length > 0) seen.add(state);
      }
    }
    // Every state a complaint can be in was met at least once (complaints are never paused).
    expect([...seen].sort()).toEqual(DEADLINE_STATES.filter((s) => s !== 'paused').sort());
  });

  it('gives every row its domain deadline state and working time left', () => {
    const byId = new Map(all().map((c) => [c.id, c]));
    const now = SEED_NOW + DAY;
    for (const row of listComplaints(db, {
      ...base,
      now,
      sort: { field: 'dueAt', direction: 'asc' },
      limit: 300,
    }).rows) {
      const c = byId.get(row.id);
      if (!c) throw new Error(row.id);
      expect(row.deadlineState).toBe(complaintDeadlineState(c, now, calendar));
      expect(row.workingMsLeft).toBe(complaintWorkingTimeLeft(c, now, calendar));
      expect(row.pending).toBe(false);
    }
  });

  it('filters by status, unit and assignee', () => {
    const complaints = all();
    const some = complaints.find((c) => c.assigneeId !== null);
    if (!some?.assigneeId) throw new Error('seed has no assigned complaint');
    const count = (filter: ComplaintFilter) =>
      listComplaints(db, {
        ...base,
        filter,
        sort: { field: 'receivedAt', direction: 'desc' },
        limit: 1,
      }).total;
    expect(count({ status: ['processing', 'returned'] })).toBe(
      complaints.filter((c) => c.status === 'processing' || c.status === 'returned').length,
    );
    expect(count({ unitId: some.unitId })).toBe(
      complaints.filter((c) => c.unitId === some.unitId).length,
    );
    expect(count({ assigneeId: some.assigneeId })).toBe(
      complaints.filter((c) => c.assigneeId === some.assigneeId).length,
    );
    expect(count({ assigneeId: null })).toBe(
      complaints.filter((c) => c.assigneeId === null).length,
    );
  });

  it('finds the due-soon boundary exactly', () => {
    for (const now of [SEED_NOW, Date.UTC(2026, 1, 13, 9, 30), Date.UTC(2026, 3, 30, 1)]) {
      const limit = dueSoonLimit(now, calendar);
      expect(calendar.subtractWorkingTime(limit, calendar.officeMsPerDay)).toBeLessThanOrEqual(now);
      expect(calendar.subtractWorkingTime(limit + 1, calendar.officeMsPerDay)).toBeGreaterThan(now);
    }
  });
});

describe('complaint list: query plans', () => {
  const plan = (q: ComplaintListQuery) => {
    const { sql, params } = buildComplaintListStatement(q);
    return (
      db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bindable(sql, params)) as { detail: string }[]
    )
      .map((p) => p.detail)
      .join(' | ');
  };
  it.each(COMPLAINT_SORT_FIELDS)('sorting by %s walks an index', (field) => {
    const text = plan({ ...base, sort: { field, direction: 'desc' }, limit: 100 });
    expect(text).toMatch(/USING (COVERING )?INDEX (complaints_by_|sqlite_autoindex_complaints)/);
    expect(text).not.toContain('TEMP B-TREE');
  });
});
