/**
 * @module One error vocabulary end to end: every failure leaves the BFF as RFC 9457
 * `application/problem+json`, validation failures with a field list, vendor failures with the
 * vendor's reason, and nothing unexpected ever as a stack trace.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { VendorError } from './vendors/vendor-errors.js';

export interface FieldProblem {
  /** Dotted path of the field, e.g. `organizations.3.name` or `credentials.secret`. */
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Machine-readable code the wizard keys its messages on. */
  code: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

/** An expected failure a route throws; rendered as problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: { errors?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string) => new ProblemError(404, 'not_found', 'Not found', `${what} was not found.`);

/** Any zod error: full zod's and zod/mini's (the contracts' schemas) carry the same issues. */
export function fieldsFromZod(error: z.core.$ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: issue.message,
  }));
}

export function validationProblem(errors: FieldProblem[], detail = 'Some fields need attention.'): ProblemError {
  return new ProblemError(400, 'validation_failed', 'Invalid request', detail, { errors });
}

export function problemResponse(c: Context, problem: Problem): Response {
  return c.newResponse(JSON.stringify(problem), problem.status as ContentfulStatusCode, { 'Content-Type': 'application/problem+json' });
}

/** Admin words for each kind of vendor failure (issue 17 item 7: no "HaloPSA: unavailable: HaloPSA is unavailable"). */
const VENDOR_TITLES: Record<VendorError['code'], string> = {
  invalid_credentials: 'Credentials refused',
  missing_permission: 'Permission missing',
  rate_limited: 'Too many requests for now',
  unavailable: 'Not reachable right now',
  not_found: 'Not found',
  rejected: 'Refused',
  unexpected_answer: 'Unexpected answer',
};

const VENDOR_STATUS: Record<VendorError['code'], ContentfulStatusCode> = {
  invalid_credentials: 422,
  missing_permission: 422,
  rate_limited: 503,
  unavailable: 502,
  not_found: 404,
  rejected: 422,
  unexpected_answer: 502,
};

/** Turns any thrown value into a problem. Unknown errors become a 500 without internals. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemError) {
    return { type: `urn:integration-hub:problem:${error.code}`, title: error.title, status: error.status, code: error.code, detail: error.detail, ...error.extra };
  }
  if (error instanceof VendorError) {
    const field = error.details.field;
    return {
      type: `urn:integration-hub:problem:vendor-${error.code}`,
      // The detail names the vendor and the way on; the title only says what kind of failure (never the vendor twice).
      title: VENDOR_TITLES[error.code],
      status: VENDOR_STATUS[error.code],
      code: `vendor_${error.code}`,
      detail: error.message,
      vendor: error.vendor,
      ...(error.details.retryAfterMs !== undefined ? { retryAfterSeconds: Math.ceil(error.details.retryAfterMs / 1000) } : {}),
      ...(field ? { errors: [{ field: `credentials.${field}`, message: error.message }] } : {}),
    };
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 400 ? 'bad_request' : 'http_error';
    const detail = status === 401 ? 'A valid bearer token is required.' : error.message || undefined;
    return { type: `urn:integration-hub:problem:${code}`, title: titleFor(status), status, code, detail };
  }
  return { type: 'urn:integration-hub:problem:internal', title: 'Internal error', status: 500, code: 'internal', detail: 'Something went wrong on our side. It was logged.' };
}

function titleFor(status: number): string {
  return { 400: 'Bad request', 401: 'Unauthenticated', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict', 413: 'Too large' }[status] ?? 'Request failed';
}
