/**
 * @module The ConnectWise PSA transport: VendorHttp against the company's site (a cloud region, an
 * operator-allowed on-premises host, or the configured base URL such as the sandbox), the codebase
 * found with the public company-info lookup (cached), Basic auth of `company+public:private`, the
 * platform's `clientId` header, the API version in Accept, the documented error body, and
 * `page`/`pageSize` paging that follows the `Link` header.
 */
import { z } from 'zod';
import { CONNECTWISE_ON_PREMISES, CONNECTWISE_SITES, type ConnectWiseCredentials } from '../../contracts/credentials.js';
import { transportTuning, VENDOR_BUDGETS, type AdapterContext } from '../adapter-context.js';
import { VendorHttp, type QueryValue, type VendorHttpOptions, type VendorResponse } from '../http/vendor-http.js';
import { VendorError } from '../vendor-errors.js';
import { operatorAllows } from '../http/host-allowlist.js';
import { companyInfoSchema, errorBodySchema, fieldsOf } from './connectwise.schemas.js';

/** ConnectWise's largest page. */
export const PAGE_SIZE = 1_000;
/**
 * The API version pinned in Accept: 2022.1, the version whose models the only ConnectWise document
 * we hold describes (test/fixtures/vendor-specs/connectwise-manage-2022.1-…json, media type
 * `version=2022.1`), and the one the facts file names. Asking for a newer version would get answers
 * in models nobody here has checked. ASSUMPTION: cloud sites still serve 2022.1 (the facts file says
 * "verify current"; ConnectWise serves older versions beside the newest).
 */
export const API_VERSION = '2022.1';
/** ASSUMPTION: when company-info names no codebase, the long-standing release path answers. */
const FALLBACK_CODEBASE = 'v4_6_release/';
const CODEBASE_TTL_MS = 60 * 60_000;
const MAX_PAGES = 10_000;

/** Codebases per token cache (one per BFF process) and site + company, shared across adapter instances. */
const codebases = new WeakMap<AdapterContext['tokenCache'], Map<string, { at: number; codebase: string; companyName: string | null }>>();

/** The vendor's own words from its error body: message plus each field error. */
export function cwMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 300) : undefined;
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const fields = (parsed.data.errors ?? []).map((e) => [e.field, e.message].filter(Boolean).join(': ')).filter(Boolean);
  return [parsed.data.message, ...fields].filter(Boolean).join(' ') || undefined;
}

const codeOf = (body: unknown) => (body && typeof body === 'object' ? String((body as { code?: unknown }).code ?? '') : '');

/** A refused clientId is the platform's problem, not the admin's keys; wrong keys point at the private key. */
function classify(response: VendorResponse): VendorError | undefined {
  if (response.status !== 401) return undefined;
  if (/clientid/i.test(codeOf(response.body))) {
    return new VendorError('connectwise', 'rejected',
      'ConnectWise did not accept this platform’s registration with ConnectWise. Your API keys are not the problem: tell your platform provider, quoting this message.',
      { status: 401, operatorNote: `ConnectWise refused the clientId (“${cwMessage(response.body) ?? 'no reason given'}”): set a registered CONNECTWISE_CLIENT_ID` });
  }
  return new VendorError('connectwise', 'invalid_credentials',
    `ConnectWise did not accept the API keys (“${cwMessage(response.body) ?? 'not authenticated'}”). Check the Company ID, the public key and the private key of the API member.`,
    { status: 401, field: 'privateKey' });
}

/** The site's origin (scheme + host) for these credentials, or a VendorError naming the field. */
export function siteOrigin(ctx: AdapterContext, credentials: ConnectWiseCredentials): string {
  const configured = ctx.endpoints.plugged.connectwise?.baseUrl?.replace(/\/+$/, '');
  if (credentials.site === CONNECTWISE_ON_PREMISES) {
    const host = credentials.host.trim().toLowerCase();
    const allowed = ctx.endpoints.plugged.connectwise?.allowedHosts ?? [];
    // The BFF never fetches a host (and port) an admin typed unless the operator allowed it.
    if (!URL.canParse(`https://${host}`) || !operatorAllows(new URL(`https://${host}`), allowed)) {
      throw new VendorError('connectwise', 'invalid_credentials',
        `The ConnectWise server ${host} is not on this platform’s list of allowed servers. Choose your cloud site, or ask your platform provider to allow this server.`,
        { field: 'host', operatorNote: `${host} is not in CONNECTWISE_ALLOWED_HOSTS` });
    }
    // An operator's base URL (the sandbox in demo mode) stands in for every site, allowed hosts included.
    return configured ?? `https://${host}`;
  }
  if (configured) return configured;
  const site = CONNECTWISE_SITES.find((s) => s.id === credentials.site);
  if (!site) throw new VendorError('connectwise', 'invalid_credentials', 'Choose your ConnectWise site.', { field: 'site' });
  return `https://${site.host}`;
}

export class ConnectWiseClient {
  private readonly http: VendorHttp;
  private readonly origin: string;
  private readonly companyId: string;
  private readonly cacheKey: string;
  private readonly hasClientId: boolean;
  private readonly originError: VendorError | null = null;

  constructor(
    private readonly ctx: AdapterContext,
    credentials: ConnectWiseCredentials,
  ) {
    // A refused site is reported by the first call (adapters are built before anything is sent).
    try {
      this.origin = siteOrigin(ctx, credentials);
    } catch (error) {
      this.originError = error as VendorError;
      this.origin = 'https://invalid.invalid';
    }
    this.companyId = credentials.companyId.trim();
    this.cacheKey = `${this.origin}|${this.companyId.toLowerCase()}`;
    const clientId = ctx.endpoints.plugged.connectwise?.platformId ?? '';
    this.hasClientId = clientId.length > 0;
    const basic = Buffer.from(`${this.companyId}+${credentials.publicKey.trim()}:${credentials.privateKey}`).toString('base64');
    const options: VendorHttpOptions = {
      vendor: 'connectwise',
      baseUrl: this.origin,
      limiter: ctx.limiters.get(`connectwise:${this.cacheKey}`, VENDOR_BUDGETS.connectwise),
      authHeaders: () => ({ Authorization: `Basic ${basic}`, clientId }),
      errorMessage: (_status, body) => cwMessage(body),
      classify,
      onRequest: (r) => ctx.onRequest?.('connectwise', r),
    };
    Object.assign(options, transportTuning(ctx));
    this.http = new VendorHttp(options);
  }

  /** Site + company, for caches of company data shared across adapter instances. */
  get companyKey(): string {
    return this.cacheKey;
  }

  /** The codebase from `login/companyinfo` (public, cached an hour), and the company's name. */
  async companyInfo(signal?: AbortSignal): Promise<{ codebase: string; companyName: string | null }> {
    let byKey = codebases.get(this.ctx.tokenCache);
    if (!byKey) codebases.set(this.ctx.tokenCache, (byKey = new Map()));
    if (this.originError) throw this.originError;
    const known = byKey.get(this.cacheKey);
    if (known && Date.now() - known.at < CODEBASE_TTL_MS) return known;
    let info: z.output<typeof companyInfoSchema>;
    try {
      info = await this.http.json(companyInfoSchema, { method: 'GET', path: `login/companyinfo/${encodeURIComponent(this.companyId)}`, anonymous: true, signal });
    } catch (error) {
      if (error instanceof VendorError && error.code === 'not_found') {
        throw new VendorError('connectwise', 'invalid_credentials', `ConnectWise has no company “${this.companyId}” on this site. Check the Company ID (the company you sign in with) and the site.`, { status: 404, field: 'companyId' });
      }
      throw error;
    }
    const codebase = info?.Codebase?.trim() ? info.Codebase.trim().replace(/^\/+/, '').replace(/\/?$/, '/') : FALLBACK_CODEBASE;
    const entry = { at: Date.now(), codebase, companyName: info?.CompanyName?.trim() || null };
    byKey.set(this.cacheKey, entry);
    return entry;
  }

  /** One authenticated call below `<codebase>apis/3.0/`, parsed with `schema`. */
  async call<S extends z.ZodType>(schema: S, request: {
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    path: string;
    query?: Record<string, QueryValue>;
    json?: unknown;
    signal?: AbortSignal;
  }): Promise<{ body: z.output<S>; headers: Headers }> {
    if (!this.hasClientId) {
      throw new VendorError('connectwise', 'rejected', 'ConnectWise PSA cannot be connected on this platform yet. Your API keys are not the problem: ask your platform provider to enable ConnectWise PSA.',
        { operatorNote: 'CONNECTWISE_CLIENT_ID is not set' });
    }
    const { codebase } = await this.companyInfo(request.signal);
    const response = await this.http.send({
      ...request,
      path: `${codebase}apis/3.0/${request.path.replace(/^\//, '')}`,
      headers: { Accept: `application/vnd.connectwise.com+json; version=${API_VERSION}` },
    });
    return { body: this.http.parse(schema, response.body, `${request.method} ${request.path}`), headers: response.headers };
  }

  /**
   * Every row of a list, `pageSize` 1,000, with only the fields `item` reads (`fields=`): follows
   * the `Link` header's next page, and stops on the first short page when the site sends no Link
   * header. 10,000 rows take 10 requests.
   */
  async all<T extends z.ZodType<{ id: number }>>(item: T, path: string, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<Array<z.output<T>>> {
    const rows: Array<z.output<T>> = [];
    const seen = new Set<number>();
    const fields = fieldsOf(item);
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { body, headers } = await this.call(z.array(item), { method: 'GET', path, query: { ...query, fields, page, pageSize: PAGE_SIZE }, signal });
      const fresh = body.filter((r) => !seen.has(r.id));
      for (const r of fresh) seen.add(r.id);
      rows.push(...fresh);
      const link = headers.get('link');
      const hasNext = link !== null ? /rel="?next"?/i.test(link) : body.length >= PAGE_SIZE;
      // A site that ignores `page` would repeat the first page forever.
      if (!hasNext || fresh.length === 0) break;
    }
    return rows;
  }
}
