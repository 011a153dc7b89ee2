/**
 * @module The PSA settings' plain values and words (no schema): what a wizard needs before its later
 * steps' schemas (psa-settings.ts, which re-exports all of this) are loaded, so the first step's
 * code does not carry them.
 */
import type { ContractSettings } from './psa-settings.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Tokens a ticket subject or note title may use; the rendered subject is the grouping key. */
export const SUBJECT_TOKENS = ['user', 'alert', 'organization', 'severity'] as const;
export const SUBJECT_PRESETS = {
  user: { label: 'User', template: '{user}' },
  'user-alert': { label: 'User + Alert', template: '{user} – {alert}' },
} as const;

/** The message the seeds require when the chosen account has no contact to attach. */
export const NO_CONTACT_MESSAGE = 'The selected PSA account has no contacts. Add a contact to it in the PSA, choose another account, or turn off Attach Contacts to Tickets on Creation.';

/**
 * A saved value the PSA no longer lists (deleted there since), in the words the BFF's check and the
 * wizard's section edit share: `label` is the field as the vendor's wizard shows it.
 */
export function noLongerOfferedMessage(label: string, vendorLabel: string): string {
  return `The chosen ${label} is no longer offered by ${vendorLabel} (it may have been removed); choose again`;
}

/** Picklist fields a vendor may lack (the adapter lists them in PsaPicklists.unsupported). */
export const OPTIONAL_BY_VENDOR_FIELDS = ['categoryId', 'typeId', 'queueId', 'sourceId'] as const;

export const CONTRACTS_OFF: ContractSettings = {
  addContractsToTickets: false, syncBillableUsers: false, userSyncDay: null, defaultServiceId: null, defaultServiceName: null, mappings: [],
};
