import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../queues/queue-model';
import {
  currentList,
  currentView,
  initialWorkbenchState,
  workbenchReducer,
  type WorkbenchEvent,
  type WorkbenchState,
} from './workbench-state';

const queue = (id: string, over: Partial<QueueItem> = {}): QueueItem => ({
  id,
  kind: 'builtin',
  nameKey: null,
  name: id,
  view: { entity: 'dossier', filter: {}, sort: { field: 'dueAt', direction: 'asc' }, columns: [] },
  count: 3,
  ...over,
});

const run = (...events: WorkbenchEvent[]): WorkbenchState =>
  events.reduce(workbenchReducer, initialWorkbenchState('records', 'all_dossiers'));

const row = (index: number) => ({ index, id: `d${index}`, label: `N-${index}` });

describe('workbenchReducer', () => {
  it('starts each queue from its own sort, and keeps the officer’s sort while it stays open', () => {
    const dueSoon = queue('due_soon');
    const sorted = run(
      { type: 'queueChosen', queueId: 'due_soon' },
      { type: 'sortChanged', queue: dueSoon, field: 'dueAt' },
    );
    expect(currentView(sorted.view, dueSoon).sort).toEqual({ field: 'dueAt', direction: 'desc' });
    const number = workbenchReducer(sorted, {
      type: 'sortChanged',
      queue: dueSoon,
      field: 'number',
    });
    expect(currentView(number.view, dueSoon).sort).toEqual({ field: 'number', direction: 'asc' });
    // A column the contract does not sort by changes nothing; a chosen direction is taken as is.
    const same = workbenchReducer(number, { type: 'sortChanged', queue: dueSoon, field: 'unitId' });
    expect(same.view).toBe(number.view);
    const back = run(
      { type: 'queueChosen', queueId: 'overdue' },
      { type: 'queueChosen', queueId: 'due_soon' },
    );
    expect(currentView(back.view, dueSoon).sort).toEqual({ field: 'dueAt', direction: 'asc' });
  });

  it('keeps column filters and a saved view’s columns until the officer lets them go', () => {
    const mine = queue('v1', {
      kind: 'custom',
      view: {
        entity: 'dossier',
        filter: {},
        sort: { field: 'number', direction: 'asc' },
        columns: ['number', 'applicantName'],
      },
    });
    const initial = currentView(null, mine);
    expect(initial.viewColumns).toEqual(['number', 'applicant']);
    const filtered = run({ type: 'filtersChanged', queue: mine, filters: { pendingOnly: true } });
    expect(currentView(filtered.view, mine).filters).toEqual({ pendingOnly: true });
    const released = workbenchReducer(filtered, { type: 'viewColumnsReleased', queue: mine });
    expect(currentView(released.view, mine)).toMatchObject({
      filters: { pendingOnly: true },
      viewColumns: null,
    });
  });

  it('gives every list its own cursor and checked rows, with nothing reset while rendering', () => {
    const state = run(
      { type: 'cursorMoved', list: 'dossier:1', index: 4 },
      { type: 'rowToggled', list: 'dossier:1', row: row(4) },
      {
        type: 'rowsChecked',
        list: 'dossier:1',
        rows: [row(5), row(6)],
        capped: false,
        only: false,
      },
    );
    const list = currentList(state, 'dossier:1');
    expect(list.cursor).toBe(4);
    expect([...list.selection.ids.keys()]).toEqual(['d4', 'd5', 'd6']);
    // Another generation of the store (a new sort, a reload) is another list: it starts empty.
    expect(currentList(state, 'dossier:2')).toMatchObject({ cursor: null });
    expect(currentList(state, 'dossier:2').selection.ids.size).toBe(0);
    const settled = workbenchReducer(state, { type: 'rowsSettled', ids: ['d5'] });
    expect([...currentList(settled, 'dossier:1').selection.ids.keys()]).toEqual(['d4', 'd6']);
    const all = workbenchReducer(state, {
      type: 'rowsChecked',
      list: 'dossier:1',
      rows: [row(0)],
      capped: true,
      only: true,
    });
    expect(currentList(all, 'dossier:1').selection).toMatchObject({ capped: true });
    expect(currentList(all, 'dossier:1').selection.ids.size).toBe(1);
    const chosen = workbenchReducer(state, { type: 'queueChosen', queueId: 'due_soon' });
    expect(currentList(chosen, 'dossier:1').selection.ids.size).toBe(0);
  });

  it('opens records, takes a form asked for on one once, and closes the panel', () => {
    const request = {
      kind: 'dossier' as const,
      id: 'd9',
      form: { type: 'accept', note: '' },
      redo: true,
    };
    const asked = run(
      { type: 'overlayOpened', overlay: 'notices' },
      { type: 'formRequested', request },
    );
    expect(asked).toMatchObject({ overlay: null, open: { kind: 'dossier', id: 'd9' }, request });
    expect(workbenchReducer(asked, { type: 'formRequestUsed' }).request).toBeNull();
    const other = workbenchReducer(asked, {
      type: 'recordOpened',
      record: { kind: 'complaint', id: 'c1' },
    });
    expect(other).toMatchObject({ open: { kind: 'complaint', id: 'c1' }, request: null });
    expect(workbenchReducer(other, { type: 'panelClosed' }).open).toBeNull();
  });

  it('counts the asks to reload the list and to focus the search', () => {
    const state = run(
      { type: 'cursorMoved', list: 'dossier:1', index: 2 },
      { type: 'listReloaded' },
      { type: 'searchRequested' },
    );
    expect(state).toMatchObject({ reloads: 1, searchRequests: 1 });
    expect(state.list.cursor).toBeNull();
  });

  it('previews a form over the open record, and the register chosen in its own dialog', () => {
    const receipt = { form: 'receipt' as const, dossierId: 'd9' };
    const shown = run(
      { type: 'recordOpened', record: { kind: 'dossier', id: 'd9' } },
      { type: 'printRequested', target: receipt },
    );
    expect(shown).toMatchObject({ overlay: 'print', print: receipt, open: { id: 'd9' } });
    const register = {
      form: 'register' as const,
      unitId: 'u1',
      from: '2026-02-01',
      to: '2026-02-28',
    };
    const chosen = run(
      { type: 'overlayOpened', overlay: 'print-register' },
      { type: 'printRequested', target: register },
    );
    expect(chosen).toMatchObject({ overlay: 'print', print: register });
    expect(workbenchReducer(chosen, { type: 'overlayClosed' }).overlay).toBeNull();
  });

  it('follows the cursor only when the officer moves it, never away from a record opened elsewhere', () => {
    const d = (id: string) => ({ kind: 'dossier' as const, id });
    // A row selected in the grid opens in the panel; the officer moves on with the arrows.
    const moved = run(
      { type: 'cursorMoved', list: 'dossier:1', index: 4 },
      { type: 'recordOpened', record: d('d4') },
      { type: 'cursorMoved', list: 'dossier:1', index: 5 },
    );
    expect(moved.follow).toEqual({ list: 'dossier:1', index: 5 });
    // Another dossier opened from the search box: the cursor row no longer pulls the panel.
    const searched = workbenchReducer(moved, { type: 'recordOpened', record: d('d77') });
    expect(searched).toMatchObject({ open: { id: 'd77' }, follow: null });
    // A redo from the notices opens its own record with its form, and stays there too.
    const redo = workbenchReducer(moved, {
      type: 'formRequested',
      request: { ...d('d42'), form: { type: 'add_note' }, redo: true },
    });
    expect(redo).toMatchObject({ open: { id: 'd42' }, follow: null });
  });

  it('keeps the panel on the record while an action form is open on it', () => {
    const d = (id: string) => ({ kind: 'dossier' as const, id });
    const editing = run(
      { type: 'recordOpened', record: d('d4') },
      { type: 'cursorMoved', list: 'dossier:1', index: 5 },
      { type: 'formShown', record: d('d4') },
    );
    expect(editing).toMatchObject({ editing: { id: 'd4' }, follow: null });
    expect(
      workbenchReducer(editing, { type: 'cursorMoved', list: 'dossier:1', index: 6 }).follow,
    ).toBeNull();
    const closed = workbenchReducer(editing, { type: 'formShown', record: null });
    expect(
      workbenchReducer(closed, { type: 'cursorMoved', list: 'dossier:1', index: 6 }).follow,
    ).toEqual({ list: 'dossier:1', index: 6 });
    // Rows leaving the queue after an action move no cursor: nothing to follow.
    expect(workbenchReducer(closed, { type: 'listReloaded' }).follow).toBeNull();
  });
});
