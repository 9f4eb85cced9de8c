import type { z } from 'zod';
import type { HistoryEntry, Role } from '../model';
import type { WorkingCalendar } from './calendar/working-calendar';
import type { HandlingPolicy } from './handling';
import type { SignOffPolicy } from './sign-off';

/**
 * What the dossier and complaint machines share: the rule codes they refuse with (the UI
 * translates them; the central API returns them as `rule` of a RULE_VIOLATION), the acting
 * officer, and the shape of their answers.
 */

export const RULE_CODES = [
  // The request itself
  'UNKNOWN_ACTION',
  'INVALID_PAYLOAD',
  'DATE_OUT_OF_RANGE',
  // Who and where
  'OUT_OF_SCOPE',
  'ROLE_NOT_ALLOWED',
  'NOT_ASSIGNEE',
  'ALREADY_ASSIGNED',
  'SAME_ASSIGNMENT',
  // Lifecycle
  'ILLEGAL_TRANSITION',
  'DOSSIER_FINAL',
  'COMPLAINT_FINAL',
  // One-stop rules (Decree 61/2018, 107/2021)
  'SUPPLEMENT_ALREADY_REQUESTED',
  'SUPPLEMENT_TOO_LATE',
  'APOLOGY_ALREADY_GIVEN',
  'APOLOGY_TOO_LATE',
  'APPOINTMENT_NOT_LATER',
  'APPOINTMENT_NOT_WORKING_TIME',
  'APPOINTMENT_TOO_FAR',
  'UNIT_NOT_HANDLING',
  // A leader's sign-off of results ("trình ký"), where the unit turned it on
  'SIGN_OFF_REQUIRED',
  'SIGN_OFF_NOT_REQUIRED',
  'SIGN_OFF_PENDING',
  'RESULT_NOT_SIGNED_OFF',
  // Required content
  'REASON_REQUIRED',
  'MISSING_DOCUMENTS_REQUIRED',
  'APPOINTMENT_REQUIRED',
  'RESULT_REQUIRED',
  'RESULT_DOCUMENTS_REQUIRED',
  'UNIT_REQUIRED',
  'ASSIGNEE_REQUIRED',
  'FEES_REQUIRED',
  'NOTE_REQUIRED',
  'CLASSIFICATION_REQUIRED',
  'RECIPIENT_REQUIRED',
  'ANSWER_REQUIRED',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export function isRuleCode(value: unknown): value is RuleCode {
  return typeof value === 'string' && (RULE_CODES as readonly string[]).includes(value);
}

/** The officer acting, as the caller (client core or central API) knows them. */
export interface ActingOfficer {
  readonly id: string;
  readonly roles: readonly Role[];
  /**
   * Units whose records this officer may act on. A supervisor's subtree is expanded by the
   * caller, which knows the unit tree.
   */
  readonly unitIds: readonly string[];
}

export interface ActionContext {
  readonly officer: ActingOfficer;
  /** The moment of the action (epoch ms). */
  readonly now: number;
  /** The working-day calendar of the record's unit. */
  readonly calendar: WorkingCalendar;
  /** Working time before the appointment from which a record is "due soon"; default one working day. */
  readonly dueSoonMs?: number;
  /**
   * Which results a leader signs off before they go out (the units' synced settings). Absent:
   * none, and the machines behave as they did before the step existed.
   */
  readonly signOff?: SignOffPolicy;
  /**
   * How far an apology may move the appointment, as a share of the procedure's statutory
   * duration counted in working time past the current appointment. Absent: the duration once
   * more, the longest a citizen can be asked to wait again without a new filing.
   */
  readonly apologyExtensionShare?: number;
  /**
   * Which units handle each procedure (the catalogue's synced data): a transfer goes only to
   * those. Absent: any unit, as before the catalogue said.
   */
  readonly handling?: HandlingPolicy;
}

/** What a caller adds to an action's context beyond who, when and which calendar. */
export type ActionSettings = Pick<ActionContext, 'signOff' | 'apologyExtensionShare' | 'handling'>;

/**
 * The audit-trail step an action produces (Mẫu 05/06). The caller adds the id and the names of
 * the officer and unit as they are at that moment.
 */
export type HistoryDraft = Pick<
  HistoryEntry,
  'at' | 'action' | 'officerId' | 'fromStatus' | 'toStatus' | 'note' | 'visibility' | 'data'
>;

export interface Refusal {
  readonly ok: false;
  readonly code: RuleCode;
  /** English, for logs and developers; officers see the translated code. */
  readonly message: string;
}

export function refuse(code: RuleCode, message: string): Refusal {
  return { ok: false, code, message: `${code}: ${message}` };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

/**
 * Runs a machine step so that a calendar error (a moment beyond the calendar's years, or not a
 * number at all) becomes a refusal: the machines never throw on bad data.
 */
export function guarded<T>(fn: () => T | Refusal): T | Refusal {
  try {
    return fn();
  } catch (error) {
    if (error instanceof RangeError) return refuse('DATE_OUT_OF_RANGE', error.message);
    throw error;
  }
}

/**
 * Turns a failed payload parse into the most specific rule code: the first problem's top-level
 * field says what is missing (no reason → REASON_REQUIRED, and so on).
 */
export function payloadRefusal(
  error: z.ZodError,
  fieldCodes: Readonly<Record<string, RuleCode>>,
): Refusal {
  const issue = error.issues[0];
  const field = issue?.path[0];
  const code = typeof field === 'string' ? fieldCodes[field] : undefined;
  const where = issue?.path.map(String).join('.') ?? '';
  return refuse(code ?? 'INVALID_PAYLOAD', `${where ? `${where}: ` : ''}${issue?.message ?? ''}`);
}

/** Codes for payload fields that both machines use. */
export const COMMON_FIELD_CODES: Readonly<Record<string, RuleCode>> = {
  reason: 'REASON_REQUIRED',
  text: 'NOTE_REQUIRED',
  unitId: 'UNIT_REQUIRED',
  assigneeId: 'ASSIGNEE_REQUIRED',
};

export function hasAnyRole(officer: ActingOfficer, roles: readonly Role[]): boolean {
  return officer.roles.some((r) => roles.includes(r));
}
