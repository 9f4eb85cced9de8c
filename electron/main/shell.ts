import type * as Electron from 'electron';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '@shared/contract/envelope';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '@shared/contract/ipc';
import type { Dispatch } from '../../core/dispatch';
import type { CoreEvents } from '../../core/events';
import { contentSecurityPolicy } from '../../core/security/csp';
import { mimeType, resolveStaticPath } from '../../core/security/static-path';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  isAllowedNavigation,
  isTrustedSender,
  windowWebPreferences,
} from './security';

/** The parts of the electron module the shell uses; injected so tests can pass fakes. */
export type ElectronApi = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'ipcMain' | 'protocol' | 'session' | 'net'
>;

export interface ShellOptions {
  rendererDir: string;
  preloadPath: string;
  dispatch: Dispatch;
  events: CoreEvents;
  title: string;
}

/** Must run before the app is ready: the scheme gets standard-origin semantics, like https. */
export function registerAppScheme(electron: Pick<ElectronApi, 'protocol'>): void {
  electron.protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** The one more origin a window's contents may navigate within (the training sandbox's). */
const extraOrigins = new WeakMap<object, string>();

export function allowOrigin(contents: object, origin: string): void {
  extraOrigins.set(contents, origin);
}

/** Deny every permission (camera, notifications, geolocation…): the workbench needs none. */
export function denyPermissions(
  target: Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  target.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}

/**
 * What every window of the app is held to, installed once at start: no permission, no popup,
 * no webview, no navigation away (see isAllowedNavigation).
 */
export function installGuards(electron: Pick<ElectronApi, 'app' | 'session'>): void {
  denyPermissions(electron.session.defaultSession);
  electron.app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, extraOrigins.get(contents))) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, extraOrigins.get(contents))) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/**
 * Wires the desktop window once the app is ready. Everything that is not Electron-specific
 * (dispatch, store, events) comes from the core.
 */
export function installShell(electron: ElectronApi, options: ShellOptions): Electron.BrowserWindow {
  const { BrowserWindow, ipcMain, protocol } = electron;
  const csp = contentSecurityPolicy({ connectSelf: false });

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file =
      url.host === APP_HOST ? resolveStaticPath(options.rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const target = existsSync(file) ? file : join(options.rendererDir, 'index.html');
    try {
      const body = await readFile(target);
      return new Response(body, {
        headers: {
          'Content-Type': mimeType(target),
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  installGuards(electron);

  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return fail('FORBIDDEN', 'IPC is answered only for the workbench window');
    }
    return options.dispatch(method, input);
  });

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: options.title,
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: windowWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());

  const unsubscribe = options.events.onAny((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  window.on('closed', unsubscribe);

  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
