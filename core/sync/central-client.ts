import { z } from 'zod';
import {
  centralRoutes,
  CursorSchema,
  LIVE_PATH,
  LiveEventSchema,
  ProblemSchema,
  type AccessPush,
  type AccessPushResponse,
  type FeedPage,
  type PushRequest,
  type PushResponse,
  type Session,
} from '@shared/sync/protocol';
import { noteReceivedEntryHashes } from './entry-text';

/**
 * A typed HTTP client for the central API, derived from shared/sync/protocol.ts. Every response
 * is validated with the protocol's schema before anyone sees it: a malformed answer is an error
 * here, never a corrupted cache. Failures are classified for the engine:
 *   offline      — no answer (refused, reset, timed out): retry later, work from the cache
 *   unauthorized — the token is wrong or expired: the officer must sign in again
 *   server       — 5xx or an answer that breaks the protocol: retry with backoff
 *   rejected     — a 4xx other than 401: retrying the same request cannot help
 */
export type CentralErrorKind = 'offline' | 'unauthorized' | 'server' | 'rejected';

export class CentralError extends Error {
  constructor(
    readonly kind: CentralErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'CentralError';
  }
}

export interface CentralClientOptions {
  baseUrl: string;
  token?: () => string | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface LiveSubscription {
  close(): void;
}

export interface LiveHandlers {
  onOpen(): void;
  onChange(seq: string): void;
  onClose(error: CentralError): void;
  /** The server sends a heartbeat every 15 s; this much silence means the link is dead. */
  silenceMs?: number;
}

/** What a feed response says of itself in its headers, ahead of its body. */
export interface FeedHead {
  cursor: string;
  hasMore: boolean;
}

/** A feed page as it came over the wire, with the cursor its headers announced. */
export interface FeedBody extends FeedHead {
  bytes: Uint8Array;
}

export interface FeedQueryParams {
  since?: string;
  limit?: number;
  count?: '0' | '1';
}

export const FEED_CURSOR_HEADER = 'feed-cursor';
export const FEED_HAS_MORE_HEADER = 'feed-has-more';

export interface CentralClient {
  readonly baseUrl: string;
  login(username: string, password: string): Promise<Session>;
  logout(): Promise<void>;
  /**
   * One feed page. `onHead` hears the page's cursor from the response headers (`Feed-Cursor`,
   * `Feed-Has-More`) before the body is read, so that the next page can be asked for while this
   * one is parsed and validated (FeedReader); the body's own cursor stays the authority.
   */
  changes(query: FeedQueryParams, onHead?: (head: FeedHead) => void): Promise<FeedPage>;
  /**
   * One feed page, not yet parsed: its body's bytes, to be checked and parsed by whoever stores
   * it (the initial sync's loader thread, with `readFeedBody`), and the cursor its headers
   * announce (read from the body here when a server sends no such headers).
   */
  changesBody(query: FeedQueryParams, onHead?: (head: FeedHead) => void): Promise<FeedBody>;
  push(request: PushRequest): Promise<PushResponse>;
  /** Logged accesses (issue 12); absent on a client that does not send them (test fakes). */
  pushAccess?(request: AccessPush): Promise<AccessPushResponse>;
  /**
   * Server-sent events: onOpen once connected, onChange with each committed seq, onClose once
   * when the stream ends for any reason (including silence longer than `silenceMs`).
   */
  live(handlers: LiveHandlers): LiveSubscription;
}

/** Normalises a configured server address: http(s) only, no trailing slash. */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new CentralError('rejected', `not a server address: ${input.slice(0, 100)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CentralError('rejected', 'the server address must start with http:// or https://');
  }
  return url.href.replace(/\/+$/, '');
}

export function createCentralClient(options: CentralClientOptions): CentralClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  /** Sends a request; resolves with a 2xx response whose body is still unread. */
  async function send(
    method: 'GET' | 'POST',
    path: string,
    init: {
      query?: Record<string, string>;
      body?: unknown;
      auth: boolean;
      onResponse?: (response: Response) => void;
    },
  ): Promise<Response> {
    const url = new URL(baseUrl + path);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.auth) {
      const token = options.token?.();
      if (!token) throw new CentralError('unauthorized', 'not signed in');
      headers.Authorization = `Bearer ${token}`;
    }
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new CentralError('offline', `the central API did not answer: ${describe(error)}`);
    }
    if (response.ok) {
      init.onResponse?.(response);
      return response;
    }
    let payload: unknown;
    try {
      payload = await response.json();
    } catch (error) {
      if (response.status >= 500) throw unreadable(response.status, error);
      throw new CentralError(
        response.status === 401 ? 'unauthorized' : 'rejected',
        `HTTP ${response.status}`,
        response.status,
      );
    }
    const problem = ProblemSchema.safeParse(payload);
    const message = problem.success ? problem.data.error.message : `HTTP ${response.status}`;
    const code = problem.success ? problem.data.error.code : undefined;
    const kind: CentralErrorKind =
      response.status === 401
        ? 'unauthorized'
        : response.status >= 500 || response.status === 429
          ? 'server'
          : 'rejected';
    throw new CentralError(kind, message, response.status, code);
  }

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    init: Parameters<typeof send>[2],
  ): Promise<z.output<S>> {
    const response = await send(method, path, init);
    let payload: unknown;
    try {
      payload = await response.json();
    } catch (error) {
      throw unreadable(response.status, error);
    }
    return checkAnswer(schema, payload, path, response.status);
  }

  const feedRequest = (query: FeedQueryParams, onHead?: (head: FeedHead) => void) => {
    const q: Record<string, string> = {};
    if (query.since !== undefined) q.since = query.since;
    if (query.limit !== undefined) q.limit = String(query.limit);
    if (query.count !== undefined) q.count = query.count;
    return {
      query: q,
      auth: true,
      ...(onHead
        ? {
            onResponse: (response: Response) => {
              const head = feedHead(response.headers);
              if (head) onHead(head);
            },
          }
        : {}),
    };
  };

  return {
    baseUrl,
    login: (username, password) =>
      request('POST', centralRoutes.login.path, centralRoutes.login.response, {
        body: { username, password },
        auth: false,
      }),
    logout: async () => {
      await request('POST', centralRoutes.logout.path, centralRoutes.logout.response, {
        auth: true,
      });
    },
    changes: (query, onHead) =>
      request(
        'GET',
        centralRoutes.changes.path,
        centralRoutes.changes.response,
        feedRequest(query, onHead),
      ),
    changesBody: async (query, onHead) => {
      const response = await send('GET', centralRoutes.changes.path, feedRequest(query, onHead));
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        throw unreadable(response.status, error);
      }
      const head = feedHead(response.headers) ?? headOfBody(bytes);
      return { bytes, cursor: head.cursor, hasMore: head.hasMore };
    },
    push: (body) =>
      request('POST', centralRoutes.push.path, centralRoutes.push.response, { body, auth: true }),
    pushAccess: (body) =>
      request('POST', centralRoutes.accessPush.path, centralRoutes.accessPush.response, {
        body,
        auth: true,
      }),
    live: (handlers) => openLive(baseUrl, doFetch, options.token, handlers),
  };
}

function unreadable(status: number, error: unknown): CentralError {
  return new CentralError(
    'server',
    `unreadable answer from the central API (${status}): ${describe(error)}`,
    status,
  );
}

/** Validates an answer with its route's schema: one that breaks the protocol is an error. */
function checkAnswer<S extends z.ZodType>(
  schema: S,
  payload: unknown,
  path: string,
  status: number,
): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CentralError(
      'server',
      `the central API answered ${path} with data that breaks the protocol (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`,
      status,
    );
  }
  return parsed.data;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseBody(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch (error) {
    throw unreadable(200, error);
  }
}

/** What a page's body must say of itself for the next page to be asked for. */
const FeedHeadSchema = z.object({ cursor: CursorSchema, hasMore: z.boolean() });

/**
 * The cursor of a page from a server that sends no feed headers, read from its body (only these
 * two fields checked here: whoever stores the page validates the rest).
 */
function headOfBody(bytes: Uint8Array): FeedHead {
  return checkAnswer(FeedHeadSchema, parseBody(bytes), centralRoutes.changes.path, 200);
}

/** Refuses a page whose body disagrees with the cursor its headers announced (the body rules). */
export function checkFeedHead(head: FeedHead, page: FeedHead): void {
  if (page.cursor !== head.cursor || page.hasMore !== head.hasMore) {
    throw new CentralError(
      'server',
      `the feed page's headers (cursor ${head.cursor}) disagree with its body (cursor ${page.cursor})`,
    );
  }
}

/**
 * Parses and validates a feed page fetched with `changesBody`, exactly as `changes` does, and
 * refuses it when its body disagrees with the cursor its headers announced (the reader asked for
 * the next page from there; the body is the authority).
 */
export function readFeedBody(body: FeedBody): FeedPage {
  const page = checkAnswer(
    centralRoutes.changes.response,
    parseBody(body.bytes),
    centralRoutes.changes.path,
    200,
  );
  checkFeedHead(body, page);
  noteReceivedEntryHashes(body.bytes, page);
  return page;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

function openLive(
  baseUrl: string,
  doFetch: typeof fetch,
  token: (() => string | null) | undefined,
  handlers: LiveHandlers,
): LiveSubscription {
  const controller = new AbortController();
  let closed = false;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const finish = (error: CentralError) => {
    if (closed) return;
    closed = true;
    clearTimeout(watchdog);
    controller.abort();
    handlers.onClose(error);
  };
  const feedWatchdog = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(
      () => finish(new CentralError('offline', 'live updates went silent')),
      handlers.silenceMs ?? 45_000,
    );
    watchdog.unref?.();
  };
  void (async () => {
    const current = token?.();
    if (!current) return finish(new CentralError('unauthorized', 'not signed in'));
    let response: Response;
    try {
      response = await doFetch(baseUrl + LIVE_PATH, {
        headers: { Accept: 'text/event-stream', Authorization: `Bearer ${current}` },
        signal: controller.signal,
      });
    } catch (error) {
      return finish(new CentralError('offline', `live updates unavailable: ${describe(error)}`));
    }
    if (!response.ok || !response.body) {
      return finish(
        new CentralError(
          response.status === 401 ? 'unauthorized' : 'server',
          `live updates refused (HTTP ${response.status})`,
          response.status,
        ),
      );
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    feedWatchdog();
    handlers.onOpen();
    try {
      for (;;) {
        const { value, done } = (await reader.read()) as {
          value?: Uint8Array;
          done: boolean;
        };
        if (done) break;
        feedWatchdog();
        buffer += decoder.decode(value, { stream: true });
        // Bound the buffer: a stream without event boundaries is not an event stream.
        if (buffer.length > 1_000_000) throw new Error('event stream without boundaries');
        let boundary: number;
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (event !== 'changed' || data === undefined) continue;
          let json: unknown;
          try {
            json = JSON.parse(data);
          } catch {
            continue;
          }
          const parsed = LiveEventSchema.safeParse(json);
          if (parsed.success) handlers.onChange(parsed.data.seq);
        }
      }
      finish(new CentralError('offline', 'live updates ended'));
    } catch (error) {
      finish(new CentralError('offline', `live updates interrupted: ${describe(error)}`));
    }
  })();
  return { close: () => finish(new CentralError('offline', 'closed')) };
}

/** The cursor a feed response announces in its headers; null when absent or malformed. */
function feedHead(headers: Headers): FeedHead | null {
  const cursor = headers.get(FEED_CURSOR_HEADER);
  const hasMore = headers.get(FEED_HAS_MORE_HEADER);
  if (cursor === null || !/^[0-9]{1,19}$/.test(cursor)) return null;
  if (hasMore !== 'true' && hasMore !== 'false') return null;
  return { cursor, hasMore: hasMore === 'true' };
}
