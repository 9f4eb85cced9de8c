import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DOSSIER_SORT_FIELDS } from '@shared/contract/api';
import { createCore } from '../../core/app';
import { openStore } from '../../core/store/db';
import { SEED_NOW, seededStoreDir } from '../support/stores';
import { timeAsync, type BenchReport } from './lib';

/**
 * Issue 2's store figures, on 200,000 seeded dossiers: open + migrate, list-page query p95 for
 * each sort (through the same dispatch the hosts use, so validation is included), get-one p95.
 */
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 200_000);
const COMPLAINTS = Math.round(DOSSIERS / 4);

export async function run(report: BenchReport): Promise<void> {
  const section = 'store';
  const { dir, seededMs } = seededStoreDir(DOSSIERS, COMPLAINTS);
  if (seededMs !== null)
    report.info(
      section,
      `seed ${DOSSIERS.toLocaleString('en-US')} dossiers + ${COMPLAINTS.toLocaleString('en-US')} complaints`,
      Math.round(seededMs),
      'ms',
    );

  const fresh = mkdtempSync(join(tmpdir(), 'wb-bench-open-'));
  let t0 = performance.now();
  openStore(join(fresh, 'workbench.db')).close();
  report.info(section, 'create + migrate an empty store', performance.now() - t0, 'ms');
  rmSync(fresh, { recursive: true, force: true });

  t0 = performance.now();
  const core = createCore({
    dataDir: dir,
    host: 'browser',
    startSync: false,
    clock: () => SEED_NOW,
  });
  report.info(
    section,
    `open + migrate (${DOSSIERS.toLocaleString('en-US')} rows)`,
    performance.now() - t0,
    'ms',
  );

  try {
    for (const field of DOSSIER_SORT_FIELDS) {
      for (const direction of ['asc', 'desc'] as const) {
        // First pages and deeper pages: walk 20 pages down with the cursor, 10 times over.
        const cursors: (string | null)[] = [null];
        for (let i = 0; i < 20; i++) {
          const res = await core.dispatch('dossiers.list', {
            sort: { field, direction },
            limit: 100,
            cursor: cursors[i],
          });
          if (!res.ok) throw new Error(res.error.message);
          cursors.push((res.value as { nextCursor: string | null }).nextCursor);
        }
        const timing = await timeAsync(async (i) => {
          const res = await core.dispatch('dossiers.list', {
            sort: { field, direction },
            limit: 100,
            cursor: cursors[i % 20],
          });
          if (!res.ok) throw new Error(res.error.message);
        }, 200);
        report.atMost(section, `list page p95, sort ${field} ${direction}`, timing.p95, 'ms', 10);
      }
    }
    const filtered = await timeAsync(async (i) => {
      const res = await core.dispatch('dossiers.list', {
        filter: i % 2 ? { status: [4, 5, 6] } : { deadlineState: ['overdue', 'due_soon'] },
        sort: { field: 'dueAt', direction: 'asc' },
        limit: 100,
      });
      if (!res.ok) throw new Error(res.error.message);
    }, 100);
    report.atMost(
      section,
      'list page p95, filtered (status / deadline state) + count',
      filtered.p95,
      'ms',
      10,
    );

    const ids = (
      core.db.prepare('SELECT id FROM dossiers ORDER BY random() LIMIT 500').all() as {
        id: string;
      }[]
    ).map((r) => r.id);
    const get = await timeAsync(async (i) => {
      const res = await core.dispatch('dossiers.get', { id: ids[i % ids.length] });
      if (!res.ok) throw new Error(res.error.message);
    }, 1000);
    report.atMost(section, 'get one dossier with history p95', get.p95, 'ms', 2);
  } finally {
    core.close();
  }
}
