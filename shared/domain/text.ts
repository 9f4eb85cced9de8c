/**
 * Vietnamese text: storage form, search folding, and sorting.
 *
 * Text is stored in NFC; input may arrive decomposed (NFD) from some keyboards and from macOS
 * file names. Search folds in code because SQLite cannot: FTS5's `remove_diacritics` never folds
 * đ/Đ, and SQLite's lower() and LIKE are ASCII-only.
 */

export function toNfc(s: string): string {
  return s.normalize('NFC');
}

const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE_RUN = /\s+/g;
/** đ, and ð (eth), which old font converters wrote for Đ in Vietnamese text. */
const D_STROKE = /[đð]/g;

/**
 * Folds text for diacritic-free search: "Nguyễn  Văn Đức" → "nguyen van duc". Decomposes, drops
 * combining marks (tones and the breve/circumflex/horn), lower-cases, maps đ (which has no
 * decomposition) and its look-alike ð to d, and collapses whitespace. Idempotent.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(D_STROKE, 'd')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

const collator = new Intl.Collator('vi');

/** Vietnamese alphabetical comparison (An, Ánh, Ăn, Âm, … Dương, Đặng …). */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}

// ---------------------------------------------------------------------------------------------
// Sort keys. A key is built like an ICU sort key, level by level:
//   primary weights (letters of the Vietnamese alphabet, ă â đ ê ô ơ ư being letters of their own),
//   then secondary weights (tones and other accents), then tertiary weights (case),
// each level closed by a separator below every weight, with trailing "plain" weights trimmed
// (safe because the separator sorts below the plain weight). Weights are ASCII characters, so a
// key's UTF-8 bytes (SQLite BINARY collation), code points and UTF-16 code units all order alike.
// ---------------------------------------------------------------------------------------------

const SEPARATOR = ' ';

/**
 * Primary order of the characters a name can hold, as ICU's root/vi collation orders them:
 * whitespace, punctuation and symbols, digits, then letters. Lists checked against
 * Intl.Collator('vi') in text.test.ts.
 */
const WHITESPACE_ORDER = '\t\n\u000b\f\r ';
const PUNCTUATION_ORDER = '_-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';
const DIGIT_ORDER = '0123456789';
const LETTER_ORDER = [
  'a',
  'ă',
  'â',
  'b',
  'c',
  'd',
  'đ',
  'e',
  'ê',
  'f',
  'g',
  'h',
  'i',
  'j',
  'k',
  'l',
  'm',
  'n',
  'o',
  'ô',
  'ơ',
  'p',
  'q',
  'r',
  's',
  't',
  'u',
  'ư',
  'v',
  'w',
  'x',
  'y',
  'z',
];

/** Primary weights from '!' (0x21) upward, one per character class member above. */
const PRIMARY = new Map<string, string>();
[...WHITESPACE_ORDER, ...PUNCTUATION_ORDER, ...DIGIT_ORDER, ...LETTER_ORDER].forEach((c, i) =>
  PRIMARY.set(c, String.fromCharCode(0x21 + i)),
);
/** Marks the start of a character outside the table: it sorts after every letter, by code point. */
const OTHER = String.fromCharCode(0x21 + PRIMARY.size);

const BREVE = '\u0306';
const CIRCUMFLEX = '\u0302';
const HORN = '\u031b';
/** Letter shapes that are letters of their own in Vietnamese (primary), by base letter and mark. */
const SHAPED = new Map<string, string>([
  ['a' + BREVE, 'ă'],
  ['a' + CIRCUMFLEX, 'â'],
  ['e' + CIRCUMFLEX, 'ê'],
  ['o' + CIRCUMFLEX, 'ô'],
  ['o' + HORN, 'ơ'],
  ['u' + HORN, 'ư'],
]);

/**
 * Secondary order of accents: the five tones as vi tailors them (huyền, hỏi, ngã, sắc, nặng),
 * then the other accents in the order ICU gives them; unknown marks come last.
 */
const ACCENT_ORDER = [
  '\u0300', // grave: huyền
  '\u0309', // hook above: hỏi
  '\u0303', // tilde: ngã
  '\u0301', // acute: sắc
  '\u0323', // dot below: nặng
  BREVE,
  '\u030c', // caron
  '\u030a', // ring
  '\u0308', // diaeresis
  '\u030b', // double acute
  '\u0307', // dot above
  '\u0327', // cedilla
  '\u0328', // ogonek
  '\u0304', // macron
  HORN,
  CIRCUMFLEX,
];
const PLAIN_SECONDARY = '!';
/**
 * ð (eth) is not Vietnamese, but old font converters wrote Ð for Đ. The collator sorts it as a d
 * with a variant weight of its own, above a plain letter and below every accent.
 */
const ETH = 'ð';
const ETH_SECONDARY = '"';
const SECONDARY = new Map(ACCENT_ORDER.map((m, i) => [m, String.fromCharCode(0x23 + i)]));
const OTHER_SECONDARY = String.fromCharCode(0x23 + ACCENT_ORDER.length);
const LOWER = '!';
const UPPER = '"';

const IS_MARK = /\p{M}/u;
const IS_IGNORABLE = /[\p{Cc}\p{Cf}]/u;

/**
 * A key whose plain binary order is Vietnamese alphabetical order, for ORDER BY on a TEXT column
 * at a million rows (SQLite has no ICU collation by default). Agrees with compareVietnamese on
 * names written with the Vietnamese alphabet, f j w z, ASCII digits, ASCII whitespace and ASCII
 * punctuation. Deliberate differences, where the collator's full tables would be needed: other
 * characters (other scripts, typographic quotes and dashes, non-breaking spaces) sort after all
 * letters in code point order, and accents other than those listed sort after the listed ones.
 */
export function vietnameseSortKey(s: string): string {
  let primary = '';
  let secondary = '';
  let tertiary = '';
  let secondaryEnd = 0;
  let tertiaryEnd = 0;
  const chars = [...s.normalize('NFD')];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (IS_IGNORABLE.test(c) && !WHITESPACE_ORDER.includes(c)) continue;
    const lower = c.toLowerCase();
    const eth = lower === ETH;
    let base = eth ? 'd' : lower;
    // Marks that follow the character: one may make a Vietnamese letter, the rest are accents.
    let j = i + 1;
    const accents: string[] = [];
    while (j < chars.length && IS_MARK.test(chars[j] ?? '')) {
      const mark = chars[j] ?? '';
      const shaped = SHAPED.get(base + mark);
      if (shaped !== undefined) base = shaped;
      else accents.push(mark);
      j++;
    }
    i = j - 1;
    const weight = PRIMARY.get(base);
    primary += weight ?? OTHER + base;
    if (eth) {
      secondary += ETH_SECONDARY;
      secondaryEnd = secondary.length;
    } else {
      secondary += PLAIN_SECONDARY;
    }
    for (const mark of accents) {
      secondary += SECONDARY.get(mark) ?? OTHER_SECONDARY;
      secondaryEnd = secondary.length;
    }
    tertiary += c === lower ? LOWER : UPPER;
    if (c !== lower) tertiaryEnd = tertiary.length;
  }
  return (
    primary +
    SEPARATOR +
    secondary.slice(0, secondaryEnd) +
    SEPARATOR +
    tertiary.slice(0, tertiaryEnd)
  );
}
