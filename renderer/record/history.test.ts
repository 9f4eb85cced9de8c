import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@shared/model';
import { actionLabel, describeHistory, statusRef } from './history';

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  id: 'h1',
  at: 1_000,
  action: 'accept',
  officerId: 'o1',
  officerName: 'Trần Thị Mai',
  unitId: 'u1',
  unitName: 'Bộ phận Một cửa UBND phường Ba Đình',
  fromStatus: '1',
  toStatus: '2',
  note: null,
  visibility: 'internal',
  data: null,
  ...over,
});

describe('statusRef', () => {
  it('reads status codes stored as text and keeps anything else verbatim', () => {
    expect(statusRef('4', 'dossier')).toEqual({ status: 4 });
    expect(statusRef('10', 'dossier')).toEqual({ status: 10 });
    expect(statusRef('11', 'dossier')).toEqual({ raw: '11' });
    expect(statusRef('processing', 'dossier')).toEqual({ raw: 'processing' });
    expect(statusRef(null, 'dossier')).toBeNull();
    expect(statusRef(' ', 'dossier')).toBeNull();
  });
});

describe('actionLabel', () => {
  it('translates known actions and makes unknown ones readable', () => {
    expect(actionLabel('request_supplement', 'dossier')).toEqual({
      key: 'actions.request_supplement',
    });
    expect(actionLabel('escalate_to_leader', 'dossier')).toEqual({ text: 'Escalate to leader' });
    expect(actionLabel('constructor', 'dossier')).toEqual({ text: 'Constructor' });
  });
});

describe('describeHistory', () => {
  it('orders steps oldest first, keeping the recorded order for equal times', () => {
    const items = describeHistory(
      [
        entry({ id: 'c', at: 3_000 }),
        entry({ id: 'a', at: 1_000 }),
        entry({ id: 'b1', at: 2_000 }),
        entry({ id: 'b2', at: 2_000 }),
      ],
      'dossier',
    );
    expect(items.map((i) => i.id)).toEqual(['a', 'b1', 'b2', 'c']);
  });

  it('shows a status change only when the status changed', () => {
    const [changed, same, none] = describeHistory(
      [
        entry({ id: '1', at: 1 }),
        entry({ id: '2', at: 2, fromStatus: '4', toStatus: '4', action: 'note' }),
        entry({ id: '3', at: 3, fromStatus: null, toStatus: null }),
      ],
      'dossier',
    );
    expect(changed?.from).toEqual({ status: 1 });
    expect(changed?.to).toEqual({ status: 2 });
    expect(same?.from).toBeNull();
    expect(same?.to).toBeNull();
    expect(none?.to).toBeNull();
  });

  it('keeps the visibility of notes and treats blank names and notes as absent', () => {
    const [item] = describeHistory(
      [entry({ note: '  ', officerName: '', unitName: '', visibility: 'citizen' })],
      'dossier',
    );
    expect(item).toMatchObject({
      note: null,
      officerName: null,
      unitName: null,
      visibility: 'citizen',
    });
    const [withNote] = describeHistory([entry({ note: 'Thiếu bản sao CCCD' })], 'dossier');
    expect(withNote?.note).toBe('Thiếu bản sao CCCD');
    expect(withNote?.form).toBeNull();
  });

  it('names the legal form a step produced', () => {
    const [item] = describeHistory(
      [entry({ data: { form: 'Mau02', missingDocuments: [] } })],
      'dossier',
    );
    expect(item?.form).toBe('Mau02');
    const [odd] = describeHistory([entry({ data: { form: 2 } })], 'dossier');
    expect(odd?.form).toBeNull();
  });

  it('names the form a print recorded, apart from a form the step produced', () => {
    const [print] = describeHistory(
      [
        entry({
          action: 'record_print',
          fromStatus: '2',
          toStatus: '2',
          data: { printed: 'receipt', formSet: 'tt03-2025' },
        }),
      ],
      'dossier',
    );
    expect(print).toMatchObject({
      label: { key: 'actions.record_print' },
      printed: 'receipt',
      form: null,
      from: null,
      to: null,
    });
  });
});

describe('complaint history', () => {
  it('reads complaint statuses and prefers the complaint words for shared actions', () => {
    expect(statusRef('processing', 'complaint')).toEqual({ status: 'processing' });
    expect(statusRef('4', 'complaint')).toEqual({ raw: '4' });
    expect(actionLabel('assign', 'complaint')).toEqual({ key: 'complaintActions.assign' });
    expect(actionLabel('draft_answer', 'complaint')).toEqual({
      key: 'complaintActions.draft_answer',
    });
    expect(actionLabel('draft_answer', 'dossier')).toEqual({ text: 'Draft answer' });
  });

  it('drops a status change between two equal complaint statuses', () => {
    const [item] = describeHistory(
      [entry({ action: 'assign', fromStatus: 'processing', toStatus: 'processing' })],
      'complaint',
    );
    expect(item?.from).toBeNull();
    expect(item?.to).toBeNull();
  });
});
