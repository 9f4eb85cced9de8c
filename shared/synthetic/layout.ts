import { Prng } from './prng';
import { DAY, HOUR, dayStart, localDay, weekday, type WorkTimeline } from './time';

/**
 * Where record i of a data set of `count` records falls in time, computed without generating the
 * records before it: that is what makes random access (`dossierAt`) cheap and dossier numbers
 * unique.
 *
 * The filing period is cut into local days weighted by kind (working days much busier than rest
 * days, Mondays busiest, a slow upward trend, some day-to-day noise); day d receives a fixed,
 * contiguous range of indexes. Within a day the records are split into blocks, one per group
 * (agency), and within a block the filing moments are increasing (stratified samples of the
 * day's hour profile). So the k-th record of a block is that agency's k-th filing of the day,
 * and its sequence number is k: unique per agency and day by construction.
 */

/** Relative filings per hour on a working day (office hours dominate; online filings in the evening). */
const WORKING_DAY_HOURS = [
  0.15, 0.08, 0.05, 0.04, 0.05, 0.1, 0.3, 0.8, 6, 8, 8, 6, 0.8, 4, 7, 7, 5, 0.9, 0.8, 1, 1.1, 1,
  0.7, 0.35,
];
/** Relative filings per hour on a weekend or holiday (online only, spread through the day). */
const REST_DAY_HOURS = [
  0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 1, 1.8, 2.2, 2.3, 2, 1.5, 1.5, 1.8, 1.9, 1.8, 1.6, 1.5, 1.9,
  2.2, 2, 1.4, 0.7,
];
/** Sunday … Saturday: Monday is the busiest desk day, Friday afternoon the quietest. */
const WEEKDAY_FACTOR = [1, 1.15, 1.05, 1, 1, 0.92, 1];

class HourProfile {
  readonly cumulative: Float64Array;
  readonly total: number;

  constructor(private readonly hours: readonly number[]) {
    this.cumulative = new Float64Array(25);
    for (let h = 0; h < 24; h++)
      this.cumulative[h + 1] = (this.cumulative[h] as number) + (hours[h] as number);
    this.total = this.cumulative[24] as number;
  }

  /** Cumulative weight up to a time of day. */
  at(msOfDay: number): number {
    if (msOfDay <= 0) return 0;
    if (msOfDay >= DAY) return this.total;
    const h = Math.floor(msOfDay / HOUR);
    return (
      (this.cumulative[h] as number) + ((msOfDay - h * HOUR) / HOUR) * (this.hours[h] as number)
    );
  }

  /** Time of day at which the cumulative weight reaches q. */
  inverse(q: number): number {
    const c = this.cumulative;
    let h = 0;
    while (h < 23 && (c[h + 1] as number) <= q) h++;
    const w = this.hours[h] as number;
    return h * HOUR + ((q - (c[h] as number)) / w) * HOUR;
  }
}

const WORKING_PROFILE = new HourProfile(WORKING_DAY_HOURS);
const REST_PROFILE = new HourProfile(REST_DAY_HOURS);

export interface LayoutOptions {
  readonly seedHash: number;
  /** Distinguishes data sets (dossiers, complaints) drawn from the same seed. */
  readonly stream: number;
  readonly count: number;
  readonly start: number;
  readonly end: number;
  readonly timeline: WorkTimeline;
  /** Volume of a rest day relative to a working day. */
  readonly restDayWeight: number;
  /** Relative volume of each group (agency); one group when there are none. */
  readonly groupWeights: readonly number[];
}

/** Where one record falls; filled in place to keep a million-row stream allocation-free. */
export interface Slot {
  dayNumber: number;
  group: number;
  /** 1-based position among the group's records of that day. */
  sequence: number;
  filedAt: number;
}

export class FilingLayout {
  readonly count: number;
  readonly firstDay: number;
  private readonly dayFirst: Float64Array;
  private readonly windowLo: Float64Array;
  private readonly windowHi: Float64Array;
  private readonly working: Uint8Array;
  private readonly groupSplits: (Int32Array | undefined)[];
  private readonly noise = new Prng(0);
  private lastDay = 0;

  constructor(private readonly options: LayoutOptions) {
    const { start, end, count, timeline } = options;
    if (!(end > start)) throw new RangeError('the filing period must end after it starts');
    if (!Number.isSafeInteger(count) || count < 0)
      throw new RangeError('count must be a non-negative integer');
    if (options.groupWeights.length === 0) throw new RangeError('at least one group is needed');
    this.count = count;
    this.firstDay = localDay(start);
    const days = localDay(end - 1) - this.firstDay + 1;
    this.dayFirst = new Float64Array(days + 1);
    this.windowLo = new Float64Array(days);
    this.windowHi = new Float64Array(days);
    this.working = new Uint8Array(days);
    this.groupSplits = new Array<Int32Array | undefined>(days).fill(undefined);

    const weights = new Float64Array(days);
    let total = 0;
    for (let d = 0; d < days; d++) {
      const dayNumber = this.firstDay + d;
      const base = dayStart(dayNumber);
      const lo = Math.max(0, start - base);
      const hi = Math.min(DAY, end - base);
      this.windowLo[d] = lo;
      this.windowHi[d] = hi;
      const isWorking = timeline.isWorkingDay(dayNumber);
      this.working[d] = isWorking ? 1 : 0;
      const profile = isWorking ? WORKING_PROFILE : REST_PROFILE;
      const share = (profile.at(hi) - profile.at(lo)) / profile.total;
      this.noise.reseed(options.seedHash, options.stream ^ 0x1111, dayNumber);
      const jitter = 0.85 + 0.3 * this.noise.float();
      const trend = 1 + (0.15 * d) / days;
      const kind = isWorking
        ? (WEEKDAY_FACTOR[weekday(dayNumber)] as number)
        : options.restDayWeight;
      const w = kind * trend * jitter * share;
      weights[d] = w;
      total += w;
    }
    let acc = 0;
    for (let d = 0; d < days; d++) {
      this.dayFirst[d] = total > 0 ? Math.round((count * acc) / total) : 0;
      acc += weights[d] as number;
    }
    this.dayFirst[days] = count;
  }

  /** Fills `out` with the position in time of record `index` (0 ≤ index < count). */
  locate(index: number, u: number, out: Slot): Slot {
    if (!(index >= 0 && index < this.count))
      throw new RangeError(`index ${index} is outside 0…${this.count - 1}`);
    const d = this.dayOf(index);
    const splits = this.splits(d);
    const position = index - (this.dayFirst[d] as number);
    let lo = 0;
    let hi = splits.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((splits[mid] as number) <= position) lo = mid;
      else hi = mid - 1;
    }
    const group = lo;
    const blockStart = splits[group] as number;
    const blockSize = (splits[group + 1] as number) - blockStart;
    const j = position - blockStart;
    const isWorking = this.working[d] === 1;
    const profile = isWorking ? WORKING_PROFILE : REST_PROFILE;
    const wlo = this.windowLo[d] as number;
    const whi = this.windowHi[d] as number;
    const flo = profile.at(wlo);
    const fhi = profile.at(whi);
    const q = flo + ((j + u) / blockSize) * (fhi - flo);
    const msOfDay = Math.min(whi - 1, Math.max(wlo, Math.floor(profile.inverse(q))));
    out.dayNumber = this.firstDay + d;
    out.group = group;
    out.sequence = j + 1;
    out.filedAt = dayStart(out.dayNumber) + msOfDay;
    return out;
  }

  /** How many records of `group` were filed on local day `dayNumber` (0 outside the period). */
  countOn(dayNumber: number, group: number): number {
    const d = dayNumber - this.firstDay;
    if (d < 0 || d >= this.working.length) return 0;
    const splits = this.splits(d);
    return (splits[group + 1] ?? 0) - (splits[group] ?? 0);
  }

  private dayOf(index: number): number {
    const first = this.dayFirst;
    const last = this.lastDay;
    if ((first[last] as number) <= index && index < (first[last + 1] as number)) return last;
    if (
      last + 1 < this.working.length &&
      (first[last + 1] as number) <= index &&
      index < (first[last + 2] as number)
    ) {
      this.lastDay = last + 1;
      return last + 1;
    }
    let lo = 0;
    let hi = this.working.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((first[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    this.lastDay = lo;
    return lo;
  }

  /** Block boundaries of day d: splits[g] … splits[g+1] are group g's positions within the day. */
  private splits(d: number): Int32Array {
    const cached = this.groupSplits[d];
    if (cached) return cached;
    const weights = this.options.groupWeights;
    const n = (this.dayFirst[d + 1] as number) - (this.dayFirst[d] as number);
    const groups = weights.length;
    const splits = new Int32Array(groups + 1);
    if (groups === 1) {
      splits[1] = n;
    } else {
      this.noise.reseed(this.options.seedHash, this.options.stream ^ 0x2222, this.firstDay + d);
      const jittered = new Float64Array(groups);
      let sum = 0;
      for (let g = 0; g < groups; g++) {
        const w = (weights[g] as number) * (0.7 + 0.6 * this.noise.float());
        jittered[g] = w;
        sum += w;
      }
      // Largest remainder, so the blocks add up to the day's count exactly.
      const counts = new Int32Array(groups);
      const order: number[] = [];
      let assigned = 0;
      for (let g = 0; g < groups; g++) {
        const exact = sum > 0 ? (n * (jittered[g] as number)) / sum : 0;
        const whole = Math.floor(exact);
        counts[g] = whole;
        jittered[g] = exact - whole;
        assigned += whole;
        order.push(g);
      }
      order.sort((a, b) => (jittered[b] as number) - (jittered[a] as number) || a - b);
      for (let k = 0; k < n - assigned; k++) {
        const g = order[k % groups] as number;
        counts[g] = (counts[g] as number) + 1;
      }
      for (let g = 0; g < groups; g++)
        splits[g + 1] = (splits[g] as number) + (counts[g] as number);
    }
    this.groupSplits[d] = splits;
    return splits;
  }
}
