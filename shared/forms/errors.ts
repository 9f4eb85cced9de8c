/**
 * Why a form cannot be printed, with a code the UI translates and a message (English, for the
 * CLI and the log) that names what is wrong: the dossier, the form, the template, the field.
 */
export const FORM_ERROR_CODES = [
  'UNKNOWN_FORM',
  'FORM_NOT_APPLICABLE',
  'FORM_NOT_IN_SET',
  'TEMPLATE_FIELD_MISSING',
  'TEMPLATE_FIELD_UNKNOWN',
] as const;
export type FormErrorCode = (typeof FORM_ERROR_CODES)[number];

export class FormError extends Error {
  override readonly name = 'FormError';
  constructor(
    readonly code: FormErrorCode,
    message: string,
  ) {
    super(message);
  }
}
