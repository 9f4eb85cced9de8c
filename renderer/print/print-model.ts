import type { FormRenderInput } from '@shared/contract/api';
import { dayOfIsoDate, isoDateOfDay, localDayOf } from '@shared/domain/calendar/time';
import type { DossierActionInput, DossierForm } from '@shared/domain/dossier-machine';
import {
  availableForms,
  dossierDate,
  formSetAt,
  type AvailableForm,
  type DossierFormSource,
} from '@shared/forms';
import type { Dossier } from '@shared/model';
import { ErrorCollector, type Built } from '../actions/form-values';

/**
 * What the print preview needs besides the PDF the core rendered (`forms.render`): which forms
 * a dossier offers now, which one follows the action just taken at the desk, the bytes as a
 * Blob for the frame, the history entry a print or a save records, and the register's period as
 * the officer types it.
 */

/** What the preview shows: one of a dossier's forms, or a unit's register for a period. */
export type PrintTarget = FormRenderInput;

/** The form the desk hands out after each action (issue 14): offered right after it. */
export const FORM_AFTER_ACTION: Readonly<Record<string, DossierForm>> = {
  accept: 'receipt',
  request_supplement: 'supplement',
  refuse: 'refusal',
  apologize: 'apology',
  stop: 'stop',
};

/** The forms of the dossier now, in the order of the forms' numbers (the same rule as the core). */
export function printableForms(detail: DossierFormSource): AvailableForm[] {
  return availableForms(detail);
}

/** The form to offer after `action`, if the dossier now has it. */
export function formAfter(action: string, detail: DossierFormSource): AvailableForm | null {
  const form = FORM_AFTER_ACTION[action];
  if (form === undefined) return null;
  return printableForms(detail).find((f) => f.form === form) ?? null;
}

/** A form offered on a button: what to render, and its number as the set in force writes it. */
export interface PrintOffer {
  readonly target: PrintTarget;
  /** "Mẫu số 01" */
  readonly code: string;
}

/**
 * The paper to offer once `action` is saved on the dossier. It needs only the dossier: the
 * action just taken is what makes the form apply, and the set follows the dossier's date.
 */
export function offerAfter(
  action: string,
  dossier: Pick<Dossier, 'id' | 'receivedAt' | 'filedAt'>,
): PrintOffer | null {
  const form = FORM_AFTER_ACTION[action];
  if (form === undefined) return null;
  const template = formSetAt(dossierDate(dossier)).templates[form];
  if (template === undefined) return null;
  return { target: { form, dossierId: dossier.id }, code: template.code };
}

/** The control sheet: the one form every dossier has, whatever its state. */
export function controlSheet(dossierId: string): PrintTarget {
  return { form: 'control', dossierId };
}

/** The PDF the core sent (base64) as bytes for a blob: URL. */
export function pdfBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The history entry of a print or a save (dossiers.act), with the set printed from. */
export function printAction(form: DossierForm, formSet: string): DossierActionInput {
  return { type: 'record_print', form, formSet };
}

/**
 * What a print or a save of `target` records, on which dossier; null for a register, which is
 * a unit's paper and belongs to no dossier's history.
 */
export function printRecord(
  target: PrintTarget,
  formSet: string,
): { readonly dossierId: string; readonly action: DossierActionInput } | null {
  if (target.form === 'register') return null;
  return { dossierId: target.dossierId, action: printAction(target.form, formSet) };
}

/**
 * The frame's address for the PDF: the viewer's own toolbar hidden, because its print and
 * download buttons would bypass the record of the print; the whole sheet in view, as a print
 * preview shows it.
 */
export function frameAddress(blobUrl: string): string {
  return `${blobUrl}#toolbar=0&navpanes=0&view=Fit`;
}

// ---- The register's dialog: a unit and a period, typed as the forms write dates ----

/** The register's dialog as the officer fills it in: dates day first, "01/02/2026". */
export interface RegisterForm {
  readonly unitId: string;
  readonly from: string;
  readonly to: string;
}

/** Most days between a register's first and last day (the core refuses more: a year). */
export const MAX_REGISTER_SPAN_DAYS = 366;

const DAY_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** "01/02/2026" (or 2026-02-01) → "2026-02-01"; null for a date that does not exist. */
export function isoDay(typed: string): string | null {
  const text = typed.trim();
  const vn = DAY_FIRST.exec(text);
  const iso = ISO.exec(text);
  const parts = vn ? [vn[3], vn[2], vn[1]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (parts === null) return null;
  const [year, month, day] = parts.map((p) => String(p).padStart(2, '0'));
  const date = `${year}-${month}-${day}`;
  return dayOfIsoDate(date) === null ? null : date;
}

/** "2026-02-01" → "01/02/2026", as the dialog shows a date. */
export function typedDay(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/** The dialog's first state: the officer's unit, this month up to today (Vietnam time). */
export function initialRegisterForm(unitId: string | null, now: number): RegisterForm {
  const today = isoDateOfDay(localDayOf(now));
  return { unitId: unitId ?? '', from: typedDay(`${today.slice(0, 8)}01`), to: typedDay(today) };
}

/** The register to render, or what is wrong with the dialog (by field). */
export function registerTarget(form: RegisterForm): Built<PrintTarget> {
  const errors = new ErrorCollector();
  if (form.unitId.trim() === '') errors.rule('unitId', 'UNIT_REQUIRED');
  const from = isoDay(form.from);
  const to = isoDay(form.to);
  if (from === null) errors.message('from', 'invalidDay');
  if (to === null) errors.message('to', 'invalidDay');
  if (from !== null && to !== null) {
    const days = (dayOfIsoDate(to) ?? 0) - (dayOfIsoDate(from) ?? 0);
    if (days < 0) errors.message('to', 'periodOrder');
    else if (days > MAX_REGISTER_SPAN_DAYS) errors.message('to', 'periodTooLong');
  }
  return errors.done(() => ({
    form: 'register' as const,
    unitId: form.unitId.trim(),
    from: from ?? '',
    to: to ?? '',
  }));
}
