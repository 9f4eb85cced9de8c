import { describe, expect, it } from 'vitest';
import { FormRenderInputSchema } from '@shared/contract/api';
import { DossierActionSchema } from '@shared/domain/dossier-machine';
import { accepted2026, refused2026, stopped2026 } from '@shared/forms/test-fixtures';
import {
  controlSheet,
  formAfter,
  frameAddress,
  initialRegisterForm,
  isoDay,
  offerAfter,
  pdfBytes,
  printAction,
  printableForms,
  printRecord,
  registerTarget,
} from './print-model';

describe('print preview model', () => {
  it('offers the receipt right after acceptance, the refusal after refusing, the stop notice after stopping', () => {
    expect(formAfter('accept', accepted2026())?.code).toBe('Mẫu số 01');
    expect(formAfter('refuse', refused2026())?.form).toBe('refusal');
    expect(formAfter('stop', stopped2026())).toMatchObject({ form: 'stop', code: 'Mẫu số 05' });
    expect(formAfter('start_processing', accepted2026())).toBeNull();
    expect(printableForms(accepted2026()).map((f) => f.form)).toEqual(['receipt', 'control']);
  });

  it('offers on the confirmation the paper of the step just saved, numbered by the dossier’s set', () => {
    const accepted = accepted2026().dossier;
    expect(offerAfter('accept', accepted)).toEqual({
      target: { form: 'receipt', dossierId: accepted.id },
      code: 'Mẫu số 01',
    });
    expect(offerAfter('stop', stopped2026().dossier)?.code).toBe('Mẫu số 05');
    expect(offerAfter('refuse', refused2026().dossier)?.target.form).toBe('refusal');
    expect(offerAfter('request_supplement', accepted)?.target.form).toBe('supplement');
    expect(offerAfter('apologize', accepted)?.target.form).toBe('apology');
    expect(offerAfter('add_note', accepted)).toBeNull();
    // What the preview asks the core for is what the contract accepts.
    expect(FormRenderInputSchema.parse(controlSheet(accepted.id))).toEqual({
      form: 'control',
      dossierId: accepted.id,
    });
  });

  it('records a print as the record_print action the machine accepts, on the printed dossier', () => {
    expect(DossierActionSchema.parse(printAction('receipt', 'tt03-2025'))).toEqual({
      type: 'record_print',
      form: 'receipt',
      formSet: 'tt03-2025',
    });
    expect(printRecord({ form: 'control', dossierId: 'd1' }, 'tt01-2018')).toEqual({
      dossierId: 'd1',
      action: { type: 'record_print', form: 'control', formSet: 'tt01-2018' },
    });
    // A register belongs to no dossier: nothing to record.
    const register = {
      form: 'register' as const,
      unitId: 'u1',
      from: '2026-02-01',
      to: '2026-02-28',
    };
    expect(printRecord(register, 'tt03-2025')).toBeNull();
    expect([...pdfBytes(btoa('%PDF-1.7'))].slice(0, 5)).toEqual([37, 80, 68, 70, 45]);
  });

  it('hides the viewer’s own toolbar, whose buttons would print without a record', () => {
    expect(frameAddress('blob:http://127.0.0.1/abc')).toBe(
      'blob:http://127.0.0.1/abc#toolbar=0&navpanes=0&view=Fit',
    );
  });
});

describe('the register’s dialog', () => {
  // 2026-02-23 10:30 in Vietnam.
  const monday = Date.UTC(2026, 1, 23, 3, 30);

  it('opens on the officer’s unit, from the first of this month to today', () => {
    expect(initialRegisterForm('unit-commune-01', monday)).toEqual({
      unitId: 'unit-commune-01',
      from: '01/02/2026',
      to: '23/02/2026',
    });
    // Just after midnight in Vietnam it is already the next day (and here the next month).
    expect(initialRegisterForm(null, Date.UTC(2026, 1, 28, 17, 5))).toMatchObject({
      unitId: '',
      from: '01/03/2026',
      to: '01/03/2026',
    });
  });

  it('reads dates day first, as the forms write them, and refuses days that do not exist', () => {
    expect(isoDay('1/2/2026')).toBe('2026-02-01');
    expect(isoDay(' 28.02.2026 ')).toBe('2026-02-28');
    expect(isoDay('2026-02-28')).toBe('2026-02-28');
    expect(isoDay('29/02/2026')).toBeNull();
    expect(isoDay('02/29/2026')).toBeNull();
    expect(isoDay('tháng 2')).toBeNull();
  });

  it('asks for the register the contract accepts, or names the field that is wrong', () => {
    const built = registerTarget({ unitId: 'u1', from: '01/02/2026', to: '28/02/2026' });
    expect(built).toEqual({
      ok: true,
      action: { form: 'register', unitId: 'u1', from: '2026-02-01', to: '2026-02-28' },
    });
    if (built.ok) expect(FormRenderInputSchema.safeParse(built.action).success).toBe(true);
    expect(registerTarget({ unitId: '', from: '31/02/2026', to: '01/01/2026' })).toEqual({
      ok: false,
      errors: {
        unitId: { rule: 'UNIT_REQUIRED' },
        from: { message: 'invalidDay' },
      },
    });
    expect(registerTarget({ unitId: 'u1', from: '10/02/2026', to: '09/02/2026' })).toEqual({
      ok: false,
      errors: { to: { message: 'periodOrder' } },
    });
    expect(registerTarget({ unitId: 'u1', from: '01/01/2026', to: '02/01/2027' }).ok).toBe(true);
    expect(registerTarget({ unitId: 'u1', from: '01/01/2026', to: '03/01/2027' })).toEqual({
      ok: false,
      errors: { to: { message: 'periodTooLong' } },
    });
  });
});
