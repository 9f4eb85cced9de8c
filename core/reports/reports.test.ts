import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOSSIER_FIGURES,
  type Dashboard,
  type DossierFigure,
  type ReportTable,
  type Scorecard,
} from '@shared/contract/api';
import { newComplaint, newDossier, vn } from '@shared/domain/test-fixtures';
import type { Complaint, Dossier, Unit } from '@shared/model';
import { figureFilter } from '@shared/reports/figures';
import { createCore, type Core } from '../app';
import { SUMS_SQL } from '../store/reports/tallies';

/**
 * The supervisors' figures against what they mean. A small world with known outcomes (early, on
 * time, late, apologised, waiting for documents, withdrawn and stopped, carried over, refused at
 * intake, outside the period) checks every cell of Biểu 06 and every indicator twice: against
 * the numbers worked out by hand, and against a plain computation over the records written here
 * from SUPERVISION.md's definitions. A property test then checks on random worlds that every
 * dashboard figure equals the total of the grid it opens.
 */

const UNITS: Unit[] = [
  { id: 'p', parentId: null, code: '000.00.00.T01', name: 'UBND tỉnh', kind: 'province' },
  { id: 'dep', parentId: 'p', code: '000.00.01.T01', name: 'Sở Tư pháp', kind: 'department' },
  { id: 'com', parentId: 'p', code: '000.00.20.T01', name: 'UBND xã Một', kind: 'commune' },
];

const day = (iso: string, time = '10:00') => vn(`${iso}T${time}`);

interface Spec {
  id: string;
  unitId: string;
  field: string;
  channel: 1 | 2 | 3;
  status: Dossier['status'];
  received: string | null;
  due?: string;
  finished?: string;
  late?: boolean;
  apologies?: number;
  supplements?: number;
}

const WORLD: Spec[] = [
  // Early, on time (the appointment's day), late, late by an apology.
  {
    id: 'd1',
    unitId: 'dep',
    field: 'F1',
    channel: 2,
    status: 10,
    received: '2026-01-05',
    due: '2026-01-10',
    finished: '2026-01-08',
  },
  {
    id: 'd2',
    unitId: 'dep',
    field: 'F2',
    channel: 1,
    status: 10,
    received: '2026-01-06',
    due: '2026-01-09T17:00',
    finished: '2026-01-09',
  },
  {
    id: 'd3',
    unitId: 'dep',
    field: 'F1',
    channel: 3,
    status: 9,
    received: '2026-02-01',
    due: '2026-02-05',
    finished: '2026-02-10',
  },
  {
    id: 'd4',
    unitId: 'dep',
    field: 'F2',
    channel: 1,
    status: 10,
    received: '2026-02-02',
    due: '2026-02-20',
    finished: '2026-02-15',
    late: true,
    apologies: 1,
  },
  // Paused for supplements, its old appointment passed: waiting, not overdue.
  {
    id: 'd5',
    unitId: 'dep',
    field: 'F1',
    channel: 1,
    status: 5,
    received: '2026-03-01',
    due: '2026-03-05',
  },
  // Withdrawn and stopped before its appointment.
  {
    id: 'd6',
    unitId: 'dep',
    field: 'F2',
    channel: 1,
    status: 8,
    received: '2026-03-02',
    due: '2026-03-10',
    finished: '2026-03-03',
  },
  // Carried over from the previous period: finished late in it, and still open and overdue.
  {
    id: 'd7',
    unitId: 'dep',
    field: 'F1',
    channel: 1,
    status: 10,
    received: '2025-12-20',
    due: '2026-01-03',
    finished: '2026-01-05',
  },
  {
    id: 'd8',
    unitId: 'dep',
    field: 'F2',
    channel: 1,
    status: 4,
    received: '2025-12-28',
    due: '2026-01-15',
  },
  // In progress within its appointment; refused at intake; finished before; received after.
  {
    id: 'd9',
    unitId: 'com',
    field: 'F1',
    channel: 2,
    status: 4,
    received: '2026-03-25',
    due: '2026-04-20',
  },
  {
    id: 'd10',
    unitId: 'com',
    field: 'F1',
    channel: 1,
    status: 3,
    received: null,
    finished: '2026-01-12',
  },
  {
    id: 'd11',
    unitId: 'com',
    field: 'F2',
    channel: 1,
    status: 10,
    received: '2025-11-01',
    due: '2025-11-10',
    finished: '2025-11-05',
  },
  {
    id: 'd12',
    unitId: 'com',
    field: 'F1',
    channel: 1,
    status: 2,
    received: '2026-04-02',
    due: '2026-04-09',
  },
  {
    id: 'd13',
    unitId: 'com',
    field: 'F2',
    channel: 2,
    status: 10,
    received: '2026-01-20',
    due: '2026-01-25',
    finished: '2026-01-21',
  },
  // Asked for documents twice: late for the scorecard, in progress within its dates.
  {
    id: 'd14',
    unitId: 'com',
    field: 'F1',
    channel: 1,
    status: 4,
    received: '2026-02-10',
    due: '2026-04-30',
    late: true,
    supplements: 2,
  },
  // In progress at the period's end, finished after it: late (overdue then), on time (within).
  {
    id: 'd15',
    unitId: 'com',
    field: 'F2',
    channel: 1,
    status: 10,
    received: '2026-03-20',
    due: '2026-03-27',
    finished: '2026-04-05',
  },
  {
    id: 'd16',
    unitId: 'com',
    field: 'F1',
    channel: 1,
    status: 10,
    received: '2026-03-28',
    due: '2026-04-08',
    finished: '2026-04-03',
  },
];

function dossierOf(s: Spec, i: number): Dossier {
  const at = (v: string | undefined) =>
    v === undefined ? null : day(v.slice(0, 10), v.length > 10 ? v.slice(11) : '10:00');
  const received = s.received === null ? null : day(s.received, '09:00');
  const due = at(s.due);
  return newDossier({
    id: s.id,
    number: `000.00.01.T01-${s.id}`,
    unitId: s.unitId,
    fieldCode: s.field,
    channel: s.channel,
    status: s.status,
    filedAt: received ?? day('2026-01-11'),
    receivedAt: received,
    dueAt: due,
    dueSoonAt: due === null ? null : due - 86_400_000,
    finishedAt: at(s.finished),
    late: s.late ?? false,
    apologyCount: s.apologies ?? 0,
    supplementCount: s.supplements ?? 0,
    clockPausedAt: s.status === 5 ? day('2026-03-03') : null,
    assigneeId: i % 2 === 0 ? 'o1' : 'o2',
    updatedAt: day('2026-04-05'),
  });
}

const COMPLAINTS: Complaint[] = [
  // Answered (approved) within 15 working days and published; answered late; still open.
  newComplaint({
    id: 'c1',
    number: 'PAKN-1',
    unitId: 'dep',
    receivedAt: day('2026-01-05'),
    clockStartedAt: day('2026-01-05'),
    status: 'published',
    approvedAt: day('2026-01-12'),
    publishedAt: day('2026-01-13'),
    updatedAt: day('2026-01-13'),
  }),
  newComplaint({
    id: 'c2',
    number: 'PAKN-2',
    unitId: 'dep',
    receivedAt: day('2026-02-02'),
    clockStartedAt: day('2026-02-02'),
    status: 'waiting_to_publish',
    approvedAt: day('2026-03-16'),
    updatedAt: day('2026-03-16'),
  }),
  newComplaint({
    id: 'c3',
    number: 'PAKN-3',
    unitId: 'com',
    receivedAt: day('2026-03-20'),
    clockStartedAt: day('2026-03-20'),
    status: 'processing',
    updatedAt: day('2026-03-21'),
  }),
  // Refused the day after receipt.
  newComplaint({
    id: 'c4',
    number: 'PAKN-4',
    unitId: 'com',
    receivedAt: day('2026-01-02'),
    clockStartedAt: day('2026-01-02'),
    status: 'refused',
    updatedAt: day('2026-01-05'),
  }),
];

const PERIOD = { from: '2026-01-01', to: '2026-03-31' };
const START = vn('2026-01-01T00:00');
const END = vn('2026-04-01T00:00');
const NOW = vn('2026-04-10T10:00');

let dir: string;
let core: Core;

function fill(c: Core, dossiers: readonly Dossier[], complaints: readonly Complaint[] = []): void {
  const repos = c.sync.cache.repositories;
  c.db.transaction(() => {
    for (const u of UNITS) repos.writer.unit(u);
    for (const d of dossiers) repos.records('dossier').put(d);
    for (const x of complaints) repos.records('complaint').put(x);
  })();
}

async function value<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-reports-'));
  core = createCore({ dataDir: dir, host: 'browser', clock: () => NOW, startSync: false });
  fill(core, WORLD.map(dossierOf), COMPLAINTS);
});
afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The figures of a set of dossiers, computed plainly from the definitions (SUPERVISION.md). */
function independent(dossiers: readonly Dossier[], start: number, end: number, at: number) {
  const vnDay = (t: number) => Math.floor((t + 7 * 3_600_000) / 86_400_000);
  const handled = (d: Dossier, from: number, to: number) =>
    d.receivedAt !== null && d.receivedAt < to && (d.finishedAt === null || d.finishedAt >= from);
  const resolved = dossiers.filter(
    (d) =>
      d.receivedAt !== null && d.finishedAt !== null && d.finishedAt >= start && d.finishedAt < end,
  );
  const late = (d: Dossier) => d.late || (d.dueAt !== null && (d.finishedAt ?? 0) > d.dueAt);
  const early = (d: Dossier) =>
    !late(d) && d.dueAt !== null && vnDay(d.finishedAt ?? 0) < vnDay(d.dueAt);
  const open = dossiers.filter((d) => handled(d, at, at));
  const waiting = (d: Dossier) => d.status === 5 || d.status === 6;
  const overdue = open.filter((d) => !waiting(d) && d.dueAt !== null && d.dueAt < at);
  const newOnes = dossiers.filter(
    (d) => d.receivedAt !== null && d.receivedAt >= start && d.receivedAt < end,
  );
  const inPeriod = dossiers.filter((d) => handled(d, start, end));
  return {
    received_total: inPeriod.length,
    received_new: newOnes.length,
    received_online: newOnes.filter((d) => d.channel === 2).length,
    received_direct: newOnes.filter((d) => d.channel !== 2).length,
    carried_over: dossiers.filter((d) => handled(d, start, start)).length,
    resolved_total: resolved.length,
    resolved_early: resolved.filter(early).length,
    resolved_on_time: resolved.filter((d) => !late(d) && !early(d)).length,
    resolved_late: resolved.filter(late).length,
    in_progress_total: open.length,
    in_progress_within: open.length - overdue.length,
    in_progress_overdue: overdue.length,
    waiting: open.filter(waiting).length,
    apologized: inPeriod.filter((d) => d.apologyCount > 0).length,
    second_supplement: inPeriod.filter((d) => d.supplementCount > 1).length,
  } satisfies Partial<Record<DossierFigure, number>>;
}

const BIEU06_COLUMNS: DossierFigure[] = [
  'received_total',
  'received_online',
  'received_direct',
  'carried_over',
  'resolved_total',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  'in_progress_total',
  'in_progress_within',
  'in_progress_overdue',
];

describe('Biểu 06/VPCP/KSTT and the scorecard on a world with known outcomes', () => {
  const dossiers = WORLD.map(dossierOf);

  it('counts each column as worked out by hand, and (3) = (4)+(5)+(6) = (7)+(11)', async () => {
    const table = await value<ReportTable>('reports.table', {
      report: 'statistics',
      period: PERIOD,
    });
    const total = table.rows.find((r) => r.style === 'total');
    // Received 13 (11 new: 3 online, 8 in person or by post; 2 carried over), resolved 7 (3 early,
    // 1 on time, 3 late), in progress at the end 6 (4 within, 2 overdue).
    expect(total?.cells.slice(2)).toEqual([13, 3, 8, 2, 7, 3, 1, 3, 6, 4, 2]);
    for (const row of table.rows) {
      const [t3, t4, t5, t6, t7, , , , t11] = row.cells.slice(2) as number[];
      expect(t3).toBe((t4 ?? 0) + (t5 ?? 0) + (t6 ?? 0));
      expect(t3).toBe((t7 ?? 0) + (t11 ?? 0));
    }
    expect(table.header[3]?.map((c) => c.text)).toEqual(
      Array.from({ length: 13 }, (_, i) => `(${i + 1})`),
    );
  });

  it('agrees cell by cell with a plain computation over the records, by level and field', async () => {
    const table = await value<ReportTable>('reports.table', {
      report: 'statistics',
      period: PERIOD,
    });
    const levels = { 'Cấp tỉnh': ['dep', 'p'], 'Cấp xã': ['com'] } as Record<string, string[]>;
    let level: string[] = [];
    for (const row of table.rows) {
      let subset = dossiers;
      if (row.style === 'group') level = levels[String(row.cells[1])] ?? [];
      if (row.style !== 'total') subset = subset.filter((d) => level.includes(d.unitId));
      if (row.style === 'row') subset = subset.filter((d) => d.fieldCode === row.scope?.fieldCode);
      const expected = independent(subset, START, END, END);
      expect(row.cells.slice(2), `${String(row.cells[1])}`).toEqual(
        BIEU06_COLUMNS.map((f) => expected[f as keyof typeof expected]),
      );
    }
  });

  it('computes the dashboard figures and the indicators from the same counts', async () => {
    const dash = await value<Dashboard>('reports.dashboard', { period: PERIOD });
    const expected = independent(dossiers, START, END, END);
    for (const [figure, n] of Object.entries(expected)) {
      expect(dash.totals[figure as DossierFigure], figure).toBe(n);
    }
    // The period is over: due soon and on track are states of now, not of its end.
    expect(dash.totals.in_progress_due_soon).toBeNull();
    expect(dash.totals.waiting).toBe(1);
    expect(dash.totals.apologized).toBe(1);
    expect(dash.totals.second_supplement).toBe(1);

    const card = await value<Scorecard>('reports.scorecard', { period: PERIOD });
    const of = (id: string) => card.indicators.find((i) => i.id === id);
    // 2.1: (3 early + 1 on time + 4 within) / 13, 20 points at 100 %.
    expect(of('2.1')?.value).toBeCloseTo(8 / 13, 10);
    expect(of('2.1')?.points).toBeCloseTo((20 * 8) / 13, 10);
    expect(of('2.1')?.costs).toEqual([
      { kind: 'dossier', figure: 'resolved_late', n: 3 },
      { kind: 'dossier', figure: 'in_progress_overdue', n: 2 },
    ]);
    // 3.3: 3 online of 11 received, tracked against 50 %.
    expect(of('3.3')?.value).toBeCloseTo(3 / 11, 10);
    // 5.4: 100 % − 5 late or overdue of 13; 6 points at 90 %.
    expect(of('5.4')?.value).toBeCloseTo(8 / 13, 10);
    expect(of('5.4')?.points).toBeCloseTo((6 * (8 / 13)) / 0.9, 10);
    // 2.2: average days from receipt to the end of processing of the 7 resolved.
    const resolved = dossiers.filter(
      (d) =>
        d.receivedAt !== null &&
        d.finishedAt !== null &&
        d.finishedAt >= START &&
        d.finishedAt < END,
    );
    const avg =
      resolved.reduce((s, d) => s + ((d.finishedAt ?? 0) - (d.receivedAt ?? 0)), 0) /
      resolved.length /
      86_400_000;
    expect(of('2.2')?.value).toBeCloseTo(avg, 10);
    // 5.2: c1 answered in time, c2 late, c3 still within its 15 days: 1 of 2.
    expect(of('5.2')?.value).toBeCloseTo(1 / 2, 10);
    expect(of('5.2')?.verified).toBe(true);
    expect(of('1.4')?.status).toBe('not_configured');
    expect(dash.complaints.clocks.find((c) => c.clock === 'refuse')).toMatchObject({
      met: 1,
      missed: 0,
    });
    expect(dash.complaints.clocks.find((c) => c.clock === 'answer')).toMatchObject({
      met: 1,
      missed: 1,
      open: 1,
    });
  });

  it('names what is wrong: a period ending before it starts, a unit the store does not have', async () => {
    const backwards = await core.dispatch('reports.dashboard', {
      period: { from: '2026-03-31', to: '2026-01-01' },
    });
    expect(backwards.ok).toBe(false);
    if (!backwards.ok) expect(backwards.error.message).toMatch(/period.*ends before it starts/);
    const unknown = await core.dispatch('reports.dashboard', { period: PERIOD, unitId: 'nowhere' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toMatch(/unitId: there is no unit nowhere/);
  });

  it('reads no dashboard figure by scanning the dossiers table', () => {
    const plans: string[] = [];
    const explain = (sql: string, params: Record<string, unknown>) =>
      (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map(
        (r) => r.detail,
      );
    plans.push(...explain(SUMS_SQL(''), { grain: 2, from: 0, to: 100 }));
    const calls = [
      `SELECT count(*) FROM dossiers INDEXED BY dossiers_open_clock WHERE received_at IS NOT NULL AND finished_at IS NULL AND unit_id IN (SELECT value FROM json_each('["dep"]'))`,
      `SELECT count(*) FROM dossiers INDEXED BY dossiers_finished_late WHERE finished_at > due_at AND finished_at >= 1 AND due_at < 1 AND received_at < 1`,
    ];
    for (const sql of calls) plans.push(...explain(sql, {}));
    for (const line of plans) {
      if (!/SCAN dossiers/.test(line)) continue;
      expect(line).toMatch(/USING (COVERING )?INDEX dossiers_(open_clock|finished_late)/);
    }
    expect(plans.some((l) => /SEARCH dossier_period_counts USING PRIMARY KEY/.test(l))).toBe(true);
  });
});

describe('every dashboard figure equals the total of the grid it opens (fast-check)', () => {
  it('on random worlds, periods and units', async () => {
    const dateArb = fc.integer({ min: vn('2025-10-01T00:00'), max: vn('2026-06-30T00:00') });
    const dossierArb = fc.record({
      received: fc.option(dateArb, { nil: null }),
      dueDays: fc.integer({ min: 0, max: 40 }),
      finishDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      status: fc.constantFrom(2, 4, 5, 6, 7, 9, 10, 8),
      unit: fc.constantFrom('dep', 'com'),
      channel: fc.constantFrom(1, 2, 3),
      late: fc.boolean(),
      apologies: fc.constantFrom(0, 0, 1),
      supplements: fc.constantFrom(0, 1, 2),
    });
    const worldArb = fc.record({
      dossiers: fc.array(dossierArb, { minLength: 1, maxLength: 40 }),
      from: fc.integer({ min: 0, max: 200 }),
      length: fc.integer({ min: 0, max: 420 }),
      now: fc.integer({ min: 0, max: 280 }),
      unit: fc.constantFrom(undefined, 'dep', 'com'),
    });
    const isoOf = (t: number) => new Date(t + 7 * 3_600_000).toISOString().slice(0, 10);
    await fc.assert(
      fc.asyncProperty(worldArb, async (w) => {
        const here = mkdtempSync(join(tmpdir(), 'wb-reports-prop-'));
        const base = vn('2025-10-01T00:00');
        const now = base + w.now * 86_400_000 + 3_600_000;
        const c = createCore({
          dataDir: here,
          host: 'browser',
          clock: () => now,
          startSync: false,
        });
        try {
          const records = w.dossiers.map((x, i) => {
            // Nothing is dated after now: the cache holds what happened, as the portal synced it.
            const received = x.received === null ? null : Math.min(x.received, now - 7_200_000);
            const due = received === null ? null : received + x.dueDays * 86_400_000;
            const open = [2, 4, 5, 6, 7].includes(x.status);
            const finished =
              received === null || open
                ? null
                : Math.min(now - 3_600_000, received + (x.finishDays ?? x.dueDays) * 86_400_000);
            return newDossier({
              id: `x${i}`,
              number: `000.00.01.T01-x${i}`,
              unitId: x.unit,
              channel: x.channel,
              status: (received === null ? 1 : x.status) as Dossier['status'],
              filedAt: received ?? base,
              receivedAt: received,
              dueAt: due,
              dueSoonAt: due === null ? null : due - 86_400_000,
              finishedAt: finished,
              late: x.late,
              apologyCount: x.apologies,
              supplementCount: x.supplements,
              assigneeId: i % 3 === 0 ? null : `o${i % 3}`,
            });
          });
          fill(c, records);
          const period = {
            from: isoOf(base + w.from * 86_400_000),
            to: isoOf(base + (w.from + w.length) * 86_400_000),
          };
          const r = await c.dispatch('reports.dashboard', {
            period,
            ...(w.unit ? { unitId: w.unit } : {}),
          });
          if (!r.ok) throw new Error(r.error.message);
          const dash = r.value as Dashboard;
          const groups = [
            { figures: dash.totals, scope: {} },
            ...dash.units.map((u) => ({ figures: u.figures, scope: { unitIds: [u.unitId] } })),
            ...dash.officers.map((o) => ({
              figures: o.figures,
              scope: { assigneeId: o.officerId },
            })),
          ];
          for (const g of groups) {
            for (const figure of DOSSIER_FIGURES) {
              const n = g.figures[figure];
              if (n === null) continue;
              const filter = figureFilter(figure, dash.period, {
                unitIds: dash.subject.unit.unitIds,
                ...g.scope,
              });
              const list = await c.dispatch('dossiers.list', { filter, limit: 1 });
              if (!list.ok) throw new Error(list.error.message);
              expect(
                (list.value as { total: number }).total,
                `${figure} ${JSON.stringify(g.scope)}`,
              ).toBe(n);
            }
          }
        } finally {
          c.close();
          rmSync(here, { recursive: true, force: true });
        }
      }),
      { seed: 13, numRuns: 60 },
    );
  }, 120_000);
});
