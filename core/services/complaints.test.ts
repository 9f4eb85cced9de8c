import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE } from '../store/kinds';
import type { EventName } from '@shared/contract/api';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { complaintDeadline } from '@shared/domain/complaint-machine';
import type { Officer } from '@shared/model';
import { makeComplaint, makeDossier, makeHistory } from '../../tests/support/fixtures';
import { createWriter } from '../store/writer';
import {
  call,
  createTestCore,
  failure,
  signInLocally,
  signOutLocally,
  type TestCore,
} from './testing';

const NOW = Date.UTC(2026, 1, 10, 3, 0); // Tuesday 10 Feb 2026, 10:00 in Hà Nội
const PROCESSOR: Officer = {
  id: 'o-proc',
  username: 'proc',
  fullName: 'Trần Thị Hạnh',
  unitId: 'u1',
  roles: ['processing_officer'],
};
const LEADER: Officer = {
  id: 'o-lead',
  username: 'lead',
  fullName: 'Lê Minh Tuấn',
  unitId: 'u1',
  roles: ['leader'],
};

let t: TestCore;
let events: { event: EventName; payload: unknown }[];

beforeEach(() => {
  t = createTestCore(NOW);
  const write = createWriter(t.core.db);
  t.core.db.transaction(() => {
    write.unit({
      id: 'u1',
      parentId: null,
      code: '000.00.01.H22',
      name: 'UBND Phường Hai Bà Trưng',
      kind: 'commune',
    });
    write.officer(PROCESSOR);
    write.officer(LEADER);
    write.record(
      STORAGE.complaint,
      makeComplaint({
        id: 'c1',
        status: 'processing',
        assigneeId: 'o-proc',
        receivedAt: NOW - 86_400_000,
      }),
    );
    write.history(STORAGE.complaint, 'c1', makeHistory('h1', NOW - 86_400_000, 'receive'));
    write.record(
      STORAGE.complaint,
      makeComplaint({
        id: 'c2',
        status: 'answer_drafted',
        assigneeId: 'o-proc',
        answer: 'Trả lời…',
      }),
    );
    write.record(
      STORAGE.complaint,
      makeComplaint({
        id: 'c3',
        status: 'published',
        approvedAt: NOW - 5 * 86_400_000,
        publishedAt: NOW - 4 * 86_400_000,
      }),
    );
    for (let i = 1; i <= 4; i++)
      write.record(STORAGE.dossier, makeDossier({ id: `d${i}`, status: 4, assigneeId: null }));
    write.record(STORAGE.dossier, makeDossier({ id: 'd5', status: 10 }));
  })();
  events = [];
  t.core.events.onAny((event, payload) => events.push({ event, payload }));
});
afterEach(() => t.close());

const outbox = () =>
  t.core.db.prepare('SELECT entity, record_id AS id FROM outbox ORDER BY client_seq').all() as {
    entity: string;
    id: string;
  }[];

describe('complaints.get', () => {
  it('gives the complaint with its history, unit, assignee and current deadline', async () => {
    signInLocally(t.core, PROCESSOR, ['u1']);
    const detail = await call(t.core, 'complaints.get', { id: 'c1' });
    const calendar = new WorkingCalendar();
    const deadline = complaintDeadline(detail.complaint, calendar);
    expect(detail).toMatchObject({
      complaint: { id: 'c1', status: 'processing' },
      unit: { id: 'u1', name: 'UBND Phường Hai Bà Trưng' },
      assignee: { id: 'o-proc', fullName: 'Trần Thị Hạnh', roles: ['processing_officer'] },
      deadline: { kind: 'answer', dueAt: deadline.dueAt },
      deadlineState: 'on_track',
      workingMsLeft: calendar.workingTimeBetween(NOW, deadline.dueAt),
      pending: false,
    });
    expect(detail.history.map((h) => h.id)).toEqual(['h1']);
    expect((await call(t.core, 'complaints.get', { id: 'c3' })).deadline?.kind).toBe('publish');
  });

  it('says NOT_FOUND for an unknown complaint', async () => {
    expect(await failure(t.core, 'complaints.get', { id: 'nope' })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('complaints.act and allowedActions', () => {
  it('offers what the machine allows the signed-in officer, and nothing when signed out', async () => {
    signInLocally(t.core, PROCESSOR, ['u1']);
    expect((await call(t.core, 'complaints.allowedActions', { id: 'c1' })).actions).toEqual(
      expect.arrayContaining(['request_info', 'transfer', 'draft_answer', 'add_note']),
    );
    expect((await call(t.core, 'complaints.allowedActions', { id: 'c2' })).actions).not.toContain(
      'approve_answer',
    );
    signInLocally(t.core, LEADER, ['u1']);
    expect((await call(t.core, 'complaints.allowedActions', { id: 'c2' })).actions).toEqual(
      expect.arrayContaining(['approve_answer', 'return_answer']),
    );
    signOutLocally(t.core);
    expect((await call(t.core, 'complaints.allowedActions', { id: 'c1' })).actions).toEqual([]);
  });

  it('applies an action locally through the outbox, marks it pending and tells the UI', async () => {
    signInLocally(t.core, PROCESSOR, ['u1']);
    const result = await call(t.core, 'complaints.act', {
      id: 'c1',
      action: { type: 'draft_answer', answer: 'Kính gửi bà Thu, cơ quan đã tiếp nhận…' },
    });
    expect(result).toMatchObject({
      complaint: {
        id: 'c1',
        status: 'answer_drafted',
        answer: 'Kính gửi bà Thu, cơ quan đã tiếp nhận…',
      },
      pending: 1,
    });
    expect(outbox()).toEqual([{ entity: 'complaint', id: 'c1' }]);
    expect(events).toContainEqual({ event: 'complaints.changed', payload: { ids: ['c1'] } });
    const detail = await call(t.core, 'complaints.get', { id: 'c1' });
    expect(detail.pending).toBe(true);
    expect(detail.history.map((h) => h.action)).toEqual(['receive', 'draft_answer']);
    const list = await call(t.core, 'complaints.list', { now: NOW });
    expect(list.rows.filter((r) => r.pending).map((r) => r.id)).toEqual(['c1']);
    expect((await call(t.core, 'complaints.list', { filter: { pendingOnly: true } })).total).toBe(
      1,
    );
  });

  it('refuses what the machine refuses, with the rule, and queues nothing', async () => {
    signInLocally(t.core, LEADER, ['u1']);
    expect(
      await failure(t.core, 'complaints.act', { id: 'c1', action: { type: 'publish' } }),
    ).toMatchObject({ code: 'RULE_VIOLATION', rule: 'ILLEGAL_TRANSITION' });
    expect(
      await failure(t.core, 'complaints.act', { id: 'c3', action: { type: 'approve_answer' } }),
    ).toMatchObject({ code: 'RULE_VIOLATION', rule: 'COMPLAINT_FINAL' });
    expect(outbox()).toEqual([]);
  });

  it('refuses malformed input before anything runs, and acting when nobody signed in', async () => {
    signInLocally(t.core, PROCESSOR, ['u1']);
    expect(
      await failure(t.core, 'complaints.act', { id: 'c1', action: { type: 'fly' } }),
    ).toMatchObject({ code: 'BAD_REQUEST', path: 'action.type' });
    expect(
      await failure(t.core, 'complaints.act', {
        id: 'c1',
        action: { type: 'draft_answer', answer: ' ' },
      }),
    ).toMatchObject({ code: 'BAD_REQUEST', path: 'action.answer' });
    signOutLocally(t.core);
    expect(
      await failure(t.core, 'complaints.act', { id: 'c1', action: { type: 'receive' } }),
    ).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('dossiers.actMany', () => {
  it('applies each dossier on its own, reports refusals per dossier, one outbox entry each', async () => {
    signInLocally(t.core, LEADER, ['u1']);
    const result = await call(t.core, 'dossiers.actMany', {
      ids: ['d1', 'd2', 'd5', 'd3', 'nope', 'd4'],
      action: { type: 'assign', assigneeId: 'o-proc' },
    });
    expect(result).toMatchObject({ applied: 4, refused: 2, pending: 4 });
    expect(result.results).toEqual([
      { id: 'd1', ok: true, status: 4 },
      { id: 'd2', ok: true, status: 4 },
      { id: 'd5', ok: false, code: 'DOSSIER_FINAL', message: expect.any(String) as string },
      { id: 'd3', ok: true, status: 4 },
      { id: 'nope', ok: false, code: 'NOT_FOUND', message: expect.any(String) as string },
      { id: 'd4', ok: true, status: 4 },
    ]);
    expect(outbox()).toEqual(['d1', 'd2', 'd3', 'd4'].map((id) => ({ entity: 'dossier', id })));
    const mine = await call(t.core, 'dossiers.list', { filter: { pendingOnly: true }, now: NOW });
    expect(mine.rows.map((r) => [r.id, r.assigneeId, r.pending]).sort()).toEqual(
      ['d1', 'd2', 'd3', 'd4'].map((id) => [id, 'o-proc', true]),
    );
    signInLocally(t.core, PROCESSOR, ['u1']);
    expect(
      (await call(t.core, 'queues.list', { now: NOW })).queues.find((q) => q.id === 'my_dossiers')
        ?.count,
    ).toBe(4);
  });

  it('refuses the whole request when it is malformed', async () => {
    signInLocally(t.core, LEADER, ['u1']);
    const action = { type: 'assign', assigneeId: 'o-proc' };
    expect(await failure(t.core, 'dossiers.actMany', { ids: ['d1', 'd1'], action })).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'ids',
    });
    expect(
      await failure(t.core, 'dossiers.actMany', {
        ids: Array.from({ length: 501 }, (_, i) => `d${i}`),
        action,
      }),
    ).toMatchObject({ code: 'BAD_REQUEST', path: 'ids' });
    expect(await failure(t.core, 'dossiers.actMany', { ids: [], action })).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(outbox()).toEqual([]);
  });
});

describe('complaints.actMany', () => {
  it('assigns each complaint on its own, reports refusals per complaint, one outbox entry each', async () => {
    signInLocally(t.core, LEADER, ['u1']);
    const result = await call(t.core, 'complaints.actMany', {
      ids: ['c1', 'c3', 'nope', 'c2'],
      action: { type: 'assign', assigneeId: 'o-lead' },
    });
    expect(result).toMatchObject({ applied: 2, refused: 2, pending: 2 });
    expect(result.results).toEqual([
      { id: 'c1', ok: true, status: 'processing' },
      { id: 'c3', ok: false, code: 'COMPLAINT_FINAL', message: expect.any(String) as string },
      { id: 'nope', ok: false, code: 'NOT_FOUND', message: expect.any(String) as string },
      { id: 'c2', ok: true, status: 'answer_drafted' },
    ]);
    expect(outbox()).toEqual(['c1', 'c2'].map((id) => ({ entity: 'complaint', id })));
    for (const id of ['c1', 'c2']) {
      expect((await call(t.core, 'complaints.get', { id })).complaint.assigneeId).toBe('o-lead');
    }
  });

  it('refuses the whole request when it is malformed, and an officer who may not route', async () => {
    signInLocally(t.core, LEADER, ['u1']);
    const action = { type: 'assign', assigneeId: 'o-proc' };
    expect(
      await failure(t.core, 'complaints.actMany', { ids: ['c1', 'c1'], action }),
    ).toMatchObject({ code: 'BAD_REQUEST', path: 'ids' });
    expect(
      await failure(t.core, 'complaints.actMany', { ids: ['c1'], action: { type: 'assign' } }),
    ).toMatchObject({ code: 'BAD_REQUEST', path: 'action.assigneeId' });
    expect(outbox()).toEqual([]);
    // A processing officer cannot route complaints: each one says so, nothing is queued.
    signInLocally(t.core, PROCESSOR, ['u1']);
    const refused = await call(t.core, 'complaints.actMany', {
      ids: ['c2'],
      action: { type: 'assign', assigneeId: 'o-lead' },
    });
    expect(refused).toMatchObject({ applied: 0, refused: 1 });
    expect(refused.results[0]).toMatchObject({ id: 'c2', ok: false });
    expect(outbox()).toEqual([]);
  });
});

describe('search through the contract', () => {
  it('searches and refuses oversized text by name', async () => {
    const r = await call(t.core, 'search.query', { text: 'le thi thu' });
    expect(r.hits.map((h) => h.id).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(await failure(t.core, 'search.query', { text: 'x'.repeat(201) })).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'text',
    });
    expect(await failure(t.core, 'search.query', { text: 'x', limit: 1000 })).toMatchObject({
      code: 'BAD_REQUEST',
      path: 'limit',
    });
  });
});
