import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { artifactPath, startTestHost, type TestHost } from '../support/host';

/**
 * The foundation end to end: the browser host serves the workbench over a seeded local store,
 * in Chromium, with a fresh data directory per test. Screenshots go to tests/artifacts/.
 */
let browser: Browser;
let env: TestHost;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  env = await startTestHost({ dossiers: 400 });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  await page.goto(env.host.url);
  await page.waitForSelector('[data-testid="dossier-row"]');
});
afterEach(async () => {
  await page?.close();
  await env?.close();
});

const rowNumbers = async () =>
  page.locator('[data-testid="dossier-row"] [data-testid="cell-number"]').allInnerTexts();

const storeNumbers = (direction: 'ASC' | 'DESC', n: number) =>
  (
    env.core.db
      .prepare(`SELECT number FROM dossiers ORDER BY number ${direction}, id ${direction} LIMIT ?`)
      .all(n) as { number: string }[]
  ).map((r) => r.number);

describe('workbench in Chromium (browser host)', () => {
  it('opens on the seeded dossiers, in Vietnamese', async () => {
    await expect.poll(() => page.getByTestId('grid-row-count').innerText()).toBe('400 hồ sơ');
    expect(await page.getByTestId('app-title').innerText()).toContain('Một cửa');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    const headers = await page.locator('[data-testid^="sort-header-"]').allInnerTexts();
    expect(headers.map((h) => h.trim())).toEqual([
      'Số hồ sơ',
      'Thủ tục',
      'Người nộp',
      'Trạng thái',
      'Ngày tiếp nhận',
      'Hạn trả',
    ]);
    // Rows are the store's, newest receipt first (the default sort).
    const first = await page
      .locator('[data-testid="dossier-row"]')
      .first()
      .getAttribute('data-dossier-id');
    const newest = env.core.db
      .prepare('SELECT id FROM dossiers ORDER BY received_key DESC, id DESC LIMIT 1')
      .get() as { id: string };
    expect(first).toBe(newest.id);
    await page.screenshot({ path: artifactPath('foundation-grid.png') });
  });

  it('sorts by dossier number both ways when the header is clicked', async () => {
    await page.getByTestId('sort-header-number').click();
    await expect
      .poll(() => page.getByTestId('sort-header-number').getAttribute('aria-sort'))
      .toBe('ascending');
    await expect.poll(async () => (await rowNumbers()).slice(0, 5)).toEqual(storeNumbers('ASC', 5));
    await page.getByTestId('sort-header-number').click();
    await expect
      .poll(() => page.getByTestId('sort-header-number').getAttribute('aria-sort'))
      .toBe('descending');
    await expect
      .poll(async () => (await rowNumbers()).slice(0, 5))
      .toEqual(storeNumbers('DESC', 5));
  });

  it('opens a dossier with its whole history, and closes it with Esc', async () => {
    const row = page.locator('[data-testid="dossier-row"]').nth(2);
    const id = await row.getAttribute('data-dossier-id');
    await row.click();
    const panel = page.getByTestId('dossier-panel');
    await expect.poll(() => panel.getAttribute('data-dossier-id')).toBe(id);
    const stored = env.core.db
      .prepare('SELECT number, applicant_name AS name FROM dossiers WHERE id = ?')
      .get(id) as { number: string; name: string };
    await expect.poll(() => page.getByTestId('panel-number').innerText()).toBe(stored.number);
    expect(await page.getByTestId('panel-applicant-name').innerText()).toBe(stored.name);
    const historyCount = (
      env.core.db
        .prepare('SELECT count(*) AS n FROM dossier_history WHERE dossier_id = ?')
        .get(id) as { n: number }
    ).n;
    await expect.poll(() => page.getByTestId('history-entry').count()).toBe(historyCount);
    await page.screenshot({ path: artifactPath('foundation-dossier.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
  });

  it('moves the selection with the arrow keys and opens it with Enter', async () => {
    await page.getByTestId('dossier-grid').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const selected = page.locator('[data-testid="dossier-row"][aria-selected="true"]');
    await expect.poll(() => selected.count()).toBe(1);
    const id = await selected.getAttribute('data-dossier-id');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('dossier-panel').getAttribute('data-dossier-id'))
      .toBe(id);
  });

  it('switches to English and keeps the choice after a reload', async () => {
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('sort-header-number').innerText()).toMatch(/Dossier/i);
    await page.reload();
    await page.waitForSelector('[data-testid="dossier-row"]');
    await expect
      .poll(() => page.getByTestId('grid-row-count').innerText())
      .toMatch(/400 dossiers/i);
  });

  it('shows a translated error, not a blank page, when the host refuses the session', async () => {
    const stranger = await browser.newPage();
    await stranger.goto(env.host.origin); // no token: no cookie
    await stranger.waitForSelector('[data-testid="error-notice"]');
    expect(await stranger.getByTestId('error-notice').getAttribute('data-error-code')).toBe(
      'UNAUTHORIZED',
    );
    await stranger.close();
  });
});
