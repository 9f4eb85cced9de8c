import type * as Electron from 'electron';
import { parseSandboxLine } from '@shared/contract/sandbox-process';
import { trainingWebPreferences, TRAINING_PARTITION } from './security';
import { allowOrigin, denyPermissions } from './shell';

/**
 * The Training menu's window: the trainers' sandbox (scripts/sandbox) runs in a child process
 * of its own — Electron's `utilityProcess`, so Electron's own Node with the better-sqlite3 binary
 * built for it — on a data folder of its own, and this window shows that sandbox's browser host.
 * The training world thus never shares a process, a folder or a session with the officer's real
 * workbench, and the window is the very page `npm start -- --sandbox` serves.
 *
 * The first start of a scenario builds its world (some seconds): the window opens at once on a
 * page that says so, with the progress in its title and the taskbar.
 */

export type SandboxElectron = Pick<
  typeof Electron,
  'utilityProcess' | 'BrowserWindow' | 'session' | 'dialog'
>;

export interface SandboxWindowOptions {
  /** dist/electron/sandbox.cjs. */
  bundle: string;
  /** The built renderer the sandbox's host serves (dist/renderer). */
  staticDir: string;
  /** The sandbox's own folder, never the workbench's. */
  dataDir: string;
  nativeBinding?: string;
  scenario?: string;
  /** The app's name; the window's title adds the training mark to it. */
  title: string;
  log: (line: string) => void;
  /** The sandbox stopped by itself, or could not start (the dialog has told the trainer). */
  onStopped?: () => void;
}

export interface SandboxWindow {
  /** Opens the window (and starts the sandbox), or brings the open one to the front. */
  open(): void;
  /** Stops the sandbox and closes its window (the app quits). */
  close(): void;
  readonly running: boolean;
}

export const TRAINING_TITLE = 'Đào tạo — dữ liệu không phải hồ sơ thật';

/** The page shown while the training world is being built: static, no script, no request. */
export function loadingPage(): string {
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>${TRAINING_TITLE}</title>
<style>body{margin:0;display:grid;place-items:center;height:100vh;font:16px system-ui,sans-serif;
background:#f6f7f9;color:#1f2937}main{text-align:center;max-width:32rem}
h1{font-size:20px;margin:0 0 8px}p{margin:4px 0;color:#4b5563}</style></head>
<body><main><h1>Đang mở môi trường đào tạo…</h1>
<p>Lần đầu, thế giới đào tạo được dựng trên máy này (vài giây); các lần sau mở ngay.</p>
<p lang="en">Opening the training sandbox…</p></main></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

export function createSandboxWindow(
  electron: SandboxElectron,
  options: SandboxWindowOptions,
): SandboxWindow {
  let window: Electron.BrowserWindow | null = null;
  let child: Electron.UtilityProcess | null = null;
  let ready = false;
  let stopping = false;
  const errors: string[] = [];

  const windowOpen = (): Electron.BrowserWindow | null =>
    window && !window.isDestroyed() ? window : null;

  const fail = (detail: string) => {
    options.log(`[sandbox] ${detail}`);
    electron.dialog.showErrorBox(
      'Không mở được môi trường đào tạo',
      `${detail}\n\n(The training sandbox could not be opened.)`,
    );
    windowOpen()?.close();
    options.onStopped?.();
  };

  const onLine = (line: string) => {
    const message = parseSandboxLine(line);
    const target = windowOpen();
    if (!message) return;
    if (message.type === 'progress') {
      const fraction = message.total === 0 ? 1 : message.done / message.total;
      target?.setProgressBar(fraction);
      target?.setTitle(`${TRAINING_TITLE} — ${Math.floor(fraction * 100)}%`);
    } else if (message.type === 'ready') {
      ready = true;
      if (!target) return;
      target.setProgressBar(-1);
      allowOrigin(target.webContents, new URL(message.url).origin);
      void target.loadURL(message.url);
    } else {
      errors.push(message.message);
    }
  };

  const start = () => {
    const args = [
      '--data-dir',
      options.dataDir,
      '--static-dir',
      options.staticDir,
      '--parent-pid',
      String(process.pid),
      ...(options.scenario ? ['--scenario', options.scenario] : []),
      ...(options.nativeBinding ? ['--native-binding', options.nativeBinding] : []),
    ];
    const forked = electron.utilityProcess.fork(options.bundle, args, {
      stdio: 'pipe',
      serviceName: 'Training sandbox',
    });
    child = forked;
    ready = false;
    let pending = '';
    forked.stdout?.on('data', (chunk: Buffer | string) => {
      pending += chunk.toString();
      let end = pending.indexOf('\n');
      while (end >= 0) {
        onLine(pending.slice(0, end));
        pending = pending.slice(end + 1);
        end = pending.indexOf('\n');
      }
    });
    // The sandbox's log goes to the app's: a training world holds generated people, never real ones.
    forked.stderr?.on('data', (chunk: Buffer | string) => {
      for (const line of chunk.toString().split('\n')) if (line) options.log(`[sandbox] ${line}`);
    });
    forked.on('exit', (code) => {
      if (child === forked) child = null;
      if (stopping) return;
      const why = errors.at(-1);
      if (!ready) fail(why ?? `the sandbox stopped before it was ready (exit code ${code})`);
      else if (windowOpen()) fail(why ?? `the sandbox stopped (exit code ${code})`);
    });
  };

  return {
    open() {
      const open = windowOpen();
      if (open) {
        if (open.isMinimized()) open.restore();
        open.focus();
        return;
      }
      stopping = false;
      errors.length = 0;
      denyPermissions(electron.session.fromPartition(TRAINING_PARTITION));
      const created = new electron.BrowserWindow({
        width: 1440,
        height: 900,
        minWidth: 960,
        minHeight: 600,
        title: TRAINING_TITLE,
        backgroundColor: '#f6f7f9',
        webPreferences: trainingWebPreferences(),
      });
      window = created;
      // The page's own title (the workbench's) would hide that this window is the training one.
      created.on('page-title-updated', (event) => event.preventDefault());
      created.on('closed', () => {
        if (window === created) window = null;
        stopping = true;
        child?.kill();
      });
      void created.loadURL(loadingPage());
      start();
    },
    close() {
      stopping = true;
      child?.kill();
      windowOpen()?.close();
    },
    get running() {
      return child !== null;
    },
  };
}
