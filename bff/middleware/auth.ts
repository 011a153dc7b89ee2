/**
 * @module Authentication and authorization. The host signs a JWT naming the person (`sub`), the
 * partner and a role; the BFF verifies it (HS256 with AUTH_SECRET, or the operator's JWKS), keeps a
 * partner row from the first call that names it, and lets each route demand a role.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { jwk } from 'hono/jwk';
import { jwt, sign } from 'hono/jwt';
import { z } from 'zod';
import { ProblemError } from '../errors.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

export const ROLES = ['admin', 'router'] as const;
export type Role = (typeof ROLES)[number];

export const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  partner: z.string().min(1).max(100).regex(/^[A-Za-z0-9._:-]+$/, 'partner ids use letters, digits and . _ : -'),
  role: z.enum(ROLES),
});
export type Principal = z.infer<typeof claimsSchema>;

export type AuthConfig = { secret: string } | { jwksUrl: string };

export interface AuthVariables {
  principal: Principal;
  jwtPayload: unknown;
}

/**
 * Verifies the bearer token and exposes `c.var.principal`. A token already verified is remembered
 * until its own expiry (a cache bounded in entries and bytes: verified-token-cache.ts): the routing
 * API sees the same token thousands of times a second, and re-checking the signature each time
 * would cost most of its throughput.
 */
export function authenticate(
  config: AuthConfig,
  onPartner: (partnerId: string) => void | Promise<void>,
  verified = new VerifiedTokenCache<Principal>(),
): MiddlewareHandler<{ Variables: AuthVariables }> {
  const principalOf = requestPrincipal(config, onPartner, verified);
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    const principal = principalOf(c);
    c.set('principal', principal instanceof Promise ? await principal : principal);
    await next();
  });
}

/**
 * The request's principal from its bearer token (what `authenticate` sets as `c.var.principal`),
 * synchronously when the token was verified before (the routing API's common case), else after
 * verifying it; a refusal throws (401). The routing intake's composed handler calls it directly.
 */
export function requestPrincipal(
  config: AuthConfig,
  onPartner: (partnerId: string) => void | Promise<void>,
  verified = new VerifiedTokenCache<Principal>(),
): (c: Context<{ Variables: AuthVariables }>) => Principal | Promise<Principal> {
  const verify = 'secret' in config ? jwt({ secret: config.secret, alg: 'HS256' }) : jwk({ jwks_uri: config.jwksUrl, alg: ['RS256', 'ES256'] });
  return (c) => {
    const header = c.req.header('Authorization');
    const hit = header ? verified.get(header) : undefined;
    if (hit) return hit;
    let principal: Principal | undefined;
    return verify(c, async () => {
      // A token without exp would stay valid for ever once leaked; hosts must bound its life.
      const exp = (c.get('jwtPayload') as { exp?: unknown }).exp;
      if (typeof exp !== 'number' || !Number.isFinite(exp)) throw unauthenticated('The token has no expiry (exp).');
      const claims = claimsSchema.safeParse(c.get('jwtPayload'));
      if (!claims.success) throw unauthenticated('The token lacks valid sub, partner or role claims.');
      await onPartner(claims.data.partner);
      if (header) verified.set(header, claims.data, exp * 1000);
      principal = claims.data;
    }).then(() => principal!);
  };
}

const unauthenticated = (detail: string) => new ProblemError(401, 'unauthenticated', 'Unauthenticated', detail);

/** Demands one of the roles; 403 otherwise. */
export function requireRole(...roles: Role[]): MiddlewareHandler<{ Variables: AuthVariables }> {
  const check = roleCheck(...roles);
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    check(c.get('principal'));
    await next();
  });
}

/** The rule `requireRole` applies: throws 403 unless the principal holds one of the roles. */
export function roleCheck(...roles: Role[]): (principal: Principal) => void {
  return (principal) => {
    if (!roles.includes(principal.role)) {
      throw new ProblemError(403, 'forbidden', 'Forbidden', `This needs the ${roles.join(' or ')} role; the token has ${principal.role}.`);
    }
  };
}

/** Signs a token (demo page, tests, benchmarks). Hosts sign their own in production. */
export function signToken(secret: string, claims: Principal, ttlSeconds = 8 * 3600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return sign({ ...claims, iat: now, exp: now + ttlSeconds }, secret, 'HS256');
}
