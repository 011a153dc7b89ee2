/**
 * @module Credential schemas per vendor: the one definition the wizard's credentials step and the
 * BFF both apply. Credentials are write-only: they go in, they never come back out.
 */
import { z } from 'zod';

/** Kaseya BMS regional API hosts an admin may choose from (seed 000: "Kaseya BMS URL"). */
export const BMS_SERVERS = [
  { id: 'na', label: 'North America (api.bms.kaseya.com)', url: 'https://api.bms.kaseya.com' },
  { id: 'emea', label: 'Europe (api.bmsemea.kaseya.com)', url: 'https://api.bmsemea.kaseya.com' },
  { id: 'apac', label: 'Asia Pacific (api.bmsapac.kaseya.com)', url: 'https://api.bmsapac.kaseya.com' },
  { id: 'au', label: 'Australia (api.bmsau.kaseya.com)', url: 'https://api.bmsau.kaseya.com' },
] as const;

/** Datto RMM platforms (seed 004 and the vendor's platform list). */
export const DATTO_PLATFORMS = ['pinotage', 'concord', 'vidal', 'merlot', 'zinfandel', 'syrah'] as const;

const required = (label: string) => z.string().trim().min(1, `${label} is required`);

export const autotaskCredentialsSchema = z.object({
  username: required('API username').max(200).email('API username is the API user’s e-mail address'),
  secret: required('API password (secret)').max(200),
});

export const kaseyaBmsCredentialsSchema = z.object({
  server: z.enum(BMS_SERVERS.map((s) => s.id) as [string, ...string[]], { message: 'Choose the Kaseya BMS URL' }),
  tenant: required('BMS tenant').max(200),
  username: required('BMS username').max(200),
  password: required('BMS password').max(200),
});

/** A Halo address as typed: `yourcompany.halopsa.com` or a full https URL (scheme added when left out). */
const haloUrl = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() && !/^[a-z]+:\/\//i.test(v.trim()) ? `https://${v.trim()}` : v),
  z.string({ message: 'Halo URL is required' }).trim().min(1, 'Halo URL is required').max(300)
    .regex(/^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s?#]*)?$/i, 'Enter your Halo address, e.g. https://yourcompany.halopsa.com'),
);

export const halopsaCredentialsSchema = z.object({
  url: haloUrl,
  /** Hosted Halo names the tenant on the token request; on-premises Halo usually has none. */
  tenant: z.string().trim().max(100).regex(/^[a-z0-9._-]*$/i, 'Use the tenant name Halo shows (letters, digits, dot, hyphen)').default(''),
  clientId: required('Client ID').max(200),
  clientSecret: required('Client secret').max(400),
});

export const dattoRmmCredentialsSchema = z.object({
  platform: z.enum(DATTO_PLATFORMS, { message: 'Choose your Datto RMM platform' }),
  apiKey: required('API key').max(200),
  apiSecret: required('API secret key').max(200),
});

export const syncroCredentialsSchema = z.object({
  subdomain: required('Syncro subdomain')
    .max(63)
    .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i, 'Use only letters, digits and hyphens (the part before .syncromsp.com)'),
  apiToken: required('API token').max(400),
});

export const credentialSchemas = {
  autotask: autotaskCredentialsSchema,
  'kaseya-bms': kaseyaBmsCredentialsSchema,
  halopsa: halopsaCredentialsSchema,
  'datto-rmm': dattoRmmCredentialsSchema,
  syncro: syncroCredentialsSchema,
} as const;

export type AutotaskCredentials = z.infer<typeof autotaskCredentialsSchema>;
export type KaseyaBmsCredentials = z.infer<typeof kaseyaBmsCredentialsSchema>;
export type HaloPsaCredentials = z.infer<typeof halopsaCredentialsSchema>;
export type DattoRmmCredentials = z.infer<typeof dattoRmmCredentialsSchema>;
export type SyncroCredentials = z.infer<typeof syncroCredentialsSchema>;
export type VendorCredentials = {
  autotask: AutotaskCredentials;
  'kaseya-bms': KaseyaBmsCredentials;
  halopsa: HaloPsaCredentials;
  'datto-rmm': DattoRmmCredentials;
  syncro: SyncroCredentials;
};
