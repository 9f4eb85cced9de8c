import { describe, expect, it } from 'vitest';
import type { DossierSortField } from '@shared/contract/api';
import { dossierFirstClick } from '../kinds/dossier/sort';
import { ariaSort, toggleSort, type SortState } from './sort';

const NEWEST_FIRST: SortState<DossierSortField> = { field: 'receivedAt', direction: 'desc' };

describe('toggleSort', () => {
  it('flips the direction of the column already sorted', () => {
    const once = toggleSort(NEWEST_FIRST, 'receivedAt', dossierFirstClick);
    expect(once).toEqual({ field: 'receivedAt', direction: 'asc' });
    expect(toggleSort(once, 'receivedAt', dossierFirstClick)).toEqual(NEWEST_FIRST);
  });

  it("starts another column in that column's natural direction", () => {
    expect(toggleSort(NEWEST_FIRST, 'dueAt', dossierFirstClick)).toEqual({
      field: 'dueAt',
      direction: 'asc',
    });
    expect(toggleSort(NEWEST_FIRST, 'applicantName', dossierFirstClick)).toEqual({
      field: 'applicantName',
      direction: 'asc',
    });
  });
});

describe('ariaSort', () => {
  it('marks only the sorted column', () => {
    expect(ariaSort(NEWEST_FIRST, 'receivedAt')).toBe('descending');
    expect(ariaSort({ field: 'number', direction: 'asc' }, 'number')).toBe('ascending');
    expect(ariaSort(NEWEST_FIRST, 'number')).toBe('none');
    expect(ariaSort(NEWEST_FIRST, undefined)).toBe('none');
  });
});
