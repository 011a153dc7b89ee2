/**
 * @module The one list of vendors and their fixed facts: id, kind, the name admins read, the rate
 * budget we keep to, and (for vendors plugged in after the first four) the operator settings read
 * from the environment. Pure data, safe in the browser: the database enum, the contracts, the
 * wizards and the BFF all derive their vendor lists from here. How to plug a PSA vendor in is
 * written in bff/vendors/registry.ts.
 */

/** A vendor account's rate budget, kept by bff/vendors/http/rate-limiter.ts. */
export interface RateBudget {
  /** Calls allowed in one window. */
  limit: number;
  windowMs: number;
  /** Calls in flight at once (Autotask: 3 per endpoint). */
  concurrency: number;
}

export const PSA_VENDORS = ['autotask', 'kaseya-bms', 'connectwise', 'halopsa'] as const;
export const RMM_VENDORS = ['datto-rmm', 'syncro'] as const;
export const VENDORS = [...PSA_VENDORS, ...RMM_VENDORS] as const;
export type PsaVendor = (typeof PSA_VENDORS)[number];
export type RmmVendor = (typeof RMM_VENDORS)[number];
export type Vendor = PsaVendor | RmmVendor;

export const isPsaVendor = (vendor: string): vendor is PsaVendor => (PSA_VENDORS as readonly string[]).includes(vendor);

export const VENDOR_LABELS: Record<Vendor, string> = {
  autotask: 'Autotask',
  'kaseya-bms': 'Kaseya BMS',
  'datto-rmm': 'Datto RMM',
  syncro: 'Syncro',
  connectwise: 'ConnectWise PSA',
  halopsa: 'HaloPSA',
};

/**
 * Published budgets (shared DESIGN.md "Vendor budgets") less about 5 %: the vendor's window and
 * ours never start at the same instant, and a sandbox run showed a refusal at the window edge at 100 %.
 */
export const VENDOR_BUDGETS: Record<Vendor, RateBudget> = {
  autotask: { limit: 9_500, windowMs: 3_600_000, concurrency: 3 },
  'kaseya-bms': { limit: 1_425, windowMs: 3_600_000, concurrency: 4 },
  // Datto: 600 reads a minute (writes have their own 100); Syncro: 180 a minute.
  'datto-rmm': { limit: 570, windowMs: 60_000, concurrency: 4 },
  syncro: { limit: 170, windowMs: 60_000, concurrency: 4 },
  // ASSUMPTION: ConnectWise publishes no fixed budget (it throttles with 429 + Retry-After); the
  // sandbox refuses past 1,000 a minute per company, so we keep to 950.
  connectwise: { limit: 950, windowMs: 60_000, concurrency: 4 },
  // Hosted Halo: 300 requests per rolling 5 minutes (HaloAPI issue #31; PowerShellWarrantyReports #51).
  halopsa: { limit: 285, windowMs: 300_000, concurrency: 4 },
};

/**
 * Operator settings of a plugged-in vendor, read at start-up by bff/vendors/vendor-env.ts (a wrong
 * value stops start-up naming the variable). The first four vendors predate this and keep their
 * own variables in bff/env.ts.
 */
export interface VendorEnvNames {
  /** Replaces the vendor's real host (an operator's choice; the BFF never fetches a user-typed host). */
  baseUrl: string;
  /** The platform's own id at the vendor (an integrator/client id): configuration, never typed by an admin. */
  platformId?: string;
  /** Comma-separated self-hosted (on-premises) hosts an admin may choose besides the vendor's cloud. */
  allowedHosts?: string;
}

export interface PluggedVendorFacts {
  env: VendorEnvNames;
  /** The platform id the built-in sandbox accepts (demo mode's default for `env.platformId`). */
  sandboxPlatformId?: string;
}

/** Vendors plugged in through the registry pattern: one entry each. */
export const PLUGGED_VENDORS: Partial<Record<Vendor, PluggedVendorFacts>> = {
  connectwise: {
    env: { baseUrl: 'CONNECTWISE_BASE_URL', platformId: 'CONNECTWISE_CLIENT_ID', allowedHosts: 'CONNECTWISE_ALLOWED_HOSTS' },
    // The sandbox's registered clientId (bff/sandboxes/connectwise/connectwise.seed.ts SANDBOX_CLIENT_ID).
    sandboxPlatformId: '00000000-0000-4000-8000-00000000c11d',
  },
  // Halo has no platform id: each MSP registers its own API application (client id and secret).
  halopsa: { env: { baseUrl: 'HALOPSA_BASE_URL', allowedHosts: 'HALOPSA_ALLOWED_HOSTS' } },
};
