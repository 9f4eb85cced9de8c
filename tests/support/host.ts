import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core, type CoreOptions } from '../../core/app';
import { startBrowserHost, type BrowserHost } from '../../core/browser-host/server';
import { seedStore } from '../../core/seed';
import { SEED_NOW } from './stores';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIR = join(root, 'dist', 'renderer');
export const ARTIFACTS_DIR = join(root, 'tests', 'artifacts');

export interface TestHost {
  core: Core;
  host: BrowserHost;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A browser host on a fresh data directory, seeded with `dossiers` synthetic dossiers, serving
 * the built renderer (npm test builds before the suites run). The clock is fixed at SEED_NOW so
 * that deadline states are the same on every run.
 */
export async function startTestHost(
  options: { dossiers?: number; complaints?: number; core?: Partial<CoreOptions> } = {},
): Promise<TestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-e2e-'));
  const core = createCore({ dataDir, host: 'browser', clock: () => SEED_NOW, ...options.core });
  if (options.dossiers) {
    seedStore(core.db, {
      dossiers: options.dossiers,
      complaints: options.complaints ?? 0,
      now: SEED_NOW,
      seed: 42,
    });
  }
  const host = await startBrowserHost({
    dispatch: core.dispatch,
    events: core.events,
    staticDir: RENDERER_DIR,
  });
  return {
    core,
    host,
    dataDir,
    close: async () => {
      await host.close();
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}
