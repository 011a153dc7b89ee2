/**
 * @module The platform events that ticket delivery and the circuit breaker raise: `ticket.created`,
 * `ticket.note_added`, `delivery.failed`, `integration.unavailable` / `integration.recovered`. Each
 * id is derived from the fact it reports (platformEvent's `onceKey`), so a retry, a late write
 * reconciled after a restart, or a second instance queues nothing new.
 */
import type { OwedEvent } from '../../../db/repositories/owed-events.js';
import { platformEvent, ticketOrderKey } from './platform-events.js';

// The events are built here and handed to the write that records their fact (a delivery's
// write-back, the breaker's transition), which queues them in its own transaction and only for a
// partner that configured a platform endpoint, so partners without one fill no outbox
// (db/repositories/owed-events.ts). A process dying after that write committed has queued them
// already; one dying before it has queued neither: the delivery is retried or reconciled with the
// same event ids, and a transition the breaker did not record is recorded by a later failure or answer.

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

/** The breaker opened at `since` (the instant recorded with the transition, the same on every instance). */
export function unavailableEvent(partnerId: string, integrationId: string, since: number, lastStatus: number | null, lastError: string | null): OwedEvent {
  return platformEvent(partnerId, 'integration.unavailable', `integration:${integrationId}`, { integrationId, since: new Date(since).toISOString(), lastStatus, lastError }, new Date(), `${integrationId}:${since}`);
}

export function recoveredEvent(partnerId: string, integrationId: string, at: number): OwedEvent {
  return platformEvent(partnerId, 'integration.recovered', `integration:${integrationId}`, { integrationId, at: new Date(at).toISOString() }, new Date(), `${integrationId}:${at}`);
}
