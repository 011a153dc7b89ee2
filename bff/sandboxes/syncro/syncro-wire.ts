/**
 * @module How the Syncro sandbox meets a caller before any route: the three token styles, the
 * 180-a-minute budget, permission checks, page sizes and the error bodies. Every choice the
 * vendor documents leave open is marked ASSUMPTION here and nowhere else.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { WindowCounter, type FaultResponders, type SandboxState } from '../common/sandbox-kit.js';
import type { SyncroData } from './syncro-rows.js';

export const SANDBOX_TOKEN = 'sandbox-token';

/** "180 requests per minute per IP address" (facts B3, from the swagger's description). */
export const RATE_LIMIT = { limit: 180, windowMs: 60_000 } as const;

/**
 * Page sizes per list. The swagger's text says 25 everywhere, its examples and a live run say
 * otherwise (facts B3); we follow the most specific evidence for each list.
 */
export const PAGE_SIZE = {
  /** Swagger example `per_page: 100`; RepairShopr's own docs also say 100 for customers. */
  customers: 100,
  /** A live account answered 50 assets a page (68 assets in 2 pages). */
  assets: 50,
  /** Swagger example `per_page: 50`. */
  contacts: 50,
  /** A live run saw 50 tickets on page 1. */
  tickets: 50,
  // ASSUMPTION: alerts, products and recurring invoices use the swagger text's 25.
  alerts: 25,
  products: 25,
  schedules: 25,
  /** `per_page` parameter, default 10 (swagger). ASSUMPTION: capped at 100. */
  commentsDefault: 10,
  commentsMax: 100,
} as const;

/** The one 401 body the swagger documents (for a token lacking a permission). */
export const NOT_AUTHORIZED = { error: 'Not authorized. Please ask account admin to update your group permissions.' };
/** Swagger's 404 example (most 404s are documented only as "Invalid request"). */
export const NOT_FOUND = { message: 'Not found' };

/**
 * The token from any of the three styles in use (facts B1): `Authorization: Bearer <token>`,
 * a raw `Authorization: <token>`, or `?api_key=<token>`.
 */
export function tokenOf(c: Context): string | null {
  const header = c.req.header('authorization')?.trim();
  if (header) return header.replace(/^bearer\s+/i, '').trim();
  return c.req.query('api_key') ?? null;
}

/**
 * ASSUMPTION: what Syncro answers to a missing, unknown or expired token is not documented (facts
 * B3, part D). We answer 401 with the one 401 body the swagger documents, so a client cannot tell
 * a bad token from a missing permission by the body alone (the adapter asks `/me` to tell them apart).
 */
export function unauthorized(c: Context): Response {
  return c.json(NOT_AUTHORIZED, 401);
}

/**
 * ASSUMPTION: the 429 body and headers are not documented (facts B3). We answer JSON in Syncro's
 * `{"error": …}` style with a `Retry-After` in seconds.
 */
export function rateLimited(c: Context, retryAfterSeconds: number): Response {
  c.header('Retry-After', String(retryAfterSeconds));
  return c.json({ error: `Rate limit exceeded: ${RATE_LIMIT.limit} requests per minute. Retry in ${retryAfterSeconds} seconds.` }, 429);
}

/**
 * ASSUMPTION: what `https://<unknown>.syncromsp.com/api/v1/...` answers is not documented (facts B3
 * lists no such case, and no public client or issue shows it). Each account lives on its own
 * subdomain, so an unknown one has no API behind it: we answer 404, before any token check, in
 * Syncro's `{"error": …}` style, naming the host so the admin sees which address was tried.
 */
export function unknownSubdomain(c: Context, subdomain: string): Response {
  return c.json({ error: `No Syncro account uses the address ${subdomain}.syncromsp.com` }, 404);
}

/** ASSUMPTION: 5xx answers look like a Rails API's default JSON error. */
export function serverError(c: Context, status: number): Response {
  return c.json({ status, error: status === 503 ? 'Service Unavailable' : 'Internal Server Error' }, status as 500);
}

export const faultResponders: FaultResponders = { rateLimited, serverError };

/**
 * Per-caller budget counters. The sandbox keys them by the socket's address when it runs on Node,
 * else one shared counter (every in-process caller is "one IP").
 */
export class RateCounters {
  private readonly counters = new Map<string, WindowCounter>();

  hit(key: string): number {
    let counter = this.counters.get(key);
    if (!counter) {
      counter = new WindowCounter(RATE_LIMIT.limit, RATE_LIMIT.windowMs);
      this.counters.set(key, counter);
    }
    return counter.hit();
  }

  reset(): void {
    this.counters.clear();
  }
}

function callerAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * Budget first, then the token: the limit is per IP address, so it counts every call, good token or
 * not (ASSUMPTION: the throttle sits in front of authentication, as is usual for a Rails app).
 */
export function gate(counters: RateCounters): MiddlewareHandler {
  return async (c, next) => {
    const wait = counters.hit(callerAddress(c));
    if (wait > 0) return rateLimited(c, wait);
    if (tokenOf(c) !== SANDBOX_TOKEN) return unauthorized(c);
    return next();
  };
}

/** Answers the documented 401 when the sandbox token has been denied `permission` (via `_control/permissions`). */
export function denied(c: Context, state: SandboxState<SyncroData>, permission: string): Response | null {
  return state.data.deniedPermissions.has(permission) ? c.json(NOT_AUTHORIZED, 401) : null;
}

/** Positive integer path/query ids; anything else matches nothing. */
export function idParam(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : -1;
}
