import { foldVietnamese } from '@shared/domain/text';

/**
 * Search folding for the FTS5 index and for highlighting. The index and the query are both
 * folded with the shared foldVietnamese (NFD, no marks, đ→d, lower case), and cut into tokens the
 * way FTS5's unicode61 tokenizer cuts them: runs of letters and digits, everything else a
 * separator. Highlighting needs the same folding one character at a time, so that a match found
 * in folded text maps back to the characters of the original ("Đức" for "duc").
 */

const TOKEN = /[\p{L}\p{N}]+/gu;
const MARK = /\p{M}/u;
const MARKS = /\p{M}/gu;
const D_STROKE = /[đð]/g;

/** Decomposed text made of Latin letters and their combining accents only (as Vietnamese is). */
const LATIN_DECOMPOSED = /^[\t\n\r\u0020-\u036f]*$/;
const COMBINING_ACCENTS = /[\u0300-\u036f]/g;
const ASCII = /^[\t\n\r\u0020-\u007f]*$/;
const ASCII_TOKEN = /[a-z0-9]+/g;

/**
 * Folded tokens of a text, in order: foldVietnamese, then runs of letters and digits. Indexing a
 * million records calls this for every field, so text whose decomposed form is Latin letters
 * and accents (all Vietnamese) takes a path without Unicode property classes, which cost five
 * times more; it gives the same tokens (fold.test.ts checks), and other text takes the general
 * path.
 */
export function searchTokens(text: string): string[] {
  const decomposed = text.normalize('NFD');
  if (LATIN_DECOMPOSED.test(decomposed)) {
    const folded = decomposed.replace(COMBINING_ACCENTS, '').toLowerCase().replace(D_STROKE, 'd');
    if (ASCII.test(folded)) return folded.match(ASCII_TOKEN) ?? [];
  }
  return searchTokensSlow(text);
}

/** The definition searchTokens must agree with. */
export function searchTokensSlow(text: string): string[] {
  return foldVietnamese(text).match(TOKEN) ?? [];
}

export function isDigits(token: string): boolean {
  return /^[0-9]+$/.test(token);
}

const charCache = new Map<string, string>();

/** The folded form of one code point ('' for a combining mark of decomposed input). */
function foldChar(c: string): string {
  let folded = charCache.get(c);
  if (folded === undefined) {
    folded = c.normalize('NFD').replace(MARKS, '').toLowerCase().replace(D_STROKE, 'd');
    if (charCache.size < 10_000) charCache.set(c, folded);
  }
  return folded;
}

export interface FoldedText {
  /** The folded text, one fold per original code point (whitespace kept as it is). */
  readonly text: string;
  /** For each UTF-16 unit of `text`: where its code point starts in the original. */
  readonly starts: Int32Array;
  /** For each UTF-16 unit of `text`: where its code point ends in the original. */
  readonly ends: Int32Array;
  readonly original: string;
}

export function foldWithOffsets(original: string): FoldedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const c of original) {
    const folded = foldChar(c);
    for (let k = 0; k < folded.length; k++) {
      starts.push(i);
      ends.push(i + c.length);
    }
    text += folded;
    i += c.length;
  }
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends), original };
}

/**
 * The original range [start, end) behind folded units [from, to), widened over any combining
 * marks that follow (decomposed input), so a highlight never splits a letter from its accents.
 */
export function originalRange(f: FoldedText, from: number, to: number): [number, number] {
  const start = f.starts[from] ?? 0;
  let end = f.ends[to - 1] ?? start;
  while (end < f.original.length && MARK.test(f.original[end] ?? '')) end++;
  return [start, end];
}

export interface FoldedToken {
  /** Folded token text. */
  readonly token: string;
  /** Offsets of the token in the folded text. */
  readonly from: number;
  readonly to: number;
}

export function tokensWithOffsets(f: FoldedText): FoldedToken[] {
  const out: FoldedToken[] = [];
  for (const m of f.text.matchAll(TOKEN)) {
    out.push({ token: m[0], from: m.index, to: m.index + m[0].length });
  }
  return out;
}
