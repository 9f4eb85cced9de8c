/**
 * The one-stop forms (issue 14): one form from its record to PDF bytes, warm (target p95
 * ≤ 150 ms), and a month's register of a commune, about 1,000 dossiers (target ≤ 3 s), through
 * the same path as the app and the CLI (shared/forms → core/documents). Records come from the
 * synthetic generator, so histories are the machine's.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { WorkingCalendar } from '@shared/domain';
import { createGenerator } from '@shared/synthetic';
import {
  formDocument,
  prepareDossierForm,
  prepareRegister,
  type DossierFormSource,
} from '@shared/forms';
import { pdfEngine, renderPdf } from '../../core/documents/pdf';
import { timeAsync, type BenchReport } from './lib';

const SECTION = 'forms';

export async function run(report: BenchReport): Promise<void> {
  const [one, five, fifteen] = loadavg();
  report.info(
    SECTION,
    'load average at start (1 min)',
    Number((one ?? 0).toFixed(2)),
    '',
    `1/5/15 min: ${[one, five, fifteen].map((n) => (n ?? 0).toFixed(2)).join(' ')}`,
  );

  const calendar = new WorkingCalendar();
  const start = Date.parse('2026-02-01T00:00:00+07:00');
  const end = Date.parse('2026-03-01T00:00:00+07:00');
  const gen = createGenerator({ seed: 'forms-bench', deadlines: calendar, start, end });
  const units = new Map(gen.units().map((u) => [u.id, u]));
  const procedures = new Map(gen.procedures().map((p) => [p.code, p]));
  const commune = units.get('unit-commune-01');
  if (commune === undefined) throw new Error('no unit-commune-01');
  const sources: DossierFormSource[] = [];
  for (const { dossier, history } of gen.dossiers(1_000)) {
    sources.push({
      dossier: { ...dossier, unitId: commune.id },
      history,
      procedure: procedures.get(dossier.procedureCode) ?? null,
      unit: commune,
    });
  }
  const now = end;

  const t0 = performance.now();
  const engine = await pdfEngine();
  report.info(
    SECTION,
    'font read, parsed and warmed (once per process)',
    performance.now() - t0,
    'ms',
    engine.fontsParsedOnce ? 'parsed once' : 'fallback: parsed per document',
  );

  const accepted = sources.filter((s) => s.dossier.receivedAt !== null);
  const receipt = await timeAsync(async (i) => {
    const source = accepted[i % accepted.length];
    if (source === undefined) return;
    const p = prepareDossierForm('receipt', source, { now, calendar });
    await renderPdf(formDocument(p), p.datedAt);
  }, 200);
  report.atMost(
    SECTION,
    'receipt (Mẫu 01, two A5 pages) → PDF, p95 warm',
    receipt.p95,
    'ms',
    150,
    `p50 ${receipt.p50.toFixed(1)} ms`,
  );

  const control = await timeAsync(async (i) => {
    const source = accepted[i % accepted.length];
    if (source === undefined) return;
    const p = prepareDossierForm('control', source, { now, calendar });
    await renderPdf(formDocument(p), p.datedAt);
  }, 200);
  report.atMost(
    SECTION,
    'control sheet → PDF, p95 warm',
    control.p95,
    'ms',
    150,
    `p50 ${control.p50.toFixed(1)} ms`,
  );

  const register = await timeAsync(
    async () => {
      const p = prepareRegister(commune, { from: '2026-02-01', to: '2026-02-28' }, sources, now);
      await renderPdf(formDocument(p), p.datedAt);
    },
    5,
    1,
  );
  const rows = prepareRegister(commune, { from: '2026-02-01', to: '2026-02-28' }, sources, now);
  report.atMost(
    SECTION,
    `register of a commune's month (${(rows.values.entries ?? []).length} dossiers, A4) → PDF`,
    register.p95 / 1000,
    's',
    3,
    `p50 ${(register.p50 / 1000).toFixed(2)} s`,
  );
}
