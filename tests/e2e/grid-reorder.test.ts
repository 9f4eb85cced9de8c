import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startTestHost, type TestHost } from '../support/host';

/**
 * A new order (or filter) keeps the rows drawn for the last one while the new first rows are on
 * their way, the grid marked busy, so that a quick answer replaces them in one redraw; a slow one
 * brings the skeleton a moment later. The answer is held back here by the test, so nothing
 * depends on how fast the host is.
 */
let browser: Browser;
let env: TestHost;
let page: Page;
const GRID = '[data-testid="dossier-grid"]';

beforeAll(async () => {
  [browser, env] = await Promise.all([launchChromium(), startTestHost({ dossiers: 2_000 })]);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  await page.goto(env.host.url);
  await page.waitForSelector('[data-testid="dossier-row"]');
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await env?.close();
});

const firstIds = () =>
  page.evaluate<string[]>(
    `[...document.querySelectorAll('${GRID} [data-testid="dossier-row"]')].slice(0, 5).map((r) => r.dataset.recordId)`,
  );
const skeleton = () => page.locator(`${GRID} [data-testid="grid-loading"]`).count();

describe('the grid during a new order', () => {
  it('keeps the last rows, then shows the skeleton if the answer is slow, then the new rows', async () => {
    const before = await firstIds();
    expect(before.length).toBe(5);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = async (route: Route) => {
      await gate;
      await route.continue();
    };
    await page.route('**/api/invoke/dossiers.list', held);
    await page.click('[data-testid="sort-header-number"] button.grid__sort');
    // Two frames later: the grid is busy, the old rows still drawn, no skeleton yet.
    await page.evaluate(
      `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))`,
    );
    expect(await page.getAttribute(GRID, 'aria-busy')).toBe('true');
    expect(await firstIds()).toEqual(before);
    expect(await skeleton()).toBe(0);
    // The answer still held: the skeleton comes, the old rows go.
    await expect.poll(skeleton, { timeout: 5_000 }).toBe(1);
    expect(await firstIds()).toEqual([]);
    // The answer: the new order's rows.
    release();
    await expect
      .poll(() => page.getAttribute(GRID, 'data-status'), { timeout: 10_000 })
      .toBe('ready');
    await page.unroute('**/api/invoke/dossiers.list', held);
    const after = await firstIds();
    expect(after.length).toBe(5);
    expect(after).not.toEqual(before);
    expect(await skeleton()).toBe(0);
  });
});
