/**
 * @module The PSA vendors' own sentences for the Service Parameters and Contract Mapping steps (keys
 * of COPY.service and COPY.contract), loaded with those steps rather than before step 1. Field labels
 * are not here: they live in bff/contracts/vendor-field-labels.ts, where the messages take them too.
 */
import type { PsaVendor } from '../../../bff/contracts/vendor-catalog.js';

/**
 * Sentences of the Service Parameters step a vendor may say its own way (keys of COPY.service). Field
 * labels are not here: they live in bff/contracts/vendor-field-labels.ts, where the messages take them too.
 */
export interface ServiceTerms {
  issueTypes: string;
  closeOnResolve: string; closeOnResolveHint: string;
}

/** Sentences of the Contract Mapping step a vendor may say its own way (keys of COPY.contract; labels as above). */
export interface ContractTerms {
  intro: string; addToTickets: string; addToTicketsHint: string; syncHint: string;
  defaultServiceHint: string; createTitle: string; createHint: string; create: string;
}

export interface PsaVendorTerms {
  service?: Partial<ServiceTerms>;
  contract?: Partial<ContractTerms>;
}

export const PSA_VENDOR_TERMS: Record<PsaVendor, PsaVendorTerms> = {
  'kaseya-bms': {
    service: {
      closeOnResolve: 'When the platform resolves every alert on a ticket: close it with status',
      closeOnResolveHint: 'One of your Service Desk statuses that closes a ticket (Closed, Resolved). The resolution is added as a note first.',
    },
  },
  autotask: {
    service: {
      closeOnResolve: 'When the platform resolves every alert on a ticket: set its Status to',
      closeOnResolveHint: 'Complete, or another status your Autotask treats as complete. The resolution is added as a ticket note first.',
    },
  },
  connectwise: {
    service: {
      closeOnResolve: 'When the platform resolves every alert on a ticket: close it with the board status',
      closeOnResolveHint: 'The closed statuses of the Service Board chosen above (those marked Closed in the board’s status setup). The resolution is added as a note first.',
      issueTypes: 'Type and Subtype (optional)',
    },
    contract: {
      intro: 'Agreement mapping is optional. With everything off you can finish now; it only affects ticket enrichment and billing, never alerts or investigations.',
      addToTickets: 'Add Agreements to Tickets',
      addToTicketsHint: 'The agreement chosen for an organization is added to each of its tickets.',
      syncHint: 'On the User Sync Day each month, billable user counts update the addition’s quantity on mapped agreements.',
      defaultServiceHint: 'Required while Sync Billable Users is on: the product whose addition quantity is updated when an organization has no product of its own.',
      createTitle: 'Create Product', createHint: 'Creates a Service product in the ConnectWise catalog with these defaults; cost and price can be overridden per organization.',
      create: 'Create Product',
    },
  },
  halopsa: {
    service: {
      closeOnResolve: 'When the platform resolves every alert on a ticket: close it with status',
      closeOnResolveHint: 'One of your Halo statuses that closes a ticket (Closed, or another closed status). The resolution is added as an action first.',
      issueTypes: 'Category (optional)',
    },
    contract: {
      syncHint: 'On the User Sync Day each month, billable user counts update the item’s quantity on the contract’s recurring invoice.',
      defaultServiceHint: 'Required while Sync Billable Users is on: the item whose quantity is updated when an organization has no item of its own.',
      createTitle: 'Create Item', createHint: 'Creates an item in the Halo catalog with these defaults; cost and price can be overridden per organization.',
      create: 'Create Item',
    },
  },
};
