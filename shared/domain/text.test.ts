import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVietnamese, foldVietnamese, toNfc, vietnameseSortKey } from './text';

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const BASE: Record<string, string> = { ă: 'a', â: 'a', ê: 'e', ô: 'o', ơ: 'o', ư: 'u' };
/** No tone, huyền, sắc, hỏi, ngã, nặng. */
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

/** Every vowel with every tone, lower and upper case, in NFC: 144 letters, 132 of them not ASCII. */
const TONED = VOWELS.flatMap((v) =>
  TONES.flatMap((t) => {
    const lower = (v + t).normalize('NFC');
    return [lower, lower.toUpperCase()];
  }),
);
const LETTERS = [...TONED, 'đ', 'Đ'];

describe('Vietnamese search folding (DOMAIN.md §6)', () => {
  it('"nguyen van duc" finds "Nguyễn Văn Đức", whether stored NFC or typed NFD', () => {
    expect(foldVietnamese('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(foldVietnamese('Nguyễn Văn Đức'.normalize('NFD'))).toBe('nguyen van duc');
    expect(foldVietnamese('  TRẦN\tthị   BÍCH  ')).toBe('tran thi bich');
    // Ð (eth) is what old font converters wrote for Đ.
    expect(foldVietnamese('Ðức')).toBe('duc');
  });

  it('maps all 134 Vietnamese letters that are not ASCII (66 vowel forms × 2 cases, đ, Đ) to ASCII', () => {
    const nonAscii = LETTERS.filter((c) => c.charCodeAt(0) > 0x7f);
    expect(nonAscii).toHaveLength(134);
    for (const letter of LETTERS) {
      const folded = foldVietnamese(letter);
      expect(folded).toMatch(/^[a-z]$/);
      const base = [...letter.normalize('NFD').toLowerCase()][0] ?? '';
      expect(folded).toBe(letter === 'đ' || letter === 'Đ' ? 'd' : (BASE[base] ?? base));
    }
  });

  it('is idempotent and maps Vietnamese text to ASCII (property)', () => {
    const text = fc
      .array(fc.constantFrom(...LETTERS, ...'bcdghklmnpqrstvx  -'.split('')), { maxLength: 30 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, fc.boolean(), (s, nfd) => {
        const folded = foldVietnamese(nfd ? s.normalize('NFD') : s);
        expect(foldVietnamese(folded)).toBe(folded);
        expect(folded).toMatch(/^[\x20-\x7e]*$/);
        expect(folded).toBe(foldVietnamese(toNfc(s)));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('toNfc composes decomposed input', () => {
    expect(toNfc('Đức'.normalize('NFD'))).toBe('Đức');
    expect(toNfc('Đức'.normalize('NFD')).length).toBe(3);
  });
});

const byKey = (a: string, b: string): number => {
  const ka = vietnameseSortKey(a);
  const kb = vietnameseSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

describe('Vietnamese alphabetical order', () => {
  const NAMES = ['Đặng', 'Âm', 'Dương', 'Ăn', 'An', 'Ánh', 'Bình', 'Dung', 'anh'];
  const EXPECTED = ['An', 'anh', 'Ánh', 'Ăn', 'Âm', 'Bình', 'Dung', 'Dương', 'Đặng'];

  it('the collator sorts a ă â … d đ with tones second: An < Ánh < Ăn < Âm, Dương < Đặng', () => {
    expect([...NAMES].sort(compareVietnamese)).toEqual(EXPECTED);
  });

  it('the sort key gives the same order with plain binary comparison (SQLite ORDER BY)', () => {
    expect([...NAMES].sort(byKey)).toEqual(EXPECTED);
    expect([...NAMES].sort((a, b) => byKey(a, b))).toEqual([...NAMES].sort(compareVietnamese));
  });

  it('tones order as the vi collation does: none, huyền, hỏi, ngã, sắc, nặng; case is tertiary', () => {
    const words = ['mạ', 'má', 'mã', 'mả', 'mà', 'ma', 'Ma', 'MA'];
    const expected = ['ma', 'Ma', 'MA', 'mà', 'mả', 'mã', 'má', 'mạ'];
    expect([...words].sort(compareVietnamese)).toEqual(expected);
    expect([...words].sort(byKey)).toEqual(expected);
  });

  it('keys are ASCII, so UTF-8 byte order, code point order and code unit order agree', () => {
    expect(vietnameseSortKey('Nguyễn Văn Đức')).toMatch(/^[\x20-\x7e]*$/);
  });

  it('agrees with Intl.Collator("vi") on generated names (property, 20 000 pairs)', () => {
    const FAMILY = [
      'Nguyễn',
      'Trần',
      'Lê',
      'Phạm',
      'Hoàng',
      'Huỳnh',
      'Võ',
      'Vũ',
      'Đặng',
      'Bùi',
      'Đỗ',
      'Hồ',
      'Ngô',
      'Dương',
      'Lý',
      'Ưng',
      'Ông',
      'Âu',
      'Ân',
      'Ấu',
    ];
    const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thu', 'Quốc', 'Xuân', ''];
    const GIVEN = [
      'An',
      'Ánh',
      'Ăn',
      'Âm',
      'Anh',
      'Bình',
      'Cường',
      'Dũng',
      'Đạt',
      'Hà',
      'Hạ',
      'Hải',
      'Hùng',
      'Khoa',
      'Linh',
      'Lĩnh',
      'Mai',
      'Nga',
      'Ngà',
      'Nhung',
      'Oanh',
      'Phúc',
      'Quân',
      'Sơn',
      'Thảo',
      'Tuấn',
      'Uyên',
      'Ước',
      'Vy',
      'Xuyến',
      'Yến',
      'Ơn',
      'Ôn',
      'Ên',
      'Ê',
    ];
    const name = fc
      .tuple(
        fc.constantFrom(...FAMILY),
        fc.constantFrom(...MIDDLE),
        fc.constantFrom(...GIVEN),
        fc.constantFrom('lower', 'upper', 'as-is', 'nfd'),
      )
      .map(([f, m, g, style]) => {
        const s = [f, m, g].filter(Boolean).join(' ');
        if (style === 'lower') return s.toLowerCase();
        if (style === 'upper') return s.toUpperCase();
        return style === 'nfd' ? s.normalize('NFD') : s;
      });
    // Free-form strings too: any letter, tone, case, digit, space or ASCII punctuation.
    const ALPHABET = [
      ...LETTERS,
      ..."bcdghklmnpqrstvxfjwzBCDFGJWZ0123456789 -'.,()_".split(''),
      'ð',
      'Ð',
      'd\u0323',
      'x\u0300',
    ];
    const word = fc
      .array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: 8 })
      .map((c) => c.join(''));
    const text = fc.oneof(name, word);
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(byKey(a, b))).toBe(Math.sign(compareVietnamese(a, b)));
      }),
      { seed: 42, numRuns: 20_000 },
    );
  });

  it('sorting 5 000 generated names by key gives the collator’s order', () => {
    const rng = fc.sample(
      fc.tuple(
        fc.constantFrom('Nguyễn', 'Trần', 'Đặng', 'Dương', 'Âu', 'Ân', 'Ưng', 'Uông', 'Ông', 'Ôn'),
        fc.constantFrom('Văn', 'Thị', 'Đình', 'Ðức', 'Bá', 'Bà', 'Bả', 'Bã', 'Bá', 'Bạ'),
        fc.constantFrom('An', 'Ánh', 'Ăn', 'Âm', 'anh', 'ANH', 'Đạt', 'Dạt', 'Ðat'),
      ),
      { seed: 42, numRuns: 5000 },
    );
    const names = rng.map((parts) => parts.join(' '));
    const sortedByKey = [...names].sort(byKey);
    for (let i = 1; i < sortedByKey.length; i++) {
      expect(compareVietnamese(sortedByKey[i - 1] ?? '', sortedByKey[i] ?? '')).toBeLessThanOrEqual(
        0,
      );
    }
  });

  it('deliberate difference: characters outside the table sort after all letters', () => {
    // The collator puts the non-breaking space with the space; the key puts it after "z".
    expect(compareVietnamese('a\u00a0b', 'az')).toBeLessThan(0);
    expect(byKey('a\u00a0b', 'az')).toBeGreaterThan(0);
  });
});
