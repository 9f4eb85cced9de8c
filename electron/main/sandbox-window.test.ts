import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { formatSandboxLine } from '@shared/contract/sandbox-process';
import { applicationMenu, MENU_LABELS } from './menu';
import { createSandboxWindow, TRAINING_TITLE, type SandboxElectron } from './sandbox-window';
import { TRAINING_PARTITION } from './security';
import { installGuards } from './shell';

/**
 * The Training menu's window, against fakes of Electron's utilityProcess, BrowserWindow, session
 * and dialog (no Electron binary here; tests/electron drives the real one where it exists, and
 * tests/sandbox/process.test.ts runs the real child process in Node).
 */

type Listener = (...args: unknown[]) => unknown;

class FakeChild extends EventEmitter {
  readonly stdout = new EventEmitter();
  readonly stderr = new EventEmitter();
  killed = 0;
  kill() {
    this.killed += 1;
    // Like the real one: SIGTERM, then the child's exit reaches the parent.
    queueMicrotask(() => this.emit('exit', 0));
    return true;
  }
  say(text: string) {
    this.stdout.emit('data', Buffer.from(text));
  }
}

function fakes() {
  const children: { child: FakeChild; modulePath: string; args: string[]; options: unknown }[] = [];
  const windows: FakeWindow[] = [];
  const errors: [string, string][] = [];
  const partitions: string[] = [];
  const permissions: { request?: Listener; check?: Listener } = {};

  class FakeWindow {
    readonly listeners = new Map<string, Listener>();
    readonly loaded: string[] = [];
    readonly titles: string[] = [];
    readonly progress: number[] = [];
    readonly webContents = {};
    destroyed = false;
    focused = 0;
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    on(name: string, listener: Listener) {
      this.listeners.set(name, listener);
    }
    isDestroyed() {
      return this.destroyed;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      this.focused += 1;
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    setTitle(title: string) {
      this.titles.push(title);
    }
    setProgressBar(value: number) {
      this.progress.push(value);
    }
    close() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.listeners.get('closed')?.();
    }
  }

  const electron = {
    utilityProcess: {
      fork: (modulePath: string, args: string[], options: unknown) => {
        const child = new FakeChild();
        children.push({ child, modulePath, args, options });
        return child;
      },
    },
    BrowserWindow: FakeWindow,
    session: {
      fromPartition: (name: string) => {
        partitions.push(name);
        return {
          setPermissionRequestHandler: (h: Listener) => (permissions.request = h),
          setPermissionCheckHandler: (h: Listener) => (permissions.check = h),
        };
      },
    },
    dialog: { showErrorBox: (title: string, content: string) => errors.push([title, content]) },
  };
  return {
    electron: electron as unknown as SandboxElectron,
    children,
    windows,
    errors,
    partitions,
    permissions,
  };
}

function launcher(extra: { nativeBinding?: string } = {}) {
  const f = fakes();
  const log = vi.fn();
  const stopped = vi.fn();
  const sandbox = createSandboxWindow(f.electron, {
    bundle: '/app/dist/electron/sandbox.cjs',
    staticDir: '/app/dist/renderer',
    dataDir: '/home/trainer/.config/app/training-sandbox',
    title: 'Một cửa',
    log,
    onStopped: stopped,
    ...extra,
  });
  return { ...f, sandbox, log, stopped };
}

describe('the Training menu', () => {
  it('has an item that opens the sandbox, beside the editing roles that make copy and paste work', () => {
    const openSandbox = vi.fn();
    const menu = applicationMenu({ openSandbox }, 'linux');
    const training = menu.find((m) => m.label === MENU_LABELS.training);
    const items = training?.submenu as { label?: string; click?: () => void }[];
    expect(items.map((i) => i.label)).toEqual([MENU_LABELS.openSandbox]);
    items[0]!.click!();
    expect(openSandbox).toHaveBeenCalledTimes(1);
    const edit = menu.find((m) => m.label === MENU_LABELS.edit)?.submenu as { role?: string }[];
    expect(edit.map((i) => i.role).filter(Boolean)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    expect(menu.some((m) => m.role === 'appMenu')).toBe(false);
  });

  it("puts the application's own menu first on macOS", () => {
    expect(applicationMenu({ openSandbox: vi.fn() }, 'darwin')[0]).toEqual({ role: 'appMenu' });
  });
});

describe('the training sandbox window', () => {
  it('opens at once on a loading page, without preload and in a session of its own, and starts the sandbox on its folder', () => {
    const { sandbox, windows, children, partitions, permissions } = launcher({
      nativeBinding: '/app/native/better_sqlite3.node',
    });
    sandbox.open();
    expect(windows).toHaveLength(1);
    const prefs = windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      partition: TRAINING_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(prefs.preload).toBeUndefined();
    expect(windows[0]!.options.title).toBe(TRAINING_TITLE);
    expect(decodeURIComponent(windows[0]!.loaded[0]!)).toContain('Đang mở môi trường đào tạo');
    expect(partitions).toEqual([TRAINING_PARTITION]);
    const callback = vi.fn();
    permissions.request!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);

    expect(children).toHaveLength(1);
    const { modulePath, args, options } = children[0]!;
    expect(modulePath).toBe('/app/dist/electron/sandbox.cjs');
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag('--data-dir')).toBe('/home/trainer/.config/app/training-sandbox');
    expect(flag('--static-dir')).toBe('/app/dist/renderer');
    expect(flag('--native-binding')).toBe('/app/native/better_sqlite3.node');
    expect(flag('--parent-pid')).toBe(String(process.pid));
    expect(options).toMatchObject({ stdio: 'pipe' });
    expect(sandbox.running).toBe(true);
  });

  it('shows the building progress, then loads the URL the sandbox says, even when lines arrive torn', () => {
    const { sandbox, windows, children } = launcher();
    sandbox.open();
    const child = children[0]!.child;
    const w = windows[0]!;
    child.say('some log line\n');
    child.say(formatSandboxLine({ type: 'progress', done: 50, total: 200 }));
    expect(w.progress).toEqual([0.25]);
    expect(w.titles.at(-1)).toBe(`${TRAINING_TITLE} — 25%`);
    const ready = formatSandboxLine({ type: 'ready', url: 'http://127.0.0.1:43210/?token=abc' });
    child.say(ready.slice(0, 20));
    expect(w.loaded).toHaveLength(1);
    child.say(ready.slice(20));
    expect(w.loaded.at(-1)).toBe('http://127.0.0.1:43210/?token=abc');
    expect(w.progress.at(-1)).toBe(-1);
  });

  it('lets the window move within the sandbox origin only (the token redirect, a reset reload)', () => {
    const { sandbox, windows, children } = launcher();
    const app = { on: vi.fn() };
    const session = {
      defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
    };
    installGuards({ app, session } as unknown as Parameters<typeof installGuards>[0]);
    const created = app.on.mock.calls.find(([name]) => name === 'web-contents-created')![1] as (
      e: unknown,
      c: unknown,
    ) => void;
    sandbox.open();
    const listeners = new Map<string, Listener>();
    const contents = Object.assign(windows[0]!.webContents, {
      setWindowOpenHandler: vi.fn(),
      on: (name: string, l: Listener) => listeners.set(name, l),
    });
    created({}, contents);
    children[0]!.child.say(
      formatSandboxLine({ type: 'ready', url: 'http://127.0.0.1:43210/?token=abc' }),
    );
    const prevented = (name: string, url: string) => {
      const preventDefault = vi.fn();
      listeners.get(name)!({ preventDefault }, url);
      return preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-redirect', 'http://127.0.0.1:43210/')).toBe(false);
    expect(prevented('will-navigate', 'http://127.0.0.1:43210/')).toBe(false);
    expect(prevented('will-navigate', 'http://127.0.0.1:9999/')).toBe(true);
    expect(prevented('will-navigate', 'https://dichvucong.gov.vn/')).toBe(true);
  });

  it('brings the open window to the front instead of starting a second sandbox', () => {
    const { sandbox, windows, children } = launcher();
    sandbox.open();
    sandbox.open();
    expect(windows).toHaveLength(1);
    expect(children).toHaveLength(1);
    expect(windows[0]!.focused).toBe(1);
  });

  it('stops the sandbox when its window is closed, and starts a fresh one on the next open', async () => {
    const { sandbox, windows, children, errors } = launcher();
    sandbox.open();
    windows[0]!.close();
    expect(children[0]!.child.killed).toBe(1);
    await Promise.resolve();
    expect(sandbox.running).toBe(false);
    expect(errors).toEqual([]);
    sandbox.open();
    expect(windows).toHaveLength(2);
    expect(children).toHaveLength(2);
  });

  it('says why when the sandbox cannot start, and closes the window', async () => {
    const { sandbox, windows, children, errors, stopped } = launcher();
    sandbox.open();
    const child = children[0]!.child;
    child.say(formatSandboxLine({ type: 'failed', message: 'No scenario "x" (known: a, b)' }));
    child.emit('exit', 1);
    await Promise.resolve();
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBe('Không mở được môi trường đào tạo');
    expect(errors[0]![1]).toContain('No scenario "x" (known: a, b)');
    expect(windows[0]!.destroyed).toBe(true);
    expect(stopped).toHaveBeenCalledTimes(1);
  });

  it('tells the trainer when a running sandbox stops by itself', () => {
    const { sandbox, windows, children, errors } = launcher();
    sandbox.open();
    const child = children[0]!.child;
    child.say(formatSandboxLine({ type: 'ready', url: 'http://127.0.0.1:43210/?token=abc' }));
    child.emit('exit', 137);
    expect(errors[0]![1]).toContain('exit code 137');
    expect(windows[0]!.destroyed).toBe(true);
  });

  it('stops the sandbox when the app closes it', () => {
    const { sandbox, windows, children, errors } = launcher();
    sandbox.open();
    sandbox.close();
    expect(children[0]!.child.killed).toBeGreaterThanOrEqual(1);
    expect(windows[0]!.destroyed).toBe(true);
    expect(errors).toEqual([]);
  });
});
