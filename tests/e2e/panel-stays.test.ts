import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DossierListRow } from '@shared/contract/api';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
import { launchChromium } from '../support/browser';
import { centralHistory, notesOnCentral } from '../support/central-history';
import {
  openWorkbench,
  screenshot,
  startCentralWorld,
  step,
  type CentralWorld,
  type OfficerSession,
} from '../support/workbench-world';

/**
 * The record an action applies to is the one the officer sees (issue 11, §0). With a row
 * selected in the grid, the officer opens another dossier from the search box and, a moment
 * later, adds a note: the panel must still show the searched dossier (it used to follow the
 * grid's cursor back to the row after 150 ms), and the note must reach the central API on the
 * searched dossier. Taking a dossier from "unassigned" removes it from the queue: the panel keeps
 * it instead of jumping to the next row.
 */

const OFFICER = DEMO_ACCOUNTS.officer;
const DESK = DEMO_ACCOUNTS.desk;
const SHOTS = 'panel-stays';
const WAIT = { timeout: 20_000, interval: 100 };
/** Well past the panel's cursor-follow delay: long enough for the old behaviour to show. */
const PAST_FOLLOW_DELAY_MS = 800;

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

const tid = (page: Page, id: string) => page.getByTestId(id);
const panelId = (page: Page) => tid(page, 'dossier-panel').getAttribute('data-dossier-id');

async function signIn(page: Page): Promise<void> {
  await tid(page, 'sign-in').waitFor({ timeout: 15_000 });
  await tid(page, 'sign-in-demo-processing_officer').click();
  await expect.poll(() => tid(page, 'officer-name').innerText(), WAIT).toBe(OFFICER.fullName);
  await expect
    .poll(() => tid(page, 'sync-indicator').getAttribute('data-state'), WAIT)
    .toBe('online');
  await expect.poll(() => tid(page, 'sync-progress-panel').count(), WAIT).toBe(0);
}

async function openQueue(page: Page, id: string): Promise<void> {
  await page.locator(`[data-testid="queue-item"][data-queue-id="${id}"]`).click();
  await expect
    .poll(() => page.locator('[data-testid="dossier-grid"]').getAttribute('data-status'), WAIT)
    .toBe('ready');
}

async function firstAllowing<R extends Pick<DossierListRow, 'id'>>(
  rows: readonly R[],
  action: string,
): Promise<R> {
  for (const r of rows) {
    const { actions } = await officer.call('dossiers.allowedActions', { id: r.id });
    if (actions.includes(action)) return r;
  }
  throw new Error(`no dossier among ${rows.length} allows ${action}`);
}

describe('the panel stays on the record the officer acts on', () => {
  it('adds a note to the dossier opened from search, not to the row selected in the grid', async () => {
    const { page } = officer;
    await step(page, 'sign in', () => signIn(page));
    await openQueue(page, 'all_dossiers');
    const { rows } = await officer.call('dossiers.list', {
      filter: { inMyUnits: true },
      sort: { field: 'receivedAt', direction: 'desc' },
      limit: 200,
    });
    const searched = await firstAllowing(rows, 'add_note');
    const note = 'Đã gọi điện cho công dân, hẹn bổ sung bản sao trong tuần.';
    /** The row selected in the grid: whichever is first when clicked (new filings move the list). */
    let rowId = '';

    await step(page, 'select a row, then open another dossier from the search box', async () => {
      await page
        .locator(`[data-testid="dossier-row"]:not([data-record-id="${searched.id}"])`)
        .first()
        .click();
      await expect
        .poll(
          async () => ((await tid(page, 'dossier-panel').count()) > 0 ? panelId(page) : null),
          WAIT,
        )
        .not.toBeNull();
      rowId = (await panelId(page))!;
      expect(rowId).not.toBe(searched.id);
      await tid(page, 'search-box').click();
      await tid(page, 'search-box').pressSequentially(searched.number, { delay: 10 });
      const hit = page.locator(`[data-testid="search-result"][data-id="${searched.id}"]`);
      await hit.waitFor({ timeout: 10_000 });
      await hit.click();
      await expect.poll(() => panelId(page), WAIT).toBe(searched.id);
      await page.waitForTimeout(PAST_FOLLOW_DELAY_MS);
      expect(await panelId(page)).toBe(searched.id);
      expect(await tid(page, 'panel-number').innerText()).toBe(searched.number);
    });

    await step(page, 'add the note', async () => {
      await tid(page, 'action-add_note').click();
      expect(await tid(page, 'action-form').getAttribute('data-record-id')).toBe(searched.id);
      await tid(page, 'field-text').fill(note);
      await page.waitForTimeout(PAST_FOLLOW_DELAY_MS);
      expect(await panelId(page)).toBe(searched.id);
      await screenshot(page, `${SHOTS}-01-note-on-searched`);
      await tid(page, 'action-submit').click();
      const saved = tid(page, 'action-saved');
      await saved.waitFor({ timeout: 10_000 });
      // Online: the confirmation ends on what really happened.
      await expect.poll(() => saved.getAttribute('data-delivery'), WAIT).toBe('sent');
      expect(await saved.innerText()).toBe('Đã gửi');
      expect(await panelId(page)).toBe(searched.id);
    });

    await step(page, 'the central API has the note on the searched dossier only', async () => {
      await expect
        .poll(() => notesOnCentral(world.central.url, OFFICER.username, searched.id, note), WAIT)
        .toBe(1);
      const other = await centralHistory(world.central.url, OFFICER.username, rowId);
      expect(other.filter((h) => h.note === note)).toEqual([]);
    });
    expect(officer.errors).toEqual([]);
  });

  it('keeps a dossier refused at the desk on screen after it leaves "unassigned"', async () => {
    const { page } = officer;
    await step(page, 'the desk signs in', async () => {
      await tid(page, 'sign-in').waitFor({ timeout: 15_000 });
      await tid(page, 'sign-in-demo-desk_officer').click();
      await expect.poll(() => tid(page, 'officer-name').innerText(), WAIT).toBe(DESK.fullName);
      await expect.poll(() => tid(page, 'sync-progress-panel').count(), WAIT).toBe(0);
    });
    await openQueue(page, 'unassigned');
    const ids = await page
      .locator('[data-testid="dossier-row"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record-id') ?? ''));
    const target = await firstAllowing(
      ids.slice(0, 15).map((id) => ({ id })),
      'refuse',
    );

    await step(page, 'refuse it at intake', async () => {
      await page.locator(`[data-testid="dossier-row"][data-record-id="${target.id}"]`).click();
      await expect.poll(() => panelId(page), WAIT).toBe(target.id);
      await tid(page, 'action-refuse').click();
      await tid(page, 'field-reason').fill('Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị.');
      await tid(page, 'action-submit').click();
      await tid(page, 'action-saved').waitFor({ timeout: 10_000 });
      // It leaves the queue; the row under the cursor is now another dossier.
      await expect
        .poll(
          () => page.locator(`[data-testid="dossier-row"][data-record-id="${target.id}"]`).count(),
          WAIT,
        )
        .toBe(0);
      await page.waitForTimeout(PAST_FOLLOW_DELAY_MS);
      expect(await panelId(page)).toBe(target.id);
      await expect
        .poll(
          () =>
            page
              .locator('[data-testid="panel-status"] [data-testid="status-badge"]')
              .getAttribute('data-status'),
          WAIT,
        )
        .toBe('3');
      await screenshot(page, `${SHOTS}-02-refused-stays`);
    });
    expect(officer.errors).toEqual([]);
  });
});
