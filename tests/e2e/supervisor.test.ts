import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DossierListRow } from '@shared/contract/api';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
import { removeClient, settled, signIn, startClient, until, type Client } from '../sync/harness';
import { launchChromium } from '../support/browser';
import {
  callCore,
  openWorkbench,
  screenshot,
  startCentralWorld,
  step,
  type CentralWorld,
  type OfficerSession,
} from '../support/workbench-world';

/**
 * Issue 13's leader, end to end: the commune turns on the leaders' sign-off for a procedure (its
 * synced setting); the processing officer submits a drafted result for it (his own workbench
 * core). The leader signs in in Chromium, opens the deadline dashboard, clicks the overdue figure
 * and gets a grid of exactly that many dossiers, exports Biểu 06 to Excel and finds the file
 * equal to the screen cell by cell, and approves the submitted result from the queue of results
 * waiting for sign-off; the officer then sees it approved.
 */

const LEADER = DEMO_ACCOUNTS.leader;
const OFFICER = DEMO_ACCOUNTS.officer;
const UNIT = 'unit-commune-01';
const WAIT = { timeout: 30_000, interval: 150 };
const SHOTS = 'supervisor';

let browser: Browser;
let world: CentralWorld;
let leader: OfficerSession;
let officer: Client;
let downloads: string;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  world = await startCentralWorld();
  officer = startClient();
  await signIn(officer, world.central.url, OFFICER.username);
  leader = await openWorkbench(browser, world.proxy.url);
  downloads = mkdtempSync(join(tmpdir(), 'wb-e2e-downloads-'));
});
afterEach(async () => {
  await leader?.close();
  if (officer) removeClient(officer);
  await world?.close();
  rmSync(downloads, { recursive: true, force: true });
});

const tid = (page: Page, id: string) => page.getByTestId(id);

/** What an administrator does in the central API: the unit's sign-off setting, as reference data. */
async function turnOnSignOff(procedureCode: string): Promise<void> {
  const { store } = world.central;
  const row = await store.db
    .selectFrom('records')
    .select(['data', 'version'])
    .where('entity', '=', 'unit')
    .where('id', '=', UNIT)
    .executeTakeFirstOrThrow();
  const unit = JSON.parse(row.data) as Record<string, unknown>;
  await store.write(async (w) => {
    await w.put({
      entity: 'unit',
      id: UNIT,
      unitId: null,
      version: Number(row.version) + 1,
      data: JSON.stringify({ ...unit, signOff: { procedureCodes: [procedureCode] } }),
    });
    w.touchReference();
  });
}

describe('the supervisors’ desk (issue 13), in Chromium against a central API on loopback', () => {
  it('dashboard figure → its grid, Biểu 06 to Excel equal to the screen, and a sign-off', async () => {
    const { page } = leader;
    let submitted: DossierListRow | undefined;

    await step(
      page,
      'the officer submits a drafted result where the commune signs results off',
      async () => {
        await settled(officer);
        const mine = await callCore(officer.core, 'dossiers.list', {
          filter: { mine: true, status: [4] },
          limit: 50,
        });
        submitted = mine.rows[0];
        expect(submitted, 'the demo officer holds a dossier in processing').toBeDefined();
        await turnOnSignOff(submitted!.procedureCode);
        await callCore(officer.core, 'sync.now', {});
        await until(
          () => officer.core.sync.cache.repositories.directory.unit(UNIT)?.signOff !== undefined,
          20_000,
          'the unit’s sign-off setting to reach the officer',
        );
        // The central API re-reads reference data at most every 2 s.
        await new Promise((resolve) => setTimeout(resolve, 2_200));
        const allowed = await callCore(officer.core, 'dossiers.allowedActions', {
          id: submitted!.id,
        });
        expect(allowed.actions).toContain('submit_result');
        expect(allowed.actions).not.toContain('finish');
        await callCore(officer.core, 'dossiers.act', {
          id: submitted!.id,
          action: {
            type: 'submit_result',
            result: 'approved',
            resultDocuments: [{ name: 'Kết quả giải quyết', number: '15/KQ' }],
          },
        });
        await settled(officer);
        expect(officer.core.sync.status().notices).toBe(0);
      },
    );

    await step(page, 'the leader signs in and opens the dashboard', async () => {
      await tid(page, 'sign-in').waitFor({ timeout: 15_000 });
      await tid(page, `sign-in-demo-leader`).click();
      await expect.poll(() => tid(page, 'officer-name').innerText(), WAIT).toBe(LEADER.fullName);
      await expect
        .poll(() => tid(page, 'sync-indicator').getAttribute('data-state'), WAIT)
        .toBe('online');
      await tid(page, 'screen-dashboard').click();
      await tid(page, 'period-year').click();
      await expect
        .poll(() => tid(page, 'dashboard-state').getAttribute('data-state'), WAIT)
        .toBe('ready');
      await screenshot(page, `${SHOTS}-01-dashboard-1440`);
    });

    await step(page, 'the overdue figure opens a grid of exactly that many dossiers', async () => {
      const figure = tid(page, 'figure-in_progress_overdue');
      const count = Number(await figure.getAttribute('data-count'));
      expect(count).toBeGreaterThan(0);
      await figure.click();
      await expect
        .poll(() => tid(page, 'drill-count').getAttribute('data-total'), WAIT)
        .toBe(String(count));
      const grid = page.locator('[data-testid="dossier-grid"]');
      await expect.poll(() => grid.getAttribute('data-status'), WAIT).toBe('ready');
      expect(Number(await grid.getAttribute('aria-rowcount'))).toBe(count + 1);
      await screenshot(page, `${SHOTS}-02-overdue-grid`);
      await tid(page, 'drill-close').click();
    });

    await step(
      page,
      'Biểu 06 exported to Excel reads back equal to the screen, cell by cell',
      async () => {
        await tid(page, 'screen-reports').click();
        await tid(page, 'period-year').click();
        const table = tid(page, 'report-table');
        await expect.poll(() => table.getAttribute('data-state'), WAIT).toBe('ready');
        const screenRows = await page
          .locator('[data-testid="report-row"]')
          .evaluateAll((rows) =>
            rows.map((row) =>
              Array.from(row.querySelectorAll('[data-testid="report-cell"]')).map(
                (cell) => (cell as HTMLElement).dataset.value ?? '',
              ),
            ),
          );
        expect(screenRows.length).toBeGreaterThan(2);
        await screenshot(page, `${SHOTS}-03-bieu06`);
        const [download] = await Promise.all([
          page.waitForEvent('download', { timeout: 30_000 }),
          tid(page, 'export-xlsx').click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/^bieu-06-VPCP-KSTT_.*\.xlsx$/);
        const file = join(downloads, download.suggestedFilename());
        await download.saveAs(file);
        await expect
          .poll(() => tid(page, 'export-status').getAttribute('data-phase'), WAIT)
          .toBe('done');
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(file);
        const sheet = book.worksheets[0]!;
        const values: string[][] = [];
        const rowNumbers: number[] = [];
        sheet.eachRow((row, rowNumber) => {
          rowNumbers.push(rowNumber);
          const cells: string[] = [];
          for (let c = 1; c <= 13; c++) {
            const v = row.getCell(c).value;
            // Counts are numbers and labels text; anything else would show as JSON and differ.
            cells.push(
              v === null || v === undefined
                ? ''
                : typeof v === 'number' || typeof v === 'string'
                  ? String(v)
                  : JSON.stringify(v),
            );
          }
          values.push(cells);
        });
        expect(values[0]?.[0]).toBe(
          'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
        );
        const numbering = values.findIndex((r) => r[0] === '(1)' && r[12] === '(13)');
        expect(numbering).toBeGreaterThan(0);
        // The merged header above the numbering row: the three column groups.
        expect(values.some((r) => r.includes('Số hồ sơ nhận giải quyết'))).toBe(true);
        const dataRows = values.slice(numbering + 1, numbering + 1 + screenRows.length);
        expect(dataRows).toEqual(screenRows);
        // Counts are numbers shown with thousands separators, not text.
        const firstData = sheet.getCell((rowNumbers[numbering] ?? 0) + 1, 3);
        expect(typeof firstData.value).toBe('number');
        expect(firstData.numFmt).toBe('#,##0');
      },
    );

    await step(
      page,
      'the leader approves the submitted result from the sign-off queue',
      async () => {
        await tid(page, 'screen-records').click();
        await page.locator('[data-testid="queue-item"][data-queue-id="results_to_sign"]').click();
        const row = page.locator(`[data-testid="dossier-row"][data-record-id="${submitted!.id}"]`);
        await row.waitFor({ timeout: 20_000 });
        await row.click();
        await tid(page, 'action-approve_result').click();
        await tid(page, 'action-submit').click();
        await tid(page, 'action-saved').waitFor({ timeout: 10_000 });
        await screenshot(page, `${SHOTS}-04-approved`);
        await callCore(officer.core, 'sync.now', {});
        await until(
          () =>
            officer.core.sync.cache.readRecord('dossier', submitted!.id)?.signOff?.state ===
            'approved',
          30_000,
          'the officer to see the result approved',
        );
        const allowed = await callCore(officer.core, 'dossiers.allowedActions', {
          id: submitted!.id,
        });
        expect(allowed.actions).toContain('finish');
      },
    );

    await step(page, 'the dashboard as a person sees it, at 1280×800 and 1920×1080', async () => {
      await tid(page, 'screen-dashboard').click();
      await expect
        .poll(() => tid(page, 'dashboard-state').getAttribute('data-state'), WAIT)
        .toBe('ready');
      await page.setViewportSize({ width: 1280, height: 800 });
      await screenshot(page, `${SHOTS}-05-dashboard-1280x800`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await screenshot(page, `${SHOTS}-06-dashboard-1920x1080`);
    });
    expect(leader.errors).toEqual([]);
  }, 240_000);
});
