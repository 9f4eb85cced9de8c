import type { HistoryEntry } from '@shared/model';

/** A complaint's transfers, from its audit trail: where it went, when, and why. */
export interface TransferItem {
  readonly id: string;
  readonly at: number;
  readonly recipient: string | null;
  readonly classification: string | null;
  readonly toUnitId: string | null;
  readonly note: string | null;
  readonly officerName: string | null;
}

export function complaintTransfers(entries: readonly HistoryEntry[]): TransferItem[] {
  return entries
    .filter((e) => typeof e.data?.recipient === 'string' || e.action === 'transfer')
    .sort((a, b) => a.at - b.at)
    .map((e) => ({
      id: e.id,
      at: e.at,
      recipient: typeof e.data?.recipient === 'string' ? e.data.recipient : null,
      classification: typeof e.data?.classification === 'string' ? e.data.classification : null,
      toUnitId: typeof e.data?.toUnitId === 'string' ? e.data.toUnitId : null,
      note: e.note !== null && e.note.trim() !== '' ? e.note : null,
      officerName: e.officerName.trim() === '' ? null : e.officerName,
    }));
}
