import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../core/app';
import { dataKeyPath } from '../../core/security/data-key';
import { readCentralMemory } from '../../scripts/central-memory';
import { resolveCentral, type ResolvedCentral } from '../../scripts/workbench';

/**
 * `npm start`'s choice of central API, with real embedded central API processes on loopback: the
 * data folder remembers it, so a restart reaches the same one and the session still fits.
 */
const dirs: string[] = [];
const running: ResolvedCentral[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const c of running.splice(0)) {
    c.embedded?.stop();
    await c.embedded?.exited;
  }
  for (const s of servers.splice(0)) await new Promise((done) => s.close(done));
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataKeyPath(dir), { force: true });
  }
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wb-start-'));
  dirs.push(dir);
  return dir;
}

const SMALL = { dossiers: 30, complaints: 5 };

async function embedded(dataDir: string): Promise<ResolvedCentral> {
  const central = await resolveCentral({ dataDir, seed: SMALL });
  running.push(central);
  return central;
}

async function stop(central: ResolvedCentral): Promise<void> {
  central.embedded?.stop();
  await central.embedded?.exited;
  running.splice(running.indexOf(central), 1);
}

describe('npm start: the data folder remembers its central API', () => {
  it('brings the embedded central API back on the same address', async () => {
    const dir = folder();
    const first = await embedded(dir);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.demoAccounts.map((a) => a.username)).toEqual(['desk', 'officer', 'leader']);
    await stop(first);
    const second = await embedded(dir);
    expect(second.url).toBe(first.url);
    expect(second.moved).toBeNull();
  });

  it('moves the session with it when that address is taken', async () => {
    const dir = folder();
    const first = await embedded(dir);
    await stop(first);
    // Something else took the port meanwhile.
    const squatter = createServer();
    servers.push(squatter);
    const port = Number(new URL(first.url!).port);
    await new Promise<void>((done) => squatter.listen(port, '127.0.0.1', done));
    expect((squatter.address() as AddressInfo).port).toBe(port);

    const second = await embedded(dir);
    expect(second.url).not.toBe(first.url);
    expect(second.moved).toEqual({ from: first.url, to: second.url });
    expect(readCentralMemory(dir)).toEqual({ kind: 'embedded', url: second.url });
    // The core on the folder follows: its session's address becomes the new one.
    const core = createCore({ dataDir: dir, host: 'browser', startSync: false });
    core.sync.cache.setMeta('session.serverUrl', first.url);
    core.close();
    const moved = createCore({
      dataDir: dir,
      host: 'browser',
      startSync: false,
      sync: { serverMoved: second.moved! },
    });
    expect(moved.sync.status().serverUrl).toBe(second.url);
    moved.close();
  });

  it('keeps a configured --server for the next start, until --embedded', async () => {
    const dir = folder();
    const configured = await resolveCentral({ dataDir: dir, server: 'https://mot-cua.example.vn' });
    expect(configured).toMatchObject({ url: 'https://mot-cua.example.vn', embedded: null });
    const again = await resolveCentral({ dataDir: dir });
    expect(again.url).toBe('https://mot-cua.example.vn');
    expect(again.note).toContain('remembered');
    const demo = await resolveCentral({ dataDir: dir, embedded: true, seed: SMALL });
    running.push(demo);
    expect(demo.embedded).not.toBeNull();
    expect(readCentralMemory(dir)?.kind).toBe('embedded');
  });

  it('starts no central API for a trainer’s offline store', async () => {
    expect(await resolveCentral({ dataDir: folder(), offline: true })).toMatchObject({
      url: null,
      embedded: null,
    });
  });
});
