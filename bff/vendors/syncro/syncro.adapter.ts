/**
 * @module The Syncro RMM adapter: customers as sites, customer assets as devices, asset
 * properties as custom fields, over Syncro REST API v1 with the account's 180-a-minute budget.
 */
import type { z } from 'zod';
import type { SyncroCredentials } from '../../contracts/credentials.js';
import { transportTuning, VENDOR_BUDGETS, type AdapterContext } from '../adapter-context.js';
import { VendorHttp, type QueryValue, type VendorHttpOptions } from '../http/vendor-http.js';
import type { Page, RmmActivity, RmmDevice, RmmSite } from '../../contracts/model.js';
import type { RmmAdapter } from '../rmm-adapter.js';
import { VendorError } from '../vendor-errors.js';
import { summarizeCustomFields } from '../custom-field-samples.js';
import { customFieldsOf, toDevice, toSite } from './syncro.mapper.js';
import { assetsPageSchema, customersPageSchema, meSchema } from './syncro.schemas.js';

/**
 * The token permission each call needs, in the words of Syncro's token screen and of the
 * integration article (seed 002); the swagger's "Required permission" notes use the same names.
 */
export const SYNCRO_PERMISSIONS = {
  listCustomers: 'Customers - List/Search',
  listAssets: 'Assets - List/Search',
} as const;

/** Guards against a vendor that never reports a last page. */
const MAX_SITE_PAGES = 1_000;
/**
 * Asset properties and their values are read from the first assets of the account: enough to see the fields
 * the account uses without spending the 180-a-minute budget on a large account.
 */
const CUSTOM_FIELD_SCAN_PAGES = 4;

type Meta = { total_pages: number | null } | null | undefined;

/** More pages after `page`: by `meta.total_pages` when sent, else until a page comes back empty (facts B3). */
function hasNextPage(meta: Meta, page: number, itemCount: number): boolean {
  if (meta?.total_pages !== null && meta?.total_pages !== undefined) return page < meta.total_pages;
  return itemCount > 0;
}

/** Syncro's error text in its several shapes: `error`/`message`/`errors` as a string, a list or per field. */
function syncroErrorText(_status: number, body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 200) || undefined;
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  for (const value of [b.error, b.message, b.errors]) {
    if (typeof value === 'string' && value) return value;
    if (Array.isArray(value) && value.length > 0) return value.map(String).join('; ');
    if (value && typeof value === 'object') {
      return Object.entries(value as Record<string, unknown>)
        .map(([field, v]) => `${field}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
        .join('; ');
    }
  }
  return undefined;
}

export function createSyncroAdapter(ctx: AdapterContext, credentials: SyncroCredentials): RmmAdapter {
  const subdomain = credentials.subdomain.trim().toLowerCase();
  // The schema allows only letters, digits and hyphens in a subdomain, so it is safe in a host name or a path.
  const origin = (ctx.endpoints.syncroBaseUrl?.replaceAll('{subdomain}', subdomain) ?? `https://${subdomain}.syncromsp.com`).replace(/\/+$/, '');
  const options: VendorHttpOptions = {
    vendor: 'syncro',
    baseUrl: `${origin}/api/v1`,
    limiter: ctx.limiters.get(`syncro:${subdomain}`, VENDOR_BUDGETS.syncro),
    // The live-tested style of the three Syncro accepts (facts B1).
    authHeaders: () => ({ Authorization: `Bearer ${credentials.apiToken}` }),
    errorMessage: syncroErrorText,
    onRequest: (request) => ctx.onRequest?.('syncro', request),
  };
  Object.assign(options, transportTuning(ctx));
  const http = new VendorHttp(options);

  const invalidToken = () =>
    new VendorError('syncro', 'invalid_credentials', 'Syncro rejected the API token. Check the subdomain and the token, and that the token has not expired.', {
      status: 401,
      field: 'apiToken',
    });
  const unknownSubdomain = (vendorText: string | undefined) =>
    new VendorError(
      'syncro',
      'invalid_credentials',
      `Syncro has no account at ${subdomain}.syncromsp.com${vendorText ? ` (Syncro said: “${vendorText}”)` : ''}. Check the subdomain: it is the part before .syncromsp.com in your Syncro address.`,
      { status: 404, field: 'subdomain', ...(vendorText ? { vendorText } : {}) },
    );
  const lacks = (permission: string, status: number | undefined) =>
    new VendorError(
      'syncro',
      'missing_permission',
      `The Syncro API token lacks the permission “${permission}”. Add it to the token under More > Admin > API Tokens (Custom Permissions).`,
      { status, permission, field: 'apiToken' },
    );

  /**
   * Syncro answers 401, not 403, for a token that lacks a permission, and its answer to a bad token
   * is undocumented (facts B3). So a 401 from a call that needs a permission is checked against
   * `/me`, which needs none: if `/me` works, the token is fine and lacks the permission.
   */
  async function explain(error: unknown, permission: string | null, signal?: AbortSignal): Promise<unknown> {
    if (!(error instanceof VendorError)) return error;
    if (error.code === 'missing_permission') return lacks(permission ?? 'an API permission', error.details.status);
    if (error.code !== 'invalid_credentials') return error;
    if (permission === null) return invalidToken();
    try {
      await http.send({ method: 'GET', path: 'me', signal });
    } catch (meError) {
      return meError instanceof VendorError && meError.code === 'invalid_credentials' ? invalidToken() : meError;
    }
    return lacks(permission, error.details.status);
  }

  async function read<S extends z.ZodType>(schema: S, path: string, query: Record<string, QueryValue>, permission: string | null, signal?: AbortSignal): Promise<z.output<S>> {
    try {
      return await http.json(schema, { method: 'GET', path, query, signal });
    } catch (error) {
      throw await explain(error, permission, signal);
    }
  }

  function pageFromCursor(cursor: string | null): number {
    if (cursor === null) return 1;
    if (!/^[1-9]\d{0,6}$/.test(cursor)) throw new VendorError('syncro', 'rejected', 'That page cursor is not one this adapter handed out.');
    return Number(cursor);
  }

  return {
    vendor: 'syncro',

    async validateCredentials(signal) {
      let me: z.output<typeof meSchema>;
      try {
        me = await read(meSchema, 'me', {}, null, signal);
      } catch (error) {
        // `/me` exists on every account, so a 404 means no account lives at this subdomain.
        if (error instanceof VendorError && error.code === 'not_found') throw unknownSubdomain(error.details.vendorText);
        throw error;
      }
      // The account's address, not a secret: the integration list tells two Syncro connections apart by it.
      return { accountLabel: `${me.subdomain?.trim().toLowerCase() || subdomain}.syncromsp.com` };
    },

    async listSites(signal) {
      const sites = new Map<string, RmmSite>();
      for (let page = 1; page <= MAX_SITE_PAGES; page++) {
        // Disabled customers too, so the wizard can show them as deleted rather than lose them.
        const body = await read(customersPageSchema, 'customers', { include_disabled: true, page }, SYNCRO_PERMISSIONS.listCustomers, signal);
        for (const customer of body.customers) sites.set(customer.id, toSite(customer));
        if (!hasNextPage(body.meta, page, body.customers.length)) break;
      }
      return [...sites.values()];
    },

    async listDevices({ siteId, cursor }, signal): Promise<Page<RmmDevice>> {
      const page = pageFromCursor(cursor);
      const body = await read(assetsPageSchema, 'customer_assets', { customer_id: siteId ?? undefined, page }, SYNCRO_PERMISSIONS.listAssets, signal);
      const items = body.assets.map(toDevice).filter((d): d is RmmDevice => d !== null);
      return { items, next: hasNextPage(body.meta, page, body.assets.length) ? String(page + 1) : null };
    },

    /**
     * Syncro's API has no user-activity or audit feed: its swagger (110 paths) offers none, and the
     * nearest thing, `/timelogs`, is clock-in/out time keeping. So there is honestly nothing to read.
     */
    async listActivity(): Promise<Page<RmmActivity>> {
      return { items: [], next: null };
    },

    async listCustomFields(signal) {
      const devices: Array<Record<string, string | null>> = [];
      for (let page = 1; page <= CUSTOM_FIELD_SCAN_PAGES; page++) {
        const body = await read(assetsPageSchema, 'customer_assets', { page }, SYNCRO_PERMISSIONS.listAssets, signal);
        devices.push(...body.assets.map((asset) => customFieldsOf(asset.properties)));
        if (!hasNextPage(body.meta, page, body.assets.length)) break;
      }
      const names = [...new Set(devices.flatMap((d) => Object.keys(d)))].sort((a, b) => a.localeCompare(b));
      // Syncro asset properties are keyed by their display names, so the name is the label.
      return summarizeCustomFields(devices, names, (name) => name);
    },
  };
}
