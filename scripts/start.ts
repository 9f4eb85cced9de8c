/**
 * `npm start`: opens the workbench. Unless a central API is configured (`--server URL` or
 * WORKBENCH_CENTRAL_URL), it first starts the embedded one (`npm run central` on an SQLite file in
 * the data folder, seeded with demo data on first start), so the sign-in screen offers the demo
 * accounts and the data arrives through sync. Launches the Electron shell where its binary is
 * installed; otherwise says so in one line and serves the same workbench through the browser host
 * on 127.0.0.1, printing the URL. `--offline` skips the central API and fills the local store with
 * demo data instead (trainers without a server).
 *
 *   npm start -- [--browser] [--port N] [--data-dir DIR] [--server URL] [--offline] [--rebuild]
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { electronBinaryPath } from '../build/install/electron-binary.mjs';
import { buildAll } from '../build/build';
import { createCore } from '../core/app';
import { startBrowserHost } from '../core/browser-host/server';
import { ensureDemoData } from '../core/demo';
import { syncDefaultsFromEnv } from '../core/sync/defaults';
import { startEmbeddedCentral } from './embedded-central';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Rebuilds when the built files are missing or older than the sources they come from. */
async function ensureBuilt(force: boolean): Promise<void> {
  const outputs = [join(root, 'dist/renderer/index.html'), join(root, 'dist/electron/main.cjs')];
  const built = outputs.every(existsSync)
    ? Math.min(...outputs.map((path) => statSync(path).mtimeMs))
    : 0;
  const sources = Math.max(
    ...['renderer', 'shared', 'core', 'electron'].map((d) => newestMtime(join(root, d))),
  );
  if (force || built < sources) {
    console.log('Building the workbench…');
    await buildAll();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      browser: { type: 'boolean', default: false },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      server: { type: 'string' },
      offline: { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
    },
  });
  const dataDir = resolve(
    values['data-dir'] ?? process.env.WORKBENCH_DATA_DIR ?? join(root, '.data'),
  );
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number (0–65535), got "${values.port}"`);
  }
  await ensureBuilt(values.rebuild);

  // The sign-in screen's defaults travel to either host through the environment.
  const env: Record<string, string> = { WORKBENCH_DATA_DIR: dataDir };
  const server = values.server ?? process.env.WORKBENCH_CENTRAL_URL;
  if (server) {
    env.WORKBENCH_CENTRAL_URL = server;
  } else if (!values.offline) {
    console.log('Starting the embedded central API (demo data on first start)…');
    const central = await startEmbeddedCentral({
      dataFile: join(dataDir, 'central.db'),
      dossiers: 20_000,
      complaints: 4_000,
      onLine: (line) => {
        if (/seeding|seeded|demo accounts|listening/.test(line)) console.log(`  ${line}`);
      },
    });
    env.WORKBENCH_CENTRAL_URL = central.url;
    env.WORKBENCH_DEMO_ACCOUNTS = JSON.stringify(central.demoAccounts);
  }

  const electron = values.browser ? null : electronBinaryPath(root);
  if (electron) {
    const child = spawn(electron, [join(root, 'dist/electron/main.cjs')], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  if (!values.browser) {
    console.log(
      'Electron is not installed on this machine (its download host was unreachable during npm install): starting the browser host instead.',
    );
  }
  const core = createCore({
    dataDir,
    host: 'browser',
    sync: { defaults: syncDefaultsFromEnv(env) },
  });
  if (values.offline) {
    const seeded = ensureDemoData(core, {
      onProgress: (done, total) =>
        process.stdout.write(`\rFilling the demo store: ${done}/${total}`),
    });
    if (seeded) process.stdout.write('\n');
  }
  const host = await startBrowserHost({
    dispatch: core.dispatch,
    events: core.events,
    staticDir: join(root, 'dist/renderer'),
    port,
    log: (message) => console.error(message),
  });
  console.log(`Workbench: ${host.url}`);
  if (env.WORKBENCH_DEMO_ACCOUNTS)
    console.log("Sign in with a demo account: 'desk', 'officer' or 'leader' (password 'demo').");
  console.log(`Data: ${dataDir}   (Ctrl+C to stop)`);
  const stop = () => {
    void host.close().then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
