/**
 * @module The PSA wizard's per-vendor words, one entry per PSA vendor: the credential fields the
 * Credentials step shows (names are the credential schema's keys, bff/contracts/credential-rules.ts),
 * its intro, its permissions and whether its accounts have parents. The vendor's own sentences for
 * steps 3 and 4 live in psa-vendor-terms.ts (loaded with those steps), its field labels (ConnectWise's
 * "Service Board" and "Agreement") in bff/contracts/vendor-field-labels.ts. Plugging in a PSA vendor
 * adds one entry here and one there (registry.ts lists the other places).
 */
import { BMS_SERVERS, CONNECTWISE_ON_PREMISES, CONNECTWISE_SITES } from '../../../bff/contracts/credential-fields.js';
import type { PsaVendor } from '../../../bff/contracts/vendor-catalog.js';

export interface CredentialFieldCopy {
  /** The credential schema's key. */
  name: string;
  label: string;
  kind: 'text' | 'email' | 'password' | 'select';
  hint?: string;
  autocomplete?: string;
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** Shown (and sent) only while another field has this value (e.g. an on-premises host). */
  when?: { field: string; equals: string };
}

/** Permissions the vendor's API user or application must be granted, listed under the credentials. */
export interface PermissionsCopy {
  heading: string;
  items: ReadonlyArray<{ name: string; why: string }>;
  note?: string;
}

export interface PsaVendorCopy {
  intro: string;
  credentials: readonly CredentialFieldCopy[];
  permissions?: PermissionsCopy;
  /** Whether the account table shows parent/child accounts. */
  parentChild: boolean;
}

/** HaloPSA: an API application's client credentials and the permissions it needs. */
const HALOPSA_COPY: PsaVendorCopy = {
  intro: 'Enter the details of a HaloPSA API application (Configuration > Integrations > HaloPSA API > View Applications; Authentication Method: Client ID and Secret (Services)). They are checked with Halo before you continue.',
  credentials: [
    { name: 'url', label: 'Halo URL', kind: 'text', hint: 'The address you sign in to Halo at, e.g. https://yourcompany.halopsa.com.', autocomplete: 'url' },
    { name: 'tenant', label: 'Tenant', kind: 'text', hint: 'Hosted Halo only: your tenant name, as in the Authorisation Server’s token URL (…/auth/token?tenant=name). Leave blank for on-premises Halo.' },
    { name: 'clientId', label: 'Client ID', kind: 'text' },
    { name: 'clientSecret', label: 'Client Secret', kind: 'password', autocomplete: 'new-password' },
  ],
  permissions: {
    heading: 'Permissions the API application needs',
    items: [
      { name: 'all', why: 'read clients, users and ticket settings; create tickets, actions and contract lines' },
      { name: 'all:teams', why: 'see every team’s tickets and the team list (without it Halo answers “access denied” on teams and ticket searches)' },
    ],
    note: 'Also give the application’s Login Agent access to all teams, or tickets of other teams stay hidden from it.',
  },
  parentChild: false,
};

export const PSA_VENDOR_COPY: Record<PsaVendor, PsaVendorCopy> = {
  'kaseya-bms': {
    intro: 'Enter the credentials of the Kaseya BMS API user (User Type: Api Employee, with a role that may view accounts and create and update service desk tickets). They are checked with Kaseya BMS before you continue.',
    credentials: [
      { name: 'server', label: 'Kaseya BMS URL', kind: 'select', options: BMS_SERVERS.map((s) => ({ value: s.id, label: s.label })) },
      { name: 'tenant', label: 'BMS tenant', kind: 'text', hint: 'Your registered company name: My Profile > My Settings > Company Name.', autocomplete: 'organization' },
      { name: 'username', label: 'BMS username', kind: 'text', autocomplete: 'username' },
      { name: 'password', label: 'BMS password', kind: 'password', autocomplete: 'new-password' },
    ],
    parentChild: true,
  },
  autotask: {
    intro: 'Enter the credentials of the dedicated Autotask API user (Security Level: API User). They are checked with Autotask before you continue; your Autotask zone is found from the API username.',
    credentials: [
      { name: 'username', label: 'API Username', kind: 'email', hint: 'The API user’s e-mail address, as shown in Autotask.', autocomplete: 'username' },
      { name: 'secret', label: 'API Password (secret)', kind: 'password', autocomplete: 'new-password' },
    ],
    parentChild: false,
  },
  connectwise: {
    intro: 'Enter the API keys of a ConnectWise PSA API member (System > Members > API Members; a security role that may view companies, contacts and agreements and create service tickets). They are checked with ConnectWise before you continue.',
    credentials: [
      {
        name: 'site', label: 'ConnectWise site', kind: 'select', hint: 'The region your ConnectWise PSA is hosted in, or your own server.',
        options: [...CONNECTWISE_SITES.map((s) => ({ value: s.id, label: s.label })), { value: CONNECTWISE_ON_PREMISES, label: 'On-premises server' }],
      },
      { name: 'host', label: 'Server host name', kind: 'text', hint: 'e.g. cw.example.com. A server outside ConnectWise’s cloud must first be allowed on this platform: ask your platform provider to allow yours.', autocomplete: 'url', when: { field: 'site', equals: CONNECTWISE_ON_PREMISES } },
      { name: 'companyId', label: 'Company ID', kind: 'text', hint: 'The company you enter when signing in to ConnectWise.', autocomplete: 'organization' },
      { name: 'publicKey', label: 'Public key', kind: 'text', autocomplete: 'off' },
      { name: 'privateKey', label: 'Private key', kind: 'password', autocomplete: 'new-password' },
    ],
    parentChild: true,
  },
  halopsa: HALOPSA_COPY,
};

/** The credential fields of a vendor, by name (what the machine keeps in `context.credentials`). */
export function credentialFieldNames(vendor: PsaVendor): string[] {
  return PSA_VENDOR_COPY[vendor].credentials.map((f) => f.name);
}
