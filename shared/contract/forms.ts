import { z } from 'zod';
import { DOSSIER_FORMS } from '../domain/dossier-machine';
import { IsoDateSchema } from '../domain/calendar/schemas';
import { Id } from '../model/schemas';

/**
 * The one-stop legal forms (`forms.*`): a dossier's form or a unit's register, rendered by the
 * core as PDF bytes (shared/forms → core/documents), the same bytes as `npm run form`. Printing
 * is recorded on the dossier with the `record_print` action through `dossiers.act`, when the
 * officer prints or saves: a preview alone is not a print.
 */

/** Largest PDF the contract carries (base64): a year's register of a busy unit fits. */
export const MAX_FORM_BASE64 = 40_000_000;

export const FormRenderInputSchema = z.discriminatedUnion('form', [
  z.strictObject({ form: z.enum(DOSSIER_FORMS), dossierId: Id }),
  z.strictObject({
    form: z.literal('register'),
    /** A unit's id or agency code. */
    unitId: Id,
    /** First and last day of the period (YYYY-MM-DD, Vietnam time), both included. */
    from: IsoDateSchema,
    to: IsoDateSchema,
  }),
]);
export type FormRenderInput = z.input<typeof FormRenderInputSchema>;

export const RenderedFormSchema = z.object({
  /** The PDF, base64 (envelopes are JSON on both transports). */
  pdfBase64: z.string().max(MAX_FORM_BASE64),
  fileName: z.string().max(200),
  /** The form set printed from, e.g. "tt03-2025" (what `record_print` records). */
  formSet: z.string().max(40),
  /** "Mẫu số 01" */
  code: z.string().max(40),
  title: z.string().max(200),
  pageSize: z.enum(['A4', 'A5']),
});
export type RenderedForm = z.infer<typeof RenderedFormSchema>;

export const methods = {
  /** One form as PDF; refused with RULE_VIOLATION (rule: FORM_NOT_APPLICABLE…) naming why. */
  'forms.render': { input: FormRenderInputSchema, output: RenderedFormSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const events = {} as const satisfies Record<string, z.ZodType>;
