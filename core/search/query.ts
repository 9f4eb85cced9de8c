import { foldVietnamese } from '@shared/domain/text';
import { BODY_MARK, JOINED_NAME_MARK } from './documents';
import { isDigits } from './fold';

/**
 * From what the officer typed to FTS5 MATCH expressions. User text never reaches FTS5 as
 * syntax: it is folded, cut into tokens of letters and digits (quotes, *, -, ^, :, parentheses
 * are separators, so they vanish), and every token is written back as a quoted FTS5 string, in
 * which AND, OR, NOT and NEAR are plain words. Tokens typed together ("260202-0012") form one
 * phrase, so a number's pieces must be adjacent; separate words are ANDed.
 *
 * The last word is a prefix while the officer is still typing it (no trailing space). A prefix
 * query merges the lists of every matching term up front, so very short prefixes are not worth
 * it: a last word of one letter (or of one or two digits) is left out until the next keystroke;
 * the joined-name query still uses it.
 */

/** Most words and tokens a query uses; more are ignored (a pasted paragraph is not a query). */
export const MAX_QUERY_WORDS = 8;
export const MAX_QUERY_TOKENS = 16;

export interface QueryWord {
  tokens: string[];
  /** Matched as a prefix (the word being typed). */
  prefix: boolean;
}

export interface ParsedQuery {
  /** Words as typed, after folding; the last one may have been shortened (see above). */
  words: QueryWord[];
  /** Every token, in order, the short last one included (for the joined name and highlights). */
  allTokens: string[];
  /** Whether the last token is still being typed. */
  open: boolean;
  /** All tokens are digits: the query may be a phone, an ID or a number typed in pieces. */
  digitsOnly: boolean;
  /** The digits of a digits-only query, joined, when at least 4. */
  compactDigits: string | null;
}

const MARKS = [BODY_MARK, JOINED_NAME_MARK];

function prefixWorthy(token: string): boolean {
  if (MARKS.some((m) => token.startsWith(m))) return false;
  return isDigits(token) ? token.length >= 3 : token.length >= 2;
}

export function parseQuery(text: string): ParsedQuery | null {
  const folded = foldVietnamese(text);
  if (!folded) return null;
  const open = !/\s$/u.test(text);
  let budget = MAX_QUERY_TOKENS;
  const words: QueryWord[] = [];
  for (const chunk of folded.split(' ').slice(0, MAX_QUERY_WORDS)) {
    const tokens = (chunk.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, budget);
    budget -= tokens.length;
    if (tokens.length > 0) words.push({ tokens, prefix: false });
    if (budget <= 0) break;
  }
  const allTokens = words.flatMap((w) => w.tokens);
  if (allTokens.length === 0) return null;
  const last = words[words.length - 1];
  const lastToken = last?.tokens[last.tokens.length - 1];
  if (last && lastToken !== undefined && open) {
    if (prefixWorthy(lastToken)) last.prefix = true;
    else if (allTokens.length > 1) {
      // Too short to be a useful prefix: wait for the next keystroke rather than merge the
      // lists of every term starting with "d".
      last.tokens.pop();
      if (last.tokens.length === 0) words.pop();
    }
  }
  const digitsOnly = allTokens.every(isDigits);
  const joined = allTokens.join('');
  return {
    words: words.filter((w) => w.tokens.length > 0),
    allTokens,
    open,
    digitsOnly,
    compactDigits: digitsOnly && joined.length >= 4 ? joined : null,
  };
}

/** A quoted FTS5 string; tokens hold only letters and digits, the doubling is belt and braces. */
function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function phrase(tokens: readonly string[], prefix: boolean, mark = ''): string {
  return quote(tokens.map((t) => mark + t).join(' ')) + (prefix ? '*' : '');
}

/** Alternatives for digits typed in pieces or with a country code: "0912 345 678", "+84 912…". */
function digitAlternatives(q: ParsedQuery): string[] {
  const digits = q.compactDigits;
  if (digits === null || q.allTokens.length < 2) {
    if (digits !== null && digits.startsWith('84') && digits.length >= 11) {
      return [phrase([`0${digits.slice(2)}`], q.open)];
    }
    return [];
  }
  const out = [phrase([digits], q.open)];
  if (digits.startsWith('84') && digits.length >= 11)
    out.push(phrase([`0${digits.slice(2)}`], q.open));
  return out;
}

/** Every word in numbers, ID numbers, phones or names (not in summaries). */
export function identityMatch(q: ParsedQuery): string | null {
  if (q.words.length === 0) return null;
  const main = q.words.map((w) => phrase(w.tokens, w.prefix)).join(' AND ');
  const alternatives = digitAlternatives(q);
  return alternatives.length ? [`(${main})`, ...alternatives].join(' OR ') : main;
}

/**
 * A name typed from its start, in order, while it is being typed ("nguyen van d"): one prefix
 * on the joined name. Once the last word is finished (trailing space) it must match whole, which
 * the joined form cannot tell, so the word-by-word query answers.
 */
export function joinedNameMatch(q: ParsedQuery): string | null {
  if (!q.open || q.allTokens.length < 2 || q.allTokens.some(isDigits)) return null;
  return phrase([JOINED_NAME_MARK + q.allTokens.join('')], true);
}

/** Every word anywhere: in an identity field or in the summary, title or content. */
export function anywhereMatch(q: ParsedQuery): string | null {
  if (q.words.length === 0) return null;
  const main = q.words
    .map((w) => `(${phrase(w.tokens, w.prefix)} OR ${phrase(w.tokens, w.prefix, BODY_MARK)})`)
    .join(' AND ');
  const alternatives = digitAlternatives(q);
  return alternatives.length ? [`(${main})`, ...alternatives].join(' OR ') : main;
}

/** The phrases of an expression built here (each quoted string, with its `*` if any). */
export function expressionPhrases(match: string): string[] {
  return [...new Set(match.match(/"(?:[^"]|"")*"\*?/g) ?? [])];
}
