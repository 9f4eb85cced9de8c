import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierListRow } from '@shared/contract/api';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
import { dataKeyPath } from '../../core/security/data-key';
import { startEmbeddedCentral, type EmbeddedCentral } from '../../scripts/embedded-central';
import {
  hostEnvironment,
  resolveCentral,
  startBrowserWorkbench,
  type BrowserWorkbench,
} from '../../scripts/workbench';
import { launchChromium } from '../support/browser';
import { notesOnCentral } from '../support/central-history';
import { callCore, screenshot, step } from '../support/workbench-world';

/**
 * Never lose a day's work (issue 11, §1), end to end: Chromium on the browser host started the
 * way `npm start` starts it (scripts/workbench.ts, on one data folder), against a real central
 * API process (`npm run central` on an SQLite file, as the embedded one runs).
 *
 * Trần Văn Đức signs in online and adds a note (sent at once). The central API stops: he adds two
 * more (saved here, sending). The workbench is restarted while the central API is still down: he
 * is still signed in, sees his two waiting changes, and signs out. Restarted again, still without
 * the central API, he signs in offline against the verifier kept from his online sign-in, is told
 * it is an offline session, sees his waiting changes and adds one more. The central API comes
 * back on its own address: everything is sent, and the central API holds each note exactly once.
 */

const OFFICER = DEMO_ACCOUNTS.officer;
const SHOTS = 'offline-restart';
const WAIT = { timeout: 30_000, interval: 100 };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let root: string;
let dataDir: string;
let central: EmbeddedCentral | null = null;
let workbench: BrowserWorkbench | null = null;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  root = mkdtempSync(join(tmpdir(), 'wb-offline-e2e-'));
  dataDir = join(root, 'workbench');
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await workbench?.close();
  central?.stop();
  await central?.exited;
  rmSync(root, { recursive: true, force: true });
  rmSync(dataKeyPath(dataDir), { force: true });
});

/** The central API as its own process, on its SQLite file, on `port` (0: any free one). */
function startCentralProcess(port: number): Promise<EmbeddedCentral> {
  return startEmbeddedCentral({
    dataFile: join(root, 'central.db'),
    dossiers: 3000,
    complaints: 300,
    port,
  });
}

/** The workbench as `npm start -- --browser [--server URL]` opens it on the data folder. */
async function startWorkbench(server?: string): Promise<BrowserWorkbench> {
  const resolved = await resolveCentral({ dataDir, server });
  const started = await startBrowserWorkbench({
    dataDir,
    env: hostEnvironment(dataDir, resolved),
    core: {
      log: () => undefined,
      // Quick retries, so the central API's return is noticed within the test.
      sync: { retry: { baseMs: 200, maxMs: 1000 }, requestTimeoutMs: 4000, pageSize: 500 },
    },
  });
  await page.goto(started.host.url);
  return started;
}

async function restartWorkbench(): Promise<void> {
  await workbench?.close();
  workbench = null;
  workbench = await startWorkbench();
}

const tid = (id: string) => page.getByTestId(id);
const syncState = () => tid('sync-indicator').getAttribute('data-state');
const pendingCount = () => tid('sync-pending').getAttribute('data-count');
const row = (id: string) => page.locator(`[data-testid="dossier-row"][data-record-id="${id}"]`);

async function signInWithForm(): Promise<void> {
  await tid('sign-in').waitFor({ timeout: 20_000 });
  await tid('sign-in-username').fill(OFFICER.username);
  await tid('sign-in-password').fill('demo');
  await tid('sign-in-submit').click();
  await expect.poll(() => tid('officer-name').innerText(), WAIT).toBe(OFFICER.fullName);
}

async function openDossier(dossier: DossierListRow): Promise<void> {
  await tid('search-box').click();
  await tid('search-box').fill('');
  await tid('search-box').pressSequentially(dossier.number, { delay: 10 });
  const hit = page.locator(`[data-testid="search-result"][data-id="${dossier.id}"]`);
  await hit.waitFor({ timeout: 10_000 });
  await hit.click();
  await expect
    .poll(() => tid('dossier-panel').getAttribute('data-dossier-id'), WAIT)
    .toBe(dossier.id);
}

async function addNote(text: string): Promise<string | null> {
  await tid('action-add_note').click();
  await tid('field-text').fill(text);
  await tid('action-submit').click();
  await tid('action-saved').waitFor({ timeout: 10_000 });
  return tid('action-saved').innerText();
}

async function showPendingOnly(): Promise<void> {
  await page.locator('[data-testid="queue-item"][data-queue-id="all_dossiers"]').click();
  await tid('column-filter-number').click();
  await tid('filter-option-pending').click();
  await page.keyboard.press('Escape');
  await tid('filter-chip-pendingOnly').waitFor({ timeout: 5000 });
}

describe('a day that survives a restart during an outage (browser host)', () => {
  it('keeps the session and the waiting changes, signs in offline, and sends everything once', async () => {
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
        errors.push(`console: ${message.text()}`);
    });

    central = await startCentralProcess(0);
    const centralUrl = central.url;
    const port = Number(new URL(centralUrl).port);
    workbench = await startWorkbench(centralUrl);
    const notes = {
      online: 'Ghi chú lúc còn kết nối',
      offline1: 'Ghi chú thứ nhất khi mất kết nối',
      offline2: 'Ghi chú thứ hai khi mất kết nối',
      afterRestart: 'Ghi chú sau khi đăng nhập ngoại tuyến',
    };
    let first: DossierListRow;
    let second: DossierListRow;

    await step(
      page,
      'sign in online and add a note',
      async () => {
        await signInWithForm();
        await expect.poll(syncState, WAIT).toBe('online');
        await expect.poll(() => tid('sync-progress-panel').count(), WAIT).toBe(0);
        const { rows } = await callCore(workbench!.core, 'dossiers.list', {
          filter: { inMyUnits: true },
          sort: { field: 'receivedAt', direction: 'desc' },
          limit: 100,
        });
        const takers: DossierListRow[] = [];
        for (const r of rows) {
          const { actions } = await callCore(workbench!.core, 'dossiers.allowedActions', {
            id: r.id,
          });
          if (actions.includes('add_note')) takers.push(r);
          if (takers.length === 2) break;
        }
        [first, second] = takers as [DossierListRow, DossierListRow];
        await openDossier(first);
        await addNote(notes.online);
        await expect
          .poll(() => tid('action-saved').getAttribute('data-delivery'), WAIT)
          .toBe('sent');
        expect(await tid('action-saved').innerText()).toBe('Đã gửi');
      },
      SHOTS,
    );

    await step(
      page,
      'the central API stops: two more notes wait here',
      async () => {
        central!.stop();
        await central!.exited;
        central = null;
        await expect.poll(syncState, WAIT).toBe('offline');
        const said = await addNote(notes.offline1);
        expect(said).toBe('Đã lưu trên máy này, đang gửi…');
        expect(await tid('action-saved').getAttribute('data-delivery')).toBe('sending');
        await openDossier(second);
        await addNote(notes.offline2);
        await expect.poll(pendingCount, WAIT).toBe('2');
        await screenshot(page, `${SHOTS}-01-offline-waiting`);
      },
      SHOTS,
    );

    await step(
      page,
      'restarted during the outage: still signed in, still waiting',
      async () => {
        await restartWorkbench();
        await expect.poll(() => tid('officer-name').innerText(), WAIT).toBe(OFFICER.fullName);
        await expect.poll(syncState, WAIT).toBe('offline');
        await expect.poll(pendingCount, WAIT).toBe('2');
        await showPendingOnly();
        await expect.poll(() => row(first.id).getAttribute('data-pending'), WAIT).toBe('true');
        await expect.poll(() => row(second.id).getAttribute('data-pending'), WAIT).toBe('true');
        await screenshot(page, `${SHOTS}-02-restarted-signed-in`);
      },
      SHOTS,
    );

    await step(
      page,
      'signed out, the sign-in screen says whose changes wait',
      async () => {
        await tid('officer').click();
        await tid('sign-out').click();
        await tid('sign-in').waitFor({ timeout: 10_000 });
        const waiting = await tid('sign-in-waiting').innerText();
        expect(waiting).toContain('2 thay đổi chưa gửi');
        expect(waiting).toContain(OFFICER.fullName);
        expect(waiting).toContain(`“${OFFICER.username}”`);
      },
      SHOTS,
    );

    await step(
      page,
      'restarted again without the central API: an offline sign-in',
      async () => {
        await restartWorkbench();
        await signInWithForm();
        await tid('offline-session').waitFor({ timeout: 10_000 });
        expect(await tid('offline-session').innerText()).toContain('Phiên làm việc ngoại tuyến');
        await expect.poll(pendingCount, WAIT).toBe('2');
        await showPendingOnly();
        await expect.poll(() => page.locator('[data-testid="dossier-row"]').count(), WAIT).toBe(2);
        await screenshot(page, `${SHOTS}-03-offline-sign-in`);
        await openDossier(second);
        // The panel shows the note made before the restart, waiting to be sent.
        await expect
          .poll(() => tid('panel-section-history').innerText(), WAIT)
          .toContain(notes.offline2);
        await addNote(notes.afterRestart);
        await expect.poll(pendingCount, WAIT).toBe('3');
      },
      SHOTS,
    );

    await step(
      page,
      'the central API comes back on its own address: all sent, once',
      async () => {
        central = await startCentralProcess(port);
        expect(central.url).toBe(centralUrl);
        await expect.poll(syncState, WAIT).toBe('online');
        await expect.poll(pendingCount, WAIT).toBe('0');
        await expect.poll(() => tid('offline-session').count(), WAIT).toBe(0);
        await expect
          .poll(() => tid('action-saved').getAttribute('data-delivery'), WAIT)
          .toBe('sent');
        // Nothing waits any more: the pending-only grid empties.
        await expect.poll(() => page.locator('[data-testid="dossier-row"]').count(), WAIT).toBe(0);
        await screenshot(page, `${SHOTS}-04-back-online`);
        for (const [dossier, text] of [
          [first, notes.online],
          [first, notes.offline1],
          [second, notes.offline2],
          [second, notes.afterRestart],
        ] as const) {
          expect(await notesOnCentral(centralUrl, OFFICER.username, dossier.id, text)).toBe(1);
        }
      },
      SHOTS,
    );

    expect(errors).toEqual([]);
  });
});
