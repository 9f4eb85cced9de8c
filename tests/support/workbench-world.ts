import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MethodInput, MethodName, MethodOutput } from '@shared/contract/api';
import type { RunningCentral } from '../../central/index';
import type { Core } from '../../core/app';
import { EMBEDDED_DEMO_ACCOUNTS } from '../../scripts/embedded-central';
import { startSyntheticCentral } from '../sync/harness';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { artifactPath, startTestHost, type TestHost } from './host';

/**
 * The pieces of an end-to-end day at the office: a real central API on loopback (SQLite, seeded
 * with the synthetic generator), a fault proxy in front of it (the officers' network: `blocked`
 * is an outage), and officers' workbenches, each a browser host over its own core and fresh data
 * directory, opened in its own Chromium context (its own cookie, its own session).
 */

export interface CentralWorld {
  readonly central: RunningCentral;
  /** What the workbenches reach the central API through. */
  readonly proxy: FaultProxy;
  close(): Promise<void>;
}

/** Ten days of filings in two communes: plenty of open dossiers and complaints to act on. */
export async function startCentralWorld(
  size = { dossiers: 1500, complaints: 300 },
): Promise<CentralWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-e2e-central-'));
  const central = await startSyntheticCentral(
    { kind: 'sqlite', file: join(dir, 'central.db') },
    size,
  );
  const proxy = await startFaultProxy(central.url);
  return {
    central,
    proxy,
    close: async () => {
      await proxy.close();
      await central.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OfficerSession {
  readonly env: TestHost;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors and console errors of the page: a user would see something break. */
  readonly errors: string[];
  /** Calls the session's core directly, as its host does (to pick records, not to act). */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

/**
 * A workbench as an officer's computer runs it: a browser host on a fresh data directory whose
 * sign-in screen offers the demo accounts of `serverUrl`, on the real clock (the synthetic world
 * ends now), with quick retries so an outage heals within the test; opened in a new context.
 */
export async function openWorkbench(browser: Browser, serverUrl: string): Promise<OfficerSession> {
  const env = await startTestHost({
    core: {
      clock: Date.now,
      log: () => undefined,
      sync: {
        defaults: { serverUrl, demoAccounts: EMBEDDED_DEMO_ACCOUNTS },
        pageSize: 250,
        retry: { baseMs: 200, maxMs: 1000 },
        requestTimeoutMs: 4000,
      },
    },
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  // Every wait and action is bounded: a broken screen fails its step instead of hanging the run.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A refused request shows in the console as a failed resource load: that is the outage.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  await page.goto(env.host.url);
  return {
    env,
    context,
    page,
    errors,
    call: (method, input) => callCore(env.core, method, input),
    close: async () => {
      await context.close();
      await env.close();
    },
  };
}

export async function callCore<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

/** Saves a screenshot of the page under tests/artifacts/ (not committed) for review by eye. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`${name}.png`) });
}

/**
 * Runs one step of a scripted scenario, naming it in the error if it fails, with a screenshot of
 * the screen at that moment, so a red run says where the day went wrong and shows it.
 */
export async function step<T>(
  page: Page,
  name: string,
  run: () => Promise<T>,
  artifactPrefix = 'failure',
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    await page
      .screenshot({ path: artifactPath(`${artifactPrefix}-${slug}.png`) })
      .catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`step "${name}" failed: ${message}`, { cause: error });
  }
}
