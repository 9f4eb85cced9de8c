import { describe, expect, it } from 'vitest';
import { DossierActionSchema } from '@shared/domain/dossier-machine';
import { accepted2026, refused2026, stopped2026 } from '@shared/forms/test-fixtures';
import { formAfter, pdfBytes, printAction, printableForms } from './print-model';

describe('print preview model', () => {
  it('offers the receipt right after acceptance, the refusal after refusing, the stop notice after stopping', () => {
    expect(formAfter('accept', accepted2026())?.code).toBe('Mẫu số 01');
    expect(formAfter('refuse', refused2026())?.form).toBe('refusal');
    expect(formAfter('stop', stopped2026())).toMatchObject({ form: 'stop', code: 'Mẫu số 05' });
    expect(formAfter('start_processing', accepted2026())).toBeNull();
    expect(printableForms(accepted2026()).map((f) => f.form)).toEqual(['receipt', 'control']);
  });

  it('records a print as the record_print action the machine accepts', () => {
    expect(DossierActionSchema.parse(printAction('receipt', 'tt03-2025'))).toEqual({
      type: 'record_print',
      form: 'receipt',
      formSet: 'tt03-2025',
    });
    expect([...pdfBytes(btoa('%PDF-1.7'))].slice(0, 5)).toEqual([37, 80, 68, 70, 45]);
  });
});
