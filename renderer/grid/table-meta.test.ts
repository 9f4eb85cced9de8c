import { describe, expect, it } from 'vitest';
import type { ColumnDef } from '@tanstack/react-table';
import type { ComplaintListRow, DossierListRow } from '@shared/contract/api';
import { COMPLAINT_SORT_FIELDS, DOSSIER_SORT_FIELDS } from '@shared/contract/api';
import { complaintColumns } from './complaint-columns';
import { dossierColumns } from './columns';
import { defaultLayout, visibleColumnIds } from './layout';
import { columnSpecs } from './RecordGrid';

describe('dossierColumns', () => {
  it('shows the six columns of the first screen by default, each sortable by the contract', () => {
    const specs = columnSpecs(dossierColumns as ColumnDef<DossierListRow>[]);
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
    const specs = columnSpecs(dossierColumns as ColumnDef<DossierListRow>[]);
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
    const specs = columnSpecs(complaintColumns as ColumnDef<ComplaintListRow>[]);
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
