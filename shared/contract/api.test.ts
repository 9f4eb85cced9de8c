import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { events, methods } from './api';
import type { EventTable, MethodTable } from './table';

interface Feature {
  readonly methods: MethodTable;
  readonly events: EventTable;
}

/** Every module of this folder that declares a slice of the contract, found rather than listed. */
const FEATURES = (
  await Promise.all(
    readdirSync(new URL('.', import.meta.url))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'api.ts')
      .map(async (file) => [file, (await import(`./${file}`)) as Partial<Feature>] as const),
  )
).filter((entry): entry is readonly [string, Feature] => 'methods' in entry[1]);

describe('the one contract', () => {
  it('has the features of this folder', () => {
    expect(FEATURES.map(([file]) => file)).toEqual(
      expect.arrayContaining(['app.ts', 'complaints.ts', 'dossiers.ts', 'search.ts']),
    );
  });

  it.each(FEATURES)('serves every method and event of %s as it declares them', (_, feature) => {
    for (const [name, method] of Object.entries(feature.methods)) {
      expect(methods[name as keyof typeof methods], name).toBe(method);
    }
    for (const [name, payload] of Object.entries(feature.events)) {
      expect(events[name as keyof typeof events], name).toBe(payload);
    }
  });

  it('has no method or event that two features declare', () => {
    const declared = (table: keyof Feature) =>
      FEATURES.reduce((n, [, feature]) => n + Object.keys(feature[table]).length, 0);
    expect(declared('methods')).toBe(Object.keys(methods).length);
    expect(declared('events')).toBe(Object.keys(events).length);
  });
});
