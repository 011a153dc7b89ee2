/**
 * @module Credential schemas per vendor: the one definition the wizards and the BFF both apply,
 * built with zod from each vendor's rules (credential-rules.ts, where the PSA wizard's first step
 * reads the same rules without zod). Credentials are write-only: they go in, they never come back out.
 */
import { z } from './zod.js';
import { safeString } from './safe-text.js';
import { CREDENTIAL_RULES, type ChoiceField, type TextField, type TextRule } from './credential-rules.js';
import type { Vendor } from './vendor-catalog.js';

export {
  BMS_SERVERS, CONNECTWISE_ON_PREMISES, CONNECTWISE_SITES, DATTO_PLATFORM_LABELS, DATTO_PLATFORMS, connectionFacts, type ConnectionFact,
} from './credential-fields.js';

/** One rule as the zod check it is. */
function check(rule: TextRule) {
  switch (rule.kind) {
    case 'trim': return z.trim();
    case 'minLength': return z.minLength(rule.min, rule.message);
    case 'maxLength': return z.maxLength(rule.max, rule.message);
    case 'refine': return z.refine<string>(rule.ok, rule.message);
    case 'email': return z.email(rule.message);
    case 'regex': return z.regex(rule.pattern, rule.message);
  }
}

/** A safe string with the field's rules as checks, in order. */
const textOf = (field: TextField) => safeString(field.message ? { message: field.message } : undefined).check(...field.rules.map(check));
/** A text field whose value may be left out (its `absent` value then), or be prepared first. */
const optionalText = (field: TextField) => z._default(textOf(field), field.absent ?? '');
const preparedText = (field: TextField) => z.pipe(z.transform(field.prepare!), textOf(field));
const choiceOf = <V extends readonly [string, ...string[]]>(field: ChoiceField<V>) => z.enum(field.values as unknown as { -readonly [K in keyof V]: V[K] }, { message: field.message });

const { autotask, 'kaseya-bms': bms, 'datto-rmm': datto, syncro, connectwise, halopsa } = CREDENTIAL_RULES;

export const autotaskCredentialsSchema = z.object({
  username: textOf(autotask.fields.username),
  secret: textOf(autotask.fields.secret),
});

export const kaseyaBmsCredentialsSchema = z.object({
  server: choiceOf(bms.fields.server),
  tenant: textOf(bms.fields.tenant),
  username: textOf(bms.fields.username),
  password: textOf(bms.fields.password),
});

export const dattoRmmCredentialsSchema = z.object({
  platform: choiceOf(datto.fields.platform),
  apiKey: textOf(datto.fields.apiKey),
  apiSecret: textOf(datto.fields.apiSecret),
});

export const syncroCredentialsSchema = z.object({
  subdomain: textOf(syncro.fields.subdomain),
  apiToken: textOf(syncro.fields.apiToken),
});

export const connectwiseCredentialsSchema = z.object({
  site: choiceOf(connectwise.fields.site),
  /** Only for an on-premises server: its host name (no https://, no path). */
  host: optionalText(connectwise.fields.host),
  companyId: textOf(connectwise.fields.companyId),
  publicKey: textOf(connectwise.fields.publicKey),
  privateKey: textOf(connectwise.fields.privateKey),
}).check(z.superRefine((value, ctx) => {
  const issue = connectwise.across(value);
  if (issue) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
}));

/** HaloPSA: an API application's client credentials (OAuth2 client_credentials). */
export const halopsaCredentialsSchema = z.object({
  /** `yourcompany.halopsa.com` or a full https URL (scheme added when left out). */
  url: preparedText(halopsa.fields.url),
  /** Hosted Halo names the tenant on the token request; on-premises Halo usually has none. */
  tenant: optionalText(halopsa.fields.tenant),
  clientId: textOf(halopsa.fields.clientId),
  clientSecret: textOf(halopsa.fields.clientSecret),
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
