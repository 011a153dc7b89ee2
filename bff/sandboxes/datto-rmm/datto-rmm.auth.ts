/**
 * @module The Datto RMM sandbox's OAuth: the password-grant token endpoint (HTTP Basic
 * `public-client:public`, API key and secret as username and password) and the bearer check in
 * front of `/api/v2`. Tokens last 100 hours, as the vendor documents (facts A2).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bearerRejected, tokenError } from './datto-rmm.errors.js';

/** The fixed sandbox credentials (shared DESIGN.md "Demo and sandboxes"). */
export const SANDBOX_API_KEY = 'sandbox-key';
export const SANDBOX_API_SECRET = 'sandbox-secret';
/**
 * A second API user's key pair, standing for another Datto RMM account, so "separate instance" can be
 * tried (and tested) with an account other than the one already connected (issue 17, item 9). It
 * signs in to the same seeded data: the sandbox keeps one account's sites and devices.
 */
export const SANDBOX_SECOND_API_KEY = 'sandbox-key-2';
export const SANDBOX_SECOND_API_SECRET = 'sandbox-secret-2';
const SANDBOX_KEY_PAIRS: ReadonlyMap<string, string> = new Map([[SANDBOX_API_KEY, SANDBOX_API_SECRET], [SANDBOX_SECOND_API_KEY, SANDBOX_SECOND_API_SECRET]]);
/** Datto's fixed public OAuth client (facts A2). */
const CLIENT_BASIC = `Basic ${Buffer.from('public-client:public').toString('base64')}`;
/** 100 hours (facts A2). */
export const TOKEN_LIFETIME_SECONDS = 100 * 3_600;

export class DattoTokenStore {
  private readonly tokens = new Map<string, number>();

  issue(apiKey: string, now = Date.now()): { token: string; jti: string; expiresAt: number } {
    const jti = randomUUID();
    const expiresAt = now + TOKEN_LIFETIME_SECONDS * 1_000;
    // Shaped like the vendor's JWT (facts A2); only this store decides whether it is valid.
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ user_name: apiKey, scope: ['default'], exp: Math.floor(expiresAt / 1000), jti, client_id: 'public-client' })}.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, expiresAt);
    return { token, jti, expiresAt };
  }

  check(token: string, now = Date.now()): 'ok' | 'invalid' | 'expired' {
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return 'invalid';
    return expiresAt > now ? 'ok' : 'expired';
  }

  /** Makes every issued token expired (the `_control/expire-tokens` rehearsal of the 100-hour limit). */
  expireAll(): number {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
    return this.tokens.size;
  }

  clear(): void {
    this.tokens.clear();
  }
}

/** `POST auth/oauth/token`. Spring reads the grant parameters from the form body or the query string. */
export function tokenEndpoint(store: DattoTokenStore) {
  return async (c: Context): Promise<Response> => {
    if (c.req.header('authorization') !== CLIENT_BASIC) return tokenError(c, 'bad_client');
    const form = (await c.req.parseBody().catch(() => ({}))) as Record<string, unknown>;
    const param = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : c.req.query(name));
    const grantType = param('grant_type');
    if (!grantType) return tokenError(c, 'no_grant');
    if (grantType !== 'password') return tokenError(c, 'unsupported_grant', grantType);
    const apiKey = param('username');
    if (!apiKey || SANDBOX_KEY_PAIRS.get(apiKey) !== param('password')) return tokenError(c, 'bad_credentials');
    const { token, jti, expiresAt } = store.issue(apiKey);
    c.header('Cache-Control', 'no-store');
    return c.json({
      access_token: token,
      token_type: 'bearer',
      // Spring reports the seconds left, one less than the lifetime by the time it answers.
      expires_in: Math.floor((expiresAt - Date.now()) / 1000) - 1,
      scope: 'default',
      jti,
    });
  };
}

/** Rejects `/api/v2` calls without a live bearer token. */
export function bearerAuth(store: DattoTokenStore): MiddlewareHandler {
  return async (c, next) => {
    const match = /^bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match) return bearerRejected(c, 'missing');
    const status = store.check(match[1]!);
    if (status !== 'ok') return bearerRejected(c, status);
    return next();
  };
}
