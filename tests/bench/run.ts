/**
 * `npm run bench [-- section…]`: runs every tests/bench/*.bench.ts (or the named ones), prints a
 * table of figures against their targets, and writes the report to bench-results/latest.json and
 * bench-results/<timestamp>.json for comparison across changes.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchReport, format, recordMachine } from './lib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const sections = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''))
    .filter((name) => wanted.length === 0 || wanted.includes(name))
    .sort();
  const unknown = wanted.filter((w) => !sections.includes(w));
  if (unknown.length) throw new Error(`no such bench section: ${unknown.join(', ')}`);

  const report = new BenchReport();
  for (const name of sections) {
    console.log(`\n▶ ${name}`);
    recordMachine(report, name);
    const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as {
      run: (report: BenchReport) => Promise<void>;
    };
    await mod.run(report);
  }

  const rows = report.figures.map((f) => [
    f.section,
    f.name,
    `${format(f.value)} ${f.unit}`,
    f.target ? `${f.target} ${f.unit}` : '',
    f.met === undefined ? '' : f.met ? 'ok' : 'MISSED',
  ]);
  const header = ['section', 'figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));

  const output = {
    startedAt: report.startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      memoryBytes: totalmem(),
      node: process.version,
    },
    figures: report.figures,
  };
  const dir = join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(output, null, 2);
  writeFileSync(join(dir, 'latest.json'), json);
  writeFileSync(join(dir, `${report.startedAt.replace(/[:.]/g, '-')}.json`), json);
  console.log(`\nreport: ${join('bench-results', 'latest.json')}`);
  const missed = report.figures.filter((f) => f.met === false).length;
  if (missed) console.log(`${missed} figure(s) missed their target.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
