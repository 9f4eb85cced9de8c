import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridLayout, Queue } from '@shared/contract/api';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { dossierDeadlineState } from '@shared/domain/deadline';
import type { Officer } from '@shared/model';
import { SEED_NOW } from '../../tests/support/stores';
import { seedStore } from '../seed';
import {
  call,
  createTestCore,
  failure,
  officerById,
  signInLocally,
  signOutLocally,
  subtreeOf,
  type TestCore,
} from '../services/testing';
import { createRepositories } from '../store/repos';
import { BUILTIN_QUEUES } from './queues';

let t: TestCore;
let officer: Officer;
let leader: Officer;
/** The units whose dossiers the officer handles (the department above their office). */
let scope: string[];

beforeAll(() => {
  t = createTestCore(SEED_NOW);
  seedStore(t.core.db, { dossiers: 4000, complaints: 800, now: SEED_NOW, seed: 21 });
  const busiest = t.core.db
    .prepare(
      `SELECT assignee_id AS id FROM dossiers d JOIN officers o ON o.id = d.assignee_id
       WHERE o.roles LIKE '%processing_officer%' AND d.status IN (2, 4, 5, 6, 7)
       GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    )
    .get() as { id: string };
  officer = officerById(t.core, busiest.id);
  scope = (
    t.core.db
      .prepare('SELECT DISTINCT unit_id AS id FROM dossiers WHERE assignee_id = ? ORDER BY 1')
      .all(officer.id) as { id: string }[]
  ).map((u) => u.id);
  const lead = t.core.db
    .prepare(`SELECT id FROM officers WHERE unit_id = ? AND roles LIKE '%leader%' LIMIT 1`)
    .get(scope[0]) as { id: string } | undefined;
  leader = lead
    ? officerById(t.core, lead.id)
    : { ...officer, id: 'leader-x', username: 'leader-x', roles: ['leader'] };
}, 60_000);
afterAll(() => t.close());

async function everyId(queue: Queue): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: { rows: { id: string }[]; nextCursor: string | null; total: number | null } =
      queue.view.entity === 'dossier'
        ? await call(t.core, 'dossiers.list', {
            filter: queue.view.filter,
            sort: queue.view.sort,
            limit: 500,
            now: SEED_NOW,
            cursor,
          })
        : await call(t.core, 'complaints.list', {
            filter: queue.view.filter,
            sort: queue.view.sort,
            limit: 500,
            now: SEED_NOW,
            cursor,
          });
    if (cursor === null) expect(page.total, `${queue.id}: list total`).toBe(queue.count);
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('pagination did not end');
}

async function expectCountsAgree(): Promise<Queue[]> {
  const { queues } = await call(t.core, 'queues.list', { now: SEED_NOW });
  for (const queue of queues) {
    const ids = await everyId(queue);
    expect(ids.length, `${queue.id}: rows listed`).toBe(queue.count);
    expect(new Set(ids).size).toBe(ids.length);
  }
  return queues;
}

describe('queues: counts', () => {
  it('agree with the list totals and rows when nobody is signed in (the whole cache)', async () => {
    signOutLocally(t.core);
    const queues = await expectCountsAgree();
    expect(queues.map((q) => q.id)).toEqual(BUILTIN_QUEUES.map((q) => q.id));
    const count = (id: string) => queues.find((q) => q.id === id)?.count;
    expect(count('my_dossiers')).toBe(0);
    expect(count('finished')).toBeGreaterThan(1000);
    for (const id of [
      'unassigned',
      'due_soon',
      'overdue',
      'waiting_citizen',
      'complaints_to_answer',
    ]) {
      expect(count(id), id).toBeGreaterThan(0);
    }
  });

  it("agree for a processing officer, within the officer's unit", async () => {
    signInLocally(t.core, officer, scope);
    const queues = await expectCountsAgree();
    expect(queues.find((q) => q.id === 'my_dossiers')?.count).toBeGreaterThan(0);
    expect(queues.some((q) => q.id === 'awaiting_approval')).toBe(false);
    const everything = (
      t.core.db
        .prepare('SELECT count(*) AS n FROM dossiers WHERE status IN (3, 8, 9, 10)')
        .get() as {
        n: number;
      }
    ).n;
    expect(queues.find((q) => q.id === 'finished')?.count).toBeLessThan(everything);
  });

  it("agree for a leader over the unit's subtree, with the approval queue", async () => {
    signInLocally(
      t.core,
      leader,
      scope.flatMap((u) => subtreeOf(t.core, u)),
    );
    const queues = await expectCountsAgree();
    expect(queues.some((q) => q.id === 'awaiting_approval')).toBe(true);
  });

  it('count what the domain rules say: overdue running dossiers of my units', async () => {
    signInLocally(t.core, officer, scope);
    const { queues } = await call(t.core, 'queues.list', { now: SEED_NOW });
    const dossiers = createRepositories(t.core.db).records('dossier');
    const all = (t.core.db.prepare('SELECT id FROM dossiers').all() as { id: string }[]).map((r) =>
      dossiers.get(r.id)!,
    );
    const inScope = all.filter((d) => scope.includes(d.unitId));
    for (const state of ['overdue', 'due_soon'] as const) {
      expect(queues.find((q) => q.id === state)?.count).toBe(
        inScope.filter((d) => dossierDeadlineState(d, SEED_NOW) === state).length,
      );
    }
    expect(queues.find((q) => q.id === 'my_dossiers')?.count).toBe(
      all.filter((d) => d.assigneeId === officer.id && ![3, 8, 10].includes(d.status)).length,
    );
    expect(queues.find((q) => q.id === 'waiting_citizen')?.count).toBe(
      inScope.filter((d) => d.status === 5 || d.status === 6).length,
    );
    // The rows carry what the grid colours and counts down with.
    const due = queues.find((q) => q.id === 'due_soon');
    if (due?.view.entity !== 'dossier') throw new Error('due_soon is a dossier queue');
    const page = await call(t.core, 'dossiers.list', {
      filter: due.view.filter,
      sort: due.view.sort,
      now: SEED_NOW,
    });
    const calendar = new WorkingCalendar();
    for (const row of page.rows) {
      expect(row.deadlineState).toBe('due_soon');
      expect(row.workingMsLeft).toBe(
        row.dueAt === null ? null : calendar.workingTimeBetween(SEED_NOW, row.dueAt),
      );
      expect(row.workingMsLeft).toBeGreaterThanOrEqual(0);
    }
  });

  it('follow a change in the cache at once (the maintained counters)', async () => {
    signInLocally(t.core, officer, scope);
    const before = await call(t.core, 'queues.list', { now: SEED_NOW });
    const waiting = (id: string, r: typeof before) =>
      r.queues.find((q) => q.id === id)?.count ?? -1;
    const some = t.core.db
      .prepare(`SELECT id FROM dossiers WHERE unit_id = ? AND status = 4 LIMIT 1`)
      .get(scope[0]) as { id: string };
    t.core.db.prepare('UPDATE dossiers SET status = 5 WHERE id = ?').run(some.id);
    const after = await call(t.core, 'queues.list', { now: SEED_NOW });
    expect(waiting('waiting_citizen', after)).toBe(waiting('waiting_citizen', before) + 1);
    t.core.db.prepare('UPDATE dossiers SET status = 4 WHERE id = ?').run(some.id);
  });
});

describe('views: saved per officer', () => {
  it('saves, lists with a count, renames and deletes an officer’s own view', async () => {
    signInLocally(t.core, officer, scope);
    const saved = await call(t.core, 'views.save', {
      name: 'Hộ tịch quá hạn',
      view: {
        entity: 'dossier',
        filter: { inMyUnits: true, deadlineState: ['overdue'] },
        sort: { field: 'dueAt', direction: 'asc' },
        columns: ['number', 'applicantName', 'dueAt'],
      },
    });
    expect(saved).toMatchObject({ kind: 'custom', name: 'Hộ tịch quá hạn', nameKey: null });
    let queues = (await call(t.core, 'queues.list', {})).queues;
    const listed = queues.find((q) => q.id === saved.id);
    expect(listed?.count).toBe(queues.find((q) => q.id === 'overdue')?.count);
    const renamed = await call(t.core, 'views.save', {
      id: saved.id,
      name: 'Quá hạn',
      view: saved.view,
    });
    expect(renamed.id).toBe(saved.id);
    queues = (await call(t.core, 'queues.list', {})).queues;
    expect(queues.filter((q) => q.kind === 'custom').map((q) => q.name)).toEqual(['Quá hạn']);
    expect(await call(t.core, 'views.delete', { id: saved.id })).toEqual({ deleted: true });
    expect(await call(t.core, 'views.delete', { id: saved.id })).toEqual({ deleted: false });
  });

  it("keeps officers' views apart, and refuses to overwrite a built-in queue or another's view", async () => {
    signInLocally(t.core, officer, scope);
    const view = {
      entity: 'complaint' as const,
      filter: { mine: true },
      sort: { field: 'receivedAt' as const, direction: 'desc' as const },
      columns: ['number'],
    };
    const mine = await call(t.core, 'views.save', { name: 'Của tôi', view });
    signInLocally(t.core, leader, [leader.unitId]);
    expect((await call(t.core, 'queues.list', {})).queues.some((q) => q.id === mine.id)).toBe(
      false,
    );
    expect(await failure(t.core, 'views.save', { id: mine.id, name: 'x', view })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await call(t.core, 'views.delete', { id: mine.id })).toEqual({ deleted: false });
    expect(await failure(t.core, 'views.save', { id: 'overdue', name: 'x', view })).toMatchObject({
      code: 'BAD_REQUEST',
    });
    signInLocally(t.core, officer, scope);
    expect(await call(t.core, 'views.delete', { id: mine.id })).toEqual({ deleted: true });
  });

  it('refuses malformed views, naming the field', async () => {
    expect(
      await failure(t.core, 'views.save', {
        name: 'x',
        view: {
          entity: 'dossier',
          filter: { status: [11] },
          sort: { field: 'dueAt', direction: 'asc' },
          columns: [],
        },
      }),
    ).toMatchObject({ code: 'BAD_REQUEST', path: 'view.filter.status[0]' });
    expect(
      await failure(t.core, 'views.save', {
        name: '',
        view: {
          entity: 'dossier',
          filter: {},
          sort: { field: 'dueAt', direction: 'asc' },
          columns: [],
        },
      }),
    ).toMatchObject({ code: 'BAD_REQUEST', path: 'name' });
    expect(
      await failure(t.core, 'views.save', {
        name: 'x',
        view: {
          entity: 'complaint',
          filter: {},
          sort: { field: 'applicantName', direction: 'asc' },
          columns: [],
        },
      }),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('preferences and views survive a restart', () => {
  it('keeps grid layouts and views per officer in the store', async () => {
    const layout = {
      columns: [
        { id: 'number', width: 180, pin: 'left' as const },
        { id: 'applicantName', width: 220 },
        { id: 'email', hidden: true },
      ],
    };
    signInLocally(t.core, officer, scope);
    await call(t.core, 'prefs.set', { key: 'grid.dossiers', value: layout as GridLayout });
    await call(t.core, 'prefs.set', { key: 'ui.density', value: 'compact' });
    const saved = await call(t.core, 'views.save', {
      name: 'Chờ công dân',
      view: {
        entity: 'dossier',
        filter: { status: [5, 6], mine: true },
        sort: { field: 'receivedAt', direction: 'desc' },
        columns: ['number'],
      },
    });
    signInLocally(t.core, leader, [leader.unitId]);
    expect(await call(t.core, 'prefs.get', { key: 'grid.dossiers' })).toEqual({
      key: 'grid.dossiers',
      value: null,
    });

    const core = t.reopen();
    signInLocally(core, officer, scope);
    expect((await call(core, 'prefs.get', { key: 'grid.dossiers' })).value).toEqual(layout);
    expect((await call(core, 'prefs.get', { key: 'ui.density' })).value).toBe('compact');
    const queues = (await call(core, 'queues.list', {})).queues;
    expect(queues.find((q) => q.id === saved.id)?.name).toBe('Chờ công dân');

    await call(core, 'prefs.set', { key: 'ui.density', value: null });
    expect((await call(core, 'prefs.get', { key: 'ui.density' })).value).toBeNull();
  });

  it('validates grid layouts and bounds preference sizes', async () => {
    expect(
      await failure(t.core, 'prefs.set', {
        key: 'grid.dossiers',
        value: { columns: [{ id: 'x', width: 5 }] },
      }),
    ).toMatchObject({ code: 'BAD_REQUEST', path: 'value.columns[0].width' });
    expect(
      await failure(t.core, 'prefs.set', { key: 'ui.notes', value: 'x'.repeat(20_000) }),
    ).toMatchObject({ code: 'BAD_REQUEST', path: 'value' });
    expect(await failure(t.core, 'prefs.get', { key: 'bad key!' })).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'key',
    });
  });
});
