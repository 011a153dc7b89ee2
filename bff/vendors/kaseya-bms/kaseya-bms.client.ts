/**
 * @module The Kaseya BMS transport: VendorHttp against the tenant's regional host (or the
 * configured base URL), sign-in with tokens shared across adapter instances, refresh before expiry,
 * re-sign-in on a 401, the `success` flag checked on every answer, and page-number paging.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BMS_SERVERS, type KaseyaBmsCredentials } from '../../contracts/credentials.js';
import { transportTuning, VENDOR_BUDGETS, type AdapterContext } from '../adapter-context.js';
import { VendorHttp, type QueryValue, type VendorHttpOptions, type VendorResponse } from '../http/vendor-http.js';
import { VendorError } from '../vendor-errors.js';
import { camelizeKeys, envelope, errorInfoSchema, tokenSchema } from './kaseya-bms.schemas.js';

/**
 * The largest page the adapter asks for. ASSUMPTION (psa-apis.md B4): V2 publishes no maximum;
 * Kaseya's throttling policy names 100 objects per request, taken as the safe ceiling.
 */
export const PAGE_SIZE = 100;
/** Refresh a token this long before BMS says it expires (clock skew, slow calls). */
const REFRESH_MARGIN_MS = 60_000;
/** ASSUMPTION: when BMS names no expiry, treat a token as good for 15 minutes. */
const FALLBACK_TOKEN_TTL_MS = 15 * 60_000;
const MAX_PAGES = 10_000;

type Cache = AdapterContext['tokenCache'];
/** Sign-ins in flight per token cache and account, so concurrent callers share one. */
const inflight = new WeakMap<Cache, Map<string, Promise<void>>>();

export function bmsBaseUrl(ctx: AdapterContext, credentials: KaseyaBmsCredentials): string {
  const url = ctx.endpoints.kaseyaBmsBaseUrl ?? BMS_SERVERS.find((s) => s.id === credentials.server)?.url;
  if (!url) throw new VendorError('kaseya-bms', 'invalid_credentials', 'Choose the Kaseya BMS URL of your tenant’s region.', { field: 'server' });
  return url.replace(/\/+$/, '');
}

/** BMS's own words from an error body: the envelope's `error.message` (+ sub-errors), or plain text. */
export function bmsMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 300) : undefined;
  const parsed = z.object({ error: errorInfoSchema.nullish() }).safeParse(camelizeKeys(body));
  const error = parsed.success ? parsed.data.error : null;
  if (!error) return undefined;
  const subs = (error.subErrors ?? []).filter(Boolean).join(' ');
  return [error.message, subs].filter(Boolean).join(' ') || undefined;
}

function failedInside(body: unknown): boolean {
  const lowered = camelizeKeys(body) as { success?: unknown } | null;
  return typeof lowered === 'object' && lowered !== null && lowered.success === false;
}

/** A 200 that says `success:false` is still a failure (psa-apis.md B4). */
function classifyEnvelope(response: VendorResponse): VendorError | undefined {
  if (response.status < 200 || response.status >= 300 || !failedInside(response.body)) return undefined;
  const message = bmsMessage(response.body) ?? 'no reason given';
  const code = /not found|does not exist/i.test(message) ? 'not_found' : 'rejected';
  return new VendorError('kaseya-bms', code, `Kaseya BMS refused the request: “${message}”`, { status: response.status });
}

/** Which credential field a sign-in failure most likely points at. */
function likelyField(message: string): 'tenant' | 'username' | 'password' {
  if (/tenant|company/i.test(message)) return 'tenant';
  if (/password/i.test(message)) return 'password';
  return /user/i.test(message) ? 'username' : 'password';
}

/** Any refusal of the sign-in itself (400/401/403, or `success:false`) is about the credentials. */
function classifySignIn(response: VendorResponse): VendorError | undefined {
  const refused = [400, 401, 403].includes(response.status) || (response.status < 300 && failedInside(response.body));
  if (!refused) return undefined;
  const message = bmsMessage(response.body) ?? `HTTP ${response.status}`;
  return new VendorError('kaseya-bms', 'invalid_credentials',
    `Kaseya BMS did not accept the sign-in (“${message}”). Check the tenant (your company name in BMS), the username and the password.`,
    { status: response.status, field: likelyField(message) });
}

/** `2026-04-07T15:00:00` without a zone is read as UTC (ASSUMPTION: BMS sends UTC). */
function expiryOf(value: string | number | null | undefined): number {
  if (typeof value === 'number') return value;
  const ms = value ? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`) : NaN;
  return Number.isNaN(ms) ? Date.now() + FALLBACK_TOKEN_TTL_MS : ms;
}

export interface Enveloped<T> {
  result: T;
  totalRecords: number | null;
}

export class KaseyaBmsClient {
  private readonly common: VendorHttpOptions;
  private readonly signInHttp: VendorHttp;
  private readonly cacheKey: string;
  /** Names the tenant (host + tenant) for caches of tenant data shared across adapter instances. */
  readonly tenantKey: string;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly credentials: KaseyaBmsCredentials,
  ) {
    const baseUrl = bmsBaseUrl(ctx, credentials);
    const tenant = credentials.tenant.trim();
    // The password's fingerprint is part of the key so a changed password never reuses an old token.
    const fingerprint = createHash('sha256').update(credentials.password).digest('hex').slice(0, 16);
    this.tenantKey = `${baseUrl}|${tenant.toLowerCase()}`;
    this.cacheKey = `kaseya-bms|${baseUrl}|${tenant.toLowerCase()}|${credentials.username.trim().toLowerCase()}|${fingerprint}`;
    const common: VendorHttpOptions = {
      vendor: 'kaseya-bms',
      baseUrl,
      limiter: ctx.limiters.get(`kaseya-bms:${baseUrl}:${tenant}`, VENDOR_BUDGETS['kaseya-bms']),
      errorMessage: (_status, body) => bmsMessage(body),
      onRequest: (r) => ctx.onRequest?.('kaseya-bms', r),
    };
    Object.assign(common, transportTuning(ctx));
    this.common = common;
    // The token endpoints get their own transport: no 401 hook (it would recurse), their own classifier.
    this.signInHttp = new VendorHttp({ ...common, classify: classifySignIn });
  }

  /** A valid access token in the shared cache, refreshed or signed in as needed. */
  async ensureToken(): Promise<void> {
    const entry = this.ctx.tokenCache.get(this.cacheKey);
    if (entry && entry.expiresAt - Date.now() > REFRESH_MARGIN_MS) return;
    await this.once(() => (entry?.refreshToken ? this.refreshOrSignIn(entry.token, entry.refreshToken) : this.signIn()));
  }

  /** Sends an authenticated request and returns the envelope's result (and total, when paged). */
  async call<T extends z.ZodType>(result: T, request: {
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    path: string;
    query?: Record<string, QueryValue>;
    json?: unknown;
    signal?: AbortSignal;
    idempotent?: boolean;
  }): Promise<Enveloped<z.output<T>>> {
    await this.ensureToken();
    // A transport per call, so the 401 hook knows which token this call sent.
    let sent: string | undefined;
    const http = new VendorHttp({
      ...this.common,
      authHeaders: (): Record<string, string> => {
        sent = this.ctx.tokenCache.get(this.cacheKey)?.token;
        return sent ? { Authorization: `Bearer ${sent}` } : {};
      },
      onUnauthorized: () => this.renewAfterUnauthorized(sent),
      classify: classifyEnvelope,
    });
    // zod cannot spell out the envelope's output for a generic result schema; this is its shape.
    const parsed = (await http.json(envelope(result), request)) as { result: z.output<T>; totalRecords?: number | null };
    return { result: parsed.result, totalRecords: parsed.totalRecords ?? null };
  }

  /**
   * Every row of a paged GET. Stops on an empty page, when `totalRecords` rows have come, or,
   * for lists that carry no total, on the first short page (ASSUMPTION: BMS honours PageSize ≤ 100).
   */
  async all<T extends z.ZodType<{ id: number }>>(item: T, path: string, query: Record<string, QueryValue>, signal?: AbortSignal): Promise<Array<z.output<T>>> {
    return this.pages((page) => this.call(z.array(item).nullish(), { method: 'GET', path, query: { ...query, PageSize: PAGE_SIZE, PageNumber: page }, signal }));
  }

  /** Every row of a paged POST search (`{PageSize, PageNumber, Filter}` body). */
  async searchAll<T extends z.ZodType<{ id: number }>>(item: T, path: string, filter: Record<string, unknown>, signal?: AbortSignal): Promise<Array<z.output<T>>> {
    return this.pages((page) => this.call(z.array(item).nullish(), {
      method: 'POST', path, json: { PageSize: PAGE_SIZE, PageNumber: page, Filter: filter }, signal, idempotent: true,
    }));
  }

  private async pages<R extends { id: number }>(fetchPage: (page: number) => Promise<Enveloped<R[] | null | undefined>>): Promise<R[]> {
    const rows: R[] = [];
    const seen = new Set<number>();
    // ASSUMPTION (psa-apis.md B4): page numbers start at 1 (BMS also reads 0 as the first page).
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { result, totalRecords } = await fetchPage(page);
      const fresh = (result ?? []).filter((r) => !seen.has(r.id));
      // A vendor that ignores PageNumber would repeat the first page forever.
      if (fresh.length === 0) break;
      for (const r of fresh) seen.add(r.id);
      rows.push(...fresh);
      if (totalRecords !== null ? rows.length >= totalRecords : (result ?? []).length < PAGE_SIZE) break;
    }
    return rows;
  }

  private async signIn(): Promise<void> {
    const { result } = await this.signInHttp.json(envelope(tokenSchema), {
      method: 'POST',
      path: 'v2/security/authenticate',
      // Field names as BMS's own clients send them (psa-apis.md B2/B6).
      form: { grantType: 'password', userName: this.credentials.username.trim(), password: this.credentials.password, tenant: this.credentials.tenant.trim() },
      anonymous: true,
      idempotent: true,
    });
    this.store(result);
  }

  private async refreshOrSignIn(accessToken: string, refreshToken: string): Promise<void> {
    try {
      const { result } = await this.signInHttp.json(envelope(tokenSchema), {
        method: 'POST',
        path: 'v2/security/refreshtoken',
        form: { AccessToken: accessToken, RefreshToken: refreshToken },
        anonymous: true,
        idempotent: true,
      });
      this.store(result);
    } catch (error) {
      if (error instanceof VendorError && error.retryable) throw error;
      // A refused refresh (expired or revoked refresh token) just means signing in again.
      await this.signIn();
    }
  }

  private store(token: z.output<typeof tokenSchema>): void {
    this.ctx.tokenCache.set(this.cacheKey, {
      token: token.accessToken,
      refreshToken: token.refreshToken ?? undefined,
      expiresAt: expiryOf(token.accessTokenExpireOn),
    });
  }

  /** VendorHttp's 401 hook: BMS dropped the token (expired early, revoked); get a new one, once. */
  private async renewAfterUnauthorized(sent: string | undefined): Promise<boolean> {
    const entry = this.ctx.tokenCache.get(this.cacheKey);
    // Another call already replaced the token this one sent: just repeat with the new one.
    if (entry && entry.token !== sent) return true;
    await this.once(() => (entry?.refreshToken ? this.refreshOrSignIn(entry.token, entry.refreshToken) : this.signIn()));
    return true;
  }

  /** One token fetch at a time per account and cache, however many callers ask. */
  private once(fetchToken: () => Promise<void>): Promise<void> {
    let running = inflight.get(this.ctx.tokenCache);
    if (!running) inflight.set(this.ctx.tokenCache, (running = new Map()));
    const current = running.get(this.cacheKey);
    if (current) return current;
    const promise = fetchToken().finally(() => running.delete(this.cacheKey));
    running.set(this.cacheKey, promise);
    return promise;
  }
}
