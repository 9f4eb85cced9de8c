import { describe, expect, it } from 'vitest';
import type { PanelRecord } from '../kinds/kind';
import { allowedActionsKey, formStep, NO_FORM, submissionTarget } from './form-state';

const record = (id: string, over: Partial<PanelRecord> = {}): PanelRecord => ({
  id,
  number: `000.00.01.H22-260202-${id.padStart(4, '0')}`,
  unitId: 'u1',
  assigneeId: null,
  version: 3,
  updatedAt: 1,
  status: 4,
  ...over,
});

const note = { type: 'add_note' };

describe('an action form', () => {
  it('carries the record it was opened for, and goes only to it while it is on screen', () => {
    const open = formStep(NO_FORM, {
      type: 'opened',
      form: note,
      redo: false,
      record: record('12'),
      kind: 'dossier',
    }).open!;
    expect(open).toMatchObject({ kind: 'dossier', recordId: '12' });
    expect(submissionTarget(open, { kind: 'dossier', id: '12' })).toBe('12');
    // The panel shows another dossier (or a complaint with the same id): nothing is sent.
    expect(submissionTarget(open, { kind: 'dossier', id: '99' })).toBeNull();
    expect(submissionTarget(open, { kind: 'complaint', id: '12' })).toBeNull();
    const refused = formStep({ ...NO_FORM, open }, { type: 'misdirected' });
    expect(refused).toMatchObject({ misdirected: true, busy: false, open });
  });

  it('says saved here and sending, then sent once the central API has it', () => {
    const opened = formStep(NO_FORM, {
      type: 'opened',
      form: note,
      redo: false,
      record: record('12'),
      kind: 'dossier',
    });
    const saved = formStep(formStep(opened, { type: 'sent' }), { type: 'saved' });
    expect(saved.saved).toEqual({ action: 'add_note', recordId: '12', delivery: 'sending' });
    expect(formStep(saved, { type: 'delivered', recordId: '99' }).saved?.delivery).toBe('sending');
    expect(formStep(saved, { type: 'delivered', recordId: '12' }).saved?.delivery).toBe('sent');
  });
});

describe('the actions offered', () => {
  it('are asked again after a change made here, which keeps the version it was made on', () => {
    const before = record('12', { status: 4 });
    const after = record('12', { status: 5, updatedAt: 2 });
    expect(allowedActionsKey('dossiers', after, true)).not.toBe(
      allowedActionsKey('dossiers', before, true),
    );
    expect(allowedActionsKey('dossiers', before, true)).toBe(
      allowedActionsKey('dossiers', record('12', { status: 4 }), true),
    );
  });
});
