import { describe, expect, it } from 'vitest';
import { COMPLAINT_SORT_FIELDS, DOSSIER_SORT_FIELDS } from '@shared/contract/api';
import { defaultLayout, visibleColumnIds } from '../grid/layout';
import { columnSpecs } from '../grid/RecordGrid';
import { complaintColumns } from './complaint/columns';
import { dossierColumns } from './dossier/columns';

describe('dossierColumns', () => {
  it('shows the six columns of the first screen by default, each sortable by the contract', () => {
    const specs = columnSpecs(dossierColumns);
    expect(visibleColumnIds(defaultLayout(specs))).toEqual([
      'number',
      'procedure',
      'applicant',
      'status',
      'received',
      'due',
    ]);
    expect(dossierColumns.slice(0, 6).map((c) => c.meta?.sortField)).toEqual([
      'number',
      'procedureName',
      'applicantName',
      'status',
      'receivedAt',
      'dueAt',
    ]);
  });

  it('offers more columns, hidden until chosen, and keeps the number column', () => {
    const specs = columnSpecs(dossierColumns);
    expect(specs.filter((s) => s.defaultHidden).map((s) => s.id)).toEqual([
      'appointment',
      'procedureCode',
      'filed',
      'assignee',
      'unit',
    ]);
    expect(specs.find((s) => s.id === 'number')?.hideable).toBe(false);
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
  });

  it('only declares sort fields the contract sorts by', () => {
    for (const c of dossierColumns) {
      const field = c.meta?.sortField;
      if (field) expect(DOSSIER_SORT_FIELDS).toContain(field);
    }
    for (const c of complaintColumns) {
      const field = c.meta?.sortField;
      if (field) expect(COMPLAINT_SORT_FIELDS).toContain(field);
    }
  });
});

describe('complaintColumns', () => {
  it('shows number, sender, subject, status, classification, received and deadline', () => {
    const specs = columnSpecs(complaintColumns);
    expect(visibleColumnIds(defaultLayout(specs))).toEqual([
      'number',
      'sender',
      'title',
      'status',
      'classification',
      'received',
      'due',
    ]);
  });
});
