import { describe, expect, it } from 'vitest';
import { DOSSIER_SORT_FIELDS } from '@shared/contract/api';
import {
  ariaSort,
  DEFAULT_DOSSIER_SORT,
  FIRST_CLICK_DIRECTION,
  isDossierSortField,
  toggleSort,
} from './sort';

describe('toggleSort', () => {
  it('flips the direction of the column already sorted', () => {
    const once = toggleSort(DEFAULT_DOSSIER_SORT, 'receivedAt', FIRST_CLICK_DIRECTION);
    expect(once).toEqual({ field: 'receivedAt', direction: 'asc' });
    expect(toggleSort(once, 'receivedAt', FIRST_CLICK_DIRECTION)).toEqual(DEFAULT_DOSSIER_SORT);
  });

  it("starts another column in that column's natural direction", () => {
    expect(toggleSort(DEFAULT_DOSSIER_SORT, 'dueAt', FIRST_CLICK_DIRECTION)).toEqual({
      field: 'dueAt',
      direction: 'asc',
    });
    expect(toggleSort(DEFAULT_DOSSIER_SORT, 'applicantName', FIRST_CLICK_DIRECTION)).toEqual({
      field: 'applicantName',
      direction: 'asc',
    });
  });
});

describe('ariaSort', () => {
  it('marks only the sorted column', () => {
    expect(ariaSort(DEFAULT_DOSSIER_SORT, 'receivedAt')).toBe('descending');
    expect(ariaSort({ field: 'number', direction: 'asc' }, 'number')).toBe('ascending');
    expect(ariaSort(DEFAULT_DOSSIER_SORT, 'number')).toBe('none');
    expect(ariaSort(DEFAULT_DOSSIER_SORT, undefined)).toBe('none');
  });
});

describe('isDossierSortField', () => {
  it('accepts exactly the sort fields of the contract', () => {
    for (const field of DOSSIER_SORT_FIELDS) expect(isDossierSortField(field)).toBe(true);
    expect(Object.keys(FIRST_CLICK_DIRECTION).sort()).toEqual([...DOSSIER_SORT_FIELDS].sort());
    expect(isDossierSortField('unitId')).toBe(false);
    expect(isDossierSortField('toString')).toBe(false);
    expect(isDossierSortField(undefined)).toBe(false);
  });
});
