import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '@shared/contract/envelope';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '@shared/contract/ipc';
import { CoreEvents } from '../../core/events';
import { installShell, registerAppScheme, type ElectronApi } from './shell';
import { isAllowedNavigation, isTrustedSender } from './security';

/**
 * The desktop window's security settings, checked against a recording fake of the electron
 * module so they are verified on machines without an Electron binary. The Playwright _electron
 * suite (tests/electron) checks the same in a real window where the binary exists.
 */

type Listener = (...args: unknown[]) => unknown;

function fakeElectron() {
  const appListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, Listener>();
  let protocolHandler: ((request: Request) => Promise<Response>) | undefined;
  const windows: { options: Record<string, unknown>; loaded: string[]; sent: unknown[][] }[] = [];
  const permission = {
    request: undefined as Listener | undefined,
    check: undefined as Listener | undefined,
  };
  const privileged: unknown[] = [];

  class FakeWindow {
    readonly record: { options: Record<string, unknown>; loaded: string[]; sent: unknown[][] };
    readonly webContents: { send: (...args: unknown[]) => void };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [], sent: [] };
      windows.push(this.record);
      this.webContents = { send: (...args: unknown[]) => this.record.sent.push(args) };
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
  }

  const api = {
    app: { on: (name: string, listener: Listener) => appListeners.set(name, listener) },
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, handler: Listener) => ipcHandlers.set(channel, handler) },
    protocol: {
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => {
        protocolHandler = handler;
      },
      registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (permission.request = h),
        setPermissionCheckHandler: (h: Listener) => (permission.check = h),
      },
    },
    net: {},
  };
  return {
    api: api as unknown as ElectronApi,
    appListeners,
    ipcHandlers,
    windows,
    permission,
    privileged,
    serve: (url: string) => protocolHandler!(new Request(url)),
  };
}

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  return {
    listeners,
    open: (details: unknown) => openHandler?.(details),
    contents: {
      setWindowOpenHandler: (h: Listener) => (openHandler = h),
      on: (name: string, listener: Listener) => listeners.set(name, listener),
    },
  };
}

let rendererDir: string;
beforeEach(() => {
  rendererDir = mkdtempSync(join(tmpdir(), 'wb-shell-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Một cửa</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
});
afterEach(() => rmSync(rendererDir, { recursive: true, force: true }));

function install(
  dispatch = vi.fn((): Promise<Envelope<unknown>> => Promise.resolve({ ok: true, value: 'pong' })),
) {
  const fake = fakeElectron();
  const events = new CoreEvents();
  registerAppScheme(fake.api);
  installShell(fake.api, {
    rendererDir,
    preloadPath: '/app/preload.cjs',
    dispatch,
    events,
    title: 'Một cửa',
  });
  return { fake, events, dispatch };
}

describe('desktop window security (Electron checklist)', () => {
  it('isolates the renderer: context isolation, sandbox, no Node integration, web security on', () => {
    const { fake } = install();
    const prefs = fake.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('lets the print preview show its PDF (the built-in viewer) with the isolation unchanged', () => {
    const { fake } = install();
    const prefs = fake.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs.plugins).toBe(true);
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('loads the UI from the app:// scheme, registered as a secure standard scheme', () => {
    const { fake } = install();
    expect(fake.windows[0]!.loaded).toEqual(['app://workbench/index.html']);
    expect(fake.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const { fake } = install();
    const response = await fake.serve('app://workbench/index.html');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(await response.text()).toContain('Một cửa');
  });

  it.each([
    'app://workbench/../../etc/passwd',
    'app://workbench/%2e%2e/%2e%2e/etc/passwd',
    'app://evil/index.html',
  ])('refuses to serve %s', async (url) => {
    const { fake } = install();
    const response = await fake.serve(url);
    if (response.status === 200) {
      // URL parsing may normalise the dots away; then the page served must be the app's own.
      expect(await response.text()).toContain('Một cửa');
    } else {
      expect(response.status).toBe(404);
    }
  });

  it('denies window.open, foreign navigation, redirects and webviews in every web contents', () => {
    const { fake } = install();
    const wc = fakeContents();
    fake.appListeners.get('web-contents-created')!({}, wc.contents);
    expect(wc.open({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-redirect']) {
      const prevent = vi.fn();
      wc.listeners.get(name)!({ preventDefault: prevent }, 'https://phishing.example/login');
      expect(prevent).toHaveBeenCalled();
    }
    const stay = vi.fn();
    wc.listeners.get('will-navigate')!({ preventDefault: stay }, 'app://workbench/index.html');
    expect(stay).not.toHaveBeenCalled();
    const attach = vi.fn();
    wc.listeners.get('will-attach-webview')!({ preventDefault: attach });
    expect(attach).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const { fake } = install();
    const callback = vi.fn();
    fake.permission.request!({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.permission.check!({}, 'notifications')).toBe(false);
  });

  it('answers IPC only for the top-level frame of the app, through the dispatch', async () => {
    const { fake, dispatch } = install();
    const handler = fake.ipcHandlers.get(INVOKE_CHANNEL)!;
    const good = await handler(
      { senderFrame: { url: 'app://workbench/index.html', parent: null } },
      'app.info',
      {},
    );
    expect(good).toEqual({ ok: true, value: 'pong' });
    expect(dispatch).toHaveBeenCalledWith('app.info', {});
    for (const senderFrame of [
      null,
      { url: 'app://workbench/index.html', parent: {} },
      { url: 'https://example.com/', parent: null },
      { url: 'file:///etc/passwd', parent: null },
    ]) {
      expect(await handler({ senderFrame }, 'app.info', {})).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('forwards contract events to the window', () => {
    const { fake, events } = install();
    events.emit('dossiers.changed', { ids: ['d1'] });
    expect(fake.windows[0]!.sent).toEqual([[EVENT_CHANNEL, 'dossiers.changed', { ids: ['d1'] }]]);
  });
});

describe('security predicates', () => {
  it('trusts only app://workbench top-level frames', () => {
    expect(isTrustedSender({ url: 'app://workbench/x', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://workbench.evil/x', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null })).toBe(false);
  });
  it('allows navigation only inside the app', () => {
    expect(isAllowedNavigation('app://workbench/index.html#/d/1')).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:3000/')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });
});
