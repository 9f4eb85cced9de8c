import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
import { electronBinaryPath } from '../../build/install/electron-binary.mjs';
import { startEmbeddedCentral, type EmbeddedCentral } from '../../scripts/embedded-central';
import { notesOnCentral } from '../support/central-history';

/**
 * Issue 11's restart during an outage in the desktop window: a real Electron on a data folder,
 * against a central API process. Sign in and add a note; the central API stops; add one more;
 * quit and start the app again while the central API is still down. The session comes back if
 * the operating system's key store holds it (safeStorage); where there is none (a Linux machine
 * without a keyring) the officer signs in offline instead. Either way the waiting note is there,
 * one more is added, and once the central API is back on its own address both reach it once.
 * Runs wherever the Electron binary is installed; elsewhere it says why it is skipped.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = electronBinaryPath(root);
if (!binary)
  console.log(
    'skipped: no Electron binary (desktop offline-restart suite); see README "Installing without Electron\'s download host"',
  );

const OFFICER = DEMO_ACCOUNTS.officer;
// The desktop shell retries with its own backoff (up to 30 s between attempts).
const WAIT = { timeout: 90_000, interval: 200 };

describe.skipIf(!binary)('a restart during an outage (Electron)', () => {
  // Made by the test itself: a skipped suite leaves nothing behind.
  let dir = '';
  let dataDir = '';
  let central: EmbeddedCentral | null = null;
  let app: ElectronApplication | null = null;

  afterAll(async () => {
    await app?.close();
    central?.stop();
    await central?.exited;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const startCentral = (port: number) =>
    startEmbeddedCentral({
      dataFile: join(dir, 'central.db'),
      dossiers: 3000,
      complaints: 300,
      port,
    });

  async function launch(centralUrl: string): Promise<Page> {
    app = await _electron.launch({
      executablePath: binary!,
      args: [join(root, 'dist/electron/main.cjs'), '--no-sandbox'],
      env: { ...process.env, WORKBENCH_DATA_DIR: dataDir, WORKBENCH_CENTRAL_URL: centralUrl },
    });
    const page = await app.firstWindow();
    page.setDefaultTimeout(20_000);
    return page;
  }

  const tid = (page: Page, id: string) => page.getByTestId(id);

  async function signIn(page: Page): Promise<void> {
    await tid(page, 'sign-in-username').fill(OFFICER.username);
    await tid(page, 'sign-in-password').fill('demo');
    await tid(page, 'sign-in-submit').click();
    await expect.poll(() => tid(page, 'officer-name').innerText(), WAIT).toBe(OFFICER.fullName);
  }

  async function addNote(page: Page, text: string): Promise<void> {
    await tid(page, 'action-add_note').click();
    await tid(page, 'field-text').fill(text);
    await tid(page, 'action-submit').click();
    await tid(page, 'action-saved').waitFor();
  }

  /** Opens the first dossier of the officer's that takes a note, through the IPC bridge. */
  async function openNoteTarget(page: Page): Promise<{ id: string; number: string }> {
    const target = await page.evaluate(async () => {
      type Invoke = (m: string, i: unknown) => Promise<{ ok: boolean; value: unknown }>;
      const invoke = (window as unknown as { workbench: { invoke: Invoke } }).workbench.invoke;
      const list = (await invoke('dossiers.list', { filter: { inMyUnits: true }, limit: 100 }))
        .value as { rows: { id: string; number: string }[] };
      for (const row of list.rows) {
        const allowed = (await invoke('dossiers.allowedActions', { id: row.id })).value as {
          actions: string[];
        };
        if (allowed.actions.includes('add_note')) return row;
      }
      return null;
    });
    if (!target) throw new Error('no dossier takes a note');
    await tid(page, 'search-box').click();
    await tid(page, 'search-box').pressSequentially(target.number, { delay: 10 });
    await page.locator(`[data-testid="search-result"][data-id="${target.id}"]`).click();
    await expect
      .poll(() => tid(page, 'dossier-panel').getAttribute('data-dossier-id'), WAIT)
      .toBe(target.id);
    return target;
  }

  it('keeps the waiting change across the restart and sends everything once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wb-electron-offline-'));
    dataDir = join(dir, 'workbench');
    central = await startCentral(0);
    const centralUrl = central.url;
    const port = Number(new URL(centralUrl).port);
    let page = await launch(centralUrl);
    await tid(page, 'sign-in').waitFor({ timeout: 60_000 });
    await signIn(page);
    await expect.poll(() => tid(page, 'sync-progress-panel').count(), WAIT).toBe(0);
    const target = await openNoteTarget(page);

    central.stop();
    await central.exited;
    central = null;
    await expect
      .poll(() => tid(page, 'sync-indicator').getAttribute('data-state'), WAIT)
      .toBe('offline');
    await addNote(page, 'Ghi chú trên máy bàn khi mất kết nối');
    expect(await tid(page, 'action-saved').getAttribute('data-delivery')).toBe('sending');

    await app!.close();
    app = null;
    page = await launch(centralUrl);
    // Back signed in (the key store kept the session), or signed in offline where there is none.
    await page
      .locator('[data-testid="officer-name"], [data-testid="sign-in"]')
      .first()
      .waitFor({ timeout: 60_000 });
    if ((await tid(page, 'sign-in').count()) > 0) {
      await signIn(page);
      await tid(page, 'offline-session').waitFor();
    }
    await expect.poll(() => tid(page, 'sync-pending').getAttribute('data-count'), WAIT).toBe('1');
    await tid(page, 'search-box').click();
    await tid(page, 'search-box').pressSequentially(target.number, { delay: 10 });
    await page.locator(`[data-testid="search-result"][data-id="${target.id}"]`).click();
    await addNote(page, 'Ghi chú trên máy bàn sau khi khởi động lại');

    central = await startCentral(port);
    await expect.poll(() => tid(page, 'sync-pending').getAttribute('data-count'), WAIT).toBe('0');
    for (const text of [
      'Ghi chú trên máy bàn khi mất kết nối',
      'Ghi chú trên máy bàn sau khi khởi động lại',
    ]) {
      expect(await notesOnCentral(centralUrl, OFFICER.username, target.id, text)).toBe(1);
    }
  });
});
