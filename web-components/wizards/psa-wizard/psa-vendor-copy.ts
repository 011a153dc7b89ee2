/**
 * @module The PSA wizard's per-vendor words, one entry per PSA vendor: the credential fields the
 * Credentials step shows (names are the credential schema's keys, bff/contracts/credentials.ts),
 * its intro, and the vendor's own terms for ticket and contract fields (ConnectWise says "Service
 * Board" and "Agreement" where Autotask says "Queue" and "Contract"). Plugging in a PSA vendor adds
 * one entry here (registry.ts lists the other places).
 */
import { BMS_SERVERS } from '../../../bff/contracts/credentials.js';
import type { PsaVendor } from '../../../bff/vendors/vendor-catalog.js';

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

/** Words of the Service Parameters step a vendor may say its own way (keys of COPY.service). */
export interface ServiceTerms {
  category: string; type: string; status: string; queue: string; source: string;
  noteType: string; noteVisibility: string;
  issueTypes: string; issueType: string; subIssueType: string;
}

/** Words of the Contract Mapping step a vendor may say its own way (keys of COPY.contract). */
export interface ContractTerms {
  intro: string; addToTickets: string; addToTicketsHint: string; sync: string; syncHint: string;
  defaultService: string; defaultServiceHint: string; createTitle: string; createHint: string; create: string;
  contract: string; addService: string;
}

export interface PsaVendorCopy {
  intro: string;
  credentials: readonly CredentialFieldCopy[];
  /** Whether the account table shows parent/child accounts. */
  parentChild: boolean;
  service?: Partial<ServiceTerms>;
  contract?: Partial<ContractTerms>;
}

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
};

/** The credential fields of a vendor, by name (what the machine keeps in `context.credentials`). */
export function credentialFieldNames(vendor: PsaVendor): string[] {
  return PSA_VENDOR_COPY[vendor].credentials.map((f) => f.name);
}
