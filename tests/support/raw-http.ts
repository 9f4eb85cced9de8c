import { connect } from 'node:net';

/**
 * HTTP spoken by hand over a socket on 127.0.0.1, for what fetch cannot do: send a body the
 * server refuses while reading nothing until the whole body is sent (the way a simple client
 * does, and the way an answer gets lost when the server resets the connection under it), send
 * `Expect: 100-continue` and start sending anyway, or send bytes that are not UTF-8.
 */

export interface RawRequest {
  readonly port: number;
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The body, or its size in bytes (spaces) for a large one streamed in chunks. */
  readonly body?: Buffer | string | { readonly size: number };
  /** Declared length; default the body's (use it to declare more than is sent). */
  readonly contentLength?: number;
  /** Read the answer only after every byte was sent (default true). */
  readonly readAfterSending?: boolean;
  /** Give up after this long (default 20 s): the answer so far is returned. */
  readonly timeoutMs?: number;
}

export interface RawAnswer {
  /** The final status (after any "100 Continue"), or 0 when no answer arrived. */
  readonly status: number;
  /** Whether an interim "100 Continue" came first. */
  readonly continued: boolean;
  /** Everything received, as text. */
  readonly text: string;
  /** The JSON body of the final answer when it has one (Content-Length framed). */
  readonly json: unknown;
  /** Bytes of the body written before the server stopped taking them. */
  readonly sent: number;
}

const CHUNK = 256 * 1024;

function parse(received: string): { status: number; continued: boolean; json: unknown } {
  let rest = received;
  let continued = false;
  while (rest.startsWith('HTTP/1.1 100')) {
    continued = true;
    const end = rest.indexOf('\r\n\r\n');
    rest = end < 0 ? '' : rest.slice(end + 4);
  }
  const status = /^HTTP\/1\.1 (\d{3})/.exec(rest)?.[1];
  const split = rest.indexOf('\r\n\r\n');
  let json: unknown = null;
  if (split >= 0) {
    try {
      json = JSON.parse(rest.slice(split + 4));
    } catch {
      json = null;
    }
  }
  return { status: status ? Number(status) : 0, continued, json };
}

export function rawRequest(request: RawRequest): Promise<RawAnswer> {
  const body = request.body ?? '';
  const size = typeof body === 'object' && 'size' in body ? body.size : Buffer.byteLength(body);
  const length = request.contentLength ?? size;
  const readAfter = request.readAfterSending ?? true;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let sent = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ ...parse(text), text, sent });
    };
    const socket = connect(request.port, '127.0.0.1');
    const timer = setTimeout(finish, request.timeoutMs ?? 20_000);
    if (readAfter) socket.pause();
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const { status } = parse(Buffer.concat(chunks).toString('utf8'));
      // A final answer framed by Content-Length is complete once its body is in.
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.lastIndexOf('\r\n\r\n');
      const declared = /\r\ncontent-length: *(\d+)/i.exec(text)?.[1];
      if (status >= 200 && declared !== undefined && split >= 0) {
        if (Buffer.byteLength(text.slice(split + 4)) >= Number(declared)) finish();
      }
    });
    socket.on('error', () => {
      // A reset: what was read before it is the answer (often nothing).
      socket.resume();
    });
    socket.on('close', finish);
    socket.on('connect', () => {
      const headers: Record<string, string> = {
        Host: `127.0.0.1:${request.port}`,
        'Content-Length': String(length),
        ...request.headers,
      };
      socket.write(
        `${request.method ?? 'POST'} ${request.path} HTTP/1.1\r\n${Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n')}\r\n\r\n`,
      );
      const payload: Buffer | null =
        typeof body === 'object' && 'size' in body ? null : Buffer.from(body);
      const done = () => {
        if (readAfter) socket.resume();
      };
      if (payload) {
        sent = payload.length;
        socket.write(payload, done);
        return;
      }
      const chunk = Buffer.alloc(CHUNK, 0x20);
      const pump = (): void => {
        while (sent < size) {
          if (socket.destroyed) return done();
          const n = Math.min(CHUNK, size - sent);
          sent += n;
          if (!socket.write(n === CHUNK ? chunk : chunk.subarray(0, n))) {
            socket.once('drain', pump);
            return;
          }
        }
        done();
      };
      pump();
    });
  });
}
