import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '@shared/contract/api';
import type { HistoryEntry } from '@shared/model';
import { DEMO_ACCOUNTS } from '@shared/synthetic';
import { createCore, type Core } from '../../core/app';
import {
  dataKeyPath,
  loadOrCreateDataKey,
  sealedFileTokenStore,
} from '../../core/security/data-key';
import { createCentralClient } from '../../core/sync/central-client';
import { OfflineSignIn } from '../../core/sync/offline-sign-in';
import type { RunningCentral } from '../../central/index';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startSyntheticCentral, until } from './harness';

/**
 * Never lose a day's work (issue 11): a client core that is restarted during an outage keeps its
 * session and delivers its changes by itself; an officer who signed in here before signs in
 * while the central API is out of reach and works from the cache; another officer's waiting
 * changes are named and kept; a confirmed note never disappears before the feed brings it back.
 * Each workbench is a core on a data folder, its session sealed beside it as the browser host
 * keeps it, reaching the central API through a proxy the test can cut.
 */

const OFFICER = DEMO_ACCOUNTS.officer;
const DESK = DEMO_ACCOUNTS.desk;
const DAY = 86_400_000;

let central: RunningCentral;
let proxy: FaultProxy;
let centralDir: string;
const folders: string[] = [];
const cores: Core[] = [];

beforeAll(async () => {
  centralDir = mkdtempSync(join(tmpdir(), 'wb-offline-central-'));
  central = await startSyntheticCentral({ kind: 'sqlite', file: join(centralDir, 'central.db') });
  proxy = await startFaultProxy(central.url);
});
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  for (const dir of folders.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataKeyPath(dir), { force: true });
  }
  proxy.blocked = false;
});
afterAll(async () => {
  await proxy?.close();
  await central?.close();
  rmSync(centralDir, { recursive: true, force: true });
});

function newFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wb-offline-'));
  folders.push(dir);
  return dir;
}

/** A workbench's core on `dataDir`, as the browser host opens it (its session sealed there). */
function open(dataDir: string, clock: () => number = Date.now): Core {
  const core = createCore({
    dataDir,
    host: 'browser',
    clock,
    log: () => undefined,
    tokenStore: sealedFileTokenStore(
      join(dataDir, 'session.sealed'),
      loadOrCreateDataKey(dataKeyPath(dataDir)),
    ),
    sync: { retry: { baseMs: 50, maxMs: 300 }, pageSize: 500, requestTimeoutMs: 3000 },
  });
  cores.push(core);
  return core;
}

function close(core: Core): void {
  core.close();
  cores.splice(cores.indexOf(core), 1);
}

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const login = (core: Core, username: string, password = 'demo') =>
  core.dispatch('session.login', { serverUrl: proxy.url, username, password });

const status = (core: Core): SyncStatus => core.sync.status();

async function signedInAndSynced(core: Core, username: string): Promise<void> {
  const result = await login(core, username);
  if (!result.ok) throw new Error(`sign-in of ${username}: ${result.error.message}`);
  await synced(core);
}

async function synced(core: Core): Promise<void> {
  await until(
    () => {
      const s = status(core);
      return s.state === 'online' && s.pending === 0 && s.progress === null;
    },
    30_000,
    'online with nothing pending',
  );
}

/** A dossier of the officer's that takes a note. */
async function noteTarget(core: Core): Promise<string> {
  const { rows } = await call<{ rows: { id: string }[] }>(core, 'dossiers.list', {
    filter: { inMyUnits: true },
    limit: 200,
  });
  for (const row of rows) {
    const { actions } = await call<{ actions: string[] }>(core, 'dossiers.allowedActions', {
      id: row.id,
    });
    if (actions.includes('add_note')) return row.id;
  }
  throw new Error('no dossier takes a note');
}

const note = (core: Core, id: string, text: string) =>
  call(core, 'dossiers.act', { id, action: { type: 'add_note', text, visibility: 'internal' } });

const notesInCache = (core: Core, id: string, text: string) =>
  core.sync.cache.repositories
    .records('dossier')
    .history(id)
    .filter((h) => h.note === text).length;

/** How many history entries with this note the central API holds, read from its feed. */
async function notesOnCentral(id: string, text: string): Promise<number> {
  const api = createCentralClient({ baseUrl: central.url });
  const session = await api.login(OFFICER.username, 'demo');
  const feed = createCentralClient({ baseUrl: central.url, token: () => session.token });
  let since = '0';
  let found = 0;
  for (let i = 0; i < 1000; i++) {
    const page = await feed.changes({ since, limit: 2000 });
    for (const c of page.changes) {
      const entry = c.data as unknown as HistoryEntry & { dossierId?: string };
      if (c.entity === 'dossier_history' && entry.dossierId === id && entry.note === text) found++;
    }
    since = page.cursor;
    if (!page.hasMore) break;
  }
  await feed.logout();
  return found;
}

describe('a confirmed change', () => {
  it('never leaves the local store between the push answer and the next pull', async () => {
    const core = open(newFolder());
    await signedInAndSynced(core, OFFICER.username);
    const id = await noteTarget(core);
    const texts = Array.from({ length: 20 }, (_, i) => `Ghi chú số ${i + 1} của buổi sáng`);
    // Every moment the core tells the screens something changed, each note made so far is there.
    const missing: string[] = [];
    let made = 0;
    const off = core.events.onAny(() => {
      for (const text of texts.slice(0, made)) {
        if (notesInCache(core, id, text) !== 1) missing.push(text);
      }
    });
    for (const text of texts) {
      made++;
      await note(core, id, text);
      await synced(core);
    }
    off();
    expect(missing).toEqual([]);
    for (const text of texts) expect(notesInCache(core, id, text)).toBe(1);
    expect(await notesOnCentral(id, texts[19]!)).toBe(1);
  });
});

describe('a restart during an outage', () => {
  it('keeps the session and sends the waiting changes when the central API is back', async () => {
    const dir = newFolder();
    let core = open(dir);
    await signedInAndSynced(core, OFFICER.username);
    const id = await noteTarget(core);
    proxy.blocked = true;
    await until(() => status(core).state === 'offline', 15_000, 'offline');
    const text = 'Ghi chú trước khi khởi động lại máy';
    await note(core, id, text);
    close(core);

    core = open(dir);
    expect(status(core)).toMatchObject({ pending: 1, offlineSignIn: false });
    expect(status(core).officer?.username).toBe(OFFICER.username);
    expect(status(core).state).not.toBe('signed_out');
    proxy.blocked = false;
    await synced(core);
    expect(await notesOnCentral(id, text)).toBe(1);
    expect(notesInCache(core, id, text)).toBe(1);
  });

  it('keeps no readable session token in the data folder', async () => {
    const dir = newFolder();
    const core = open(dir);
    await signedInAndSynced(core, OFFICER.username);
    close(core);
    // Only with the key beside the folder does the sealed file give the token back.
    const token = sealedFileTokenStore(
      join(dir, 'session.sealed'),
      loadOrCreateDataKey(dataKeyPath(dir)),
    ).load();
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name)).includes(Buffer.from(token!))).toBe(false);
    }
  });
});

describe('offline sign-in', () => {
  it('lets an officer who signed in here before work offline, and syncs it all once back', async () => {
    const dir = newFolder();
    let core = open(dir);
    await signedInAndSynced(core, OFFICER.username);
    const id = await noteTarget(core);
    await call(core, 'session.logout', {});
    close(core);

    proxy.blocked = true;
    core = open(dir);
    expect(status(core).state).toBe('signed_out');
    // A wrong password is refused offline too.
    const wrong = await login(core, OFFICER.username, 'not-the-password');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const signed = await login(core, OFFICER.username);
    expect(signed).toMatchObject({ ok: true, value: { offlineSignIn: true } });
    await until(() => status(core).state === 'offline', 15_000, 'working offline');
    expect(status(core).offlineSignIn).toBe(true);
    // The cached data is there, and the officer acts on it.
    const text = 'Ghi chú trong lúc mất mạng';
    await note(core, id, text);
    expect(status(core).pending).toBe(1);

    proxy.blocked = false;
    await synced(core);
    expect(status(core).offlineSignIn).toBe(false);
    expect(await notesOnCentral(id, text)).toBe(1);
  });

  it('keeps a verifier of the password, never the password, and lets it expire', async () => {
    const dir = newFolder();
    let now = Date.now();
    let core = open(dir, () => now);
    await signedInAndSynced(core, OFFICER.username);
    const stored = core.db
      .prepare(`SELECT value FROM meta WHERE key LIKE 'offline.verifier:%'`)
      .all() as { value: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.value).toMatch(/"hash":"scrypt\$32768\$8\$1\$/);
    expect(stored[0]!.value).not.toContain('"demo"');
    await call(core, 'session.logout', {});
    close(core);

    proxy.blocked = true;
    now += 15 * DAY;
    core = open(dir, () => now);
    const expired = await login(core, OFFICER.username);
    expect(expired).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', rule: 'OFFLINE_SIGN_IN_EXPIRED' },
    });
    const unknown = await login(core, DESK.username);
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', rule: 'OFFLINE_SIGN_IN_UNKNOWN' },
    });
  });

  it('ends an offline session whose password the central API refuses, keeping its changes', async () => {
    const dir = newFolder();
    let core = open(dir);
    await signedInAndSynced(core, OFFICER.username);
    const id = await noteTarget(core);
    await call(core, 'session.logout', {});
    // As if the password had been changed on the central API since this computer last saw it.
    await new OfflineSignIn(core.sync.cache.repositories.meta).remember(
      proxy.url,
      OFFICER.username,
      'old-password',
      status(core).officer!.id,
      Date.now(),
    );
    close(core);
    proxy.blocked = true;
    core = open(dir);
    expect(await login(core, OFFICER.username, 'old-password')).toMatchObject({ ok: true });
    await note(core, id, 'Ghi chú của phiên chưa được xác nhận');
    proxy.blocked = false;
    await until(() => status(core).state === 'signed_out', 15_000, 'signed out');
    expect(status(core).lastError).toMatch(/refused the password/);
    expect(status(core).pending).toBe(1);
    // The right password online sends what was waiting.
    await signedInAndSynced(core, OFFICER.username);
    expect(await notesOnCentral(id, 'Ghi chú của phiên chưa được xác nhận')).toBe(1);
  });
});

describe('another officer’s waiting changes', () => {
  it('are named with their count, and nothing is dropped', async () => {
    const dir = newFolder();
    const core = open(dir);
    await signedInAndSynced(core, OFFICER.username);
    const id = await noteTarget(core);
    await call(core, 'session.logout', {});
    proxy.blocked = true;
    await login(core, OFFICER.username);
    await note(core, id, 'Một');
    await note(core, id, 'Hai');
    await call(core, 'session.logout', {});
    proxy.blocked = false;

    const refused = await login(core, DESK.username);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const message = refused.ok ? '' : refused.error.message;
    expect(message).toContain('2 unsent change(s)');
    expect(message).toContain(OFFICER.fullName);
    expect(message).toContain(`sign in as ${OFFICER.username}`);
    expect(status(core)).toMatchObject({ pending: 2, officer: { username: OFFICER.username } });

    await signedInAndSynced(core, OFFICER.username);
    expect(await notesOnCentral(id, 'Một')).toBe(1);
    expect(await notesOnCentral(id, 'Hai')).toBe(1);
  });
});
