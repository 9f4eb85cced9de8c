import type { HistoryEntry } from '@shared/model';

/** History entries' rows (every kind's history table has these columns) and their mapping. */

export const HISTORY_COLUMNS = `id, at, action, officer_id, officer_name, unit_id, unit_name,
  from_status, to_status, note, visibility, data`;

export interface HistoryRecord {
  id: string;
  at: number;
  action: string;
  officer_id: string | null;
  officer_name: string;
  unit_id: string | null;
  unit_name: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  visibility: string;
  data: string | null;
}

export function toHistoryEntry(r: HistoryRecord): HistoryEntry {
  return {
    id: r.id,
    at: r.at,
    action: r.action,
    officerId: r.officer_id,
    officerName: r.officer_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    note: r.note,
    visibility: r.visibility === 'citizen' ? 'citizen' : 'internal',
    data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>),
  };
}

/** A history entry as the positional parameters after its owner's id (HISTORY_COLUMNS order). */
export function historyParams(h: HistoryEntry): unknown[] {
  return [
    h.id,
    h.at,
    h.action,
    h.officerId,
    h.officerName,
    h.unitId,
    h.unitName,
    h.fromStatus,
    h.toStatus,
    h.note,
    h.visibility,
    h.data === null ? null : JSON.stringify(h.data),
  ];
}
