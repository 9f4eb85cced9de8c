import type { Officer, Procedure, Unit } from '../model/schemas';
import { ComplaintFactory, STREAM_COMPLAINTS, type ComplaintRecord } from './complaints';
import { PROVINCES, type Province } from './data/places';
import { DossierFactory, STREAM_DOSSIERS, type DossierRecord } from './dossiers';
import { FilingLayout } from './layout';
import type { HistoryNaming } from './naming';
import { PeopleFactory } from './people';
import { WeightedTable, hashSeed } from './prng';
import { slugAscii } from './text';
import { DAY, WorkTimeline, localDay, yymmdd, type DeadlineCalculator } from './time';
import { buildWorld, type World } from './world';

export interface GeneratorOptions {
  /** Same seed and same options give the same data, on any platform. */
  readonly seed: number | string;
  /** Working-day arithmetic (the product's WorkingCalendar); all deadlines come from it. */
  readonly deadlines: DeadlineCalculator;
  /** Filing dates fall in [start, end) (epoch ms). */
  readonly start: number;
  readonly end: number;
  /** The moment the data describes (default `end`): later events have not happened yet. */
  readonly now?: number;
  /**
   * The province whose administration is generated: a name as in PROVINCES ('TP. Hồ Chí Minh',
   * 'Hà Nội', 'tỉnh Lào Cai', 'Lào Cai', with or without diacritics). Default TP. Hồ Chí Minh.
   */
  readonly province?: string;
  /** At most this many communes (default: all of the province's sample). */
  readonly communes?: number;
  /**
   * How history actions are named: 'machine' (the action types of shared/domain's state machines:
   * 'accept', 'request_supplement' …, the default, so seeded and live histories read the same) or
   * 'past' ('accepted', 'supplement_requested' …).
   */
  readonly historyNaming?: HistoryNaming;
}

export interface FilingSimulatorOptions {
  /** Size of the seeded data sets, so that simulated numbers continue after theirs on the same day. */
  readonly seededDossiers: number;
  readonly seededComplaints: number;
  /** Index of the first simulated dossier or complaint (their ids continue from here). Default: the seeded counts. */
  readonly firstDossierIndex?: number;
  readonly firstComplaintIndex?: number;
  /**
   * The next sequence number of a day, when the caller keeps them (e.g. read from its store after a
   * restart, when this simulator's own counters are gone). `agencyCode` is 'PAKN' for complaints.
   */
  readonly nextSequence?: (agencyCode: string, day: string) => number;
}

/** Simulates citizens filing new dossiers and complaints (status 1 / 'new', one history entry). */
export interface FilingSimulator {
  dossier(at: number): DossierRecord;
  complaint(at: number): ComplaintRecord;
}

export interface SyntheticGenerator {
  readonly province: Province;
  readonly start: number;
  readonly end: number;
  readonly now: number;
  /** The unit tree, parents before children. The same array on every call: do not mutate. */
  units(): readonly Unit[];
  /** All officers, including the DEMO_ACCOUNTS. The same array on every call: do not mutate. */
  officers(): readonly Officer[];
  /** The procedure catalogue. The same array on every call: do not mutate. */
  procedures(): readonly Procedure[];
  /**
   * Streams dossiers [from, to) of a data set of `count` dossiers filed between start and end.
   * Each record is built when requested, so a million rows never sit in memory; slices of the same
   * count are consistent with each other (chunked or parallel seeding).
   */
  dossiers(count: number, from?: number, to?: number): Generator<DossierRecord, void, undefined>;
  /** Dossier `index` of the data set of `count` dossiers, identical to the streamed one. */
  dossierAt(index: number, count: number): DossierRecord;
  complaints(
    count: number,
    from?: number,
    to?: number,
  ): Generator<ComplaintRecord, void, undefined>;
  complaintAt(index: number, count: number): ComplaintRecord;
  simulator(options: FilingSimulatorOptions): FilingSimulator;
}

const DEFAULT_PROVINCE = 'TP. Hồ Chí Minh';

export function findProvince(name: string): Province | undefined {
  const key = slugAscii(name).replace(/^(tinh|thanhpho|tp)/, '');
  return PROVINCES.find(
    (p) =>
      slugAscii(p.name).replace(/^(tinh|thanhpho|tp)/, '') === key ||
      slugAscii(p.formalName).replace(/^(tinh|thanhpho)/, '') === key,
  );
}

export function createGenerator(options: GeneratorOptions): SyntheticGenerator {
  const { start, end, deadlines } = options;
  const now = options.now ?? end;
  if (![start, end, now].every(Number.isFinite))
    throw new RangeError('start, end and now must be finite epoch milliseconds');
  if (!(end > start)) throw new RangeError('end must be after start');
  if (now < end)
    throw new RangeError('now must not be before end: dossiers cannot be filed in the future');
  const province = findProvince(options.province ?? DEFAULT_PROVINCE);
  if (!province) throw new RangeError(`unknown province '${options.province ?? ''}'`);

  const seedHash = hashSeed(options.seed);
  const people = new PeopleFactory(province);
  const world: World = buildWorld({
    province,
    seedHash,
    people,
    ...(options.communes === undefined ? {} : { communes: options.communes }),
  });
  // Probed a little beyond `now`, so appointments and late finishes near the end stay on the calendar.
  const timeline = new WorkTimeline(deadlines, start - DAY, now + 200 * DAY);
  const agencyWeights = world.agencies.map((a) => a.weight);
  const agencyTable = new WeightedTable(agencyWeights.map((w, i) => [i, w] as const));
  const naming = options.historyNaming ?? 'machine';
  const dossierFactory = new DossierFactory({
    seedHash,
    world,
    people,
    deadlines,
    timeline,
    now,
    naming,
  });
  const complaintFactory = new ComplaintFactory({
    seedHash,
    world,
    people,
    deadlines,
    timeline,
    now,
    agencyTable,
    naming,
  });

  const layouts = new Map<string, FilingLayout>();
  const layout = (kind: 'dossiers' | 'complaints', count: number): FilingLayout => {
    const key = `${kind}:${count}`;
    let found = layouts.get(key);
    if (!found) {
      found = new FilingLayout({
        seedHash,
        stream: kind === 'dossiers' ? STREAM_DOSSIERS : STREAM_COMPLAINTS,
        count,
        start,
        end,
        timeline,
        restDayWeight: kind === 'dossiers' ? 0.07 : 0.25,
        groupWeights: kind === 'dossiers' ? agencyWeights : [1],
      });
      if (layouts.size >= 4) layouts.clear();
      layouts.set(key, found);
    }
    return found;
  };
  const range = (count: number, from: number, to: number): void => {
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError('count must be a non-negative integer');
    if (
      !Number.isSafeInteger(from) ||
      !Number.isSafeInteger(to) ||
      from < 0 ||
      to > count ||
      from > to
    ) {
      throw new RangeError(`slice [${from}, ${to}) is outside 0…${count}`);
    }
  };

  return {
    province,
    start,
    end,
    now,
    units: () => world.units,
    officers: () => world.officers,
    procedures: () => world.procedures,
    *dossiers(count: number, from = 0, to = count) {
      range(count, from, to);
      const l = layout('dossiers', count);
      for (let i = from; i < to; i++) yield dossierFactory.build(i, l);
    },
    dossierAt(index: number, count: number) {
      return dossierFactory.build(index, layout('dossiers', count));
    },
    *complaints(count: number, from = 0, to = count) {
      range(count, from, to);
      const l = layout('complaints', count);
      for (let i = from; i < to; i++) yield complaintFactory.build(i, l);
    },
    complaintAt(index: number, count: number) {
      return complaintFactory.build(index, layout('complaints', count));
    },
    simulator(sim: FilingSimulatorOptions): FilingSimulator {
      const seededDossiers = layout('dossiers', sim.seededDossiers);
      const seededComplaints = layout('complaints', sim.seededComplaints);
      const counters = new Map<string, number>();
      let nextDossier = sim.firstDossierIndex ?? sim.seededDossiers;
      let nextComplaint = sim.firstComplaintIndex ?? sim.seededComplaints;
      let dossierSerial = 0;
      let complaintSerial = 0;
      const sequence = (code: string, day: number, seeded: number): number => {
        const dayKey = yymmdd(day);
        if (sim.nextSequence) return sim.nextSequence(code, dayKey);
        const key = `${code}-${dayKey}`;
        const n = (counters.get(key) ?? seeded) + 1;
        counters.set(key, n);
        return n;
      };
      return {
        dossier(at: number): DossierRecord {
          const serial = dossierSerial++;
          const agency = dossierFactory.pickAgency(serial, agencyTable);
          const day = localDay(at);
          const code = (world.agencies[agency] as (typeof world.agencies)[number]).unit.code;
          const seq = sequence(code, day, seededDossiers.countOn(day, agency));
          return dossierFactory.fresh(`dossier-${nextDossier++}`, serial, at, agency, day, seq);
        },
        complaint(at: number): ComplaintRecord {
          const serial = complaintSerial++;
          const day = localDay(at);
          const seq = sequence('PAKN', day, seededComplaints.countOn(day, 0));
          return complaintFactory.fresh(`complaint-${nextComplaint++}`, serial, at, seq);
        },
      };
    },
  };
}
