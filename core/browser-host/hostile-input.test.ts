import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES } from '@shared/contract/api';
import { rawRequest } from '../../tests/support/raw-http';
import { createCore, type Core } from '../app';
import { startBrowserHost, type BrowserHost } from './server';

/**
 * Issue 11 §2 on the browser host: hostile input gets a clear 4xx that names what is wrong,
 * never a 500 and never a write; requests from other pages are refused; source maps are not
 * served unless a developer asks.
 */

let dir: string;
let staticDir: string;
let core: Core;
let host: BrowserHost;
const TOKEN = 'hostile-input-token-1';
const auth = { Authorization: `Bearer ${TOKEN}` };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wb-hostile-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Một cửa</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {}\n//# sourceMappingURL=app.js.map');
  writeFileSync(join(staticDir, 'assets', 'app.js.map'), '{"version":3,"sources":["app.tsx"]}');
  core = createCore({ dataDir: join(dir, 'data'), host: 'browser' });
  host = await startBrowserHost({
    dispatch: core.dispatch,
    events: core.events,
    staticDir,
    token: TOKEN,
  });
});

afterAll(async () => {
  await host.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(
  method: string,
  body: unknown,
  headers: Record<string, string> = auth,
): Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string } } }> {
  const response = await fetch(`${host.origin}/api/invoke/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** Rows of every table of the local store, to prove a refused request wrote nothing. */
function rows(): Record<string, number> {
  const tables = core.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [t, core.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]),
  );
}

describe('hostile input to the browser host', () => {
  it('answers a 4 KB body nested 2,000 deep with a 400, not a 500', async () => {
    const value = '['.repeat(2000) + ']'.repeat(2000);
    const before = rows();
    const reply = await call('prefs.set', `{"key":"grid.dossiers","value":${value}}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toMatch(/nested more than \d+ levels/);
    expect(rows()).toEqual(before);
  });

  it('never throws from dispatch, whatever the host hands it (deep input over IPC)', async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = [deep];
    const envelope = await core.dispatch('prefs.set', { key: 'grid.dossiers', value: deep });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!envelope.ok && envelope.error.path).toMatch(/^value(\[0\])+$/);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)'])(
    'refuses session.login with serverUrl %s as a 400 with the reason',
    async (serverUrl) => {
      const reply = await call('session.login', { serverUrl, username: 'desk', password: 'demo' });
      expect(reply.status).toBe(400);
      expect(reply.body.error?.message).toContain('serverUrl');
      expect(reply.body.error?.message).toContain('must start with http:// or https://');
    },
  );

  it.each([
    ['a NUL', 'ghi ch\u0000ú'],
    ['half a surrogate pair', 'ghi ch\ud83dú'],
  ])('refuses %s in any text, free JSON included, naming the field', async (_what, text) => {
    const before = rows();
    const stored = await call('prefs.set', { key: 'note.draft', value: { text } });
    expect(stored.status).toBe(400);
    expect(stored.body.error?.message).toContain('value.text');
    expect(stored.body.error?.message).toContain('cannot be stored');
    const id = await call('dossiers.get', { id: `dossier-1${text.slice(-2)}` });
    expect(id.status).toBe(400);
    expect(id.body.error?.message).toContain('id');
    const view = await call('views.save', {
      name: text,
      view: {
        entity: 'dossier',
        filter: {},
        sort: { field: 'receivedAt', direction: 'desc' },
        columns: ['number'],
      },
    });
    expect(view.status).toBe(400);
    expect(view.body.error?.message).toContain('name');
    expect(rows()).toEqual(before);
  });

  it('refuses a __proto__ key anywhere in the input as an unknown field', async () => {
    const before = rows();
    const reply = await call(
      'prefs.set',
      '{"key":"note.draft","value":{"__proto__":{"admin":true},"text":"x"}}',
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toContain('value.__proto__: unknown field');
    expect(rows()).toEqual(before);
  });

  it.each([false, true])(
    'answers a 20 MB body with 413, read after sending it (Expect: 100-continue %s)',
    async (expectContinue) => {
      const answer = await rawRequest({
        port: host.port,
        path: '/api/invoke/prefs.set',
        headers: {
          ...auth,
          'Content-Type': 'application/json',
          ...(expectContinue ? { Expect: '100-continue' } : {}),
        },
        body: { size: 20 * 1024 * 1024 },
      });
      expect(answer.status, answer.text.slice(0, 200)).toBe(413);
      // Declared too large, the body is refused before the client is invited to send it.
      expect(answer.continued).toBe(false);
      expect(answer.json).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(MAX_REQUEST_BYTES).toBeLessThan(20 * 1024 * 1024);
    },
  );

  it('refuses API calls from another page (Origin, Sec-Fetch-Site), and nothing happens', async () => {
    const before = rows();
    const body = { key: 'note.draft', value: { text: 'from elsewhere' } };
    const foreign = await call('prefs.set', body, { ...auth, Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.code).toBe('FORBIDDEN');
    const sameSite = await call('prefs.set', body, {
      ...auth,
      Origin: `http://127.0.0.1:${host.port + 1}`,
    });
    expect(sameSite.status).toBe(403);
    const fetchSite = await call('prefs.set', body, { ...auth, 'Sec-Fetch-Site': 'cross-site' });
    expect(fetchSite.status).toBe(403);
    const nullOrigin = await call('prefs.set', body, { ...auth, Origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    expect(rows()).toEqual(before);
    // The workbench's own page, and tools that send neither header, still work.
    const own = await call('sync.status', {}, { ...auth, Origin: host.origin });
    expect(own.status).toBe(200);
    const ownFetch = await call('sync.status', {}, { ...auth, 'Sec-Fetch-Site': 'same-origin' });
    expect(ownFetch.status).toBe(200);
    expect((await call('sync.status', {})).status).toBe(200);
  });

  it('does not serve source maps unless a developer asks for them', async () => {
    expect((await fetch(`${host.origin}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${host.origin}/assets/app.js.map`)).status).toBe(404);
    expect((await fetch(`${host.origin}/assets/APP.JS.MAP`)).status).toBe(404);
    const dev = await startBrowserHost({
      dispatch: core.dispatch,
      events: core.events,
      staticDir,
      token: TOKEN,
      serveSourceMaps: true,
    });
    try {
      expect((await fetch(`${dev.origin}/assets/app.js.map`)).status).toBe(200);
    } finally {
      await dev.close();
    }
  });
});
