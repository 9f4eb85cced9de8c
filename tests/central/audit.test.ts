import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditReportSchema, type AuditReport } from '@shared/sync/protocol';
import { verifyAuditTrail } from '../../central/audit';
import { startCentral } from '../../central/index';
import { sha256 } from '../../central/store/chain';
import { sqliteKeyFromFile } from '../../central/store/sqlite-key';
import type { CentralStore } from '../../central/store/store';
import {
  call,
  clientId,
  login,
  postgresUnavailable,
  STORAGES,
  TEST_PASSWORD_COST,
  useStorages,
  useWorldCentral,
} from './helpers';
import { worldSeed } from './world';

/**
 * The audit trail (issue 12): every history entry is chained, records' own chains link entry to
 * entry, and `verify` (the CLI and the administrators' endpoint) names each link an edit, a
 * deletion or a reordering made directly in the central's database broke.
 */
const storages = useStorages();
const skip = postgresUnavailable();
const root = join(import.meta.dirname, '..', '..');

async function notes(url: string, dossierIds: readonly string[], count: number): Promise<void> {
  const officer = await login(url, 'lead_a');
  const client = clientId('audit');
  let seq = 0;
  for (let round = 0; round < count; round++) {
    const reply = await call(url, 'POST', '/sync/push', {
      token: officer.token,
      body: {
        clientId: client,
        mutations: dossierIds.map((id) => ({
          seq: ++seq,
          id: `audit-${seq}`,
          baseVersion: 0,
          at: Date.now(),
          target: {
            entity: 'dossier',
            id,
            action: { type: 'add_note', text: `ghi chú ${round}`, visibility: 'internal' },
          },
        })),
      },
    });
    expect(reply.status, reply.text).toBe(200);
  }
}

type Entry = { seq: number; id: string; owner_id: string; data: string };
async function historyOf(store: CentralStore, ownerId: string): Promise<Entry[]> {
  const rows = await store.db
    .selectFrom('records')
    .select(['seq', 'id', 'owner_id', 'data'])
    .where('entity', '=', 'dossier_history')
    .where('owner_id', '=', ownerId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq), owner_id: r.owner_id ?? '' }));
}

const kinds = (report: AuditReport) => report.problems.map((p) => `${p.kind} ${p.id}`);

describe.each(STORAGES)('audit trail on %s', (kind) => {
  if (kind === 'postgres' && skip) {
    it.skip(`PostgreSQL unavailable: ${skip}`, () => undefined);
    return;
  }
  const central = useWorldCentral(storages, kind);

  it('chains every entry, seeded and pushed, each linked to its record’s previous one', async () => {
    const { url, store } = central();
    await notes(url, ['a-proc-1', 'a-proc-2'], 3);
    const report = await verifyAuditTrail(store);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const total = await store.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(report.entries).toBe(Number(total.n));
    const history = await historyOf(store, 'a-proc-1');
    expect(history.length).toBeGreaterThanOrEqual(3);
    const parsed = history.map((h) => JSON.parse(h.data) as { prevHash: string | null });
    expect(parsed[0]?.prevHash).toBeNull();
    for (let i = 1; i < history.length; i++) {
      expect(parsed[i]?.prevHash).toBe(sha256(history[i - 1]?.data ?? '').toString('hex'));
    }

    const admin = await login(url, 'admin_p');
    const answer = await call(url, 'GET', '/audit/verify', { token: admin.token });
    expect(answer.status, answer.text).toBe(200);
    expect(AuditReportSchema.parse(answer.json).ok).toBe(true);
    const leader = await login(url, 'lead_a');
    expect((await call(url, 'GET', '/audit/verify', { token: leader.token })).status).toBe(403);
  });

  it('names an edited, a deleted and a reordered entry, and a forged chain link', async () => {
    const { store } = central();
    const edited = (await historyOf(store, 'a-proc-1'))[1] as Entry;
    const deleted = (await historyOf(store, 'a-proc-2'))[1] as Entry;
    const [first, second] = (await historyOf(store, 'a-proc-1')).slice(2, 4) as [Entry, Entry];
    const db = store.db;

    // An officer's note rewritten in place.
    await db
      .updateTable('records')
      .set({ data: edited.data.replace('"action":"', '"action":"forged_') })
      .where('entity', '=', 'dossier_history')
      .where('id', '=', edited.id)
      .execute();
    // An entry removed.
    await db
      .deleteFrom('records')
      .where('entity', '=', 'dossier_history')
      .where('id', '=', deleted.id)
      .execute();
    // Two entries of one record swapped in the feed's order.
    await sql`update records set seq = -1 where seq = ${first.seq}`.execute(db);
    await sql`update records set seq = ${first.seq} where seq = ${second.seq}`.execute(db);
    await sql`update records set seq = ${second.seq} where seq = -1`.execute(db);

    const report = await verifyAuditTrail(store);
    expect(report.ok).toBe(false);
    expect(kinds(report)).toEqual(
      expect.arrayContaining([
        `edited ${edited.id}`,
        `deleted ${deleted.id}`,
        `reordered ${second.id}`,
      ]),
    );
    expect(report.problems.find((p) => p.id === edited.id)?.message).toContain('a-proc-1');
    // The same report walked on this thread page by page as on threads of their own (SQLite).
    for (const threads of [0, 1, 3]) {
      const other = await verifyAuditTrail(store, { threads });
      expect({ ...other, ms: 0 }).toEqual({ ...report, ms: 0 });
    }

    // A forged entry: text and entry hash both replaced; the running chain no longer follows.
    const chainRow = await db
      .selectFrom('audit_chain')
      .select(['position', 'id'])
      .orderBy('position')
      .offset(3)
      .limit(1)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('audit_chain')
      .set({ entry_hash: sha256('forged') })
      .where('position', '=', chainRow.position)
      .execute();
    const forged = await verifyAuditTrail(store);
    expect(forged.firstBroken?.position).toBe(Number(chainRow.position));
    expect(forged.firstBroken?.kind).toBe('chain');
    expect(kinds(forged)).toContain(`chain ${chainRow.id}`);
    // A link removed from the chain.
    await db.deleteFrom('audit_chain').where('position', '=', chainRow.position).execute();
    const gap = await verifyAuditTrail(store);
    expect(gap.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['gap', 'unchained']));
    // A link removed where two threads' ranges meet is named too, by the range after it.
    const { max } = await db
      .selectFrom('audit_chain')
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirstOrThrow();
    const boundary = Math.floor(Number(max) / 2);
    await db.deleteFrom('audit_chain').where('position', '=', boundary).execute();
    for (const threads of [0, 2]) {
      const cut = await verifyAuditTrail(store, { threads });
      expect(cut.problems.filter((p) => p.kind === 'gap').map((p) => p.position)).toEqual([
        Number(chainRow.position) + 1,
        boundary + 1,
      ]);
    }
  });
});

describe('npm run central -- verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'central-verify-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on an encrypted file: intact, then names the first broken link after an edit', async () => {
    const file = join(dir, 'data', 'central.db');
    const keyFile = join(dir, 'data.key');
    const key = sqliteKeyFromFile(keyFile, true);
    const central = await startCentral({
      storage: { kind: 'sqlite', file, key },
      seed: { kind: 'data', data: worldSeed() },
      passwordCost: TEST_PASSWORD_COST,
      seedPasswordCost: TEST_PASSWORD_COST,
      log: () => undefined,
    });
    await notes(central.url, ['a-proc-1'], 2);
    const victim = (await historyOf(central.store, 'a-proc-1'))[0] as Entry;
    await central.close();
    // Encrypted: the entry's text is not in the file.
    expect(readFileSync(file).includes('ghi chú')).toBe(false);

    const run = () =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', 'central/main.ts', 'verify', '--data', file, '--key-file', keyFile],
        { cwd: root, encoding: 'utf8', timeout: 60_000 },
      );
    const intact = run();
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/audit trail intact: \d+ entries/);

    const reopened = await startCentral({
      storage: { kind: 'sqlite', file, key },
      log: () => undefined,
    });
    await reopened.store.db
      .updateTable('records')
      .set({ data: victim.data.replace('"at":', '"at":1,"x":') })
      .where('entity', '=', 'dossier_history')
      .where('id', '=', victim.id)
      .execute();
    await reopened.close();
    const broken = run();
    expect(broken.status).toBe(2);
    expect(broken.stdout).toContain(`first broken link: history entry ${victim.id} of a-proc-1`);
    expect(broken.stdout).toMatch(/was changed after it was written/);
  });
});
