/**
 * `npm start`: opens the workbench. Unless a central API is configured (`--server URL`, or one
 * remembered for the data folder, or WORKBENCH_CENTRAL_URL), it first starts the embedded one
 * (`npm run central` on an SQLite file in the data folder, seeded with demo data on first start,
 * on the address it had the last time), so the sign-in screen offers the demo accounts and the
 * data arrives through sync. Launches the Electron shell where its binary is installed;
 * otherwise says so in one line and serves the same workbench through the browser host on
 * 127.0.0.1, printing the URL and opening it in the default browser where there is a desktop.
 * `--offline` skips the central API and fills the local store with demo data instead (trainers
 * without a server).
 *
 *   npm start -- [--browser] [--port N] [--data-dir DIR] [--server URL | --embedded] [--offline]
 *                [--offline-sign-in-days N] [--no-open] [--rebuild]
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { electronBinaryPath } from '../build/install/electron-binary.mjs';
import { buildAll } from '../build/build';
import {
  hostEnvironment,
  openBrowser,
  resolveCentral,
  shouldOpenBrowser,
  startBrowserWorkbench,
} from './workbench';

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
      embedded: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      'offline-sign-in-days': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
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
  const days = values['offline-sign-in-days'];
  if (days !== undefined && !/^\d{1,4}$/.test(days)) {
    throw new Error(`--offline-sign-in-days must be a whole number of days, got "${days}"`);
  }
  await ensureBuilt(values.rebuild);

  const server = values.server ?? process.env.WORKBENCH_CENTRAL_URL;
  if (!server && !values.offline)
    console.log('Starting the central API of this data folder (demo data on first start)…');
  const central = await resolveCentral({
    dataDir,
    server,
    embedded: values.embedded,
    offline: values.offline,
    onLine: (line) => {
      if (/seeding|seeded|demo accounts|listening/.test(line)) console.log(`  ${line}`);
    },
  });
  if (central.note) console.log(central.note);
  // The choice travels to either host through the environment.
  const env = {
    ...hostEnvironment(dataDir, central),
    ...(days === undefined ? {} : { WORKBENCH_OFFLINE_SIGN_IN_DAYS: days }),
  };

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
  let filling = false;
  const workbench = await startBrowserWorkbench({
    dataDir,
    env: { ...process.env, ...env },
    port,
    demoData: values.offline,
    onDemoProgress: (done, total) => {
      filling = true;
      process.stdout.write(`\rFilling the demo store: ${done}/${total}`);
    },
    log: (message) => console.error(message),
  });
  if (filling) process.stdout.write('\n');
  const { url } = workbench.host;
  console.log(`Workbench: ${url}`);
  if (central.demoAccounts.length > 0)
    console.log("Sign in with a demo account: 'desk', 'officer' or 'leader' (password 'demo').");
  console.log(`Data: ${dataDir}   (Ctrl+C to stop)`);
  if (shouldOpenBrowser(process.platform, process.env, values['no-open'])) openBrowser(url);
  // The URL carries this launch's access token: say it again now and then, for whoever closed
  // the tab or scrolled it away.
  const reminder = setInterval(() => console.log(`Workbench: ${url}`), 10 * 60_000);
  reminder.unref();
  const stop = () => {
    clearInterval(reminder);
    void workbench.close().then(() => {
      central.embedded?.stop();
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
