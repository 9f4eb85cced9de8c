import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogPageSchema, AccessPushResponseSchema } from '@shared/sync/protocol';
import type { RunningCentral } from '../../central/index';
import { sqliteKeyFromFile } from '../../central/store/sqlite-key';
import { STORE_FILE } from '../../core/app';
import { CHAIN_BROKEN } from '../../core/sync/cache';
import { call, login } from '../central/helpers';
import {
  removeClient,
  settled,
  signIn,
  startClient,
  startFaultProxy,
  startSyntheticCentral,
  until,
  type Client,
  type FaultProxy,
} from './harness';

/**
 * Issue 12's "done when", against a real central API on an encrypted SQLite file: after a sync,
 * neither the client's store nor the central's file holds a seeded citizen's ID number, phone or
 * name as bytes; a dossier opened offline reaches the central API's access log once when the
 * client is back; a history entry edited in the central's database raises a notice on a client
 * that receives it.
 */
const dir = mkdtempSync(join(tmpdir(), 'wb-protect-'));
const centralFile = join(dir, 'central', 'central.db');
let central: RunningCentral;
let proxy: FaultProxy;
const clients: Client[] = [];

beforeAll(async () => {
  const key = sqliteKeyFromFile(join(dir, 'central.key'), true);
  central = await startSyntheticCentral({ kind: 'sqlite', file: centralFile, key });
  proxy = await startFaultProxy(central.url);
});
afterAll(async () => {
  for (const c of clients) removeClient(c);
  await proxy?.close();
  await central?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The file and its write-ahead log as they lie on the disk. */
function bytesOf(file: string): Buffer {
  return Buffer.concat(
    [file, `${file}-wal`].map((path) => {
      try {
        return readFileSync(path);
      } catch {
        return Buffer.alloc(0);
      }
    }),
  );
}

describe('citizens’ data protected', () => {
  it('leaves no seeded ID number, phone or name readable in either file after a sync', async () => {
    const desk = startClient(join(dir, 'desk'));
    clients.push(desk);
    await signIn(desk, proxy.url, 'desk');
    await settled(desk);
    // An untouched trail raises nothing.
    const notices = await desk.core.dispatch('sync.notices', {});
    expect(JSON.stringify(notices)).not.toContain(CHAIN_BROKEN);
    const people = desk.core.db
      .prepare('SELECT applicant_id_number AS id, phone, applicant_name AS name FROM dossiers')
      .all() as { id: string; phone: string; name: string }[];
    expect(people.length).toBeGreaterThan(50);
    const needles = [
      ...new Set(people.flatMap((p) => [p.id, p.phone, p.name]).filter((v) => v.length >= 6)),
    ];
    desk.close();
    const files = {
      client: bytesOf(join(desk.dataDir, STORE_FILE)),
      central: bytesOf(centralFile),
    };
    for (const [name, bytes] of Object.entries(files)) {
      expect(bytes.length, name).toBeGreaterThan(100_000);
      const found = needles.filter((n) => bytes.includes(Buffer.from(n, 'utf8')));
      expect(found, `${name}: ${found.slice(0, 3).join(', ')}`).toEqual([]);
    }
    clients.splice(clients.indexOf(desk), 1);
    clients.push(desk.restart());
  });

  it('logs a dossier opened offline on the central API exactly once, when back online', async () => {
    const officer = startClient(join(dir, 'officer'));
    clients.push(officer);
    await signIn(officer, proxy.url, 'officer');
    await settled(officer);
    const target = officer.core.db.prepare('SELECT id, number FROM dossiers LIMIT 1').get() as {
      id: string;
      number: string;
    };
    proxy.blocked = true;
    await officer.core.dispatch('sync.now', {});
    await until(() => officer.core.sync.status().state === 'offline', 10_000, 'offline');
    const opened = await officer.core.dispatch('dossiers.get', { id: target.id });
    expect(opened.ok).toBe(true);
    expect(officer.core.sync.accessQueue.count()).toBe(1);

    proxy.blocked = false;
    await settled(officer);
    await until(() => officer.core.sync.accessQueue.count() === 0, 10_000, 'the access sent');

    const leader = await login(proxy.url, 'leader', 'demo');
    const read = async () => {
      const reply = await call(proxy.url, 'GET', `/access/log?recordId=${target.id}`, {
        token: leader.token,
      });
      expect(reply.status, reply.text).toBe(200);
      return AccessLogPageSchema.parse(reply.json).entries;
    };
    const entries = await read();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'open',
      recordId: target.id,
      recordNumber: target.number,
    });
    expect(entries[0]?.computer.length).toBeGreaterThan(0);

    // The same entry sent again (an answer lost on the way) is a replay: nothing written twice.
    const session = await login(proxy.url, 'officer', 'demo');
    const clientId = officer.core.sync.cache.meta('session.clientId') ?? '';
    const again = await call(proxy.url, 'POST', '/access/push', {
      token: session.token,
      body: {
        clientId,
        entries: [
          {
            seq: 1,
            at: entries[0]?.at,
            action: 'open',
            target: { entity: 'dossier', id: target.id },
            computer: entries[0]?.computer,
          },
        ],
      },
    });
    expect(again.status, again.text).toBe(200);
    expect(AccessPushResponseSchema.parse(again.json).results[0]?.status).toBe('duplicate');
    expect(await read()).toHaveLength(1);

    // "Who looked at my file?" for the citizen's ID number.
    const idNumber = (
      officer.core.db
        .prepare('SELECT applicant_id_number AS n FROM dossiers WHERE id = ?')
        .get(target.id) as { n: string }
    ).n;
    const citizen = await call(proxy.url, 'GET', `/access/log?idNumber=${idNumber}`, {
      token: leader.token,
    });
    const byCitizen = AccessLogPageSchema.parse(citizen.json).entries;
    expect(byCitizen.map((e) => e.recordId)).toContain(target.id);
    const csv = await fetch(`${proxy.url}/access/log.csv?recordId=${target.id}`, {
      headers: { authorization: `Bearer ${leader.token}` },
    });
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(target.number);
  });

  it('raises a notice when a received entry does not follow its record’s previous one', async () => {
    // The first entry of a dossier the officer sees that has more after it, edited in place.
    const seen = startClient(join(dir, 'officer'));
    clients.push(seen);
    const owner = seen.core.db
      .prepare(
        `SELECT dossier_id AS id FROM dossier_history GROUP BY dossier_id HAVING count(*) >= 3 LIMIT 1`,
      )
      .get() as { id: string };
    seen.close();
    clients.splice(clients.indexOf(seen), 1);
    const victim = await central.store.db
      .selectFrom('records')
      .select(['id', 'owner_id', 'data'])
      .where('entity', '=', 'dossier_history')
      .where('owner_id', '=', owner.id)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirstOrThrow();
    await central.store.db
      .updateTable('records')
      .set({ data: victim.data.replace('"action":"', '"action":"x') })
      .where('entity', '=', 'dossier_history')
      .where('id', '=', victim.id)
      .execute();
    const fresh = startClient(join(dir, 'fresh'));
    clients.push(fresh);
    await signIn(fresh, proxy.url, 'officer');
    await settled(fresh);
    const notices = await fresh.core.dispatch('sync.notices', {});
    expect(notices.ok).toBe(true);
    const list = (notices.ok ? notices.value : []) as { code: string; recordId: string }[];
    expect(list.filter((n) => n.code === CHAIN_BROKEN).map((n) => n.recordId)).toContain(
      victim.owner_id,
    );
  });
});
