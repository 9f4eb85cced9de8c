/**
 * Errors that mean "the database cannot be reached right now", as opposed to a bug: a lost or
 * refused connection, a server shutting down or restarting, a backend terminated by an operator
 * (pg_terminate_backend), no connection free in time, a busy SQLite file. The API answers these
 * with 503 and Retry-After (the client retries; nothing was decided twice, see push.ts), never
 * with a 500.
 */

/** PostgreSQL SQLSTATEs of connection loss, shutdown and overload (class 08, 57P, 53300). */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-4]|53300|53400)$/;
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
  'Cannot use a pool after calling end',
  'the database system is',
  'is not currently accepting connections',
];

export function isUnavailableError(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_NODE_CODES.has(code)) return true;
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) {
    return true;
  }
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isUnavailableError(cause);
}

/** The database could not be reached (after the retries the caller allowed itself). */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
