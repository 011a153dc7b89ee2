/**
 * @module Autotask's wire mechanics for the adapter: the zone lookup (cached per API user, and only
 * ever trusted for `*.autotask.net` or the operator's own lookup origin), the three auth headers with
 * the platform's integration code, the translation of Autotask's error answers into VendorErrors,
 * and queries that follow `nextPageUrl` to the last page.
 */
import { z } from 'zod';
import type { AutotaskCredentials } from '../../contracts/credentials.js';
import type { AdapterContext } from '../adapter-context.js';
import { transportTuning, VENDOR_BUDGETS } from '../adapter-context.js';
import { VendorHttp, type VendorResponse } from '../http/vendor-http.js';
import { VendorError } from '../vendor-errors.js';
import { onCloudPort } from '../http/host-allowlist.js';
import { errorBodySchema, itemResultSchema, operationResultSchema, queryResultSchema, zoneInformationSchema } from './autotask.schemas.js';

const ZONE_TTL_MS = 24 * 3_600_000;
/** Autotask's page size; a query never needs more pages than rows / 500 (+1). */
const MAX_PAGES = 10_000;

export interface AutotaskFilter {
  op: string;
  field?: string;
  value?: unknown;
  udf?: boolean;
  items?: AutotaskFilter[];
}

export interface AutotaskQuery {
  filter: AutotaskFilter[];
  includeFields?: string[];
  maxRecords?: number;
}

const PLATFORM_CODE_MESSAGE =
  'Autotask did not accept this platform’s registration with Autotask (its integration code). Your Autotask credentials are not the problem: tell your platform provider, quoting this message.';
const NO_PLATFORM_CODE_MESSAGE =
  'Autotask cannot be connected on this platform yet (it has no integration code for Autotask). Your Autotask credentials are not the problem: ask your platform provider to enable Autotask.';

/**
 * Autotask answers most refusals with HTTP 500 and `{"errors":[…]}` [psa-apis.md A5]. These texts mean
 * the request itself was refused (retrying cannot help); any other 500 is treated as an outage.
 * ASSUMPTION: the list mixes documented texts with the sandbox's wording for undocumented ones.
 */
const VALIDATION_TEXTS = [
  /^Unable to find /i, /must be between/i, /you must/i, /required/i, /not a valid value/i, /invalid value/i,
  /does not exist/i, /does not belong/i, /must belong/i, /maximum length/i, /not valid JSON/i, /not queryable/i, /can only be added/i,
  /already on the contract/i, /units negative/i, /no .* with id/i,
];

export function vendorText(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return typeof body === 'string' && body.length < 300 ? body : undefined;
  const errors = (parsed.data.errors ?? []).map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).filter(Boolean);
  return errors.length > 0 ? errors.join(' ') : parsed.data.Message ?? parsed.data.message ?? undefined;
}

function classify(response: VendorResponse): VendorError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const said = vendorText(response.body) ?? '';
  if (response.status === 401) {
    return new VendorError('autotask', 'invalid_credentials', 'Autotask rejected the API username and password (secret). Check the API password (secret) of the API user, and that the user is an active API user.', { status: 401, field: 'secret' });
  }
  if (response.status !== 500) return undefined;
  if (/IntegrationCode is invalid/i.test(said)) return new VendorError('autotask', 'rejected', PLATFORM_CODE_MESSAGE, { status: 500, operatorNote: 'Autotask refused the integration code: check AUTOTASK_INTEGRATION_CODE' });
  if (/Zone information could not be determined/i.test(said)) {
    return new VendorError('autotask', 'invalid_credentials', 'Autotask does not know this API username. Check the API username: it is the API user’s e-mail address as shown in Autotask.', { status: 500, field: 'username' });
  }
  if (VALIDATION_TEXTS.some((re) => re.test(said))) return new VendorError('autotask', 'rejected', `Autotask refused the request: “${said}”`, { status: 500 });
  return undefined;
}

export class AutotaskClient {
  private api: Promise<VendorHttp> | null = null;
  private readonly limiter;
  private readonly lookupUrl: string;
  private readonly zoneKey: string;

  constructor(
    private readonly ctx: AdapterContext,
    private readonly credentials: AutotaskCredentials,
  ) {
    this.limiter = ctx.limiters.get(`autotask:${credentials.username.toLowerCase()}`, VENDOR_BUDGETS.autotask);
    this.lookupUrl = ctx.endpoints.autotaskZoneLookupUrl.endsWith('/') ? ctx.endpoints.autotaskZoneLookupUrl : `${ctx.endpoints.autotaskZoneLookupUrl}/`;
    this.zoneKey = `autotask-zone|${this.lookupUrl}|${credentials.username.toLowerCase()}`;
  }

  /** GET below `…/V1.0/`; the answer is parsed with `schema`. */
  async get<S extends z.ZodType>(schema: S, path: string, signal?: AbortSignal): Promise<z.output<S>> {
    return (await this.http(signal)).json(schema, { method: 'GET', path, signal });
  }

  /** `GET /{Entity}/{id}` → the item, or null when Autotask has none (200 `{item:null}` or 404). */
  async getItem<S extends z.ZodType>(schema: S, entity: string, id: string, signal?: AbortSignal): Promise<z.output<S> | null> {
    try {
      const result = await this.get(itemResultSchema(schema), `${entity}/${encodeURIComponent(id)}`, signal);
      return (result.item ?? null) as z.output<S> | null;
    } catch (error) {
      if (error instanceof VendorError && error.code === 'not_found') return null;
      throw error;
    }
  }

  /** Creates (POST) or updates (PATCH): Autotask answers only the id [psa-apis.md C]. Never repeated blindly. */
  async write(method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
    const result = await (await this.http(signal)).json(operationResultSchema, { method, path, json: body, signal, idempotent: false });
    return result.itemId;
  }

  /** `DELETE /{Entity}/{id}` (an entity Autotask lets the API delete); the id is gone afterwards either way. */
  async remove(entity: string, id: string, signal?: AbortSignal): Promise<void> {
    await (await this.http(signal)).json(z.unknown(), { method: 'DELETE', path: `${entity}/${encodeURIComponent(id)}`, signal, idempotent: true });
  }

  /** Every row of a query, following `nextPageUrl` (POSTed with the same body) until it is null. */
  async query<S extends z.ZodType>(entity: string, query: AutotaskQuery, schema: S, signal?: AbortSignal): Promise<Array<z.output<S>>> {
    const http = await this.http(signal);
    const pageSchema = queryResultSchema(schema);
    const rows: Array<z.output<S>> = [];
    let path = `${entity}/query`;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await http.json(pageSchema, { method: 'POST', path, json: query, signal, idempotent: true });
      rows.push(...(result.items as Array<z.output<S>>));
      const next = result.pageDetails?.nextPageUrl;
      if (!next || result.items.length === 0 || query.maxRecords !== undefined) return rows;
      path = this.sameOrigin(next, http.baseUrl);
    }
    throw new VendorError('autotask', 'unexpected_answer', 'Autotask kept sending further pages; the query was stopped.');
  }

  /** A page link is followed only on the zone host we already talk to. */
  private sameOrigin(url: string, base: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url, base);
    } catch {
      throw new VendorError('autotask', 'unexpected_answer', 'Autotask sent a next-page link we could not read.');
    }
    if (parsed.origin !== new URL(base).origin) {
      throw new VendorError('autotask', 'unexpected_answer', `Autotask sent a next-page link to another host (${parsed.host}); it was not followed.`);
    }
    return parsed.toString();
  }

  /** The API transport on the user's zone (resolved once, then reused). */
  private http(signal?: AbortSignal): Promise<VendorHttp> {
    this.api ??= this.connect(signal).catch((error) => {
      this.api = null;
      throw error;
    });
    return this.api;
  }

  private async connect(signal?: AbortSignal): Promise<VendorHttp> {
    const code = this.ctx.endpoints.autotaskIntegrationCode.trim();
    if (!code) throw new VendorError('autotask', 'rejected', NO_PLATFORM_CODE_MESSAGE, { operatorNote: 'AUTOTASK_INTEGRATION_CODE is not set' });
    const zoneUrl = await this.zoneUrl(signal);
    return new VendorHttp({
      ...this.transportOptions(),
      baseUrl: new URL('V1.0/', zoneUrl).toString(),
      authHeaders: () => ({ ApiIntegrationCode: code, UserName: this.credentials.username, Secret: this.credentials.secret }),
      // A 401 can mean the tenant moved zones [AT-GDS-HTTP]: forget the zone so the next call looks again.
      onUnauthorized: async () => {
        this.ctx.tokenCache.delete(this.zoneKey);
        return false;
      },
    });
  }

  /** `zoneInformation?user=` without credentials [AT-POSTMAN]; the answer is cached per API user. */
  private async zoneUrl(signal?: AbortSignal): Promise<string> {
    const cached = this.ctx.tokenCache.get(this.zoneKey);
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    const lookup = new VendorHttp({ ...this.transportOptions(), baseUrl: this.lookupUrl });
    const zone = await lookup.json(zoneInformationSchema, {
      method: 'GET', path: 'v1.0/zoneInformation', query: { user: this.credentials.username }, anonymous: true, signal,
    });
    const url = this.trustedZoneUrl(zone.url);
    this.ctx.tokenCache.set(this.zoneKey, { token: url, expiresAt: Date.now() + ZONE_TTL_MS });
    return url;
  }

  /** Only Autotask's own hosts, or the origin the operator configured for lookups (e.g. the sandbox). */
  private trustedZoneUrl(raw: string): string {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new VendorError('autotask', 'unexpected_answer', 'Autotask’s zone lookup sent an address we could not read.');
    }
    const autotaskHost = onCloudPort(url) && url.hostname.toLowerCase().endsWith('.autotask.net');
    if (!autotaskHost && url.origin !== new URL(this.lookupUrl).origin) {
      throw new VendorError('autotask', 'unexpected_answer', `Autotask’s zone lookup pointed to a host that is not Autotask’s (${url.host}); it was not contacted.`);
    }
    return url.pathname.endsWith('/') ? url.toString() : `${url.toString()}/`;
  }

  private transportOptions() {
    const { ctx } = this;
    const tuning = transportTuning(ctx);
    return {
      ...tuning,
      vendor: 'autotask' as const,
      limiter: this.limiter,
      onRequest: (r: { method: string; url: string }) => ctx.onRequest?.('autotask', r),
      errorMessage: (_status: number, body: unknown) => vendorText(body),
      classify,
    };
  }
}
