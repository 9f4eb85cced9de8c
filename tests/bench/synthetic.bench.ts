/**
 * Synthetic data generation, at the size the central API seeds itself with (200,000 dossiers
 * with their histories, 50,000 complaints), plus random access as the filing simulator uses it.
 * Throughput is reported, not targeted: the issue asks for "well under a minute" per million
 * dossiers, i.e. comfortably above 17,000 rows/s.
 *
 * The calendar is the generator's weekend-only test double; the product injects shared/domain's
 * WorkingCalendar, whose calls cost about the same (a few per dossier).
 */
import { performance } from 'node:perf_hooks';
import { createGenerator } from '@shared/synthetic';
import { weekendCalendar } from '@shared/synthetic/testing';
import type { BenchReport } from './lib';

const DOSSIERS = 200_000;
const COMPLAINTS = 50_000;
const SECTION = 'synthetic';

export function run(report: BenchReport): Promise<void> {
  const vn = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) - 7 * 3_600_000;
  const t0 = performance.now();
  const gen = createGenerator({
    seed: 'bench',
    deadlines: weekendCalendar(),
    start: vn(2024, 7, 1),
    end: vn(2026, 1, 1),
  });
  report.info(SECTION, 'setup (units, officers, calendar probe)', performance.now() - t0, 'ms');

  // Warm-up, so the figure measures steady-state code rather than the JIT's first passes.
  for (const _ of gen.dossiers(DOSSIERS, 0, 5_000));

  let entries = 0;
  let chars = 0;
  const t1 = performance.now();
  for (const { dossier, history } of gen.dossiers(DOSSIERS)) {
    entries += history.length;
    chars += dossier.summary.length;
  }
  const dossierMs = performance.now() - t1;
  report.info(
    SECTION,
    `${DOSSIERS.toLocaleString('en-US')} dossiers with history`,
    dossierMs,
    'ms',
  );
  report.info(SECTION, 'dossier throughput', Math.round((DOSSIERS / dossierMs) * 1000), 'rows/s');
  report.info(
    SECTION,
    'history throughput',
    Math.round((entries / dossierMs) * 1000),
    'entries/s',
    `${(entries / DOSSIERS).toFixed(2)} entries a dossier`,
  );

  const t2 = performance.now();
  let complaintEntries = 0;
  for (const { history } of gen.complaints(COMPLAINTS)) complaintEntries += history.length;
  const complaintMs = performance.now() - t2;
  report.info(
    SECTION,
    'complaint throughput',
    Math.round((COMPLAINTS / complaintMs) * 1000),
    'rows/s',
    `${(complaintEntries / COMPLAINTS).toFixed(2)} entries a complaint`,
  );

  // Random access: scattered indexes, as a simulator or a paging demo would ask for them.
  const samples = 20_000;
  const t3 = performance.now();
  for (let i = 0; i < samples; i++)
    chars += gen.dossierAt((i * 7_919) % DOSSIERS, DOSSIERS).dossier.number.length;
  report.info(
    SECTION,
    'dossierAt (random access)',
    ((performance.now() - t3) * 1000) / samples,
    'µs/call',
  );
  if (chars === 0) throw new Error('nothing was generated');
  return Promise.resolve();
}
