/**
 * @module The platform events that ticket delivery and the circuit breaker raise: `ticket.created`,
 * `ticket.note_added`, `delivery.failed`, `integration.unavailable` / `integration.recovered`. Each
 * id is derived from the fact it reports (platformEvent's `onceKey`), so a retry, a late write
 * reconciled after a restart, or a second instance queues nothing new.
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { OwedEvent } from '../../../db/repositories/routing-contract.js';
import type { Logger } from '../../logger.js';
import { platformEvent, ticketOrderKey, type PlatformEventType } from './platform-events.js';

// Delivery's events are built here and handed to the delivery's own write-back, which queues them
// in its transaction (routing-writebacks.ts, repositories-pg/routing.repo.ts) and only for a
// partner that configured a platform endpoint (so partners without one fill no outbox): a process
// dying after the write-back committed has queued them already, one dying before it has queued
// neither, and the delivery is retried or reconciled with the same event ids.

export function ticketCreatedEvent(partnerId: string, integrationId: string, fact: { ticketId: string; ticketNumber: string | null; groupKey: string; alertId: string }): OwedEvent {
  return platformEvent(partnerId, 'ticket.created', ticketOrderKey(integrationId, fact.ticketId), { integrationId, ...fact }, new Date(), `${integrationId}:${fact.ticketId}`);
}

/** `marker` identifies the note write (the same across its reconciliation). */
export function noteAddedEvent(partnerId: string, integrationId: string, fact: { ticketId: string; noteId: string | null; groupKey: string; alertIds: string[] }, marker: string): OwedEvent {
  return platformEvent(partnerId, 'ticket.note_added', ticketOrderKey(integrationId, fact.ticketId), { integrationId, ...fact }, new Date(), `${integrationId}:${marker}`);
}

/**
 * `attempt` distinguishes a failure after an operator's retry from the first one. The event is
 * owed only if the write-back fails the alert (a retry's write-back fails only those past the horizon).
 */
export function deliveryFailedEvent(partnerId: string, integrationId: string, fact: { alertId: string; groupKey: string; error: string; advice: string }, attempt: number): OwedEvent {
  const event = platformEvent(partnerId, 'delivery.failed', `alert:${fact.alertId}`, { integrationId, ...fact }, new Date(), `${fact.alertId}:${attempt}`);
  return { ...event, ifFailed: fact.alertId };
}

// ASSUMPTION: the breaker's transitions are queued right after the statement that made them (not
// inside it), only for a partner with a platform endpoint; a process dying between the two loses
// that one transition event (the integration's health view still shows the state).
export class DeliveryEvents {
  constructor(private readonly deps: { repos: Repositories; logger: Logger }) {}

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
      // The transition itself is recorded; a lost event must not turn it into a failure.
      this.deps.logger.warn({ type, partnerId, err: error }, 'platform events: could not queue an event');
    }
  }
}
