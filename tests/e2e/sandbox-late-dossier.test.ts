import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  millisToVietnamDateTime,
  vietnamDateTimeToMillis,
} from '../../renderer/actions/form-values';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/runtime';
import { launchChromium } from '../support/browser';
import { screenshot, step } from '../support/workbench-world';

/**
 * Issue 15's "done when": the trainers' sandbox plays "a late dossier" in Chromium, with the
 * real central API out of reach (the address in the environment is a port that only counts who
 * knocks; nobody may). The trainee signs in as the processing officer with one click, the
 * presenter moves the clock until the subject is due soon, the trainee apologises with a new
 * appointment, the clock passes it, the dossier is overdue, in the overdue queue and counted
 * late; a reset brings the starting state back. The checklist ticks each step by itself.
 */

const WAIT = { timeout: 20_000, interval: 100 };
const root = join(import.meta.dirname, '..', '..');
const SHOTS = 'sandbox-late-dossier';

let dataDir: string;
let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let unreachable: Server;
let knocks = 0;
const savedEnv = process.env.WORKBENCH_CENTRAL_URL;

beforeAll(async () => {
  unreachable = createServer((socket) => {
    knocks++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => unreachable.listen(0, '127.0.0.1', resolve));
  const address = unreachable.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.env.WORKBENCH_CENTRAL_URL = `http://127.0.0.1:${address.port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  sandbox = await startSandbox({
    dataDir,
    staticDir: join(root, 'dist/renderer'),
    scenario: 'late-dossier',
    log: () => undefined,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await new Promise<void>((resolve) => unreachable.close(() => resolve()));
  if (savedEnv === undefined) delete process.env.WORKBENCH_CENTRAL_URL;
  else process.env.WORKBENCH_CENTRAL_URL = savedEnv;
  rmSync(dataDir, { recursive: true, force: true });
});

const tid = (id: string) => page.getByTestId(id);
const done = (stepId: string) => tid(`sandbox-step-${stepId}`).getAttribute('data-done');
const meter = () => tid('panel-meter').getAttribute('data-state');

async function openSubject(number: string, id: string): Promise<void> {
  await tid('search-box').click();
  await tid('search-box').fill('');
  await tid('search-box').pressSequentially(number.slice(-11), { delay: 15 });
  const hit = page.locator(`[data-testid="search-result"][data-id="${id}"]`);
  await hit.waitFor({ timeout: 10_000 });
  await hit.click();
  await expect.poll(() => tid('panel-number').innerText(), WAIT).toBe(number);
}

/** Presses "to the next deadline" until the subject's meter reads `state` (a few presses at most). */
async function jumpUntil(state: string): Promise<void> {
  for (let press = 0; press < 4 && (await meter()) !== state; press++) {
    const before = await tid('sandbox-clock').getAttribute('data-now');
    await tid('sandbox-next-deadline').click();
    await expect.poll(() => tid('sandbox-clock').getAttribute('data-now'), WAIT).not.toBe(before);
    await page.waitForTimeout(300);
  }
  await expect.poll(meter, WAIT).toBe(state);
}

describe('the trainers’ sandbox: “a late dossier” (issue 15)', () => {
  it('is played from sign-in to overdue, then reset to its start, the checklist ticking each step', async () => {
    const world = sandbox.control.state();
    const subject = world.scenario?.subject;
    if (!subject) throw new Error('the scenario found no subject in its world');
    const start = world.clock.start;

    await step(page, 'the sign-in screen says it is training data', async () => {
      await page.goto(sandbox.host.url);
      await tid('sign-in').waitFor({ timeout: 20_000 });
      expect(await tid('training-banner').innerText()).toBe(
        'Dữ liệu đào tạo — không phải hồ sơ thật',
      );
      await screenshot(page, `${SHOTS}-01-sign-in`);
    });

    await step(page, 'one click signs in as the processing officer', async () => {
      await tid('sandbox-account-officer').click();
      await expect.poll(() => tid('officer-name').innerText(), WAIT).toBe('Trần Văn Đức');
      await tid('presenter-bar').waitFor({ timeout: 20_000 });
      await expect.poll(() => done('sign-in'), WAIT).toBe('true');
      expect(await done('due-soon')).toBe('false');
      expect(await tid('training-banner').isVisible()).toBe(true);
    });

    await step(page, 'the subject is on track at the start', async () => {
      await openSubject(subject.number, subject.id);
      await expect.poll(meter, WAIT).toBe('on_track');
      expect(Number(await tid('sandbox-clock').getAttribute('data-now'))).toBe(start);
      await screenshot(page, `${SHOTS}-02-start`);
    });

    await step(page, 'the clock moves until the dossier is due soon', async () => {
      await jumpUntil('due_soon');
      await expect.poll(() => done('due-soon'), WAIT).toBe('true');
      expect(await done('apologise')).toBe('false');
    });

    let newDue = 0;
    await step(page, 'the officer apologises with a new appointment', async () => {
      const detail = await sandbox.core().dispatch('dossiers.get', { id: subject.id });
      if (!detail.ok) throw new Error('no detail');
      // The latest appointment the rule allows: later, within office hours of a working day.
      const latest = (detail.value as { latestNewDueAt: number }).latestNewDueAt;
      const { date, time } = millisToVietnamDateTime(latest);
      // The form takes the minute the officer types.
      newDue = vietnamDateTimeToMillis(date, time) ?? 0;
      await tid('action-apologize').click();
      await tid('field-newDueDate').fill(date);
      await tid('field-newDueTime').fill(time);
      await tid('field-reason').fill('Cần xác minh thêm với cơ quan liên quan.');
      await screenshot(page, `${SHOTS}-03-apology`);
      await tid('action-submit').click();
      await tid('action-saved').waitFor({ timeout: 10_000 });
      await expect.poll(() => done('apologise'), WAIT).toBe('true');
      // The apology does not make it on time: it is counted late from now on.
      await expect.poll(() => tid('sandbox-outbox').getAttribute('data-pending'), WAIT).toBe('0');
    });

    await step(page, 'past the new appointment it is overdue and counted late', async () => {
      await jumpUntil('overdue');
      await expect.poll(() => done('overdue'), WAIT).toBe('true');
      const detail = await sandbox.core().dispatch('dossiers.get', { id: subject.id });
      if (!detail.ok) throw new Error('no detail');
      const dossier = (detail.value as { dossier: { dueAt: number; late: boolean } }).dossier;
      expect(dossier.dueAt).toBe(newDue);
      expect(dossier.late).toBe(true);
      // In the overdue queue, with the count the sidebar shows.
      await page.locator('[data-testid="queue-item"][data-queue-id="overdue"]').click();
      await expect
        .poll(
          () => page.locator(`[data-testid="dossier-row"][data-record-id="${subject.id}"]`).count(),
          WAIT,
        )
        .toBe(1);
      await expect.poll(() => tid('sandbox-summary').isVisible(), WAIT).toBe(true);
      await screenshot(page, `${SHOTS}-04-overdue`);
    });

    await step(page, 'reset brings the starting state back', async () => {
      await tid('sandbox-reset').click();
      await tid('presenter-bar').waitFor({ timeout: 20_000 });
      await expect
        .poll(async () => Number(await tid('sandbox-clock').getAttribute('data-now')), WAIT)
        .toBe(start);
      await expect.poll(() => done('due-soon'), WAIT).toBe('false');
      expect(await done('apologise')).toBe('false');
      expect(await done('overdue')).toBe('false');
      await openSubject(subject.number, subject.id);
      await expect.poll(meter, WAIT).toBe('on_track');
      const detail = await sandbox.core().dispatch('dossiers.get', { id: subject.id });
      if (!detail.ok) throw new Error('no detail');
      const dossier = (detail.value as { dossier: { apologyCount: number; late: boolean } })
        .dossier;
      expect(dossier.apologyCount).toBe(0);
      expect(dossier.late).toBe(false);
      await screenshot(page, `${SHOTS}-05-reset`);
    });

    // Nothing ever knocked at the real central API's address.
    expect(knocks).toBe(0);
  }, 240_000);
});
