import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of the repository's TypeScript sources, and the cycles in it. A cycle means a
 * module can run while another it imports is only half initialised (a `const` read before it is
 * set, a class still undefined), and it ties together modules that should be read and changed
 * one at a time.
 *
 * Edges are the static `import … from` and `export … from` declarations. `import type` and
 * `export type` are left out: TypeScript erases them, so they never load a module and cannot
 * run one half initialised; and the store's `Db` type is named by nearly every module that takes
 * a database handle, so counting it would tie the store's opening (which runs today's repairs)
 * into a loop with everything it repairs. An import whose names are all marked `type` inline
 * (`import { type A } from …`) is kept: with `verbatimModuleSyntax` it still loads the module.
 */

/** Module → the modules it loads, as paths relative to the repository's root. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SOURCE = /\.(ts|tsx)$/;
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function sourcesUnder(root: string, dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const child = join(path, name);
      if (statSync(child).isDirectory()) walk(child);
      else if (SOURCE.test(name) && !name.endsWith('.d.ts')) found.push(relative(root, child));
    }
  };
  if (existsSync(join(root, dir))) walk(join(root, dir));
  return found;
}

/** The statically loaded module specifiers of one source file. */
export function loadedSpecifiers(fileName: string, text: string, types = false): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (statement.importClause?.isTypeOnly && !types) continue;
      if (ts.isStringLiteral(statement.moduleSpecifier)) {
        specifiers.push(statement.moduleSpecifier.text);
      }
    } else if (ts.isExportDeclaration(statement)) {
      if ((statement.isTypeOnly && !types) || !statement.moduleSpecifier) continue;
      if (ts.isStringLiteral(statement.moduleSpecifier)) {
        specifiers.push(statement.moduleSpecifier.text);
      }
    }
  }
  return specifiers;
}

/** The repository file a specifier names, or null for a package. */
function resolveSpecifier(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@shared/')) base = join(root, 'shared', specifier.slice(8));
  else if (specifier.startsWith('.')) base = resolve(root, dirname(from), specifier);
  else return null;
  const candidates = [base, base.replace(/\.js$/, '.ts'), ...EXTENSIONS.map((e) => base + e)];
  for (const candidate of candidates) {
    if (SOURCE.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) {
      return relative(root, candidate);
    }
  }
  return null;
}

export function buildImportGraph(
  root: string,
  dirs: readonly string[],
  types = false,
): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of dirs.flatMap((dir) => sourcesUnder(root, dir))) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = loadedSpecifiers(file, text, types)
      .map((specifier) => resolveSpecifier(root, file, specifier))
      .filter((target): target is string => target !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * Every cycle of the graph, one per strongly connected component (Tarjan's algorithm), each as
 * the path of modules that leads back to its first, starting from the component's
 * alphabetically first module so that the answer does not depend on the order of the files.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;

  const connect = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = (graph.get(node) ?? []).includes(node);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);

  return components
    .map((component) => cycleThrough(graph, new Set(component)))
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A shortest path from the component's first module back to it, inside the component. */
function cycleThrough(graph: ImportGraph, component: ReadonlySet<string>): string[] {
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!component.has(target)) continue;
      if (target === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
