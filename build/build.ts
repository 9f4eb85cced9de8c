/**
 * Builds what the hosts load: the renderer (Vite → dist/renderer) and the Electron main,
 * preload and sync-worker bundles (esbuild → dist/electron/*.cjs). The core is bundled into
 * main.cjs and sync-worker.cjs; better-sqlite3 stays external because it is a native module
 * loaded from node_modules (or, in Electron, from the binary built for Electron's ABI).
 */
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildAll(options: { only?: 'renderer' | 'electron' } = {}): Promise<void> {
  const started = Date.now();
  if (options.only !== 'electron') {
    await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  }
  if (options.only !== 'renderer') {
    const common = {
      bundle: true,
      platform: 'node' as const,
      format: 'cjs' as const,
      target: 'node22',
      sourcemap: true,
      alias: { '@shared': join(root, 'shared') },
      logLevel: 'warning' as const,
    };
    // CommonJS has no import.meta: the bundle's own file URL stands in for it (not in the
    // preload, whose sandbox offers no node:url).
    const fileUrl = {
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    };
    await esbuild({
      ...common,
      ...fileUrl,
      entryPoints: [join(root, 'electron/main/main.ts')],
      outfile: join(root, 'dist/electron/main.cjs'),
      external: ['electron', 'better-sqlite3'],
    });
    // The initial sync's thread (core/sync/load-worker-host.ts finds it beside main.cjs).
    await esbuild({
      ...common,
      ...fileUrl,
      entryPoints: [join(root, 'core/sync/load-worker.ts')],
      outfile: join(root, 'dist/electron/sync-worker.cjs'),
      external: ['better-sqlite3'],
    });
    // A sandboxed preload can require only `electron`: everything else must be bundled in.
    await esbuild({
      ...common,
      entryPoints: [join(root, 'electron/preload/preload.ts')],
      outfile: join(root, 'dist/electron/preload.cjs'),
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
