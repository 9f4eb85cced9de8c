import { chainStep, sha256 } from './store/chain';

/**
 * The audit trail's checks (audit.ts), cut into parts that can run side by side, each on a
 * thread of its own with its own connection (audit-worker.ts), or one after the other:
 *
 *  - a chain part walks `audit_chain` alone over a range of positions, in position order: no
 *    position skipped (`gap`), each chain_hash = SHA-256(previous stored chain_hash ‖ entry_hash)
 *    (`chain`). A range needs only the stored chain hash before it, so ranges are independent.
 *  - an entries part walks a range of records' chains (owners, in the owner index's order), each
 *    owner's entries in position order with their history rows: the row still exists
 *    (`deleted`), its JSON text still hashes to entry_hash (`edited`), its `prevHash` is the
 *    entry_hash of the owner's entry before it (`link`), and the owner's entries keep their
 *    commit order in the feed (`reordered`). An owner's chain needs nothing from other owners.
 *
 * The parts read only positions, hashes and texts; which entry a problem is about (ids, for the
 * message) is looked up afterwards, for the few problems there are.
 */

export type FoundKind = 'gap' | 'chain' | 'deleted' | 'edited' | 'link' | 'reordered';

export interface Found {
  readonly kind: FoundKind;
  readonly position: number;
  /** `link`, `reordered`: the owner's entry before it; `gap`: the last position before the gap. */
  readonly before?: number;
}

export interface PartResult {
  readonly rows: number;
  /** Entries whose history row is gone (an entries part's). */
  readonly deleted: number;
  /** Every problem found, counted; at most `limit` of them kept. */
  readonly total: number;
  readonly found: Found[];
}

/** A chain row: position, entry_hash, chain_hash. */
export type ChainRow = readonly [number, Uint8Array, Uint8Array];
/**
 * An entries row, in (entity, owner_id, position) order: position, entity, owner_id, entry_hash,
 * the history row's seq and JSON text as stored (null when the row is gone).
 */
export type EntryRow = readonly [
  number,
  string,
  string,
  Uint8Array,
  number | null,
  string | Uint8Array | null,
];

/** A range of positions (lo exclusive, hi inclusive; null: open). */
export interface PositionRange {
  readonly after: number;
  readonly through: number | null;
}

/** A range of owners in the owner index's order: from `from` (inclusive) up to `to` (exclusive). */
export interface OwnerRange {
  readonly from: readonly [string, string] | null;
  readonly to: readonly [string, string] | null;
}

/**
 * Counts every problem and keeps the `limit` earliest in chain order (an entries part walks by
 * record, not by position, so its first problems are not always its earliest).
 */
class Collector {
  total = 0;
  rows = 0;
  deleted = 0;
  private found: Found[] = [];
  constructor(private readonly limit: number) {}
  note(found: Found): void {
    this.total++;
    if (found.kind === 'deleted') this.deleted++;
    this.found.push(found);
    if (this.found.length >= 2 * this.limit) this.keepEarliest();
  }
  result(): PartResult {
    this.keepEarliest();
    return { rows: this.rows, deleted: this.deleted, total: this.total, found: this.found };
  }
  private keepEarliest(): void {
    this.found.sort((a, b) => a.position - b.position);
    this.found.length = Math.min(this.found.length, this.limit);
  }
}

/**
 * Walks chain rows in position order. `before` is the last chain row before the range (null:
 * none): its stored hash is where the range's chain starts, and the position after it the one
 * expected first, so a link removed just before the range shows as a gap in it.
 */
export class ChainWalk {
  private readonly out: Collector;
  private previous: Buffer;
  private expected: number;

  constructor(before: readonly [number, Uint8Array] | null, limit: number) {
    this.out = new Collector(limit);
    this.previous = before ? asBuffer(before[1]) : EMPTY;
    this.expected = before ? Number(before[0]) + 1 : 1;
  }

  push(row: ChainRow): void {
    const position = Number(row[0]);
    this.out.rows++;
    if (position !== this.expected) {
      this.out.note({ kind: 'gap', position, before: this.expected - 1 });
    }
    this.expected = position + 1;
    const stored = asBuffer(row[2]);
    if (!chainStep(this.previous, asBuffer(row[1])).equals(stored)) {
      this.out.note({ kind: 'chain', position });
    }
    this.previous = stored;
  }

  result(): PartResult {
    return this.out.result();
  }
}

/** Walks entries rows in (entity, owner_id, position) order. */
export class EntriesWalk {
  private readonly out: Collector;
  private entity = '';
  private owner: string | null = null;
  /** The owner's previous entry: its position, stored hash (hex) and last seq seen. */
  private beforePosition = 0;
  private beforeHash: string | null = null;
  private beforeSeq: number | null = null;

  constructor(limit: number) {
    this.out = new Collector(limit);
  }

  push(row: EntryRow): void {
    const [rawPosition, entity, owner, entryHash, rawSeq, data] = row;
    const position = Number(rawPosition);
    this.out.rows++;
    if (owner !== this.owner || entity !== this.entity) {
      this.entity = entity;
      this.owner = owner;
      this.beforeHash = null;
      this.beforeSeq = null;
    }
    const first = this.beforeHash === null;
    const hash = asBuffer(entryHash);
    if (data === null) {
      this.out.note({ kind: 'deleted', position });
    } else {
      const seq = rawSeq === null ? null : Number(rawSeq);
      if (!sha256(asBuffer(data)).equals(hash)) {
        this.out.note({ kind: 'edited', position });
      } else {
        const link = prevHashOf(data);
        if (link !== undefined && link !== this.beforeHash) {
          this.out.note({
            kind: 'link',
            position,
            ...(first ? {} : { before: this.beforePosition }),
          });
        }
      }
      if (seq !== null && this.beforeSeq !== null && seq < this.beforeSeq) {
        this.out.note({ kind: 'reordered', position, before: this.beforePosition });
      }
      if (seq !== null) this.beforeSeq = seq;
    }
    this.beforeHash = hash.toString('hex');
    this.beforePosition = position;
  }

  result(): PartResult {
    return this.out.result();
  }
}

const EMPTY = Buffer.alloc(0);
const PREV_KEY = '"prevHash":';

/** Drivers hand bytes as Buffers, or texts; anything else is copied into one. */
const asBuffer = (bytes: Uint8Array | string): Buffer =>
  typeof bytes === 'string'
    ? Buffer.from(bytes, 'utf8')
    : Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * An entry's prevHash (null on a record's first), undefined on an entry from before the trail.
 * Read from the text without parsing it: in canonical JSON (keys sorted) the entry's own
 * `prevHash` is the last such key (the nested `data` comes before it, and the keys after it hold
 * plain strings, in which a quote is always escaped).
 */
function prevHashOf(data: string | Uint8Array): string | null | undefined {
  const bytes = asBuffer(data);
  const at = bytes.lastIndexOf(PREV_KEY);
  if (at < 0) return undefined;
  const start = at + PREV_KEY.length;
  // A hash is hex: read as latin1, the bytes are its characters.
  const text = bytes.toString('latin1', start, start + 66);
  if (text.startsWith('null')) return null;
  if (text[0] !== '"') return undefined;
  return text.slice(1, 65);
}
