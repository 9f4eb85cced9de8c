import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinaryPath } from '../../build/install/electron-binary.mjs';

/**
 * The desktop window in a real Electron, driven by Playwright. Runs wherever the Electron binary
 * is installed; elsewhere (machines that cannot reach Electron's download host) it is skipped with
 * one line saying so, and the same settings are asserted by electron/main/shell.test.ts.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = electronBinaryPath(root);
if (!binary)
  console.log(
    'skipped: no Electron binary (desktop suite); see README "Installing without Electron\'s download host"',
  );

describe.skipIf(!binary)('desktop window (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'wb-electron-'));
    app = await _electron.launch({
      executablePath: binary!,
      args: [join(root, 'dist/electron/main.cjs'), '--no-sandbox'],
      env: {
        ...process.env,
        WORKBENCH_DATA_DIR: dataDir,
        WORKBENCH_SANDBOX_DIR: join(dataDir, 'training-sandbox'),
        WORKBENCH_DEMO_DOSSIERS: '500',
      },
    });
    page = await app.firstWindow();
    await page.waitForSelector('[data-testid="dossier-row"]', { timeout: 60_000 });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the renderer isolated and sandboxed, without Node', async () => {
    // Behaviour rather than settings (the settings are asserted in shell.test.ts): no Node in the
    // page, and the bridge is a frozen copy made by contextBridge in an isolated world.
    expect(
      await page.evaluate(() =>
        Object.isFrozen((window as unknown as { workbench: object }).workbench),
      ),
    ).toBe(true);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
      'undefined',
    );
  });

  it('exposes only invoke and on through the preload', async () => {
    const keys = await page.evaluate(() =>
      Object.keys((window as unknown as { workbench: object }).workbench).sort(),
    );
    expect(keys).toEqual(['invoke', 'on']);
  });

  it('is served from app:// with the strict CSP', async () => {
    expect(page.url()).toMatch(/^app:\/\/workbench\//);
    const blocked = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/');
        return false;
      } catch {
        return true;
      }
    });
    expect(blocked).toBe(true);
  });

  it('answers contract calls over IPC and refuses bad input with a named field', async () => {
    const info = await page.evaluate(() =>
      (
        window as unknown as { workbench: { invoke: (m: string, i: unknown) => Promise<unknown> } }
      ).workbench.invoke('app.info', {}),
    );
    expect(info).toMatchObject({ ok: true, value: { host: 'electron' } });
    const bad = await page.evaluate(() =>
      (
        window as unknown as { workbench: { invoke: (m: string, i: unknown) => Promise<unknown> } }
      ).workbench.invoke('dossiers.list', { limit: 'x' }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'limit' } });
  });

  it('prints a one-stop form from the bundle, with the fonts shipped beside main.cjs', async () => {
    const rendered = await page.evaluate(async () => {
      type Invoke = (m: string, i: unknown) => Promise<{ ok: boolean; value?: unknown }>;
      const { invoke } = (window as unknown as { workbench: { invoke: Invoke } }).workbench;
      const list = await invoke('dossiers.list', { limit: 1 });
      const [first] = (list.value as { rows: { id: string }[] }).rows;
      return invoke('forms.render', { form: 'control', dossierId: first?.id ?? '' });
    });
    expect(rendered).toMatchObject({ ok: true, value: { pageSize: 'A5' } });
    const pdf = Buffer.from((rendered.value as { pdfBase64: string }).pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses to open new windows', async () => {
    await page.evaluate(() => window.open('https://example.com/'));
    expect(app.windows()).toHaveLength(1);
  });

  it("opens the trainers' sandbox from the Training menu, in a window of its own", async () => {
    const opened = app.waitForEvent('window');
    await app.evaluate(({ Menu }) => {
      Menu.getApplicationMenu()?.getMenuItemById('open-sandbox')?.click();
    });
    const training = await opened;
    await training.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/$/, { timeout: 120_000 });
    await training.getByText('Dữ liệu đào tạo — không phải hồ sơ thật').first().waitFor();
    // The workbench's own window is untouched, on app://, and still the real data folder's.
    expect(page.url()).toMatch(/^app:\/\/workbench\//);
    await training.close();
  });
});
