/**
 * A small seeded PRNG (sfc32, from PractRand) with splitmix32 seeding.
 *
 * Only 32-bit integer arithmetic (Math.imul, >>>) and IEEE division are used, so every JavaScript
 * engine on every platform produces the same stream. The synthetic data must not depend on
 * Math.random, Math.log/exp (whose last bits may differ between engines) or Date parsing.
 *
 * One generator object is re-seeded per record (`reseed(seed, stream, index)`) rather than
 * allocated, which keeps a million-row stream free of per-row allocations here and makes every
 * record reproducible on its own: record i depends only on (seed, stream, i).
 */
export class Prng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number, stream = 0, index = 0) {
    this.reseed(seed, stream, index);
  }

  /** Restarts the stream for one record. `index` may be any safe non-negative integer. */
  reseed(seed: number, stream: number, index: number): this {
    const hi = Math.floor(index / 4294967296) >>> 0;
    const lo = index >>> 0;
    let s = mix32(seed ^ Math.imul(stream + 1, 0x9e3779b9));
    s = mix32(s ^ lo);
    this.a = s;
    s = mix32(s + 0x6a09e667 + hi);
    this.b = s;
    s = mix32(s ^ 0xbb67ae85);
    this.c = s;
    this.d = 1;
    // The first outputs of sfc32 after seeding are still correlated with the seed words.
    for (let i = 0; i < 12; i++) this.nextU32();
    return this;
  }

  nextU32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max], both inclusive. */
  range(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** A string of `n` random decimal digits (leading zeros allowed). */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + this.int(10));
    return s;
  }
}

/** splitmix32-style finaliser: a bijection on 32-bit integers with good avalanche. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Turns a user-facing seed (a number or any string) into a 32-bit seed. Strings are hashed over
 * their UTF-16 code units, so 'demo' and 'Demo' give different worlds.
 */
export function hashSeed(seed: number | string): number {
  if (typeof seed === 'number') {
    if (!Number.isFinite(seed)) throw new RangeError('seed must be finite');
    const hi = Math.floor(seed / 4294967296) >>> 0;
    return mix32(mix32(seed >>> 0) ^ hi);
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  }
  return mix32(h ^ seed.length);
}

/**
 * A weighted choice over a fixed list, prepared once: cumulative weights and a binary search, so a
 * pick costs O(log n) and allocates nothing.
 */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new RangeError('a weighted table needs entries');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0)) throw new RangeError('weights must be non-negative');
      sum += weight;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new RangeError('weights must not all be zero');
    this.total = sum;
  }

  pick(rng: Prng): T {
    const x = rng.float() * this.total;
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((c[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }

  /** Share of the total weight held by the item at `index` (for tests and documentation). */
  share(index: number): number {
    const upper = this.cumulative[index] ?? 0;
    const lower = index > 0 ? (this.cumulative[index - 1] ?? 0) : 0;
    return (upper - lower) / this.total;
  }
}
