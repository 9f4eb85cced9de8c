import { describe, expect, it } from 'vitest';
import { centralRoutes, LIVE_PATH } from '@shared/sync/protocol';
import { call, clientId, login, useStorages, useWorldCentral } from './helpers';

/**
 * /openapi.json: a valid OpenAPI 3.1 document, generated from the protocol's zod schemas, that
 * lists every route with its request and response schemas, and whose schemas accept what the
 * server really sends. The document does not depend on the storage, so one server is enough.
 */
const storages = useStorages();

type Json = Record<string, unknown>;
// Matchers typed as unknown (vitest types them as any).
const anyString: unknown = expect.any(String);
const anyObject: unknown = expect.any(Object);

interface ValidateFn {
  (data: unknown): boolean;
  errors?: unknown;
}
interface AjvLike {
  compile(schema: object): ValidateFn;
  addSchema(schema: object, key: string): unknown;
  validateSchema(schema: object): boolean;
  errors?: unknown;
}

/** Ajv (JSON Schema 2020-12) comes with fastify; the schema checks are skipped if it ever does not. */
async function loadAjv(): Promise<AjvLike | null> {
  try {
    const mod = (await import('ajv/dist/2020.js')) as unknown as {
      default: new (options: object) => AjvLike;
    };
    return new mod.default({ strict: false, allErrors: true, validateFormats: false });
  } catch {
    console.warn('openapi.test: ajv is not installed; JSON Schema compilation checks skipped');
    return null;
  }
}

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refs(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else refs(value, out);
    }
  }
  return out;
}

function resolve(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

describe('openapi.json', () => {
  const central = useWorldCentral(storages, 'sqlite');

  it('is an OpenAPI 3.1 document listing every route, with request and response schemas', async () => {
    const reply = await call<Json>(central().url, 'GET', '/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = reply.json;
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.info).toMatchObject({ title: anyString, version: anyString });
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const operationIds = new Set<string>();
    for (const [name, route] of Object.entries(centralRoutes)) {
      const op = paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      if (!op) continue;
      expect(op.operationId).toBe(name);
      operationIds.add(String(op.operationId));
      const responses = op.responses as Record<string, Json>;
      expect(Object.keys(responses)).toEqual(expect.arrayContaining(['200', '400', '500']));
      expect(responses['200']).toMatchObject({
        content: { 'application/json': { schema: { $ref: anyString } } },
      });
      if (route.auth) {
        expect(op.security).toEqual([{ bearer: [] }]);
        expect(responses['401']).toBeDefined();
      } else {
        expect(op.security).toBeUndefined();
      }
      if ('body' in route) {
        expect(op.requestBody).toMatchObject({
          required: true,
          content: { 'application/json': { schema: { $ref: anyString } } },
        });
      } else {
        expect(op.requestBody).toBeUndefined();
      }
    }
    const changes = paths['/sync/changes']?.get as Json;
    expect((changes.parameters as Json[]).map((p) => [p.name, p.in])).toEqual([
      ['since', 'query'],
      ['limit', 'query'],
      ['count', 'query'],
    ]);
    expect(paths[LIVE_PATH]?.get).toMatchObject({
      security: [{ bearer: [] }],
      responses: { '200': { content: { 'text/event-stream': anyObject } } },
    });
    expect(paths['/openapi.json']?.get).toBeDefined();
    expect(operationIds.size).toBe(Object.keys(centralRoutes).length);
    // Every reference resolves inside the document.
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const ref of all) expect(resolve(doc, ref), ref).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('"$defs"');
    expect((doc.components as Json).securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
    });
  });

  it('has schemas that compile as JSON Schema 2020-12 and accept the server’s real answers', async () => {
    const ajv = await loadAjv();
    if (!ajv) return;
    const c = central();
    const doc = (await call<Json>(c.url, 'GET', '/openapi.json')).json;
    const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
    for (const [name, schema] of Object.entries(schemas)) {
      expect(ajv.validateSchema(schema), `${name}: ${JSON.stringify(ajv.errors)}`).toBe(true);
    }
    const validator = (name: string) => ajv.compile(schemas[name] as Json);
    const check = (name: string, data: unknown) => {
      const validate = validator(name);
      expect(validate(data), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    check('HealthResponse', (await call(c.url, 'GET', '/health')).json);
    check('LoginRequest', { username: 'lead_b', password: 'x' });
    const session = await login(c.url, 'lead_b');
    check('LoginResponse', session);
    check(
      'ChangesResponse',
      (await call(c.url, 'GET', '/sync/changes?limit=5000&count=1', { token: session.token })).json,
    );
    const pushBody = {
      clientId: clientId('openapi'),
      mutations: [
        {
          seq: 1,
          id: 'oa-1',
          baseVersion: 1,
          at: Date.now(),
          target: { entity: 'dossier', id: 'b-new-5', action: { type: 'accept' } },
        },
        {
          seq: 2,
          id: 'oa-2',
          baseVersion: 1,
          at: Date.now(),
          target: { entity: 'dossier', id: 'b-new-5', action: { type: 'return_result' } },
        },
      ],
    };
    check('PushRequest', pushBody);
    check('DossierAction', pushBody.mutations[0]?.target.action);
    const pushed = await call(c.url, 'POST', '/sync/push', {
      token: session.token,
      body: pushBody,
    });
    check('PushResponse', pushed.json);
    check(
      'Problem',
      (await call(c.url, 'GET', '/sync/changes?limit=0', { token: session.token })).json,
    );
    check(
      'LogoutResponse',
      (await call(c.url, 'POST', '/auth/logout', { token: session.token })).json,
    );
    // And refuse what the server refuses.
    expect(validator('LoginRequest')({ username: 5, password: 'x' })).toBe(false);
    expect(validator('PushRequest')({ ...pushBody, extra: 1 })).toBe(false);
    expect(
      validator('ChangesResponse')({ changes: [], removals: [], cursor: 'abc', hasMore: false }),
    ).toBe(false);
  });
});
