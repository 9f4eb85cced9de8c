import { z } from 'zod';

/**
 * A small valid instance of a zod schema, made from its JSON Schema (required fields only, the
 * first branch of a union, the first value of an enum, the least a bound allows), so that a
 * sweep can break every field of every method's input without a hand-written sample per method.
 * Null when the schema cannot be sampled this way; callers check the sample parses.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly const?: Json;
  readonly enum?: readonly Json[];
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly prefixItems?: readonly JsonSchema[];
  readonly minItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly default?: Json;
}

/** Strings for the patterns the contract uses, tried in order until one matches. */
const CANDIDATES = [
  'x',
  'sample-1',
  '2026-02-13',
  '2026',
  '1',
  '0',
  'grid.sample',
  'a',
  '079123456789',
  'tt01-2018',
];

function sampleString(s: JsonSchema, key: string): string | null {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 1000;
  const pattern = s.pattern ? new RegExp(s.pattern) : null;
  // Addresses are checked beyond what JSON Schema says (http or https only).
  if (s.format === 'uri' || s.format === 'url' || /url$/i.test(key)) return 'http://127.0.0.1:1';
  for (const base of CANDIDATES) {
    const candidate = base.length >= min ? base : base.padEnd(min, base.at(-1) ?? 'x');
    if (candidate.length > max) continue;
    if (!pattern || pattern.test(candidate)) return candidate;
  }
  return null;
}

function sampleOf(s: JsonSchema, depth: number, key = ''): Json | undefined {
  if (depth > 20) return undefined;
  if (s.const !== undefined) return s.const;
  const first = s.enum?.[0];
  if (first !== undefined) return first;
  const branches = s.oneOf ?? s.anyOf;
  if (branches) {
    for (const branch of branches) {
      const value = sampleOf(branch, depth + 1, key);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  if (s.allOf && s.allOf.length > 0) return sampleOf(s.allOf[0] as JsonSchema, depth + 1);
  const types: readonly string[] = typeof s.type === 'string' ? [s.type] : (s.type ?? []);
  const type: string = types.find((t) => t !== 'null') ?? types[0] ?? '';
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const key of s.required ?? []) {
        const value = sampleOf(s.properties?.[key] ?? {}, depth + 1, key);
        if (value === undefined) return undefined;
        out[key] = value;
      }
      return out;
    }
    case 'array': {
      const items: Json[] = [];
      for (let i = 0; i < (s.minItems ?? 0); i++) {
        const item = sampleOf(s.prefixItems?.[i] ?? s.items ?? {}, depth + 1);
        if (item === undefined) return undefined;
        items.push(typeof item === 'string' && i > 0 ? `${item}${i}` : item);
      }
      return items;
    }
    case 'string':
      return sampleString(s, key) ?? undefined;
    case 'integer':
    case 'number':
      return Math.max(
        0,
        s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0),
      );
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return s.default ?? {};
  }
}

export function sampleInput(schema: z.ZodType): unknown {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  } catch {
    return null;
  }
  const value = sampleOf(json, 0);
  if (value === undefined) return null;
  return schema.safeParse(value).success ? value : null;
}

/** Every string leaf of a JSON value, as a path of keys and indexes. */
export function stringLeaves(
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  }
  return [];
}

/** Every object inside a JSON value (the value itself first), as paths. */
export function objectPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return [path, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, k]))];
  }
  return [];
}

/** A deep copy of `value` with `update` applied at `path`. */
export function updated(
  value: unknown,
  path: readonly (string | number)[],
  update: (old: unknown) => unknown,
): unknown {
  if (path.length === 0) return update(value);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    return value.map((v, i) => (i === head ? updated(v, rest, update) : (v as unknown)));
  }
  const record = value as Record<string, unknown>;
  return { ...record, [head]: updated(record[head as string], rest, update) };
}
