/**
 * Builds what the hosts load: the renderer (Vite → dist/renderer) and the Electron main,
 * preload, sync-worker and training-sandbox bundles (esbuild → dist/electron/*.cjs). The core is bundled into
 * main.cjs and sync-worker.cjs; better-sqlite3 stays external because it is a native module
 * loaded from node_modules (or, in Electron, from the binary built for Electron's ABI).
 * pdfmake (with pdfkit and fontkit) is bundled into main.cjs, and the forms' fonts are copied
 * into dist/electron/fonts/, where the bundled core reads them: the packaged app needs nothing
 * of them from node_modules.
 */
import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as viteBuild } from 'vite';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import {
  BUNDLED_FONT_DIR,
  FONT_FILES,
  FONT_LICENSE_FILE,
  fontPackageDir,
} from '../core/documents/fonts';
import { SCENARIO_DIR } from '../core/sandbox/scenario';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node22',
  sourcemap: true,
  alias: { '@shared': join(root, 'shared') },
  logLevel: 'warning' as const,
};

/**
 * What the bundles of the core share (main, sync worker): CommonJS has no import.meta, so the
 * bundle's own file URL stands in for it (not in the preload, whose sandbox offers no node:url),
 * and WORKBENCH_BUNDLE tells the core it runs bundled (core/documents/bundle.ts).
 */
export function coreBundleOptions(): BuildOptions {
  return {
    ...common,
    define: { 'import.meta.url': 'importMetaUrl', WORKBENCH_BUNDLE: 'true' },
    banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  };
}

/** The forms' fonts and their licence, beside the bundle, laid out as in their npm package. */
export async function copyFormFonts(electronDir: string): Promise<void> {
  const from = fontPackageDir();
  const to = join(electronDir, BUNDLED_FONT_DIR);
  for (const file of [...Object.values(FONT_FILES), FONT_LICENSE_FILE]) {
    await mkdir(dirname(join(to, file)), { recursive: true });
    await copyFile(join(from, file), join(to, file));
  }
}

/** The sandbox's scenario files, beside the bundles that read them (sandbox.cjs). */
export async function copyScenarios(electronDir: string): Promise<void> {
  const to = join(electronDir, 'scenarios');
  await mkdir(to, { recursive: true });
  for (const file of await readdir(SCENARIO_DIR)) {
    if (file.endsWith('.json')) await copyFile(join(SCENARIO_DIR, file), join(to, file));
  }
}

export async function buildAll(
  options: {
    only?: 'renderer' | 'electron';
    /** The Electron bundles' folder's parent (default dist/; the tests build elsewhere). */
    outDir?: string;
  } = {},
): Promise<void> {
  const started = Date.now();
  const outDir = options.outDir ?? join(root, 'dist');
  if (options.only !== 'electron') {
    await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  }
  if (options.only !== 'renderer') {
    const electronDir = join(outDir, 'electron');
    await esbuild({
      ...coreBundleOptions(),
      entryPoints: [join(root, 'electron/main/main.ts')],
      outfile: join(electronDir, 'main.cjs'),
      external: ['electron', 'better-sqlite3-multiple-ciphers'],
    });
    await copyFormFonts(electronDir);
    // The initial sync's thread (core/sync/load-worker-host.ts finds it beside main.cjs).
    await esbuild({
      ...coreBundleOptions(),
      entryPoints: [join(root, 'core/sync/load-worker.ts')],
      outfile: join(electronDir, 'sync-worker.cjs'),
      external: ['better-sqlite3-multiple-ciphers'],
    });
    // The Training menu's sandbox, a child process in Electron's Node (scripts/sandbox/process.ts):
    // the training world's central API with it, never in the shell's own process. Its scenarios
    // are read beside the bundle, where core/sandbox/scenario.ts looks for them when bundled.
    await esbuild({
      ...coreBundleOptions(),
      entryPoints: [join(root, 'scripts/sandbox/process.ts')],
      outfile: join(electronDir, 'sandbox.cjs'),
      external: ['better-sqlite3-multiple-ciphers'],
    });
    await copyScenarios(electronDir);
    // The audit trail's verification threads of the sandbox's central API (central/audit.ts
    // finds them beside sandbox.cjs; without them it walks on its own thread).
    await esbuild({
      ...coreBundleOptions(),
      entryPoints: [join(root, 'central/audit-worker.ts')],
      outfile: join(electronDir, 'audit-worker.cjs'),
      external: ['better-sqlite3-multiple-ciphers'],
    });
    // A sandboxed preload can require only `electron`: everything else must be bundled in.
    await esbuild({
      ...common,
      entryPoints: [join(root, 'electron/preload/preload.ts')],
      outfile: join(electronDir, 'preload.cjs'),
      external: ['electron'],
    });
  }
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const only = process.argv.includes('--renderer')
    ? 'renderer'
    : process.argv.includes('--electron')
      ? 'electron'
      : undefined;
  buildAll(only ? { only } : {}).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
