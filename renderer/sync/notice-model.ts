import type { Notice } from '@shared/contract/api';
import { humanizeIdentifier, ruleOrErrorKey, type ErrorCodeKey, type RuleKey } from '../i18n/keys';
import { uiKind } from '../kinds';
import type { KindForm, UiKey } from '../kinds/kind';

/**
 * A refused or conflicting change as the notices panel explains it: what the officer tried, why
 * the central API refused it (the rule, in words), and the server's version of the record (its
 * key fields), with a way to redo the change on the current record or to let it go.
 */

export type Label<K extends string> = { readonly key: K } | { readonly text: string };

export type ServerField =
  | { readonly field: 'status'; readonly status: Label<UiKey> }
  | { readonly field: 'assignee' | 'unit'; readonly id: string | null }
  | { readonly field: 'dueAt' | 'updatedAt'; readonly at: number | null }
  | { readonly field: 'version'; readonly version: number };

export interface NoticeView {
  readonly id: string;
  readonly entity: Notice['entity'];
  readonly recordId: string;
  /** The record's number, from the server's copy, when it came with the notice. */
  readonly number: string | null;
  readonly createdAt: number;
  readonly tried: Label<UiKey>;
  /** The note, reason or answer the officer wrote, so they recognise their change. */
  readonly triedText: string | null;
  readonly why: Label<RuleKey | ErrorCodeKey>;
  readonly code: string;
  readonly message: string;
  readonly server: readonly ServerField[] | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function time(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function triedLabel(entity: Notice['entity'], type: string): Label<UiKey> {
  const key = uiKind(entity).historyActionKey(type);
  return key ? { key } : { text: humanizeIdentifier(type) };
}

function statusLabel(entity: Notice['entity'], value: unknown): Label<UiKey> {
  const { status } = uiKind(entity);
  const known = status.parse(value);
  const key = known === null ? null : status.labelKey(known);
  return key ? { key } : { text: String(value) };
}

/** The server copy's fields that matter for deciding what to do next, in a fixed order. */
export function serverFields(
  entity: Notice['entity'],
  current: Readonly<Record<string, unknown>> | null,
): ServerField[] | null {
  if (current === null) return null;
  const fields: ServerField[] = [];
  if ('status' in current)
    fields.push({ field: 'status', status: statusLabel(entity, current.status) });
  if ('assigneeId' in current) fields.push({ field: 'assignee', id: text(current.assigneeId) });
  if ('unitId' in current) fields.push({ field: 'unit', id: text(current.unitId) });
  if ('dueAt' in current) fields.push({ field: 'dueAt', at: time(current.dueAt) });
  if (typeof current.version === 'number')
    fields.push({ field: 'version', version: current.version });
  if ('updatedAt' in current) fields.push({ field: 'updatedAt', at: time(current.updatedAt) });
  return fields;
}

export function describeNotice(notice: Notice): NoticeView {
  const type = typeof notice.action.type === 'string' ? notice.action.type : 'unknown';
  const why = ruleOrErrorKey(notice.code);
  const a = notice.action;
  return {
    id: notice.id,
    entity: notice.entity,
    recordId: notice.recordId,
    number: text(notice.current?.number),
    createdAt: notice.createdAt,
    tried: triedLabel(notice.entity, type),
    triedText: text(a.reason) ?? text(a.note) ?? text(a.text) ?? text(a.answer),
    why: why ? { key: why } : { text: notice.code },
    code: notice.code,
    message: notice.message,
    server: serverFields(notice.entity, notice.current),
  };
}

export interface RedoForm {
  readonly entity: Notice['entity'];
  readonly form: KindForm;
}

/** The action form to reopen on the current record, prefilled with what was tried. */
export function redoForm(notice: Notice): RedoForm | null {
  const form = uiKind(notice.entity).formFromAction(notice.action);
  return form ? { entity: notice.entity, form } : null;
}

/** Newest first: the latest refusal is the one the officer is likely to act on. */
export function sortNotices(notices: readonly Notice[]): Notice[] {
  return [...notices]
    .filter((n) => n.dismissedAt === null)
    .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}
