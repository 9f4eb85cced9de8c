import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import {
  openWorkbench,
  screenshot,
  startCentralWorld,
  step,
  type CentralWorld,
  type OfficerSession,
} from '../support/workbench-world';

/**
 * The first minutes (issue 11, §5): while the first sync fills an empty store, its progress
 * (records so far / total, time left) stands where the rows will be — never "no dossiers yet,
 * the store is empty" — and the queues show no counts until they are true.
 */

const WAIT = { timeout: 30_000, interval: 100 };

let browser: Browser;
let world: CentralWorld;
let officer: OfficerSession;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  world = await startCentralWorld();
  officer = await openWorkbench(browser, world.proxy.url);
});
afterEach(async () => {
  await officer?.close();
  await world?.close();
});

interface Reading {
  placement: string | null;
  inGrid: boolean;
  empty: number;
  counts: string[];
  rowCount: string;
  timeLeft: boolean;
}

function read(page: Page): Promise<Reading | null> {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-testid="sync-progress-panel"]');
    if (!panel) return null;
    return {
      placement: panel.getAttribute('data-placement'),
      inGrid:
        panel.closest('[data-testid="dossier-grid"], [data-testid="grid-placeholder"]') !== null,
      empty: document.querySelectorAll('[data-testid="grid-empty"]').length,
      counts: Array.from(document.querySelectorAll('[data-testid="queue-item"]')).map(
        (q) => q.getAttribute('data-count') ?? '',
      ),
      rowCount: document.querySelector('[data-testid="grid-row-count"]')?.textContent ?? '',
      timeLeft: panel.querySelector('[data-testid="sync-progress-time-left"]') !== null,
    };
  });
}

describe('the first sync', () => {
  it('shows its progress where the rows will be, and no queue counts until it ends', async () => {
    const { page } = officer;
    // A commune's line: each feed page takes a while, so the first sync can be watched.
    world.proxy.setDecider(({ path }) =>
      path.startsWith('/sync/changes') ? { kind: 'delay', ms: 300 } : { kind: 'pass' },
    );
    await page.getByTestId('sign-in').waitFor({ timeout: 15_000 });
    await page.getByTestId('sign-in-demo-processing_officer').click();
    const readings: Reading[] = [];
    await step(page, 'watch the first sync', async () => {
      await expect
        .poll(async () => {
          const reading = await read(page).catch(() => null);
          if (reading) {
            if (readings.length === 0) await screenshot(page, 'first-sync-01-progress');
            readings.push(reading);
          }
          return reading === null && readings.length > 0;
        }, WAIT)
        .toBe(true);
    });
    expect(readings.length).toBeGreaterThan(1);
    // Where the rows will be: in the grid while it has none, above it once some arrived.
    for (const r of readings) {
      expect(['rows', 'band']).toContain(r.placement);
      if (r.placement === 'rows') expect(r.inGrid).toBe(true);
      expect(r.empty).toBe(0);
      expect(r.counts.every((c) => c === '')).toBe(true);
      expect(r.rowCount).not.toMatch(/\d/);
    }
    expect(readings[0]!.placement).toBe('rows');
    expect(readings.some((r) => r.timeLeft)).toBe(true);

    await step(page, 'counts appear once it has ended, and agree with the list', async () => {
      world.proxy.setDecider(() => ({ kind: 'pass' }));
      const all = page.locator('[data-testid="queue-item"][data-queue-id="all_dossiers"]');
      await expect.poll(() => all.getAttribute('data-count'), WAIT).not.toBe('');
      await all.click();
      await expect
        .poll(
          async () =>
            `${await all.getAttribute('data-count')} hồ sơ` ===
            (await page.getByTestId('grid-row-count').innerText()).replace(/\./g, ''),
          WAIT,
        )
        .toBe(true);
      await screenshot(page, 'first-sync-02-done');
    });
    expect(officer.errors).toEqual([]);
  });
});
