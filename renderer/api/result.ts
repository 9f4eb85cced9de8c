import type { ApiError, Envelope, ErrorCode } from '@shared/contract/envelope';

/**
 * The contract's error codes, checked by hand: importing the zod schemas would pull all of zod
 * into the renderer's bundle for this one check. `Record<ErrorCode, …>` keeps the list complete.
 */
const KNOWN_ERROR_CODES: Readonly<Record<ErrorCode, true>> = {
  BAD_REQUEST: true,
  UNKNOWN_METHOD: true,
  NOT_FOUND: true,
  UNAUTHORIZED: true,
  FORBIDDEN: true,
  CONFLICT: true,
  RULE_VIOLATION: true,
  UNAVAILABLE: true,
  INTERNAL: true,
};

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message, rule, path } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    Object.hasOwn(KNOWN_ERROR_CODES, code) &&
    typeof message === 'string' &&
    (rule === undefined || typeof rule === 'string') &&
    (path === undefined || typeof path === 'string')
  );
}

/**
 * What the UI gets back from any call: the value, or an error it can translate and show.
 * Transports never throw at the UI: a dropped connection or a garbled answer becomes an error of
 * the same shape as the host's own refusals, so every screen has exactly one failure path.
 */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(error: ApiError): Result<never> {
  return { ok: false, error };
}

/** Accepts only a well-formed envelope; anything else from a host is itself an error. */
export function parseEnvelope(body: unknown): Envelope<unknown> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    if (body.ok === true && 'value' in body) return { ok: true, value: body.value };
    if (body.ok === false && 'error' in body && isApiError(body.error)) {
      const { code, message, rule, path } = body.error;
      return {
        ok: false,
        error: {
          code,
          message,
          ...(rule === undefined ? {} : { rule }),
          ...(path === undefined ? {} : { path }),
        },
      };
    }
  }
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: 'the host answered with something that is not an envelope',
    },
  };
}

/** Turns a pending envelope (which may still reject, e.g. a dead IPC channel) into a Result. */
export async function settle<T>(pending: Promise<Envelope<T>>): Promise<Result<T>> {
  try {
    const envelope = await pending;
    return envelope.ok ? success(envelope.value) : failure(envelope.error);
  } catch (error) {
    return failure({ code: 'UNAVAILABLE', message: describeThrown(error) });
  }
}

export function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : 'unknown failure';
}
