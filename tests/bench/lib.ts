/**
 * A tiny benchmark harness: sections record figures into one report, printed as a table and
 * written as JSON (bench-results/<timestamp>.json and bench-results/latest.json) so that later
 * changes can be compared. Targets are reported, never asserted: speed lives here, not in tests.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface BenchFigure {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** Target as the issue states it, e.g. "<= 10". */
  target?: string;
  /** Whether the figure meets the target (undefined when there is none). */
  met?: boolean;
  note?: string;
}

export class BenchReport {
  readonly figures: BenchFigure[] = [];
  readonly startedAt = new Date().toISOString();

  add(figure: BenchFigure): void {
    this.figures.push(figure);
    const target = figure.target ? ` (target ${figure.target} ${figure.unit})` : '';
    const verdict = figure.met === undefined ? '' : figure.met ? ' ok' : ' MISSED';
    console.log(
      `  ${figure.section} · ${figure.name}: ${format(figure.value)} ${figure.unit}${target}${verdict}`,
    );
  }

  /** Adds a figure with an upper-bound target. */
  atMost(
    section: string,
    name: string,
    value: number,
    unit: string,
    max: number,
    note?: string,
  ): void {
    this.add({
      section,
      name,
      value,
      unit,
      target: `<= ${max}`,
      met: value <= max,
      ...(note ? { note } : {}),
    });
  }

  /** Adds a figure with a lower-bound target. */
  atLeast(
    section: string,
    name: string,
    value: number,
    unit: string,
    min: number,
    note?: string,
  ): void {
    this.add({
      section,
      name,
      value,
      unit,
      target: `>= ${min}`,
      met: value >= min,
      ...(note ? { note } : {}),
    });
  }

  info(section: string, name: string, value: number, unit: string, note?: string): void {
    this.add({ section, name, value, unit, ...(note ? { note } : {}) });
  }
}

export function format(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

export interface Timing {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  count: number;
}

/** Runs fn `iterations` times after `warmup` runs and returns latency percentiles in ms. */
export function timeSync(
  fn: (i: number) => void,
  iterations: number,
  warmup = Math.min(50, iterations),
): Timing {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn(i);
    samples[i] = performance.now() - t0;
  }
  return summarize(samples);
}

export async function timeAsync(
  fn: (i: number) => Promise<void>,
  iterations: number,
  warmup = Math.min(10, iterations),
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    samples[i] = performance.now() - t0;
  }
  return summarize(samples);
}

export function summarize(samples: Float64Array | number[]): Timing {
  const sorted = Float64Array.from(samples).sort();
  const pick = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  let sum = 0;
  for (const s of sorted) sum += s;
  return {
    p50: pick(0.5),
    p95: pick(0.95),
    p99: pick(0.99),
    mean: sorted.length ? sum / sorted.length : 0,
    max: sorted[sorted.length - 1] ?? 0,
    count: sorted.length,
  };
}

/** Cost of one call in microseconds, measured over a tight loop (for sub-microsecond work). */
export function perCallMicros(fn: (i: number) => void, calls: number): number {
  for (let i = 0; i < Math.min(calls, 100_000); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) fn(i);
  return ((performance.now() - t0) * 1000) / calls;
}

/**
 * A fixed piece of single-threaded work (integer mixing, no allocation, no I/O): its time tells
 * a slow or busy machine from a slow change, since the same loop takes the same instructions on
 * every run. The median of five runs, in milliseconds.
 */
export function cpuReferenceMs(): number {
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    let x = 0x9e3779b9 | 0;
    for (let i = 0; i < 20_000_000; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    runs.push(performance.now() - t0 + (x === 42 ? 1 : 0));
  }
  return runs.sort((a, b) => a - b)[2] ?? 0;
}

/** The machine's state at the start of a section: its 1-minute load and the CPU reference. */
export function recordMachine(report: BenchReport, section: string): void {
  report.info(section, 'machine: load average (1 min) at start', loadavg()[0] ?? 0, '');
  report.info(
    section,
    'machine: CPU reference (fixed loop, median of 5)',
    cpuReferenceMs(),
    'ms',
    'the same loop on every run: a higher figure means a slower or busier machine',
  );
}
