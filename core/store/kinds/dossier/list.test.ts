import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE } from '..';
import fc from 'fast-check';
import {
  DOSSIER_SORT_FIELDS,
  type DossierFilter,
  type DossierSortField,
} from '@shared/contract/api';
import { DEADLINE_STATES, type DossierStatus } from '@shared/model';
import { dossierDeadlineState, dossierWorkingTimeLeft } from '@shared/domain/deadline';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { SEED_NOW } from '../../../../tests/support/stores';
import { seedStore } from '../../../seed';
import { makeDossier } from '../../../../tests/support/fixtures';
import { openStore, type Db } from '../../db';
import { PENDING_SQL, bindable, type Params } from '../../keyset';
import {
  DEADLINE_SQL,
  buildListStatement,
  choosePlan,
  countFromCounters,
  effectiveDossierScope,
  listDossiers,
  type ListQuery,
} from './list';
import { createWriter } from '../../writer';
import { createRepositories } from '../../repos';

const NAMES = [
  'Đặng Văn Lâm',
  'Dương Thị Hoa',
  'An Văn Bình',
  'Ánh Thị Nguyệt',
  'Ăn Minh Tú',
  'Âm Văn Lực',
  'Nguyễn Văn Đức',
  'Zương Ái',
  'Bùi Thị Xuân',
  'Đỗ Hùng',
];
const PROCEDURES = [
  'Đăng ký khai sinh',
  'Cấp giấy phép xây dựng',
  'Cấp đổi giấy phép lái xe',
  'Đăng ký thành lập doanh nghiệp',
];
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 1);

let db: Db;
const N = 600;

beforeAll(() => {
  db = openStore(':memory:');
  const write = createWriter(db);
  db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const status = ((i * 7) % 10) + 1;
      // Ties on every key (same day, same name) make sure the id tie-break is exercised.
      const receivedAt = status === 1 ? null : T0 + (i % 40) * DAY;
      write.record(
        STORAGE.dossier,
        makeDossier({
          id: `d${String(i).padStart(4, '0')}`,
          number: `000.00.01.H22-2601${String(5 + (i % 20)).padStart(2, '0')}-${String(i).padStart(4, '0')}`,
          applicantName: NAMES[i % NAMES.length]!,
          procedureName: PROCEDURES[i % PROCEDURES.length]!,
          status: status as DossierStatus,
          filedAt: T0 + (i % 40) * DAY - 3600_000,
          receivedAt,
          dueAt: receivedAt === null || i % 11 === 0 ? null : receivedAt + ((i % 9) + 1) * DAY,
          dueSoonAt: receivedAt === null || i % 11 === 0 ? null : receivedAt + (i % 9) * DAY,
          unitId: i % 3 === 0 ? 'u1' : 'u2',
          assigneeId: i % 4 === 0 ? null : `o${i % 5}`,
        }),
      );
    }
  })();
});
afterAll(() => db.close());

function allPages(q: Omit<ListQuery, 'cursor'>): string[] {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = listDossiers(db, { ...q, cursor });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

const base = { filter: {}, now: T0 + 20 * DAY } as const;

describe('dossier list: keyset pagination', () => {
  it.each(
    DOSSIER_SORT_FIELDS.flatMap(
      (f) =>
        [
          [f, 'asc'],
          [f, 'desc'],
        ] as [DossierSortField, 'asc' | 'desc'][],
    ),
  )(
    'pages sorted by %s %s join up into the whole ordered list, with no row lost or repeated',
    (field, direction) => {
      const whole = listDossiers(db, { ...base, sort: { field, direction }, limit: 500 });
      const rest = listDossiers(db, {
        ...base,
        sort: { field, direction },
        limit: 500,
        cursor: whole.nextCursor,
      });
      const expected = [...whole.rows, ...rest.rows].map((r) => r.id);
      expect(expected).toHaveLength(N);
      const paged = allPages({ ...base, sort: { field, direction }, limit: 37 });
      expect(paged).toEqual(expected);
      expect(new Set(paged).size).toBe(N);
    },
  );

  it('counts the matching rows on the first page only', () => {
    const first = listDossiers(db, {
      ...base,
      sort: { field: 'number', direction: 'asc' },
      limit: 10,
    });
    expect(first.total).toBe(N);
    const second = listDossiers(db, {
      ...base,
      sort: { field: 'number', direction: 'asc' },
      limit: 10,
      cursor: first.nextCursor,
    });
    expect(second.total).toBeNull();
  });

  it('orders applicants the Vietnamese way (Đ after D, accented vowels after plain ones)', () => {
    const byId = new Map(
      listDossiers(db, {
        ...base,
        sort: { field: 'number', direction: 'asc' },
        limit: 500,
      }).rows.map((r) => [r.id, r.applicantName]),
    );
    for (const r of listDossiers(db, {
      ...base,
      sort: { field: 'number', direction: 'desc' },
      limit: 500,
    }).rows)
      byId.set(r.id, r.applicantName);
    const names = allPages({
      ...base,
      sort: { field: 'applicantName', direction: 'asc' },
      limit: 97,
    }).map((id) => byId.get(id));
    const distinct = [...new Set(names)];
    expect(distinct).toEqual([
      'An Văn Bình',
      'Ánh Thị Nguyệt',
      'Ăn Minh Tú',
      'Âm Văn Lực',
      'Bùi Thị Xuân',
      'Dương Thị Hoa',
      'Đặng Văn Lâm',
      'Đỗ Hùng',
      'Nguyễn Văn Đức',
      'Zương Ái',
    ]);
  });

  it('puts dossiers without an appointment last when sorting by due date', () => {
    const rows = listDossiers(db, {
      ...base,
      sort: { field: 'dueAt', direction: 'asc' },
      limit: 500,
    }).rows;
    const firstNull = rows.findIndex((r) => r.dueAt === null);
    expect(firstNull).toBeGreaterThan(0);
    expect(rows.slice(firstNull).every((r) => r.dueAt === null)).toBe(true);
  });

  it('keeps paging correct for any page size and filter (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DOSSIER_SORT_FIELDS),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.integer({ min: 1, max: 120 }),
        fc.subarray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as DossierStatus[]),
        fc.constantFrom(undefined, 'u1', 'u2'),
        fc.constantFrom(undefined, 'sort' as const, 'walk' as const),
        (field, direction, limit, status, unitId, plan) => {
          const filter = { ...(status.length ? { status } : {}), ...(unitId ? { unitId } : {}) };
          const q = { ...base, filter, sort: { field, direction } };
          // Whatever plan finds the rows, the pages are the same.
          const paged = allPages({ ...q, limit, ...(plan ? { plan } : {}) });
          const first = listDossiers(db, { ...q, limit: 500 });
          const all = [
            ...first.rows.map((r) => r.id),
            ...(first.nextCursor
              ? listDossiers(db, { ...q, limit: 500, cursor: first.nextCursor }).rows.map(
                  (r) => r.id,
                )
              : []),
          ];
          expect(paged).toEqual(all);
          expect(paged.length).toBe(first.total);
        },
      ),
      { seed: 42, numRuns: 90 },
    );
  });
});

describe('dossier list: filters', () => {
  const ids = (filter: ListQuery['filter']) =>
    allPages({ ...base, filter, sort: { field: 'number', direction: 'asc' }, limit: 200 }).length;
  const count = (where: string, ...params: unknown[]) =>
    (
      db.prepare(`SELECT count(*) AS n FROM dossiers WHERE ${where}`).get(...params) as {
        n: number;
      }
    ).n;

  it('by status', () => expect(ids({ status: [5, 6] })).toBe(count('status IN (5, 6)')));
  it('by unit', () => expect(ids({ unitId: 'u1' })).toBe(count(`unit_id = 'u1'`)));
  it('by assignee', () => expect(ids({ assigneeId: 'o1' })).toBe(count(`assignee_id = 'o1'`)));
  it('unassigned', () => expect(ids({ assigneeId: null })).toBe(count('assignee_id IS NULL')));
  it('combined filters narrow each other', () =>
    expect(ids({ unitId: 'u2', status: [4], assigneeId: null })).toBe(
      count(`unit_id = 'u2' AND status = 4 AND assignee_id IS NULL`),
    ));
  it('a cursor from another sort is refused, not misread', () => {
    const page = listDossiers(db, {
      ...base,
      sort: { field: 'number', direction: 'asc' },
      limit: 5,
    });
    expect(() =>
      listDossiers(db, {
        ...base,
        sort: { field: 'receivedAt', direction: 'asc' },
        limit: 5,
        cursor: page.nextCursor,
      }),
    ).toThrow(/cursor/);
  });
});

describe('dossier list: query plans', () => {
  const plan = (q: ListQuery) => {
    const { sql, params } = buildListStatement(q);
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bindable(sql, params)) as {
      detail: string;
    }[];
    return rows.map((p) => p.detail).join(' | ');
  };

  it.each(DOSSIER_SORT_FIELDS)(
    'sorting by %s walks an index instead of sorting the table',
    (field) => {
      for (const direction of ['asc', 'desc'] as const) {
        const first = plan({ ...base, sort: { field, direction }, limit: 100 });
        expect(first).toMatch(/USING (COVERING )?INDEX (dossiers_by_|sqlite_autoindex_dossiers)/);
        expect(first).not.toContain('TEMP B-TREE');
        const page = listDossiers(db, { ...base, sort: { field, direction }, limit: 100 });
        const next = plan({
          ...base,
          sort: { field, direction },
          limit: 100,
          cursor: page.nextCursor,
        });
        expect(next).not.toContain('TEMP B-TREE');
        expect(next).not.toMatch(/^SCAN dossiers$/);
      }
    },
  );

  it('several statuses by receipt or appointment walk each status’s own index and merge the pages', () => {
    for (const field of ['receivedAt', 'dueAt'] as const) {
      const q = { ...base, filter: { status: [3, 4, 9] as DossierStatus[] }, limit: 50 };
      const text = plan({ ...q, sort: { field, direction: 'desc' } });
      const index =
        field === 'receivedAt' ? 'dossiers_by_status_received' : 'dossiers_by_status_due';
      expect(text.split(index).length - 1).toBe(3);
      // The only sort is the merge of three pages, never a sort of the table's matches.
      expect(text).not.toMatch(/SCAN dossiers(?! USING)/);
      const page = listDossiers(db, { ...q, sort: { field, direction: 'desc' } });
      const next = listDossiers(db, {
        ...q,
        sort: { field, direction: 'desc' },
        cursor: page.nextCursor,
      });
      expect(next.rows.every((r) => [3, 4, 9].includes(r.status))).toBe(true);
      expect(page.total).toBe(
        (
          db.prepare('SELECT count(*) AS n FROM dossiers WHERE status IN (3, 4, 9)').get() as {
            n: number;
          }
        ).n,
      );
    }
  });

  it('a unit queue sorted by receipt uses the unit index', () => {
    const text = plan({
      ...base,
      filter: { unitId: 'u1' },
      sort: { field: 'receivedAt', direction: 'desc' },
      limit: 100,
    });
    expect(text).toContain('dossiers_by_unit');
    expect(text).not.toContain('TEMP B-TREE');
  });
});

describe('dossier list: deadline states in SQL agree with the domain rule', () => {
  it('puts every seeded dossier in the same deadline state as dossierDeadlineState, at several moments', () => {
    const store = openStore(':memory:');
    seedStore(store, { dossiers: 4000, complaints: 0, now: SEED_NOW, seed: 7 });
    const rows = (store.prepare('SELECT id FROM dossiers').all() as { id: string }[]).map(
      (r) => r.id,
    );
    const detail = createRepositories(store).records('dossier');
    const all = rows.map((id) => detail.get(id)!);
    for (const now of [SEED_NOW - 30 * DAY, SEED_NOW, SEED_NOW + 2 * DAY, SEED_NOW + 40 * DAY]) {
      for (const state of DEADLINE_STATES) {
        const expected = all
          .filter((d) => dossierDeadlineState(d, now) === state)
          .map((d) => d.id)
          .sort();
        const got: string[] = [];
        let cursor: string | null = null;
        for (let guard = 0; guard < 1000; guard++) {
          const page = listDossiers(store, {
            filter: { deadlineState: [state] },
            sort: { field: 'number', direction: 'asc' },
            limit: 500,
            cursor,
            now,
          });
          got.push(...page.rows.map((r) => r.id));
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        expect(got.sort(), `${state} at ${new Date(now).toISOString()}`).toEqual(expected);
      }
    }
    store.close();
  }, 30_000); // seeding 4,000 dossiers with their search index takes seconds on a busy machine
});

describe('dossier list: workbench row state and officer filters', () => {
  let seeded: Db;
  beforeAll(() => {
    seeded = openStore(':memory:');
    seedStore(seeded, { dossiers: 3000, complaints: 0, now: SEED_NOW, seed: 5 });
  }, 60_000);
  afterAll(() => seeded.close());

  const page = (q: Partial<ListQuery>) =>
    listDossiers(seeded, {
      filter: {},
      sort: { field: 'dueAt', direction: 'asc' },
      limit: 500,
      now: SEED_NOW,
      ...q,
    });

  it('gives every row its domain deadline state and working time left', () => {
    const calendar = new WorkingCalendar();
    const detail = createRepositories(seeded).records('dossier');
    for (const now of [SEED_NOW, SEED_NOW + 3 * DAY]) {
      const rows = page({ now, calendar, filter: { status: [2, 4, 5, 6, 7] } }).rows;
      const states = new Set<string>();
      for (const row of rows) {
        const d = detail.get(row.id)!;
        expect(row.deadlineState).toBe(dossierDeadlineState(d, now));
        expect(row.workingMsLeft).toBe(dossierWorkingTimeLeft(d, now, calendar));
        states.add(row.deadlineState);
      }
      expect(states.size).toBeGreaterThan(2);
    }
  });

  it('"mine" means the signed-in officer, and nothing when nobody is signed in', () => {
    const officer = (
      seeded
        .prepare(
          'SELECT assignee_id AS id FROM dossiers WHERE assignee_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
        )
        .get() as { id: string }
    ).id;
    const mine = page({
      filter: { mine: true },
      context: { officerId: officer, scopeUnitIds: null },
    });
    expect(mine.total).toBe(
      (
        seeded.prepare('SELECT count(*) AS n FROM dossiers WHERE assignee_id = ?').get(officer) as {
          n: number;
        }
      ).n,
    );
    expect(mine.rows.every((r) => r.assigneeId === officer)).toBe(true);
    expect(page({ filter: { mine: true } })).toMatchObject({ rows: [], total: 0 });
  });

  it('"in my units" keeps to the scope, and to nothing else', () => {
    const units = (
      seeded.prepare('SELECT DISTINCT unit_id AS id FROM dossiers ORDER BY 1 LIMIT 2').all() as {
        id: string;
      }[]
    ).map((u) => u.id);
    const scoped = page({
      filter: { inMyUnits: true },
      context: { officerId: 'x', scopeUnitIds: units },
    });
    expect(scoped.total).toBe(
      (
        seeded
          .prepare('SELECT count(*) AS n FROM dossiers WHERE unit_id IN (?, ?)')
          .get(...units) as { n: number }
      ).n,
    );
    expect(scoped.rows.every((r) => units.includes(r.unitId))).toBe(true);
    expect(page({ filter: { inMyUnits: true } }).total).toBe(3000);
    // The scope is dropped from the SQL when the cache holds nothing outside it.
    const everyUnit = (
      seeded.prepare('SELECT DISTINCT unit_id AS id FROM dossiers').all() as { id: string }[]
    ).map((u) => u.id);
    expect(effectiveDossierScope(seeded, everyUnit)).toBeNull();
    expect(effectiveDossierScope(seeded, units)).toEqual(units);
  });

  it('marks rows with changes waiting in the outbox, and filters on them', () => {
    const ids = page({})
      .rows.slice(0, 3)
      .map((r) => r.id);
    const insert = seeded.prepare(
      `INSERT INTO outbox (client_seq, id, entity, record_id, base_version, at, action, status)
       VALUES (?, ?, 'dossier', ?, 1, 0, '{}', 'pending')`,
    );
    ids.forEach((id, i) => insert.run(i + 1, `m${i}`, id));
    try {
      const rows = page({}).rows;
      expect(
        rows
          .filter((r) => r.pending)
          .map((r) => r.id)
          .sort(),
      ).toEqual([...ids].sort());
      expect(
        page({ filter: { pendingOnly: true } })
          .rows.map((r) => r.id)
          .sort(),
      ).toEqual([...ids].sort());
    } finally {
      seeded.exec('DELETE FROM outbox');
    }
  });

  it('totals from the maintained counters equal a count of the rows, for any counter filter (property)', () => {
    const units = (
      seeded.prepare('SELECT DISTINCT unit_id AS id FROM dossiers').all() as { id: string }[]
    ).map((u) => u.id);
    const officers = (
      seeded
        .prepare(
          'SELECT DISTINCT assignee_id AS id FROM dossiers WHERE assignee_id IS NOT NULL LIMIT 20',
        )
        .all() as { id: string }[]
    ).map((u) => u.id);
    fc.assert(
      fc.property(
        fc.subarray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as DossierStatus[]),
        fc.option(fc.constantFrom(...units), { nil: undefined }),
        fc.option(fc.option(fc.constantFrom(...officers), { nil: null }), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        fc.subarray(units, { maxLength: 5 }),
        fc.option(fc.constantFrom(...officers), { nil: null }),
        (status, unitId, assigneeId, mine, inMyUnits, scope, me) => {
          const filter: DossierFilter = {
            ...(status.length ? { status } : {}),
            ...(unitId !== undefined ? { unitId } : {}),
            ...(assigneeId !== undefined ? { assigneeId } : {}),
            ...(mine ? { mine } : {}),
            ...(inMyUnits ? { inMyUnits } : {}),
          };
          const context = { officerId: me, scopeUnitIds: scope };
          const counted = countFromCounters(seeded, filter, context);
          const { countSql, params } = buildListStatement({
            filter,
            sort: { field: 'receivedAt', direction: 'desc' },
            limit: 1,
            now: SEED_NOW,
            context,
          });
          const sql = countSql ?? '';
          expect(counted).toBe((seeded.prepare(sql).get(bindable(sql, params)) as { n: number }).n);
        },
      ),
      { seed: 9, numRuns: 200 },
    );
  });
});

describe('dossier counters (migration 4)', () => {
  it('follow every insert, update and delete (property)', () => {
    const store = openStore(':memory:');
    const write = createWriter(store);
    const op = fc.record({
      id: fc.integer({ min: 0, max: 30 }),
      kind: fc.constantFrom('upsert', 'upsert', 'upsert', 'delete', 'sql-update'),
      status: fc.integer({ min: 1, max: 10 }),
      unit: fc.constantFrom('u1', 'u2', 'u3'),
      assignee: fc.constantFrom(null, 'o1', 'o2'),
    });
    const grouped = () =>
      store
        .prepare(
          `SELECT unit_id, coalesce(assignee_id, '') AS a, status, count(*) AS n FROM dossiers
           GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        )
        .all();
    const counters = () =>
      store
        .prepare(
          'SELECT unit_id, assignee_id AS a, status, n FROM dossier_counts WHERE n > 0 ORDER BY 1, 2, 3',
        )
        .all();
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        store.exec('DELETE FROM dossiers');
        for (const o of ops) {
          const id = `x${o.id}`;
          if (o.kind === 'delete') store.prepare('DELETE FROM dossiers WHERE id = ?').run(id);
          else if (o.kind === 'sql-update') {
            store
              .prepare('UPDATE dossiers SET status = ?, assignee_id = ? WHERE id = ?')
              .run(o.status, o.assignee, id);
          } else {
            write.record(
              STORAGE.dossier,
              makeDossier({
                id,
                number: `N-${o.id}`,
                status: o.status as DossierStatus,
                unitId: o.unit,
                assigneeId: o.assignee,
              }),
            );
          }
        }
        expect(counters()).toEqual(grouped());
        expect(
          (
            store.prepare('SELECT count(*) AS n FROM dossier_counts WHERE n < 0').get() as {
              n: number;
            }
          ).n,
        ).toBe(0);
      }),
      { seed: 3, numRuns: 150 },
    );
    store.close();
  });
});

describe('dossier list: query plans of the queues', () => {
  let seeded: Db;
  beforeAll(() => {
    seeded = openStore(':memory:');
    seedStore(seeded, { dossiers: 3000, complaints: 0, now: SEED_NOW, seed: 5 });
  }, 60_000);
  afterAll(() => seeded.close());

  const plan = (store: Db, sql: string, params: Record<string, unknown>) =>
    (store.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[])
      .map((p) => p.detail)
      .join(' | ');

  it.each(['due_soon', 'overdue'] as const)(
    'the %s queue reads the index of running dossiers, for its page and its count',
    (state) => {
      const { sql, countSql, params } = buildListStatement({
        filter: { deadlineState: [state] },
        sort: { field: 'dueAt', direction: 'asc' },
        limit: 100,
        now: SEED_NOW,
      });
      const list = plan(seeded, sql, bindable(sql, params));
      expect(list).toContain('dossiers_running_by_due');
      expect(list).not.toContain('TEMP B-TREE');
      const count = plan(seeded, countSql ?? '', bindable(countSql ?? '', params));
      expect(count).toMatch(/USING COVERING INDEX dossiers_running_by_due/);
    },
  );

  it('my dossiers read the assignee index', () => {
    const { sql, params } = buildListStatement({
      filter: { mine: true, status: [1, 2, 4, 5, 6, 7, 9] },
      sort: { field: 'receivedAt', direction: 'desc' },
      limit: 100,
      now: SEED_NOW,
      context: { officerId: 'o1', scopeUnitIds: null },
    });
    expect(plan(seeded, sql, bindable(sql, params))).toContain('dossiers_by_assignee');
  });

  it('chooses from real counts: sort a few matches, walk an index through many', () => {
    const q = (filter: DossierFilter): ListQuery => ({
      filter,
      sort: { field: 'applicantName', direction: 'asc' },
      limit: 100,
      now: SEED_NOW,
    });
    expect(choosePlan(seeded, q({}), null)).toBe('walk');
    expect(choosePlan(seeded, q({ pendingOnly: true }), null)).toBe('sort');
    expect(choosePlan(seeded, q({ status: [5, 6] }), null)).toBe('sort');
    expect(choosePlan(seeded, q({ deadlineState: ['overdue'] }), null)).toBe('sort');
    // Nearly everything is returned (10): walking the name order finds a page at once.
    expect(choosePlan(seeded, q({ status: [3, 8, 9, 10] }), null)).toBe('walk');
  });

  it('walks a unit through its own index for the orders that follow the unit, else the sort index', () => {
    const unit = (
      seeded
        .prepare('SELECT unit_id AS id FROM dossiers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')
        .get() as {
        id: string;
      }
    ).id;
    const text = (field: DossierSortField, planHint: 'sort' | 'walk') => {
      const { sql, params } = buildListStatement({
        filter: { unitId: unit },
        sort: { field, direction: 'desc' },
        limit: 100,
        now: SEED_NOW,
        plan: planHint,
      });
      return plan(seeded, sql, bindable(sql, params));
    };
    expect(text('number', 'walk')).toContain('dossiers_by_unit_number');
    expect(text('procedureName', 'walk')).toContain('dossiers_by_unit_procedure');
    expect(text('receivedAt', 'walk')).toContain('dossiers_by_unit');
    expect(text('applicantName', 'walk')).toMatch(
      /SCAN dossiers USING INDEX dossiers_by_applicant/,
    );
    for (const field of DOSSIER_SORT_FIELDS)
      expect(text(field, 'walk')).not.toContain('TEMP B-TREE');
    expect(text('applicantName', 'sort')).toMatch(/dossiers_by_unit.*TEMP B-TREE FOR ORDER BY/);
  });

  it('pending marks probe the outbox by record', () => {
    expect(plan(seeded, PENDING_SQL, { entity: 'dossier', ids: '["a","b"]' })).toMatch(
      /SEARCH outbox USING INDEX outbox_by_record/,
    );
  });
});

describe('dossier list: deadline filters at a million (issue 17)', () => {
  let store: Db;
  beforeAll(() => {
    store = openStore(':memory:');
    seedStore(store, { dossiers: 3000, complaints: 0, now: SEED_NOW, seed: 11 });
  }, 60_000);
  afterAll(() => store.close());

  /** Every row of a list, page by page, and the total its first page gave. */
  const everything = (filter: DossierFilter, now = SEED_NOW) => {
    const ids: string[] = [];
    let total: number | null = null;
    let cursor: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page = listDossiers(store, {
        filter,
        sort: { field: 'receivedAt', direction: 'desc' },
        limit: 500,
        cursor,
        now,
      });
      total ??= page.total;
      ids.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return { ids, total };
  };
  const plan = (sql: string, params: Params) =>
    (store.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(bindable(sql, params)) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');

  it('gives finished on time and late the exact total, from the counters and the late index', () => {
    const unit = (store.prepare('SELECT unit_id AS u FROM dossiers LIMIT 1').get() as { u: string })
      .u;
    const assignee = (
      store
        .prepare('SELECT assignee_id AS a FROM dossiers WHERE assignee_id IS NOT NULL LIMIT 1')
        .get() as { a: string }
    ).a;
    const filters: DossierFilter[] = [];
    for (const deadlineState of [
      ['finished_on_time'],
      ['finished_late'],
      ['finished_on_time', 'finished_late'],
    ] as DossierFilter['deadlineState'][]) {
      filters.push(
        { deadlineState },
        { deadlineState, status: [9] },
        { deadlineState, status: [3, 8, 9, 10] },
        { deadlineState, status: [1, 2, 9, 10] },
        { deadlineState, unitId: unit },
        { deadlineState, assigneeId: assignee, status: [10] },
        { deadlineState, assigneeId: null },
      );
    }
    for (const now of [SEED_NOW, SEED_NOW + 40 * DAY]) {
      for (const filter of filters) {
        const { ids, total } = everything(filter, now);
        expect(total, JSON.stringify(filter)).toBe(ids.length);
      }
    }
    expect(everything({ deadlineState: ['finished_late'] }).ids.length).toBeGreaterThan(0);
  });

  it('counts the late ones from their partial index alone (migration 9)', () => {
    const sql = `SELECT count(*) AS n FROM dossiers INDEXED BY dossiers_late_by_received WHERE ${DEADLINE_SQL.finished_late}`;
    expect(plan(sql, {})).toContain('dossiers_late_by_received');
    const late = (store.prepare(sql).get() as { n: number }).n;
    expect(late).toBe(everything({ deadlineState: ['finished_late'] }).ids.length);
  });

  it('answers a filter no dossier can match at once, and the same rows for whole statuses', () => {
    expect(everything({ status: [1, 2], deadlineState: ['finished_late'] })).toEqual({
      ids: [],
      total: 0,
    });
    // Paused is statuses 5 and 6; new, running and their deadlines are 1, 2, 4 and 7.
    expect(everything({ deadlineState: ['paused'] })).toEqual(everything({ status: [5, 6] }));
    expect(everything({ deadlineState: ['on_track', 'due_soon', 'overdue'] })).toEqual(
      everything({ status: [1, 2, 4, 7] }),
    );
    expect(everything({ status: [4, 5, 9], deadlineState: ['paused'] })).toEqual(
      everything({ status: [5] }),
    );
  });

  it('finds the few unassigned dossiers of a status through the status index', () => {
    const q: ListQuery = {
      filter: { assigneeId: null, status: [2] },
      sort: { field: 'receivedAt', direction: 'asc' },
      limit: 200,
      now: SEED_NOW,
      plan: 'sort',
      sortThrough: 'status',
    };
    const { sql, params } = buildListStatement(q);
    const detail = plan(sql, params);
    expect(detail).toMatch(/dossiers_by_status/);
    expect(detail).not.toContain('dossiers_by_assignee');
    const rows = listDossiers(store, { ...q, plan: undefined, sortThrough: undefined }).rows;
    expect(rows.map((r) => r.id)).toEqual(listDossiers(store, q).rows.map((r) => r.id));
    expect(rows.every((r) => r.assigneeId === null && r.status === 2)).toBe(true);
  });
});
