import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintListRow, DossierListRow } from '@shared/contract/api';
import { foldVietnamese } from '@shared/domain/text';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
import { removeClient, signIn, startClient, type Client } from '../sync/harness';
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
 * Issue 5's officer's day, end to end: Chromium on the browser host, against a real central API
 * on loopback reached through a fault proxy (blocking it is the commune's network going down).
 *
 * Trần Văn Đức (processing officer) signs in with the demo button and watches the first sync; opens
 * "due soon"; finds a citizen by typing her name without diacritics; asks for the missing
 * documents and sees the clock stop. The network drops: he drafts the answer to a complaint and
 * asks for fees on another dossier, while Nguyễn Thị Lan at the one-stop desk (a second session,
 * same unit, same outage) transfers an accepted dossier to him. Both see their changes marked
 * waiting. Meanwhile the commune's leader, on a line that still works, stops the dossier Đức asked
 * fees for. The network comes back: the changes are confirmed and each officer sees the other's;
 * Đức's fee request comes back as a notice with the server's version, which he redoes and dismisses.
 *
 * The roles follow shared/domain: only a processing officer drafts an answer and only the desk (for
 * an accepted dossier) or a leader transfers one, so the transfer is the desk's part of the day.
 */

const OFFICER = DEMO_ACCOUNTS.officer;
const DESK = DEMO_ACCOUNTS.desk;
const LEADER = DEMO_ACCOUNTS.leader;
const SHOTS = 'officer-day';
const WAIT = { timeout: 20_000, interval: 100 };

let browser: Browser;
let world: CentralWorld;
let officer: OfficerSession;
let desk: OfficerSession;
let leader: Client;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  world = await startCentralWorld();
  officer = await openWorkbench(browser, world.proxy.url);
  desk = await openWorkbench(browser, world.proxy.url);
  // The leader's own workbench core, on a line that does not go through the commune's network.
  leader = startClient();
  await signIn(leader, world.central.url, LEADER.username);
});
afterEach(async () => {
  await officer?.close();
  await desk?.close();
  if (leader) removeClient(leader);
  await world?.close();
});

const tid = (page: Page, id: string) => page.getByTestId(id);
const attr = (page: Page, id: string, name: string) => tid(page, id).getAttribute(name);
const text = (page: Page, id: string) => tid(page, id).innerText();
const row = (page: Page, entity: 'dossier' | 'complaint', id: string) =>
  page.locator(`[data-testid="${entity}-row"][data-record-id="${id}"]`);

async function openQueue(page: Page, id: string, title: string): Promise<void> {
  await page.locator(`[data-testid="queue-item"][data-queue-id="${id}"]`).click();
  await expect.poll(() => text(page, 'grid-title'), WAIT).toBe(title);
  const grid = page.locator('[data-testid="dossier-grid"], [data-testid="complaint-grid"]');
  await expect.poll(() => grid.getAttribute('data-status'), WAIT).toBe('ready');
}

/** Types into the search box as an officer does, and opens the hit for `id`. */
async function searchAndOpen(page: Page, typed: string, id: string): Promise<void> {
  await tid(page, 'search-box').click();
  await tid(page, 'search-box').fill('');
  await tid(page, 'search-box').pressSequentially(typed, { delay: 15 });
  const hit = page.locator(`[data-testid="search-result"][data-id="${id}"]`);
  await hit.waitFor({ timeout: 10_000 });
  await hit.click();
}

/** Shows only the rows with changes waiting to sync, with the grid's own column filter. */
async function showPendingOnly(page: Page): Promise<void> {
  await tid(page, 'column-filter-number').click();
  await tid(page, 'filter-option-pending').click();
  await page.keyboard.press('Escape');
  await tid(page, 'filter-chip-pendingOnly').waitFor({ timeout: 5000 });
}

async function signInWithDemoButton(page: Page, role: string, fullName: string): Promise<void> {
  await tid(page, 'sign-in').waitFor({ timeout: 15_000 });
  await tid(page, `sign-in-demo-${role}`).click();
  await expect.poll(() => text(page, 'officer-name'), WAIT).toBe(fullName);
}

const syncState = (page: Page) => attr(page, 'sync-indicator', 'data-state');
const pendingCount = (page: Page) => attr(page, 'sync-pending', 'data-count');

describe('an officer’s day (issue 5), in Chromium against a central API on loopback', () => {
  it('signs in, works the queues, works through an outage, and settles a conflict', async () => {
    const { page } = officer;
    let unitName = '';

    await step(page, 'sign in and watch the first sync', async () => {
      await tid(page, 'sign-in').waitFor({ timeout: 15_000 });
      await screenshot(page, `${SHOTS}-01-sign-in`);
      // Slow each page of the feed down so the first sync's progress can be seen, as on a
      // commune's line; the data is the same.
      world.proxy.setDecider(({ path }) =>
        path.startsWith('/sync/changes') ? { kind: 'delay', ms: 250 } : { kind: 'pass' },
      );
      await tid(page, `sign-in-demo-processing_officer`).click();
      // The bar is read while it is there (it goes when the sync ends): what it said, each time.
      const bar = tid(page, 'sync-progress');
      await bar.waitFor({ timeout: 15_000 });
      const readings: { done: number; total: number; percent: number; role: string | null }[] = [];
      await expect
        .poll(async () => {
          // One read of all four, so they describe the same moment.
          const reading = await bar
            .evaluate(
              (el) => ({
                done: Number(el.getAttribute('data-done')),
                total: Number(el.getAttribute('data-total')),
                percent: Number(el.getAttribute('aria-valuenow')),
                role: el.getAttribute('role'),
              }),
              undefined,
              { timeout: 500 },
            )
            .catch(() => null);
          if (reading && reading.done > 0 && reading.done < reading.total) {
            if (readings.length === 0) await screenshot(page, `${SHOTS}-02-first-sync`);
            readings.push(reading);
          }
          return new Set(readings.map((r) => r.done)).size;
        }, WAIT)
        .toBeGreaterThanOrEqual(2);
      // A real progress bar: it moves forward, and says how far in percent.
      const dones = readings.map((r) => r.done);
      expect(dones).toEqual([...dones].sort((a, b) => a - b));
      for (const r of readings) {
        expect(r.role).toBe('progressbar');
        expect(r.percent).toBe(Math.floor((r.done / r.total) * 100));
      }
      await expect.poll(() => tid(page, 'sync-progress-panel').count(), WAIT).toBe(0);
      await expect.poll(() => syncState(page), WAIT).toBe('online');
      world.proxy.setDecider(() => ({ kind: 'pass' }));
      expect(await text(page, 'officer-name')).toBe(OFFICER.fullName);
      unitName = await unitNameOf(OFFICER.unitId);
      // The header names the officer's unit (from the synced directory), not its id.
      await expect.poll(() => text(page, 'officer-unit-name'), WAIT).toContain(unitName);
    });

    // The desk's session signs in now, so it is synced before the network drops.
    await step(desk.page, 'the desk signs in', () =>
      signInWithDemoButton(desk.page, 'desk_officer', DESK.fullName),
    );

    // What the officer will work on, picked from his own cache (the world is generated anew
    // each run, relative to now).
    const dueSoon = await officer.call('dossiers.list', {
      filter: { inMyUnits: true, deadlineState: ['due_soon'] },
      sort: { field: 'dueAt', direction: 'asc' },
      limit: 500,
    });
    const mineRunning = (rows: DossierListRow[]) =>
      rows.filter((r) => r.assigneeId === OFFICER.id && r.status === 4);
    // One of his due soon, as a rule; any of his running ones should the calendar leave none.
    const running = await officer.call('dossiers.list', {
      filter: { mine: true, status: [4] },
      limit: 500,
    });
    const withDiacritics = (r: DossierListRow) =>
      foldVietnamese(r.applicantName) !== r.applicantName.toLowerCase();
    const target = await firstAllowing(
      [...mineRunning(dueSoon.rows), ...running.rows].filter(withDiacritics),
      'request_supplement',
    );

    await step(page, 'open the due-soon queue', async () => {
      await openQueue(page, 'due_soon', 'Sắp đến hạn');
      // The queue's live count and the grid's total agree (both the core's count of the list).
      const queueCount = () =>
        page
          .locator('[data-testid="queue-item"][data-queue-id="due_soon"]')
          .getAttribute('data-count');
      await expect
        .poll(
          async () => `${await queueCount()} hồ sơ` === (await text(page, 'grid-row-count')),
          WAIT,
        )
        .toBe(true);
      // Every row shown is due soon, in the deadline colour of its state.
      const states = await page
        .locator('[data-testid="dossier-row"] [data-deadline-state]')
        .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-deadline-state')));
      if (Number(await queueCount()) === 0) await tid(page, 'grid-empty').waitFor();
      else expect(new Set(states)).toEqual(new Set(['due_soon']));
      await screenshot(page, `${SHOTS}-03-due-soon`);
    });

    await step(page, 'find a citizen by a name typed without diacritics', async () => {
      const typed = foldVietnamese(target.applicantName);
      await tid(page, 'search-box').click();
      await tid(page, 'search-box').pressSequentially(typed, { delay: 15 });
      const hit = page.locator(`[data-testid="search-result"][data-id="${target.id}"]`);
      await hit.waitFor({ timeout: 10_000 });
      // The hit shows the name as written, with its diacritics.
      expect(await hit.getByTestId('search-result-title').innerText()).toBe(target.applicantName);
      await screenshot(page, `${SHOTS}-04-search`);
      await hit.click();
      const panel = tid(page, 'dossier-panel');
      await expect.poll(() => panel.getAttribute('data-dossier-id'), WAIT).toBe(target.id);
      await expect.poll(() => text(page, 'panel-applicant-name'), WAIT).toBe(target.applicantName);
      expect(await text(page, 'panel-number')).toBe(target.number);
    });

    await step(page, 'request the missing documents and see the clock stop', async () => {
      // The clock runs: the meter shows the state the queue showed.
      await expect
        .poll(() => attr(page, 'panel-meter', 'data-state'), WAIT)
        .toBe(target.deadlineState);
      expect(['on_track', 'due_soon', 'overdue']).toContain(target.deadlineState);
      await tid(page, 'action-request_supplement').click();
      await tid(page, 'field-missingDocuments-0').fill('Bản sao Căn cước công dân của người nộp');
      await tid(page, 'field-missingDocuments-add').click();
      await tid(page, 'field-missingDocuments-1').fill('Giấy xác nhận tình trạng hôn nhân');
      await tid(page, 'field-reason').fill('Hồ sơ còn thiếu giấy tờ theo quy định của thủ tục.');
      await screenshot(page, `${SHOTS}-05-request-documents`);
      await tid(page, 'action-submit').click();
      await tid(page, 'action-saved').waitFor({ timeout: 10_000 });
      await expect.poll(() => attr(page, 'panel-meter', 'data-state'), WAIT).toBe('paused');
      expect(await attr(page, 'panel-meter', 'data-paused')).toBe('true');
      expect(await text(page, 'panel-deadline')).toBe('Tạm dừng, chờ công dân');
      expect(
        await page
          .locator('[data-testid="panel-status"] [data-testid="status-badge"]')
          .getAttribute('data-status'),
      ).toBe('5');
      await expect.poll(() => tid(page, 'supplement-round').count(), WAIT).toBe(1);
      // Waiting for the citizen, it is no longer due soon: its row leaves the queue.
      await expect.poll(() => row(page, 'dossier', target.id).count(), WAIT).toBe(0);
      // Online: the central API confirms it at once.
      await expect.poll(() => pendingCount(page), WAIT).toBe('0');
      await screenshot(page, `${SHOTS}-06-clock-stopped`);
    });

    // Offline work, picked before the outage: a complaint to answer, a dossier to ask fees for
    // (the leader will stop it meanwhile), and an accepted dossier for the desk to hand over.
    const complaints = await officer.call('complaints.list', {
      filter: { mine: true, status: ['processing', 'info_supplied', 'returned'] },
      limit: 500,
    });
    const complaint = await firstAllowingComplaint(complaints.rows, 'draft_answer');
    const contested = await firstAllowing(
      running.rows.filter((r) => r.id !== target.id),
      'request_fees',
    );
    const accepted = await desk.call('dossiers.list', {
      filter: { unitId: OFFICER.unitId, status: [2] },
      limit: 500,
    });
    const handover = await firstAllowing(accepted.rows, 'transfer', desk);
    const answer =
      'Kính gửi ông/bà, UBND xã đã tiếp nhận phản ánh và chỉ đạo kiểm tra, khắc phục trong tuần này.';

    await step(page, 'the network goes down', async () => {
      world.proxy.blocked = true;
      await expect.poll(() => syncState(page), WAIT).toBe('offline');
      await expect.poll(() => syncState(desk.page), WAIT).toBe('offline');
    });

    await step(page, 'offline: draft the answer to a complaint', async () => {
      await openQueue(page, 'complaints_to_answer', 'Phản ánh cần trả lời');
      await searchAndOpen(page, complaint.number, complaint.id);
      const panel = tid(page, 'complaint-panel');
      await expect.poll(() => panel.getAttribute('data-complaint-id'), WAIT).toBe(complaint.id);
      await tid(page, 'action-draft_answer').click();
      await tid(page, 'field-answer').fill(answer);
      await tid(page, 'action-submit').click();
      await tid(page, 'action-saved').waitFor({ timeout: 10_000 });
      await expect.poll(() => attr(page, 'answer-stage', 'data-stage'), WAIT).toBe('draft');
      await tid(page, 'panel-pending').waitFor({ timeout: 10_000 });
      await expect.poll(() => pendingCount(page), WAIT).toBe('1');
      await tid(page, 'complaint-panel-close').click();
      // The answered complaint waits for the network on its row.
      await openQueue(page, 'all_complaints', 'Tất cả phản ánh, kiến nghị');
      await showPendingOnly(page);
      await expect
        .poll(() => row(page, 'complaint', complaint.id).getAttribute('data-pending'), WAIT)
        .toBe('true');
      expect(await page.locator('[data-testid="complaint-row"]').count()).toBe(1);
      await screenshot(page, `${SHOTS}-07-offline-answer-pending`);
    });

    await step(page, 'offline: ask for fees on another dossier', async () => {
      await searchAndOpen(page, contested.number, contested.id);
      await expect
        .poll(() => tid(page, 'dossier-panel').getAttribute('data-dossier-id'), WAIT)
        .toBe(contested.id);
      await tid(page, 'action-request_fees').click();
      await tid(page, 'field-fees-0-name').fill('Lệ phí cấp giấy chứng nhận');
      await tid(page, 'field-fees-0-amount').fill('200.000');
      await tid(page, 'action-submit').click();
      await tid(page, 'action-saved').waitFor({ timeout: 10_000 });
      await expect.poll(() => pendingCount(page), WAIT).toBe('2');
      await tid(page, 'dossier-panel-close').click();
      await openQueue(page, 'all_dossiers', 'Tất cả hồ sơ');
      await showPendingOnly(page);
      await expect
        .poll(() => row(page, 'dossier', contested.id).getAttribute('data-pending'), WAIT)
        .toBe('true');
      expect(await page.locator('[data-testid="dossier-row"]').count()).toBe(1);
      // A retry may be under way at this moment ('syncing'); between retries it says offline.
      await expect.poll(() => syncState(page), WAIT).toBe('offline');
      await screenshot(page, `${SHOTS}-08-offline-fees-pending`);
    });

    await step(
      desk.page,
      'offline: the desk transfers an accepted dossier to the officer',
      async () => {
        const p = desk.page;
        await searchAndOpen(p, handover.number, handover.id);
        await expect
          .poll(() => tid(p, 'dossier-panel').getAttribute('data-dossier-id'), WAIT)
          .toBe(handover.id);
        await tid(p, 'action-transfer').click();
        // The pickers offer names from the synced directory, not ids.
        await p.getByTestId('field-unitId').selectOption({ label: unitName });
        await p.getByTestId('field-assigneeId').selectOption({ label: OFFICER.fullName });
        expect(await p.getByTestId('field-assigneeId').inputValue()).toBe(OFFICER.id);
        expect(await p.getByTestId('field-unitId').inputValue()).toBe(OFFICER.unitId);
        await tid(p, 'field-reason').fill('Chuyển chuyên viên thụ lý theo phân công.');
        await screenshot(p, `${SHOTS}-09-desk-transfer-form`);
        await tid(p, 'action-submit').click();
        await tid(p, 'action-saved').waitFor({ timeout: 10_000 });
        await expect.poll(() => pendingCount(p), WAIT).toBe('1');
        await tid(p, 'dossier-panel-close').click();
        await openQueue(p, 'all_dossiers', 'Tất cả hồ sơ');
        await showPendingOnly(p);
        await expect
          .poll(() => row(p, 'dossier', handover.id).getAttribute('data-pending'), WAIT)
          .toBe('true');
        await screenshot(p, `${SHOTS}-10-desk-offline-pending`);
      },
    );

    await step(page, 'meanwhile the leader stops the dossier on the central API', async () => {
      await waitForRecord(leader, contested.id);
      const stop = await leader.core.dispatch('dossiers.act', {
        id: contested.id,
        action: { type: 'stop', reason: 'Công dân đã có đơn xin rút hồ sơ tại bộ phận một cửa.' },
      });
      expect(stop.ok).toBe(true);
      await leader.core.dispatch('sync.now', {});
      await expect.poll(() => leader.core.sync.status().pending, WAIT).toBe(0);
    });

    await step(page, 'the network comes back: everything is confirmed', async () => {
      world.proxy.blocked = false;
      await expect.poll(() => syncState(page), WAIT).toBe('online');
      await expect.poll(() => pendingCount(page), WAIT).toBe('0');
      await expect.poll(() => syncState(desk.page), WAIT).toBe('online');
      await expect.poll(() => pendingCount(desk.page), WAIT).toBe('0');
      // Nothing waits any more: the officer's pending-only grid empties.
      await expect.poll(() => page.locator('[data-testid="dossier-row"]').count(), WAIT).toBe(0);
      await expect.poll(() => attr(page, 'notices-button', 'data-count'), WAIT).toBe('1');
      await screenshot(page, `${SHOTS}-11-back-online`);
    });

    await step(desk.page, 'the desk sees the officer’s drafted answer', async () => {
      const p = desk.page;
      await searchAndOpen(p, complaint.number, complaint.id);
      await expect
        .poll(() => tid(p, 'complaint-panel').getAttribute('data-complaint-id'), WAIT)
        .toBe(complaint.id);
      await expect.poll(() => attr(p, 'answer-stage', 'data-stage'), WAIT).toBe('draft');
      await expect.poll(() => text(p, 'complaint-answer'), WAIT).toContain(answer);
      await screenshot(p, `${SHOTS}-12-desk-sees-answer`);
    });

    await step(page, 'the officer finds the dossier the desk handed him', async () => {
      await openQueue(page, 'my_dossiers', 'Hồ sơ của tôi');
      await searchAndOpen(page, handover.number, handover.id);
      await expect
        .poll(() => tid(page, 'dossier-panel').getAttribute('data-dossier-id'), WAIT)
        .toBe(handover.id);
      await expect
        .poll(
          () =>
            page
              .locator('[data-testid="panel-status"] [data-testid="status-badge"]')
              .getAttribute('data-status'),
          WAIT,
        )
        .toBe('4');
      await expect
        .poll(() => text(page, 'panel-section-processing'), WAIT)
        .toContain(OFFICER.fullName);
      await tid(page, 'dossier-panel-close').click();
      await screenshot(page, `${SHOTS}-13-handed-over`);
    });

    await step(page, 'the leader’s change comes back as a notice: redo, then dismiss', async () => {
      await tid(page, 'notices-button').click();
      const notice = page.locator(`[data-testid="notice"][data-record-id="${contested.id}"]`);
      await notice.waitFor({ timeout: 10_000 });
      expect(await notice.getAttribute('data-code')).toBe('CONFLICT');
      // The server's version: the dossier is stopped (status 8).
      await expect
        .poll(() => notice.getByTestId('notice-server').innerText(), WAIT)
        .toContain('Dừng xử lý');
      await screenshot(page, `${SHOTS}-14-notice`);
      await notice.getByTestId('notice-redo').click();
      await expect
        .poll(() => tid(page, 'dossier-panel').getAttribute('data-dossier-id'), WAIT)
        .toBe(contested.id);
      await expect.poll(() => attr(page, 'action-form', 'data-action'), WAIT).toBe('request_fees');
      expect(await tid(page, 'field-fees-0-name').inputValue()).toBe('Lệ phí cấp giấy chứng nhận');
      expect(await tid(page, 'field-fees-0-amount').inputValue()).toBe('200.000');
      // The stopped dossier no longer takes a fee request: the form says so.
      await tid(page, 'action-not-allowed').waitFor({ timeout: 10_000 });
      await screenshot(page, `${SHOTS}-15-redo`);
      await tid(page, 'action-cancel').click();
      await tid(page, 'notices-button').click();
      await notice.getByTestId('notice-dismiss').click();
      await tid(page, 'notices-empty').waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      await expect.poll(() => tid(page, 'notices-button').count(), WAIT).toBe(0);
    });

    expect(officer.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
  });
});

async function unitNameOf(unitId: string): Promise<string> {
  const { units } = await officer.call('directory.list', {});
  const unit = units.find((u) => u.id === unitId);
  if (!unit) throw new Error(`unit ${unitId} is not in the officer's directory`);
  return unit.name;
}

/** The first dossier on which the session's officer may take `action` now. */
async function firstAllowing(
  rows: readonly DossierListRow[],
  action: string,
  session: OfficerSession = officer,
): Promise<DossierListRow> {
  for (const r of rows) {
    const { actions } = await session.call('dossiers.allowedActions', { id: r.id });
    if (actions.includes(action)) return r;
  }
  throw new Error(`no dossier among ${rows.length} allows ${action}: the seeded world changed`);
}

async function firstAllowingComplaint(
  rows: readonly ComplaintListRow[],
  action: string,
): Promise<ComplaintListRow> {
  for (const r of rows) {
    const { actions } = await officer.call('complaints.allowedActions', { id: r.id });
    if (actions.includes(action)) return r;
  }
  throw new Error(`no complaint among ${rows.length} allows ${action}: the seeded world changed`);
}

/** The leader's cache has the record (its first sync may still be running). */
async function waitForRecord(client: Client, id: string): Promise<void> {
  await expect
    .poll(async () => (await client.core.dispatch('dossiers.get', { id })).ok, WAIT)
    .toBe(true);
}
