import { describe, expect, it } from 'vitest';
import { DossierFilterSchema, type DossierFilter } from '@shared/contract/api';
import { DEADLINE_STATES, DOSSIER_STATUSES } from '@shared/model/codes';
import {
  activeFields,
  assigneeFilterAvailable,
  deadlineOptions,
  mergeFilter,
  setColumnFilter,
  statusOptions,
  toggleValue,
} from './filters';

describe('mergeFilter', () => {
  it('narrows an open queue by the column filters', () => {
    const merged = mergeFilter<DossierFilter>(
      {},
      { status: [4, 5], deadlineState: ['overdue'], pendingOnly: true, assignee: 'unassigned' },
    );
    expect(merged).toEqual({
      status: [4, 5],
      deadlineState: ['overdue'],
      pendingOnly: true,
      assigneeId: null,
    });
    expect(DossierFilterSchema.safeParse(merged).success).toBe(true);
  });

  it('intersects with what the queue already restricts', () => {
    const base: DossierFilter = { status: [5, 6], deadlineState: ['paused', 'overdue'] };
    expect(mergeFilter(base, { status: [6, 9], deadlineState: ['overdue'] })).toEqual({
      status: [6],
      deadlineState: ['overdue'],
    });
  });

  it('never widens the queue, even with a stale choice', () => {
    expect(mergeFilter<DossierFilter>({ status: [5] }, { status: [9] })).toEqual({ status: [5] });
    expect(mergeFilter<DossierFilter>({ mine: true }, { assignee: 'unassigned' })).toEqual({
      mine: true,
    });
  });

  it('keeps the queue unchanged without column filters', () => {
    const base: DossierFilter = { inMyUnits: true, assigneeId: null };
    expect(mergeFilter(base, {})).toEqual(base);
  });

  it('asks for my records with the contract’s flag', () => {
    expect(mergeFilter<DossierFilter>({}, { assignee: 'mine' })).toEqual({ mine: true });
  });
});

describe('options', () => {
  it('offer only the queue’s values where it restricts the field', () => {
    expect(statusOptions({ status: [6, 5] }, DOSSIER_STATUSES)).toEqual([5, 6]);
    expect(statusOptions({}, DOSSIER_STATUSES)).toEqual(DOSSIER_STATUSES);
    expect(deadlineOptions({ deadlineState: ['due_soon'] }, DEADLINE_STATES)).toEqual(['due_soon']);
    expect(assigneeFilterAvailable({ mine: true })).toBe(false);
    expect(assigneeFilterAvailable({ assigneeId: null })).toBe(false);
    expect(assigneeFilterAvailable({ inMyUnits: true })).toBe(true);
  });
});

describe('editing column filters', () => {
  it('sets, toggles and clears fields', () => {
    let filters = setColumnFilter({}, 'status', toggleValue(undefined, 4));
    filters = setColumnFilter(filters, 'status', toggleValue(filters.status, 5));
    expect(filters).toEqual({ status: [4, 5] });
    filters = setColumnFilter(filters, 'pendingOnly', true);
    expect(activeFields(filters)).toEqual(['status', 'pendingOnly']);
    filters = setColumnFilter(filters, 'status', toggleValue(toggleValue(filters.status, 4), 5));
    filters = setColumnFilter(filters, 'pendingOnly', false);
    expect(filters).toEqual({});
  });
});
