/**
 * @module The platform events that ticket delivery and the circuit breaker raise: `ticket.created`,
 * `ticket.note_added`, `delivery.failed`, `integration.unavailable` / `integration.recovered`. Each
 * id is derived from the fact it reports (platformEvent's `onceKey`), so a retry, a late write
 * reconciled after a restart, or a second instance queues nothing new.
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { Logger } from '../../logger.js';
import { platformEvent, ticketOrderKey, type PlatformEventType } from './platform-events.js';

// ASSUMPTION: these events are queued right after the delivery's own write-back (not inside its
// transaction: routing.repo's write-backs are synchronous SQLite transactions the outbox's
// sequence cannot join), and only for a partner that configured a platform endpoint, so partners
// without one fill no outbox. A process dying between the two writes loses that one event.
export class DeliveryEvents {
  constructor(private readonly deps: { repos: Repositories; logger: Logger }) {}

  ticketCreated(partnerId: string, integrationId: string, fact: { ticketId: string; ticketNumber: string | null; groupKey: string; alertId: string }): Promise<void> {
    return this.emit(partnerId, 'ticket.created', ticketOrderKey(integrationId, fact.ticketId), { integrationId, ...fact }, `${integrationId}:${fact.ticketId}`);
  }

  /** `marker` identifies the note write (the same across its reconciliation). */
  noteAdded(partnerId: string, integrationId: string, fact: { ticketId: string; noteId: string | null; groupKey: string; alertIds: string[] }, marker: string): Promise<void> {
    return this.emit(partnerId, 'ticket.note_added', ticketOrderKey(integrationId, fact.ticketId), { integrationId, ...fact }, `${integrationId}:${marker}`);
  }

  /** `attempt` distinguishes a failure after an operator's retry from the first one. */
  deliveryFailed(partnerId: string, integrationId: string, fact: { alertId: string; groupKey: string; error: string; advice: string }, attempt: number): Promise<void> {
    return this.emit(partnerId, 'delivery.failed', `alert:${fact.alertId}`, { integrationId, ...fact }, `${fact.alertId}:${attempt}`);
  }

  /** The breaker opened at `since` (the instant recorded with the transition, the same on every instance). */
  unavailable(partnerId: string, integrationId: string, since: number, lastStatus: number | null, lastError: string | null): Promise<void> {
    return this.emit(partnerId, 'integration.unavailable', `integration:${integrationId}`, { integrationId, since: new Date(since).toISOString(), lastStatus, lastError }, `${integrationId}:${since}`);
  }

  recovered(partnerId: string, integrationId: string, at: number): Promise<void> {
    return this.emit(partnerId, 'integration.recovered', `integration:${integrationId}`, { integrationId, at: new Date(at).toISOString() }, `${integrationId}:${at}`);
  }

  private async emit(partnerId: string, type: PlatformEventType, orderKey: string, data: Record<string, unknown>, onceKey: string): Promise<void> {
    try {
      if (!(await this.deps.repos.twoWay.getEndpoint(partnerId))) return;
      await this.deps.repos.twoWay.enqueueEvent(platformEvent(partnerId, type, orderKey, data, new Date(), onceKey));
    } catch (error) {
      // The delivery itself is recorded; a lost event must not turn it into a failure.
      this.deps.logger.warn({ type, partnerId, err: error }, 'platform events: could not queue an event');
    }
  }
}
