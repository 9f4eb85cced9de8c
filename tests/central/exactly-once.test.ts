import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PushResponseSchema, type MutationResult } from '@shared/sync/protocol';
import {
  call,
  clientId,
  login,
  postgresUnavailable,
  STORAGES,
  useStorages,
  useWorldCentral,
} from './helpers';

/**
 * A property of the push endpoint: whatever mix of batches clients send — overlapping,
 * duplicated, out of order, several at once — every mutation is decided exactly once, every
 * answer about it is the same (or OUT_OF_ORDER, for a batch that arrives after its answers were
 * let go), and the effects (history entries) exist exactly once for the applied ones. Fixed seed
 * in CI; CENTRAL_PROPERTY_SEED / CENTRAL_PROPERTY_RUNS for more.
 */
const storages = useStorages();
const skip = postgresUnavailable();
const SEED = Number(process.env.CENTRAL_PROPERTY_SEED ?? 20_260_217);
const RUNS = Number(process.env.CENTRAL_PROPERTY_RUNS ?? 4);

const USERS = ['desk_a', 'lead_a', 'proc_a1', 'desk_b'] as const;
const TARGETS: Record<(typeof USERS)[number], string[]> = {
  desk_a: ['a-new-25', 'a-new-26', 'c-new-5'],
  lead_a: ['a-new-26', 'a-new-27', 'a-proc-10'],
  proc_a1: ['a-proc-10', 'a-proc-11'],
  desk_b: ['b-new-10', 'b-new-11', 'a-new-25'],
};

const requestArb = fc.record({
  client: fc.integer({ min: 0, max: USERS.length - 1 }),
  from: fc.integer({ min: 1, max: 12 }),
  length: fc.integer({ min: 1, max: 5 }),
  copies: fc.integer({ min: 1, max: 3 }),
  delayMs: fc.integer({ min: 0, max: 15 }),
});

describe.each(STORAGES)('exactly once on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const central = useWorldCentral(storages, kind);

  it('decides every mutation once, whatever batches arrive in whatever order', async () => {
    const c = central();
    const tokens = await Promise.all(USERS.map((u) => login(c.url, u).then((s) => s.token)));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb, { minLength: 5, maxLength: 25 }), async (plan) => {
        run++;
        const ids = USERS.map((u) => clientId(`${u}-${run}`));
        // Mutation k of client i is fixed by (run, i, k), however often it is sent.
        const mutation = (i: number, k: number) => {
          const user = USERS[i] as (typeof USERS)[number];
          const targets = TARGETS[user];
          const target = targets[k % targets.length] as string;
          const tag = `prop:${ids[i]}:${k}`;
          return {
            seq: k,
            id: `m-${ids[i]}-${k}`,
            baseVersion: 0,
            at: Date.now(),
            target: {
              entity: 'dossier' as const,
              id: target,
              action:
                k % 5 === 0
                  ? { type: 'accept', note: tag }
                  : { type: 'add_note', text: tag, visibility: 'internal' as const },
            },
          };
        };
        const seen = new Map<string, string>();
        const record = (i: number, results: MutationResult[]) => {
          for (const r of results) {
            if (r.status === 'rejected' && r.code === 'OUT_OF_ORDER') continue;
            const key = `${i}:${r.seq}`;
            const text = JSON.stringify(r);
            const before = seen.get(key);
            if (before !== undefined) expect(text).toBe(before);
            seen.set(key, text);
          }
        };
        const send = async (i: number, from: number, to: number) => {
          const mutations = [];
          for (let k = from; k <= to; k++) mutations.push(mutation(i, k));
          const reply = await call(c.url, 'POST', '/sync/push', {
            token: tokens[i] as string,
            body: { clientId: ids[i], mutations },
          });
          expect(reply.status, reply.text).toBe(200);
          const parsed = PushResponseSchema.parse(reply.json);
          record(i, parsed.results);
          return parsed.lastSeq;
        };
        await Promise.all(
          plan.flatMap((req) =>
            Array.from({ length: req.copies }, async () => {
              await new Promise((resolve) => setTimeout(resolve, req.delayMs));
              await send(req.client, req.from, req.from + req.length - 1);
            }),
          ),
        );
        // Each client then catches up in order, as its outbox would.
        const total = 16;
        for (let i = 0; i < USERS.length; i++) {
          let last = 0;
          for (let guard = 0; guard < 10 && last < total; guard++) {
            last = await send(i, last + 1, total);
          }
          expect(last).toBe(total);
        }
        // Effects: one history entry per applied mutation, none for a refused one.
        const history = await c.store.db
          .selectFrom('records')
          .select('data')
          .where('entity', '=', 'dossier_history')
          .where('data', 'like', '%prop:%')
          .execute();
        const tags = new Map<string, number>();
        for (const row of history) {
          const note = (JSON.parse(row.data) as { note: string | null }).note ?? '';
          if (note.startsWith(`prop:`)) tags.set(note, (tags.get(note) ?? 0) + 1);
        }
        for (let i = 0; i < USERS.length; i++) {
          const stored = await c.store.db
            .selectFrom('mutation_results')
            .select(['seq', 'result'])
            .where('client_id', '=', ids[i] as string)
            .orderBy('seq')
            .execute();
          // Every mutation was decided once, in some request's answer, and applied at most once.
          for (let k = 1; k <= total; k++) {
            const answer = seen.get(`${i}:${k}`);
            expect(answer, `the decision on ${ids[i]}:${k}`).toBeDefined();
            const result = JSON.parse(answer as string) as MutationResult;
            const tag = `prop:${ids[i]}:${k}`;
            expect(tags.get(tag) ?? 0, tag).toBe(result.status === 'applied' ? 1 : 0);
          }
          // The answers still kept (those below a batch's first seq are let go) are the latest
          // ones, each exactly as it was given.
          const kept = stored.map((r) => Number(r.seq));
          expect(kept.at(-1)).toBe(total);
          expect(kept).toEqual(
            Array.from({ length: kept.length }, (_, k) => total - kept.length + 1 + k),
          );
          for (const row of stored) expect(row.result).toBe(seen.get(`${i}:${row.seq}`));
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(run).toBe(RUNS);
  });
});
