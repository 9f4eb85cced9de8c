import { z } from 'zod';

/**
 * Text that every store this product writes can keep as it was typed.
 *
 * PostgreSQL cannot hold U+0000 in `text` or `json` values ("invalid byte sequence for encoding
 * UTF8: 0x00"), so a NUL reaching the central API's database used to fail the whole request
 * instead of refusing the field. A lone UTF-16 surrogate has no UTF-8 form at all: drivers turn
 * it into U+FFFD (the stored text silently differs from what was sent) and `jsonb` refuses its
 * escape. Neither is ever typed by an officer or filed by a citizen, so the shared schemas refuse
 * both at the boundary, naming the field, on every layer (the client's forms and contract, the
 * sync protocol, the central API).
 */

// Every code unit but NUL and the surrogates, or a whole surrogate pair. Without the `u` flag a
// surrogate is one code unit, so a half pair cannot match. A regex check is the cheapest check
// zod runs, and this one runs on every string of every record a feed page carries; it backtracks
// per character, so it only ever sees strings already within their bound (see storableText).
// eslint-disable-next-line no-control-regex -- refusing NUL is the point
const STORABLE = /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

export const UNSTORABLE_TEXT_MESSAGE =
  'contains a character that cannot be stored (a NUL, or half of a surrogate pair)';

/** Whether `value` holds no NUL and no lone surrogate (any length: a plain loop). */
export function isStorableText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/**
 * A string of at most `max` code units that the stores can keep. The bound is checked first and
 * stops the parse when it fails, so the character check never runs on oversized input.
 */
export function storableText(max: number) {
  return z.string().max(max, { abort: true }).regex(STORABLE, { error: UNSTORABLE_TEXT_MESSAGE });
}
