import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
 * Bulk actions end to end: the commune's leader checks rows in a queue and assigns them all to
 * one officer at once, for complaints and for dossiers, in Chromium on the browser host against
 * a real central API. Each record goes through the state machine on its own: the ones that
 * refuse (already with that officer) are named, stay checked, and the rest reach the central API.
 */

const LEADER = DEMO_ACCOUNTS.leader;
const OFFICER = DEMO_ACCOUNTS.officer;
const WAIT = { timeout: 20_000, interval: 100 };

let browser: Browser;
let world: CentralWorld;
let leader: OfficerSession;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  world = await startCentralWorld();
  leader = await openWorkbench(browser, world.proxy.url);
});
afterEach(async () => {
  await leader?.close();
  await world?.close();
});

const tid = (page: Page, id: string) => page.getByTestId(id);

async function openQueue(page: Page, id: string, entity: 'dossier' | 'complaint'): Promise<void> {
  await page.locator(`[data-testid="queue-item"][data-queue-id="${id}"]`).click();
  const grid = tid(page, `${entity}-grid`);
  await expect.poll(() => grid.getAttribute('data-status'), WAIT).toBe('ready');
}

/** The record ids of the first `n` rows on screen. */
async function firstRows(page: Page, entity: 'dossier' | 'complaint', n: number) {
  const rows = page.locator(`[data-testid="${entity}-row"]`);
  await expect.poll(() => rows.count(), WAIT).toBeGreaterThanOrEqual(n);
  return rows.evaluateAll(
    (items, count) => items.slice(0, count).map((r) => r.getAttribute('data-record-id') as string),
    n,
  );
}

/** Checks these rows with their boxes, as the officer clicks them. */
async function check(page: Page, entity: 'dossier' | 'complaint', ids: string[]): Promise<void> {
  for (const id of ids) {
    await page
      .locator(`[data-testid="${entity}-row"][data-record-id="${id}"]`)
      .getByTestId('row-select')
      .click();
  }
  await expect
    .poll(() => tid(page, 'bulk-count').getAttribute('data-count'))
    .toBe(String(ids.length));
}

/** Assigns the checked rows to the demo processing officer through the bulk bar's dialog. */
async function assignChecked(page: Page): Promise<{ applied: number; refused: string[] }> {
  await tid(page, 'bulk-assign').click();
  await tid(page, 'bulk-dialog').waitFor();
  await tid(page, 'field-assigneeId').selectOption(OFFICER.id);
  await tid(page, 'bulk-submit').click();
  const summary = tid(page, 'bulk-result-summary');
  await summary.waitFor({ timeout: 10_000 });
  const refused = await page
    .locator('[data-testid="bulk-refusal"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-id') as string));
  return { applied: Number(await summary.getAttribute('data-applied')), refused };
}

describe('bulk actions in Chromium against a central API on loopback', () => {
  it('assigns checked complaints and dossiers at once, naming the ones that refuse', async () => {
    const { page } = leader;
    await step(page, 'the leader signs in', async () => {
      await tid(page, 'sign-in').waitFor({ timeout: 15_000 });
      await tid(page, 'sign-in-demo-leader').click();
      await expect.poll(() => tid(page, 'officer-name').innerText(), WAIT).toBe(LEADER.fullName);
      await expect
        .poll(() => tid(page, 'sync-indicator').getAttribute('data-state'), WAIT)
        .toBe('online');
    });

    for (const [entity, queue] of [
      ['complaint', 'complaints_to_answer'],
      ['dossier', 'unassigned'],
    ] as const) {
      await step(page, `assign ${entity}s in bulk`, async () => {
        await openQueue(page, queue, entity);
        // Among the rows on screen, two the leader may assign now and, where there is one, one
        // the state machine refuses (or that is the officer's already), read from his own cache.
        const willApply: string[] = [];
        const expectRefused: string[] = [];
        for (const id of await firstRows(page, entity, 15)) {
          const [assignee, allowed] =
            entity === 'complaint'
              ? [
                  (await leader.call('complaints.get', { id })).complaint.assigneeId,
                  (await leader.call('complaints.allowedActions', { id })).actions,
                ]
              : [
                  (await leader.call('dossiers.get', { id })).dossier.assigneeId,
                  (await leader.call('dossiers.allowedActions', { id })).actions,
                ];
          const refuses = assignee === OFFICER.id || !allowed.includes('assign');
          if (refuses && expectRefused.length < 1) expectRefused.push(id);
          if (!refuses && willApply.length < 2) willApply.push(id);
        }
        expect(willApply).toHaveLength(2);
        const ids = [...willApply, ...expectRefused];
        await check(page, entity, ids);
        // Complaints cannot be transferred in bulk: each transfer is a decision of its own.
        expect(await tid(page, 'bulk-transfer').count()).toBe(entity === 'dossier' ? 1 : 0);
        const outcome = await assignChecked(page);
        await screenshot(page, `bulk-${entity}-result`);
        expect(outcome.refused).toEqual(expectRefused);
        expect(outcome.applied).toBe(ids.length - expectRefused.length);
        await tid(page, 'bulk-result-ok').click();
        // The refused stay checked, the others leave the selection.
        if (expectRefused.length > 0) {
          expect(await tid(page, 'bulk-count').getAttribute('data-count')).toBe(
            String(expectRefused.length),
          );
          await tid(page, 'bulk-clear').click();
        }
        await expect.poll(() => tid(page, 'bulk-bar').count()).toBe(0);
        // The others are now the officer's, in the cache and, once pushed, on the central API.
        const applied = willApply;
        for (const id of applied) {
          const assignee =
            entity === 'complaint'
              ? (await leader.call('complaints.get', { id })).complaint.assigneeId
              : (await leader.call('dossiers.get', { id })).dossier.assigneeId;
          expect(assignee, id).toBe(OFFICER.id);
        }
        await expect
          .poll(() => tid(page, 'sync-pending').getAttribute('data-count'), WAIT)
          .toBe('0');
        const onCentral = await world.central.store.db
          .selectFrom('records')
          .select(['id', 'data'])
          .where('entity', '=', entity)
          .where('id', 'in', applied)
          .execute();
        expect(
          onCentral.map((r) => (JSON.parse(r.data) as { assigneeId: string | null }).assigneeId),
        ).toEqual(applied.map(() => OFFICER.id));
      });
    }
    expect(leader.errors).toEqual([]);
  });
});
