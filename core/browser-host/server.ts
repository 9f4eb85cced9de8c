import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { MAX_REQUEST_BYTES } from '@shared/contract/api';
import { fail, type Envelope } from '@shared/contract/envelope';
import { HTTP_STATUS, type Dispatch } from '../dispatch';
import type { CoreEvents } from '../events';
import {
  contentSecurityPolicy,
  metaContentSecurityPolicy,
  SECURITY_HEADERS,
  withMetaPolicy,
} from '../security/csp';
import { mimeType, resolveStaticPath } from '../security/static-path';

export interface BrowserHostOptions {
  dispatch: Dispatch;
  events: CoreEvents;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
  log?: (message: string) => void;
}

export interface BrowserHost {
  /** Opens the workbench and hands the browser its session cookie. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const COOKIE = 'workbench_session';
const SSE_HEARTBEAT_MS = 15_000;

/**
 * The browser host: the same contract as the Electron IPC, over HTTP on 127.0.0.1 only.
 *  - POST /api/invoke/<method> with a JSON body → the dispatch's envelope (HTTP status mirrors it)
 *  - GET /api/events → server-sent events, one per contract event
 *  - everything else → the built renderer, with the same CSP as the desktop window
 * A random token per launch guards the API: the printed URL carries it once, the host turns it
 * into an HttpOnly SameSite=Strict cookie and redirects to a clean URL. Tools may send it as a
 * Bearer header instead. The Host header must name the loopback address, which defeats DNS
 * rebinding from web pages the officer happens to have open.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const csp = contentSecurityPolicy({ connectSelf: true });
  // The page's own policy tag says the same as the header (the built page carries the desktop's).
  const metaCsp = metaContentSecurityPolicy({ connectSelf: true });
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const tokenMatches = (candidate: string | undefined): boolean => {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ') && tokenMatches(header.slice(7))) return true;
    return tokenMatches(readCookie(req.headers.cookie, COOKIE));
  };

  const hostAllowed = (req: IncomingMessage): boolean => {
    const host = req.headers.host;
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  };

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    handle(req, res).catch((error: unknown) => {
      options.log?.(`[browser-host] ${String(error)}`);
      if (!res.headersSent) sendEnvelope(res, fail('INTERNAL', 'the host failed to answer'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req)) {
      sendEnvelope(
        res,
        fail('FORBIDDEN', 'this host answers only requests addressed to 127.0.0.1'),
        421,
      );
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!authorized(req)) {
        sendEnvelope(
          res,
          fail('UNAUTHORIZED', 'missing or wrong access token: open the URL printed at start-up'),
        );
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(req, res);
      const match = /^\/api\/invoke\/([A-Za-z0-9_.]{1,100})$/.exec(url.pathname);
      if (!match) {
        sendEnvelope(
          res,
          fail('UNKNOWN_METHOD', `no such endpoint: ${url.pathname.slice(0, 100)}`),
        );
        return;
      }
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        sendEnvelope(res, fail('BAD_REQUEST', 'contract calls use POST'), 405);
        return;
      }
      const body = await readJsonBody(req);
      if (!body.ok) {
        sendEnvelope(res, body, body.error.message.includes('too large') ? 413 : 400);
        return;
      }
      sendEnvelope(res, await options.dispatch(match[1], body.value));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    // The start-up URL carries the token once; trade it for a cookie and a clean address bar.
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!tokenMatches(offered)) {
        res
          .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('Wrong access token.');
        return;
      }
      res.writeHead(303, {
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      });
      res.end();
      return;
    }
    await serveStatic(url.pathname, req, res);
  }

  async function serveStatic(pathname: string, req: IncomingMessage, res: ServerResponse) {
    const file = resolveStaticPath(options.staticDir, pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.');
      return;
    }
    let content: Buffer;
    let served = file;
    try {
      content = await readFile(file);
    } catch {
      // Client-side routes fall back to the app shell; missing assets stay 404.
      if (/\.[a-z0-9]+$/i.test(pathname)) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found.');
        return;
      }
      served = resolveStaticPath(options.staticDir, '/index.html') ?? file;
      try {
        content = await readFile(served);
      } catch {
        res
          .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end('The workbench is not built yet: run `npm run build`.');
        return;
      }
    }
    if (served.endsWith('.html')) {
      content = Buffer.from(withMetaPolicy(content.toString('utf8'), metaCsp), 'utf8');
    }
    const headers: Record<string, string | number> = {
      'Content-Type': mimeType(served),
      'Content-Length': content.length,
      'Cache-Control': served.endsWith('.html')
        ? 'no-store'
        : 'public, max-age=31536000, immutable',
    };
    if (served.endsWith('.html')) headers['Content-Security-Policy'] = csp;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : content);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sseClients.add(res);
    const unsubscribe = options.events.onAny((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
    heartbeat.unref();
    const cleanup = () => {
      clearInterval(heartbeat);
      unsubscribe();
      sseClients.delete(res);
    };
    req.on('close', cleanup);
    res.on('error', cleanup);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const client of sseClients) client.end();
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>, status?: number) {
  const body = JSON.stringify(envelope);
  res.writeHead(status ?? (envelope.ok ? 200 : (HTTP_STATUS[envelope.error.code] ?? 500)), {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Reads at most MAX_REQUEST_BYTES; anything bigger is refused without being buffered. */
function readJsonBody(req: IncomingMessage): Promise<Envelope<unknown>> {
  return new Promise((resolvePromise) => {
    const type = req.headers['content-type'] ?? '';
    if (!type.startsWith('application/json')) {
      req.resume();
      resolvePromise(
        fail('BAD_REQUEST', 'the request body must be JSON (Content-Type: application/json)'),
      );
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_REQUEST_BYTES) {
      req.resume();
      resolvePromise(fail('BAD_REQUEST', `request too large: limit is ${MAX_REQUEST_BYTES} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES && !settled) {
        settled = true;
        chunks.length = 0;
        resolvePromise(
          fail('BAD_REQUEST', `request too large: limit is ${MAX_REQUEST_BYTES} bytes`),
        );
        return;
      }
      // Past the limit the rest is drained and dropped so the 413 can still be delivered.
      if (!settled) chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        resolvePromise({ ok: true, value: {} });
        return;
      }
      try {
        resolvePromise({ ok: true, value: JSON.parse(text) as unknown });
      } catch (error) {
        resolvePromise(
          fail('BAD_REQUEST', `the request body is not valid JSON: ${(error as Error).message}`),
        );
      }
    });
    req.on('error', () => {
      if (!settled) {
        settled = true;
        resolvePromise(fail('BAD_REQUEST', 'the request was interrupted'));
      }
    });
  });
}
