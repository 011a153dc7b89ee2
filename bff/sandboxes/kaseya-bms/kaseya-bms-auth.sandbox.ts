/**
 * @module Kaseya BMS sign-in as the sandbox plays it: `POST v2/security/authenticate` (form fields
 * in either casing), `v2/security/refreshtoken`, `v2/security/userinfo`, and the bearer check in
 * front of every other vendor route.
 */
import { createHmac } from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import type { BmsData, BmsUser } from './kaseya-bms.seed.js';
import { fail, field, ok, validationFailed } from './kaseya-bms-wire.sandbox.js';

/** ASSUMPTION: lifetimes are not published (psa-apis.md B2); one hour and seven days are typical. */
export const ACCESS_TOKEN_TTL_MS = 60 * 60_000;
export const REFRESH_TOKEN_TTL_MS = 7 * 24 * 60 * 60_000;

interface IssuedToken {
  access: string;
  refresh: string;
  userId: number;
  accessExpiresAt: number;
  refreshExpiresAt: number;
}

/** Every token the sandbox has issued since its last reset. */
export class TokenStore {
  private readonly byAccess = new Map<string, IssuedToken>();
  private serial = 0;

  issue(data: BmsData, user: BmsUser): IssuedToken {
    const now = Date.now();
    const jti = ++this.serial;
    const payload = { sub: String(user.id), tenant: data.tenant.name, name: user.username, jti, iat: Math.floor(now / 1000), exp: Math.floor((now + ACCESS_TOKEN_TTL_MS) / 1000) };
    const unsigned = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
    const access = `${unsigned}.${createHmac('sha256', 'kaseya-bms-sandbox').update(unsigned).digest('base64url')}`;
    const refresh = createHmac('sha256', 'kaseya-bms-sandbox-refresh').update(`${jti}`).digest('base64url');
    const token = { access, refresh, userId: user.id, accessExpiresAt: now + ACCESS_TOKEN_TTL_MS, refreshExpiresAt: now + REFRESH_TOKEN_TTL_MS };
    this.byAccess.set(access, token);
    return token;
  }

  find(access: string): IssuedToken | undefined {
    return this.byAccess.get(access);
  }

  revoke(token: IssuedToken): void {
    this.byAccess.delete(token.access);
  }

  /** `_control/expire-tokens`: every access token issued so far is now expired (refresh tokens stay valid). */
  expireAll(): number {
    const past = Date.now() - 1_000;
    for (const token of this.byAccess.values()) token.accessExpiresAt = Math.min(token.accessExpiresAt, past);
    return this.byAccess.size;
  }

  clear(): void {
    this.byAccess.clear();
  }
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function tokenOutput(token: IssuedToken) {
  return {
    accessToken: token.access,
    refreshToken: token.refresh,
    accessTokenExpireOn: new Date(token.accessExpiresAt).toISOString(),
    refreshTokenExpireOn: new Date(token.refreshExpiresAt).toISOString(),
  };
}

/** The spec declares multipart/form-data; real clients send url-encoded forms. Both parse here. */
async function formOf(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/multipart\/form-data|application\/x-www-form-urlencoded/i.test(type)) return {};
  return (await c.req.parseBody().catch(() => ({}))) as Record<string, unknown>;
}

const text = (form: unknown, name: string) => {
  const v = field(form, name);
  return typeof v === 'string' ? v : undefined;
};

const PUBLIC_PATHS = /\/v2\/security\/(authenticate|refreshtoken|ssostatus)$/i;

/**
 * Bearer check. ASSUMPTION (psa-apis.md B5): a missing, unknown or expired token answers 401 with
 * an empty body and a `WWW-Authenticate` challenge, as ASP.NET Core's JWT handler does.
 */
export function bearerAuth(tokens: TokenStore): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.includes('/_control/') || PUBLIC_PATHS.test(c.req.path)) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    const token = match ? tokens.find(match[1]!.trim()) : undefined;
    if (!token) return c.body(null, 401, { 'WWW-Authenticate': 'Bearer' });
    if (token.accessExpiresAt <= Date.now()) {
      const at = new Date(token.accessExpiresAt).toUTCString();
      return c.body(null, 401, { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="The token expired at '${at}'"` });
    }
    return next();
  };
}

export function registerAuthRoutes(app: Hono, state: SandboxState<BmsData>, tokens: TokenStore): void {
  /**
   * ASSUMPTION (psa-apis.md B5: failure bodies not documented): a failed sign-in answers HTTP 400
   * in the envelope; an unknown tenant and a wrong username/password have their own messages.
   */
  app.post('/v2/security/authenticate', async (c) => {
    const form = await formOf(c);
    const grantType = text(form, 'GrantType');
    if (!grantType) return validationFailed(c, ['The GrantType field is required.']);
    if (grantType.toLowerCase() !== 'password') return fail(c, 400, `Grant type '${grantType}' is not supported.`);
    const data = state.data;
    const tenant = text(form, 'Tenant')?.trim() ?? '';
    if (tenant.toLowerCase() !== data.tenant.name.toLowerCase()) return fail(c, 400, 'Invalid tenant name.');
    const userName = text(form, 'UserName')?.trim().toLowerCase() ?? '';
    const user = data.users.find((u) => u.username.toLowerCase() === userName);
    if (!user || user.password !== text(form, 'Password')) return fail(c, 400, 'Invalid username or password.');
    return ok(c, tokenOutput(tokens.issue(data, user)));
  });

  app.post('/v2/security/refreshtoken', async (c) => {
    const form = await formOf(c);
    const access = text(form, 'AccessToken');
    if (!access) return validationFailed(c, ['The AccessToken field is required.']);
    const token = tokens.find(access);
    if (!token || token.refresh !== text(form, 'RefreshToken') || token.refreshExpiresAt <= Date.now()) {
      return fail(c, 400, 'Invalid refresh token.');
    }
    const user = state.data.users.find((u) => u.id === token.userId);
    if (!user) return fail(c, 400, 'Invalid refresh token.');
    tokens.revoke(token);
    return ok(c, tokenOutput(tokens.issue(state.data, user)));
  });

  app.get('/v2/security/userinfo', (c) => {
    const data = state.data;
    const access = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '';
    const user = data.users.find((u) => u.id === tokens.find(access)?.userId) ?? data.users[0]!;
    return ok(c, {
      userId: user.id, fullName: user.fullName, emailAddress: user.email, timeStamp: new Date().toISOString(),
      timeZoneValue: 0, timeZoneName: 'UTC', olsonTimeZoneName: 'Etc/UTC', dateFormat: 'MM/dd/yyyy', timeFormat: 'hh:mm tt',
      timeFormatWithSeconds: 'hh:mm:ss tt', tenantId: data.tenant.id, accountId: data.accounts[0]?.id ?? null,
      locationId: data.accounts[0]?.locations[0]?.id ?? null, contactId: null, businessName: data.tenant.name,
      userAccessRights: [], specialFeatures: [], viewsMenus: [], queuesMenus: [], currencyCode: 'USD', cultureCode: 'en-US',
      filesVersionNumber: '5.58.0', newTicketingUI: true, isUserSystemAdmin: false, productName: 'Kaseya BMS',
      pictureUrl: null, openIdRealmId: null,
    });
  });
}
