import { WorkingCalendar, YearOverridesSchema, type YearOverrides } from '@shared/domain';
import { complaintKind, dossierKind, type KindRecord } from '@shared/kinds';
import {
  OfficerSchema,
  ProcedureSchema,
  UnitSchema,
  type Complaint,
  type Dossier,
  type HistoryEntry,
  type Officer,
  type Procedure,
  type Unit,
} from '@shared/model';
import { createGenerator, DEMO_ACCOUNTS, type SyntheticGenerator } from '@shared/synthetic';
import { DEFAULT_PASSWORD_COST, hashPassword, type PasswordCost } from './auth';
import { CENTRAL_KINDS, newRecordRows, type CentralKind, type Check } from './records';
import type { CentralStore, RecordWrite } from './store/store';

/**
 * Filling an empty central database: reference data (units, officers with passwords,
 * procedures, the calendar's official schedules), then dossiers and complaints with their
 * history, all through the store's one write path (so every row gets its seq in order).
 *
 * Fast enough for 200,000 dossiers + 50,000 complaints (about 1.6 M rows with history):
 *  - rows go in by thousands per statement, tens of thousands per transaction;
 *  - into an empty table the secondary indexes are dropped first and built once at the end
 *    (a B-tree built from sorted data instead of a million random inserts);
 *  - password hashes (scrypt, deliberately slow) run on libuv's thread pool while the main
 *    thread loads rows, and are written at the end.
 * Progress is in `meta.seed`: a seed that was interrupted is wiped and redone at the next start.
 */

export interface SeedOfficer {
  readonly officer: Officer;
  readonly password: string;
}

export interface SeedData {
  readonly units: readonly Unit[];
  readonly officers: readonly SeedOfficer[];
  readonly procedures: readonly Procedure[];
  /** Official schedules by year ("2026"). */
  readonly calendars: Readonly<Record<string, YearOverrides>>;
  readonly dossiers: Iterable<{
    readonly dossier: Dossier;
    readonly history: readonly HistoryEntry[];
  }>;
  readonly complaints: Iterable<{
    readonly complaint: Complaint;
    readonly history: readonly HistoryEntry[];
  }>;
  /** Expected totals, for progress reports. */
  readonly dossierCount?: number;
  readonly complaintCount?: number;
}

export interface SeedSummary {
  readonly units: number;
  readonly officers: number;
  readonly procedures: number;
  readonly dossiers: number;
  readonly complaints: number;
  readonly historyEntries: number;
  readonly rows: number;
  readonly ms: number;
}

export interface SeedOptions {
  /**
   * Cost of the seeded password hashes; default the full cost (DEFAULT_PASSWORD_COST). A hash
   * cheaper than the server's is upgraded at the account's first sign-in, but until then its
   * sign-ins would answer faster than an unknown username's (hashed at the full cost), telling
   * which accounts exist: give the server's own cost.
   */
  readonly passwordCost?: PasswordCost;
  /**
   * 'all' (default) validates every row with its schema; 'sample' every 64th dossier or
   * complaint and its history, for the synthetic generator, whose output its own suite checks
   * and whose full validation would be a sixth of a large seed's time.
   */
  readonly validate?: 'all' | 'sample';
  readonly onProgress?: (done: number, total: number) => void;
  /** Rows per write transaction. */
  readonly batchRows?: number;
}

/**
 * The official 2026 schedule (DOMAIN.md §4): Tết 16–20 February off (the default calendar's
 * days, restated as published), and 31 August off, swapped with Saturday 22 August.
 */
export const DEFAULT_CALENDARS: Readonly<Record<string, YearOverrides>> = {
  '2026': {
    daysOff: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-08-31'],
    workingDays: ['2026-08-22'],
  },
};

/** Every seeded officer's password: the data is synthetic, and so are the accounts. */
export const DEMO_PASSWORD = 'demo';

const SEED_KEY = 'seed';

type SeedState = { state: 'started' } | ({ state: 'done' } & SeedSummary);

/**
 * Read through the writer's connection: on SQLite the reader's connection must stay closed
 * while a seed switches the journal mode (see CentralStore.bulkLoad).
 */
async function seedState(store: CentralStore): Promise<SeedState | null> {
  const raw = await store.getMeta(SEED_KEY, store.db);
  return raw === undefined ? null : (JSON.parse(raw) as SeedState);
}

/** The summary of the seed this database was filled with, if any. */
export async function seededSummary(store: CentralStore): Promise<SeedSummary | null> {
  const state = await seedState(store);
  return state?.state === 'done' ? state : null;
}

const check: Check = (schema, value, what) => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `seed data: invalid ${what}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
};

/** The records of every kind in seed data, kind after kind, each with its history. */
function* kindRecords(
  data: SeedData,
): Generator<{ kind: CentralKind; record: KindRecord; history: readonly HistoryEntry[] }> {
  for (const kind of CENTRAL_KINDS) {
    const items = data[kind.plural] as Iterable<
      Record<string, unknown> & { readonly history: readonly HistoryEntry[] }
    >;
    for (const item of items) {
      yield { kind, record: item[kind.name] as KindRecord, history: item.history };
    }
  }
}

/**
 * Seeds an empty database; does nothing (returns null) when it holds data already. Throws on
 * invalid seed data before anything is committed for that batch.
 */
export async function seedStore(
  store: CentralStore,
  data: SeedData,
  options: SeedOptions = {},
): Promise<SeedSummary | null> {
  return store.exclusively(SEED_LOCK, () => seedUnlocked(store, data, options));
}

/** Any constant: the key every central process seeds under, so that only one ever does. */
const SEED_LOCK = 7_346_003;

async function seedUnlocked(
  store: CentralStore,
  data: SeedData,
  options: SeedOptions,
): Promise<SeedSummary | null> {
  const state = await seedState(store);
  if (state?.state === 'done') return null;
  if (state?.state === 'started') {
    await store.wipe();
  } else if ((await store.head(store.db)) > 0) {
    // Data that did not come from a seed (a production database): never touch it.
    return null;
  }
  const started = performance.now();
  await store.setMeta(SEED_KEY, JSON.stringify({ state: 'started' } satisfies SeedState));

  const cost = options.passwordCost ?? DEFAULT_PASSWORD_COST;
  // Seeded accounts are hashed at the full cost, so that one that never signed in costs a
  // sign-in as much as an unknown username (timing would tell which accounts exist otherwise).
  // A salt and a full scrypt per officer would take minutes of CPU at a province's officer
  // count; instead each distinct password is hashed once and its hash shared. The synthetic
  // accounts all share the published password 'demo', so a salt of their own would hide
  // nothing; seed data with a password per officer still gets a hash (and salt) per officer.
  const byPassword = new Map<string, Promise<string>>();
  const hashOf = (password: string): Promise<string> => {
    let hash = byPassword.get(password);
    if (!hash) {
      hash = hashPassword(password, cost);
      byPassword.set(password, hash);
    }
    return hash;
  };
  // Started now, awaited at the end: the hashing runs beside the row load.
  const hashes = Promise.all(
    data.officers.map(async ({ officer, password }) => ({
      officerId: officer.id,
      username: officer.username.toLowerCase(),
      passwordHash: await hashOf(password),
    })),
  );
  // Whatever happens below, the hashing must be awaited, or its rejection goes unhandled.
  hashes.catch(() => undefined);

  const batchRows = options.batchRows ?? 30_000;
  const total =
    data.units.length +
    data.officers.length +
    data.procedures.length +
    Object.keys(data.calendars).length +
    (data.dossierCount ?? 0) * 6 +
    (data.complaintCount ?? 0) * 6;
  let done = 0;
  let pending: RecordWrite[] = [];
  // One batch is written while the next is generated: on PostgreSQL the server inserts in its
  // own process meanwhile. Waiting for the previous batch first keeps seqs in order and memory
  // bounded.
  let inflight: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    await inflight;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    inflight = store
      .write(async (w) => {
        await w.insertMany(batch);
        if (batch.some((r) => r.unitId === null)) w.touchReference();
      })
      .then(() => {
        done += batch.length;
        options.onProgress?.(Math.min(done, total), Math.max(total, done));
      });
    // Observed at the next flush; this only keeps Node from calling it unhandled meanwhile.
    inflight.catch(() => undefined);
  };
  const add = async (record: RecordWrite): Promise<void> => {
    pending.push(record);
    if (pending.length >= batchRows) await flush();
    // Generating is synchronous: let the in-flight batch's queries move now and then.
    else if (pending.length % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
  };

  let historyEntries = 0;
  const counts = new Map<string, number>();
  await store.bulkLoad(async () => {
    for (const unit of data.units) {
      const u = check(UnitSchema, unit, 'unit');
      await add({ entity: 'unit', id: u.id, unitId: null, version: 1, data: JSON.stringify(u) });
    }
    for (const { officer } of data.officers) {
      const o = check(OfficerSchema, officer, 'officer');
      await add({ entity: 'officer', id: o.id, unitId: null, version: 1, data: JSON.stringify(o) });
    }
    for (const procedure of data.procedures) {
      const p = check(ProcedureSchema, procedure, 'procedure');
      await add({
        entity: 'procedure',
        id: p.code,
        unitId: null,
        version: 1,
        data: JSON.stringify(p),
      });
    }
    for (const [year, overrides] of Object.entries(data.calendars)) {
      const c = check(YearOverridesSchema, overrides, `calendar ${year}`);
      await add({
        entity: 'calendar',
        id: year,
        unitId: null,
        version: 1,
        data: JSON.stringify(c),
      });
    }
    const sampled = options.validate === 'sample';
    for (const { kind, record, history } of kindRecords(data)) {
      const n = counts.get(kind.name) ?? 0;
      const full = !sampled || n % 64 === 0;
      for (const row of newRecordRows(kind, record, history, full ? check : null)) await add(row);
      counts.set(kind.name, n + 1);
      historyEntries += history.length;
    }
    await flush();
    await inflight;
  });

  await store.addCredentials(await hashes);
  const summary: SeedSummary = {
    units: data.units.length,
    officers: data.officers.length,
    procedures: data.procedures.length,
    dossiers: counts.get(dossierKind.name) ?? 0,
    complaints: counts.get(complaintKind.name) ?? 0,
    historyEntries,
    rows: done,
    ms: Math.round(performance.now() - started),
  };
  await store.setMeta(SEED_KEY, JSON.stringify({ state: 'done', ...summary } satisfies SeedState));
  options.onProgress?.(done, done);
  return summary;
}

export interface GeneratedSeedOptions {
  readonly seed: number | string;
  readonly dossiers: number;
  readonly complaints: number;
  /** Filings fall in [end − days, end); default the last 365 days before `end`. */
  readonly end: number;
  readonly days?: number;
  readonly calendars?: Readonly<Record<string, YearOverrides>>;
  /** At most this many communes (smaller worlds for tests). */
  readonly communes?: number;
}

export function createSeedGenerator(options: GeneratedSeedOptions): SyntheticGenerator {
  const calendars = options.calendars ?? DEFAULT_CALENDARS;
  return createGenerator({
    seed: options.seed,
    // The same calendar the server checks actions with, so seeded deadlines agree with it.
    deadlines: new WorkingCalendar({ overrides: calendars }),
    start: options.end - (options.days ?? 365) * 86_400_000,
    end: options.end,
    ...(options.communes === undefined ? {} : { communes: options.communes }),
  });
}

/** Seed data from the synthetic generator; every officer's password is DEMO_PASSWORD. */
export function generatedSeedData(
  generator: SyntheticGenerator,
  options: GeneratedSeedOptions,
): SeedData {
  return {
    units: generator.units(),
    officers: generator.officers().map((officer) => ({ officer, password: DEMO_PASSWORD })),
    procedures: generator.procedures(),
    calendars: options.calendars ?? DEFAULT_CALENDARS,
    dossiers: generator.dossiers(options.dossiers),
    complaints: generator.complaints(options.complaints),
    dossierCount: options.dossiers,
    complaintCount: options.complaints,
  };
}

/** The demo accounts' usernames, for the start-up banner and sign-in screens. */
export const DEMO_USERNAMES = [
  DEMO_ACCOUNTS.desk.username,
  DEMO_ACCOUNTS.officer.username,
  DEMO_ACCOUNTS.leader.username,
] as const;
