import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DOSSIER_SORT_FIELDS, type DossierSortField } from '@shared/contract/api';
import { DEADLINE_STATES, type DossierStatus } from '@shared/model';
import { dossierDeadlineState } from '@shared/domain/deadline';
import { SEED_NOW } from '../../tests/support/stores';
import { seedStore } from '../seed';
import { createDossierService } from '../services/dossiers';
import { makeDossier } from '../../tests/support/fixtures';
import { openStore, type Db } from './db';
import { bindable, buildListStatement, listDossiers, type ListQuery } from './dossier-queries';
import { createWriter } from './writer';

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
      write.dossier(
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
        (field, direction, limit, status, unitId) => {
          const filter = { ...(status.length ? { status } : {}), ...(unitId ? { unitId } : {}) };
          const q = { ...base, filter, sort: { field, direction } };
          const paged = allPages({ ...q, limit });
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
      { seed: 42, numRuns: 60 },
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
    const detail = createDossierService(store, () => SEED_NOW);
    const all = rows.map((id) => detail.get({ id }).dossier);
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
  });
});
