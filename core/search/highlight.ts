import type { TextRange } from '@shared/contract/api';
import { foldWithOffsets, isDigits, originalRange, tokensWithOffsets } from './fold';
import type { ParsedQuery } from './query';

/**
 * Highlight ranges on the original text: the UI shows "Nguyễn Văn **Đức**" for "duc". The text
 * is folded one character at a time (fold.ts) and cut into tokens the way the index cuts it; a
 * token equal to a query token is marked whole, and the token being typed marks the prefix it
 * matched ("**Đư**c" for "du"). Digits typed in pieces ("0912 345 678") are found in the run
 * of the field's digits, whatever punctuation the field has.
 */
export function highlightRanges(text: string, q: ParsedQuery): TextRange[] {
  if (!text) return [];
  const folded = foldWithOffsets(text);
  const ranges: TextRange[] = [];
  const tokens = new Set(q.allTokens);
  const last = q.allTokens[q.allTokens.length - 1] ?? '';
  for (const t of tokensWithOffsets(folded)) {
    if (tokens.has(t.token)) ranges.push(originalRange(folded, t.from, t.to));
    else if (q.open && last && t.token.startsWith(last)) {
      ranges.push(originalRange(folded, t.from, t.from + last.length));
    }
  }
  for (const digits of digitNeedles(q)) ranges.push(...digitRanges(folded, digits));
  return mergeRanges(ranges);
}

function digitNeedles(q: ParsedQuery): string[] {
  const digits = q.compactDigits;
  if (digits === null) return [];
  const out = q.allTokens.length > 1 ? [digits] : [];
  if (digits.startsWith('84') && digits.length >= 11) out.push(`0${digits.slice(2)}`);
  return out;
}

function digitRanges(folded: ReturnType<typeof foldWithOffsets>, needle: string): TextRange[] {
  const positions: number[] = [];
  let run = '';
  for (let i = 0; i < folded.text.length; i++) {
    const c = folded.text[i] ?? '';
    if (isDigits(c)) {
      positions.push(i);
      run += c;
    }
  }
  const out: TextRange[] = [];
  for (let at = run.indexOf(needle); at >= 0; at = run.indexOf(needle, at + needle.length)) {
    const from = positions[at] ?? 0;
    const to = (positions[at + needle.length - 1] ?? from) + 1;
    out.push(originalRange(folded, from, to));
  }
  return out;
}

/** Sorted, with overlapping or touching ranges joined. */
export function mergeRanges(ranges: readonly TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: TextRange[] = [];
  for (const [start, end] of sorted) {
    const prev = out[out.length - 1];
    if (prev && start <= prev[1]) prev[1] = Math.max(prev[1], end);
    else out.push([start, end]);
  }
  return out;
}

/**
 * An excerpt of a long text around its first highlight, with "…" where it was cut and the
 * ranges moved to the excerpt's offsets.
 */
export function excerpt(
  text: string,
  ranges: readonly TextRange[],
  width = 160,
): { text: string; ranges: TextRange[] } {
  if (text.length <= width) return { text, ranges: [...ranges] };
  const first = ranges[0];
  let start = first ? Math.max(0, first[0] - Math.floor(width / 4)) : 0;
  // Start at a word boundary, unless that would lose the highlight.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && first && space < first[0]) start = space + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start && (!first || space >= first[1])) end = space;
  }
  const head = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const shift = head.length - start;
  const inside = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): TextRange => [s + shift, e + shift]);
  return { text: head + text.slice(start, end) + tail, ranges: inside };
}
