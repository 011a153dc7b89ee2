/**
 * @module The one place that holds each vendor's own words for the fields its wizard shows: a PSA's
 * step 3 (ticket and note defaults) and step 4 (contract mapping), and the RMM wizards' fields
 * whose labels differ between Datto RMM and Syncro. The wizard's labels (psa-wizard.copy.ts) and every
 * validation message about those fields, in the browser and in the BFF's problem+json field list,
 * take their words from here, so an error always names the field the admin sees ("Choose a Service
 * Board" under ConnectWise's Service Board, never "Choose a Ticket Queue"). Pure data, safe in the browser.
 */
import type { PsaVendor, RmmVendor } from './vendor-catalog.js';

/** Step 3's field labels (the generic ones are the seeds' words, 000/001/003). */
export interface TicketFieldLabels {
  categoryId: string; typeId: string; statusId: string; queueId: string; sourceId: string;
  noteTypeId: string; noteVisibilityId: string;
  /** The optional defaults (ConnectWise "Default Type"). */
  issueTypeId: string; subIssueTypeId: string;
  /** The same two in an override row (ConnectWise "Type"). */
  overrideIssueTypeId: string; overrideSubIssueTypeId: string;
}

/** Step 4's field labels, and the nouns its messages use for a contract and a contract line. */
export interface ContractFieldLabels {
  syncBillableUsers: string; defaultServiceId: string; userSyncDay: string;
  /** The table's contract column ("Agreement" in ConnectWise). */
  contractId: string; addService: string;
  /** What a contract line is, in a sentence ("service", "product", "item"). */
  serviceNoun: string;
}

export interface PsaFieldLabels { ticket: TicketFieldLabels; contract: ContractFieldLabels }

export const GENERIC_PSA_FIELD_LABELS: PsaFieldLabels = {
  ticket: {
    categoryId: 'Ticket Category', typeId: 'Ticket Type', statusId: 'Ticket Status', queueId: 'Ticket Queue', sourceId: 'Ticket Source',
    noteTypeId: 'Note Type', noteVisibilityId: 'Note Visibility',
    issueTypeId: 'Default Issue Type', subIssueTypeId: 'Default Sub-Issue Type',
    overrideIssueTypeId: 'Issue Type', overrideSubIssueTypeId: 'Sub-Issue Type',
  },
  contract: {
    syncBillableUsers: 'Sync Billable Users to Contracts / Agreements', defaultServiceId: 'Default Contract Service', userSyncDay: 'User Sync Day',
    contractId: 'Contract', addService: 'Add Service to Contract', serviceNoun: 'service',
  },
};

/** Where a vendor's screen says it otherwise (Autotask and Kaseya BMS use the seeds' words). */
const VENDOR_WORDS: Record<PsaVendor, { ticket?: Partial<TicketFieldLabels>; contract?: Partial<ContractFieldLabels> }> = {
  autotask: {},
  'kaseya-bms': {},
  connectwise: {
    ticket: {
      queueId: 'Service Board', statusId: 'Status', typeId: 'Item', sourceId: 'Source',
      noteTypeId: 'Note Type (Discussion or Resolution)',
      issueTypeId: 'Default Type', subIssueTypeId: 'Default Subtype', overrideIssueTypeId: 'Type', overrideSubIssueTypeId: 'Subtype',
    },
    contract: {
      syncBillableUsers: 'Sync Billable Users to Agreement Additions', defaultServiceId: 'Default Addition (catalog product)',
      contractId: 'Agreement', addService: 'Add Addition to Agreement', serviceNoun: 'product',
    },
  },
  halopsa: {
    ticket: {
      queueId: 'Team', noteTypeId: 'Outcome (note type)',
      issueTypeId: 'Default Category', subIssueTypeId: 'Default Subcategory', overrideIssueTypeId: 'Category', overrideSubIssueTypeId: 'Subcategory',
    },
    contract: { defaultServiceId: 'Default Contract Item', addService: 'Add Item to Contract', serviceNoun: 'item' },
  },
};

/** A vendor's field labels (the generic ones where it has no word of its own; all generic without a vendor). */
export function psaFieldLabels(vendor?: PsaVendor): PsaFieldLabels {
  const own = vendor ? VENDOR_WORDS[vendor] : {};
  return {
    ticket: { ...GENERIC_PSA_FIELD_LABELS.ticket, ...own.ticket },
    contract: { ...GENERIC_PSA_FIELD_LABELS.contract, ...own.contract },
  };
}

/**
 * "a" or "an" before a label, by its sound: a vowel says "an" ("an Item", "an Outcome") except a "u"
 * sounded "you" ("a User Sync Day", "a Unit"). Good enough for labels; not a general English rule.
 */
export function withArticle(label: string): string {
  const vowelSound = /^[aeiou]/i.test(label) && !/^u(s[aeiou]|ni|ti)/i.test(label);
  return `${vowelSound ? 'an' : 'a'} ${label}`;
}

/** The message of an empty required choice: "Choose a Service Board". */
export function chooseMessage(label: string): string {
  return `Choose ${withArticle(label)}`;
}

/** The RMM wizards' fields that each vendor labels its own way (seed 004 Datto RMM, seed 002 Syncro). */
export interface RmmFieldLabels {
  userActivityOrganizationId: string;
}

export const RMM_FIELD_LABELS: Record<RmmVendor, RmmFieldLabels> = {
  'datto-rmm': { userActivityOrganizationId: 'Organization for this integration' },
  syncro: { userActivityOrganizationId: 'User Activity Organization' },
};

/**
 * A label inside a sentence: a sentence-case label ("Organization for this integration") reads in
 * lower case, a title-case one ("User Activity Organization") keeps its capitals.
 */
export function labelInSentence(label: string): string {
  const [first = '', ...rest] = label.split(' ');
  return rest.some((word) => /^[A-Z]/.test(word)) ? label : [first.toLowerCase(), ...rest].join(' ');
}
