/**
 * @module CORS for host pages on other origins: they load the elements (`/elements/*`, as module
 * scripts, which browsers fetch in CORS mode) and call the API (`/api/*`) with the Bearer token.
 * Only the configured exact origins get CORS headers (Hono's cors middleware); credentials never
 * travel as cookies, so Access-Control-Allow-Credentials is never sent. Preflights answer here,
 * before authentication.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { problemResponse } from '../errors.js';

/** The headers the elements' API client sends. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type'];
/** Chromium caps preflight caching at 2 h anyway; 10 minutes lets a config change take effect soon. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * `allowedOrigins` is read on every request (the server adds its own origin once it listens in
 * demo mode). A disallowed Origin gets no CORS headers, so the browser refuses the response; its
 * preflight is answered 403 rather than reaching authentication (which would say 401).
 * Every response carries `Vary: Origin`, so no cache hands one origin's answer to another.
 */
export function embedCors(allowedOrigins: ReadonlySet<string>): MiddlewareHandler {
  const headersFor = corsHeaders(allowedOrigins);
  const allowed = cors({
    origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ALLOWED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    credentials: false,
  });
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const isPreflight = c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method');
    if (origin && allowedOrigins.has(origin)) {
      if (isPreflight) return allowed(c, next);
      // The headers are set before the handler builds its response: a header added to a finished
      // response makes Hono copy the whole response (about 13 % of intake's time, by CPU profile).
      for (const [name, value] of Object.entries(headersFor(origin))) c.header(name, value);
      await next();
      // A handler that returned a Response of its own (not through `c`) never saw those headers.
      if (!c.res.headers.has('Access-Control-Allow-Origin')) c.header('Access-Control-Allow-Origin', origin);
      keepVaryOrigin(c);
      return;
    }
    if (isPreflight) {
      c.header('Vary', 'Origin');
      return problemResponse(c, {
        type: 'urn:integration-hub:problem:origin_not_allowed', title: 'Origin not allowed', status: 403, code: 'origin_not_allowed',
        detail: `${origin ?? 'A page without an origin'} may not call this server; the operator lists allowed host origins in ALLOWED_ORIGINS.`,
      });
    }
    c.header('Vary', 'Origin');
    await next();
    keepVaryOrigin(c);
  };
}

/**
 * The CORS headers of an answer to a request that is not a preflight, by its Origin header: the
 * origin allowed back when it is listed, and `Vary: Origin` always. One frozen object per origin
 * (made on first use; only listed origins are kept, so a stranger's Origin cannot grow the map):
 * the routing intake's composed handler (routing-intake.ts) answers with them as they are.
 */
export function corsHeaders(allowedOrigins: ReadonlySet<string>): (origin: string | undefined) => Readonly<Record<string, string>> {
  const varyOnly = Object.freeze({ Vary: 'Origin' });
  const byOrigin = new Map<string, Readonly<Record<string, string>>>();
  return (origin) => {
    if (!origin || !allowedOrigins.has(origin)) return varyOnly;
    let headers = byOrigin.get(origin);
    if (!headers) byOrigin.set(origin, headers = Object.freeze({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }));
    return headers;
  };
}

/** Adds `Vary: Origin` only when the response lost it (its own Response, or its own Vary), so the common path never rebuilds the response. */
function keepVaryOrigin(c: Context): void {
  if (!/(^|,)\s*origin\s*(,|$)/i.test(c.res.headers.get('Vary') ?? '')) c.header('Vary', 'Origin', { append: true });
}
