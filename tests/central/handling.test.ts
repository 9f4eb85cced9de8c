import { describe, expect, it } from 'vitest';
import { DossierSchema, ProcedureSchema } from '@shared/model';
import { PushResponseSchema, type PushResponse } from '@shared/sync/protocol';
import {
  call,
  clientId,
  login,
  postgresUnavailable,
  STORAGES,
  useStorages,
  useWorldCentral,
} from './helpers';
import { worldSeed } from './world';

/**
 * Transfers as the central API enforces them: once the catalogue says which units handle a
 * procedure (ProcedureSchema.handlingUnitIds, reference data an administrator edits), a dossier
 * of it goes only to one of them; before, any unit of the directory could receive it.
 */
const storages = useStorages();
const skip = postgresUnavailable();

describe.each(STORAGES)('transfers by the catalogue on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const central = useWorldCentral(storages, kind);

  async function push(token: string, body: unknown): Promise<PushResponse> {
    const reply = await call(central().url, 'POST', '/sync/push', { token, body });
    expect(reply.status, reply.text).toBe(200);
    return PushResponseSchema.parse(reply.json);
  }
  const transfer = (seq: number, id: string, unitId: string, base: number) => ({
    seq,
    id: `ho-${seq}-${id}`,
    baseVersion: base,
    at: Date.now(),
    target: { entity: 'dossier' as const, id, action: { type: 'transfer', unitId } },
  });
  async function dossier(id: string) {
    const row = await central()
      .store.db.selectFrom('records')
      .select(['data', 'version'])
      .where('entity', '=', 'dossier')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...DossierSchema.parse(JSON.parse(row.data)), version: Number(row.version) };
  }

  it('refuses a unit that does not handle the procedure, with its rule, once the catalogue says', async () => {
    const { url, store } = central();
    const lead = await login(url, 'lead_a');
    const before = await dossier('a-acc-7');
    // Before the catalogue says anything, unit c receives it as it always could.
    const open = await push(lead.token, {
      clientId: clientId('ho-before'),
      mutations: [transfer(1, 'a-acc-7', 'c', before.version)],
    });
    expect(open.results[0]).toMatchObject({ status: 'applied' });

    const target = await dossier('a-acc-8');
    const procedure = ProcedureSchema.parse(
      worldSeed().procedures.find((p) => p.code === target.procedureCode),
    );
    await store.write(async (w) => {
      await w.put({
        entity: 'procedure',
        id: procedure.code,
        unitId: null,
        version: 2,
        data: JSON.stringify({ ...procedure, handlingUnitIds: ['a', 'a1', 'a2', 'b', 'b1'] }),
      });
      w.touchReference();
    });
    // The directory re-reads reference data when its counter moved, at most every 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    const answer = await push(lead.token, {
      clientId: clientId('ho-after'),
      mutations: [
        transfer(1, 'a-acc-8', 'c', target.version),
        transfer(2, 'a-acc-8', 'a1', target.version),
      ],
    });
    expect(answer.results.map((r) => (r.status === 'applied' ? 'applied' : r.code))).toEqual([
      'UNIT_NOT_HANDLING',
      'applied',
    ]);
    const [refused] = answer.results;
    expect(refused?.status === 'rejected' ? refused.message : '').toContain('unitId');
  });
});
