import { z } from 'zod';

/**
 * Every boundary answers with an envelope rather than throwing: Electron drops everything but
 * the message of an error thrown across IPC, and HTTP needs a body the client can read anyway.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'RULE_VIOLATION',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ApiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** For RULE_VIOLATION: the domain rule that refused the action, for the UI to translate. */
  rule: z.string().optional(),
  /** For BAD_REQUEST: where in the input the problem is, e.g. "filter.status[0]". */
  path: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, extra?: Partial<ApiError>): Envelope<never> {
  return { ok: false, error: { code, message, ...extra } };
}

/** Thrown inside services; the dispatcher turns it into a failed envelope. */
export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly rule: string | undefined;
  constructor(code: ErrorCode, message: string, rule?: string) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
    this.rule = rule;
  }
}

/** Turns zod issues into one readable sentence that names the field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): {
  message: string;
  path: string;
} {
  const first = issues[0];
  if (!first) return { message: 'invalid input', path: '' };
  const path = formatPath(first.path);
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})`
      : '';
  return { message: `${path || 'input'}: ${first.message}${more}`, path };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
