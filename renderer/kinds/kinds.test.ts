import { describe, expect, it } from 'vitest';
import { COMPLAINT_SORT_FIELDS, DOSSIER_SORT_FIELDS } from '@shared/contract/api';
import { complaintKind, dossierKind, KINDS } from '@shared/kinds';
import { UI_KINDS, uiKind } from '.';

describe('the renderer’s kinds', () => {
  it('describe every shared kind, in the shared order', () => {
    expect(UI_KINDS.map((k) => k.name)).toEqual(KINDS.map((k) => k.name));
    for (const kind of KINDS) expect(uiKind(kind.name).shared).toBe(kind);
  });

  it('accept exactly the sort fields of the contract', () => {
    const dossier = uiKind(dossierKind.name);
    for (const field of DOSSIER_SORT_FIELDS) expect(dossier.isSortField(field)).toBe(true);
    expect(Object.keys(dossier.firstClick).sort()).toEqual([...DOSSIER_SORT_FIELDS].sort());
    expect(dossier.isSortField('unitId')).toBe(false);
    expect(dossier.isSortField('toString')).toBe(false);
    expect(dossier.isSortField(undefined)).toBe(false);
    const complaint = uiKind(complaintKind.name);
    expect(Object.keys(complaint.firstClick).sort()).toEqual([...COMPLAINT_SORT_FIELDS].sort());
    expect(complaint.isSortField('applicantName')).toBe(false);
  });

  it('name each of their actions on its button, and no other kind’s', () => {
    for (const kind of UI_KINDS) {
      for (const type of kind.shared.actions) expect(kind.actionLabelKey(type)).not.toBeNull();
    }
    expect(uiKind(complaintKind.name).actionLabelKey('request_supplement')).toBeNull();
    expect(uiKind(dossierKind.name).actionLabelKey('draft_answer')).toBeNull();
  });

  it('offer an empty form for each of their actions but recording a print, and none for another kind’s', () => {
    for (const kind of UI_KINDS) {
      for (const type of kind.shared.actions) {
        // Printing records record_print itself: no form, so no button in the action section.
        expect(kind.emptyForm(type, null)?.type).toBe(type === 'record_print' ? undefined : type);
      }
      expect(kind.emptyForm('teleport', null)).toBeNull();
    }
  });
});
