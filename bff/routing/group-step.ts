/**
 * @module What a claimed group does next, from what is recorded about its ticket: reconcile a create
 * that was in flight when a worker died, create a ticket, re-check a ticket whose open state is
 * stale, or add a note to the open ticket. Also splits a group's queued alerts into the order they
 * are handled: the first may open the ticket, the rest become notes, a bounded number per note.
 */
import { randomUUID } from 'node:crypto';

export interface GroupState {
  vendorTicketId: string | null;
  isOpen: boolean;
  /** Epoch ms of the last time the PSA said whether the ticket is open. */
  checkedAt: number;
  /** A ticket create recorded before its vendor call and not yet confirmed. */
  pendingMarker: string | null;
}

export type GroupStep =
  | { step: 'reconcile-ticket'; marker: string }
  | { step: 'create'; why: 'first' | 'closed' }
  | { step: 'check-open'; ticketId: string }
  | { step: 'note'; ticketId: string };

/**
 * @param verifiedTicketId a ticket this delivery already created or asked about: its state is
 * current whatever the TTL says (with a TTL of 0 every delivery asks once, not once per note).
 */
export function nextGroupStep(group: GroupState | undefined, now: number, openTtlMs: number, verifiedTicketId: string | null = null): GroupStep {
  if (group?.pendingMarker) return { step: 'reconcile-ticket', marker: group.pendingMarker };
  if (!group?.vendorTicketId) return { step: 'create', why: 'first' };
  if (!group.isOpen) return { step: 'create', why: 'closed' };
  if (group.vendorTicketId !== verifiedTicketId && now - group.checkedAt >= openTtlMs) return { step: 'check-open', ticketId: group.vendorTicketId };
  return { step: 'note', ticketId: group.vendorTicketId };
}

/** Splits alerts (already in arrival order) into note batches of at most `max`. */
export function noteBatches<T>(items: T[], max: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += max) batches.push(items.slice(i, i + max));
  return batches;
}

/**
 * Markers the PSA keeps so a delivery cut short by a crash is found instead of repeated. Each is
 * recorded before its vendor call; 37 characters fit Autotask's 50-character external id.
 */
export function newMarker(kind: 'ticket' | 'note'): string {
  return `ih-${kind === 'ticket' ? 't' : 'n'}-${randomUUID().replace(/-/g, '')}`;
}

export const isTicketMarker = (marker: string | null): marker is string => Boolean(marker?.startsWith('ih-t-'));
export const isNoteMarker = (marker: string | null): marker is string => Boolean(marker?.startsWith('ih-n-'));
