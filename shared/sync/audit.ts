/**
 * The audit trail's shared rules (issue 12): how a history entry is written as text so that its
 * hash is the same wherever it is computed — the central API as it stores the entry, a client
 * from the entry it received after its schema parsed it.
 */

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` members dropped
 * (as JSON.stringify drops them). Equal values give the same text whatever their key order, so a
 * client that parsed an entry with its schema (which orders keys its own way) can hash it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const object = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** A SHA-256 in hex, as entries carry their predecessor's. */
export const HASH_HEX = /^[0-9a-f]{64}$/;
