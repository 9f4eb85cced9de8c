import { systemClock } from '@shared/clock';
import { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { createGenerator, type SyntheticGenerator } from '@shared/synthetic';
import type { Db } from './store/db';
import { SYNCED_TABLES, withIndexesDeferred } from './store/bulk';
import { createWriter } from './store/writer';
import { STORAGES, type AnyStorage } from './store/kinds';
import type { KindName } from '@shared/kinds';

export interface SeedOptions {
  dossiers: number;
  complaints: number;
  seed?: number | string;
  /** The moment the data describes; filings span the 18 months before it. Default: now. */
  now?: number;
  /** Rows a transaction (bounded so that progress can be shown and memory stays flat). */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  dossiers: number;
  complaints: number;
  historyEntries: number;
  ms: number;
}

const EIGHTEEN_MONTHS = 548 * 86_400_000;

export function demoGenerator(options: Pick<SeedOptions, 'seed' | 'now'>): SyntheticGenerator {
  const now = options.now ?? systemClock();
  return createGenerator({
    seed: options.seed ?? 2026,
    deadlines: new WorkingCalendar(),
    start: now - EIGHTEEN_MONTHS,
    end: now,
    // History entries named by the state machines' action types, like the ones officers create.
    historyNaming: 'machine',
  });
}

/**
 * Fills a local store with deterministic synthetic data, straight into the tables (for demos
 * without a central API, tests and benchmarks; with a central API, data arrives through sync).
 * Loads with the secondary indexes deferred, in bounded transactions.
 */
export function seedStore(db: Db, options: SeedOptions): SeedResult {
  const started = performance.now();
  const generator = demoGenerator(options);
  const write = createWriter(db);
  const batch = options.batch ?? 5000;
  const total = options.dossiers + options.complaints;
  let done = 0;
  let historyEntries = 0;
  db.transaction(() => {
    for (const unit of generator.units()) write.unit(unit);
    for (const officer of generator.officers()) write.officer(officer);
    for (const procedure of generator.procedures()) write.procedure(procedure);
  })();
  const counts: Record<KindName, number> = {
    dossier: options.dossiers,
    complaint: options.complaints,
  };
  withIndexesDeferred(db, SYNCED_TABLES, () => {
    const chunk = db.transaction((storage: AnyStorage, from: number, to: number) =>
      write.batch(() => {
        const total = counts[storage.kind.name as KindName];
        for (const { record, history } of storage.synthetic(generator, total, from, to)) {
          write.record(storage, record);
          for (const entry of history) write.history(storage, record.id, entry);
          historyEntries += history.length;
        }
      }),
    );
    for (const storage of STORAGES) {
      const count = counts[storage.kind.name as KindName];
      for (let from = 0; from < count; from += batch) {
        const to = Math.min(count, from + batch);
        chunk(storage, from, to);
        done += to - from;
        options.onProgress?.(done, total);
      }
    }
  });
  return {
    dossiers: options.dossiers,
    complaints: options.complaints,
    historyEntries,
    ms: performance.now() - started,
  };
}
