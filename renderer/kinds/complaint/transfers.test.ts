import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@shared/model';
import { complaintTransfers } from './transfers';

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  id: 'h1',
  at: 1_000,
  action: 'receive',
  officerId: 'o1',
  officerName: 'Trần Thị Mai',
  unitId: 'u1',
  unitName: 'Bộ phận Một cửa UBND phường Ba Đình',
  fromStatus: 'new',
  toStatus: 'received',
  note: null,
  visibility: 'internal',
  data: null,
  ...over,
});

describe('complaintTransfers', () => {
  it('lists transfers with their recipient', () => {
    const transfers = complaintTransfers([
      entry({ id: 'a', action: 'classify', at: 5, data: { recipient: 'Sở Y tế', toUnitId: null } }),
      entry({ id: 'b', action: 'receive', at: 1 }),
      entry({
        id: 'c',
        action: 'transfer',
        at: 9,
        data: { recipient: 'Thanh tra', toUnitId: 'u9' },
      }),
    ]);
    expect(transfers.map((t) => [t.id, t.recipient, t.toUnitId])).toEqual([
      ['a', 'Sở Y tế', null],
      ['c', 'Thanh tra', 'u9'],
    ]);
  });
});
