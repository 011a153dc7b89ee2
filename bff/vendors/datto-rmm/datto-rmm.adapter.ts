/**
 * @module The Datto RMM adapter: sites, devices (per site or account-wide, 250 a page, the vendor's
 * `nextPageUrl` as the cursor), the user-activity log (`searchAfter` cursor) and UDF names, through
 * the shared VendorHttp within Datto's 600-reads-a-minute budget. Talks only to
 * `https://<platform>-api.centrastage.net` or the operator-configured base (the sandbox).
 */
import type { z } from 'zod';
import { DATTO_PLATFORM_LABELS, DATTO_PLATFORMS, type DattoRmmCredentials } from '../../contracts/credentials.js';
import { transportTuning, VENDOR_BUDGETS, type AdapterContext } from '../adapter-context.js';
import { VendorHttp, type QueryValue, type VendorHttpOptions, type VendorResponse } from '../http/vendor-http.js';
import type { Page, RmmActivity, RmmDevice, RmmSite } from '../../contracts/model.js';
import type { RmmAdapter } from '../rmm-adapter.js';
import { VendorError } from '../vendor-errors.js';
import { DattoTokenSource, tokenCacheKey } from './datto-rmm.auth.js';
import { summarizeCustomFields } from '../custom-field-samples.js';
import { activityMs, toRmmActivity, toRmmDevice, toRmmSite, UDF_NAMES, udfLabel } from './datto-rmm.mapper.js';
import { accountSchema, activityPageSchema, devicesPageSchema, sitesPageSchema } from './datto-rmm.schemas.js';

/** Datto's largest page for `page`/`max` lists (facts A4). */
const PAGE_SIZE = 250;
/** Activity entries per call; the endpoint pages by `size` (facts A3). */
const ACTIVITY_PAGE_SIZE = 250;
/** Datto keeps activity for 180 days; without `from` it returns only 15 minutes (facts A3). */
const ACTIVITY_RETENTION_MS = 180 * 86_400_000;
/** Devices read for the custom fields' samples: two pages (500 devices) show what an account keeps where. */
const CUSTOM_FIELD_SCAN_PAGES = 2;
/** A runaway `nextPageUrl` chain stops here (250 × 400 = 100,000 sites). */
const MAX_SITE_PAGES = 400;
/**
 * Datto documents no `Retry-After` on its 429 (facts A4); clients wait 60–120 s.
 * ASSUMPTION: without the header, wait out the whole rolling minute.
 */
const RATE_LIMIT_FALLBACK_MS = 60_000;

const DEVICES_PATH = /^\/api\/v2\/(?:account\/devices|site\/[^/]+\/devices)$/;
const SITES_PATH = /^\/api\/v2\/account\/sites$/;
const ACTIVITY_PATH = /^\/api\/v2\/activity-logs$/;

export function dattoRmmBaseUrl(ctx: AdapterContext, credentials: DattoRmmCredentials): string {
  if (ctx.endpoints.dattoRmmBaseUrl) return ctx.endpoints.dattoRmmBaseUrl.replace(/\/+$/, '');
  // Only the published platform hosts are ever built from user input (DESIGN.md "Security model").
  if (!(DATTO_PLATFORMS as readonly string[]).includes(credentials.platform)) {
    throw new VendorError('datto-rmm', 'invalid_credentials', 'Choose your Datto RMM platform.', { field: 'platform' });
  }
  return `https://${credentials.platform}-api.centrastage.net`;
}

/** Spring-style error bodies carry `message`; OAuth ones carry `error_description`. */
function errorMessage(_status: number, body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return typeof body === 'string' && body.length < 300 ? body : undefined;
  const b = body as Record<string, unknown>;
  const text = b.message ?? b.error_description ?? b.error;
  return typeof text === 'string' && text !== '' ? text : undefined;
}

function classify(response: VendorResponse): VendorError | undefined {
  if (response.status === 429 && !response.headers.get('retry-after')) {
    return new VendorError('datto-rmm', 'rate_limited', 'Datto RMM is limiting requests for this account (600 reads a minute). Try again in a minute.', {
      status: 429,
      retryAfterMs: RATE_LIMIT_FALLBACK_MS,
    });
  }
  return undefined;
}

/** `yyyy-MM-ddTHH:mm:ssZ`, the format the activity-log window takes. */
function utcSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createDattoRmmAdapter(ctx: AdapterContext, credentials: DattoRmmCredentials): RmmAdapter {
  const base = dattoRmmBaseUrl(ctx, credentials);
  const baseUrl = new URL(`${base}/`);
  const basePath = baseUrl.pathname.replace(/\/$/, '');
  const limiter = ctx.limiters.get(`datto-rmm:${base}:${credentials.apiKey}`, VENDOR_BUDGETS['datto-rmm']);
  const shared: VendorHttpOptions = {
    vendor: 'datto-rmm',
    baseUrl: base,
    limiter,
    errorMessage,
    onRequest: (r) => ctx.onRequest?.('datto-rmm', r),
  };
  Object.assign(shared, transportTuning(ctx));

  const tokens = new DattoTokenSource(ctx.tokenCache, tokenCacheKey(base, credentials), new VendorHttp({ ...shared, classify }), credentials);
  const http = new VendorHttp({
    ...shared,
    classify,
    // The token is fetched before a call takes its limiter slot (see get()); here it is only read.
    authHeaders: () => ({ Authorization: `Bearer ${tokens.current()}` }),
    onUnauthorized: () => tokens.renew(),
  });

  async function get<S extends z.ZodType>(schema: S, path: string, query: Record<string, QueryValue>, signal?: AbortSignal): Promise<z.output<S>> {
    await tokens.ensure();
    return http.json(schema, { method: 'GET', path, query, signal });
  }

  /** Accepts a paging link only on the vendor's own origin and the expected resource. */
  function checkedLink(link: string, path: RegExp): string {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw new VendorError('datto-rmm', 'unexpected_answer', 'The Datto RMM paging cursor is not a URL.');
    }
    const rest = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : '';
    if (url.origin !== baseUrl.origin || !path.test(rest)) {
      throw new VendorError('datto-rmm', 'unexpected_answer', `The Datto RMM paging link does not point at ${baseUrl.origin}; it was not followed.`);
    }
    return url.toString();
  }

  async function devicesPage({ siteId, cursor }: { siteId: string | null; cursor: string | null }, signal?: AbortSignal): Promise<Page<RmmDevice>> {
    const path = cursor
      ? checkedLink(cursor, DEVICES_PATH)
      : siteId
        ? `api/v2/site/${encodeURIComponent(siteId)}/devices`
        : 'api/v2/account/devices';
    // `nextPageUrl` may lose query parameters (facts A4), so the page size is always restated.
    const page = await get(devicesPageSchema, path, cursor ? { max: PAGE_SIZE } : { max: PAGE_SIZE, page: 0 }, signal);
    const devices = page.devices ?? [];
    const next = page.pageDetails.nextPageUrl && devices.length > 0 ? checkedLink(page.pageDetails.nextPageUrl, DEVICES_PATH) : null;
    return { items: devices.map(toRmmDevice), next };
  }

  return {
    vendor: 'datto-rmm',

    async validateCredentials(signal) {
      try {
        const account = await get(accountSchema, 'api/v2/account', {}, signal);
        // The platform is not secret and tells two Datto RMM connections apart in the integration list.
        const platform = `${DATTO_PLATFORM_LABELS[credentials.platform]} platform`;
        return { accountLabel: account.name ? `${platform} · ${account.name}` : platform };
      } catch (error) {
        // A key from another platform gets a token nowhere, or a 404 for the account (facts A1).
        if (error instanceof VendorError && error.code === 'not_found') {
          throw new VendorError('datto-rmm', 'invalid_credentials', `No Datto RMM account answered on the ${credentials.platform} platform. Check the platform.`, {
            status: 404,
            field: 'platform',
          });
        }
        throw error;
      }
    },

    async listSites(signal) {
      const sites = new Map<string, RmmSite>();
      let link: string | null = null;
      for (let pages = 0; pages < MAX_SITE_PAGES; pages++) {
        const page = await get(sitesPageSchema, link ?? 'api/v2/account/sites', link ? { max: PAGE_SIZE } : { max: PAGE_SIZE, page: 0 }, signal);
        for (const site of page.sites ?? []) sites.set(site.uid, toRmmSite(site));
        const next = page.pageDetails.nextPageUrl;
        if (!next || (page.sites ?? []).length === 0) break;
        link = checkedLink(next, SITES_PATH);
      }
      return [...sites.values()];
    },

    listDevices: devicesPage,

    async listActivity({ cursor }, signal): Promise<Page<RmmActivity>> {
      const url = new URL(cursor ? checkedLink(cursor, ACTIVITY_PATH) : http.url('api/v2/activity-logs'));
      // Restate what a returned link may have dropped (facts A4); oldest first, so the cursor moves forward.
      if (!url.searchParams.has('size')) url.searchParams.set('size', String(ACTIVITY_PAGE_SIZE));
      if (!url.searchParams.has('order')) url.searchParams.set('order', 'asc');
      if (!url.searchParams.has('from')) url.searchParams.set('from', utcSeconds(Date.now() - ACTIVITY_RETENTION_MS));
      let page: z.output<typeof activityPageSchema>;
      try {
        page = await get(activityPageSchema, url.toString(), {}, signal);
      } catch (error) {
        if (error instanceof VendorError && error.code === 'missing_permission') {
          throw new VendorError(
            'datto-rmm',
            'missing_permission',
            'Reading Datto RMM user activity needs an API user with the Administrator security level. In Datto RMM, open Setup > Users, give the API user the Administrator security level, and try again.',
            { status: error.details.status, permission: 'Administrator security level' },
          );
        }
        throw error;
      }
      if (page.error) throw new VendorError('datto-rmm', 'unavailable', `Datto RMM could not read the activity log (${page.error}).`);
      const entries = page.activities ?? [];
      const items = entries.map(toRmmActivity);
      const link = page.pageDetails?.nextPageUrl;
      let next: string | null = null;
      if (link && entries.length > 0) next = checkedLink(link, ACTIVITY_PATH);
      else if (entries.length > 0) {
        // The last page: a cursor just after its newest entry, so the next poll resumes there; an
        // empty page ends the walk. Same `<epoch ms>,<id>` form the vendor's own links carry (spec).
        const last = entries[entries.length - 1]!;
        url.searchParams.set('searchAfter', `${activityMs(last.date)},${last.id}`);
        url.searchParams.set('page', 'next');
        next = url.toString();
      }
      return { items, next };
    },

    async listCustomFields(signal) {
      const devices: Array<Record<string, string | null>> = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < CUSTOM_FIELD_SCAN_PAGES; pages++) {
        const page = await devicesPage({ siteId: null, cursor }, signal);
        devices.push(...page.items.map((d) => d.customFields));
        cursor = page.next;
        if (!cursor) break;
      }
      return summarizeCustomFields(devices, UDF_NAMES, udfLabel);
    },
  };
}
