/**
 * @module Credential schemas per vendor: the one definition the wizard's credentials step and the
 * BFF both apply. Credentials are write-only: they go in, they never come back out.
 */
import { z } from 'zod';
import type { Vendor } from '../vendors/vendor-catalog.js';

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

/** One schema per vendor id (vendor-catalog.ts); the compiler refuses a vendor left out. */
export const credentialSchemas = {
  autotask: autotaskCredentialsSchema,
  'kaseya-bms': kaseyaBmsCredentialsSchema,
  'datto-rmm': dattoRmmCredentialsSchema,
  syncro: syncroCredentialsSchema,
} as const satisfies Record<Vendor, z.ZodType>;

/** Credentials per vendor, derived from `credentialSchemas` (one line there per vendor). */
export type VendorCredentials = { [V in keyof typeof credentialSchemas]: z.infer<(typeof credentialSchemas)[V]> };
export type AutotaskCredentials = VendorCredentials['autotask'];
export type KaseyaBmsCredentials = VendorCredentials['kaseya-bms'];
export type DattoRmmCredentials = VendorCredentials['datto-rmm'];
export type SyncroCredentials = VendorCredentials['syncro'];
