import { foldVietnamese } from '@shared/domain/text';

/**
 * Fuzzy matching for the command palette, without diacritics: "phan cong" finds "Phân công xử lý",
 * "qh" finds "Quá hạn". Text is folded the way shared/domain folds it for search (NFD, marks
 * dropped, đ → d, lower case), one character at a time so that matched positions point back into
 * the original label for highlighting.
 */

export interface FoldedText {
  /** The folded characters, one per original UTF-16 unit that produced any. */
  readonly chars: string;
  /** For each folded character, the index of the original character it came from. */
  readonly origin: readonly number[];
}

export function foldWithOrigins(text: string): FoldedText {
  let chars = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    // Each original character folds on its own; whitespace becomes one plain space.
    const folded = /\s/u.test(char) ? ' ' : foldVietnamese(char);
    for (const c of folded) {
      chars += c;
      origin.push(index);
    }
    index += char.length;
  }
  return { chars, origin };
}

export interface Match {
  readonly score: number;
  /** Indices in the original text of the characters that matched, ascending. */
  readonly positions: readonly number[];
}

const WORD_START_BONUS = 8;
const CONSECUTIVE_BONUS = 5;
const FIRST_CHAR_BONUS = 6;
const GAP_PENALTY = 1;

function isWordStart(chars: string, i: number): boolean {
  return i === 0 || chars[i - 1] === ' ' || chars[i - 1] === '-' || chars[i - 1] === '/';
}

/**
 * Every character of the query, in order, somewhere in the text (spaces in the query are free).
 * Among the ways to match, prefers word starts and runs: a small dynamic programme over the
 * (short) label, so "xl" scores "Xử lý" above "Xin lỗi… lại". Null when the text does not match.
 */
export function fuzzyMatch(query: string, text: string): Match | null {
  const q = foldVietnamese(query).replace(/\s+/g, '');
  if (q === '') return { score: 0, positions: [] };
  const { chars, origin } = foldWithOrigins(text);
  const n = chars.length;
  const m = q.length;
  if (m > n) return null;

  // best[j][i]: best score matching q[0..j] with q[j] at chars[i]; from[j][i]: where q[j-1] was.
  const NONE = Number.NEGATIVE_INFINITY;
  const best: number[][] = [];
  const from: number[][] = [];
  for (let j = 0; j < m; j += 1) {
    const row = new Array<number>(n).fill(NONE);
    const back = new Array<number>(n).fill(-1);
    // Best of the previous row over indices < i, carried along as i grows.
    let runningBest = NONE;
    let runningAt = -1;
    for (let i = 0; i < n; i += 1) {
      if (j > 0 && i > 0) {
        const previous = best[j - 1]?.[i - 1] ?? NONE;
        // A gap costs by its length, so the running best is penalised as it ages.
        if (previous > runningBest - GAP_PENALTY) {
          runningBest = previous;
          runningAt = i - 1;
        } else {
          runningBest -= GAP_PENALTY;
        }
      }
      if (chars[i] !== q[j]) continue;
      let score = 1 + (isWordStart(chars, i) ? WORD_START_BONUS : 0);
      if (j === 0) {
        if (i === 0) score += FIRST_CHAR_BONUS;
        row[i] = score - i * 0.1;
        continue;
      }
      const consecutive = best[j - 1]?.[i - 1] ?? NONE;
      const viaRun = consecutive === NONE ? NONE : consecutive + score + CONSECUTIVE_BONUS;
      const viaGap = runningBest === NONE ? NONE : runningBest + score;
      if (viaRun === NONE && viaGap === NONE) continue;
      if (viaRun >= viaGap) {
        row[i] = viaRun;
        back[i] = i - 1;
      } else {
        row[i] = viaGap;
        back[i] = runningAt;
      }
    }
    best.push(row);
    from.push(back);
  }

  const last = best[m - 1] ?? [];
  let end = -1;
  let score = NONE;
  for (let i = 0; i < n; i += 1) {
    const value = last[i] ?? NONE;
    if (value > score) {
      score = value;
      end = i;
    }
  }
  if (end < 0) return null;
  const folded: number[] = [];
  for (let j = m - 1, i = end; j >= 0 && i >= 0; j -= 1) {
    folded.push(i);
    i = from[j]?.[i] ?? -1;
  }
  const positions = [...new Set(folded.reverse().map((i) => origin[i] ?? 0))];
  // Shorter labels win ties: "Quá hạn" before "Quá hạn trong đơn vị khác".
  return { score: score - n * 0.01, positions };
}

export interface Ranked<T> {
  readonly item: T;
  readonly match: Match;
}

/** The items whose label matches, best first; stable for equal scores. */
export function rankByLabel<T>(
  items: readonly T[],
  query: string,
  label: (item: T) => string,
): Ranked<T>[] {
  const ranked: (Ranked<T> & { order: number })[] = [];
  items.forEach((item, order) => {
    const match = fuzzyMatch(query, label(item));
    if (match) ranked.push({ item, match, order });
  });
  if (foldVietnamese(query).trim() === '')
    return ranked.map(({ item, match }) => ({ item, match }));
  return ranked
    .sort((a, b) => b.match.score - a.match.score || a.order - b.order)
    .map(({ item, match }) => ({ item, match }));
}

/** Splits a label into runs for rendering, marking the matched characters. */
export function markPositions(
  text: string,
  positions: readonly number[],
): { readonly text: string; readonly hit: boolean }[] {
  if (positions.length === 0) return [{ text, hit: false }];
  const hits = new Set(positions);
  const runs: { text: string; hit: boolean }[] = [];
  let index = 0;
  for (const char of text) {
    const hit = hits.has(index);
    const lastRun = runs[runs.length - 1];
    if (lastRun && lastRun.hit === hit) lastRun.text += char;
    else runs.push({ text: char, hit });
    index += char.length;
  }
  return runs;
}
