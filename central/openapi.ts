import { z } from 'zod';
import { ComplaintActionSchema, DossierActionSchema } from '@shared/domain';
import { centralRoutes, LIVE_PATH, LiveEventSchema, ProblemSchema } from '@shared/sync/protocol';
import { CENTRAL_VERSION } from './version';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the server validates with, so
 * the description cannot drift from the behaviour. OpenAPI 3.1 schema objects are JSON Schema
 * 2020-12, which is what z.toJSONSchema produces; request schemas are rendered as the input
 * type (what a client may send, defaults optional), responses as the output type.
 */

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonSchema;
  // The dialect is the document's (jsonSchemaDialect below); a per-schema $schema is noise.
  delete out.$schema;
  return out;
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

function problem(description: string): JsonSchema {
  return { description, content: { 'application/json': { schema: PROBLEM_REF } } };
}

/** Errors every route may answer with, by status. */
const COMMON_ERRORS: Record<string, JsonSchema> = {
  '400': problem('Malformed or invalid request: the message and `path` name the field.'),
  '413': problem('The request body is larger than the limit.'),
  '415': problem('The request body is not JSON.'),
  '500': problem('A server error; details are in the server log.'),
};

const AUTH_ERRORS: Record<string, JsonSchema> = {
  '401': problem('Missing, unknown or expired bearer token: sign in again.'),
  '403': problem('Outside the officer’s scope.'),
};

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function buildOpenApi(): JsonSchema {
  const schemas: Record<string, JsonSchema> = {
    Problem: jsonSchema(ProblemSchema, 'output'),
    LiveEvent: jsonSchema(LiveEventSchema, 'output'),
    // For reference: the actions a mutation carries (checked per mutation, see PushRequest).
    DossierAction: jsonSchema(DossierActionSchema, 'input'),
    ComplaintAction: jsonSchema(ComplaintActionSchema, 'input'),
  };
  const paths: Record<string, Record<string, JsonSchema>> = {};

  for (const [name, route] of Object.entries(centralRoutes)) {
    const responseName = `${pascal(name)}Response`;
    schemas[responseName] = jsonSchema(route.response, 'output');
    const operation: JsonSchema = {
      operationId: name,
      summary: `${route.method} ${route.path}`,
      responses: {
        '200': {
          description: 'Success',
          content: {
            'application/json': { schema: { $ref: `#/components/schemas/${responseName}` } },
          },
        },
        ...COMMON_ERRORS,
        ...(route.auth ? AUTH_ERRORS : {}),
        ...(name === 'login'
          ? {
              '401': problem('Wrong username or password.'),
              '429': problem(
                'Too many failed sign-ins for this username: wait for the Retry-After seconds.',
              ),
            }
          : {}),
        ...(name === 'changes'
          ? {
              '409': problem(
                'The cursor is ahead of the server (its data was reset): sync from 0.',
              ),
            }
          : {}),
      },
    };
    if (route.auth) operation.security = [{ bearer: [] }];
    if ('body' in route) {
      const requestName = `${pascal(name)}Request`;
      schemas[requestName] = jsonSchema(route.body, 'input');
      operation.requestBody = {
        required: true,
        content: {
          'application/json': { schema: { $ref: `#/components/schemas/${requestName}` } },
        },
      };
    }
    if ('query' in route) {
      const query = jsonSchema(route.query, 'input');
      const properties = (query.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((query.required ?? []) as string[]);
      operation.parameters = Object.entries(properties).map(([param, schema]) => ({
        name: param,
        in: 'query',
        required: required.has(param),
        schema,
      }));
    }
    paths[route.path] = { ...(paths[route.path] ?? {}), [route.method.toLowerCase()]: operation };
  }

  paths[LIVE_PATH] = {
    get: {
      operationId: 'live',
      summary: `GET ${LIVE_PATH}`,
      description:
        'Server-sent events. `event: changed` with `data` a LiveEvent (the latest committed seq) is sent on connect and within a second of every commit that concerns the officer; comment lines (`: heartbeat`) keep the stream open. Pull /sync/changes when it arrives.',
      security: [{ bearer: [] }],
      responses: {
        '200': {
          description: 'An event stream',
          content: {
            'text/event-stream': {
              schema: { type: 'string' },
              itemSchema: { $ref: '#/components/schemas/LiveEvent' },
            },
          },
        },
        ...AUTH_ERRORS,
        '503': problem('Too many live listeners; retry later.'),
      },
    },
  };
  paths['/openapi.json'] = {
    get: {
      operationId: 'openapi',
      summary: 'GET /openapi.json',
      description: 'This document.',
      responses: {
        '200': {
          description: 'The OpenAPI 3.1 document',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
  };

  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Một cửa central API',
      version: CENTRAL_VERSION,
      description:
        'The sync protocol of the one-stop workbench (shared/sync/protocol.ts): sign-in, the change feed, exactly-once mutation push and live notifications. Errors are Problems with a 4xx/5xx status.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token returned by POST /auth/login; it expires (Session.expiresAt).',
        },
      },
    },
  };
}
