import { DOSSIER_STATUSES, type DossierStatus } from '@shared/model/codes';
import type { ErrorCode } from '@shared/contract/envelope';
import { vi } from './resources/vi';

/**
 * Keys built from data (status codes, history actions) go through these guards, so a value the
 * resources do not know falls back visibly instead of showing a raw key to an officer.
 */

export type StatusKey = `status.${DossierStatus}`;
export type ActionKey = `actions.${keyof typeof vi.actions}`;
export type RuleKey = `rules.${keyof typeof vi.rules}`;
export type ForbiddenKey = `forbidden.${keyof typeof vi.forbidden}`;
export type FormKey = keyof typeof vi.forms;
export type ErrorCodeKey = `errors.codes.${ErrorCode}`;
export type ErrorHintKey = `errors.hints.${ErrorCode}`;

export function isDossierStatus(value: unknown): value is DossierStatus {
  return typeof value === 'number' && (DOSSIER_STATUSES as readonly number[]).includes(value);
}

/** History entries store statuses as text; accepts "4" as well as 4. */
export function parseStatus(value: unknown): DossierStatus | null {
  const n = typeof value === 'string' && /^\d{1,2}$/.test(value.trim()) ? Number(value) : value;
  return isDossierStatus(n) ? n : null;
}

export function statusKey(status: DossierStatus): StatusKey {
  return `status.${status}`;
}

export function actionKey(action: string): ActionKey | null {
  return Object.hasOwn(vi.actions, action) ? `actions.${action as keyof typeof vi.actions}` : null;
}

/** Legal forms named in history data ("Mau02"), from Circular 01/2018/TT-VPCP. */
export function formKey(form: string): FormKey | null {
  return Object.hasOwn(vi.forms, form) ? (form as FormKey) : null;
}

/** A form a print recorded (`record_print`'s `printed`: "receipt", "control"…). */
export type PrintedFormKey = `print.forms.${keyof typeof vi.print.forms}`;

export function printedFormKey(form: string): PrintedFormKey | null {
  return Object.hasOwn(vi.print.forms, form)
    ? `print.forms.${form as keyof typeof vi.print.forms}`
    : null;
}

/** Rule codes come from the domain (shared/domain/rules.ts) in RULE_VIOLATION errors. */
export function ruleKey(rule: string): RuleKey | null {
  return Object.hasOwn(vi.rules, rule) ? `rules.${rule as keyof typeof vi.rules}` : null;
}

/**
 * Why an action shows disabled: the short reason for a rule that forbids it now, else the
 * rule's full sentence.
 */
export function forbiddenKey(rule: string): ForbiddenKey | RuleKey | null {
  return Object.hasOwn(vi.forbidden, rule)
    ? `forbidden.${rule as keyof typeof vi.forbidden}`
    : ruleKey(rule);
}

/** "request_supplement" → "Request supplement": readable when an action has no translation yet. */
export function humanizeIdentifier(id: string): string {
  const words = id.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function errorCodeKey(code: ErrorCode): ErrorCodeKey {
  return `errors.codes.${code}`;
}

export function errorHintKey(code: ErrorCode): ErrorHintKey {
  return `errors.hints.${code}`;
}

export type ComplaintStatusKey =
  `complaintStatus.${Exclude<keyof typeof vi.complaintStatus, 'unknown'>}`;
export type ComplaintActionKey = `complaintActions.${keyof typeof vi.complaintActions}`;
export type RoleKey = `roles.${keyof typeof vi.roles}`;
export type QueueNameKey = `queues.${keyof typeof vi.queues}`;

function knows<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(table, key);
}

/** Complaint statuses are words ("processing"), not the portal's numeric dossier codes. */
export function complaintStatusKey(status: string): ComplaintStatusKey | null {
  return status !== 'unknown' && knows(vi.complaintStatus, status)
    ? (`complaintStatus.${status}` as ComplaintStatusKey)
    : null;
}

export function complaintActionKey(action: string): ComplaintActionKey | null {
  return knows(vi.complaintActions, action) ? `complaintActions.${action}` : null;
}

export function roleKey(role: string): RoleKey | null {
  return knows(vi.roles, role) ? `roles.${role}` : null;
}

/** The core names built-in queues by key ("queues.due_soon"); only keys we know are used. */
export function queueNameKey(nameKey: string | null): QueueNameKey | null {
  if (nameKey === null) return null;
  const name = nameKey.startsWith('queues.') ? nameKey.slice('queues.'.length) : nameKey;
  return knows(vi.queues, name) ? `queues.${name}` : null;
}

export function ruleOrErrorKey(code: string): RuleKey | ErrorCodeKey | null {
  const rule = ruleKey(code);
  if (rule) return rule;
  return knows(vi.errors.codes, code) ? `errors.codes.${code}` : null;
}
