/**
 * @module What every ConnectWise PSA answer shares: the documented error body
 * `{code, message, errors:[{code, message, resource, field}]}`, Basic auth of
 * `company+publicKey:privateKey` with the mandatory `clientId` header, `page`/`pageSize` paging
 * (at most 1,000 a page) with `conditions`/`childConditions`/`orderBy` and a navigable `Link` header,
 * `/count` beside each list, and `fields=` trimming every read to the fields asked for. Unset fields
 * are left out of answers rather than sent as null, as ConnectWise does (the tables keep nulls).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConditionsError, filterOf } from './connectwise-conditions.js';
import { SANDBOX_CLIENT_ID, SANDBOX_COMPANY_ID, SANDBOX_PRIVATE_KEY, SANDBOX_PUBLIC_KEY } from './connectwise.seed.js';

export const MAX_PAGE_SIZE = 1_000;
/** ConnectWise's default page size when none is asked for. */
export const DEFAULT_PAGE_SIZE = 25;

export interface FieldError { code: string; message: string; resource: string; field: string }

export function cwError(c: Context, status: number, code: string, message: string, errors?: FieldError[]): Response {
  return c.json(errors ? { code, message, errors } : { code, message }, status as ContentfulStatusCode);
}

/** A 400 `InvalidObject` naming the fields, as ConnectWise answers a refused write. */
export function invalidObject(c: Context, resource: string, errors: Array<{ field: string; message: string; code?: string }>): Response {
  return cwError(c, 400, 'InvalidObject', `${resource} object is invalid`, errors.map((e) => ({ code: e.code ?? 'InvalidField', message: e.message, resource, field: e.field })));
}

export function notFound(c: Context, what: string, id: string | number): Response {
  return cwError(c, 404, 'NotFound', `${what} ID ${id} not found`);
}

/** Any path the API does not have: ConnectWise's JSON error, never a framework's text page. */
export function unknownPath(c: Context): Response {
  return cwError(c, 404, 'NotFound', `The resource ${c.req.path} was not found.`);
}

/** A copy without null or undefined members, at every depth: ConnectWise leaves unset fields out. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (inner !== null && inner !== undefined) out[key] = withoutNulls(inner);
  return out;
}

/**
 * Only the fields listed in `fields=` (`id,name,board/name`): a path into a reference keeps that
 * member alone; through an array, each element keeps it. No list: the whole record.
 */
export function pickFields(record: unknown, fields: string | undefined): unknown {
  const paths = (fields ?? '').split(',').map((f) => f.trim()).filter(Boolean).map((f) => f.split('/'));
  if (!paths.length) return record;
  const pick = (value: unknown, wanted: string[][]): unknown => {
    if (Array.isArray(value)) return value.map((item) => pick(item, wanted));
    if (!value || typeof value !== 'object') return value;
    if (wanted.some((p) => p.length === 0)) return value;
    const out: Record<string, unknown> = {};
    for (const key of new Set(wanted.map((p) => p[0]!))) {
      if (!(key in value)) continue;
      out[key] = pick((value as Record<string, unknown>)[key], wanted.filter((p) => p[0] === key).map((p) => p.slice(1)));
    }
    return out;
  };
  return pick(record, paths);
}

/** One record as ConnectWise answers it: nulls left out, trimmed to `fields=` on reads. */
export function answer(c: Context, body: unknown, status: 200 | 201 = 200): Response {
  const trimmed = c.req.method === 'GET' ? pickFields(body, c.req.query('fields')) : body;
  return c.json(withoutNulls(trimmed) as object, status);
}

/**
 * Basic `company+public:private` and the `clientId` header. ASSUMPTION (facts file: "calls
 * without it are refused"; body not documented): a missing or unregistered clientId answers 401
 * with code `InvalidClientId`, wrong keys answer 401 `UserNotAuthenticated` (the code integrations
 * report seeing).
 */
export function basicAuth(): MiddlewareHandler {
  return async (c, next) => {
    const clientId = c.req.header('clientId');
    if (!clientId) return cwError(c, 401, 'InvalidClientId', 'A clientId header is required. Register one at https://developer.connectwise.com/ClientID.');
    if (clientId !== SANDBOX_CLIENT_ID) return cwError(c, 401, 'InvalidClientId', `The clientId ${clientId} is not registered.`);
    const header = c.req.header('Authorization') ?? '';
    const match = /^Basic\s+(.+)$/i.exec(header);
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const [user = '', privateKey = ''] = splitOnce(decoded, ':');
    const [company = '', publicKey = ''] = splitOnce(user, '+');
    const ok = company.toLowerCase() === SANDBOX_COMPANY_ID && publicKey === SANDBOX_PUBLIC_KEY && privateKey === SANDBOX_PRIVATE_KEY;
    if (!ok) return cwError(c, 401, 'UserNotAuthenticated', 'The user could not be authenticated.');
    return next();
  };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

/** Reads a path like `name` or `company/name` for orderBy. */
function fieldOf(record: unknown, path: string): unknown {
  return path.split('/').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), record);
}

/**
 * Answers one page of `rows` filtered by the request's conditions: `page` from 1, `pageSize` up to
 * 1,000 (ASSUMPTION: more is refused with a 400 rather than capped, so an adapter asking for too
 * much is caught), and a `Link` header with next/last (omitted on the last page).
 */
export function pageOf<T>(c: Context, rows: readonly T[], resource: string): Response {
  const q = c.req.query();
  const filter = conditionsOf(c, resource);
  if (filter instanceof Response) return filter;
  const page = q.page === undefined ? 1 : Number(q.page);
  const size = q.pageSize === undefined ? DEFAULT_PAGE_SIZE : Number(q.pageSize);
  if (!Number.isInteger(page) || page < 1) return invalidObject(c, resource, [{ field: 'page', message: 'page must be a whole number of at least 1' }]);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    return invalidObject(c, resource, [{ field: 'pageSize', message: `pageSize must be between 1 and ${MAX_PAGE_SIZE}` }]);
  }
  let found = rows.filter(filter);
  if (q.orderBy) {
    const [path = 'id', direction = 'asc'] = q.orderBy.trim().split(/\s+/);
    const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
    // Keys read once per row, not once per comparison.
    found = found.map((row) => ({ row, key: fieldOf(row, path) as string | number }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * sign)
      .map((x) => x.row);
  }
  const last = Math.max(1, Math.ceil(found.length / size));
  const slice = found.slice((page - 1) * size, page * size);
  const link = (p: number) => {
    const url = new URL(c.req.url);
    url.searchParams.set('page', String(p));
    url.searchParams.set('pageSize', String(size));
    return url.toString();
  };
  const links = [page < last && `<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`, page > 1 && `<${link(1)}>; rel="first"`].filter(Boolean);
  c.header('Link', links.join(', '));
  return answer(c, slice);
}

/** `<list>/count`: `{count}` of the rows the request's conditions select. */
export function countOf<T>(c: Context, rows: readonly T[], resource: string): Response {
  const filter = conditionsOf(c, resource);
  if (filter instanceof Response) return filter;
  return c.json({ count: rows.filter(filter).length });
}

/** The filter of `conditions`/`childConditions`, or the vendor's 400 for ones it cannot read. */
function conditionsOf(c: Context, resource: string): ((record: unknown) => boolean) | Response {
  try {
    return filterOf(c.req.query('conditions'), c.req.query('childConditions'));
  } catch (error) {
    if (error instanceof ConditionsError) return invalidObject(c, resource, [{ field: 'conditions', message: `Invalid conditions: ${error.message}`, code: 'InvalidConditions' }]);
    throw error;
  }
}

/** A JSON body or null (a malformed body is the caller's 400). */
export async function jsonBody(c: Context): Promise<unknown> {
  return c.req.json().catch(() => null);
}

export type JsonPatch = Array<{ op: string; path: string; value?: unknown }>;

/** Reads a JSON Patch body: `[{op:'replace', path:'status', value:{id:…}}]`. */
export function isPatch(body: unknown): body is JsonPatch {
  return Array.isArray(body) && body.every((o) => o && typeof o === 'object' && typeof (o as { op?: unknown }).op === 'string' && typeof (o as { path?: unknown }).path === 'string');
}
