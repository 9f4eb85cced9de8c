/**
 * The supervisors' desk at a million dossiers (issue 13): the dashboard's figures province-wide
 * on opening and after changing the period or the unit, Biểu 06, and an Excel export of 200,000
 * rows (time, memory, and how long the host's thread is held while it runs). The store is the
 * workbench bench's seeded million (tests/support/stores.ts), opened with today's migrations.
 */
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput, MethodName } from '@shared/contract/api';
import { figureFilter } from '@shared/reports/figures';
import { createCore, type Core } from '../../core/app';
import { createCalendarSource } from '../../core/services/calendar';
import { exportReport } from '../../core/reports/export';
import { reportContext } from '../../core/reports/service';
import { reportSource } from '../../core/reports/tables';
import { SEED_NOW, seededStoreDir } from '../support/stores';
import { type BenchReport } from './lib';

const DOSSIERS = Number(process.env.BENCH_SUPERVISION_DOSSIERS ?? 1_000_000);
const EXPORT_ROWS = 200_000;
const SECTION = 'supervision';

async function timed<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<{ ms: number; value: unknown }> {
  const t0 = performance.now();
  const r = await core.dispatch(method, input);
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return { ms, value: r.value };
}

export async function run(report: BenchReport): Promise<void> {
  // BENCH_SUPERVISION_DIR: a copy of that store, so a run does not contend with another bench.
  const dir =
    process.env.BENCH_SUPERVISION_DIR ??
    seededStoreDir(DOSSIERS, Math.round(DOSSIERS / 20), 'workbench').dir;
  const core = createCore({
    dataDir: dir,
    host: 'browser',
    clock: () => SEED_NOW,
    startSync: false,
  });
  try {
    const year = { from: '2026-01-01', to: '2026-12-31' };
    const opened = await timed(core, 'reports.dashboard', { period: year });
    report.atMost(
      SECTION,
      'dashboard, province, this year: first after opening the store',
      opened.ms,
      'ms',
      300,
    );
    // The screen asks for the dashboard and the scorecard together.
    const both = performance.now();
    await Promise.all([
      timed(core, 'reports.dashboard', { period: year }),
      timed(core, 'reports.scorecard', { period: year }),
    ]);
    report.info(
      SECTION,
      'dashboard + scorecard, the same period again',
      performance.now() - both,
      'ms',
    );

    const changes: [string, MethodInput<'reports.dashboard'>][] = [
      ['quarter', { period: { from: '2026-10-01', to: '2026-12-31' } }],
      ['month', { period: { from: '2026-11-01', to: '2026-11-30' } }],
      ['week', { period: { from: '2026-11-23', to: '2026-11-29' } }],
      ['last year', { period: { from: '2025-01-01', to: '2025-12-31' } }],
      ['chosen dates', { period: { from: '2026-03-15', to: '2026-08-20' } }],
      ['a commune', { period: year, unitId: 'unit-commune-01' }],
      ['a department', { period: year, unitId: 'unit-dept-justice' }],
    ];
    let worst = 0;
    for (const [name, input] of changes) {
      const { ms } = await timed(core, 'reports.dashboard', input);
      worst = Math.max(worst, ms);
      report.atMost(SECTION, `dashboard after changing to ${name}`, ms, 'ms', 150);
    }
    report.atMost(SECTION, 'dashboard after a change: worst of the above', worst, 'ms', 150);

    const bieu = await timed(core, 'reports.table', {
      report: 'statistics',
      period: { from: '2026-07-01', to: '2026-09-30' },
    });
    report.atMost(SECTION, 'Biểu 06, province, a quarter', bieu.ms, 'ms', 500);
    const bieuYear = await timed(core, 'reports.table', { report: 'statistics', period: year });
    report.atMost(SECTION, 'Biểu 06, province, this year', bieuYear.ms, 'ms', 500);

    // 200,000 dossiers: those received in the first months of the year.
    const repos = core.sync.cache.repositories;
    const deps = {
      db: core.db,
      repos,
      clock: () => SEED_NOW,
      calendar: createCalendarSource(repos.directory),
      session: () => ({ officer: null, scopeUnitIds: [] }),
    };
    const ctx0 = reportContext(deps, {
      period: year,
      language: 'vi',
      unitId: undefined,
      filter: undefined,
      now: undefined,
    });
    let to = ctx0.period.start;
    const probe = core.db.prepare(
      'SELECT received_at AS t FROM dossiers WHERE received_at >= ? ORDER BY received_at LIMIT 1 OFFSET ?',
    );
    to =
      (probe.get(ctx0.period.start, EXPORT_ROWS) as { t: number } | undefined)?.t ??
      ctx0.period.end;
    const filter = figureFilter('received_new', {
      start: ctx0.period.start,
      end: to,
      at: ctx0.period.at,
    });
    const ctx = reportContext(deps, {
      period: year,
      language: 'vi',
      unitId: undefined,
      filter,
      now: undefined,
    });
    const source = reportSource('records', ctx);
    const out = join(tmpdir(), `supervision-bench-${process.pid}.xlsx`);
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    let held = 0;
    let last = performance.now();
    const probeTimer = setInterval(() => {
      const t = performance.now();
      held = Math.max(held, t - last - 10);
      last = t;
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    const t0 = performance.now();
    const { bytes } = await exportReport(source, 'xlsx', out, { producedAt: SEED_NOW });
    const exportMs = performance.now() - t0;
    clearInterval(probeTimer);
    rmSync(out, { force: true });
    report.info(SECTION, 'Excel export: rows', source.totalRows, 'rows');
    report.atMost(SECTION, 'Excel export of the rows above', exportMs / 1000, 's', 15);
    report.atMost(
      SECTION,
      'Excel export: memory above the process before it (peak RSS)',
      (peak - rss0) / 1e6,
      'MB',
      400,
    );
    report.info(SECTION, 'Excel export: file size', bytes / 1e6, 'MB');
    report.atMost(
      SECTION,
      'Excel export: longest the host thread was held',
      held,
      'ms',
      50,
      'the window does not compute the export: it polls and reads 4 MB pieces; this is the core that answers it',
    );
    // What the window does per piece: decode 4 MB of base64.
    const piece = Buffer.alloc(4_000_000, 7).toString('base64');
    const d0 = performance.now();
    const binary = atob(piece);
    const view = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) view[i] = binary.charCodeAt(i);
    report.atMost(
      SECTION,
      'window: decoding one 4 MB piece of the download',
      performance.now() - d0,
      'ms',
      50,
    );
  } finally {
    core.close();
  }
}
