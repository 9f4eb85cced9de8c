import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE } from '../store/kinds';
import { makeDossier, makeHistory } from '../../tests/support/fixtures';
import { createCore, type Core } from '../app';
import { createWriter } from '../store/writer';
import { startBrowserHost, type BrowserHost } from './server';

let dir: string;
let core: Core;
let host: BrowserHost;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wb-host-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Một cửa</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  core = createCore({ dataDir: join(dir, 'data'), host: 'browser' });
  const write = createWriter(core.db);
  core.db.transaction(() => {
    for (const id of ['1', '2', '3'])
      write.record(
        STORAGE.dossier,
        makeDossier({ id, receivedAt: Date.UTC(2026, 1, Number(id), 2) }),
      );
    write.history(STORAGE.dossier, '2', makeHistory('h1', Date.UTC(2026, 1, 2, 2), 'accepted'));
  })();
  host = await startBrowserHost({
    dispatch: core.dispatch,
    events: core.events,
    staticDir,
    token: 'test-token-123',
  });
});

afterAll(async () => {
  await host.close();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = { Authorization: 'Bearer test-token-123' };

async function call(method: string, body: unknown, headers: Record<string, string> = auth) {
  const response = await fetch(`${host.origin}/api/invoke/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function rawRequest(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host', () => {
  it('listens on the loopback address only', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a contract call with the same envelope as IPC', async () => {
    const { status, body } = await call('dossiers.list', {
      sort: { field: 'receivedAt', direction: 'asc' },
    });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    const value = body.value as { rows: { id: string }[]; total: number };
    expect(value.rows.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(value.total).toBe(3);
  });

  it('returns a dossier with its history', async () => {
    const { body } = await call('dossiers.get', { id: '2' });
    expect(body).toMatchObject({
      ok: true,
      value: { dossier: { id: '2' }, history: [{ action: 'accepted' }] },
    });
  });

  it('refuses calls without the token, or with a wrong one (401)', async () => {
    expect((await call('app.info', {}, {})).status).toBe(401);
    const wrong = await call('app.info', {}, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect((await fetch(`${host.origin}/api/events`)).status).toBe(401);
  });

  it('trades the start-up token for an HttpOnly SameSite=Strict cookie and a clean URL', async () => {
    const response = await fetch(host.url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await call('app.info', {}, { Cookie: cookie.split(';')[0]! });
    expect(withCookie.body).toMatchObject({
      ok: true,
      value: { host: 'browser', dossierCount: 3 },
    });
    expect((await fetch(`${host.origin}/?token=wrong`, { redirect: 'manual' })).status).toBe(401);
  });

  it.each([
    ['a missing field', 'dossiers.get', {}, 400, 'BAD_REQUEST', 'id'],
    ['a wrong type', 'dossiers.list', { limit: '50' }, 400, 'BAD_REQUEST', 'limit'],
    ['an unknown method', 'dossiers.purge', {}, 404, 'UNKNOWN_METHOD', 'dossiers.purge'],
    ['malformed JSON', 'dossiers.list', '{"limit": ', 400, 'BAD_REQUEST', 'JSON'],
    [
      'a cursor that is not one',
      'dossiers.list',
      { cursor: 'garbage' },
      400,
      'BAD_REQUEST',
      'cursor',
    ],
  ])(
    'answers %s with a clear error and writes nothing',
    async (_case, method, body, status, code, mention) => {
      const before = core.db.prepare('SELECT count(*) AS n, max(version) AS v FROM dossiers').get();
      const result = await call(method, body);
      expect(result.status).toBe(status);
      expect(result.body).toMatchObject({ ok: false, error: { code } });
      expect(JSON.stringify(result.body)).toContain(mention);
      expect(
        core.db.prepare('SELECT count(*) AS n, max(version) AS v FROM dossiers').get(),
      ).toEqual(before);
    },
  );

  it('refuses an oversized request body (413) without buffering it', async () => {
    const result = await call('dossiers.get', { id: 'x'.repeat(2_000_000) });
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses a body that is not JSON and a call that is not POST', async () => {
    const text = await fetch(`${host.origin}/api/invoke/app.info`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(400);
    const get = await fetch(`${host.origin}/api/invoke/app.info`, { headers: auth });
    expect(get.status).toBe(405);
  });

  it('rejects requests addressed to another host name (DNS rebinding)', async () => {
    const result = await rawRequest('/api/invoke/app.info', { Host: 'evil.example:80', ...auth });
    expect(result.status).toBe(421);
  });

  it('serves the workbench with the strict CSP and security headers', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Một cửa');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const result = await rawRequest(path, {});
      expect(result.body).not.toContain('do not serve');
    }
  });

  it('streams contract events as server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/api/events`, {
      headers: auth,
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    // Wait for the subscription before emitting, then read until the event arrives (bounded).
    received += decoder.decode((await reader.read()).value);
    core.events.emit('dossiers.changed', { ids: ['2'] });
    for (let i = 0; i < 10 && !received.includes('dossiers.changed'); i++) {
      received += decoder.decode((await reader.read()).value);
    }
    controller.abort();
    expect(received).toContain('event: dossiers.changed\ndata: {"ids":["2"]}');
  });
});
