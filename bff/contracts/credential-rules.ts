/**
 * @module Each vendor's credential rules as data, in the order they apply, with their words. One
 * definition, two readers: credentials.ts builds the zod schemas the BFF validates with from these
 * rules (each rule one zod check, in this order), and `credentialIssues` applies the same rules
 * without zod, for the PSA wizard's first step: zod and the schemas were 9 KB brotli of what a page
 * loads before that step is usable (issue 20). Without zod, the check needs to say only what the
 * wizard shows: the first message of each field, as zod's first issue of that field words it
 * (every rule brings its own words; only a wrong type is worded by zod where a field has none).
 * test/bff/contracts/credential-rules.test.ts holds the two to the same answer, field by field.
 */
import { regexes } from 'zod/v4/core';
import { BMS_SERVERS, CONNECTWISE_ON_PREMISES, DATTO_PLATFORMS } from './credential-fields.js';
import { isSafeText, UNSAFE_TEXT_MESSAGE } from './safe-text-rule.js';
import type { Vendor } from './vendor-catalog.js';

/** A rule of a text field; `trim` changes the value the later rules see (zod's `z.trim()`). */
export type TextRule =
  | { readonly kind: 'trim' }
  | { readonly kind: 'minLength'; readonly min: number; readonly message: string }
  | { readonly kind: 'maxLength'; readonly max: number; readonly message: string }
  | { readonly kind: 'refine'; readonly ok: (value: string) => boolean; readonly message: string }
  | { readonly kind: 'email'; readonly message: string }
  | { readonly kind: 'regex'; readonly pattern: RegExp; readonly message: string };

/** A text field: a safe string (safe-text-rule.ts, always its first rule), then `rules` in order. */
export interface TextField {
  readonly kind: 'text';
  readonly rules: readonly TextRule[];
  /**
   * The field's words for a wrong type (or a value left out), the one issue no rule words (a message
   * given to zod's `z.string()`). Zod's own words without it ("Invalid input: expected string, …").
   */
  readonly message?: string;
  /** The value of a field left out; its rules are then not applied (zod's `_default`). */
  readonly absent?: string;
  /** Applied to the value first (zod's transform piped into the field). */
  readonly prepare?: (value: unknown) => unknown;
}

/** One of fixed values (zod's `z.enum`). */
export interface ChoiceField<V extends readonly [string, ...string[]] = readonly [string, ...string[]]> {
  readonly kind: 'choice';
  readonly values: V;
  readonly message: string;
}

export interface AcrossIssue { path: string; message: string }

export interface VendorRules {
  readonly fields: Readonly<Record<string, TextField | ChoiceField>>;
  /** A rule across fields, on the values as parsed (trimmed, defaults in); zod runs it only when no field failed its type or choice. */
  readonly across?: (value: Readonly<Record<string, string>>) => AcrossIssue | undefined;
}

/**
 * Credentials reach the vendor in HTTP headers or beside them: a line break or other control
 * character would split a header (fetch refuses it, and the admin would see "could not be
 * reached"), so every credential refuses them, with a message on its own field.
 */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?$/i;

const trim: TextRule = { kind: 'trim' };
/** A limit in the field's own words (zod's would be "Too big: expected string to have <=200 characters"). */
const max = (label: string, n: number): TextRule => ({ kind: 'maxLength', max: n, message: `${label} must be at most ${n} characters` });
const regex = (pattern: RegExp, message: string): TextRule => ({ kind: 'regex', pattern, message });
const withoutControls = (label: string): TextRule =>
  ({ kind: 'refine', ok: (v) => !CONTROL_CHARACTER.test(v), message: `${label} must not contain line breaks, tabs or other control characters` });
const required = (label: string): TextRule[] => [trim, { kind: 'minLength', min: 1, message: `${label} is required` }, withoutControls(label)];
/** Sent as a header value itself (a ByteString): also nothing beyond Latin-1, which fetch's Headers refuses. */
const inHeader = (label: string): TextRule[] => [
  ...required(label),
  { kind: 'refine', ok: (v) => !/[^\u0000-\u00ff]/.test(v), message: `${label} contains a character an HTTP header cannot carry; check that it was copied exactly` },
];
const text = (rules: TextRule[], more: Omit<TextField, 'kind' | 'rules'> = {}): TextField => ({ kind: 'text', rules, ...more });
const choice = <const V extends readonly [string, ...string[]]>(values: V, message: string): ChoiceField<V> => ({ kind: 'choice', values, message });

/** A Halo address as typed: `yourcompany.halopsa.com` or a full https URL (scheme added when left out). */
const haloAddress = (v: unknown): unknown => (typeof v === 'string' && v.trim() && !/^[a-z]+:\/\//i.test(v.trim()) ? `https://${v.trim()}` : v);

/** Per vendor, its fields in the order the schema lists them (the order their messages come in). */
export const CREDENTIAL_RULES = {
  autotask: {
    fields: {
      username: text([...inHeader('API username'), max('API username', 200), { kind: 'email', message: 'API username is the API user’s e-mail address' }]),
      secret: text([...inHeader('API password (secret)'), max('API password (secret)', 200)]),
    },
  },
  'kaseya-bms': {
    fields: {
      server: choice(BMS_SERVERS.map((s) => s.id) as [string, ...string[]], 'Choose the Kaseya BMS URL'),
      tenant: text([...required('BMS tenant'), max('BMS tenant', 200)]),
      username: text([...required('BMS username'), max('BMS username', 200)]),
      password: text([...required('BMS password'), max('BMS password', 200)]),
    },
  },
  'datto-rmm': {
    fields: {
      platform: choice(DATTO_PLATFORMS, 'Choose your Datto RMM platform'),
      apiKey: text([...required('API key'), max('API key', 200)]),
      apiSecret: text([...required('API secret key'), max('API secret key', 200)]),
    },
  },
  syncro: {
    fields: {
      subdomain: text([...required('Syncro subdomain'), max('Syncro subdomain', 63), regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i, 'Use only letters, digits and hyphens (the part before .syncromsp.com)')]),
      apiToken: text([...inHeader('API token'), max('API token', 400)]),
    },
  },
  connectwise: {
    fields: {
      site: choice(['na', 'eu', 'au', CONNECTWISE_ON_PREMISES], 'Choose your ConnectWise site'),
      /** Only for an on-premises server: its host name (no https://, no path). */
      host: text([trim, max('Host name', 260), withoutControls('Host name')], { absent: '' }),
      companyId: text([...required('Company ID'), max('Company ID', 100), regex(/^[^\s+:]+$/, 'The Company ID is the company you sign in with, without spaces')]),
      publicKey: text([...required('Public key'), max('Public key', 100)]),
      privateKey: text([...required('Private key'), max('Private key', 100)]),
    },
    across: (value) => (value.site === CONNECTWISE_ON_PREMISES && !HOST_NAME.test(value.host ?? '')
      ? { path: 'host', message: 'Enter your ConnectWise server’s host name, e.g. cw.example.com (no https:// and no path)' }
      : undefined),
  },
  /** HaloPSA: an API application's client credentials (OAuth2 client_credentials). */
  halopsa: {
    fields: {
      url: text(
        [trim, { kind: 'minLength', min: 1, message: 'Halo URL is required' }, max('Halo URL', 300), withoutControls('Halo URL'), regex(/^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s?#]*)?$/i, 'Enter your Halo address, e.g. https://yourcompany.halopsa.com')],
        { message: 'Halo URL is required', prepare: haloAddress },
      ),
      /** Hosted Halo names the tenant on the token request; on-premises Halo usually has none. */
      tenant: text([trim, max('Tenant', 100), regex(/^[a-z0-9._-]*$/i, 'Use the tenant name Halo shows (letters, digits, dot, hyphen)')], { absent: '' }),
      clientId: text([...required('Client ID'), max('Client ID', 200)]),
      clientSecret: text([...required('Client secret'), max('Client secret', 400)]),
    },
  },
} as const satisfies Record<Vendor, VendorRules>;

/** zod's type names in its English words (zod/v4/core util `parsedType`, the locale's "NaN"). */
function typeName(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'number';
  if (typeof value !== 'object') return typeof value;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto !== Object.prototype && 'constructor' in value && value.constructor ? (value.constructor as { name: string }).name : 'object';
}
const typeMessage = (expected: string, value: unknown) => `Invalid input: expected ${expected}, received ${typeName(value)}`;

/** Whether `value` passes `rule`; the message when it does not. */
function failure(rule: Exclude<TextRule, { kind: 'trim' }>, value: string): string | undefined {
  switch (rule.kind) {
    case 'minLength': return value.length >= rule.min ? undefined : rule.message;
    case 'maxLength': return value.length <= rule.max ? undefined : rule.message;
    case 'refine': return rule.ok(value) ? undefined : rule.message;
    case 'email': return regexes.email.test(value) ? undefined : rule.message;
    case 'regex':
      rule.pattern.lastIndex = 0;
      return rule.pattern.test(value) ? undefined : rule.message;
  }
}

export interface CredentialIssue { path: string[]; message: string }

/**
 * The first issue of each field of `vendor`'s credentials, in the order zod reports them (fields in
 * order, then the rule across fields); empty when the credentials pass. What `schemaErrors` makes of
 * the vendor's schema, without zod.
 */
export function credentialIssues(vendor: Vendor, value: unknown): CredentialIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ path: [], message: typeMessage('object', value) }];
  const { fields, across } = CREDENTIAL_RULES[vendor] as VendorRules;
  const issues: CredentialIssue[] = [];
  const parsed: Record<string, string> = {};
  // A wrong type or choice stops zod from running the rule across fields.
  let aborted = false;
  for (const [name, field] of Object.entries(fields)) {
    let v = (value as Record<string, unknown>)[name];
    if (field.kind === 'choice') {
      if (typeof v === 'string' && field.values.includes(v)) parsed[name] = v;
      else {
        issues.push({ path: [name], message: field.message });
        aborted = true;
      }
      continue;
    }
    if (v === undefined && field.absent !== undefined) {
      parsed[name] = field.absent;
      continue;
    }
    if (field.prepare) v = field.prepare(v);
    if (typeof v !== 'string') {
      issues.push({ path: [name], message: field.message ?? typeMessage('string', v) });
      aborted = true;
      continue;
    }
    let text: string = v;
    let message = isSafeText(text) ? undefined : UNSAFE_TEXT_MESSAGE;
    for (const rule of field.rules) {
      if (rule.kind === 'trim') text = text.trim();
      else message ??= failure(rule, text);
    }
    if (message !== undefined) issues.push({ path: [name], message });
    parsed[name] = text;
  }
  const crossing = across && !aborted ? across(parsed) : undefined;
  if (crossing) issues.push({ path: [crossing.path], message: crossing.message });
  return issues;
}
