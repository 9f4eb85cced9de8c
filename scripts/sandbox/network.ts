import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { NetworkMode } from '@shared/contract/api';

/**
 * The training world's network: an HTTP proxy on 127.0.0.1 between the workbench's core and the
 * sandbox's central API, switched by the presenter. Offline refuses every connection (as a cut
 * cable does, so the core's outbox fills); flaky drops one request in three, in a fixed pattern;
 * online passes everything. A staged conflict holds the feed back (the core does not hear of the
 * leader's change) until the trainee's next push has gone through, so that push meets it.
 */
export interface SandboxNetwork {
  readonly url: string;
  mode: NetworkMode;
  setMode(mode: NetworkMode): void;
  /** Until the next push is answered, feed pages and the live stream are cut. */
  holdFeedUntilPush(): void;
  readonly holding: boolean;
  /** Points the proxy at the central API (it moves when the world is reset). */
  setTarget(url: string): void;
  close(): Promise<void>;
}

export async function startSandboxNetwork(target: string): Promise<SandboxNetwork> {
  let upstream = new URL(target);
  let mode: NetworkMode = 'online';
  let hold = false;
  let counter = 0;
  const sockets = new Set<Socket>();
  const streams = new Set<ServerResponse>();
  const cutStreams = () => {
    for (const res of streams) res.socket?.destroy();
    streams.clear();
  };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const feed = path.startsWith('/sync/changes') || path.startsWith('/sync/live');
    const drop = mode === 'offline' || (mode === 'flaky' && counter++ % 3 === 2) || (hold && feed);
    if (drop) {
      req.socket.destroy();
      return;
    }
    const isPush = req.method === 'POST' && path.startsWith('/sync/push');
    const out = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (path.startsWith('/sync/live')) {
          streams.add(res);
          res.on('close', () => streams.delete(res));
        }
        answer.pipe(res);
        if (isPush) answer.on('end', () => (hold = false));
      },
    );
    out.on('error', () => res.socket?.destroy());
    req.pipe(out);
  };

  const server = createServer(forward);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    set mode(next) {
      mode = next;
    },
    setMode(next) {
      mode = next;
      // Open streams would go on as if nothing happened: an outage or a flaky line cuts them.
      if (next !== 'online') cutStreams();
    },
    holdFeedUntilPush() {
      hold = true;
      cutStreams();
    },
    get holding() {
      return hold;
    },
    setTarget(url) {
      upstream = new URL(url);
      cutStreams();
    },
    close: async () => {
      cutStreams();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
