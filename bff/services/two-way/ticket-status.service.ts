/**
 * @module What a PSA says about a product-created ticket, whoever asked (a verified vendor push or
 * the poller): the ticket is read back through the vendor's API, never taken from a push body,
 * so a forged, replayed or reordered push can only confirm the PSA's current state. A change of
 * open/closed moves the group (a closed ticket takes no more notes, so the group's next alert opens
 * a new ticket at once; a reopened one takes notes again) and queues `ticket.status_changed`.
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { TrackedTicket } from '../../../db/repositories/two-way.repo.js';
import type { Logger } from '../../logger.js';
import { VendorError } from '../../vendors/vendor-errors.js';
import type { VendorGateway } from '../vendor-gateway.js';
import { platformEvent, ticketOrderKey } from './platform-events.js';

export interface TicketSignal {
  /** Who changed it, where the vendor says (Autotask PersonID, ConnectWise MemberId). */
  changedBy?: string | null;
  /** How the change was learnt: the vendor's push, polling, or the platform's own resolve closing it. */
  source: 'webhook' | 'polling' | 'platform';
}

export class TicketStatusService {
  constructor(
    private readonly deps: { repos: Repositories; vendors: VendorGateway; logger: Logger },
    private readonly now: () => number = Date.now,
  ) {}

  /** Asks the PSA about one ticket the product created; true when its open state changed. */
  async refresh(ticket: TrackedTicket, signal: TicketSignal, abort?: AbortSignal): Promise<boolean> {
    const { repos, vendors } = this.deps;
    const { adapter } = await vendors.psa(ticket.partnerId, ticket.integrationId);
    let isOpen = false;
    let statusId: string | null = null;
    try {
      const ref = await adapter.getTicket(ticket.vendorTicketId, abort);
      isOpen = ref.isOpen;
      statusId = ref.statusId ?? null;
    } catch (error) {
      // A ticket deleted in the PSA is as good as closed (group-delivery.ts does the same).
      if (!(error instanceof VendorError && error.code === 'not_found')) throw error;
    }
    // The name costs a picklist read: only worth it when there is an event to name it in.
    const statusName = statusId === null || isOpen === ticket.isOpen ? null : await this.statusName(ticket, statusId);
    const at = this.now();
    const changed = await repos.twoWay.observeTicket(ticket, { isOpen, statusId, statusName, changedBy: signal.changedBy ?? null, at }, () =>
      platformEvent(ticket.partnerId, 'ticket.status_changed', ticketOrderKey(ticket.integrationId, ticket.vendorTicketId), {
        integrationId: ticket.integrationId, vendor: ticket.vendor, ticketId: ticket.vendorTicketId, groupKey: ticket.groupKey,
        state: isOpen ? 'open' : 'closed', psaStatus: { id: statusId, name: statusName }, changedBy: signal.changedBy ?? null,
        changedAt: new Date(at).toISOString(), detectedBy: signal.source,
      }, new Date(at)));
    if (changed) this.deps.logger.info({ integrationId: ticket.integrationId, ticketId: ticket.vendorTicketId, isOpen, source: signal.source }, 'two-way: ticket state changed in the PSA');
    return changed;
  }

  private async statusName(ticket: TrackedTicket, statusId: string): Promise<string | null> {
    try {
      const { adapter } = await this.deps.vendors.psa(ticket.partnerId, ticket.integrationId);
      const lists = await this.deps.vendors.cached(ticket.integrationId, 'picklists', () => adapter.getPicklists());
      return lists.ticketStatus.find((s) => s.id === statusId)?.label ?? null;
    } catch {
      return null; // The name is a courtesy; the open/closed state stands without it.
    }
  }
}
