import type { z } from 'zod';
import type { Kind, KindName, KindRecord } from '@shared/kinds';
import type { HistoryEntry } from '@shared/model';
import type { SyntheticGenerator } from '@shared/synthetic';
import { CENTRAL_KINDS, newRecordRows } from './records';
import type { CentralStore, WriteTx } from './store/store';

/**
 * Citizens filing new dossiers and complaints, for demos and load tests. Each filing goes
 * through the store's write path like any change (a seq, a live notification), so connected
 * clients see it arrive. The mix follows the seeded data (about four dossiers per complaint).
 * How many were filed is kept in `meta`, so ids continue after a restart instead of colliding.
 */

/** Where the simulation counts its filings (the sandbox's citizen files one more under it). */
export const SIM_KEY = 'simulation';

/** New records by kind name, each under its kind's name with its history: `{ dossier: { dossier, history } }`. */
export type Filing = {
  readonly [N in KindName]?: {
    readonly [P in N]: z.output<Extract<Kind, { name: N }>['schema']>;
  } & {
    readonly history: readonly HistoryEntry[];
  };
};

/**
 * Writes one new dossier or complaint with its history, in one transaction; `also` runs in the
 * same transaction (the simulation counts its filings there, so a crash cannot reuse an id).
 */
export async function fileRecord(
  store: CentralStore,
  filing: Filing,
  also?: (w: WriteTx) => Promise<void>,
): Promise<number> {
  return store.write(async (w) => {
    for (const kind of CENTRAL_KINDS) {
      const item = filing[kind.name] as
        | (Readonly<Record<string, KindRecord>> & { readonly history: readonly HistoryEntry[] })
        | undefined;
      if (item) {
        await w.putMany(newRecordRows(kind, item[kind.name] as KindRecord, item.history));
      }
    }
    await also?.(w);
    // Always set: a filing writes at least the record itself.
    return w.head ?? 0;
  });
}

export interface SimulationOptions {
  readonly store: CentralStore;
  readonly generator: SyntheticGenerator;
  readonly ratePerMinute: number;
  readonly seededDossiers: number;
  readonly seededComplaints: number;
  readonly clock: () => number;
  readonly log: (line: string) => void;
}

export interface Simulation {
  readonly filed: () => { dossiers: number; complaints: number };
  stop(): Promise<void>;
}

export async function startSimulation(options: SimulationOptions): Promise<Simulation> {
  const { store, generator, ratePerMinute, clock, log } = options;
  const saved = await store.getMeta(SIM_KEY);
  const counts = saved
    ? (JSON.parse(saved) as { dossiers: number; complaints: number })
    : { dossiers: 0, complaints: 0 };
  const simulator = generator.simulator({
    seededDossiers: options.seededDossiers,
    seededComplaints: options.seededComplaints,
    firstDossierIndex: options.seededDossiers + counts.dossiers,
    firstComplaintIndex: options.seededComplaints + counts.complaints,
  });
  const complaintShare =
    options.seededComplaints / Math.max(1, options.seededDossiers + options.seededComplaints) ||
    0.2;
  // Whole filings per tick; the fraction carries over, so any rate (0.5/min, 6000/min) is kept.
  const tickMs = Math.max(50, Math.min(1000, 60_000 / ratePerMinute));
  let credit = 0;
  let serial = counts.dossiers + counts.complaints;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const tick = async (): Promise<void> => {
    credit += (ratePerMinute * tickMs) / 60_000;
    while (credit >= 1 && !stopped) {
      credit -= 1;
      serial++;
      // Deterministic mix: a complaint whenever the running share falls behind.
      const complaint = counts.complaints < complaintShare * serial;
      const at = clock();
      const filing: Filing = complaint
        ? { complaint: simulator.complaint(at) }
        : { dossier: simulator.dossier(at) };
      const next = {
        dossiers: counts.dossiers + (complaint ? 0 : 1),
        complaints: counts.complaints + (complaint ? 1 : 0),
      };
      await fileRecord(store, filing, (w) => w.setMeta(SIM_KEY, JSON.stringify(next)));
      counts.dossiers = next.dossiers;
      counts.complaints = next.complaints;
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick).catch((error: unknown) => {
      log(`[central] simulation: ${String(error)}`);
    });
  }, tickMs);
  return {
    filed: () => ({ ...counts }),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
