/**
 * @module HaloPSA sign-in as the sandbox plays it: OAuth2 client_credentials at `/auth/token`
 * (hosted tenants name themselves with `?tenant=`), bearer tokens with an expiry on `/api/*`, and
 * scope checks: a token without `all:teams` is refused (403) on team-scoped resources, the trap
 * real integrations fall into when the API application is not allowed all teams.
 */
import { randomBytes } from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import type { HaloData } from './halopsa.seed.js';

/** ASSUMPTION: Halo's access tokens live one hour (`expires_in` 3600), as public clients see. */
export const ACCESS_TOKEN_TTL_S = 3_600;

interface IssuedToken { token: string; scopes: string[]; expiresAt: number }

export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  issue(scopes: string[]): IssuedToken {
    const issued = { token: randomBytes(24).toString('base64url'), scopes, expiresAt: Date.now() + ACCESS_TOKEN_TTL_S * 1000 };
    this.tokens.set(issued.token, issued);
    return issued;
  }

  find(token: string): IssuedToken | undefined {
    return this.tokens.get(token);
  }

  /** `_control/expire-tokens`: every token issued so far is now past its expiry. */
  expireAll(): number {
    for (const t of this.tokens.values()) t.expiresAt = Date.now() - 1_000;
    return this.tokens.size;
  }

  clear(): void {
    this.tokens.clear();
  }
}

/** RFC 6749 §5.2 error answer. */
function oauthError(c: Context, status: 400 | 401, error: string, description: string): Response {
  return c.json({ error, error_description: description }, status, status === 401 ? { 'WWW-Authenticate': 'Basic realm="halo"' } : {});
}

export function registerAuthRoutes(app: Hono, state: SandboxState<HaloData>, tokens: TokenStore): void {
  app.post('/auth/token', async (c) => {
    if (!/application\/x-www-form-urlencoded|multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
      return oauthError(c, 400, 'invalid_request', 'The token request must be form-encoded.');
    }
    const form = (await c.req.parseBody().catch(() => ({}))) as Record<string, unknown>;
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const grant = text('grant_type');
    if (!grant) return oauthError(c, 400, 'invalid_request', 'The grant_type parameter is missing.');
    if (grant !== 'client_credentials') return oauthError(c, 400, 'unsupported_grant_type', `The grant type '${grant}' is not supported for this client.`);
    const app_ = state.data.application;
    const tenant = c.req.query('tenant') ?? '';
    if (tenant.toLowerCase() !== app_.tenant) return oauthError(c, 401, 'invalid_client', `The tenant '${tenant}' is not known to this Halo instance.`);
    if (text('client_id') !== app_.clientId || text('client_secret') !== app_.clientSecret) {
      return oauthError(c, 401, 'invalid_client', 'The client_id or client_secret is not valid.');
    }
    // ASSUMPTION: the token carries the asked scopes the application is allowed (a narrower token,
    // not a refusal), so a missing `all:teams` shows only later, as 403s on team-scoped resources.
    const asked = (text('scope') || 'all').split(/\s+/).filter(Boolean);
    const granted = asked.filter((s) => app_.scopes.includes(s));
    if (granted.length === 0) return oauthError(c, 400, 'invalid_scope', `The application is not allowed the scope(s): ${asked.join(' ')}.`);
    const issued = tokens.issue(granted);
    return c.json({ scope: granted.join(' '), token_type: 'Bearer', access_token: issued.token, expires_in: ACCESS_TOKEN_TTL_S });
  });
}

/** Which scope a resource needs beyond `all` (ASSUMPTION: teams, agents and ticket lists are team-scoped). */
function scopeFor(method: string, path: string): string {
  if (/\/api\/(team|agent)\b/i.test(path)) return 'all:teams';
  if (method === 'GET' && /\/api\/tickets\/?$/i.test(path)) return 'all:teams';
  return 'all';
}

/** Bearer and scope check in front of every `/api/*` route. */
export function bearerAuth(tokens: TokenStore): MiddlewareHandler {
  return async (c, next) => {
    if (!/\/api\//i.test(c.req.path) || c.req.path.includes('/_control/')) return next();
    const token = tokens.find(/^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '');
    if (!token) return c.body(null, 401, { 'WWW-Authenticate': 'Bearer' });
    if (token.expiresAt <= Date.now()) return c.body(null, 401, { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="The token is expired"' });
    const needed = scopeFor(c.req.method, c.req.path);
    if (!token.scopes.includes(needed)) {
      return c.json(`Access denied: this request needs the ${needed} scope.`, 403, { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${needed}"` });
    }
    return next();
  };
}
