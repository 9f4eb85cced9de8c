import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startTestHost, type TestHost } from '../support/host';

/**
 * Issue 17: rows are there when the officer gets to them. A short steady scroll through a list
 * many pages long, paused now and then for one frame: at each pause every row in view shows its
 * record, none is a placeholder, because the grid fetched the pages ahead of the scroll while
 * it moved. Not a timing test: the scroll goes a fixed number of rows per frame, so a slower
 * machine scrolls slower, and nothing is timed.
 */
const DOSSIERS = 20_000;
/** Rows a frame: a fast wheel, two screenfuls a frame; the list is 100 pages of 200 rows. */
const ROWS_PER_FRAME = 40;
const FRAMES_PER_STRETCH = 30;
const STRETCHES = 6;

let browser: Browser;
let env: TestHost;
let page: Page;

beforeAll(async () => {
  [browser, env] = await Promise.all([launchChromium(), startTestHost({ dossiers: DOSSIERS })]);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  await page.goto(env.host.url);
  await page.waitForSelector('[data-testid="dossier-row"]');
  // The whole list counted (expect.poll belongs to tests, not to their setup).
  await page.waitForFunction(
    `document.querySelector('[data-testid="dossier-grid"]')?.getAttribute('aria-rowcount') === '${DOSSIERS + 1}'`,
    undefined,
    { timeout: 60_000 },
  );
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
  await env?.close();
});

interface Pause {
  /** The first and last rows in view, by position. */
  first: number;
  last: number;
  /** Rows in view drawn with their record (a record id, not a placeholder). */
  real: number;
  placeholders: number;
  /** Rows in view, however drawn. */
  inView: number;
}

/**
 * In the page: scrolls the grid body `rowsPerFrame` rows a frame for `frames` frames, stops,
 * lets one frame go by, and says what the rows in view are drawn as. A string, not a function:
 * tsx would wrap a function with a helper that does not exist in the page.
 */
const stretchAndPause = (rowsPerFrame: number, frames: number) => `(async () => {
  const body = document.querySelector('[data-testid="dossier-grid"] .grid__body');
  const rowHeight = body.querySelector('[data-row-index]').offsetHeight;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  for (let i = 0; i < ${frames}; i += 1) {
    body.scrollTop += ${rowsPerFrame} * rowHeight;
    await frame();
  }
  // The pause: one frame budget, i.e. the next frame is drawn and then one more begins.
  await frame();
  await frame();
  const view = body.getBoundingClientRect();
  const rows = [...body.querySelectorAll('[data-row-index]')].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > view.top + 1 && r.top < view.bottom - 1;
  });
  const indexes = rows.map((el) => Number(el.dataset.rowIndex));
  return {
    first: Math.min(...indexes),
    last: Math.max(...indexes),
    real: rows.filter((el) => el.dataset.testid === 'dossier-row' && el.dataset.recordId).length,
    placeholders: rows.filter((el) => el.dataset.testid === 'dossier-row-placeholder').length,
    inView: rows.length,
  };
})()`;

describe('the grid in a steady scroll', () => {
  it('shows every row in view with its record once the scroll pauses for a frame', async () => {
    const pauses: Pause[] = [];
    for (let stretch = 0; stretch < STRETCHES; stretch += 1) {
      pauses.push(await page.evaluate<Pause>(stretchAndPause(ROWS_PER_FRAME, FRAMES_PER_STRETCH)));
    }
    // The scroll went through many pages of the list (200 rows a page)…
    const last = pauses.at(-1);
    expect(last?.first).toBeGreaterThan(ROWS_PER_FRAME * FRAMES_PER_STRETCH * (STRETCHES - 1));
    for (const pause of pauses) {
      // …and at every pause the rows in view are a screenful, each one drawn with its record.
      expect(pause.inView).toBeGreaterThan(10);
      expect(pause).toMatchObject({ placeholders: 0, real: pause.inView });
      expect(pause.last - pause.first + 1).toBe(pause.inView);
    }
  });
});
