/**
 * @module Every error answer the Datto RMM sandbox gives, in one place. Datto publishes no error
 * body (facts A4 "Errors", part D), so each shape here is an assumption grounded in the server being
 * Spring-based (Jackson `@class` tags, "Generated server url" in its OpenAPI document).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Status texts the spec attaches to each code (facts A4). */
export const DATTO_MESSAGES = {
  badRequest: 'Request parameters are invalid.',
  invalidRequest: 'Request is invalid.',
  unauthorized: 'Request can not be authorized.',
  forbidden: "Authenticated user doesn't have access to this resource.",
  siteNotFound: 'Site was not found.',
  siteOrFilterNotFound: 'Site or filter not found.',
  deviceNotFound: 'Device was not found.',
  deviceOrSiteNotFound: 'Device and/or site not found.',
  alertNotFound: 'Alert was not found.',
  tooManyRequests: 'Too many requests. Request rate limit exceeded.',
  serverError: 'Internal Server Error',
} as const;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * An error from an `/api/v2` resource.
 * ASSUMPTION: Spring Boot's default error body `{timestamp, status, error, message, path}`, with
 * the spec's description of the status as `message`.
 */
export function apiError(c: Context, status: 400 | 403 | 404 | 409 | 500 | 502 | 503 | 504, message: string): Response {
  return c.json({ timestamp: new Date().toISOString(), status, error: REASONS[status] ?? 'Error', message, path: new URL(c.req.url).pathname }, status);
}

/**
 * The rate-limit answer (600 reads / 100 writes per operation in a rolling minute).
 * ASSUMPTION: the same Spring error body with status 429 and a `Retry-After` header in seconds.
 * Datto documents neither the body nor the header; clients wait 60–120 s without one (facts A4).
 */
export function rateLimited(c: Context, retryAfterSeconds: number): Response {
  c.header('Retry-After', String(retryAfterSeconds));
  return c.json(
    { timestamp: new Date().toISOString(), status: 429, error: REASONS[429], message: DATTO_MESSAGES.tooManyRequests, path: new URL(c.req.url).pathname },
    429,
  );
}

/**
 * A missing, unknown or expired bearer token on `/api/v2`.
 * ASSUMPTION: Spring Security OAuth2's resource-server answer: 401 `{error, error_description}` and
 * a `WWW-Authenticate: Bearer …` header. Spring echoes the token in the description; the sandbox
 * leaves it out so tokens never reach a log through an error message.
 */
export function bearerRejected(c: Context, kind: 'missing' | 'invalid' | 'expired'): Response {
  const body =
    kind === 'missing'
      ? { error: 'unauthorized', error_description: 'Full authentication is required to access this resource' }
      : { error: 'invalid_token', error_description: kind === 'expired' ? 'Access token expired' : 'Invalid access token' };
  c.header('WWW-Authenticate', `Bearer realm="oauth2-resource", error="${body.error}", error_description="${body.error_description}"`);
  return c.json(body, 401);
}

/**
 * Token-endpoint failures. Wrong API key or secret: 400 `invalid_grant` / `Bad credentials`
 * (facts A2: the inferred real shape). Wrong or missing client (not `public-client:public`):
 * ASSUMPTION: Spring's Basic-auth filter answer, 401 `unauthorized` / `Bad credentials`.
 */
export function tokenError(c: Context, kind: 'bad_credentials' | 'bad_client' | 'no_grant' | 'unsupported_grant', grantType?: string): Response {
  switch (kind) {
    case 'bad_credentials':
      return c.json({ error: 'invalid_grant', error_description: 'Bad credentials' }, 400);
    case 'bad_client':
      c.header('WWW-Authenticate', 'Basic realm="oauth2/client"');
      return c.json({ error: 'unauthorized', error_description: 'Bad credentials' }, 401);
    case 'no_grant':
      return c.json({ error: 'invalid_request', error_description: 'Missing grant type' }, 400);
    case 'unsupported_grant':
      return c.json({ error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grantType ?? ''}` }, 400);
  }
}

/** 5xx answers injected by `_control/faults`. */
export function serverError(c: Context, status: number): Response {
  const code = (status >= 500 && status <= 599 ? status : 500) as ContentfulStatusCode;
  return c.json({ timestamp: new Date().toISOString(), status: code, error: REASONS[code] ?? 'Server Error', message: DATTO_MESSAGES.serverError, path: new URL(c.req.url).pathname }, code);
}
