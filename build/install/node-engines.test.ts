import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declaredEngines, satisfies, unmetEngines } from './node-engines.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The first version of each alternative of a range: the oldest Node it lets in. */
function lowestOf(range: string): string[] {
  return range.split('||').map((alt) => /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(alt)![0]);
}

describe('the Node.js this project needs', () => {
  it('is one that every installed package accepts (no EBADENGINE at its lowest versions)', () => {
    for (const version of lowestOf(pkg.engines.node)) {
      expect(satisfies(version, pkg.engines.node)).toBe(true);
      expect(unmetEngines(version, root)).toEqual([]);
    }
  });

  it('is the one the README states', () => {
    expect(readme).toContain(`\`${pkg.engines.node}\``);
  });

  it('names, on an older Node, exactly the packages npm warns about', () => {
    const older = unmetEngines('20.19.0', root).map((e) => e.name);
    expect(older).toContain('electron');
    // Only Electron's tooling and one test helper of fastify, none of what the app runs on.
    for (const name of ['better-sqlite3', 'react', 'zod', 'kysely', 'vite', 'vitest', 'tsx'])
      expect(older).not.toContain(name);
  });

  it('reads the ranges packages declare', () => {
    expect(declaredEngines(root).length).toBeGreaterThan(100);
    for (const { range } of declaredEngines(root))
      expect(satisfies('24.0.0', range)).not.toBeNull();
    expect(satisfies('22.12.0', '^20.19.0 || ^22.13.0 || >=24')).toBe(false);
    expect(satisfies('22.13.0', '^20.19.0 || ^22.13.0 || >=24')).toBe(true);
    expect(satisfies('23.1.0', '^20.0.0 || ^22.0.0 || >=24.0.0')).toBe(false);
    expect(satisfies('26.1.0', '20.x || 22.x || 23.x || 24.x || 25.x || 26.x')).toBe(true);
    expect(satisfies('21.0.0', '20 || >=22')).toBe(false);
    expect(satisfies('20.5.0', '>= 22.12.0')).toBe(false);
    expect(satisfies('7.5.0', '>=6 <7 || >=8')).toBe(false);
  });
});
