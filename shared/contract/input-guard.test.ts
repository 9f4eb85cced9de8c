import { describe, expect, it } from 'vitest';
import { isStorableText, storableText } from '../model/text';
import { inputProblem, jsonNestingExceeds, MAX_INPUT_DEPTH } from './input-guard';

describe('storable text', () => {
  it('refuses NUL and half surrogate pairs, keeps whole pairs and Vietnamese', () => {
    expect(isStorableText('Nguyễn Văn Đức 😀')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\ud83d')).toBe(false);
    expect(isStorableText('\ude00x')).toBe(false);
    expect(isStorableText('x\ud83d\ude00')).toBe(true);
    expect(isStorableText('x'.repeat(5_000_000))).toBe(true);
  });

  it('is a bounded schema whose bound is checked before the characters', () => {
    const schema = storableText(10).min(1);
    expect(schema.safeParse('Đức').success).toBe(true);
    const nul = schema.safeParse('a\u0000');
    expect(nul.error?.issues[0]?.message).toContain('cannot be stored');
    // A huge string is refused by its length alone: the character check never sees it.
    const huge = schema.safeParse('\u0000'.repeat(20_000_000));
    expect(huge.error?.issues.map((i) => i.code)).toEqual(['too_big']);
  });
});

describe('inputProblem', () => {
  it('names the first unstorable string by its path, keys included', () => {
    expect(inputProblem({ filter: { status: [1, 'a\u0000'] } })).toMatchObject({
      path: 'filter.status[1]',
    });
    expect(inputProblem({ a: { 'k\u0000': 1 } })).toMatchObject({ path: 'a."k\\u0000"' });
    expect(inputProblem({ a: 'x', b: ['y', { c: 'z' }] })).toBeNull();
  });

  it('refuses __proto__ keys as unknown fields, wherever they are', () => {
    const parsed = JSON.parse('{"action":{"type":"x","__proto__":{"a":1}}}') as unknown;
    expect(inputProblem(parsed)).toEqual({ path: 'action.__proto__', message: 'unknown field' });
  });

  it('stops at the depth bound without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputProblem({ value: deep })?.message).toContain(`${MAX_INPUT_DEPTH} levels`);
    let fine: unknown = 1;
    for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) fine = [fine];
    expect(inputProblem({ value: fine })).toBeNull();
  });
});

describe('jsonNestingExceeds', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonNestingExceeds('['.repeat(65) + ']'.repeat(65))).toBe(true);
    expect(jsonNestingExceeds('['.repeat(64) + ']'.repeat(64))).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ a: '['.repeat(500) }))).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ a: '\\"[[[[' + '['.repeat(100) }))).toBe(false);
  });
});
