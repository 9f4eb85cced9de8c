import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImportGraph, findCycles, loadedSpecifiers, type ImportGraph } from './import-graph';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCES = ['shared', 'core', 'central', 'electron', 'renderer', 'scripts', 'build'];

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('the cycle detector', () => {
  it('finds a planted cycle and names its modules in import order', () => {
    const graph = graphOf({
      'core/store/db.ts': ['core/store/migrations/index.ts'],
      'core/store/migrations/index.ts': ['core/store/migrations/0003-search.ts'],
      'core/store/migrations/0003-search.ts': ['core/search/index-writer.ts'],
      'core/search/index-writer.ts': ['core/store/db.ts', 'core/search/documents.ts'],
      'core/search/documents.ts': [],
      'core/app.ts': ['core/store/db.ts'],
    });
    expect(findCycles(graph)).toEqual([
      [
        'core/search/index-writer.ts',
        'core/store/db.ts',
        'core/store/migrations/index.ts',
        'core/store/migrations/0003-search.ts',
        'core/search/index-writer.ts',
      ],
    ]);
  });

  it('finds each cycle once, a module that imports itself too, and none in a tree', () => {
    const graph = graphOf({
      a: ['b'],
      b: ['a', 'c'],
      c: ['c', 'd'],
      d: ['e'],
      e: ['d'],
      f: ['a'],
    });
    expect(findCycles(graph)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'c'],
      ['d', 'e', 'd'],
    ]);
    expect(findCycles(graphOf({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('follows what loads a module, and not what TypeScript erases', () => {
    const code = [
      `import type { Db } from './db';`,
      `import { type Repairs } from './migrate';`,
      `import { REPAIRS } from './repairs';`,
      `import './side-effect';`,
      `export type { Migration } from './types';`,
      `export * from './records';`,
      `export { openStore } from './open';`,
      `const later = () => import('./lazy');`,
    ].join('\n');
    expect(loadedSpecifiers('x.ts', code)).toEqual([
      './migrate',
      './repairs',
      './side-effect',
      './records',
      './open',
    ]);
  });
});

describe('the repository', () => {
  const graph = buildImportGraph(ROOT, SOURCES);

  it('reads the sources of every layer', () => {
    for (const file of ['core/store/db.ts', 'shared/contract/api.ts', 'renderer/main.tsx']) {
      expect(graph.has(file), file).toBe(true);
    }
    expect(graph.get('core/store/db.ts')).toContain('core/store/migrations/index.ts');
  });

  it('has no import cycle', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('runs no live code from a migration', () => {
    const reached = new Set<string>();
    const visit = (file: string) => {
      for (const target of graph.get(file) ?? []) {
        if (reached.has(target)) continue;
        reached.add(target);
        visit(target);
      }
    };
    const migrations = [...graph.keys()].filter(
      (file) => file.startsWith('core/store/migrations/') || file === 'central/store/migrations.ts',
    );
    expect(migrations.length).toBeGreaterThan(5);
    migrations.forEach(visit);
    expect([...reached].filter((file) => !migrations.includes(file))).toEqual([]);
  });
});
