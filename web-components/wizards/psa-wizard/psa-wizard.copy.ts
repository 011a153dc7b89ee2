/**
 * @module Every sentence the PSA wizard shows, in one place and in the seeds' words (000 Kaseya
 * BMS, 001 the BMS guide, 003 Autotask), so labels, hints and messages stay consistent. The wizard's
 * own and its first step's words live in psa-first-step-copy.ts (`COPY` includes them), so the code
 * loaded before step 1 does not carry the later steps' words.
 */
import type { Severity } from '../../../bff/contracts/psa-settings.js';
import type { PsaVendor } from './psa-wizard.types.js';
import { FIRST_STEP_COPY, STEP_INFO, VENDOR_LABEL } from './psa-first-step-copy.js';
import { PSA_VENDOR_TERMS } from './psa-vendor-terms.js';
import { GENERIC_PSA_FIELD_LABELS, psaFieldLabels, type ContractFieldLabels, type TicketFieldLabels } from '../../../bff/contracts/vendor-field-labels.js';

export { STEP_INFO, VENDOR_LABEL };

/** Step 3's labels as COPY.service names them, from the one place that holds each vendor's words. */
function serviceLabels(labels: TicketFieldLabels) {
  return {
    category: labels.categoryId, type: labels.typeId, status: labels.statusId, queue: labels.queueId, source: labels.sourceId,
    noteType: labels.noteTypeId, noteVisibility: labels.noteVisibilityId,
    issueType: labels.issueTypeId, subIssueType: labels.subIssueTypeId,
    overrideIssueType: labels.overrideIssueTypeId, overrideSubIssueType: labels.overrideSubIssueTypeId,
  };
}

/** Step 4's labels as COPY.contract names them. */
function contractLabels(labels: ContractFieldLabels) {
  return { sync: labels.syncBillableUsers, defaultService: labels.defaultServiceId, syncDay: labels.userSyncDay, contract: labels.contractId, addService: labels.addService };
}

/** COPY.service in the vendor's own terms (labels: vendor-field-labels.ts; sentences: psa-vendor-terms.ts). */
export function serviceCopy(vendor: PsaVendor): typeof COPY.service {
  return { ...COPY.service, ...PSA_VENDOR_TERMS[vendor].service, ...serviceLabels(psaFieldLabels(vendor).ticket) };
}

/** COPY.contract in the vendor's own terms (labels: vendor-field-labels.ts; sentences: psa-vendor-terms.ts). */
export function contractCopy(vendor: PsaVendor): typeof COPY.contract {
  return { ...COPY.contract, ...PSA_VENDOR_TERMS[vendor].contract, ...contractLabels(psaFieldLabels(vendor).contract) };
}

const GENERIC = GENERIC_PSA_FIELD_LABELS;

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', informational: 'Informational' };

export const COPY = {
  ...FIRST_STEP_COPY,

  mapping: {
    intro: 'This step is required. Select the Catch-All PSA Account used for organizations without a mapping, then map PSA accounts to organizations.',
    attach: 'Attach Contacts to Tickets on Creation',
    attachHint: 'On: each ticket gets a contact: the PSA contact whose e-mail matches the alert’s user, else the contact chosen for the account. Off: tickets are created without a contact.',
    catchAllAccount: 'Catch-All PSA Account',
    catchAllAccountHint: 'Used when an organization has no mapping below.',
    catchAllContact: 'Catch-All PSA Ticket Contact',
    catchAllContactHint: 'The contact on tickets of unmapped organizations when no contact matches the alert’s user.',
    checkingContacts: 'Loading the contacts of this account…',
    rowNoContacts: 'This PSA account has no contacts. Add one in the PSA, or its tickets are created without a contact while Attach Contacts is on.',
    retryContacts: (account: string) => `Retry loading contacts for ${account}`,
    fallback: 'Only mapped organizations route tickets to their PSA accounts. Unmapped organizations fall back to the catch-all account.',
    tableLabel: 'Mapping PSA accounts to organizations',
  },

  service: {
    intro: 'Several fields in this step are required. These defaults apply to every new ticket unless a custom mapping below overrides the issue type.',
    ticketDefaults: 'Ticket defaults (required)',
    ...serviceLabels(GENERIC.ticket),
    subject: 'Ticket Subject',
    groupBy: 'Group alerts by',
    custom: 'Custom subject',
    subjectHint: 'Tokens: {user}, {alert}, {organization}, {severity}.',
    grouping: 'The ticket subject decides grouping. While a ticket with the same subject is open for the account, later alerts are added to it as notes; once it is closed or completed, the next alert opens a new ticket. “User” puts all of a user’s alerts on one ticket; “User + Alert” opens one ticket per user and alert type.',
    preview: 'Preview',
    priorities: 'Alert Priority Mapping',
    prioritiesHint: 'A ticket priority for every alert severity.',
    priorityFor: (severity: string) => `Priority for ${severity} alerts`,
    noteDefaults: 'Note defaults (required)',
    noteDefaultsHint: 'Used when alerts are added as notes to an open ticket.',
    noteTitle: 'Note Title',
    issueTypes: 'Issue Type and Sub-Issue Type (optional)',
    issueTypesHint: 'Leave empty for no issue type. Custom mappings below win over these defaults for matching alerts.',
    /** Why a field is disabled: its values come from another field (a board's statuses, an issue type's sub-issue types). */
    chooseFirst: (parent: string) => `Choose the ${parent} first: the choices here come from it.`,
    /** A required list the PSA refused or answered empty (issue 18 item 10): which one, and the way on. */
    listUnreadable: (vendor: string, label: string) =>
      `The ${label} list could not be read from ${vendor}: it came back refused or empty. In ${vendor}, add an active ${label} (or let the API user read them), then choose Read the lists again.`,
    listsUnreadable: (labels: string) => `Some lists could not be read: ${labels}.`,
    rereadLists: 'Read the lists again',
    twoWay: 'When alerts are resolved in the platform',
    closeOnResolve: 'When the platform resolves every alert on a ticket: close it with status',
    closeOnResolveHint: 'One of the PSA’s closed statuses. The resolution is always added as a note.',
    leaveOpen: 'Leave the ticket open',
    tables: {
      alertTypes: { title: 'Alert-based mappings', key: 'Alert type', row: 'alert type override', empty: 'No alert-based mappings: every alert uses the defaults above.' },
      respondRules: { title: 'Respond Rule mappings', key: 'Respond rule', row: 'respond rule override', empty: 'No Respond Rule mappings.' },
      iocRules: { title: 'IOC Rule mappings', key: 'IOC rule', row: 'IOC rule override', empty: 'No IOC Rule mappings.' },
    },
    addMapping: 'Add mapping',
    remove: 'Remove',
    /**
     * Said after an override row's visible label ("Issue Type") to assistive technology only, so each
     * control's name is unique across the three tables: "Issue Type, alert type override 1".
     */
    overrideDetail: (row: string, n: number) => `, ${row} ${n}`,
    overrideRemove: (row: string, n: number) => `Remove ${row} ${n}`,
  },

  contract: {
    intro: 'Contract mapping is optional. With everything off you can finish now; it only affects ticket enrichment and billing, never alerts or investigations.',
    addToTickets: 'Add Agreements / Contracts to Tickets',
    addToTicketsHint: 'The contract chosen for an organization is added to each of its tickets.',
    syncHint: 'On the User Sync Day each month, billable user counts update the service quantity on mapped contracts.',
    syncDayHint: 'Day of the month, 1 to 28.',
    defaultServiceHint: 'Required while Sync Billable Users is on: the service whose quantity is updated when an organization has no service of its own.',
    createTitle: 'Create Service',
    createHint: 'Creates the service in the PSA with these defaults; cost and price can be overridden per organization.',
    serviceName: 'Name', cost: 'Cost', price: 'Price',
    create: 'Create Service',
    tableLabel: 'Contract mapping by organization',
    tableHint: 'Organizations mapped to a PSA account in Account Mapping. Without a contract an organization still gets tickets, but no contract and no user count updates.',
    noMappedOrganizations: 'No organization is mapped to a PSA account yet (Account Mapping), so there is nothing to map to contracts.',
    ...contractLabels(GENERIC.contract),
    costOverride: 'Cost', priceOverride: 'Price',
    retryContracts: (organization: string) => `Retry loading contracts for ${organization}`,
  },

  finish: {
    intro: 'Review and choose Finish: the settings are checked once more and the integration becomes Active.',
    refused: 'The integration cannot be completed yet:',
    testTicket: 'Send test ticket',
    testTicketHint: 'Creates a ticket marked [TEST] in the catch-all account with the saved ticket defaults, so you can see one arrive before the first alert does.',
    testTicketSending: 'Sending test ticket…',
    testTicketSendingStatus: (vendor: string) => `Sending a test ticket to ${vendor}; waiting for ${vendor} to answer…`,
    testTicketSent: (vendor: string, id: string) => `Test ticket ${id} was created in ${vendor}. You can close it there.`,
    testTicketFailed: 'The test ticket could not be created:',
  },
};
