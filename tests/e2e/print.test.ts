import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DossierListRow } from '@shared/contract/api';
import { foldVietnamese } from '@shared/domain/text';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
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
 * The paper the citizen takes home (issue 14), end to end: Nguyễn Thị Lan at the one-stop desk
 * accepts a dossier filed through the portal, and the confirmation offers its receipt (Mẫu 01).
 * The preview shows the PDF the core rendered; what she saves is that PDF, with the dossier's
 * number and the applicant's name as written. Saving it is recorded once in the dossier's
 * history, waiting while the commune's line is down and confirmed by the central API when it is
 * back; opening the preview recorded nothing.
 */

const DESK = DEMO_ACCOUNTS.desk;
const SHOTS = 'print';
const WAIT = { timeout: 20_000, interval: 100 };

let browser: Browser;
let world: CentralWorld;
let desk: OfficerSession;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  world = await startCentralWorld();
  desk = await openWorkbench(browser, world.proxy.url);
});
afterEach(async () => {
  await desk?.close();
  await world?.close();
});

const tid = (page: Page, id: string) => page.getByTestId(id);
const text = (page: Page, id: string) => tid(page, id).innerText();
const pendingCount = (page: Page) => tid(page, 'sync-pending').getAttribute('data-count');
const syncState = (page: Page) => tid(page, 'sync-indicator').getAttribute('data-state');
const printEntries = (page: Page) =>
  page.locator('[data-testid="history-entry"][data-action="record_print"]');

/** The prints the central API holds in the dossier's history. */
async function printsOnCentral(dossierId: string) {
  const rows = await world.central.store.db
    .selectFrom('records')
    .select(['data'])
    .where('entity', '=', 'dossier_history')
    .where('owner_id', '=', dossierId)
    .execute();
  return rows
    .map((r) => JSON.parse(r.data) as { action: string; officerId: string; data: unknown })
    .filter((entry) => entry.action === 'record_print');
}

/**
 * The titles of the PDFs Chromium's viewer has opened in the page's frames: the viewer names its
 * page after the PDF's title once the document is open (so a screenshot shows the sheet).
 */
async function pdfTitles(page: Page): Promise<string[]> {
  const viewers = page.frames().filter((f) => f.url().startsWith('chrome-extension://'));
  return Promise.all(viewers.map((f) => f.evaluate(() => document.title).catch(() => '')));
}

/** The text of a PDF as poppler reads it, white space dropped (lines wrap where the page ends). */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' })
    .normalize('NFC')
    .replace(/\s+/g, '');
}
const squeezed = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

describe('printing the receipt at the desk (issue 14), in Chromium against a central API', () => {
  it('accepts a dossier, previews its receipt, saves it, and the history records it once', async () => {
    const { page } = desk;

    await step(page, 'the desk signs in', async () => {
      await tid(page, 'sign-in').waitFor({ timeout: 15_000 });
      await tid(page, 'sign-in-demo-desk_officer').click();
      await expect.poll(() => text(page, 'officer-name'), WAIT).toBe(DESK.fullName);
      await expect.poll(() => syncState(page), WAIT).toBe('online');
    });

    // A dossier filed through the portal, waiting at the desk, for a citizen whose name has
    // diacritics (the world is generated anew each run).
    const filed = await desk.call('dossiers.list', {
      filter: { inMyUnits: true, status: [1] },
      limit: 500,
    });
    const withDiacritics = (r: DossierListRow) =>
      foldVietnamese(r.applicantName) !== r.applicantName.toLowerCase();
    const target = await firstAllowing(filed.rows.filter(withDiacritics), 'accept');

    await step(page, 'accept the dossier at the desk', async () => {
      await tid(page, 'search-box').click();
      await tid(page, 'search-box').pressSequentially(target.number, { delay: 10 });
      const hit = page.locator(`[data-testid="search-result"][data-id="${target.id}"]`);
      await hit.waitFor({ timeout: 10_000 });
      await hit.click();
      await expect
        .poll(() => tid(page, 'dossier-panel').getAttribute('data-dossier-id'), WAIT)
        .toBe(target.id);
      await tid(page, 'action-accept').click();
      await tid(page, 'action-submit').click();
      await tid(page, 'action-saved').waitFor({ timeout: 10_000 });
      await expect.poll(() => pendingCount(page), WAIT).toBe('0');
    });

    await step(page, 'the confirmation offers the receipt, and its preview shows it', async () => {
      const offer = tid(page, 'print-offer');
      await expect.poll(() => offer.getAttribute('data-form'), WAIT).toBe('receipt');
      expect(await offer.innerText()).toContain('Mẫu số 01');
      const body = tid(page, 'print-preview-body');
      // Opened on each screen size the desks have, looked at once the sheet is drawn.
      for (const [width, height] of [
        [1280, 800],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        await offer.click();
        await expect.poll(() => body.getAttribute('data-state'), WAIT).toBe('ready');
        await expect
          .poll(() => tid(page, 'print-preview-frame').getAttribute('data-loaded'), WAIT)
          .toBe('true');
        // The frame shows the PDF itself: Chromium's viewer names its page after the PDF's title.
        await expect
          .poll(() => pdfTitles(page), WAIT)
          .toContain('Mẫu số 01 GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
        await screenshot(page, `${SHOTS}-receipt-preview-${width}x${height}`);
        if (width === 1280) {
          await page.keyboard.press('Escape');
          await expect.poll(() => tid(page, 'print-preview').count(), WAIT).toBe(0);
        }
      }
      expect(await tid(page, 'print-preview-frame').getAttribute('src')).toMatch(/^blob:/);
      expect(await text(page, 'print-preview')).toContain('Mẫu số 01');
      expect(await body.getAttribute('data-page-size')).toBe('A5');
      // A preview is not a print: nothing recorded, here or on the central API.
      expect(await printEntries(page).count()).toBe(0);
      expect(await printsOnCentral(target.id)).toEqual([]);
    });

    await step(page, 'the network drops: the saved receipt is the dossier’s', async () => {
      world.proxy.blocked = true;
      await expect.poll(() => syncState(page), WAIT).toBe('offline');
      const fileName = await tid(page, 'print-preview-body').getAttribute('data-file-name');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        tid(page, 'print-preview-save').click(),
      ]);
      expect(download.suggestedFilename()).toBe(fileName);
      const saved = await download.path();
      const pdf = readFileSync(saved);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The same bytes as the core's own rendering of the receipt (npm run form renders these too).
      const rendered = await desk.call('forms.render', { form: 'receipt', dossierId: target.id });
      expect(pdf.equals(Buffer.from(rendered.pdfBase64, 'base64'))).toBe(true);
      const words = pdfText(saved);
      expect(words).toContain(squeezed(target.number));
      expect(words).toContain(squeezed(target.applicantName));
      expect(words).toContain(squeezed('Độc lập - Tự do - Hạnh phúc'));
      await tid(page, 'print-recorded').waitFor({ timeout: 10_000 });
    });

    await step(page, 'the history shows the print, waiting for the network', async () => {
      await tid(page, 'print-preview-close').click();
      await expect.poll(() => tid(page, 'print-preview').count(), WAIT).toBe(0);
      await expect.poll(() => printEntries(page).count(), WAIT).toBe(1);
      const entry = printEntries(page).first();
      expect(await entry.getByTestId('history-printed').getAttribute('data-form')).toBe('receipt');
      expect(await entry.innerText()).toContain(DESK.fullName);
      await tid(page, 'panel-pending').waitFor({ timeout: 10_000 });
      expect(await pendingCount(page)).toBe('1');
      expect(await printsOnCentral(target.id)).toEqual([]);
      await entry.scrollIntoViewIfNeeded();
      await screenshot(page, `${SHOTS}-history-pending`);
    });

    await step(page, 'the network comes back: the central API has the print once', async () => {
      world.proxy.blocked = false;
      await expect.poll(() => syncState(page), WAIT).toBe('online');
      await expect.poll(() => pendingCount(page), WAIT).toBe('0');
      await expect.poll(() => tid(page, 'panel-pending').count(), WAIT).toBe(0);
      await expect.poll(() => printEntries(page).count(), WAIT).toBe(1);
      const prints = await printsOnCentral(target.id);
      expect(prints).toHaveLength(1);
      expect(prints[0]).toMatchObject({ officerId: DESK.id, data: { printed: 'receipt' } });
      await printEntries(page).first().scrollIntoViewIfNeeded();
      await screenshot(page, `${SHOTS}-history-confirmed`);
    });

    await step(
      page,
      'Ctrl+P previews the open dossier’s control sheet, and lists its papers',
      async () => {
        await tid(page, 'panel-number').click();
        await page.keyboard.press('Control+p');
        const body = tid(page, 'print-preview-body');
        await expect.poll(() => body.getAttribute('data-state'), WAIT).toBe('ready');
        expect(await body.getAttribute('data-form')).toBe('control');
        const picker = tid(page, 'print-preview-form');
        await expect
          .poll(() => picker.locator('option').evaluateAll((os) => os.map((o) => o.textContent)))
          .toEqual([
            'Mẫu số 01 · Giấy tiếp nhận, hẹn trả kết quả',
            'Mẫu số 06 · Phiếu kiểm soát quá trình giải quyết',
          ]);
        await picker.selectOption('receipt');
        await expect.poll(() => body.getAttribute('data-form'), WAIT).toBe('receipt');
        await expect.poll(() => body.getAttribute('data-state'), WAIT).toBe('ready');
        await page.keyboard.press('Escape');
        await expect.poll(() => tid(page, 'print-preview').count(), WAIT).toBe(0);
      },
    );

    await step(
      page,
      'the register of the desk’s unit for this month, from the palette',
      async () => {
        await page.keyboard.press('Control+k');
        await tid(page, 'palette-input').fill('so theo doi');
        await page
          .locator('[data-testid="palette-item"][data-command-id="print:register"]')
          .click();
        const dialog = tid(page, 'print-register');
        await dialog.waitFor();
        expect(await tid(page, 'field-unitId').inputValue()).toBe(DESK.unitId);
        await screenshot(page, `${SHOTS}-register-dialog`);
        await tid(page, 'print-register-submit').click();
        const body = tid(page, 'print-preview-body');
        await expect.poll(() => body.getAttribute('data-state'), WAIT).toBe('ready');
        expect(await body.getAttribute('data-form')).toBe('register');
        expect(await body.getAttribute('data-page-size')).toBe('A4');
        await expect
          .poll(() => tid(page, 'print-preview-frame').getAttribute('data-loaded'), WAIT)
          .toBe('true');
        await expect.poll(() => pdfTitles(page), WAIT).toContain('Mẫu số 07 SỔ THEO DÕI HỒ SƠ');
        await screenshot(page, `${SHOTS}-register-preview`);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          tid(page, 'print-preview-save').click(),
        ]);
        // The dossier accepted today is in this month's register.
        expect(pdfText(await download.path())).toContain(squeezed(target.number));
        // A register belongs to no dossier: saving it records nothing in a history.
        await tid(page, 'print-preview-close').click();
        await expect.poll(() => pendingCount(page), WAIT).toBe('0');
        expect(await printsOnCentral(target.id)).toHaveLength(1);
      },
    );

    expect(desk.errors).toEqual([]);
  });
});

/** The first dossier on which the desk officer may take `action` now. */
async function firstAllowing(
  rows: readonly DossierListRow[],
  action: string,
): Promise<DossierListRow> {
  for (const r of rows) {
    const { actions } = await desk.call('dossiers.allowedActions', { id: r.id });
    if (actions.includes(action)) return r;
  }
  throw new Error(`no dossier among ${rows.length} allows ${action}: the seeded world changed`);
}
