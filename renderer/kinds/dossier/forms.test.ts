import { describe, expect, it } from 'vitest';
import {
  DOSSIER_ACTIONS,
  DossierActionSchema,
  type DossierActionInput,
} from '@shared/domain/dossier-machine';
import {
  buildDossierAction,
  dossierFormFromAction,
  emptyDossierForm,
  type DossierForm,
  type DossierFormOf,
} from './forms';
import type { Built } from '../../actions/form-values';

/** 10:00 on Wednesday 25 Feb 2026 in Hà Nội. */
const WED_10H = Date.UTC(2026, 1, 25, 3, 0);

function payload(built: Built<DossierActionInput>): DossierActionInput {
  if (!built.ok) throw new Error(`form refused: ${JSON.stringify(built.errors)}`);
  // Whatever the form builds must be exactly what the domain's schema accepts.
  const parsed = DossierActionSchema.safeParse(built.action);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return built.action;
}

function errors(built: Built<DossierActionInput>) {
  if (built.ok) throw new Error(`expected problems, got ${JSON.stringify(built.action)}`);
  return built.errors;
}

function form<T extends DossierForm['type']>(
  type: T,
  values: Partial<Omit<DossierFormOf<T>, 'type'>>,
): DossierForm {
  return { ...emptyDossierForm(type), ...values };
}

describe('buildDossierAction', () => {
  it('leaves blank optional notes out, so strict schemas see no empty field', () => {
    expect(payload(buildDossierAction(form('accept', { note: '   ' })))).toEqual({
      type: 'accept',
    });
    expect(payload(buildDossierAction(form('accept', { note: ' Đủ hồ sơ ' })))).toEqual({
      type: 'accept',
      note: 'Đủ hồ sơ',
    });
  });

  it('stores text in NFC even when the keyboard typed it decomposed', () => {
    const decomposed = 'Thiếu giấy tờ'.normalize('NFD');
    const built = payload(buildDossierAction(form('refuse', { reason: decomposed })));
    expect(built).toEqual({ type: 'refuse', reason: 'Thiếu giấy tờ'.normalize('NFC') });
  });

  it('asks for a reason where the law does', () => {
    for (const type of ['refuse', 'request_withdrawal', 'stop'] as const) {
      expect(errors(buildDossierAction(form(type, { reason: ' ' })))).toEqual({
        reason: { rule: 'REASON_REQUIRED' },
      });
    }
  });

  describe('request_supplement (the complete list, once)', () => {
    it('sends the filled lines in order and drops blank ones', () => {
      const built = buildDossierAction(
        form('request_supplement', {
          missingDocuments: ['Bản sao CCCD', '', '  Giấy khai sinh ', ''],
          reason: 'Hồ sơ chưa đủ',
        }),
      );
      expect(payload(built)).toEqual({
        type: 'request_supplement',
        missingDocuments: ['Bản sao CCCD', 'Giấy khai sinh'],
        reason: 'Hồ sơ chưa đủ',
      });
    });

    it('refuses an empty list with the domain rule', () => {
      expect(
        errors(buildDossierAction(form('request_supplement', { missingDocuments: ['', ' '] }))),
      ).toEqual({ missingDocuments: { rule: 'MISSING_DOCUMENTS_REQUIRED' } });
    });

    it('catches a document listed twice, even typed without diacritics', () => {
      const built = buildDossierAction(
        form('request_supplement', {
          missingDocuments: ['Giấy khai sinh', 'Sổ hộ khẩu', 'giay khai sinh'],
        }),
      );
      expect(errors(built)).toEqual({
        'missingDocuments.2': { message: 'duplicateDocument', values: { name: 'giay khai sinh' } },
      });
    });
  });

  it('transfers to a unit, with the officer only when chosen', () => {
    expect(payload(buildDossierAction(form('transfer', { unitId: 'u-2' })))).toEqual({
      type: 'transfer',
      unitId: 'u-2',
    });
    expect(
      payload(
        buildDossierAction(
          form('transfer', { unitId: 'u-2', assigneeId: 'o-9', reason: 'Đúng thẩm quyền' }),
        ),
      ),
    ).toEqual({ type: 'transfer', unitId: 'u-2', assigneeId: 'o-9', reason: 'Đúng thẩm quyền' });
    expect(errors(buildDossierAction(form('transfer', {})))).toEqual({
      unitId: { rule: 'UNIT_REQUIRED' },
    });
  });

  it('assigns to an officer', () => {
    expect(payload(buildDossierAction(form('assign', { assigneeId: ' o-1 ' })))).toEqual({
      type: 'assign',
      assigneeId: 'o-1',
    });
    expect(errors(buildDossierAction(form('assign', {})))).toEqual({
      assigneeId: { rule: 'ASSIGNEE_REQUIRED' },
    });
  });

  describe('request_fees', () => {
    it('reads amounts as officers type them', () => {
      const built = buildDossierAction(
        form('request_fees', {
          fees: [
            { name: 'Lệ phí', amount: '200.000' },
            { name: '', amount: '' },
            { name: 'Phí thẩm định', amount: '1,500,000 đ' },
          ],
        }),
      );
      expect(payload(built)).toEqual({
        type: 'request_fees',
        fees: [
          { name: 'Lệ phí', amount: 200_000 },
          { name: 'Phí thẩm định', amount: 1_500_000 },
        ],
      });
    });

    it('names the line whose amount or name is wrong', () => {
      const built = buildDossierAction(
        form('request_fees', {
          fees: [
            { name: 'Lệ phí', amount: '200.5' },
            { name: ' ', amount: '50000' },
          ],
        }),
      );
      expect(errors(built)).toEqual({
        'fees.0.amount': { message: 'invalidAmount' },
        'fees.1.name': { rule: 'FEES_REQUIRED' },
      });
      expect(errors(buildDossierAction(form('request_fees', {})))).toEqual({
        fees: { rule: 'FEES_REQUIRED' },
      });
    });
  });

  describe('apologize (a new appointment, once)', () => {
    it('reads the new appointment in Vietnam time', () => {
      const built = buildDossierAction(
        form('apologize', {
          newDueDate: '25/02/2026',
          newDueTime: '10:00',
          reason: 'Chờ xác minh',
        }),
      );
      expect(payload(built)).toEqual({
        type: 'apologize',
        newDueAt: WED_10H,
        reason: 'Chờ xác minh',
      });
    });

    it('refuses a date that is missing, impossible or not later than the current one', () => {
      expect(errors(buildDossierAction(form('apologize', { reason: 'x' })))).toEqual({
        newDueAt: { rule: 'APPOINTMENT_REQUIRED' },
      });
      expect(
        errors(buildDossierAction(form('apologize', { newDueDate: '31/02/2026', reason: 'x' }))),
      ).toEqual({ newDueAt: { message: 'invalidDate' } });
      expect(
        errors(
          buildDossierAction(
            form('apologize', { newDueDate: '25/02/2026', newDueTime: '10:00', reason: 'x' }),
            { dueAt: WED_10H },
          ),
        ),
      ).toEqual({ newDueAt: { rule: 'APPOINTMENT_NOT_LATER' } });
    });

    it('refuses a date past the latest the rule allows, as the core would', () => {
      const later = (time: string) =>
        buildDossierAction(
          form('apologize', { newDueDate: '02/03/2026', newDueTime: time, reason: 'x' }),
          { dueAt: WED_10H, latestDueAt: Date.parse('2026-03-02T10:00:00+07:00') },
        );
      expect(errors(later('10:01'))).toEqual({ newDueAt: { rule: 'APPOINTMENT_TOO_FAR' } });
      expect(later('10:00').ok).toBe(true);
    });
  });

  describe('finish', () => {
    it('sends the result with its documents', () => {
      const built = buildDossierAction(
        form('finish', {
          result: 'denied',
          resultDocuments: [
            { name: 'Văn bản trả lời', number: '12/UBND' },
            { name: '', number: '' },
            { name: 'Quyết định', number: '' },
          ],
        }),
      );
      expect(payload(built)).toEqual({
        type: 'finish',
        result: 'denied',
        resultDocuments: [
          { name: 'Văn bản trả lời', number: '12/UBND' },
          { name: 'Quyết định', number: '' },
        ],
      });
    });

    it('needs a result and at least one document', () => {
      expect(errors(buildDossierAction(form('finish', {})))).toEqual({
        result: { rule: 'RESULT_REQUIRED' },
        resultDocuments: { rule: 'RESULT_DOCUMENTS_REQUIRED' },
      });
    });
  });

  it('writes internal notes and notes to the citizen', () => {
    expect(
      payload(buildDossierAction(form('add_note', { text: 'Gọi lại', visibility: 'citizen' }))),
    ).toEqual({ type: 'add_note', text: 'Gọi lại', visibility: 'citizen' });
    expect(errors(buildDossierAction(form('add_note', {})))).toEqual({
      text: { rule: 'NOTE_REQUIRED' },
    });
  });

  it('has an empty form for every action of the machine', () => {
    for (const type of DOSSIER_ACTIONS) {
      if (type === 'record_print') continue;
      expect(emptyDossierForm(type).type).toBe(type);
    }
  });

  it('has no form for recording a print: the print preview records it', () => {
    expect(dossierFormFromAction({ type: 'record_print', form: 'receipt' })).toBeNull();
  });
});

describe('dossierFormFromAction (redo a refused change)', () => {
  it('gives back the same payload after a round trip, for every kind of form', () => {
    const actions: DossierActionInput[] = [
      { type: 'accept', note: 'Đủ' },
      { type: 'refuse', reason: 'Sai thẩm quyền' },
      { type: 'request_supplement', missingDocuments: ['A', 'B'], reason: 'Thiếu' },
      { type: 'transfer', unitId: 'u1', assigneeId: 'o1', reason: 'Chuyển' },
      { type: 'assign', assigneeId: 'o2' },
      { type: 'request_fees', fees: [{ name: 'Lệ phí', amount: 200_000 }] },
      { type: 'apologize', newDueAt: WED_10H, reason: 'Chậm' },
      { type: 'finish', result: 'approved', resultDocuments: [{ name: 'QĐ', number: '1' }] },
      { type: 'stop', reason: 'Rút hồ sơ' },
      { type: 'add_note', text: 'Nội bộ', visibility: 'internal' },
    ];
    for (const action of actions) {
      const prefilled = dossierFormFromAction(action);
      expect(prefilled?.type).toBe(action.type);
      expect(payload(buildDossierAction(prefilled as DossierForm))).toEqual(action);
    }
  });

  it('falls back to an empty form of the same type, or to nothing for a stranger', () => {
    expect(dossierFormFromAction({ type: 'refuse' })).toEqual(emptyDossierForm('refuse'));
    expect(dossierFormFromAction({ type: 'publish', channels: ['portal'] })).toBeNull();
    expect(dossierFormFromAction(null)).toBeNull();
  });
});
