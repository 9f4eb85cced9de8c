import {
  isMethodName,
  methods,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '@shared/contract/api';
import { ApiFailure, describeIssues, fail, ok, type Envelope } from '@shared/contract/envelope';
import { inputProblem } from '@shared/contract/input-guard';

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export type Dispatch = (method: unknown, input: unknown) => Promise<Envelope<unknown>>;

export interface DispatchOptions {
  /** Where unexpected errors are reported; their detail never crosses the boundary. */
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * The single entry point of both hosts: IPC handlers and HTTP routes only move bytes and call
 * this. It never throws: unknown methods, malformed input and service failures all come back as
 * a failed envelope that names what is wrong. Input is checked before any handler runs, so a bad
 * request cannot reach the store: first what every method refuses (nesting too deep for the
 * schemas' recursive parse, text no store can keep, `__proto__` keys: input-guard.ts), then the
 * method's zod schema. Everything, the checks included, runs inside the one `try`.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (method, input) => {
    let name = 'input';
    try {
      if (!isMethodName(method)) {
        const shown = typeof method === 'string' ? method.slice(0, 100) : typeof method;
        return fail('UNKNOWN_METHOD', `unknown method: ${shown}`);
      }
      name = method;
      const problem = inputProblem(input);
      if (problem) {
        return fail('BAD_REQUEST', `${method}: ${problem.path || 'input'}: ${problem.message}`, {
          path: problem.path,
        });
      }
      const spec = methods[method];
      const parsed = spec.input.safeParse(input === undefined ? {} : input);
      if (!parsed.success) {
        const { message, path } = describeIssues(parsed.error.issues);
        return fail('BAD_REQUEST', `${method}: ${message}`, { path });
      }
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return ok(value);
    } catch (error) {
      if (error instanceof ApiFailure) {
        return fail(error.code, error.message, error.rule ? { rule: error.rule } : {});
      }
      options.onInternalError?.(name, error);
      return fail('INTERNAL', `${name} failed unexpectedly; the details are in the app's log`);
    }
  };
}

/** HTTP status for each error code, for the browser host and the central API. */
export const HTTP_STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RULE_VIOLATION: 422,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
