import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '@shared/model';
import type { DossierActionInput } from '@shared/domain/dossier-machine';
import { createCentralClient } from '../../core/sync/central-client';
import type { RunningCentral } from '../../central/index';
import { STORAGES, postgresUnavailable, useStorages } from '../central/helpers';
import type { Fault } from '../support/fault-proxy';
import {
  removeClient,
  settled,
  signIn,
  startClient,
  startFaultProxy,
  startSyntheticCentral,
  until,
  type FaultProxy,
} from './harness';

/**
 * Exactly once under faults: random officer actions go through a proxy that drops responses after
 * the server committed, duplicates requests, delays (reorders) them and answers 5xx. Afterwards
 * the central state must equal a model where every action the officer saw accepted was applied
 * exactly once (or refused, then shown as a notice), and the client's cache must equal the
 * central state. Fixed seed in CI; SYNC_PROPERTY_RUNS and SYNC_PROPERTY_SEED explore more.
 */
const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 3);
const SEED = Number(process.env.SYNC_PROPERTY_SEED ?? 20261125);
const storages = useStorages();

const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Fault>({ kind: 'pass' }) },
  { weight: 2, arbitrary: fc.constant<Fault>({ kind: 'drop-response' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'duplicate' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'fail-5xx' }) },
  { weight: 1, arbitrary: fc.constant<Fault>({ kind: 'drop-request' }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 5, max: 120 }).map<Fault>((ms) => ({ kind: 'delay', ms })),
  },
);

type Step = { kind: 'note'; pick: number } | { kind: 'status'; pick: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('note' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat() }),
);

/** The first status change the state machine offers a leader, with a valid payload. */
function statusAction(d: Dossier): DossierActionInput | null {
  switch (d.status) {
    case 1:
      return { type: 'accept' };
    case 2:
      return { type: 'start_processing' };
    case 5:
      return { type: 'receive_supplement' };
    case 6:
      return { type: 'receive_fees' };
    // Processing, refused, withdrawn, stopped, finished, returned: no status change without a form.
    case 3:
    case 4:
    case 7:
    case 8:
    case 9:
    case 10:
      return null;
  }
}

describe.each(STORAGES)('exactly once under faults (%s)', (kind) => {
  const skip = kind === 'postgres' ? postgresUnavailable() : null;
  let central: RunningCentral;
  let proxy: FaultProxy;
  let run = 0;

  beforeAll(async () => {
    if (skip) return;
    central = await startSyntheticCentral(await storages.storage(kind), {
      dossiers: 800,
      complaints: 50,
    });
    proxy = await startFaultProxy(central.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await central?.close();
  });

  async function centralState(): Promise<{
    dossiers: Map<string, { status: number; version: number }>;
    notes: Map<string, number>;
    accepts: Map<string, number>;
  }> {
    const session = await createCentralClient({ baseUrl: central.url }).login('leader', 'demo');
    const api = createCentralClient({ baseUrl: central.url, token: () => session.token });
    const dossiers = new Map<string, { status: number; version: number }>();
    const notes = new Map<string, number>();
    const accepts = new Map<string, number>();
    let since = '0';
    for (let i = 0; i < 1000; i++) {
      const page = await api.changes({ since, limit: 2000 });
      for (const c of page.changes) {
        if (c.entity === 'dossier')
          dossiers.set(c.id, { status: c.data.status, version: c.data.version });
        if (c.entity === 'dossier_history') {
          if (c.data.note) notes.set(c.data.note, (notes.get(c.data.note) ?? 0) + 1);
          if (c.data.action === 'accept')
            accepts.set(c.data.dossierId, (accepts.get(c.data.dossierId) ?? 0) + 1);
        }
      }
      since = page.cursor;
      if (!page.hasMore) break;
    }
    return { dossiers, notes, accepts };
  }

  it.skipIf(skip)('applies every accepted action exactly once and converges', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 6, maxLength: 18 }),
        fc.array(faultArb, { minLength: 8, maxLength: 40 }),
        async (steps, faults) => {
          run++;
          proxy.setDecider(() => ({ kind: 'pass' }));
          const client = startClient();
          try {
            await signIn(client, proxy.url, 'leader');
            await settled(client);
            // Pushes and feed reads each walk the fault list; every run's pushes meet a lost reply
            // and a duplicate first, then the random faults.
            const pushFaults: Fault[] = [
              { kind: 'drop-response' },
              { kind: 'duplicate' },
              ...faults,
            ];
            let nextPush = 0;
            let nextRead = 0;
            proxy.setDecider(({ path }) => {
              if (path.startsWith('/sync/push')) return pushFaults[nextPush++ % pushFaults.length]!;
              if (path.startsWith('/sync/changes')) return faults[nextRead++ % faults.length]!;
              return { kind: 'pass' };
            });

            const ids = (
              client.core.db.prepare('SELECT id FROM dossiers ORDER BY id').all() as {
                id: string;
              }[]
            ).map((r) => r.id);
            const notesSent: string[] = [];
            const acceptedLocally = new Set<string>();
            for (const [i, step] of steps.entries()) {
              const id = ids[step.pick % ids.length]!;
              const current = (await client.core.dispatch('dossiers.get', { id })) as {
                ok: true;
                value: { dossier: Dossier };
              };
              if (step.kind === 'note') {
                const text = `run ${run} step ${i}`;
                const res = await client.core.dispatch('dossiers.act', {
                  id,
                  action: { type: 'add_note', text, visibility: 'internal' },
                });
                if (res.ok) notesSent.push(text);
              } else {
                const action = statusAction(current.value.dossier);
                if (!action) continue;
                const res = await client.core.dispatch('dossiers.act', { id, action });
                if (res.ok && action.type === 'accept') acceptedLocally.add(id);
              }
            }
            // Let the pushes and reads run into the faults until nothing is left to send.
            await until(
              () => client.core.sync.status().pending === 0,
              60_000,
              'the outbox to drain through the faults',
            );
            proxy.setDecider(() => ({ kind: 'pass' }));
            await client.core.dispatch('sync.now', {});
            await settled(client);

            const state = await centralState();
            const notices = (await client.core.dispatch('sync.notices', {
              includeDismissed: true,
            })) as { ok: true; value: { action: { type: string; text?: string } }[] };
            const refusedNotes = new Set(
              notices.value.filter((n) => n.action.type === 'add_note').map((n) => n.action.text),
            );
            for (const text of notesSent) {
              // A note is never a conflict: applied exactly once, never lost, never doubled.
              expect(
                refusedNotes.has(text),
                `${text}: ${JSON.stringify(notices.value.find((n) => n.action.text === text))}`,
              ).toBe(false);
              expect(state.notes.get(text) ?? 0, text).toBe(1);
            }
            for (const id of acceptedLocally)
              expect(state.accepts.get(id) ?? 0, id).toBeLessThanOrEqual(1);
            // The client converges to the central state.
            const local = client.core.db
              .prepare('SELECT id, status, version FROM dossiers')
              .all() as { id: string; status: number; version: number }[];
            expect(local.length).toBe(state.dossiers.size);
            for (const row of local)
              expect({ status: row.status, version: row.version }, row.id).toEqual(
                state.dossiers.get(row.id),
              );
            expect(
              client.core.db
                .prepare(`SELECT count(*) AS n FROM dossier_history WHERE id LIKE 'local:%'`)
                .get(),
            ).toEqual({ n: 0 });
          } finally {
            removeClient(client);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The faults did hit the pushes: a reply lost after the commit, a batch sent twice.
    const pushes = proxy.log.filter((l) => l.path.startsWith('/sync/push'));
    expect(pushes.some((l) => l.fault === 'drop-response')).toBe(true);
    expect(pushes.some((l) => l.fault === 'duplicate')).toBe(true);
  });
});
