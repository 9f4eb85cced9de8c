import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldVietnamese } from '@shared/domain/text';
import { searchDocument, numberCompactForms } from './documents';
import { dossierKind } from '@shared/kinds';
import {
  foldWithOffsets,
  originalRange,
  searchTokens,
  searchTokensSlow,
  tokensWithOffsets,
} from './fold';
import { anywhereMatch, identityMatch, joinedNameMatch, parseQuery } from './query';

describe('search folding', () => {
  const VIETNAMESE = [
    ...'aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ',
    ...'AÀÁĂẮÂẤĐÊỆÔỐƠỚƯỨ0123456789',
    ' ',
    ' ',
    '-',
    '.',
    ',',
    '/',
    '(',
  ];
  const text = fc
    .array(fc.constantFrom(...VIETNAMESE), { maxLength: 40 })
    .map((cs) => cs.join(''))
    .chain((s) => fc.constantFrom(s, s.normalize('NFD')));

  it('cuts the same tokens per character as foldVietnamese does on the whole text (property)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const folded = foldWithOffsets(s);
        expect(tokensWithOffsets(folded).map((t) => t.token)).toEqual(searchTokens(s));
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  it('maps every folded token back to original text that folds to it (property)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const folded = foldWithOffsets(s);
        for (const t of tokensWithOffsets(folded)) {
          const [start, end] = originalRange(folded, t.from, t.to);
          expect(foldVietnamese(s.slice(start, end))).toBe(t.token);
        }
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it("takes its fast path only where it gives foldVietnamese's tokens (property)", () => {
    const any = fc.oneof(
      text,
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...'aĐđðßøłÆİıΣσς̣̀ ́ 9٣ｱ-'), maxLength: 20 }),
    );
    fc.assert(
      fc.property(any, (s) => {
        expect(searchTokens(s)).toEqual(searchTokensSlow(s));
      }),
      { seed: 13, numRuns: 2000 },
    );
  });

  it('folds đ and Đ to d, which FTS5 itself never does', () => {
    expect(searchTokens('Đặng Đức đi')).toEqual(['dang', 'duc', 'di']);
  });

  it('indexes a dossier number in its compact forms too', () => {
    expect(numberCompactForms('000.00.01.H22-260202-0012')).toEqual([
      '2602020012',
      '0000001h222602020012',
    ]);
    expect(
      searchDocument(dossierKind, {
        number: '000.00.01.H22-260202-0012',
        applicantName: 'Nguyễn Văn Đức',
        applicantIdNumber: '001090012345',
        phone: '0912 345 678',
        summary: 'Đăng ký khai sinh',
      }),
    ).toEqual({
      ref: '000 00 01 h22 260202 0012 2602020012 0000001h222602020012 001090012345 0912 345 678 0912345678',
      name: 'nguyen van duc qznguyenvanduc',
      body: 'qqdang qqky qqkhai qqsinh',
    });
  });
});

describe('search query builder', () => {
  it('quotes every token, makes the word being typed a prefix, and groups pieces of a word', () => {
    const q = parseQuery('Nguyễn Văn Đứ');
    expect(q && identityMatch(q)).toBe('"nguyen" AND "van" AND "du"*');
    expect(q && joinedNameMatch(q)).toBe('"qznguyenvandu"*');
    expect(q && anywhereMatch(q)).toBe(
      '("nguyen" OR "qqnguyen") AND ("van" OR "qqvan") AND ("du"* OR "qqdu"*)',
    );
    const number = parseQuery('260202-0012');
    expect(number && identityMatch(number)).toBe('("260202 0012"*) OR "2602020012"*');
  });

  it('leaves a one-letter last word out, but keeps it in the joined name', () => {
    const q = parseQuery('nguyen van d');
    expect(q && identityMatch(q)).toBe('"nguyen" AND "van"');
    expect(q && joinedNameMatch(q)).toBe('"qznguyenvand"*');
    expect(parseQuery('nguyen van d ')?.words.map((w) => w.tokens)).toEqual([
      ['nguyen'],
      ['van'],
      ['d'],
    ]);
  });

  it('adds the digits joined up for a phone typed in groups, and the national form of +84', () => {
    const q = parseQuery('0912 345 678');
    expect(q && identityMatch(q)).toBe('("0912" AND "345" AND "678"*) OR "0912345678"*');
    const intl = parseQuery('+84 912 345 678');
    expect(intl && identityMatch(intl)).toContain('"0912345678"*');
    const whole = parseQuery('+84912345678');
    expect(whole && identityMatch(whole)).toBe('("84912345678"*) OR "0912345678"*');
  });

  it('keeps operators, column filters and quotes as plain words', () => {
    const q = parseQuery('name:duc NEAR(a b) "x" -y ^z *');
    expect(q?.allTokens).toEqual(['name', 'duc', 'near', 'a', 'b', 'x', 'y', 'z']);
    // The text ends while "z" is being typed, and one letter is too short a prefix.
    expect(q && identityMatch(q)).toBe('"name duc" AND "near a" AND "b" AND "x" AND "y"');
  });

  it('has nothing to search in blank or punctuation-only text', () => {
    for (const text of ['', '   ', '-- .. **', '"']) expect(parseQuery(text)).toBeNull();
  });

  it('bounds the words of a pasted paragraph', () => {
    const q = parseQuery('một hai ba bốn năm sáu bảy tám chín mười mười một');
    expect(q?.words.length).toBe(8);
  });

  const fts = new Database(':memory:');
  fts.exec(`CREATE VIRTUAL TABLE t USING fts5(ref, name, body, content='', contentless_delete=1)`);
  const run = fts.prepare('SELECT rowid FROM t WHERE t MATCH ?');
  afterAll(() => fts.close());

  it('builds expressions FTS5 always accepts, whatever was typed (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const q = parseQuery(text);
        if (!q) return;
        for (const expr of [identityMatch(q), joinedNameMatch(q), anywhereMatch(q)]) {
          if (expr !== null) expect(() => run.all(expr)).not.toThrow();
        }
      }),
      { seed: 5, numRuns: 1000 },
    );
  });
});
