import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataFolderStoreKey } from '../../core/app';
import { openStore } from '../../core/store/db';
import { seedStore } from '../../core/seed';

/** A fixed "now" for seeded data, so stores and figures are reproducible across runs. */
export const SEED_NOW = Date.UTC(2026, 10, 24, 3, 0); // Tuesday 24 Nov 2026, 10:00 in Hà Nội

/**
 * A seeded store kept between benchmark runs under the system temp dir, rebuilt only when its
 * size does not match: seeding a million rows takes a while and is not what is being measured.
 */
export function seededStoreDir(
  dossiers: number,
  complaints: number,
  label = 'bench',
): { dir: string; seededMs: number | null } {
  const dir = join(tmpdir(), `mot-cua-${label}-${dossiers}-${complaints}`);
  const file = join(dir, 'workbench.db');
  // Keyed as the core opens its data folder, so that a store the core opened (and encrypted,
  // were it plain) is found again by the next run.
  if (existsSync(file)) {
    try {
      const db = openStore(file, { key: dataFolderStoreKey(dir) });
      const n = (db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n;
      db.close();
      if (n === dossiers) return { dir, seededMs: null };
    } catch {
      // Another version's or another key's store: seeded again below.
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = openStore(file, { key: dataFolderStoreKey(dir) });
  const result = seedStore(db, { dossiers, complaints, now: SEED_NOW, seed: 2026 });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { dir, seededMs: result.ms };
}
