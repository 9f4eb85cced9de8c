// @ts-check
/**
 * Which Node.js the installed packages ask for. Every package may declare `engines.node` (npm
 * prints EBADENGINE when the running Node does not satisfy it); package-lock.json records them
 * all. The project's own `engines.node` is the range that satisfies every one of them, the README
 * states the same, and the postinstall says in one line when the running Node falls short, and
 * which packages ask for more — so the warnings and the docs agree.
 *
 * A small reader of the range syntax packages use for engines (`>=`, `>`, `<`, `<=`, `=`, `^`,
 * `~`, `x`/`*` wildcards, spaces for "and", `||` for "or"); not a full semver implementation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {[number, number, number]} Version */

/** @param {string} text @returns {{ v: Version; wild: number } | null} */
function parseVersion(text) {
  const m = /^v?(\d+|x|\*)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/i.exec(text.trim());
  if (!m) return null;
  /** @type {number[]} */
  const parts = [];
  let wild = 3;
  for (let i = 1; i <= 3; i++) {
    const p = m[i];
    if (p === undefined || p === 'x' || p === 'X' || p === '*') {
      wild = Math.min(wild, i - 1);
      parts.push(0);
    } else parts.push(Number(p));
  }
  return { v: /** @type {Version} */ (parts), wild };
}

/** @param {Version} a @param {Version} b */
function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** @param {Version} v @param {number} at @returns {Version} */
function bump(v, at) {
  const next = /** @type {Version} */ ([...v]);
  next[at] += 1;
  for (let i = at + 1; i < 3; i++) next[i] = 0;
  return next;
}

/**
 * One comparator set ("a and b and …") as lower/upper bounds.
 * @param {string} set @returns {{ test: (v: Version) => boolean } | null}
 */
function comparatorSet(set) {
  /** @type {((v: Version) => boolean)[]} */
  const tests = [];
  const tokens = set
    .trim()
    .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
    .split(/\s+/)
    .filter(Boolean);
  for (const token of tokens) {
    const m = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(token);
    if (!m) return null;
    const op = m[1] ?? '';
    const parsed = parseVersion(m[2] ?? '');
    if (!parsed) return null;
    const { v, wild } = parsed;
    if (wild === 0) continue; // '*', 'x': anything
    if (op === '>=') tests.push((x) => compare(x, v) >= 0);
    else if (op === '>')
      tests.push((x) => compare(x, wild < 3 ? bump(v, wild - 1) : v) >= (wild < 3 ? 0 : 1));
    else if (op === '<') tests.push((x) => compare(x, v) < 0);
    else if (op === '<=')
      tests.push((x) => (wild < 3 ? compare(x, bump(v, wild - 1)) < 0 : compare(x, v) <= 0));
    else if (op === '^') {
      const at = v[0] > 0 || wild === 1 ? 0 : v[1] > 0 || wild === 2 ? 1 : 2;
      tests.push((x) => compare(x, v) >= 0 && compare(x, bump(v, at)) < 0);
    } else if (op === '~') {
      const at = wild === 1 ? 0 : 1;
      tests.push((x) => compare(x, v) >= 0 && compare(x, bump(v, at)) < 0);
    } else if (wild < 3) {
      // A partial version ("20", "22.x") is that whole line.
      tests.push((x) => compare(x, v) >= 0 && compare(x, bump(v, wild - 1)) < 0);
    } else tests.push((x) => compare(x, v) === 0);
  }
  return { test: (x) => tests.every((t) => t(x)) };
}

/**
 * Whether `version` satisfies `range`; null when the range cannot be read.
 * @param {string} version @param {string} range @returns {boolean | null}
 */
export function satisfies(version, range) {
  const parsed = parseVersion(version);
  if (!parsed) return null;
  const sets = range.split('||').map(comparatorSet);
  if (sets.some((s) => s === null)) return null;
  return sets.some((s) => s?.test(parsed.v));
}

/**
 * Every package of the lock file with its `engines.node`.
 * @param {string} root @returns {{ name: string; range: string }[]}
 */
export function declaredEngines(root) {
  /** @type {unknown} */
  const raw = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const lock = /** @type {{ packages: Record<string, { engines?: unknown }> }} */ (raw);
  return Object.entries(lock.packages).flatMap(([path, pkg]) => {
    const engines = pkg.engines;
    if (!engines || typeof engines !== 'object' || !('node' in engines)) return [];
    const range = /** @type {{ node: unknown }} */ (engines).node;
    if (typeof range !== 'string') return [];
    return [
      { name: path === '' ? '(this project)' : path.replace(/^.*node_modules\//, ''), range },
    ];
  });
}

/**
 * The packages whose `engines.node` this Node version does not satisfy (the project's own
 * declaration left out).
 * @param {string} version @param {string} root
 */
export function unmetEngines(version, root) {
  return declaredEngines(root).filter(
    (e) => e.name !== '(this project)' && satisfies(version, e.range) === false,
  );
}
