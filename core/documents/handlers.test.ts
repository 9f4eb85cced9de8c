import { describe, expect, it } from 'vitest';
import { ApiFailure, fail, ok, type Envelope } from '@shared/contract/envelope';
import { FormRenderInputSchema } from '@shared/contract/forms';
import { accepted2026, refused2026, vn } from '@shared/forms/test-fixtures';
import type { DossierFormSource } from '@shared/forms';
import { formHandlers } from './handlers';

const dossiers: Record<string, DossierFormSource> = { a: accepted2026(), r: refused2026() };

// The core's dispatch, as far as the forms read it.
async function call(method: string, input: unknown): Promise<Envelope<unknown>> {
  await Promise.resolve();
  if (method !== 'dossiers.get') return fail('UNKNOWN_METHOD', method);
  const source = dossiers[(input as { id: string }).id];
  return source ? ok(source) : fail('NOT_FOUND', 'no such dossier');
}

const handlers = formHandlers({ call, clock: () => vn('2026-03-05T09:00') });
const render = (input: unknown) => handlers['forms.render'](FormRenderInputSchema.parse(input));

describe('forms.render', () => {
  it('answers the PDF of a dossier’s form with the set and code it was printed from', async () => {
    const answer = await render({ form: 'receipt', dossierId: 'a' });
    expect(Buffer.from(answer.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(answer).toMatchObject({
      formSet: 'tt03-2025',
      code: 'Mẫu số 01',
      pageSize: 'A5',
      fileName: '000.00.01.H22-260212-0001-receipt.pdf',
    });
  });

  it('refuses a form that does not apply with its rule, and an unknown dossier as not found', async () => {
    const refused = render({ form: 'refusal', dossierId: 'a' });
    await expect(refused).rejects.toBeInstanceOf(ApiFailure);
    await expect(refused).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'FORM_NOT_APPLICABLE',
    });
    await expect(render({ form: 'receipt', dossierId: 'zzz' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(FormRenderInputSchema.safeParse({ form: 'receit', dossierId: 'a' }).success).toBe(false);
    expect(
      FormRenderInputSchema.safeParse({
        form: 'register',
        unitId: 'u1',
        from: '2026-02-30',
        to: '2026-03-01',
      }).success,
    ).toBe(false);
  });
});
