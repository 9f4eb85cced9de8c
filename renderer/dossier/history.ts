import type { ComplaintStatus, DossierStatus, HistoryEntry, NoteVisibility } from '@shared/model';
import {
  actionKey,
  complaintActionKey,
  complaintStatusKey,
  humanizeIdentifier,
  parseStatus,
  type ActionKey,
  type ComplaintActionKey,
} from '../i18n/keys';

/**
 * A status named in the audit trail: a known dossier code, a known complaint status, or text we
 * show as it was recorded.
 */
export type StatusRef =
  | { readonly code: DossierStatus }
  | { readonly complaint: ComplaintStatus }
  | { readonly raw: string };

/** An action label: translated when the resources know the action, readable otherwise. */
export type ActionLabel =
  { readonly key: ActionKey | ComplaintActionKey } | { readonly text: string };

export type HistoryEntity = 'dossier' | 'complaint';

export interface HistoryItem {
  readonly id: string;
  readonly at: number;
  readonly action: string;
  readonly label: ActionLabel;
  /** Null for steps the system took by itself (filing through the portal, a sync). */
  readonly officerName: string | null;
  readonly unitName: string | null;
  readonly from: StatusRef | null;
  readonly to: StatusRef | null;
  readonly note: string | null;
  readonly visibility: NoteVisibility;
  /** The legal form the step produced (e.g. "Mau02", Mẫu 02), when the step recorded one. */
  readonly form: string | null;
}

export function statusRef(
  value: string | null,
  entity: HistoryEntity = 'dossier',
): StatusRef | null {
  if (value === null || value.trim() === '') return null;
  if (entity === 'complaint') {
    return complaintStatusKey(value) ? { complaint: value as ComplaintStatus } : { raw: value };
  }
  const code = parseStatus(value);
  return code === null ? { raw: value } : { code };
}

export function actionLabel(action: string, entity: HistoryEntity = 'dossier'): ActionLabel {
  // Complaints share some action names with dossiers (assign, add_note); their own words first.
  const key =
    entity === 'complaint' ? (complaintActionKey(action) ?? actionKey(action)) : actionKey(action);
  return key ? { key } : { text: humanizeIdentifier(action) };
}

function sameStatus(a: StatusRef, b: StatusRef): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The audit trail as the panel shows it: oldest first, like the control sheet (Mẫu 05), with a
 * status change only when the status actually changed.
 */
export function describeHistory(
  entries: readonly HistoryEntry[],
  entity: HistoryEntity = 'dossier',
): HistoryItem[] {
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => a.entry.at - b.entry.at || a.order - b.order)
    .map(({ entry }) => {
      const from = statusRef(entry.fromStatus, entity);
      const to = statusRef(entry.toStatus, entity);
      const unchanged = from !== null && to !== null && sameStatus(from, to);
      return {
        id: entry.id,
        at: entry.at,
        action: entry.action,
        label: actionLabel(entry.action, entity),
        officerName: entry.officerName.trim() === '' ? null : entry.officerName,
        unitName: entry.unitName.trim() === '' ? null : entry.unitName,
        from: unchanged ? null : from,
        to: unchanged ? null : to,
        note: entry.note !== null && entry.note.trim() !== '' ? entry.note : null,
        visibility: entry.visibility,
        form: typeof entry.data?.form === 'string' ? entry.data.form : null,
      };
    });
}

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
