import { describe, expect, it } from 'vitest';
import { COMPLAINT_THEMES } from './data/complaints';
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES } from './data/names';
import { COMMUNE_OFFICES, DEPARTMENTS } from './data/organisation';
import { COMMON_STREETS, PROVINCES } from './data/places';
import { PROCEDURES } from './data/procedures';
import { taxCheckDigit } from './people';
import { foldAscii, formatDong, slugAscii } from './text';

const isNfc = (s: string) => s === s.normalize('NFC');

describe('places', () => {
  it('lists the 34 provinces and cities of 1 July 2025, with real codes', () => {
    expect(PROVINCES).toHaveLength(34);
    const names = PROVINCES.map((p) => p.name);
    for (const city of ['Hà Nội', 'Huế', 'TP. Hồ Chí Minh', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ']) {
      expect(names).toContain(city);
    }
    expect(names.filter((n) => n.startsWith('tỉnh '))).toHaveLength(28);
    expect(new Set(PROVINCES.map((p) => p.agencyCode)).size).toBe(34);
    const idCodes = PROVINCES.flatMap((p) => p.idCodes);
    // The 63 pre-2025 provinces' citizen-ID codes, each in exactly one new province.
    expect(idCodes).toHaveLength(63);
    expect(new Set(idCodes).size).toBe(63);
    for (const code of idCodes) expect(code).toMatch(/^0\d{2}$/);
    const byName = (n: string) => PROVINCES.find((p) => p.name === n);
    expect(byName('Hà Nội')?.idCodes[0]).toBe('001');
    expect(byName('TP. Hồ Chí Minh')?.idCodes).toEqual(['079', '074', '077']);
    expect(byName('TP. Hồ Chí Minh')?.agencyCode).toBe('H29');
    for (const p of PROVINCES) {
      expect(p.agencyCode).toMatch(/^H\d{2}$/);
      expect(p.taxPrefix).toMatch(/^\d{2}$/);
      expect(p.communes.length).toBeGreaterThanOrEqual(5);
      expect(new Set(p.communes.map(([, n]) => n)).size).toBe(p.communes.length);
    }
  });

  it('stores every name in NFC', () => {
    const texts = [
      ...PROVINCES.flatMap((p) => [
        p.name,
        p.formalName,
        p.hamlet,
        p.alley,
        ...(p.streets ?? []),
        ...p.communes.flat(),
      ]),
      ...COMMON_STREETS,
      ...FAMILY_NAMES.map(([n]) => n),
      ...MIDDLE_NAMES.male.map(([n]) => n),
      ...MIDDLE_NAMES.female.map(([n]) => n),
      ...GIVEN_NAMES.male.map(([n]) => n),
      ...GIVEN_NAMES.female.map(([n]) => n),
      ...DEPARTMENTS.flatMap((d) => [d.name, ...d.offices.map((o) => o.name)]),
      ...PROCEDURES.flatMap((p) => [
        p.name,
        p.fieldName,
        p.result.name,
        ...p.documents.map((d) => d.name),
        ...p.fees.map((f) => f.name),
      ]),
    ];
    const decomposed = texts.filter((t) => !isNfc(t));
    expect(decomposed).toEqual([]);
  });
});

describe('names', () => {
  it('gives Nguyễn its real weight and includes names that need đ folding', () => {
    const total = FAMILY_NAMES.reduce((s, [, w]) => s + w, 0);
    const nguyen = (FAMILY_NAMES.find(([n]) => n === 'Nguyễn')?.[1] ?? 0) / total;
    expect(nguyen).toBeGreaterThan(0.35);
    expect(nguyen).toBeLessThan(0.42);
    for (const name of [
      'Trần',
      'Lê',
      'Phạm',
      'Hoàng',
      'Huỳnh',
      'Phan',
      'Vũ',
      'Võ',
      'Đặng',
      'Bùi',
      'Đỗ',
      'Hồ',
      'Ngô',
      'Dương',
      'Lý',
    ]) {
      expect(FAMILY_NAMES.map(([n]) => n)).toContain(name);
    }
    for (const name of ['Anh', 'Dũng', 'Đức', 'Tuấn', 'Ân', 'Ơn']) {
      expect(GIVEN_NAMES.male.map(([n]) => n)).toContain(name);
    }
    for (const name of ['Hương', 'Lan', 'Hạnh', 'Ánh', 'Ân']) {
      expect(GIVEN_NAMES.female.map(([n]) => n)).toContain(name);
    }
  });
});

describe('procedures', () => {
  it('has a catalogue of at least 25 procedures with unique national-format codes', () => {
    expect(PROCEDURES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(PROCEDURES.map((p) => p.code)).size).toBe(PROCEDURES.length);
    for (const p of PROCEDURES) {
      expect(p.code).toMatch(/^[12]\.\d{6}$/);
      expect(p.name.length).toBeLessThanOrEqual(200);
      expect(p.workingDays).toBeGreaterThanOrEqual(1);
      expect(p.weight).toBeGreaterThan(0);
      expect(p.ages[0]).toBeLessThanOrEqual(p.ages[1]);
      expect(p.documents.length).toBeGreaterThan(0);
      for (const f of [...p.fees, ...(p.obligations ?? [])]) {
        const amounts = typeof f.amount === 'number' ? [f.amount] : [...f.amount];
        for (const a of amounts) expect(Number.isInteger(a) && a > 0).toBe(true);
      }
    }
    const names = PROCEDURES.map((p) => p.name);
    const expected = [
      'Đăng ký khai sinh',
      'Đăng ký kết hôn',
      'Đăng ký thường trú',
      'Cấp đổi giấy phép lái xe',
      'Cấp giấy phép xây dựng',
      'Đăng ký thành lập công ty',
      'Đăng ký thành lập hộ kinh doanh',
      'cấp Giấy chứng nhận quyền sử dụng đất',
      'Cấp Phiếu lý lịch tư pháp',
    ];
    for (const e of expected) expect(names.some((n) => n.includes(e))).toBe(true);
    expect(PROCEDURES.find((p) => p.name === 'Đăng ký khai sinh')?.code).toBe('1.001193');
    expect(new Set(PROCEDURES.map((p) => p.serviceLevel))).toEqual(new Set(['full', 'partial']));
  });

  it('sends each procedure to an office that exists in its agency', () => {
    const communeOffices = new Set(COMMUNE_OFFICES.map((o) => o.key));
    for (const p of PROCEDURES) {
      if (p.agency === 'commune') {
        expect(communeOffices.has(p.office as never), `${p.code} → ${p.office}`).toBe(true);
      } else {
        const dept = DEPARTMENTS.find((d) => d.key === p.agency);
        expect(
          dept?.offices.map((o) => o.key),
          `${p.code} → ${p.agency}/${p.office}`,
        ).toContain(p.office);
      }
    }
  });

  it('writes complaint themes with every classification represented', () => {
    const classes = new Set(COMPLAINT_THEMES.flatMap((t) => t.classifications.map(([c]) => c)));
    expect(classes).toEqual(
      new Set(['not_admissible', 'staff_conduct', 'within_authority', 'outside_authority']),
    );
  });
});

describe('text helpers', () => {
  it('folds Vietnamese to ascii, including đ and Đ, whatever the input normalisation', () => {
    expect(foldAscii('Nguyễn Văn Đức')).toBe('Nguyen Van Duc');
    expect(foldAscii('Nguyễn Văn Đức'.normalize('NFD'))).toBe('Nguyen Van Duc');
    expect(slugAscii('Đặng Thị Ánh')).toBe('dangthianh');
    expect(formatDong(2_000_000)).toBe('2.000.000');
    expect(formatDong(135_000)).toBe('135.000');
    expect(formatDong(999)).toBe('999');
  });

  it('computes the tax-code check digit of real enterprise codes', () => {
    // Published codes: Vietcombank 0100112437, FPT 0101248141, Vinamilk 0300588569.
    expect(taxCheckDigit('010011243')).toBe(7);
    expect(taxCheckDigit('010124814')).toBe(1);
    expect(taxCheckDigit('030058856')).toBe(9);
  });
});
