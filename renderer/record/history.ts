import type { KindName } from '@shared/kinds';
import type { HistoryEntry, NoteVisibility } from '@shared/model';
import { humanizeIdentifier } from '../i18n/keys';
import { uiKind } from '../kinds';
import type { UiKey } from '../kinds/kind';

/**
 * A status named in the audit trail: one its kind knows (shown as the kind's badge), or text we
 * show as it was recorded.
 */
export type StatusRef = { readonly status: string | number } | { readonly raw: string };

/** An action label: translated when the resources know the action, readable otherwise. */
export type ActionLabel = { readonly key: UiKey } | { readonly text: string };

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
  /** The form a print recorded (`record_print`: "receipt", "control"…): what was printed. */
  readonly printed: string | null;
}

export function statusRef(value: string | null, kind: KindName): StatusRef | null {
  if (value === null || value.trim() === '') return null;
  const status = uiKind(kind).status.parse(value);
  return status === null ? { raw: value } : { status };
}

export function actionLabel(action: string, kind: KindName): ActionLabel {
  const key = uiKind(kind).historyActionKey(action);
  return key ? { key } : { text: humanizeIdentifier(action) };
}

function sameStatus(a: StatusRef, b: StatusRef): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The audit trail as the panel shows it: oldest first, like the control sheet (Mẫu 05), with a
 * status change only when the status actually changed.
 */
export function describeHistory(entries: readonly HistoryEntry[], kind: KindName): HistoryItem[] {
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => a.entry.at - b.entry.at || a.order - b.order)
    .map(({ entry }) => {
      const from = statusRef(entry.fromStatus, kind);
      const to = statusRef(entry.toStatus, kind);
      const unchanged = from !== null && to !== null && sameStatus(from, to);
      return {
        id: entry.id,
        at: entry.at,
        action: entry.action,
        label: actionLabel(entry.action, kind),
        officerName: entry.officerName.trim() === '' ? null : entry.officerName,
        unitName: entry.unitName.trim() === '' ? null : entry.unitName,
        from: unchanged ? null : from,
        to: unchanged ? null : to,
        note: entry.note !== null && entry.note.trim() !== '' ? entry.note : null,
        visibility: entry.visibility,
        form: typeof entry.data?.form === 'string' ? entry.data.form : null,
        printed: typeof entry.data?.printed === 'string' ? entry.data.printed : null,
      };
    });
}
