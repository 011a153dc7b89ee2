/**
 * @module Datto RMM access tokens: the OAuth password grant (HTTP Basic `public-client:public`, API
 * key and secret as username and password), kept in the context's token cache so every adapter
 * instance for one account shares one token, renewed before its 100 hours run out and once on a 401.
 */
import { createHash } from 'node:crypto';
import type { DattoRmmCredentials } from '../../contracts/credentials.js';
import type { AdapterContext } from '../adapter-context.js';
import type { VendorHttp } from '../http/vendor-http.js';
import { VendorError } from '../vendor-errors.js';
import { tokenResponseSchema } from './datto-rmm.schemas.js';

/** Datto's fixed public OAuth client (facts A2). */
const PUBLIC_CLIENT = `Basic ${Buffer.from('public-client:public').toString('base64')}`;
/** Documented lifetime, used when the answer leaves `expires_in` out (facts A2). */
const DEFAULT_LIFETIME_S = 100 * 3_600;
/** Renew this long before expiry, so no call starts with a token about to lapse. */
const RENEW_MARGIN_MS = 10 * 60_000;

type TokenCache = AdapterContext['tokenCache'];
/** Token requests in flight per cache and key, so parallel callers share one grant. */
const inFlight = new WeakMap<TokenCache, Map<string, Promise<string>>>();

/**
 * The cache key: base URL + API key, plus a fingerprint of the secret so a wrong secret typed for a
 * known key is checked by Datto instead of riding on the right secret's cached token.
 */
export function tokenCacheKey(baseUrl: string, credentials: DattoRmmCredentials): string {
  const fingerprint = createHash('sha256').update(credentials.apiSecret).digest('base64url').slice(0, 16);
  return `datto-rmm:${baseUrl}:${credentials.apiKey}:${fingerprint}`;
}

export class DattoTokenSource {
  /** The token this instance last sent, to tell a stale 401 from one another instance already fixed. */
  private lastSent: string | null = null;

  constructor(
    private readonly cache: TokenCache,
    private readonly key: string,
    /** A transport without auth headers or 401 handling (a 401 here must not recurse). */
    private readonly http: VendorHttp,
    private readonly credentials: DattoRmmCredentials,
  ) {}

  /** A token valid for a while yet, fetching one when needed. */
  async ensure(): Promise<string> {
    const cached = this.cache.get(this.key);
    if (cached && cached.expiresAt - Date.now() > RENEW_MARGIN_MS) return cached.token;
    return this.grant();
  }

  /** The cached token for the Authorization header (never fetches: the caller ensured one). */
  current(): string {
    const token = this.cache.get(this.key)?.token ?? '';
    this.lastSent = token;
    return token;
  }

  /** After a 401: a fresh token unless another caller already replaced the rejected one. */
  async renew(): Promise<boolean> {
    const cached = this.cache.get(this.key);
    if (cached && cached.token !== this.lastSent && cached.expiresAt > Date.now()) return true;
    this.cache.delete(this.key);
    await this.grant();
    return true;
  }

  /** One grant per account at a time; not tied to any one caller's abort signal, since it is shared. */
  private grant(): Promise<string> {
    let pending = inFlight.get(this.cache);
    if (!pending) inFlight.set(this.cache, (pending = new Map()));
    const existing = pending.get(this.key);
    if (existing) return existing;
    const request = this.request().finally(() => pending!.delete(this.key));
    pending.set(this.key, request);
    return request;
  }

  private async request(): Promise<string> {
    try {
      const answer = await this.http.json(tokenResponseSchema, {
        method: 'POST',
        path: 'auth/oauth/token',
        anonymous: true,
        // Asking for a token twice is harmless, so time-outs and 5xx may be retried.
        idempotent: true,
        headers: { Authorization: PUBLIC_CLIENT },
        form: { grant_type: 'password', username: this.credentials.apiKey, password: this.credentials.apiSecret },
      });
      const lifetimeS = answer.expires_in && answer.expires_in > 0 ? answer.expires_in : DEFAULT_LIFETIME_S;
      this.cache.set(this.key, { token: answer.access_token, expiresAt: Date.now() + lifetimeS * 1_000 });
      return answer.access_token;
    } catch (error) {
      // Datto answers a wrong key or secret with 400 invalid_grant; some mocks use 401 (facts A2).
      if (error instanceof VendorError && (error.details.status === 400 || error.details.status === 401)) {
        throw new VendorError(
          'datto-rmm',
          'invalid_credentials',
          `Datto RMM did not accept this API key and API secret key on the ${this.credentials.platform} platform. Check both keys (the secret is shown only once when the keys are generated) and the platform.`,
          { status: error.details.status, field: 'apiSecret' },
        );
      }
      throw error;
    }
  }
}
