// @ts-check
/**
 * One clock (ARCHITECTURE.md, convention 15): every reading of "now" goes through the injected
 * clock of shared/clock.ts, so deadlines, tests and the trainers' sandbox can move time. This rule
 * refuses the ways code reads the system's time itself: `Date.now` (called or passed along),
 * `new Date()` and `Date()` without arguments, and `performance.timeOrigin` (which added to
 * `performance.now()` is the system's time again). `performance.now()` alone stays allowed: it
 * measures durations, which a moved clock must not disturb. `new Date(t)` of a given moment is
 * fine. tests/lint/clock.test.ts proves the rule and runs it over the whole tree.
 */

const MESSAGE =
  'Read "now" from the injected clock (shared/clock.ts: Clock, systemClock), not the system: the sandbox and tests move time. Durations: performance.now().';

/** @type {import('eslint').Rule.RuleModule} */
const oneClock = {
  meta: {
    type: 'problem',
    docs: { description: 'Only shared/clock.ts reads the system time.' },
    schema: [],
  },
  create(context) {
    /** @param {import('estree').Node} node */
    const isDate = (node) => node.type === 'Identifier' && node.name === 'Date';
    /**
     * @param {import('estree').Node} node
     * @param {string} name
     */
    const named = (node, name) =>
      node.type === 'Identifier'
        ? node.name === name
        : node.type === 'Literal' && node.value === name;
    return {
      MemberExpression(node) {
        if (isDate(node.object) && named(node.property, 'now')) {
          context.report({ node, message: MESSAGE });
        }
        if (
          node.object.type === 'Identifier' &&
          node.object.name === 'performance' &&
          named(node.property, 'timeOrigin')
        ) {
          context.report({ node, message: MESSAGE });
        }
      },
      NewExpression(node) {
        if (isDate(node.callee) && node.arguments.length === 0) {
          context.report({ node, message: MESSAGE });
        }
      },
      CallExpression(node) {
        // Date() called without `new` is the system's time as a string.
        if (isDate(node.callee)) context.report({ node, message: MESSAGE });
      },
    };
  },
};

export const clockPlugin = { rules: { 'one-clock': oneClock } };

/** The clock module itself is the one exception; tests and build tooling time themselves. */
export const CLOCK_MODULES = ['shared/clock.ts'];

/** @type {import('eslint').Linter.Config[]} */
export const clockConfig = [
  {
    files: ['{shared,core,central,renderer,electron,scripts}/**/*.{ts,tsx,js,mjs,cjs}'],
    ignores: [...CLOCK_MODULES, '**/*.test.ts', '**/*.test.tsx'],
    plugins: { clock: clockPlugin },
    rules: { 'clock/one-clock': 'error' },
  },
];
