/**
 * JSON parsed with the line of every value, so that a scenario file's mistakes are named by file,
 * line and field. The grammar is plain JSON (RFC 8259); whatever JSON.parse would refuse, this
 * refuses too, with the line where it went wrong.
 */

export type JsonPath = readonly (string | number)[];

export class JsonSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.line = line;
  }
}

export interface ParsedJson {
  readonly value: unknown;
  /** The line (1-based) where the value at a path starts; the nearest known parent for others. */
  lineOf(path: JsonPath): number;
}

export function parseJsonWithLines(text: string): ParsedJson {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(what, line);
  };
  const space = () => {
    for (;;) {
      const c = text[i];
      if (c === '\n') line++;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else return;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') fail('a text is not closed with "');
      if (c === '\\') i += 2;
      else if (c === '"') break;
      else i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('a text holds an invalid escape');
    }
  };
  const value = (path: (string | number)[]): unknown => {
    space();
    lines.set(JSON.stringify(path), line);
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      space();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail('expected a field name in double quotes');
        const key = string();
        space();
        if (text[i] !== ':') fail(`expected ':' after "${key}"`);
        i++;
        if (Object.hasOwn(out, key)) fail(`the field "${key}" is given twice`);
        out[key] = value([...path, key]);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return out;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value([...path, out.length]));
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return out;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(i, i + 64),
    );
    if (!literal) return fail(c === undefined ? 'the file ends too early' : `unexpected '${c}'`);
    i += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  };
  const parsed = value([]);
  space();
  if (i < text.length) fail('unexpected text after the end');
  return {
    value: parsed,
    lineOf: (path) => {
      for (let n = path.length; n >= 0; n--) {
        const found = lines.get(JSON.stringify(path.slice(0, n)));
        if (found !== undefined) return found;
      }
      return 1;
    },
  };
}
