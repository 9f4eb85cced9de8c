import type { Core } from './app';
import { seedStore } from './seed';

/** Size of the demo store filled on first start; WORKBENCH_DEMO_DOSSIERS overrides it. */
export const DEMO_DOSSIERS = 20_000;
export const DEMO_COMPLAINTS = 4_000;

/**
 * Fills an empty, never-synced store with demo data so that the first start shows a working
 * workbench without any server. Returns whether it seeded. A store that has signed in to a
 * central API is never touched: its data comes through sync.
 */
export function ensureDemoData(
  core: Pick<Core, 'db' | 'sync'>,
  options: { dossiers?: number; onProgress?: (done: number, total: number) => void } = {},
): boolean {
  if (core.sync.status().serverUrl !== null || !core.sync.cache.isEmpty()) return false;
  const configured = Number(process.env.WORKBENCH_DEMO_DOSSIERS);
  const dossiers =
    options.dossiers ??
    (Number.isInteger(configured) && configured > 0 ? configured : DEMO_DOSSIERS);
  seedStore(core.db, {
    dossiers,
    complaints: Math.round(dossiers * (DEMO_COMPLAINTS / DEMO_DOSSIERS)),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return true;
}
