import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { describeIssues } from '@shared/contract/envelope';
import { inputProblem, jsonNestingExceeds, MAX_INPUT_DEPTH } from '@shared/contract/input-guard';
import { OfficerSchema, type Officer } from '@shared/model';
import {
  ACCESS_LOG_CSV_PATH,
  AccessLogQuerySchema,
  AUDIT_CSV_PATH,
  AuditCsvQuerySchema,
  centralRoutes,
  LIVE_PATH,
  METRICS_PATH,
  type Problem,
} from '@shared/sync/protocol';
import { systemClock } from '@shared/clock';
import { AccessDeniedError, accessLogCsv, pushAccess, readAccessLog } from './access-log';
import { auditCsv, verifyAuditTrail } from './audit';
import type { z } from 'zod';
import type { Accounts } from './auth';
import { scopeOf, subtree, type Directory } from './directory';
import { CursorAheadError, FeedPageCheck, feedPageJson, FeedPages } from './feed';
import type { LiveHub } from './live';
import type { CentralMetrics } from './metrics';
import { buildOpenApi } from './openapi';
import { ClientOwnershipError, PushUnavailableError, type PushService } from './push';
import { isUnavailableError } from './store/errors';
import { CENTRAL_MIGRATIONS } from './store/migrations';
import type { CentralStore } from './store/store';

/**
 * The HTTP face of the central API (Fastify). Routes come from `centralRoutes` in the protocol:
 * each request's params, query and body are parsed with its zod schemas before a handler runs,
 * and each response is parsed with its response schema before it is sent, so a client receives
 * either a valid answer or a Problem `{error: {code, message, path?}}`, never something else.
 *
 *  - Bodies are JSON only, at most `bodyLimit` bytes (413 beyond, always delivered: a body
 *    declared too large with `Expect: 100-continue` is refused before it is sent, and the rest of
 *    one being sent is read and dropped after the answer instead of the connection being reset
 *    under the client, which would lose the answer); malformed or truncated JSON is a 400 that
 *    says so; so is JSON nested too deep, text no database can keep (NUL, half a surrogate pair)
 *    and `__proto__` keys anywhere in it (shared/contract/input-guard.ts); unknown fields are
 *    refused by the protocol's strict objects (400 naming the field). A request refused at the
 *    boundary never reaches the store.
 *  - A response that fails its own schema is a server bug: 500, logged, and the invalid body is
 *    never sent.
 *  - Auth routes take `Authorization: Bearer <token>`: 401 when missing, unknown or expired.
 *  - A database that cannot be reached (lost, restarting, every connection busy) is a 503 with
 *    Retry-After, never a 500: the client retries, and nothing it sent is decided twice.
 *  - Logs are JSON lines (pino) of what was asked and answered — route, status, time — and of
 *    server errors; never bodies, tokens or the records' contents (citizens' names, ID numbers,
 *    phones), which is why a failing response is logged by its schema problem, not its value.
 */

export interface ServerDeps {
  readonly store: CentralStore;
  readonly accounts: Accounts;
  readonly directory: Directory;
  readonly live: LiveHub;
  readonly pusher: PushService;
  readonly metrics: CentralMetrics;
  readonly bodyLimit: number;
  readonly log: (line: string) => void;
  /** Structured logs (pino); false: none. */
  readonly logger: FastifyBaseLogger | false;
  /** Log one line per answered request (at info). */
  readonly logRequests: boolean;
  /**
   * The reverse proxies whose `X-Forwarded-For` names the client: their addresses or CIDRs,
   * comma-separated (Fastify's `trustProxy`); absent: none, the connection's address is the
   * client's. Sign-in limits per address need the real client behind a reverse proxy.
   */
  readonly trustProxy?: string;
}

/** Seconds a client is asked to wait before retrying a 503. */
const RETRY_AFTER_SECONDS = '2';

export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly path: string | undefined;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    code: string,
    message: string,
    extra: { path?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
    this.status = status;
    this.code = code;
    this.path = extra.path;
    this.headers = extra.headers ?? {};
  }
}

function problemBody(code: string, message: string, path?: string): Problem {
  return { error: { code, message, ...(path ? { path } : {}) } };
}

function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  for (const [name, value] of Object.entries(problem.headers)) void reply.header(name, value);
  return reply
    .code(problem.status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(problemBody(problem.code, problem.message, problem.path)));
}

const UNAUTHORIZED_HEADERS = { 'www-authenticate': 'Bearer realm="central"' };

export interface AuthContext {
  readonly token: string;
  readonly officer: Officer;
  readonly scope: string[];
}

function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header === undefined) {
    throw new HttpProblem(401, 'UNAUTHORIZED', 'sign in first: no Authorization header', {
      headers: UNAUTHORIZED_HEADERS,
    });
  }
  const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!match?.[1]) {
    throw new HttpProblem(
      401,
      'UNAUTHORIZED',
      'the Authorization header must be "Bearer <token>"',
      {
        headers: UNAUTHORIZED_HEADERS,
      },
    );
  }
  return match[1];
}

/** `body.mutations[0].seq`: where a problem is, the way a developer would write it. */
function formatPath(where: string, path: readonly PropertyKey[]): string {
  let out = where;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

/**
 * Parses input or throws a 400 naming the first problem's field. An unknown field is named
 * itself (`body.admin: unknown field`), not as a problem of the object that holds it.
 */
function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const issue = issues[0];
  let path = formatPath(where, issue?.path ?? []);
  let message = issue?.message ?? 'invalid input';
  if (issue?.code === 'unrecognized_keys') {
    path = formatPath(path, [issue.keys[0] ?? '']);
    message =
      issue.keys.length === 1
        ? 'unknown field'
        : `unknown fields ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new HttpProblem(400, 'BAD_REQUEST', `${path}: ${message}${more}`, { path });
}

/** `body.mutations[0]` from a guard's path (`mutations[0]`). */
function within(where: string, path: string): string {
  if (path === '') return where;
  return path.startsWith('[') ? `${where}${path}` : `${where}.${path}`;
}

/**
 * Whether a body is absent: routes without a body schema take none (an empty object is read as
 * none too; JSON `null` is a body, refused like any other).
 */
function isEmptyBody(body: unknown): boolean {
  if (body === undefined) return true;
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    Object.keys(body).length === 0
  );
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { store, accounts, directory, live, log } = deps;
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // One line per answered request is ours (onResponse below): route, status and time only.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimit,
    trustProxy: deps.trustProxy ?? false,
    // A client that stops sending half-way through a body is cut off instead of holding a socket.
    requestTimeout: 30_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: false },
  });
  // Node answers `Expect: 100-continue` with "100 Continue" unless told otherwise, inviting a body
  // that is then refused: a body declared too large gets the 413 without that invitation.
  app.server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (!(declared > deps.bodyLimit)) res.writeContinue();
    app.server.emit('request', req, res);
  });
  const openapi = JSON.stringify(buildOpenApi());
  const feedCheck = new FeedPageCheck();
  const feedPages = new FeedPages(store, (read) => feedCheck.check(read).success);

  // Our own JSON parser: the same limit, a Problem that says what is wrong, and an empty body
  // read as "no body" (logout may be sent with or without one).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: deps.bodyLimit },
    (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      if (jsonNestingExceeds(text)) {
        done(
          new HttpProblem(
            400,
            'BAD_REQUEST',
            `the request body is nested more than ${MAX_INPUT_DEPTH} levels deep`,
            { path: 'body' },
          ),
          undefined,
        );
        return;
      }
      try {
        const value = JSON.parse(text) as unknown;
        const problem = inputProblem(value);
        if (problem) {
          const path = within('body', problem.path);
          done(
            new HttpProblem(400, 'BAD_REQUEST', `${path}: ${problem.message}`, { path }),
            undefined,
          );
          return;
        }
        done(null, value);
      } catch (error) {
        done(
          new HttpProblem(
            400,
            'BAD_REQUEST',
            `the request body is not valid JSON (truncated or malformed): ${(error as Error).message}`,
          ),
          undefined,
        );
      }
    },
  );

  app.setErrorHandler((error: FastifyError | HttpProblem | Error, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error);
    if (error instanceof PushUnavailableError || isUnavailableError(error)) {
      return sendProblem(
        reply,
        new HttpProblem(
          503,
          'UNAVAILABLE',
          error instanceof PushUnavailableError
            ? error.message
            : 'the database cannot be reached now: retry in a moment',
          { headers: { 'retry-after': RETRY_AFTER_SECONDS } },
        ),
      );
    }
    const status =
      'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 413) {
      // Fastify asks to close the connection here (and Node does for an unanswered `Expect`),
      // which resets it under a client still sending its body: the answer is then lost. Kept
      // open, Node reads the rest and drops it; `requestTimeout` bounds how long.
      void reply.header('connection', 'keep-alive');
      request.raw.resume();
      return sendProblem(
        reply,
        new HttpProblem(
          413,
          'PAYLOAD_TOO_LARGE',
          `the request body is larger than ${deps.bodyLimit} bytes`,
        ),
      );
    }
    if (status === 415) {
      return sendProblem(
        reply,
        new HttpProblem(
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          'the request body must be JSON (Content-Type: application/json)',
        ),
      );
    }
    if (status >= 400 && status < 500) {
      return sendProblem(reply, new HttpProblem(status, 'BAD_REQUEST', error.message));
    }
    log(`[central] ${request.method} ${request.url}: ${error.stack ?? String(error)}`);
    return sendProblem(
      reply,
      new HttpProblem(500, 'INTERNAL', 'the server failed to answer; the details are in its log'),
    );
  });

  const knownPaths = new Map<string, string[]>();
  for (const route of Object.values(centralRoutes)) {
    knownPaths.set(route.path, [...(knownPaths.get(route.path) ?? []), route.method]);
  }
  knownPaths.set(LIVE_PATH, ['GET']);
  knownPaths.set(METRICS_PATH, ['GET']);
  knownPaths.set('/openapi.json', ['GET']);

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    deps.metrics.request(request.method, route, reply.statusCode, seconds);
    if (deps.logRequests) {
      request.log.info(
        {
          method: request.method,
          route,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'answered',
      );
    }
    done();
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = knownPaths.get(path);
    if (allowed) {
      return sendProblem(
        reply,
        new HttpProblem(405, 'METHOD_NOT_ALLOWED', `${path} answers ${allowed.join(', ')}`, {
          headers: { allow: allowed.join(', ') },
        }),
      );
    }
    return sendProblem(
      reply,
      new HttpProblem(404, 'NOT_FOUND', `no such endpoint: ${path.slice(0, 200)}`),
    );
  });

  async function authenticate(request: FastifyRequest): Promise<AuthContext> {
    const token = bearerToken(request);
    const session = await accounts.authenticate(token);
    if (!session) {
      throw new HttpProblem(
        401,
        'UNAUTHORIZED',
        'the session is unknown or has expired: sign in again',
        {
          headers: UNAUTHORIZED_HEADERS,
        },
      );
    }
    const dir = await directory.current();
    const officer = dir.officers.get(session.officerId);
    if (!officer) {
      throw new HttpProblem(401, 'UNAUTHORIZED', 'the officer of this session no longer exists', {
        headers: UNAUTHORIZED_HEADERS,
      });
    }
    return { token, officer, scope: scopeOf(dir, officer) };
  }

  /**
   * Registers one protocol route: validation in, handler, validation out. The handler returns
   * the response's input type; what is sent is the schema's parse of it. A route whose answer
   * is partly JSON text already (the feed's stored records) returns it with `answer.wire`:
   * `value` is what the schema checks, `body` writes the text that is sent.
   */
  function route<
    S extends (typeof centralRoutes)[keyof typeof centralRoutes],
    Out = z.input<S['response']>,
  >(
    spec: S,
    handler: (
      input: {
        body: S extends { body: z.ZodType } ? z.output<S['body']> : undefined;
        query: S extends { query: z.ZodType } ? z.output<S['query']> : undefined;
        auth: S['auth'] extends true ? AuthContext : null;
      },
      request: FastifyRequest,
    ) => Promise<Out>,
    answer: {
      wire?: { value: (out: Out) => z.input<S['response']>; body: (out: Out) => string };
      /** Headers that say something of the answer before its body is read (the feed's cursor). */
      headersOf?: (value: z.output<S['response']>) => Record<string, string>;
      /**
       * An answer prepared and checked with this route's response schema before it was asked
       * for (a feed page read ahead): its body and headers, sent as they are. Null: check `out`.
       */
      prepared?: (out: Out) => { body: string; headers: Record<string, string> } | null;
      /** The response schema's verdict on `out`, reached with less work (the feed's pages). */
      check?: (out: Out) => z.ZodSafeParseResult<z.output<S['response']>>;
    } = {},
  ): void {
    app.route({
      method: spec.method,
      url: spec.path,
      handler: async (request, reply) => {
        const auth = spec.auth ? await authenticate(request) : null;
        const query =
          'query' in spec ? parseOr400(spec.query, request.query ?? {}, 'query') : undefined;
        let body: unknown;
        if ('body' in spec) {
          if (request.body === undefined) {
            throw new HttpProblem(400, 'BAD_REQUEST', 'body: a JSON body is required', {
              path: 'body',
            });
          }
          body = parseOr400(spec.body, request.body, 'body');
        } else if (!isEmptyBody(request.body)) {
          throw new HttpProblem(400, 'BAD_REQUEST', 'body: this endpoint takes no body', {
            path: 'body',
          });
        }
        if (!('query' in spec) && !isEmptyBody(request.query)) {
          throw new HttpProblem(
            400,
            'BAD_REQUEST',
            'query: this endpoint takes no query parameters',
            {
              path: 'query',
            },
          );
        }
        const out = await handler({ body, query, auth } as Parameters<typeof handler>[0], request);
        const ready = answer.prepared?.(out);
        if (ready) {
          for (const [name, value] of Object.entries(ready.headers)) void reply.header(name, value);
          return reply
            .code(200)
            .header('content-type', 'application/json; charset=utf-8')
            .header('cache-control', 'no-store')
            .send(ready.body);
        }
        const checked = answer.check
          ? answer.check(out)
          : spec.response.safeParse(answer.wire ? answer.wire.value(out) : out);
        if (!checked.success) {
          const { message } = describeIssues(checked.error.issues);
          log(`[central] invalid response from ${spec.method} ${spec.path}: ${message}`);
          throw new HttpProblem(
            500,
            'INTERNAL',
            'the server produced an invalid answer; the details are in its log',
          );
        }
        for (const [name, value] of Object.entries(
          answer.headersOf?.(checked.data as z.output<S['response']>) ?? {},
        ))
          void reply.header(name, value);
        return reply
          .code(200)
          .header('content-type', 'application/json; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(answer.wire ? answer.wire.body(out) : JSON.stringify(checked.data));
      },
    });
  }

  // Alive: answers without asking the database (a load balancer's liveness probe); the head is
  // the latest this instance knows of.
  route(centralRoutes.health, () =>
    Promise.resolve({ ok: true as const, storage: store.kind, seq: String(store.knownHead) }),
  );

  // Ready: the database answers, and its schema is this server's.
  const schemaVersion = CENTRAL_MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
  route(centralRoutes.ready, async () => {
    let found: number;
    let head: number;
    try {
      [found, head] = await Promise.all([store.schemaVersion(), store.head()]);
    } catch (error) {
      throw new HttpProblem(
        503,
        'NOT_READY',
        `the database cannot be reached: ${isUnavailableError(error) ? 'connection failed' : 'query failed'}`,
        { headers: { 'retry-after': RETRY_AFTER_SECONDS } },
      );
    }
    if (found !== schemaVersion) {
      throw new HttpProblem(
        503,
        'NOT_READY',
        `the database schema is at version ${found}, this server needs ${schemaVersion}: ${found > schemaVersion ? 'run the newer server' : 'restart to migrate'}`,
        { headers: { 'retry-after': RETRY_AFTER_SECONDS } },
      );
    }
    const listening = store.listening;
    return {
      ok: true as const,
      storage: store.kind,
      schemaVersion: found,
      seq: String(head),
      live:
        listening === null
          ? ('local' as const)
          : listening
            ? ('listening' as const)
            : ('reconnecting' as const),
    };
  });

  app.get(METRICS_PATH, async (request, reply) => {
    if (!isEmptyBody(request.query)) {
      throw new HttpProblem(400, 'BAD_REQUEST', 'query: this endpoint takes no query parameters', {
        path: 'query',
      });
    }
    return reply
      .header('content-type', deps.metrics.contentType)
      .header('cache-control', 'no-store')
      .send(await deps.metrics.text());
  });

  route(centralRoutes.login, async ({ body }, request) => {
    const outcome = await accounts.login(body.username, body.password, request.ip);
    if (!outcome.ok && outcome.retryAfterMs !== undefined) {
      const seconds = Math.ceil(outcome.retryAfterMs / 1000);
      const from = outcome.throttled === 'address' ? 'from this address' : 'for this username';
      throw new HttpProblem(
        429,
        'TOO_MANY_ATTEMPTS',
        `too many failed sign-ins ${from}: try again in ${Math.ceil(seconds / 60)} minute(s)`,
        { headers: { 'retry-after': String(seconds) } },
      );
    }
    if (!outcome.ok) {
      throw new HttpProblem(401, 'INVALID_CREDENTIALS', 'wrong username or password');
    }
    const dir = await directory.current();
    const officer = dir.officers.get(outcome.officerId);
    if (!officer) {
      throw new HttpProblem(401, 'INVALID_CREDENTIALS', 'wrong username or password');
    }
    return {
      token: outcome.token,
      expiresAt: outcome.expiresAt,
      officer: OfficerSchema.parse(officer),
      scopeUnitIds: scopeOf(dir, officer),
    };
  });

  route(centralRoutes.logout, async ({ auth }) => {
    await accounts.logout(auth.token);
    return { ok: true as const };
  });

  route(
    centralRoutes.changes,
    async ({ query, auth }) => {
      try {
        const read = await feedPages.page({
          scope: auth.scope,
          since: Number(query.since),
          limit: query.limit,
          count: query.count === '1',
        });
        deps.metrics.feed(
          Math.max(0, store.knownHead - Number(query.since)),
          'body' in read ? read.rows : read.page.changes.length + read.page.removals.length,
        );
        return read;
      } catch (error) {
        if (error instanceof CursorAheadError)
          throw new HttpProblem(409, 'CURSOR_AHEAD', error.message);
        throw error;
      }
    },
    {
      // Checked as parsed; sent with each record's stored text (the same JSON values).
      wire: {
        value: (read) =>
          'body' in read
            ? { changes: [], removals: [], cursor: read.cursor, hasMore: read.hasMore }
            : read.page,
        body: (read) => ('body' in read ? read.body : feedPageJson(read)),
      },
      check: (read) =>
        'body' in read
          ? centralRoutes.changes.response.safeParse({
              changes: [],
              removals: [],
              cursor: read.cursor,
              hasMore: read.hasMore,
            })
          : feedCheck.check(read),
      prepared: (read) =>
        'body' in read
          ? {
              body: read.body,
              headers: { 'feed-cursor': read.cursor, 'feed-has-more': String(read.hasMore) },
            }
          : null,
      // A client reading a long feed asks for the next page as soon as it has these, while it
      // still parses this one (the body says the same; it stays the authority).
      headersOf: (page) => ({ 'feed-cursor': page.cursor, 'feed-has-more': String(page.hasMore) }),
    },
  );

  route(centralRoutes.push, async ({ body, auth }) => {
    try {
      return await deps.pusher.push({ officer: auth.officer, scope: auth.scope }, body);
    } catch (error) {
      if (error instanceof ClientOwnershipError)
        throw new HttpProblem(403, 'FORBIDDEN', error.message);
      throw error;
    }
  });

  route(centralRoutes.accessPush, async ({ body, auth }) => {
    try {
      const dir = await directory.current();
      return { results: await pushAccess(store, dir, auth, body, systemClock()) };
    } catch (error) {
      if (error instanceof ClientOwnershipError)
        throw new HttpProblem(403, 'FORBIDDEN', error.message);
      throw error;
    }
  });

  const denied = (error: unknown): never => {
    if (error instanceof AccessDeniedError) throw new HttpProblem(403, 'FORBIDDEN', error.message);
    throw error;
  };

  route(centralRoutes.accessLog, async ({ query, auth }) => {
    const dir = await directory.current();
    return readAccessLog(store, dir, auth, query).catch(denied);
  });

  /** CSV exports: UTF-8 with a BOM, so Excel reads Vietnamese text as it is. */
  const sendCsv = (reply: FastifyReply, name: string, text: string) =>
    reply
      .code(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(text);

  app.get(ACCESS_LOG_CSV_PATH, async (request, reply) => {
    const auth = await authenticate(request);
    const {
      limit: _limit,
      before: _before,
      ...query
    } = parseOr400(AccessLogQuerySchema, request.query ?? {}, 'query');
    const dir = await directory.current();
    const text = await accessLogCsv(store, dir, auth, query).catch(denied);
    return sendCsv(reply, 'nhat-ky-truy-cap.csv', text);
  });

  const administrator = (auth: AuthContext) => {
    if (!auth.officer.roles.includes('administrator')) {
      throw new HttpProblem(403, 'FORBIDDEN', 'the audit trail is for administrators');
    }
  };

  route(centralRoutes.auditVerify, async ({ auth }) => {
    administrator(auth);
    return verifyAuditTrail(store);
  });

  app.get(AUDIT_CSV_PATH, async (request, reply) => {
    const auth = await authenticate(request);
    administrator(auth);
    const query = parseOr400(AuditCsvQuerySchema, request.query ?? {}, 'query');
    const dir = await directory.current();
    const units = query.unitId !== undefined ? [query.unitId] : [...auth.scope];
    const readable = new Set([...auth.scope, ...subtree(dir, auth.officer.unitId)]);
    if (units.some((u) => !readable.has(u))) {
      throw new HttpProblem(403, 'FORBIDDEN', `unit ${query.unitId ?? ''} is outside your units`);
    }
    return sendCsv(reply, 'nhat-ky-ho-so.csv', await auditCsv(store, { ...query, units }));
  });

  app.get(LIVE_PATH, async (request, reply) => {
    const auth = await authenticate(request);
    if (!isEmptyBody(request.query)) {
      throw new HttpProblem(400, 'BAD_REQUEST', 'query: this endpoint takes no query parameters', {
        path: 'query',
      });
    }
    reply.hijack();
    const opened = live.open(reply.raw, auth.officer.id, auth.scope);
    if (!opened.ok) {
      const body = JSON.stringify(problemBody('UNAVAILABLE', opened.reason));
      reply.raw.writeHead(503, {
        'content-type': 'application/json; charset=utf-8',
        'retry-after': '5',
        'content-length': Buffer.byteLength(body),
      });
      reply.raw.end(body);
    }
  });

  app.get('/openapi.json', async (request, reply) => {
    if (!isEmptyBody(request.query)) {
      throw new HttpProblem(400, 'BAD_REQUEST', 'query: this endpoint takes no query parameters', {
        path: 'query',
      });
    }
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(openapi);
  });

  app.addHook('preClose', (done) => {
    live.close();
    done();
  });

  return app;
}
