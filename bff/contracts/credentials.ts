/**
 * @module Credential schemas per vendor: the one definition the wizard's credentials step and the
 * BFF both apply. Credentials are write-only: they go in, they never come back out.
 */
import { z } from './zod.js';
import { safeString } from './safe-text.js';
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
 * Credentials reach the vendor in HTTP headers or beside them: a line break or other control
 * character would split a header (fetch refuses it, and the admin would see "could not be
 * reached"), so every credential refuses them, with a message on its own field.
 */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const withoutControls = (schema: z.ZodMiniString, label: string) =>
  schema.check(z.refine((v) => !CONTROL_CHARACTER.test(v), `${label} must not contain line breaks, tabs or other control characters`));
const required = (label: string) => withoutControls(safeString().check(z.trim(), z.minLength(1, `${label} is required`)), label);
/** Sent as a header value itself (a ByteString): also nothing beyond Latin-1, which fetch's Headers refuses. */
const inHeader = (label: string) => required(label)
  .check(z.refine((v) => !/[^\u0000-\u00ff]/.test(v), `${label} contains a character an HTTP header cannot carry; check that it was copied exactly`));

export const autotaskCredentialsSchema = z.object({
  username: inHeader('API username').check(z.maxLength(200), z.email('API username is the API user’s e-mail address')),
  secret: inHeader('API password (secret)').check(z.maxLength(200)),
});

export const kaseyaBmsCredentialsSchema = z.object({
  server: z.enum(BMS_SERVERS.map((s) => s.id) as [string, ...string[]], { message: 'Choose the Kaseya BMS URL' }),
  tenant: required('BMS tenant').check(z.maxLength(200)),
  username: required('BMS username').check(z.maxLength(200)),
  password: required('BMS password').check(z.maxLength(200)),
});

export const dattoRmmCredentialsSchema = z.object({
  platform: z.enum(DATTO_PLATFORMS, { message: 'Choose your Datto RMM platform' }),
  apiKey: required('API key').check(z.maxLength(200)),
  apiSecret: required('API secret key').check(z.maxLength(200)),
});

export const syncroCredentialsSchema = z.object({
  subdomain: required('Syncro subdomain').check(
    z.maxLength(63),
    z.regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i, 'Use only letters, digits and hyphens (the part before .syncromsp.com)'),
  ),
  apiToken: inHeader('API token').check(z.maxLength(400)),
});

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

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?$/i;

export const connectwiseCredentialsSchema = z.object({
  site: z.enum(['na', 'eu', 'au', CONNECTWISE_ON_PREMISES] satisfies Array<(typeof CONNECTWISE_SITES)[number]['id'] | typeof CONNECTWISE_ON_PREMISES>, { message: 'Choose your ConnectWise site' }),
  /** Only for an on-premises server: its host name (no https://, no path). */
  host: z._default(withoutControls(safeString().check(z.trim(), z.maxLength(260)), 'Host name'), ''),
  companyId: required('Company ID').check(z.maxLength(100), z.regex(/^[^\s+:]+$/, 'The Company ID is the company you sign in with, without spaces')),
  publicKey: required('Public key').check(z.maxLength(100)),
  privateKey: required('Private key').check(z.maxLength(100)),
}).check(z.superRefine((value, ctx) => {
  if (value.site === CONNECTWISE_ON_PREMISES && !HOST_NAME.test(value.host)) {
    ctx.addIssue({ code: 'custom', path: ['host'], message: 'Enter your ConnectWise server’s host name, e.g. cw.example.com (no https:// and no path)' });
  }
}));

/** A Halo address as typed: `yourcompany.halopsa.com` or a full https URL (scheme added when left out). */
const haloUrl = z.pipe(
  // What full zod's z.preprocess builds: a transform piped into the schema.
  z.transform((v: unknown) => (typeof v === 'string' && v.trim() && !/^[a-z]+:\/\//i.test(v.trim()) ? `https://${v.trim()}` : v)),
  withoutControls(safeString({ message: 'Halo URL is required' }).check(z.trim(), z.minLength(1, 'Halo URL is required'), z.maxLength(300)), 'Halo URL')
    .check(z.regex(/^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s?#]*)?$/i, 'Enter your Halo address, e.g. https://yourcompany.halopsa.com')),
);

/** HaloPSA: an API application's client credentials (OAuth2 client_credentials). */
export const halopsaCredentialsSchema = z.object({
  url: haloUrl,
  /** Hosted Halo names the tenant on the token request; on-premises Halo usually has none. */
  tenant: z._default(safeString().check(z.trim(), z.maxLength(100), z.regex(/^[a-z0-9._-]*$/i, 'Use the tenant name Halo shows (letters, digits, dot, hyphen)')), ''),
  clientId: required('Client ID').check(z.maxLength(200)),
  clientSecret: required('Client secret').check(z.maxLength(400)),
});

/** One schema per vendor id (vendor-catalog.ts); the compiler refuses a vendor left out. */
export const credentialSchemas = {
  autotask: autotaskCredentialsSchema,
  'kaseya-bms': kaseyaBmsCredentialsSchema,
  'datto-rmm': dattoRmmCredentialsSchema,
  syncro: syncroCredentialsSchema,
  connectwise: connectwiseCredentialsSchema,
  halopsa: halopsaCredentialsSchema,
} as const satisfies Record<Vendor, z.ZodMiniType>;

/** Credentials per vendor, derived from `credentialSchemas` (one line there per vendor). */
export type VendorCredentials = { [V in keyof typeof credentialSchemas]: z.infer<(typeof credentialSchemas)[V]> };
export type AutotaskCredentials = VendorCredentials['autotask'];
export type KaseyaBmsCredentials = VendorCredentials['kaseya-bms'];
export type DattoRmmCredentials = VendorCredentials['datto-rmm'];
export type SyncroCredentials = VendorCredentials['syncro'];
export type ConnectWiseCredentials = VendorCredentials['connectwise'];
export type HaloPsaCredentials = VendorCredentials['halopsa'];

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
