import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { MAX_REQUEST_BYTES } from '@shared/contract/api';
import { fail, type Envelope } from '@shared/contract/envelope';
import { jsonNestingExceeds, MAX_INPUT_DEPTH } from '@shared/contract/input-guard';
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
  /**
   * Serve the build's source maps (`*.map`), for a developer debugging the workbench; off by
   * default, so the renderer's original sources are not handed to whoever can reach the port.
   */
  serveSourceMaps?: boolean;
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
/** A request (headers and body) must arrive within this; bounds the draining of refused bodies. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The browser host: the same contract as the Electron IPC, over HTTP on 127.0.0.1 only.
 *  - POST /api/invoke/<method> with a JSON body → the dispatch's envelope (HTTP status mirrors it)
 *  - GET /api/events → server-sent events, one per contract event
 *  - everything else → the built renderer, with the same CSP as the desktop window
 * A random token per launch guards the API: the printed URL carries it once, the host turns it
 * into an HttpOnly SameSite=Strict cookie and redirects to a clean URL. Tools may send it as a
 * Bearer header instead. The Host header must name the loopback address, which defeats DNS
 * rebinding from web pages the officer happens to have open, and an API request a browser says
 * came from another page (its `Origin`, or `Sec-Fetch-Site` where the browser sends it) is
 * refused: a web page cannot make the officer's browser act on the workbench.
 *
 * A body larger than MAX_REQUEST_BYTES is answered 413 whatever the client does: declared too
 * large with `Expect: 100-continue`, it is refused before the client sends it; otherwise the rest
 * is read and dropped after the answer, so the connection is not reset under a client still
 * sending (which would lose the answer).
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

  /** Why a browser's request came from another page, or null (tools send neither header). */
  const crossSite = (req: IncomingMessage): string | null => {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return `a request from another site (${String(site).slice(0, 20)})`;
    }
    const origin = req.headers.origin;
    if (
      origin !== undefined &&
      origin !== `http://127.0.0.1:${port}` &&
      origin !== `http://localhost:${port}`
    ) {
      return 'a request from another origin';
    }
    return null;
  };

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    handle(req, res).catch((error: unknown) => {
      options.log?.(`[browser-host] ${String(error)}`);
      if (!res.headersSent) sendEnvelope(res, fail('INTERNAL', 'the host failed to answer'));
      else res.destroy();
    });
  });
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  // Without this listener Node answers every `Expect: 100-continue` with "100 Continue", inviting
  // a body that is then refused. A body declared too large is refused before it is sent.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (declaredLength(req) > MAX_REQUEST_BYTES) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      // Said explicitly: for an unanswered expectation Node closes the connection by default,
      // which resets it under a client that sends its body anyway. Kept, the body is dropped.
      res.setHeader('Connection', 'keep-alive');
      req.resume();
      sendEnvelope(res, tooLarge(), 413);
      return;
    }
    res.writeContinue();
    server.emit('request', req, res);
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
      const foreign = crossSite(req);
      if (foreign !== null) {
        req.resume();
        sendEnvelope(
          res,
          fail('FORBIDDEN', `${foreign}: the workbench answers only its own page`),
          403,
        );
        return;
      }
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
        sendEnvelope(res, body, body.error.message === TOO_LARGE_MESSAGE ? 413 : 400);
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
    if (!file || (file.toLowerCase().endsWith('.map') && options.serveSourceMaps !== true)) {
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

function declaredLength(req: IncomingMessage): number {
  const declared = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(declared) ? declared : 0;
}

const TOO_LARGE_MESSAGE = `request too large: limit is ${MAX_REQUEST_BYTES} bytes`;

function tooLarge(): Envelope<never> {
  return fail('BAD_REQUEST', TOO_LARGE_MESSAGE);
}

/**
 * Reads at most MAX_REQUEST_BYTES; anything bigger is refused without being buffered, and what
 * the client still sends is read and dropped (Node keeps reading a request whose answer went
 * out), so it receives the 413 instead of a connection reset mid-upload.
 */
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
    if (declaredLength(req) > MAX_REQUEST_BYTES) {
      req.resume();
      resolvePromise(tooLarge());
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
        resolvePromise(tooLarge());
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
      // Refused before JSON.parse builds it: dispatch bounds the depth of what it parses anyway.
      if (jsonNestingExceeds(text)) {
        resolvePromise(
          fail(
            'BAD_REQUEST',
            `the request body is nested more than ${MAX_INPUT_DEPTH} levels deep`,
          ),
        );
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
