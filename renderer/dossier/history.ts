import type { DossierStatus, HistoryEntry, NoteVisibility } from '@shared/model';
import { actionKey, humanizeIdentifier, parseStatus, type ActionKey } from '../i18n/keys';

/** A status named in the audit trail: a known code, or text we show as it was recorded. */
export type StatusRef = { readonly code: DossierStatus } | { readonly raw: string };

/** An action label: translated when the resources know the action, readable otherwise. */
export type ActionLabel = { readonly key: ActionKey } | { readonly text: string };

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

export function statusRef(value: string | null): StatusRef | null {
  if (value === null || value.trim() === '') return null;
  const code = parseStatus(value);
  return code === null ? { raw: value } : { code };
}

export function actionLabel(action: string): ActionLabel {
  const key = actionKey(action);
  return key ? { key } : { text: humanizeIdentifier(action) };
}

/**
 * The audit trail as the panel shows it: oldest first, like the control sheet (Mẫu 05), with a
 * status change only when the status actually changed.
 */
export function describeHistory(entries: readonly HistoryEntry[]): HistoryItem[] {
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => a.entry.at - b.entry.at || a.order - b.order)
    .map(({ entry }) => {
      const from = statusRef(entry.fromStatus);
      const to = statusRef(entry.toStatus);
      const unchanged = from !== null && to !== null && JSON.stringify(from) === JSON.stringify(to);
      return {
        id: entry.id,
        at: entry.at,
        action: entry.action,
        label: actionLabel(entry.action),
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
