/**
 * @module "Where would this alert go, and why?" without sending anything: the same decision the
 * worker makes, plus the vendor reads delivery would make (the contact lookup, the group ticket's
 * open state, asked live). Nothing is written: no outbox row, no ticket group, no vendor write.
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { RoutingAlert } from '../../routing/alert.js';
import { chooseContact, contactLookups, type ContactChoice } from '../../routing/contact.js';
import type { DeliverDecision, RoutingDecision } from '../../routing/decision.js';
import type { PsaAdapter } from '../../vendors/psa-adapter.js';
import type { PsaContact } from '../../vendors/model.js';
import { VendorError } from '../../vendors/vendor-errors.js';
import type { VendorGateway } from '../vendor-gateway.js';
import { createDecider } from './routing-decider.js';

export interface RoutingPreview {
  action: 'skip' | 'create_ticket' | 'add_note';
  /** Why, in words an admin can follow. */
  why: string;
  decision: RoutingDecision;
  contact: ContactChoice | null;
  /** The group's ticket in the PSA, when it has one. */
  ticket: { vendorTicketId: string; ticketNumber: string | null; isOpen: boolean } | null;
}

export class RoutingPreviewService {
  constructor(
    private readonly repos: Repositories,
    private readonly vendors: VendorGateway,
  ) {}

  async preview(partnerId: string, alert: RoutingAlert, signal?: AbortSignal): Promise<RoutingPreview> {
    const decision = await createDecider(this.repos).decide(partnerId, alert);
    if (decision.action === 'skip') return { action: 'skip', why: decision.reason, decision, contact: null, ticket: null };
    const { adapter } = await this.vendors.psa(partnerId, decision.integrationId);
    const contact = await this.contact(decision, adapter, signal);
    const group = await this.repos.routing.getGroup(decision.integrationId, decision.groupKey);
    const where = `“${decision.subject}” in ${decision.account.name ?? decision.account.id}`;
    const base = { decision, contact };
    if (group?.pendingMarker && !group.vendorTicketId) {
      return { ...base, action: 'add_note', why: `A ticket for ${where} is being created right now; this alert would become a note on it.`, ticket: null };
    }
    if (!group?.vendorTicketId) return { ...base, action: 'create_ticket', why: `No ticket exists yet for ${where}, so a new ticket would be opened.`, ticket: null };
    let isOpen = false;
    try {
      isOpen = (await adapter.getTicket(group.vendorTicketId, signal)).isOpen;
    } catch (error) {
      if (!(error instanceof VendorError && error.code === 'not_found')) throw error;
    }
    const ticket = { vendorTicketId: group.vendorTicketId, ticketNumber: group.ticketNumber, isOpen };
    const label = group.ticketNumber ?? group.vendorTicketId;
    return isOpen
      ? { ...base, action: 'add_note', why: `Ticket ${label} for ${where} is open in the PSA, so this alert would be added to it as a note.`, ticket }
      : { ...base, action: 'create_ticket', why: `Ticket ${label} for ${where} is closed in the PSA, so a new ticket would be opened.`, ticket };
  }

  private async contact(d: DeliverDecision, adapter: PsaAdapter, signal?: AbortSignal): Promise<ContactChoice | null> {
    const { byEmail, needsPrimary } = contactLookups(d.contactRule);
    let emailMatch: PsaContact | null = null;
    if (byEmail) emailMatch = await this.vendors.cached(d.integrationId, `routing:contact:${d.account.id}:${byEmail}`, () => adapter.findContactByEmail(d.account.id, byEmail, signal));
    let accountContacts: PsaContact[] | null = null;
    if (!emailMatch && needsPrimary) accountContacts = await this.vendors.cached(d.integrationId, `contacts:${d.account.id}`, () => adapter.listContacts(d.account.id, signal));
    return chooseContact(d.contactRule, d.account.id, { emailMatch, accountContacts });
  }
}
