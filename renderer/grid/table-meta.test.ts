import { describe, expect, it } from 'vitest';
import { dossierColumns } from './columns';
import { gridTemplate } from './table-meta';

describe('gridTemplate', () => {
  it('gives fixed columns their width and growing columns a share of the rest', () => {
    expect(
      gridTemplate([
        { labelKey: 'grid.columns.number', width: 196 },
        { labelKey: 'grid.columns.procedure', width: 170, grow: 2 },
        undefined,
      ]),
    ).toBe('196px minmax(170px, 2fr) minmax(120px, 1fr)');
  });
});

describe('dossierColumns', () => {
  it('lists the six columns of the first screen, each sortable by the contract', () => {
    expect(dossierColumns.map((c) => c.id)).toEqual([
      'number',
      'procedure',
      'applicant',
      'status',
      'received',
      'due',
    ]);
    expect(dossierColumns.map((c) => c.meta?.sortField)).toEqual([
      'number',
      'procedureName',
      'applicantName',
      'status',
      'receivedAt',
      'dueAt',
    ]);
  });
});
