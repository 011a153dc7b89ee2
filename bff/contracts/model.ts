/**
 * @module The vendor-neutral model. Machines, routes and the routing engine speak only these
 * types; each vendor adapter maps its own wire shapes to them (no vendor shape crosses a mapper).
 */

export { PSA_VENDORS, RMM_VENDORS, VENDORS, type PsaVendor, type RmmVendor, type Vendor } from './vendor-catalog.js';

/** A customer record in the PSA (Autotask company, BMS account). */
export interface PsaAccount {
  id: string;
  name: string;
  /** Account/company type label (Customer, Prospect, Vendor…). */
  type: string | null;
  /** Autotask classification / BMS account class. */
  classification: string | null;
  marketSegment: string | null;
  /** Parent account id, when the vendor models parent/child accounts. */
  parentId: string | null;
  isActive: boolean;
}

export interface PsaContact {
  id: string;
  accountId: string;
  name: string;
  email: string | null;
  isPrimary: boolean;
  isActive: boolean;
}

/** One choosable value of a vendor picklist (status, queue, priority, note type…). */
export interface PicklistValue {
  id: string;
  label: string;
  isDefault: boolean;
  isActive: boolean;
  /**
   * For dependent lists: a sub-issue type's issue type; a status, ticket type or issue type that
   * belongs to one queue (ConnectWise board) carries that queue's id, and only goes with it.
   */
  parentId?: string;
  /**
   * Set when the PSA lists the value but an integration cannot use it (e.g. a HaloPSA ticket type
   * whose mandatory fields have no default): setup refuses it with this message.
   */
  unusableReason?: string;
}

/**
 * Every list the PSA wizard's service-parameter step offers. A vendor without an equivalent field
 * returns an empty list for it and names it in `unsupported`, so the wizard can leave it out.
 */
export interface PsaPicklists {
  ticketCategory: PicklistValue[];
  ticketType: PicklistValue[];
  ticketStatus: PicklistValue[];
  /** Status ids that mean the ticket is finished (closed/complete); used for grouping. */
  closedStatusIds: string[];
  queue: PicklistValue[];
  source: PicklistValue[];
  priority: PicklistValue[];
  noteType: PicklistValue[];
  noteVisibility: PicklistValue[];
  issueType: PicklistValue[];
  subIssueType: PicklistValue[];
  unsupported: Array<PicklistKey>;
  /**
   * Lists the vendor refused or answered empty, each with what was tried. The wizard names any empty
   * required list anyway (psa-wizard.validation.ts); this only adds the reason.
   */
  unreadable?: Partial<Record<PicklistKey, string>>;
}

/** The picklists of PsaPicklists (not its bookkeeping fields). */
export type PicklistKey = keyof Omit<PsaPicklists, 'unsupported' | 'closedStatusIds' | 'unreadable'>;

export interface NewTicket {
  accountId: string;
  contactId: string | null;
  title: string;
  description: string;
  statusId: string;
  priorityId: string;
  queueId: string | null;
  typeId: string | null;
  sourceId: string | null;
  categoryId: string | null;
  issueTypeId: string | null;
  subIssueTypeId: string | null;
  contractId: string | null;
  /**
   * Idempotency marker the adapter stores on the ticket (e.g. in an external reference field) so a
   * crashed delivery can find the ticket it already made instead of creating a second one.
   */
  marker: string;
}

export interface TicketRef {
  id: string;
  number: string | null;
  isOpen: boolean;
  /** The PSA's status id, where the read gave it (two-way status names it from the picklist). */
  statusId?: string | null;
}

export interface NewNote {
  ticketId: string;
  title: string;
  body: string;
  noteTypeId: string;
  visibilityId: string;
  /** Idempotency marker, kept in the note text so a retry can detect the note it already added. */
  marker: string;
}

export interface PsaContract {
  id: string;
  accountId: string;
  name: string;
  isActive: boolean;
}

/** A catalog service that can be added to contracts (the "Default Contract Service"). */
export interface PsaService {
  id: string;
  name: string;
  unitCost: number | null;
  unitPrice: number | null;
}

export interface ContractServiceUnits {
  contractId: string;
  serviceId: string;
  units: number;
  unitCost: number | null;
  unitPrice: number | null;
}

export const RMM_SITE_TYPES = ['managed', 'ondemand', 'deleted'] as const;
export type RmmSiteType = (typeof RMM_SITE_TYPES)[number];

/** A Datto RMM site or a Syncro customer: the unit that maps to a platform organization. */
export interface RmmSite {
  id: string;
  name: string;
  type: RmmSiteType;
  deviceCount: number | null;
}

export interface RmmDevice {
  id: string;
  siteId: string;
  hostname: string;
  os: string | null;
  lastSeen: string | null;
  online: boolean;
  /** User-defined fields / asset properties by name, for the Entra device id mapping. */
  customFields: Record<string, string | null>;
}

export interface RmmActivity {
  id: string;
  at: string;
  user: string | null;
  action: string;
  details: string | null;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; null when this was the last page. */
  next: string | null;
}
