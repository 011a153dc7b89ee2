/**
 * @module The delivery log's rows as the elements show them: the alert's time, organization, title,
 * type and severity, the outcome in the admin's terms (ticket created, note added, skipped, failed,
 * waiting), the PSA's ticket number with its link, and the reason in words an admin can act on.
 * Also the keyset cursor of a page: (seq, alert id) of its last row, opaque to callers.
 */
import { z } from 'zod';
import type { DeliveryLogRow } from '../../../db/repositories/routing-contract.js';
import type { TicketLink } from './ticket-links.js';

export const DELIVERY_OUTCOMES = ['ticket_created', 'note_added', 'skipped', 'failed', 'waiting'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** The log's state filter, in the same terms as the outcome a row shows (`delivered` = ticket created or note added). */
export const DELIVERY_LOG_STATES = ['waiting', 'delivered', 'skipped', 'failed'] as const;
export const STATE_OF_FILTER = { waiting: 'queued', delivered: 'delivered', skipped: 'skipped', failed: 'failed' } as const;

export const deliveryLogEntrySchema = z.object({
  alertId: z.string(),
  receivedAt: z.string(),
  /** When it was delivered, skipped or failed (or last tried, while waiting). */
  updatedAt: z.string(),
  organizationId: z.string(),
  organizationName: z.string().nullable(),
  title: z.string(),
  alertType: z.string(),
  severity: z.string(),
  outcome: z.enum(DELIVERY_OUTCOMES),
  vendorTicketId: z.string().nullable(),
  /** The PSA's own ticket number where known, else its id. */
  ticketNumber: z.string().nullable(),
  ticketUrl: z.string().nullable(),
  /** Why it was skipped, failed or is still waiting, in words an admin can act on. */
  reason: z.string().nullable(),
  /** The PSA's own words for the last failure. */
  lastError: z.string().nullable(),
  attempts: z.number(),
});
export type DeliveryLogEntry = z.infer<typeof deliveryLogEntrySchema>;

/** The parts of an accepted alert the log shows (the row holds the alert as accepted; read leniently). */
const shownAlert = z.object({ title: z.string().catch(''), alertType: z.string().catch(''), severity: z.string().catch('') }).catch({ title: '', alertType: '', severity: '' });

function outcomeOf(row: DeliveryLogRow['row']): DeliveryOutcome {
  if (row.state === 'queued') return 'waiting';
  if (row.state === 'delivered') return row.outcome ?? 'ticket_created';
  return row.state;
}

function reasonOf(row: DeliveryLogRow['row']): string | null {
  if (row.state === 'queued') return row.attempts > 0 ? `The PSA did not take it yet (${row.attempts} ${row.attempts === 1 ? 'try' : 'tries'}); it is tried again by itself.` : null;
  if (row.state === 'delivered') return null;
  return row.reason ?? row.lastError;
}

export function toDeliveryLogEntry({ row, organizationName, ticketNumber }: DeliveryLogRow, link: TicketLink): DeliveryLogEntry {
  const alert = shownAlert.parse(row.alert);
  return {
    alertId: row.alertId, receivedAt: row.createdAt, updatedAt: row.deliveredAt ?? row.updatedAt,
    organizationId: row.organizationId, organizationName,
    title: alert.title, alertType: alert.alertType, severity: alert.severity,
    outcome: outcomeOf(row), vendorTicketId: row.vendorTicketId, ticketNumber: ticketNumber ?? row.vendorTicketId,
    ticketUrl: row.state === 'delivered' ? link(row.vendorTicketId) : null,
    reason: reasonOf(row), lastError: row.lastError, attempts: row.attempts,
  };
}

/** Encodes the position after a row: base64url of `[seq, alertId]`. */
export function encodeCursor(row: { seq: number; alertId: string }): string {
  return Buffer.from(JSON.stringify([row.seq, row.alertId])).toString('base64url');
}

const cursorTuple = z.tuple([z.number().int().nonnegative(), z.string().min(1).max(200)]);

/** The `cursor` query parameter: a value from `nextCursor`; anything else is a field error. */
export const deliveryCursorSchema = z.string().max(400).transform((value, ctx) => {
  try {
    const [seq, alertId] = cursorTuple.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return { seq, alertId };
  } catch {
    ctx.addIssue({ code: 'custom', message: 'cursor must be a nextCursor value from a previous page' });
    return z.NEVER;
  }
});
