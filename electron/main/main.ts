import * as electron from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, STORE_FILE } from '../../core/app';
import { ensureDemoData } from '../../core/demo';
import { offlineSignInDaysFromEnv, syncDefaultsFromEnv } from '../../core/sync/defaults';
import { safeStorageTokenStore } from './token-store';
import { safeStorageStoreKey } from './store-key';
import { APP_NAME } from '../../core/version';
import { installGuards, installShell, registerAppScheme } from './shell';
import { applicationMenu } from './menu';
import { createSandboxWindow } from './sandbox-window';

/**
 * The desktop entry. Bundled to dist/electron/main.cjs; the renderer is in dist/renderer and the
 * better-sqlite3 binary built for Electron's ABI in build/native/electron (see build/install).
 */
const { app } = electron;
const root = join(__dirname, '..', '..');

app.enableSandbox();
registerAppScheme(electron);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(() => {
      // Packaged: an extra resource (electron-builder.yml); from a checkout: the postinstall's build.
      const electronBinding = app.isPackaged
        ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
        : join(root, 'build', 'native', 'electron', 'better_sqlite3.node');
      const env = process.env;
      // The Training menu's sandbox: a child process on a folder of its own (sandbox-window.ts).
      const sandbox = createSandboxWindow(electron, {
        bundle: join(__dirname, 'sandbox.cjs'),
        staticDir: join(root, 'dist', 'renderer'),
        dataDir: env.WORKBENCH_SANDBOX_DIR ?? join(app.getPath('userData'), 'training-sandbox'),
        ...(existsSync(electronBinding) ? { nativeBinding: electronBinding } : {}),
        ...(env.WORKBENCH_SANDBOX_SCENARIO ? { scenario: env.WORKBENCH_SANDBOX_SCENARIO } : {}),
        title: APP_NAME,
        log: (line) => console.error(line),
      });
      electron.Menu.setApplicationMenu(
        electron.Menu.buildFromTemplate(applicationMenu({ openSandbox: () => sandbox.open() })),
      );
      // `npm start -- --sandbox`: the training world alone; the real data folder is not opened.
      if (env.WORKBENCH_SANDBOX === '1') {
        installGuards(electron);
        sandbox.open();
        app.on('window-all-closed', () => {
          sandbox.close();
          app.quit();
        });
        return;
      }
      const dataDir = env.WORKBENCH_DATA_DIR ?? app.getPath('userData');
      const days = offlineSignInDaysFromEnv(env);
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      // Without a key store the data folder's key file serves instead (createCore's default).
      const storeKey = safeStorageStoreKey(
        electron.safeStorage,
        join(dataDir, 'store-key.bin'),
        join(dataDir, STORE_FILE),
      );
      const core = createCore({
        dataDir,
        host: 'electron',
        ...(existsSync(electronBinding) ? { nativeBinding: electronBinding } : {}),
        ...(storeKey ? { storeKey } : {}),
        tokenStore: safeStorageTokenStore(electron.safeStorage, join(dataDir, 'session.bin')),
        sync: {
          defaults: syncDefaultsFromEnv(env),
          ...(days === null ? {} : { offlineSignIn: { days } }),
          // npm start's embedded central API could not come back on its address (scripts/).
          ...(env.WORKBENCH_CENTRAL_MOVED_FROM && env.WORKBENCH_CENTRAL_URL
            ? {
                serverMoved: {
                  from: env.WORKBENCH_CENTRAL_MOVED_FROM,
                  to: env.WORKBENCH_CENTRAL_URL,
                },
              }
            : {}),
        },
      });
      // Without any central API (a trainer's offline demo), the local store gets demo data.
      if (!process.env.WORKBENCH_CENTRAL_URL) ensureDemoData(core);
      const window = installShell(electron, {
        rendererDir: join(root, 'dist', 'renderer'),
        preloadPath: join(__dirname, 'preload.cjs'),
        dispatch: core.dispatch,
        events: core.events,
        title: APP_NAME,
      });
      app.on('second-instance', () => {
        if (window.isDestroyed()) return;
        if (window.isMinimized()) window.restore();
        window.focus();
      });
      app.on('window-all-closed', () => {
        sandbox.close();
        core.close();
        app.quit();
      });
    })
    .catch((error: unknown) => {
      console.error('[electron] start-up failed:', error);
      app.exit(1);
    });
}
