/**
 * @module The HaloPSA transport: VendorHttp against the instance's address (only
 * `<name>.halopsa.com`, an operator-allowed on-premises host, or the configured base URL), OAuth2
 * client_credentials tokens shared across adapter instances and renewed before they expire (and
 * once after a 401), the hosted budget, Halo's error texts, and `pageinate` paging.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { HaloPsaCredentials } from '../../contracts/credentials.js';
import { transportTuning, VENDOR_BUDGETS, type AdapterContext } from '../adapter-context.js';
import { VendorHttp, type QueryValue, type VendorHttpOptions, type VendorResponse } from '../http/vendor-http.js';
import { VendorError } from '../vendor-errors.js';
import { onCloudPort, operatorAllows } from '../http/host-allowlist.js';
import { oauthErrorSchema, tokenSchema } from './halopsa.schemas.js';

/** The scopes the adapter asks for; the wizard lists the same ones for the admin to grant. */
export const HALO_SCOPES = ['all', 'all:teams'] as const;
/**
 * The largest page asked for. ASSUMPTION: Halo serves up to 1,000 rows a page (public clients page
 * at 999–1,000); 10,000 clients then take 10 list requests.
 */
export const PAGE_SIZE = 1_000;
/** Renew a token this long before Halo says it expires (clock skew, slow calls). */
const REFRESH_MARGIN_MS = 60_000;
/** ASSUMPTION: when Halo names no lifetime, a token is taken to last 15 minutes. */
const FALLBACK_TTL_S = 15 * 60;

type Cache = AdapterContext['tokenCache'];
const inflight = new WeakMap<Cache, Map<string, Promise<void>>>();

/**
 * Where this Halo lives. The BFF never calls an arbitrary typed host: only Halo's cloud
 * (`https://<name>.halopsa.com`), a host the operator allowed (on-premises), or the operator's
 * configured base URL (which replaces the typed one, e.g. the built-in sandbox).
 */
export function haloBaseUrl(ctx: AdapterContext, credentials: HaloPsaCredentials): string {
  const plugged = ctx.endpoints.plugged.halopsa;
  if (plugged?.baseUrl) return plugged.baseUrl.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(credentials.url);
  } catch {
    throw new VendorError('halopsa', 'invalid_credentials', 'Enter your Halo address, e.g. https://yourcompany.halopsa.com.', { field: 'url' });
  }
  const host = url.hostname.toLowerCase();
  const cloud = /^[a-z0-9-]+\.halopsa\.com$/.test(host) && onCloudPort(url);
  if (url.protocol !== 'https:' || !(cloud || operatorAllows(url, plugged?.allowedHosts ?? []))) {
    throw new VendorError('halopsa', 'invalid_credentials',
      `${url.host} is not a HaloPSA cloud address (https://yourcompany.halopsa.com). For an on-premises Halo, ask your platform provider to allow its address.`,
      { field: 'url', operatorNote: `${url.host} is not in HALOPSA_ALLOWED_HOSTS` });
  }
  return `https://${url.host}`;
}

/** Halo's own words from an error body: a JSON string, `{Message}`, `{message}` or an OAuth error. */
export function haloMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 300) : undefined;
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const found = [b.error_description, b.Message, b.message, b.error].find((v) => typeof v === 'string' && v.trim());
  return typeof found === 'string' ? found.trim().slice(0, 300) : undefined;
}

/** A refusal of the token request is about the credentials (or the application's scopes). */
function classifyToken(response: VendorResponse): VendorError | undefined {
  if (![400, 401, 403].includes(response.status)) return undefined;
  const parsed = oauthErrorSchema.safeParse(response.body);
  const message = haloMessage(response.body) ?? `HTTP ${response.status}`;
  if (parsed.success && parsed.data.error === 'invalid_scope') {
    return new VendorError('halopsa', 'missing_permission', `The Halo API application is not allowed the scopes this integration needs (${HALO_SCOPES.join(', ')}). Halo said: “${message}”`, { status: response.status, permission: HALO_SCOPES.join(' ') });
  }
  const field = /tenant/i.test(message) ? 'tenant' : /client_id\b(?! or)/i.test(message) ? 'clientId' : 'clientSecret';
  return new VendorError('halopsa', 'invalid_credentials',
    `HaloPSA did not accept the sign-in (“${message}”). Check the Halo URL, the tenant, the client ID and the client secret of the API application.`,
    { status: response.status, field });
}

/** A 403 names the scope the token lacks (`WWW-Authenticate: Bearer error="insufficient_scope", scope="…"`). */
function classifyApi(response: VendorResponse): VendorError | undefined {
  if (response.status !== 403) return undefined;
  const scope = /scope="([^"]+)"/.exec(response.headers.get('www-authenticate') ?? '')?.[1] ?? /\b(all:teams|[a-z]+:[a-z]+)\b/.exec(haloMessage(response.body) ?? '')?.[1];
  const fix = scope === 'all:teams'
    ? 'In Halo, open Configuration > Integrations > HaloPSA API, choose the application and allow it all teams (the all:teams permission).'
    : 'Grant the missing permission to the API application in Halo (Configuration > Integrations > HaloPSA API).';
  return new VendorError('halopsa', 'missing_permission', `The Halo API application lacks the ${scope ?? 'needed'} permission. ${fix}`, { status: 403, permission: scope });
}

export class HaloPsaClient {
  private readonly common: VendorHttpOptions;
  private readonly tokenHttp: VendorHttp;
  private readonly cacheKey: string;
  /** Names the instance (address + tenant) for caches of its data shared across adapter instances. */
  readonly instanceKey: string;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly credentials: HaloPsaCredentials,
  ) {
    const baseUrl = haloBaseUrl(ctx, credentials);
    const tenant = credentials.tenant.trim().toLowerCase();
    // The secret's fingerprint is in the key so a changed secret never reuses an old token.
    const fingerprint = createHash('sha256').update(credentials.clientSecret).digest('hex').slice(0, 16);
    this.instanceKey = `${baseUrl}|${tenant}`;
    this.cacheKey = `halopsa|${baseUrl}|${tenant}|${credentials.clientId.trim()}|${fingerprint}`;
    const common: VendorHttpOptions = {
      vendor: 'halopsa',
      baseUrl,
      // The hosted budget is per instance, whatever application calls it.
      limiter: ctx.limiters.get(`halopsa:${this.instanceKey}`, VENDOR_BUDGETS.halopsa),
      errorMessage: (_status, body) => haloMessage(body),
      onRequest: (r) => ctx.onRequest?.('halopsa', r),
    };
    Object.assign(common, transportTuning(ctx));
    this.common = common;
    this.tokenHttp = new VendorHttp({ ...common, classify: classifyToken });
  }

  /** A valid access token in the shared cache, fetched or renewed as needed. */
  async ensureToken(): Promise<void> {
    const entry = this.ctx.tokenCache.get(this.cacheKey);
    if (entry && entry.expiresAt - Date.now() > REFRESH_MARGIN_MS) return;
    await this.once(() => this.fetchToken());
  }

  /** Sends an authenticated `/api/…` request and parses the answer. */
  async call<T extends z.ZodType>(schema: T, request: {
    method: 'GET' | 'POST' | 'DELETE';
    path: string;
    query?: Record<string, QueryValue>;
    json?: unknown;
    signal?: AbortSignal;
  }): Promise<z.output<T>> {
    await this.ensureToken();
    let sent: string | undefined;
    const http = new VendorHttp({
      ...this.common,
      authHeaders: (): Record<string, string> => {
        sent = this.ctx.tokenCache.get(this.cacheKey)?.token;
        return sent ? { Authorization: `Bearer ${sent}` } : {};
      },
      onUnauthorized: () => this.renewAfterUnauthorized(sent),
      classify: classifyApi,
    });
    return http.json(schema, { ...request, path: `api/${request.path}` });
  }

  /** A configuration lookup (bare array). */
  lookup<T extends z.ZodType>(row: T, path: string, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<Array<z.output<T>>> {
    return this.call(z.array(row), { method: 'GET', path, query, signal });
  }

  /**
   * Every row of a paged list in the fewest requests: the first page names `record_count`, the rest
   * are asked at once (the limiter keeps them inside the budget and concurrency).
   */
  async all<T extends z.ZodType<{ id: number }>>(entity: string, row: T, path: string, query: Record<string, QueryValue>, signal?: AbortSignal): Promise<Array<z.output<T>>> {
    const schema = z.object({ record_count: z.number().int().nullish(), [entity]: z.array(row).nullish() });
    const page = async (n: number) => {
      const body = (await this.call(schema, { method: 'GET', path, query: { ...query, pageinate: true, page_size: PAGE_SIZE, page_no: n }, signal })) as Record<string, unknown>;
      return { rows: (body[entity] ?? []) as Array<z.output<T>>, total: (body.record_count as number | null | undefined) ?? null };
    };
    const first = await page(1);
    const pages = first.total !== null ? Math.ceil(first.total / PAGE_SIZE) : first.rows.length < PAGE_SIZE ? 1 : 2;
    const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
    const seen = new Set<number>();
    return [first, ...rest].flatMap((p) => p.rows).filter((r) => !seen.has(r.id) && Boolean(seen.add(r.id)));
  }

  private async fetchToken(): Promise<void> {
    const tenant = this.credentials.tenant.trim();
    const token = await this.tokenHttp.json(tokenSchema, {
      method: 'POST',
      path: 'auth/token',
      query: tenant ? { tenant } : undefined,
      form: { grant_type: 'client_credentials', client_id: this.credentials.clientId.trim(), client_secret: this.credentials.clientSecret, scope: HALO_SCOPES.join(' ') },
      anonymous: true,
      idempotent: true,
    });
    this.ctx.tokenCache.set(this.cacheKey, { token: token.access_token, expiresAt: Date.now() + (token.expires_in ?? FALLBACK_TTL_S) * 1000 });
  }

  /** VendorHttp's 401 hook: Halo dropped the token (expired early, revoked); get a new one, once. */
  private async renewAfterUnauthorized(sent: string | undefined): Promise<boolean> {
    const entry = this.ctx.tokenCache.get(this.cacheKey);
    if (entry && entry.token !== sent) return true;
    this.ctx.tokenCache.delete(this.cacheKey);
    await this.once(() => this.fetchToken());
    return true;
  }

  /** One token request at a time per application and cache, however many callers ask. */
  private once(fetch: () => Promise<void>): Promise<void> {
    let running = inflight.get(this.ctx.tokenCache);
    if (!running) inflight.set(this.ctx.tokenCache, (running = new Map()));
    const current = running.get(this.cacheKey);
    if (current) return current;
    const promise = fetch().finally(() => running.delete(this.cacheKey));
    running.set(this.cacheKey, promise);
    return promise;
  }
}
