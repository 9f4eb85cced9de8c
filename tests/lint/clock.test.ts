import { ESLint } from 'eslint';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { clockConfig } from '../../build/lint/clock.js';

/**
 * One clock (ARCHITECTURE.md, convention 15): the rule refuses every way of reading the system's
 * time outside shared/clock.ts, and run over the whole tree it finds none, so moving the
 * injected clock moves every "now" the app has.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.{ts,tsx,js,mjs,cjs}'],
      languageOptions: {
        parser: tseslint.parser,
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
    },
    ...clockConfig,
  ],
});

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('one clock', () => {
  it.each([
    ['core/services/x.ts', 'export const t = Date.now();'],
    ['core/sync/x.ts', 'export const options = { clock: Date.now };'],
    ['central/x.ts', 'export const d = new Date();'],
    ['central/x.ts', 'export const d = new Date;'],
    ['renderer/grid/x.tsx', 'export const s = Date();'],
    ['renderer/x.ts', "export const t = Date['now']();"],
    ['shared/domain/x.ts', 'export const t = performance.timeOrigin + performance.now();'],
    ['electron/main/x.ts', 'export const t = Date.now();'],
    ['scripts/x.ts', 'export const t = Date.now();'],
    ['core/sync/load-worker.ts', 'export const t = Date.now();'],
  ])('%s: %s reads the system time and fails the lint', async (file, code) => {
    const messages = await lint(file, code);
    expect(
      messages.some((m) => m.startsWith('clock/one-clock: Read "now" from the injected clock')),
    ).toBe(true);
  });

  it.each([
    ['core/services/x.ts', 'export const d = new Date(1_700_000_000_000);'],
    ['core/services/x.ts', "export const t = Date.parse('2026-03-02T08:00:00+07:00');"],
    ['renderer/x.ts', 'export const elapsed = (start: number) => performance.now() - start;'],
    ['core/x.ts', 'export const f = (clock: () => number) => clock();'],
    ['shared/clock.ts', 'export const systemClock = () => Date.now();'],
    ['tests/e2e/x.test.ts', 'export const deadline = Date.now() + 5_000;'],
  ])('%s: %s passes', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });

  it('nothing outside shared/clock.ts reads the system time', async () => {
    const results = await eslint.lintFiles([
      '{shared,core,central,renderer,electron,scripts}/**/*.{ts,tsx,js,mjs,cjs}',
    ]);
    // Other rules' disable comments name rules this lint does not load: only this rule's
    // findings and files that do not parse count.
    const found = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'clock/one-clock' || m.fatal)
        .map((m) => `${relative(root, r.filePath)}:${m.line}: ${m.ruleId ?? m.message}`),
    );

    expect(found).toEqual([]);
    // The scan really covered the app's code, the clock module and the loader thread included.
    const files = results.map((r) => relative(root, r.filePath));
    expect(files.length).toBeGreaterThan(300);
    expect(files).toContain('core/sync/load-worker.ts');
    expect(files).toContain('shared/clock.ts');
  }, 120_000);
});
