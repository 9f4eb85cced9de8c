import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerConfig } from '../../build/lint/layers.js';

/**
 * The layer rules are tested, not just configured: each forbidden import below must fail the
 * lint with the rule's message, and each allowed one must pass. The same layerConfig is part of
 * eslint.config.js.
 */
const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } },
    ...layerConfig,
  ],
});

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules', () => {
  it.each([
    ['shared/domain/x.ts', `import { readFileSync } from 'node:fs';`, 'no Node built-ins'],
    ['shared/domain/x.ts', `import fs from 'fs';`, 'no Node built-ins'],
    ['shared/model/x.ts', `import { app } from 'electron';`, 'no electron'],
    ['shared/model/x.ts', `import { useState } from 'react';`, 'no platform or UI libraries'],
    [
      'shared/model/x.ts',
      `import { openStore } from '../../core/store/db';`,
      'must not depend on the core',
    ],
    ['shared/model/x.ts', `export const w = window.innerWidth;`, 'platform-specific'],
    ['shared/model/x.ts', `export const e = process.env.HOME;`, 'platform-specific'],
    [
      'renderer/grid/x.tsx',
      `import { ipcRenderer } from 'electron';`,
      'only through the contract client',
    ],
    [
      'renderer/grid/x.tsx',
      `import { createCore } from '../../core/app';`,
      'never imports the core',
    ],
    ['renderer/x.ts', `import Database from 'better-sqlite3';`, 'never touches the store'],
    ['renderer/x.ts', `import { readFile } from 'node:fs/promises';`, 'no Node built-ins'],
    ['renderer/x.ts', `import { x } from '../central/server';`, 'never calls the central API'],
    ['core/services/x.ts', `import { app } from 'electron';`, 'must run without electron'],
    [
      'core/services/x.ts',
      `import { BrowserWindow } from 'electron/main';`,
      'must run without electron',
    ],
    ['core/x.ts', `import { Grid } from '../renderer/grid';`, 'must not depend on the renderer'],
    [
      'central/x.ts',
      `import { createCore } from '../core/app';`,
      'must not depend on the client core',
    ],
    ['electron/main/x.ts', `import { App } from '../../renderer/App';`, 'never imports its code'],
    [
      'shared/kinds/x.ts',
      `import { methods } from '../contract/api';`,
      'the contract built from it',
    ],
    ['shared/kinds/x.ts', `import { readFileSync } from 'node:fs';`, 'no Node built-ins'],
  ])('%s: %s fails the lint', async (file, code, message) => {
    const messages = await lint(file, code);
    expect(messages.some((m) => m.includes(message))).toBe(true);
  });

  it.each([
    ['shared/domain/x.ts', `import { z } from 'zod';\nimport type { Dossier } from '../model';`],
    [
      'shared/contract/x.ts',
      `import { DossierActionSchema } from '../domain/dossier-machine';\nimport { CoreEvents } from '../events/x';`,
    ],
    [
      'renderer/x.ts',
      `import { methods } from '@shared/contract/api';\nimport { useState } from 'react';`,
    ],
    ['core/x.ts', `import Database from 'better-sqlite3';\nimport { join } from 'node:path';`],
    [
      'electron/main/x.ts',
      `import { app } from 'electron';\nimport { createCore } from '../../core/app';`,
    ],
    [
      'central/x.ts',
      `import { join } from 'node:path';\nimport { methods } from '../shared/contract/api';`,
    ],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });

  it.each([
    `import { rebuildSearchIndex } from '../../search/index-writer';`,
    `import { searchRowidSql } from '../../search/documents';`,
    `export { openStore } from '../db';`,
    `import { app } from 'electron';`,
  ])('a migration with %s fails the lint', async (code) => {
    const messages = await lint('core/store/migrations/0009-x.ts', code);
    expect(messages).toEqual([expect.stringContaining('A migration is frozen')]);
  });

  it.each([`import { openSqlite } from './database';`, `import { KINDS } from '../kinds';`])(
    'the central migrations with %s fail the lint',
    async (code) => {
      const messages = await lint('central/store/migrations.ts', code);
      expect(messages).toEqual([expect.stringContaining('A central migration is frozen')]);
    },
  );

  it.each([
    ['core/store/migrations/0009-x.ts', `import type { Migration } from '../migrate';`],
    ['core/store/migrations/index.ts', `import { initial } from './0001-initial';`],
    [
      'central/store/migrations.ts',
      `import { sql, type Kysely } from 'kysely';\nimport type { CentralDatabase } from './database';`,
    ],
  ])('%s: a migration may have %s', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});
