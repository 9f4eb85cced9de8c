import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fault-injecting HTTP proxy between the client core and the central API, on 127.0.0.1.
 * Each request gets a fault from `decide` (seeded by the test, so runs are reproducible):
 *   pass            forward as is
 *   delay           wait `ms`, then forward (requests overtake each other: reordering)
 *   fail-5xx        answer 503 without forwarding
 *   drop-request    close the connection without forwarding
 *   drop-response   forward, let the server commit, then close the connection unanswered
 *   duplicate       forward twice (the server sees the request again), answer with the second reply
 *   rewrite         forward, then change the answer's body and headers (a broken or lying server)
 * `blocked` refuses everything, as a network outage does; long-lived streams (server-sent events)
 * are cut when it is set. Given several targets it is also a load balancer without affinity:
 * each request (and each stream) goes to the next target in turn.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'fail-5xx' }
  | { kind: 'drop-request' }
  | { kind: 'drop-response' }
  | { kind: 'duplicate' }
  | {
      kind: 'rewrite';
      body?: (body: Buffer) => Buffer;
      headers?: (headers: Record<string, string | string[] | undefined>) => void;
    };

export interface FaultProxy {
  readonly url: string;
  blocked: boolean;
  readonly log: { method: string; path: string; fault: Fault['kind']; target?: number }[];
  setDecider(decide: (req: { method: string; path: string }) => Fault): void;
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export async function startFaultProxy(target: string | readonly string[]): Promise<FaultProxy> {
  const upstreams = (typeof target === 'string' ? [target] : target).map((t) => new URL(t));
  let turn = 0;
  const pick = (): { upstream: URL; index: number } => {
    const index = turn++ % upstreams.length;
    return { upstream: upstreams[index] as URL, index };
  };
  const sockets = new Set<Socket>();
  const streams = new Set<ServerResponse>();
  let decide: (req: { method: string; path: string }) => Fault = () => ({ kind: 'pass' });
  const proxy: FaultProxy = {
    url: '',
    blocked: false,
    log: [],
    setDecider: (d) => (decide = d),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const forward = (req: IncomingMessage, body: Buffer, upstream: URL): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 502,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks)));
  });

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    if (proxy.blocked) {
      req.socket.destroy();
      return;
    }
    const accept = req.headers.accept ?? '';
    if (accept.includes('text/event-stream')) return pipeStream(req, res);
    const fault = decide({ method: req.method ?? 'GET', path: req.url ?? '/' });
    const { upstream, index } = pick();
    proxy.log.push({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      fault: fault.kind,
      ...(upstreams.length > 1 ? { target: index } : {}),
    });
    try {
      switch (fault.kind) {
        case 'fail-5xx':
          res
            .writeHead(503, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'injected fault' } }));
          return;
        case 'drop-request':
          req.socket.destroy();
          return;
        case 'delay':
          await new Promise((r) => setTimeout(r, fault.ms));
          break;
        case 'drop-response':
          await forward(req, body, upstream);
          req.socket.destroy();
          return;
        case 'duplicate': {
          // The copy goes to the next target: a retry behind a load balancer lands anywhere.
          await forward(req, body, pick().upstream);
          break;
        }
        case 'pass':
        case 'rewrite':
          break;
      }
      if (proxy.blocked) {
        req.socket.destroy();
        return;
      }
      const answer = await forward(req, body, upstream);
      const headers = { ...answer.headers };
      const sent = fault.kind === 'rewrite' && fault.body ? fault.body(answer.body) : answer.body;
      if (fault.kind === 'rewrite') fault.headers?.(headers);
      delete headers['transfer-encoding'];
      delete headers.connection;
      headers['content-length'] = String(sent.length);
      res.writeHead(answer.status, headers).end(sent);
    } catch {
      req.socket.destroy();
    }
  }

  function pipeStream(req: IncomingMessage, res: ServerResponse) {
    const { upstream } = pick();
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: 'GET',
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        streams.add(res);
        up.pipe(res);
        const end = () => {
          streams.delete(res);
          up.destroy();
          res.destroy();
        };
        up.on('error', end);
        res.on('close', end);
      },
    );
    out.on('error', () => res.destroy());
    // The response's close, not the request's: a request "closes" once its (empty) body is read.
    res.on('close', () => out.destroy());
    out.end();
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  (proxy as { url: string }).url = `http://127.0.0.1:${port}`;

  // Cutting the network also cuts the streams already open through it.
  let blocked = false;
  Object.defineProperty(proxy, 'blocked', {
    get: () => blocked,
    set: (value: boolean) => {
      blocked = value;
      if (value) for (const s of streams) s.destroy();
    },
  });
  return proxy;
}
