import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_DEMO_ACCOUNTS } from '../../scripts/embedded-central';
import { launchChromium } from '../support/browser';
import { artifactPath, startTestHost, type TestHost } from '../support/host';

/**
 * No clipped or broken Vietnamese text on the screens an officer meets first (issue 11, §5), at
 * the two screen sizes offices have most: 1280×800 and 1920×1080. A text may end in an ellipsis
 * inside its own box (its full text in a tooltip), but never be cut off by the box around it, and
 * a role such as "Chuyên viên xử lý" is never broken across lines. Screenshots go to
 * tests/artifacts/layout-*.png for review by eye.
 */

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

let browser: Browser;
let signIn: TestHost;
let workbench: TestHost;

beforeAll(async () => {
  browser = await launchChromium();
  // A sign-in screen offering the demo accounts (no server behind the address: never used).
  signIn = await startTestHost({
    core: {
      sync: { defaults: { serverUrl: 'http://127.0.0.1:9', demoAccounts: EMBEDDED_DEMO_ACCOUNTS } },
    },
  });
  workbench = await startTestHost({ dossiers: 400, complaints: 60 });
});
afterAll(async () => {
  await browser?.close();
  await signIn?.close();
  await workbench?.close();
});

interface Clip {
  text: string;
  how: string;
}

/**
 * Texts of `locator` that are cut: by a box around them that clips (no ellipsis can show there),
 * or overflowing their own box without an ellipsis.
 */
function clippedTexts(locator: Locator): Promise<Clip[]> {
  return locator.evaluateAll((elements) => {
    const found: { text: string; how: string }[] = [];
    for (const el of elements) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const text = (el.textContent ?? '').trim();
      for (let up = el.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const box = up.getBoundingClientRect();
        if (rect.right > box.right + 1 || rect.left < box.left - 1) {
          found.push({ text, how: `cut by ${up.className || up.tagName}` });
          break;
        }
      }
      for (const part of [el, ...Array.from(el.querySelectorAll('*'))]) {
        const style = getComputedStyle(part);
        if (part.scrollWidth > part.clientWidth + 1 && style.textOverflow !== 'ellipsis') {
          if (style.overflowX !== 'visible')
            found.push({ text, how: `overflows ${part.className} without an ellipsis` });
        }
      }
    }
    return found;
  });
}

/** Texts of `locator` drawn on more than one line. */
function brokenTexts(locator: Locator): Promise<string[]> {
  return locator.evaluateAll((elements) =>
    elements
      .filter((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        return lines.size > 1;
      })
      .map((el) => (el.textContent ?? '').trim()),
  );
}

async function open(host: TestHost, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(host.host.url);
  return page;
}

describe.each(VIEWPORTS)('Vietnamese text at $width×$height', (viewport) => {
  const size = `${viewport.width}x${viewport.height}`;

  it('keeps each demo account’s role and name whole on the sign-in screen', async () => {
    const page = await open(signIn, viewport);
    await page.getByTestId('sign-in').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: artifactPath(`layout-${size}-sign-in.png`) });
    const labels = page.locator('.demo-account__role, .demo-account__name');
    expect(await labels.count()).toBe(6);
    expect(await brokenTexts(labels)).toEqual([]);
    expect(await clippedTexts(page.locator('.demo-account'))).toEqual([]);
    await page.context().close();
  });

  it('shows whole status badges beside the open panel', async () => {
    const page = await open(workbench, viewport);
    const rows = page.locator('[data-testid="dossier-row"]');
    await rows.first().waitFor({ timeout: 15_000 });
    await rows.nth(1).click();
    await page.getByTestId('dossier-panel').waitFor();
    await page.getByTestId('panel-number').waitFor();
    await page.screenshot({ path: artifactPath(`layout-${size}-panel.png`) });
    const badges = page.locator('[data-testid="dossier-row"] [data-testid="status-badge"]');
    expect(await badges.count()).toBeGreaterThan(5);
    expect(await clippedTexts(badges)).toEqual([]);
    expect(await clippedTexts(page.locator('[data-testid="panel-status"] > *'))).toEqual([]);
    // The panel's key dates keep their names on one line ("Ngày xử lý xong").
    expect(await brokenTexts(page.locator('.key-date dt'))).toEqual([]);
    // Without the panel too.
    await page.keyboard.press('Escape');
    await page.getByTestId('dossier-panel').waitFor({ state: 'detached' });
    await page.screenshot({ path: artifactPath(`layout-${size}-grid.png`) });
    expect(await clippedTexts(badges)).toEqual([]);
    await page.context().close();
  });
});
