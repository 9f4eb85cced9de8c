import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../model/text';

/**
 * What every boundary checks on input before its zod schema sees it (the core's dispatch, the
 * browser host's body reader, the central API's JSON parser), the same way for every method and
 * route:
 *
 *  - **Nesting depth.** zod parses recursively, so a small body nested a few thousand levels deep
 *    overflowed the stack inside the parse (the browser host answered 500 to a 4 KB `prefs.set`).
 *    The walk here is iterative and stops at MAX_INPUT_DEPTH, far deeper than any contract shape
 *    (a grid layout in a preference is the deepest, a handful of levels).
 *  - **Text the stores cannot keep** anywhere, keys included (shared/model/text.ts), even inside
 *    values a schema takes as free JSON (a preference, an action's payload on the wire).
 *  - **`__proto__` keys.** JSON.parse makes `"__proto__"` an own property; zod's output objects
 *    drop it, so an action carrying one was applied as if the key had not been sent. It is refused
 *    like any unknown field, wherever it appears.
 *
 * Paths are written as describeIssues writes zod's (`filter.status[0]`), so a refusal names the
 * field the same way whichever check found it.
 */

export const MAX_INPUT_DEPTH = 64;

export interface InputProblem {
  /** Where, e.g. "action.note" ('' for the input itself). */
  readonly path: string;
  readonly message: string;
}

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Frame | null;
  readonly key: string | number | null;
}

function pathOf(frame: Frame | null, extra?: string): string {
  const keys: (string | number)[] = [];
  for (let f = frame; f !== null; f = f.parent) if (f.key !== null) keys.push(f.key);
  keys.reverse();
  if (extra !== undefined) keys.push(extra);
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${key}` : key;
  }
  return out;
}

/** A printable form of a key for a message: keys may hold the very characters refused. */
function keyForPath(key: string): string {
  return isStorableText(key) ? key : JSON.stringify(key);
}

/** The first problem of `input` (depth, unstorable text, `__proto__`), or null. */
export function inputProblem(
  input: unknown,
  maxDepth: number = MAX_INPUT_DEPTH,
): InputProblem | null {
  const stack: Frame[] = [{ value: input, depth: 0, parent: null, key: null }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { value } = frame;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return { path: pathOf(frame), message: UNSTORABLE_TEXT_MESSAGE };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (frame.depth >= maxDepth) {
      return {
        path: pathOf(frame),
        message: `nested more than ${maxDepth} levels deep`,
      };
    }
    const children: Frame[] = [];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        children.push({
          value: value[i] as unknown,
          depth: frame.depth + 1,
          parent: frame,
          key: i,
        });
      }
    } else {
      for (const key of Object.keys(value)) {
        if (key === '__proto__') return { path: pathOf(frame, key), message: 'unknown field' };
        if (!isStorableText(key)) {
          return { path: pathOf(frame, keyForPath(key)), message: UNSTORABLE_TEXT_MESSAGE };
        }
        children.push({
          value: (value as Record<string, unknown>)[key],
          depth: frame.depth + 1,
          parent: frame,
          key,
        });
      }
    }
    // Reversed so that the first problem in reading order is the one reported.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Frame);
  }
  return null;
}

/**
 * Whether JSON text nests deeper than `maxDepth` (brackets outside strings), checked before
 * JSON.parse builds anything: a linear scan, no recursion.
 */
export function jsonNestingExceeds(text: string, maxDepth: number = MAX_INPUT_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}
