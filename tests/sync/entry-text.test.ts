import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@shared/sync/audit';
import type { RunningCentral } from '../../central/index';
import { sha256 } from '../../central/store/chain';
import { createCentralClient, readFeedBody } from '../../core/sync/central-client';
import { receivedEntryHash } from '../../core/sync/entry-text';
import { startSyntheticCentral } from './harness';

/**
 * The loader thread hashes history entries from the bytes the central API sent (entry-text.ts):
 * those hashes must be the ones the central API chained, and a body laid out otherwise must
 * leave the cache to hash the parsed entries.
 */
describe('history entries hashed as received', () => {
  let central: RunningCentral;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wb-entry-text-'));
    central = await startSyntheticCentral(
      { kind: 'sqlite', file: join(dir, 'central.db') },
      { dossiers: 60, complaints: 20 },
    );
  });
  afterAll(async () => {
    await central?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function firstPage() {
    const session = await createCentralClient({ baseUrl: central.url }).login('officer', 'demo');
    const api = createCentralClient({ baseUrl: central.url, token: () => session.token });
    return api.changesBody({ since: '0', limit: 1000 });
  }

  it('gives each history entry the hash the central API chained, and nothing else a hash', async () => {
    const body = await firstPage();
    const page = readFeedBody(body);
    const chained = new Map(
      (
        await central.store.reader
          .selectFrom('audit_chain')
          .select(['entity', 'id', 'entry_hash'])
          .execute()
      ).map((r) => [`${r.entity} ${r.id}`, Buffer.from(r.entry_hash).toString('hex')]),
    );
    let history = 0;
    for (const change of page.changes) {
      const hash = receivedEntryHash(change.data);
      if (!change.entity.endsWith('_history')) {
        expect(hash).toBeUndefined();
        continue;
      }
      history++;
      expect(hash).toBe(chained.get(`${change.entity} ${change.id}`));
      // The same as the entry parsed and written out again, the cache's other way.
      expect(hash).toBe(sha256(canonicalJson(change.data)).toString('hex'));
    }
    expect(history).toBeGreaterThan(20);
  });

  it('gives no hash where the body is laid out otherwise (data not last)', async () => {
    const body = await firstPage();
    const parsed = JSON.parse(new TextDecoder().decode(body.bytes)) as {
      changes: { data: unknown; [key: string]: unknown }[];
    };
    const reordered = JSON.stringify({
      ...parsed,
      changes: parsed.changes.map(({ data, ...rest }) => ({ data, ...rest })),
    });
    const page = readFeedBody({ ...body, bytes: new TextEncoder().encode(reordered) });
    expect(page.changes.length).toBeGreaterThan(20);
    for (const change of page.changes) {
      expect(receivedEntryHash(change.data as object)).toBeUndefined();
    }
  });
});
