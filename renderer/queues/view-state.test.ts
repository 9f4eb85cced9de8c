import { describe, expect, it } from 'vitest';
import { ViewDefinitionSchema, type ViewDefinition } from '@shared/contract/api';
import { initialViewState, isModified, queueStorageKey, toViewDefinition } from './view-state';

const view: ViewDefinition = {
  entity: 'dossier',
  filter: { status: [4, 5], inMyUnits: true },
  sort: { field: 'dueAt', direction: 'asc' },
  columns: ['number', 'applicant', 'due'],
};

describe('view state', () => {
  it('starts from the queue’s sort and columns with no column filters', () => {
    expect(initialViewState('q1', view, view.columns)).toEqual({
      queueId: 'q1',
      sort: { field: 'dueAt', direction: 'asc' },
      filters: {},
      viewColumns: ['number', 'applicant', 'due'],
    });
    expect(initialViewState('q2', view, []).viewColumns).toBeNull();
    // A built-in queue shows the officer's own layout.
    expect(initialViewState('q3', view, null).viewColumns).toBeNull();
  });

  it('saves the narrowed filter, the sort and the columns shown, as the contract accepts', () => {
    const state = {
      ...initialViewState('q1', view, view.columns),
      sort: { field: 'number', direction: 'desc' } as const,
      filters: { status: [5], pendingOnly: true },
    };
    const saved = toViewDefinition(view, state, ['number', 'status']);
    expect(saved).toEqual({
      entity: 'dossier',
      filter: { status: [5], inMyUnits: true, pendingOnly: true },
      sort: { field: 'number', direction: 'desc' },
      columns: ['number', 'status'],
    });
    expect(ViewDefinitionSchema.safeParse(saved).success).toBe(true);
  });

  it('knows when the screen differs from the saved queue', () => {
    const saved = ['number', 'applicant', 'due'];
    const state = initialViewState('q1', view, saved);
    expect(isModified(view, state, saved, saved)).toBe(false);
    const resorted = { ...state, sort: { field: 'dueAt', direction: 'desc' } as const };
    expect(isModified(view, resorted, saved, saved)).toBe(true);
    expect(isModified(view, { ...state, filters: { pendingOnly: true } }, saved, saved)).toBe(true);
    expect(isModified(view, state, ['number', 'due'], saved)).toBe(true);
    // A queue without its own columns follows the officer's layout: columns never modify it.
    expect(isModified(view, state, ['number'], null)).toBe(false);
  });

  it('remembers the last queue per officer', () => {
    expect(queueStorageKey('o-1')).toBe('workbench.queue.o-1');
    expect(queueStorageKey(null)).toBe('workbench.queue.local');
  });
});
