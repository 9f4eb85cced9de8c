/**
 * `npm start`: opens the workbench. Unless a central API is configured (`--server URL`, or one
 * remembered for the data folder, or WORKBENCH_CENTRAL_URL), it first starts the embedded one
 * (`npm run central` on an SQLite file in the data folder, seeded with demo data on first start,
 * on the address it had the last time), so the sign-in screen offers the demo accounts and the
 * data arrives through sync. Launches the Electron shell where its binary is installed;
 * otherwise says so in one line and serves the same workbench through the browser host on
 * 127.0.0.1, printing the URL and opening it in the default browser where there is a desktop.
 * `--sandbox` opens the trainers' sandbox instead (scripts/sandbox): a training world with a
 * central API of its own in a folder of its own, never a real server; `--offline` is the same.
 *
 *   npm start -- [--browser] [--port N] [--data-dir DIR] [--server URL | --embedded]
 *                [--sandbox [--scenario NAME]] [--offline-sign-in-days N] [--no-open] [--rebuild]
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
import { startSandbox, TRAINING_BANNER } from './sandbox/runtime';

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
  const outputs = [
    join(root, 'dist/renderer/index.html'),
    join(root, 'dist/electron/main.cjs'),
    join(root, 'dist/electron/sandbox.cjs'),
  ];
  const built = outputs.every(existsSync)
    ? Math.min(...outputs.map((path) => statSync(path).mtimeMs))
    : 0;
  const sources = Math.max(
    ...['renderer', 'shared', 'core', 'electron', 'central', 'scripts/sandbox'].map((d) =>
      newestMtime(join(root, d)),
    ),
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
      sandbox: { type: 'boolean', default: false },
      scenario: { type: 'string' },
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

  if (values.sandbox || values.offline) {
    await runSandbox({
      dataDir: resolve(values['data-dir'] ?? join(root, '.sandbox')),
      port,
      scenario: values.scenario,
      noOpen: values['no-open'],
      offlineFlag: values.offline,
      browser: values.browser,
    });
    return;
  }
  if (values.scenario !== undefined) throw new Error('--scenario is for the sandbox (--sandbox)');

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

/**
 * The trainers' sandbox: its own world in its own folder, in the desktop app where Electron is
 * installed, else (or with --browser) in the browser host (whose page is the same workbench). No address from the environment or the data folder's
 * memory is read: it never reaches a real server.
 */
async function runSandbox(options: {
  dataDir: string;
  port: number;
  scenario: string | undefined;
  noOpen: boolean;
  offlineFlag: boolean;
  browser: boolean;
}): Promise<void> {
  if (options.offlineFlag) console.log("--offline now opens the trainers' sandbox (--sandbox).");
  console.log(`Trainers' sandbox: ${TRAINING_BANNER.vi} (${TRAINING_BANNER.en})`);
  // With Electron, the desktop app opens the sandbox as its Training menu does: in a child
  // process of its own (electron/main/sandbox-window.ts), on this folder.
  const electron = options.browser ? null : electronBinaryPath(root);
  if (electron) {
    const child = spawn(electron, [join(root, 'dist/electron/main.cjs')], {
      stdio: 'inherit',
      env: {
        ...process.env,
        WORKBENCH_SANDBOX: '1',
        WORKBENCH_SANDBOX_DIR: options.dataDir,
        ...(options.scenario ? { WORKBENCH_SANDBOX_SCENARIO: options.scenario } : {}),
      },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  let seeding = false;
  const sandbox = await startSandbox({
    dataDir: options.dataDir,
    staticDir: join(root, 'dist/renderer'),
    port: options.port,
    ...(options.scenario ? { scenario: options.scenario } : {}),
    onSeedProgress: (done, total) => {
      seeding = true;
      process.stdout.write(`\rBuilding the training world: ${done}/${total}`);
    },
    log: (message) => console.error(message),
  });
  if (seeding) process.stdout.write('\n');
  const { url } = sandbox.host;
  console.log(`Workbench: ${url}`);
  console.log(
    "Demo accounts: 'desk', 'officer', 'leader' (password 'demo'), one click away on the training strip.",
  );
  console.log(`Data: ${options.dataDir}   (Ctrl+C to stop)`);
  if (shouldOpenBrowser(process.platform, process.env, options.noOpen)) openBrowser(url);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
