/**
 * @module What an adapter factory receives besides credentials: where each vendor lives (real hosts,
 * or operator-configured base URLs such as the built-in sandboxes), the shared limiter registry and
 * token cache, and hooks for tests and benchmarks.
 */
import { RateLimiterRegistry, type RateBudget } from './http/rate-limiter.js';
import type { Vendor } from './model.js';

export interface VendorEndpoints {
  /** Autotask zone lookup base (…/atservicesrest/). Real: https://webservices.autotask.net/atservicesrest/ */
  autotaskZoneLookupUrl: string;
  /** Autotask's API tracking identifier: the platform's, set by the operator, never typed by an admin. */
  autotaskIntegrationCode: string;
  /** Replaces the chosen BMS regional host (e.g. the sandbox). */
  kaseyaBmsBaseUrl: string | null;
  /** Replaces the typed Halo URL (the sandbox, or an operator's on-premises Halo). */
  haloPsaBaseUrl?: string | null;
  /** On-premises Halo hosts an admin may type, besides `<name>.halopsa.com` (operator configured). */
  haloPsaAllowedHosts?: readonly string[];
  /** Replaces https://{platform}-api.centrastage.net. */
  dattoRmmBaseUrl: string | null;
  /** Replaces https://{subdomain}.syncromsp.com. */
  syncroBaseUrl: string | null;
}

export interface AdapterContext {
  endpoints: VendorEndpoints;
  limiters: RateLimiterRegistry;
  /** Access tokens (BMS, Datto, Halo) kept across adapter instances, keyed by vendor + account. */
  tokenCache: Map<string, { token: string; refreshToken?: string; expiresAt: number }>;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Longest Retry-After worth waiting inside one call; tests set it low. */
  maxRetryWaitMs?: number;
  backoffBaseMs?: number;
  fetchImpl?: typeof fetch;
  onRequest?: (vendor: Vendor, request: { method: string; url: string }) => void;
}

/**
 * Published budgets (shared DESIGN.md "Vendor budgets") less about 5 %: the vendor's window and
 * ours never start at the same instant, and a sandbox run showed a refusal at the window edge at 100 %.
 */
export const VENDOR_BUDGETS: Record<Vendor, RateBudget> = {
  autotask: { limit: 9_500, windowMs: 3_600_000, concurrency: 3 },
  'kaseya-bms': { limit: 1_425, windowMs: 3_600_000, concurrency: 4 },
  // Hosted Halo: 300 requests per rolling 5 minutes.
  halopsa: { limit: 285, windowMs: 300_000, concurrency: 4 },
  // Datto: 600 reads a minute (writes have their own 100); Syncro: 180 a minute.
  'datto-rmm': { limit: 570, windowMs: 60_000, concurrency: 4 },
  syncro: { limit: 170, windowMs: 60_000, concurrency: 4 },
};

export const REAL_ENDPOINTS: VendorEndpoints = {
  autotaskZoneLookupUrl: 'https://webservices.autotask.net/atservicesrest/',
  autotaskIntegrationCode: '',
  kaseyaBmsBaseUrl: null,
  dattoRmmBaseUrl: null,
  syncroBaseUrl: null,
};

/** Endpoints that point every vendor at the built-in sandboxes under `origin`. */
export function sandboxEndpoints(origin: string, integrationCode: string): VendorEndpoints {
  return {
    autotaskZoneLookupUrl: `${origin}/sandbox/autotask/atservicesrest/`,
    autotaskIntegrationCode: integrationCode,
    kaseyaBmsBaseUrl: `${origin}/sandbox/kaseya-bms`,
    haloPsaBaseUrl: `${origin}/sandbox/halopsa`,
    dattoRmmBaseUrl: `${origin}/sandbox/datto-rmm`,
    syncroBaseUrl: `${origin}/sandbox/syncro`,
  };
}

export function createAdapterContext(endpoints: VendorEndpoints, overrides: Partial<AdapterContext> = {}): AdapterContext {
  return { endpoints, limiters: new RateLimiterRegistry(), tokenCache: new Map(), ...overrides };
}
