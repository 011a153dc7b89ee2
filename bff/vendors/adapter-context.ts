/**
 * @module What an adapter factory receives besides credentials: where each vendor lives (real hosts,
 * or operator-configured base URLs such as the built-in sandboxes), the shared limiter registry and
 * token cache, and hooks for tests and benchmarks.
 */
import { RateLimiterRegistry } from './http/rate-limiter.js';
import { PLUGGED_VENDORS, VENDORS, type Vendor } from '../contracts/vendor-catalog.js';

export { VENDOR_BUDGETS } from '../contracts/vendor-catalog.js';

export interface VendorEndpoints {
  /** Autotask zone lookup base (…/atservicesrest/). Real: https://webservices.autotask.net/atservicesrest/ */
  autotaskZoneLookupUrl: string;
  /** Autotask's API tracking identifier: the platform's, set by the operator, never typed by an admin. */
  autotaskIntegrationCode: string;
  /** Replaces the chosen BMS regional host (e.g. the sandbox). */
  kaseyaBmsBaseUrl: string | null;
  /** Replaces https://{platform}-api.centrastage.net. */
  dattoRmmBaseUrl: string | null;
  /** Replaces https://{subdomain}.syncromsp.com; a `{subdomain}` in it is replaced with the account's subdomain. */
  syncroBaseUrl: string | null;
  /**
   * Vendors plugged in through the registry (see registry.ts) read their settings only from here,
   * keyed by vendor id: a base URL replacing the real host (the sandbox in demo mode), the
   * platform's id at the vendor, and operator-allowed on-premises hosts.
   */
  plugged: Partial<Record<Vendor, PluggedEndpoint>>;
}

export interface PluggedEndpoint {
  baseUrl?: string;
  platformId?: string;
  allowedHosts?: string[];
}

export interface AdapterContext {
  endpoints: VendorEndpoints;
  limiters: RateLimiterRegistry;
  /** Access tokens (BMS, Datto) kept across adapter instances, keyed by vendor + account. */
  tokenCache: Map<string, { token: string; refreshToken?: string; expiresAt: number }>;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Longest Retry-After worth waiting inside one call; tests set it low. */
  maxRetryWaitMs?: number;
  backoffBaseMs?: number;
  fetchImpl?: typeof fetch;
  onRequest?: (vendor: Vendor, request: { method: string; url: string }) => void;
}

export const REAL_ENDPOINTS: VendorEndpoints = {
  autotaskZoneLookupUrl: 'https://webservices.autotask.net/atservicesrest/',
  autotaskIntegrationCode: '',
  kaseyaBmsBaseUrl: null,
  dattoRmmBaseUrl: null,
  syncroBaseUrl: null,
  plugged: {},
};

/** Endpoints that point every vendor at the built-in sandboxes under `origin`. */
export function sandboxEndpoints(origin: string, integrationCode: string): VendorEndpoints {
  return {
    autotaskZoneLookupUrl: `${origin}/sandbox/autotask/atservicesrest/`,
    autotaskIntegrationCode: integrationCode,
    kaseyaBmsBaseUrl: `${origin}/sandbox/kaseya-bms`,
    dattoRmmBaseUrl: `${origin}/sandbox/datto-rmm`,
    // The sandbox serves each account it knows under its subdomain, so an unknown subdomain fails as it would at Syncro.
    syncroBaseUrl: `${origin}/sandbox/syncro/{subdomain}`,
    plugged: Object.fromEntries(VENDORS.filter((v) => PLUGGED_VENDORS[v]).map((v) => [v, {
      baseUrl: `${origin}/sandbox/${v}`,
      platformId: PLUGGED_VENDORS[v]!.sandboxPlatformId,
      allowedHosts: [],
    }])),
  };
}

/** The transport tuning this context sets, and only that: an explicit `undefined` would override VendorHttp's defaults. */
export function transportTuning(ctx: AdapterContext): Pick<AdapterContext, 'timeoutMs' | 'maxAttempts' | 'maxRetryWaitMs' | 'backoffBaseMs' | 'fetchImpl'> {
  const { timeoutMs, maxAttempts, maxRetryWaitMs, backoffBaseMs, fetchImpl } = ctx;
  return Object.fromEntries(Object.entries({ timeoutMs, maxAttempts, maxRetryWaitMs, backoffBaseMs, fetchImpl }).filter(([, v]) => v !== undefined));
}

export function createAdapterContext(endpoints: VendorEndpoints, overrides: Partial<AdapterContext> = {}): AdapterContext {
  return { endpoints, limiters: new RateLimiterRegistry(), tokenCache: new Map(), ...overrides };
}
