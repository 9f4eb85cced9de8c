import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE } from '../store/kinds';
import type { Officer } from '@shared/model';
import { makeComplaint, makeDossier } from '../../tests/support/fixtures';
import { createWriter } from '../store/writer';
import {
  call,
  createTestCore,
  failure,
  signInLocally,
  signOutLocally,
  type TestCore,
} from './testing';

/**
 * The methods the workbench's renderer asked for: directory.list (pickers and names),
 * dossiers.seek / complaints.seek (one-call far jumps), and dossiers.get's deadline and pending
 * state (the panel no longer guesses them). Driven through the dispatch, as the hosts do.
 */

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 1, 10, 3, 0); // Tuesday 10 Feb 2026, 10:00 in Hà Nội
const PROCESSOR: Officer = {
  id: 'o-proc',
  username: 'proc',
  fullName: 'Trần Thị Hạnh',
  unitId: 'u1',
  roles: ['processing_officer'],
};

let t: TestCore;

beforeEach(() => {
  t = createTestCore(NOW);
  const write = createWriter(t.core.db);
  t.core.db.transaction(() => {
    // Names whose byte order is not their Vietnamese order: Đ after D, Â after Ă after A.
    for (const [id, name] of [
      ['u3', 'Xã Đông Hòa'],
      ['u1', 'Phường An Lạc'],
      ['u2', 'Phường Ân Thi'],
      ['u4', 'Xã Dương Minh Châu'],
    ] as const) {
      write.unit({ id, parentId: null, code: `000.00.0${id.slice(1)}.H22`, name, kind: 'commune' });
    }
    write.officer(PROCESSOR);
    write.officer({ ...PROCESSOR, id: 'o-2', username: 'dang', fullName: 'Đặng Văn Lâm' });
    write.officer({ ...PROCESSOR, id: 'o-3', username: 'duong', fullName: 'Dương Thị Hoa' });
    write.officer({ ...PROCESSOR, id: 'o-4', username: 'an', fullName: 'Âu Minh Tú' });
    // Running, due in two days; paused for documents; not accepted yet (no clock).
    write.record(
      STORAGE.dossier,
      makeDossier({
        id: 'd1',
        status: 4,
        assigneeId: 'o-proc',
        receivedAt: NOW - DAY,
        dueAt: NOW + 2 * DAY,
        dueSoonAt: NOW + DAY,
      }),
    );
    write.record(STORAGE.dossier, makeDossier({ id: 'd2', status: 5, clockPausedAt: NOW - DAY }));
    write.record(STORAGE.dossier, makeDossier({ id: 'd3', status: 1, receivedAt: null }));
    for (let i = 0; i < 30; i++) {
      write.record(STORAGE.dossier, makeDossier({ id: `e${i}`, receivedAt: NOW - (i % 7) * DAY }));
    }
    for (let i = 0; i < 12; i++) {
      write.record(
        STORAGE.complaint,
        makeComplaint({ id: `c${i}`, receivedAt: NOW - (i % 4) * DAY }),
      );
    }
  })();
});
afterEach(() => t.close());

describe('directory.list', () => {
  it('lists the synced units and officers, sorted by name the Vietnamese way', async () => {
    const { units, officers } = await call(t.core, 'directory.list', {});
    expect(units.map((u) => u.name)).toEqual([
      'Phường An Lạc',
      'Phường Ân Thi',
      'Xã Dương Minh Châu',
      'Xã Đông Hòa',
    ]);
    expect(officers.map((o) => o.fullName)).toEqual([
      'Âu Minh Tú',
      'Dương Thị Hoa',
      'Đặng Văn Lâm',
      'Trần Thị Hạnh',
    ]);
    expect(officers[3]).toEqual(PROCESSOR);
    expect(units[0]).toEqual({
      id: 'u1',
      parentId: null,
      code: '000.00.01.H22',
      name: 'Phường An Lạc',
      kind: 'commune',
    });
  });

  it('refuses input it does not take, naming the field', async () => {
    const error = await failure(t.core, 'directory.list', { all: true });
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/all/);
  });
});

describe('dossiers.get: deadline and pending, as the grid rows have them', () => {
  it('carries the same deadline state and working time left as the dossier’s list row', async () => {
    const list = await call(t.core, 'dossiers.list', { limit: 500 });
    for (const id of ['d1', 'd2', 'd3']) {
      const row = list.rows.find((r) => r.id === id);
      const detail = await call(t.core, 'dossiers.get', { id });
      expect(detail.deadlineState, id).toBe(row?.deadlineState);
      expect(detail.workingMsLeft, id).toBe(row?.workingMsLeft);
      expect(detail.pending, id).toBe(false);
    }
    const running = await call(t.core, 'dossiers.get', { id: 'd1' });
    expect(running.deadlineState).toBe('on_track');
    expect(running.workingMsLeft).toBeGreaterThan(0);
    expect((await call(t.core, 'dossiers.get', { id: 'd2' })).deadlineState).toBe('paused');
  });

  it('evaluates the deadline at the moment asked for', async () => {
    const late = await call(t.core, 'dossiers.get', { id: 'd1', now: NOW + 3 * DAY });
    expect(late.deadlineState).toBe('overdue');
    expect(late.workingMsLeft).toBeLessThan(0);
  });

  it('says the dossier is pending once an action waits in the outbox, and the clock stopped', async () => {
    signInLocally(t.core, PROCESSOR, ['u1']);
    try {
      await call(t.core, 'dossiers.act', {
        id: 'd1',
        action: { type: 'request_supplement', missingDocuments: ['Bản sao giấy khai sinh'] },
      });
      const detail = await call(t.core, 'dossiers.get', { id: 'd1' });
      expect(detail.pending).toBe(true);
      expect(detail.deadlineState).toBe('paused');
      expect(detail.dossier.status).toBe(5);
    } finally {
      signOutLocally(t.core);
    }
  });
});

describe('dossiers.seek and complaints.seek through the dispatch', () => {
  it('give the cursor from which the list starts at the row', async () => {
    const sort = { field: 'receivedAt', direction: 'desc' } as const;
    const whole = await call(t.core, 'dossiers.list', { sort, limit: 500 });
    for (const position of [1, 5, 17, whole.rows.length - 1]) {
      const { cursor } = await call(t.core, 'dossiers.seek', { sort, position });
      const page = await call(t.core, 'dossiers.list', { sort, cursor, limit: 2 });
      expect(page.rows.map((r) => r.id)).toEqual(
        whole.rows.slice(position, position + 2).map((r) => r.id),
      );
    }
    expect((await call(t.core, 'dossiers.seek', { sort, position: 0 })).cursor).toBeNull();
    expect(
      (await call(t.core, 'dossiers.seek', { sort, position: whole.rows.length })).cursor,
    ).toBeNull();

    const complaints = await call(t.core, 'complaints.list', { limit: 500 });
    const { cursor } = await call(t.core, 'complaints.seek', { position: 7 });
    const page = await call(t.core, 'complaints.list', { cursor, limit: 1 });
    expect(page.rows[0]?.id).toBe(complaints.rows[7]?.id);
  });

  it('keep to the filter: positions count the filtered list', async () => {
    const whole = await call(t.core, 'dossiers.list', { filter: { status: [4] }, limit: 500 });
    const { cursor } = await call(t.core, 'dossiers.seek', {
      filter: { status: [4] },
      position: 3,
    });
    const page = await call(t.core, 'dossiers.list', { filter: { status: [4] }, cursor, limit: 1 });
    expect(page.rows[0]?.id).toBe(whole.rows[3]?.id);
  });

  it('refuse a negative or fractional position, and a sort they do not know, naming the field', async () => {
    for (const input of [
      { position: -1 },
      { position: 2.5 },
      { position: 1, sort: { field: 'title', direction: 'asc' } },
    ]) {
      const error = await failure(t.core, 'dossiers.seek', input);
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/position|sort/);
    }
    const error = await failure(t.core, 'complaints.seek', { position: 1, cursor: 'x' });
    expect(error.code).toBe('BAD_REQUEST');
  });
});
