import type { TFunction } from 'i18next';

/** Answers kept per translation; dropped wholesale when full, as the date formatter does. */
const MAX_ENTRIES = 4_096;

type PlainT = (key: unknown, options?: unknown) => unknown;

/**
 * i18next's `t` with its answers kept, for the grid's cells: every row drawn asks for the same few
 * strings (a status, "còn 1 ngày 3 giờ", "quá hạn 2 giờ") and i18next resolves, interpolates and
 * pluralises each ask anew, which is most of what a row costs to draw while scrolling. Only asks
 * whose options are plain values are kept (the answer is a function of the key and those values
 * for one `t`, i.e. one language); anything else goes to `t` as it is. A new `t` (another
 * language) needs a new memo.
 */
export function memoizeTranslate(t: TFunction): TFunction {
  const plain = t as unknown as PlainT;
  const cache = new Map<string, unknown>();
  const memo: PlainT = (key, options) => {
    const id = cacheKey(key, options);
    if (id === null) return plain(key, options);
    const kept = cache.get(id);
    if (kept !== undefined) return kept;
    const value = plain(key, options);
    if (typeof value === 'string') {
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(id, value);
    }
    return value;
  };
  return memo as unknown as TFunction;
}

function cacheKey(key: unknown, options: unknown): string | null {
  if (typeof key !== 'string') return null;
  if (options === undefined) return key;
  if (typeof options !== 'object' || options === null) return null;
  let id = key;
  for (const [name, value] of Object.entries(options)) {
    if (value !== null && (typeof value === 'object' || typeof value === 'function')) return null;
    // The separators cannot occur in keys or option names, so two asks never share an id.
    id += `\u0000${name}\u0001${typeof value}:${String(value)}`;
  }
  return id;
}
