import { availableForms, type AvailableForm, type DossierFormSource } from '@shared/forms';
import type { DossierActionInput, DossierForm } from '@shared/domain/dossier-machine';

/**
 * What the print preview needs besides the PDF the core rendered (`forms.render`): which forms
 * a dossier offers now, which one follows the action just taken at the desk, the bytes as a
 * Blob for the frame, and the history entry a print or a save records.
 */

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
