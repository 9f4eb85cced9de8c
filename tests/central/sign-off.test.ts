import { describe, expect, it } from 'vitest';
import { DossierSchema, UnitSchema } from '@shared/model';
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
import { UNITS } from './world';

/**
 * Leaders' sign-off of results ("trình ký") as the central API enforces it: once unit a turns the
 * step on for a procedure (its synced setting, UnitSchema.signOff), an officer's finish is refused
 * until a leader approved the drafted result; where the step is off, finishing works as before.
 */
const storages = useStorages();
const skip = postgresUnavailable();

describe.each(STORAGES)('sign-off on %s', (kind) => {
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
  const mutation = (seq: number, id: string, action: Record<string, unknown>, base: number) => ({
    seq,
    id: `so-${seq}-${id}`,
    baseVersion: base,
    at: Date.now(),
    target: { entity: 'dossier' as const, id, action },
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

  // Before unit a turns the step on (the central API is shared by this describe's tests).
  it('finishes directly where no unit turned the step on (the behaviour before sign-off)', async () => {
    const { url } = central();
    const officer = await login(url, 'proc_a1');
    const target = await dossier('a-proc-3');
    const direct = await push(officer.token, {
      clientId: clientId('so-off'),
      mutations: [
        mutation(
          1,
          'a-proc-3',
          {
            type: 'submit_result',
            result: 'approved',
            resultDocuments: [{ name: 'KS', number: '1' }],
          },
          target.version,
        ),
        mutation(
          2,
          'a-proc-3',
          { type: 'finish', result: 'approved', resultDocuments: [{ name: 'KS', number: '1' }] },
          target.version,
        ),
      ],
    });
    expect(direct.results.map((r) => (r.status === 'applied' ? 'applied' : r.code))).toEqual([
      'SIGN_OFF_NOT_REQUIRED',
      'applied',
    ]);
  });

  it('refuses finishing before a leader approves the draft, then finishes exactly the approved result', async () => {
    const { url, store } = central();
    const target = await dossier('a-proc-1');
    const unit = UnitSchema.parse(UNITS.find((u) => u.id === 'a'));
    await store.write(async (w) => {
      await w.put({
        entity: 'unit',
        id: 'a',
        unitId: null,
        version: 2,
        data: JSON.stringify({ ...unit, signOff: { procedureCodes: [target.procedureCode] } }),
      });
      w.touchReference();
    });
    // The directory re-reads reference data when its counter moved, at most every 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    const officer = await login(url, 'proc_a1');
    const leader = await login(url, 'lead_a');
    const result = {
      result: 'approved',
      resultDocuments: [{ name: 'Giấy khai sinh', number: '01/KS' }],
    };
    const oc = clientId('so-officer');
    const refused = await push(officer.token, {
      clientId: oc,
      mutations: [mutation(1, 'a-proc-1', { type: 'finish', ...result }, target.version)],
    });
    expect(refused.results[0]).toMatchObject({ status: 'rejected', code: 'SIGN_OFF_REQUIRED' });

    const submitted = await push(officer.token, {
      clientId: oc,
      mutations: [mutation(2, 'a-proc-1', { type: 'submit_result', ...result }, target.version)],
    });
    expect(submitted.results[0]?.status).toBe('applied');
    expect((await dossier('a-proc-1')).signOff?.state).toBe('submitted');

    const officerApproves = await push(officer.token, {
      clientId: oc,
      mutations: [mutation(3, 'a-proc-1', { type: 'approve_result' }, target.version + 1)],
    });
    expect(officerApproves.results[0]).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });

    const approved = await push(leader.token, {
      clientId: clientId('so-leader'),
      mutations: [
        mutation(1, 'a-proc-1', { type: 'approve_result', note: 'Đồng ý' }, target.version + 1),
      ],
    });
    expect(approved.results[0]?.status).toBe('applied');
    expect((await dossier('a-proc-1')).signOff).toMatchObject({
      state: 'approved',
      decidedBy: 'lead_a',
    });

    const finished = await push(officer.token, {
      clientId: oc,
      mutations: [mutation(4, 'a-proc-1', { type: 'finish', ...result }, target.version + 2)],
    });
    expect(finished.results[0]?.status).toBe('applied');
    expect((await dossier('a-proc-1')).status).toBe(9);

    // Another procedure of the same unit is not signed off: it finishes directly, as before.
    const other = await dossier('a-proc-2');
    if (other.procedureCode !== target.procedureCode) {
      const direct = await push(officer.token, {
        clientId: oc,
        mutations: [mutation(5, 'a-proc-2', { type: 'finish', ...result }, other.version)],
      });
      expect(direct.results[0]?.status).toBe('applied');
    }
  });
});
