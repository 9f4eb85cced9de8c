import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoAccount } from '@shared/contract/api';
import { createCore, type Core, type CoreOptions } from '../core/app';
import { startBrowserHost, type BrowserHost } from '../core/browser-host/server';
import { ensureDemoData } from '../core/demo';
import { dataKeyPath, loadOrCreateDataKey, sealedFileTokenStore } from '../core/security/data-key';
import { offlineSignInDaysFromEnv, syncDefaultsFromEnv } from '../core/sync/defaults';
import { readCentralMemory, rememberedPort, writeCentralMemory } from './central-memory';
import { PortInUseError, startEmbeddedCentral, type EmbeddedCentral } from './embedded-central';

/**
 * What `npm start` runs, importable so that the end-to-end suites start the workbench exactly as
 * an officer does: which central API the data folder works with (`resolveCentral`), and the
 * browser host over the core on that folder (`startBrowserWorkbench`). The Electron path shares
 * the first and hands the rest to electron/main through the environment.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The browser host's sealed session, inside the data folder (its key is beside the folder). */
export const SESSION_FILE = 'session.sealed';

export interface ResolvedCentral {
  /** The central API to sign in to, or null (`--offline`: a trainer's demo store). */
  url: string | null;
  demoAccounts: DemoAccount[];
  /** The embedded central API came back on another address than the one remembered. */
  moved: { from: string; to: string } | null;
  /** The embedded central API this start launched, if any. */
  embedded: EmbeddedCentral | null;
  /** What to tell the officer about it, one line. */
  note: string | null;
}

export interface CentralChoice {
  dataDir: string;
  /** `--server URL`: remembered for the folder from now on. */
  server?: string | undefined;
  /** `--embedded`: forget a remembered server and start the embedded central API. */
  embedded?: boolean;
  offline?: boolean;
  /** The demo world the embedded central API seeds on first start. */
  seed?: { dossiers: number; complaints: number };
  onLine?: (line: string) => void;
}

/**
 * The data folder remembers its central API: a `--server` given once is used by every later
 * start on the folder, and the embedded one listens on the address it had, so the session and
 * the changes waiting in the store still reach it. Should that port be taken, the embedded one
 * listens elsewhere and the session is moved to the new address (`moved`).
 */
export async function resolveCentral(choice: CentralChoice): Promise<ResolvedCentral> {
  const none = { demoAccounts: [], moved: null, embedded: null };
  if (choice.offline) return { url: null, note: null, ...none };
  mkdirSync(choice.dataDir, { recursive: true });
  if (choice.server) {
    writeCentralMemory(choice.dataDir, { kind: 'server', url: choice.server });
    return { url: choice.server, note: null, ...none };
  }
  const memory = readCentralMemory(choice.dataDir);
  if (memory?.kind === 'server' && !choice.embedded) {
    return {
      url: memory.url,
      note: `Central API remembered for this data folder: ${memory.url} (--server URL to change it, --embedded for the demo one)`,
      ...none,
    };
  }
  const seed = choice.seed ?? { dossiers: 20_000, complaints: 4_000 };
  const start = (port: number) =>
    startEmbeddedCentral({
      dataFile: join(choice.dataDir, 'central.db'),
      ...seed,
      port,
      ...(choice.onLine ? { onLine: choice.onLine } : {}),
    });
  const port = memory?.kind === 'embedded' ? rememberedPort(memory) : 0;
  let central: EmbeddedCentral;
  let moved: ResolvedCentral['moved'] = null;
  try {
    central = await start(port);
  } catch (error) {
    if (!(error instanceof PortInUseError) || port === 0 || memory === null) throw error;
    central = await start(0);
    moved = { from: memory.url, to: central.url };
  }
  writeCentralMemory(choice.dataDir, { kind: 'embedded', url: central.url });
  return {
    url: central.url,
    demoAccounts: central.demoAccounts,
    moved,
    embedded: central,
    note: moved
      ? `Port ${port} is taken: the embedded central API now listens on ${central.url} (the session follows it)`
      : null,
  };
}

/** The environment that carries the choice to either host (electron/main reads the same). */
export function hostEnvironment(dataDir: string, central: ResolvedCentral): Record<string, string> {
  const env: Record<string, string> = { WORKBENCH_DATA_DIR: dataDir };
  if (central.url) env.WORKBENCH_CENTRAL_URL = central.url;
  if (central.demoAccounts.length > 0)
    env.WORKBENCH_DEMO_ACCOUNTS = JSON.stringify(central.demoAccounts);
  if (central.moved) env.WORKBENCH_CENTRAL_MOVED_FROM = central.moved.from;
  return env;
}

export interface BrowserWorkbench {
  readonly core: Core;
  readonly host: BrowserHost;
  close(): Promise<void>;
}

/**
 * The browser host over the core on `dataDir`, as `npm start` runs it: the session sealed in
 * the folder with the folder's key, so it survives a restart; the sign-in screen's defaults and
 * the offline sign-in period from the environment that `hostEnvironment` made.
 */
export async function startBrowserWorkbench(options: {
  dataDir: string;
  env: Record<string, string | undefined>;
  port?: number;
  /** `--offline`: fill an empty store with demo data. */
  demoData?: boolean;
  onDemoProgress?: (done: number, total: number) => void;
  /** Tests: quicker retries, a clock. */
  core?: Pick<CoreOptions, 'clock' | 'log'> & { sync?: CoreOptions['sync'] };
  log?: (message: string) => void;
}): Promise<BrowserWorkbench> {
  const { env, dataDir } = options;
  const days = offlineSignInDaysFromEnv(env);
  const moved =
    env.WORKBENCH_CENTRAL_MOVED_FROM && env.WORKBENCH_CENTRAL_URL
      ? { from: env.WORKBENCH_CENTRAL_MOVED_FROM, to: env.WORKBENCH_CENTRAL_URL }
      : null;
  const core = createCore({
    dataDir,
    host: 'browser',
    tokenStore: sealedFileTokenStore(
      join(dataDir, SESSION_FILE),
      loadOrCreateDataKey(dataKeyPath(dataDir)),
    ),
    ...(options.core?.clock ? { clock: options.core.clock } : {}),
    ...(options.core?.log ? { log: options.core.log } : {}),
    sync: {
      defaults: syncDefaultsFromEnv(env),
      ...(days === null ? {} : { offlineSignIn: { days } }),
      ...(moved ? { serverMoved: moved } : {}),
      ...options.core?.sync,
    },
  });
  if (options.demoData) {
    ensureDemoData(core, options.onDemoProgress ? { onProgress: options.onDemoProgress } : {});
  }
  let host: BrowserHost;
  try {
    host = await startBrowserHost({
      dispatch: core.dispatch,
      events: core.events,
      staticDir: join(root, 'dist/renderer'),
      port: options.port ?? 0,
      // A developer debugging the built workbench asks for its source maps; nobody else gets them.
      serveSourceMaps: env.WORKBENCH_SOURCE_MAPS === '1',
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    core.close();
    throw error;
  }
  return {
    core,
    host,
    close: async () => {
      await host.close();
      core.close();
    },
  };
}

/**
 * Whether `npm start` should open the workbench in the default browser: not when asked not to
 * (`--no-open`), not under CI, and on Linux only with a desktop to show it on (an X or Wayland
 * display; a server or a container has neither).
 */
export function shouldOpenBrowser(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  noOpen: boolean,
): boolean {
  if (noOpen) return false;
  if (env.CI || env.VITEST) return false;
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** The platform's own opener, detached: a missing opener only means the URL must be copied. */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [command, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // Printing the URL is enough.
  }
}
