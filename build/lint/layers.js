// @ts-check
/**
 * The layer rules of ARCHITECTURE.md, as lint errors rather than good intentions:
 *   shared/    pure TypeScript: no node:*, no electron, no DOM, no other layer
 *   renderer/  browser only: never electron/, core/, central/ or Node
 *   core/      plain Node: never `electron`, never the renderer
 *   central/   the authority: never `electron`, the renderer or the client core
 *   electron/  the thin desktop shell: never the renderer's code
 *   migrations (core/store/migrations/, central/store/migrations.ts) are frozen: no live code
 * tests/lint/layers.test.ts proves each rule fails the lint.
 */
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// Bare built-in names are matched exactly (as `paths`): as gitignore-style patterns, `domain`
// or `events` would also match our own folders of those names.
const builtinNames = builtinModules.filter((m) => !m.startsWith('_'));
const nodeBuiltins = ['node:*'];
const electron = ['electron', 'electron/*'];

/** @param {string} layer */
const layerDirs = (layer) => [`**/${layer}`, `**/${layer}/**`, `../${layer}/**`];

/**
 * @param {string} layer
 * @param {string} message
 */
const layerPattern = (layer, message) => ({ group: layerDirs(layer), message });

/**
 * @param {{ builtins?: string, patterns: {group: string[], message: string}[] }} opts
 */
const restrict = (opts) => [
  'error',
  {
    paths: opts.builtins ? builtinNames.map((name) => ({ name, message: opts.builtins })) : [],
    patterns: opts.patterns,
  },
];

const sharedPatterns = [
  { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node built-ins.' },
  { group: electron, message: 'shared/ is pure TypeScript: no electron.' },
  {
    group: [
      'react',
      'react-dom',
      'react/*',
      'better-sqlite3',
      'better-sqlite3-multiple-ciphers',
      'fastify',
      'kysely',
      'pg',
    ],
    message: 'shared/ is pure TypeScript: no platform or UI libraries.',
  },
  layerPattern('core', 'shared/ must not depend on the core.'),
  layerPattern('renderer', 'shared/ must not depend on the renderer.'),
  layerPattern('electron', 'shared/ must not depend on the desktop shell.'),
  layerPattern('central', 'shared/ must not depend on the central API.'),
];
const sharedBuiltins = 'shared/ is pure TypeScript: no Node built-ins.';

/** @type {import('eslint').Linter.Config[]} */
export const layerConfig = [
  {
    files: ['shared/**/*.{ts,tsx}'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict({ builtins: sharedBuiltins, patterns: sharedPatterns }),
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'localStorage',
          'navigator',
          'process',
          'Buffer',
          'require',
          '__dirname',
        ].map((name) => ({
          name,
          message: `shared/ runs everywhere: ${name} is platform-specific.`,
        })),
      ],
    },
  },
  {
    // The contract is built from the kinds, so a kind that needed the contract would be a cycle.
    files: ['shared/kinds/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict({
        builtins: sharedBuiltins,
        patterns: [
          ...sharedPatterns,
          layerPattern('contract', 'shared/kinds must not depend on the contract built from it.'),
        ],
      }),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict({
        patterns: [
          {
            group: electron,
            message: 'The renderer talks to the host only through the contract client.',
          },
          {
            group: nodeBuiltins,
            message: 'The renderer runs in a sandboxed page: no Node built-ins.',
          },
          {
            group: ['better-sqlite3', 'better-sqlite3-multiple-ciphers'],
            message: 'The renderer never touches the store.',
          },
          {
            // Packages whose own modules are named core (the charts' tree-shakeable entry) are
            // not this project's core.
            group: [...layerDirs('core'), '!echarts/core', '!echarts-for-react/esm/core'],
            message: 'The renderer never imports the core: call it through the contract.',
          },
          layerPattern('electron', 'The renderer never imports the desktop shell.'),
          layerPattern(
            'central',
            'The renderer never calls the central API: sync lives in the core.',
          ),
        ],
      }),
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        patterns: [
          { group: electron, message: 'The core is plain Node: it must run without electron.' },
          layerPattern('renderer', 'The core must not depend on the renderer.'),
          layerPattern('electron', 'The core must not depend on the desktop shell.'),
          layerPattern('central', 'The core talks to the central API over HTTP only.'),
        ],
      }),
    },
  },
  {
    files: ['central/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        patterns: [
          { group: electron, message: 'The central API is a server: no electron.' },
          layerPattern('renderer', 'The central API must not depend on the renderer.'),
          layerPattern('core', 'The central API must not depend on the client core.'),
          layerPattern('electron', 'The central API must not depend on the desktop shell.'),
        ],
      }),
    },
  },
  {
    // Replaces the core rule above for these files: what it forbids is forbidden here as well.
    files: ['core/store/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Anything but ../migrate (the Migration type) and the folder's own files.
              regex: '^(?!\\.\\./migrate$|\\./[^/]+$)',
              message:
                'A migration is frozen: SQL and its own constants, importing only the types of ../migrate. Data only live code can build is a repair it names (core/store/repairs.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['central/store/migrations.ts'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!kysely$)',
              allowTypeImports: true,
              message:
                'A central migration is frozen: Kysely, SQL and its own constants, and nothing but types from other modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        patterns: [
          layerPattern(
            'renderer',
            'The shell loads the built renderer; it never imports its code.',
          ),
          layerPattern('central', 'The shell talks to the central API through the core.'),
        ],
      }),
    },
  },
];
