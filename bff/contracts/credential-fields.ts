/**
 * @module The vendors' credential fields as facts, without zod: the regional servers and sites an
 * admin chooses from, and the non-secret parts of a connection the edit summary shows. The schemas
 * (credentials.ts) and the browser's zod-free check (credential-rules.ts) both read these; credentials.ts
 * re-exports them, so the BFF imports them from there as before.
 */
import type { Vendor } from './vendor-catalog.js';

/** Kaseya BMS regional API hosts an admin may choose from (seed 000: "Kaseya BMS URL"). */
export const BMS_SERVERS = [
  { id: 'na', label: 'North America (api.bms.kaseya.com)', url: 'https://api.bms.kaseya.com' },
  { id: 'emea', label: 'Europe (api.bmsemea.kaseya.com)', url: 'https://api.bmsemea.kaseya.com' },
  { id: 'apac', label: 'Asia Pacific (api.bmsapac.kaseya.com)', url: 'https://api.bmsapac.kaseya.com' },
  { id: 'au', label: 'Australia (api.bmsau.kaseya.com)', url: 'https://api.bmsau.kaseya.com' },
] as const;

/** Datto RMM platforms (seed 004 and the vendor's platform list). */
export const DATTO_PLATFORMS = ['pinotage', 'concord', 'vidal', 'merlot', 'zinfandel', 'syrah'] as const;
/** The platforms as Datto names them (the API host is `<platform>-api.centrastage.net`). */
export const DATTO_PLATFORM_LABELS: Record<(typeof DATTO_PLATFORMS)[number], string> = {
  pinotage: 'Pinotage', concord: 'Concord', vidal: 'Vidal', merlot: 'Merlot', zinfandel: 'Zinfandel', syrah: 'Syrah',
};

/**
 * ConnectWise PSA cloud sites (the API host of each region). ASSUMPTION (facts file "verify list";
 * community clients name these three): other regions or a self-hosted server are entered as an
 * on-premises host, which the operator must allow (CONNECTWISE_ALLOWED_HOSTS). ASSUMPTION: the
 * `api-` host of a region also answers `login/companyinfo` (community clients call it there).
 */
export const CONNECTWISE_SITES = [
  { id: 'na', label: 'North America (na.myconnectwise.net)', host: 'api-na.myconnectwise.net' },
  { id: 'eu', label: 'Europe (eu.myconnectwise.net)', host: 'api-eu.myconnectwise.net' },
  { id: 'au', label: 'Australia (au.myconnectwise.net)', host: 'api-au.myconnectwise.net' },
] as const;
export const CONNECTWISE_ON_PREMISES = 'on-premises' as const;

/** One non-secret part of a connection, as the edit summary shows it ("Company ID: sandboxmsp"). */
export interface ConnectionFact { label: string; value: string }

/**
 * What a connection is, without its secrets: the fields an admin typed that are not secret (site,
 * tenant, URL, API user, key id), labelled as the wizard labels them. Secret fields are left out
 * (the summary says "stored"); the BFF computes this from the sealed credentials on read.
 */
export function connectionFacts(vendor: Vendor, credentials: unknown): ConnectionFact[] {
  const c = (credentials ?? {}) as Record<string, string | undefined>;
  const facts: Array<[string, string | undefined]> = {
    autotask: [['API username', c.username]],
    'kaseya-bms': [['Kaseya BMS URL', BMS_SERVERS.find((s) => s.id === c.server)?.label], ['Tenant', c.tenant], ['Username', c.username]],
    connectwise: [['Site', c.site === CONNECTWISE_ON_PREMISES ? c.host : CONNECTWISE_SITES.find((s) => s.id === c.site)?.label], ['Company ID', c.companyId], ['Public key', c.publicKey]],
    halopsa: [['Halo URL', c.url], ['Tenant', c.tenant], ['Client ID', c.clientId]],
    'datto-rmm': [['Platform', DATTO_PLATFORM_LABELS[c.platform as keyof typeof DATTO_PLATFORM_LABELS]], ['API key', c.apiKey]],
    syncro: [['Subdomain', c.subdomain ? `${c.subdomain}.syncromsp.com` : undefined]],
  }[vendor] as Array<[string, string | undefined]>;
  return facts.filter((f): f is [string, string] => Boolean(f[1])).map(([label, value]) => ({ label, value }));
}
