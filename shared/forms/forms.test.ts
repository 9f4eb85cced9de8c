import { describe, expect, it } from 'vitest';
import { DOSSIER_FORMS } from '../domain/dossier-machine';
import {
  CIRCULAR_01_2018,
  CIRCULAR_03_2025,
  FORM_FIELDS,
  FORM_SETS,
  FormError,
  availableForms,
  checkTemplate,
  documentText,
  formDate,
  formDateTime,
  formDocument,
  formSetAt,
  formatDong,
  placeOfUnitName,
  prepareDossierForm,
  prepareRegister,
  stepMark,
  templateFields,
  type FormTemplate,
  type FormValues,
  type PreparedForm,
} from '.';
import {
  accepted2025,
  accepted2026,
  apologized2026,
  calendar,
  commune,
  refused2026,
  returned2026,
  stopped2026,
  supplement2026,
  vn,
} from './test-fixtures';

const NOW = vn('2026-03-05T09:00');

/** Sample values where every field shows a text of its own, to find each on the paper. */
function sampleValues(template: FormTemplate): FormValues {
  const values: Record<string, FormValues[string]> = {};
  const fields = FORM_FIELDS[template.kind];
  for (const f of fields.text) values[f] = `«${f}»`;
  for (const f of fields.lists) values[f] = [`«${f} 1»`, `«${f} 2»`];
  for (const f of fields.tables) {
    const table = template.body.find((b) => b.type === 'table' && b.field === f);
    const columns = table?.type === 'table' ? table.columns : [];
    values[f] = [Object.fromEntries(columns.map((c) => [c.key, `«${f}.${c.key}»`]))];
  }
  return values;
}

function prepared(template: FormTemplate, values: FormValues): PreparedForm {
  return {
    set: CIRCULAR_01_2018,
    template,
    values,
    datedAt: NOW,
    unit: commune,
    fileName: 'x.pdf',
  };
}

describe('form templates (templates as data)', () => {
  const templates = FORM_SETS.flatMap((set) =>
    Object.values(set.templates).map((t) => [`${set.id} ${t.code} ${t.kind}`, t] as const),
  );

  it.each(templates)('%s shows every field its form carries, and only those', (_name, t) => {
    const values = sampleValues(t);
    const text = documentText(formDocument(prepared(t, values)));
    const used = templateFields(t);
    for (const [field, value] of Object.entries(values)) {
      if (!used.has(field)) {
        expect(FORM_FIELDS[t.kind].optional, `${field} is neither shown nor optional`).toContain(
          field,
        );
        continue;
      }
      const shown =
        typeof value === 'string'
          ? [value]
          : value.flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)));
      for (const s of shown) expect(text, `${t.code} ${field}`).toContain(s);
    }
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Số: ……/');
    expect(text).toContain('Tân An, ngày 05 tháng 03 năm 2026');
    expect(text).toContain(t.title);
  });

  it('the 2018 set has the six forms of Circular 01/2018 on A5, the register on A4', () => {
    const t = CIRCULAR_01_2018.templates;
    expect(Object.keys(t)).toEqual([
      'receipt',
      'supplement',
      'refusal',
      'apology',
      'control',
      'register',
    ]);
    expect(t.receipt?.code).toBe('Mẫu số 01');
    expect(t.control?.code).toBe('Mẫu số 05');
    expect(t.register?.code).toBe('Mẫu số 06');
    for (const kind of ['receipt', 'supplement', 'refusal', 'apology', 'control'] as const) {
      expect(t[kind]?.paper.size).toBe('A5');
    }
    expect(t.register?.paper.size).toBe('A4');
    expect(t.receipt?.copies).toEqual(['(Liên: Lưu)', '(Liên: Giao khách hàng)']);
  });

  it('the 2025 set has seven forms: a stop notice is new, the control sheet and register move to 06 and 07', () => {
    const t = CIRCULAR_03_2025.templates;
    expect(t.stop?.code).toBe('Mẫu số 05');
    expect(t.stop?.title).toBe('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(t.apology?.title).toBe('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(t.control?.code).toBe('Mẫu số 06');
    expect(t.register?.code).toBe('Mẫu số 07');
    expect(Object.values(t).every((x) => x.verified === 'unverified')).toBe(true);
  });

  it('refuses a template that shows a field its form lacks, or misses one it must show, naming both', () => {
    const receipt = CIRCULAR_01_2018.templates.receipt;
    if (!receipt) throw new Error('no receipt');
    const extra: FormTemplate = {
      ...receipt,
      body: [...receipt.body, { type: 'text', text: 'Mã số thuế: {taxCode}' }],
    };
    expect(() => checkTemplate(extra, 'Thông tư số 01/2018/TT-VPCP')).toThrow(
      /Mẫu số 01 \(receipt\) shows the text field "taxCode"/,
    );
    const missing: FormTemplate = {
      ...receipt,
      body: receipt.body.filter((b) => !(b.type === 'text' && b.text.includes('{dueAt}'))),
    };
    expect(() => checkTemplate(missing, 'Thông tư số 01/2018/TT-VPCP')).toThrow(
      /does not show the field "dueAt"/,
    );
    const values = sampleValues(receipt);
    const { dueAt: _dueAt, ...lacking } = values;
    expect(() => formDocument(prepared(receipt, lacking))).toThrow(FormError);
  });
});

describe('a dossier gets the forms of the set in force on its date', () => {
  it('Circular 01/2018 before 15 September 2025, Circular 03/2025 from that day', () => {
    expect(formSetAt(vn('2025-09-14T23:59')).id).toBe('tt01-2018');
    expect(formSetAt(vn('2025-09-15T00:00')).id).toBe('tt03-2025');
    expect(formSetAt(vn('2019-01-06T08:00')).id).toBe('tt01-2018');
    const old = prepareDossierForm('receipt', accepted2025(), { now: NOW, calendar });
    const current = prepareDossierForm('receipt', accepted2026(), { now: NOW, calendar });
    expect(old.set.id).toBe('tt01-2018');
    expect(documentText(formDocument(old))).toContain('BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
    expect(current.set.id).toBe('tt03-2025');
    expect(documentText(formDocument(current))).toContain('BỘ PHẬN MỘT CỬA');
  });

  it('offers only the forms that apply to the dossier now', () => {
    const forms = (s: ReturnType<typeof accepted2026>) => availableForms(s).map((f) => f.form);
    expect(forms(accepted2026())).toEqual(['receipt', 'control']);
    expect(forms(refused2026())).toEqual(['refusal', 'control']);
    expect(forms(supplement2026())).toEqual(['supplement', 'control']);
    expect(forms(apologized2026())).toEqual(['receipt', 'apology', 'control']);
    expect(forms(stopped2026())).toEqual(['receipt', 'stop', 'control']);
    expect(DOSSIER_FORMS).toContain('stop');
  });

  it('a form that does not apply is refused with the dossier and the reason', () => {
    expect(() => prepareDossierForm('refusal', accepted2026(), { now: NOW, calendar })).toThrow(
      /Phiếu từ chối tiếp nhận giải quyết hồ sơ \(refusal\) does not apply to dossier 000\.00\.01\.H22-260212-0001: the dossier was not refused \(status 2\)/,
    );
    const stopped2025 = stopped2026();
    const old = {
      ...stopped2025,
      dossier: { ...stopped2025.dossier, receivedAt: vn('2025-05-05T08:00') },
    };
    expect(() => prepareDossierForm('stop', old, { now: NOW, calendar })).toThrow(
      /Thông tư số 01\/2018\/TT-VPCP has no Thông báo dừng giải quyết hồ sơ/,
    );
  });
});

describe('what the forms say', () => {
  it('writes dates and amounts as the forms do, in Vietnam time', () => {
    expect(formDateTime(vn('2026-02-23T10:30'))).toBe('10 giờ 30 phút, ngày 23 tháng 02 năm 2026');
    // 17:30 UTC is already the next day in Hà Nội.
    expect(formDate(Date.UTC(2026, 1, 22, 17, 30))).toBe('ngày 23 tháng 02 năm 2026');
    expect(formatDong(1_250_000)).toBe('1.250.000 đồng');
    expect(formatDong(500)).toBe('500 đồng');
  });

  it('the receipt names the applicant, the appointment the desk gave and the fees in đồng', () => {
    const p = prepareDossierForm('receipt', accepted2026(), { now: NOW, calendar });
    const text = documentText(formDocument(p));
    expect(text).toContain('Tiếp nhận hồ sơ của: Nguyễn Thị Hương Giang');
    expect(text).toContain('4. Thời gian nhận hồ sơ: 10 giờ 30 phút, ngày 23 tháng 02 năm 2026');
    // Three working days from Monday 10:30.
    expect(text).toContain(
      '5. Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 30 phút, ngày 26 tháng 02 năm 2026',
    );
    expect(text).toContain('Lệ phí cấp giấy phép xây dựng: 1.250.000 đồng (đã nộp)');
    expect(text).toContain('Trần Thị Ánh');
    expect(text.split('(Liên: ').length - 1).toBe(2);
  });

  it('the apology keeps the first appointment and gives the new one', () => {
    const text = documentText(
      formDocument(prepareDossierForm('apology', apologized2026(), { now: NOW, calendar })),
    );
    expect(text).toContain('Kính gửi: ');
    expect(text).toContain('Nguyễn Thị Hương Giang');
    expect(text).toContain('Vào ngày 02 tháng 03 năm 2026');
    expect(text).toContain(
      'Thời hạn trả kết quả giải quyết hồ sơ: 08 giờ 30 phút, ngày 16 tháng 03 năm 2026.',
    );
    expect(text).toContain('17 giờ 00 phút, ngày 20 tháng 03 năm 2026');
    expect(text).toContain('Lý do: Cần lấy ý kiến của cơ quan quản lý đất đai');
  });

  it('the control sheet has a row per hand-over with its mark by the shared deadline rule', () => {
    const p = prepareDossierForm('control', returned2026(), { now: NOW, calendar });
    const steps = p.values.steps as readonly Record<string, string>[];
    expect(steps.map((s) => s.note)).toEqual([
      'Tiếp nhận hồ sơ',
      'Nhận xử lý',
      'Hoàn thành xử lý',
      'Trả kết quả',
    ]);
    expect(steps.map((s) => s.mark)).toEqual(['Trước hạn', 'Trước hạn', 'Trước hạn', 'Quá hạn']);
    expect(steps[1]?.handover).toBe(
      '14 giờ 00 phút, ngày 23 tháng 02 năm 2026\nNgười giao: Trần Thị Ánh\nNgười nhận: Lê Hoàng Dũng',
    );
    expect(p.values.outcome).toBe('Đã giải quyết trước hạn');
    expect(stepMark(vn('2026-02-26T10:30'), vn('2026-02-26T10:30'), false)).toBe('Đúng hạn');
    expect(stepMark(vn('2026-02-26T10:31'), vn('2026-02-26T10:30'), false)).toBe('Quá hạn');
    expect(stepMark(vn('2026-02-25T10:30'), vn('2026-02-26T10:30'), true)).toBe('Quá hạn');
  });

  it('the register lists the dossiers a unit received in the period, oldest first', () => {
    const sources = [returned2026(), accepted2025(), apologized2026(), refused2026()];
    const p = prepareRegister(commune, { from: '2026-02-01', to: '2026-02-28' }, sources, NOW);
    const entries = p.values.entries as readonly Record<string, string>[];
    expect(entries.map((e) => e.received)).toEqual(['23/02/2026']);
    expect(p.template.paper).toEqual({ size: 'A4', orientation: 'landscape' });
    expect(p.values.periodFrom).toBe('ngày 01 tháng 02 năm 2026');
    expect(p.values.periodTo).toBe('ngày 28 tháng 02 năm 2026');
    expect(() =>
      prepareRegister(commune, { from: '2026-02-30', to: '2026-03-01' }, [], NOW),
    ).toThrow(/--from: not a date/);
  });

  it('a banner marks every page of a training print; none otherwise', () => {
    const p = prepareDossierForm('receipt', accepted2026(), { now: NOW, calendar });
    const plain = formDocument(p);
    expect(plain.header).toBeUndefined();
    expect(plain.watermark).toBeUndefined();
    const training = formDocument(p, { banner: 'BẢN IN THỬ — DÙNG ĐỂ ĐÀO TẠO' });
    expect(documentText(training)).toContain('BẢN IN THỬ — DÙNG ĐỂ ĐÀO TẠO');
    expect(training.watermark?.text).toBe('BẢN IN THỬ — DÙNG ĐỂ ĐÀO TẠO');
  });

  it('an administrator’s settings replace the agency lines and the place', () => {
    const p = prepareDossierForm('receipt', accepted2026(), { now: NOW, calendar });
    const text = documentText(
      formDocument(p, {
        settings: {
          units: {
            u1: { agencyLines: ['UBND XÃ TÂN AN', 'BỘ PHẬN MỘT CỬA XÃ'], placeName: 'Long An' },
          },
        },
      }),
    );
    expect(text).toContain('UBND XÃ TÂN AN\nBỘ PHẬN MỘT CỬA XÃ');
    expect(text).toContain('Long An, ngày 23 tháng 02 năm 2026');
    expect(placeOfUnitName('Sở Tư pháp tỉnh Lâm Đồng')).toBe('Lâm Đồng');
    expect(placeOfUnitName('Ủy ban nhân dân phường Bến Thành')).toBe('Bến Thành');
  });
});
