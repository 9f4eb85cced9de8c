import { describe, expect, it } from 'vitest';
import type { Notice } from '@shared/contract/api';
import { describeNotice, redoForm, serverFields, sortNotices } from './notice-model';

const notice = (over: Partial<Notice> = {}): Notice => ({
  id: 'n1',
  createdAt: 1_000,
  entity: 'dossier',
  recordId: 'd1',
  action: { type: 'transfer', unitId: 'u-2', reason: 'Đúng thẩm quyền' },
  code: 'CONFLICT',
  message: 'CONFLICT: the status changed on the server',
  current: {
    id: 'd1',
    number: '000.00.01.H22-260223-0001',
    status: 9,
    assigneeId: 'o-7',
    unitId: 'u-1',
    dueAt: 5_000,
    version: 12,
    updatedAt: 4_000,
    summary: 'not shown',
  },
  dismissedAt: null,
  ...over,
});

describe('describeNotice', () => {
  it('says what was tried, why it was refused and what the server holds', () => {
    const view = describeNotice(notice());
    expect(view.tried).toEqual({ key: 'actions.transfer' });
    expect(view.triedText).toBe('Đúng thẩm quyền');
    expect(view.why).toEqual({ key: 'errors.codes.CONFLICT' });
    expect(view.number).toBe('000.00.01.H22-260223-0001');
    expect(view.server).toEqual([
      { field: 'status', status: { key: 'status.9' } },
      { field: 'assignee', id: 'o-7' },
      { field: 'unit', id: 'u-1' },
      { field: 'dueAt', at: 5_000 },
      { field: 'version', version: 12 },
      { field: 'updatedAt', at: 4_000 },
    ]);
  });

  it('translates a domain rule and a complaint’s action and status', () => {
    const view = describeNotice(
      notice({
        entity: 'complaint',
        action: { type: 'approve_answer' },
        code: 'ROLE_NOT_ALLOWED',
        current: { number: 'PA-1', status: 'returned', version: 3 },
      }),
    );
    expect(view.tried).toEqual({ key: 'complaintActions.approve_answer' });
    expect(view.why).toEqual({ key: 'rules.ROLE_NOT_ALLOWED' });
    expect(view.server).toEqual([
      { field: 'status', status: { key: 'complaintStatus.returned' } },
      { field: 'version', version: 3 },
    ]);
  });

  it('stays readable for codes and actions it does not know', () => {
    const view = describeNotice(
      notice({ action: { type: 'teleport' }, code: 'WEIRD', current: null }),
    );
    expect(view.tried).toEqual({ text: 'Teleport' });
    expect(view.why).toEqual({ text: 'WEIRD' });
    expect(view.server).toBeNull();
    expect(view.number).toBeNull();
  });
});

describe('serverFields', () => {
  it('keeps a null assignee as "nobody" rather than dropping it', () => {
    expect(serverFields('dossier', { assigneeId: null })).toEqual([
      { field: 'assignee', id: null },
    ]);
  });
});

describe('redoForm', () => {
  it('reopens the form prefilled with what was tried', () => {
    expect(redoForm(notice())).toEqual({
      entity: 'dossier',
      form: { type: 'transfer', unitId: 'u-2', assigneeId: '', reason: 'Đúng thẩm quyền' },
    });
    expect(
      redoForm(
        notice({ entity: 'complaint', action: { type: 'draft_answer', answer: 'Kính gửi' } }),
      ),
    ).toEqual({ entity: 'complaint', form: { type: 'draft_answer', answer: 'Kính gửi' } });
  });

  it('has nothing to redo for an action no form knows', () => {
    expect(redoForm(notice({ action: { type: 'teleport' } }))).toBeNull();
  });
});

describe('sortNotices', () => {
  it('lists open notices newest first', () => {
    const list = sortNotices([
      notice({ id: 'a', createdAt: 1 }),
      notice({ id: 'b', createdAt: 3 }),
      notice({ id: 'c', createdAt: 2, dismissedAt: 5 }),
    ]);
    expect(list.map((n) => n.id)).toEqual(['b', 'a']);
  });
});
