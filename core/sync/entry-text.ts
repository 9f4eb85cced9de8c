import { hash } from 'node:crypto';
import type { FeedPage } from '@shared/sync/protocol';

/**
 * The hashes of history entries as the central API sent them, taken from a feed page's body:
 * the central API writes each change's stored text into the page as it is (central/feed.ts,
 * feedPageJson), so the bytes of a change's `data` are the text it hashed for the audit trail.
 * Hashing them here spares the cache's link check (cache.ts) writing each entry out again as
 * canonical JSON, which was a large part of an initial sync's work on the loader thread.
 *
 * Only where the body is laid out as this central API writes it: one `"data":{…}` per change,
 * in order, each the change's last member. Any other layout leaves the page without hashes
 * here, and the cache computes them from the parsed entries as before.
 */
const received = new WeakMap<object, string>();

/** The hash of a history entry's text as received (hex), where its page's body gave it. */
export function receivedEntryHash(data: object): string | undefined {
  return received.get(data);
}

const DATA_KEY = Buffer.from('"data":{', 'latin1');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * Notes the hashes of a parsed page's history entries (those carrying `prevHash`) from the bytes
 * it was parsed from. Bytes are scanned, not characters: in UTF-8 no byte of a multi-byte
 * character is a quote, a backslash or a bracket.
 */
export function noteReceivedEntryHashes(bytes: Uint8Array, page: FeedPage): void {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ranges: number[] = [];
  let at = 0;
  for (let i = 0; i < page.changes.length; i++) {
    // A quote inside a JSON string is always escaped, so `"data":{` there is a member's name;
    // each change's data is skipped whole, so a member named data inside it is never found.
    const key = body.indexOf(DATA_KEY, at);
    if (key < 0) return;
    const start = key + DATA_KEY.length - 1;
    const end = endOfObject(body, start);
    if (end < 0 || body[end] !== CLOSE_OBJECT) return;
    ranges.push(start, end);
    at = end;
  }
  // Another change's data after the last one: not this layout.
  if (body.indexOf(DATA_KEY, at) >= 0) return;
  page.changes.forEach((change, i) => {
    const data = change.data as Record<string, unknown>;
    if (!('prevHash' in data)) return;
    received.set(data, hash('sha256', body.subarray(ranges[2 * i], ranges[2 * i + 1]), 'hex'));
  });
}

/** The index just after the object or array that starts at `start`; -1 if it does not end. */
function endOfObject(body: Buffer, start: number): number {
  let depth = 0;
  for (let i = start; i < body.length; i++) {
    const c = body[i];
    if (c === QUOTE) {
      for (i++; i < body.length; i++) {
        const d = body[i];
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
