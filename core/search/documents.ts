import type { RecordKind } from '@shared/kinds';
import { searchTokens } from './fold';

/**
 * What the search index holds for each record, as the columns of the FTS5 tables
 * `dossier_search` and `complaint_search` (migration 3): `ref` (dossier or complaint number, ID
 * number, phone), `name` (applicant or sender) and `body` (summary, or title and content). Text is folded in code (see fold.ts), and
 * three kinds of extra tokens make the common queries cheap:
 *  - compact numbers: "000.00.01.H22-260202-0012" is also indexed as "2602020012" (date and
 *    sequence) and "0000001h222602020012", so a number typed without its punctuation matches;
 *  - the joined name "qz" + "nguyenvanduc": a name typed in order ("nguyen van d") becomes one
 *    selective prefix query instead of an intersection of huge lists ("nguyen" is in 4 records of
 *    10);
 *  - body words carry the prefix "qq" ("qqdang qqky" for "Đăng ký"), so names and numbers live in
 *    a token space of their own: "dang" finds Đặng without wading through every "đăng ký".
 * No real Vietnamese token starts with "qq" or "qz".
 */

export const JOINED_NAME_MARK = 'qz';
export const BODY_MARK = 'qq';

/**
 * Each kind has its own FTS table (its storage's `search.table`: dossiers are a million,
 * complaints thousands, and a complaint search should not wade through dossier postings; FTS5
 * filters a rowid range only after building a query's candidate lists). The FTS rowid runs
 * backwards from the record's own rowid, so FTS5's natural (ascending) order visits the most
 * recently stored records first and "the newest N matches" is a cheap LIMIT, not a sort.
 */
export const SEARCH_ROWID_TOP = 2 ** 50;

export function searchRowid(recordRowid: number): number {
  return SEARCH_ROWID_TOP - recordRowid;
}

export interface SearchDocument {
  ref: string;
  name: string;
  body: string;
}

/**
 * Compact forms of a record number: what follows its agency code ("2602020012" for
 * "000.00.01.H22-260202-0012": date and sequence, what officers type most) and all of it.
 */
export function numberCompactForms(number: string): string[] {
  return numberForms(number).compact;
}

/** Tokens of a record number and its compact forms. */
export function numberTokens(number: string): string[] {
  const { tokens, compact } = numberForms(number);
  const out = [...tokens];
  for (const form of compact) if (!out.includes(form)) out.push(form);
  return out;
}

function numberForms(number: string): { tokens: string[]; compact: string[] } {
  const tokens = searchTokens(number);
  const compact: string[] = [];
  const dash = number.indexOf('-');
  if (dash >= 0) {
    const tail = searchTokens(number.slice(dash + 1)).join('');
    if (tail) compact.push(tail);
  }
  const full = tokens.join('');
  if (full && !compact.includes(full)) compact.push(full);
  return { tokens, compact };
}

/** Digits of a phone number, as typed in any format. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D+/g, '');
}

function refColumn(number: string, ...identifiers: string[]): string {
  const out = numberTokens(number);
  for (const id of identifiers) {
    for (const t of searchTokens(id)) out.push(t);
    const digits = phoneDigits(id);
    if (digits.length >= 4 && !out.includes(digits)) out.push(digits);
  }
  return out.join(' ');
}

function nameColumn(name: string): string {
  const tokens = searchTokens(name);
  if (tokens.length === 0) return '';
  return `${tokens.join(' ')} ${JOINED_NAME_MARK}${tokens.join('')}`;
}

function bodyColumn(...texts: string[]): string {
  const out: string[] = [];
  for (const text of texts) for (const t of searchTokens(text)) out.push(BODY_MARK + t);
  return out.join(' ');
}

/**
 * A record's search document, from the fields its kind searches (shared/kinds, `search`): the
 * identifiers (the record's number first) in `ref`, the person's name in `name`, the free text
 * in `body`.
 */
export function searchDocument(
  kind: Pick<RecordKind, 'search'>,
  fields: Readonly<Record<string, unknown>>,
): SearchDocument {
  const text = (field: string) => {
    const value = fields[field];
    return typeof value === 'string' ? value : '';
  };
  const [number = '', ...identifiers] = kind.search.identifiers.map(text);
  return {
    ref: refColumn(number, ...identifiers),
    name: nameColumn(text(kind.search.name)),
    body: bodyColumn(...kind.search.text.map(text)),
  };
}
