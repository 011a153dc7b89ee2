/** @module The PSA-side state of an alert's ticket for `GET /api/routing/alerts/{id}`: open or closed, the PSA's status name, who changed it and when. */
import { z } from 'zod';
import type { Repositories } from '../../../db/repositories/index.js';
import type { DeliveryRow } from '../../../db/repositories/routing-contract.js';

export const psaTicketViewSchema = z.object({
  vendorTicketId: z.string(),
  state: z.enum(['open', 'closed']),
  statusName: z.string().nullable(),
  changedBy: z.string().nullable(),
  changedAt: z.string().nullable(),
  /** When the PSA was last asked (or told us). */
  checkedAt: z.string().nullable(),
  /** Whether the platform resolved this alert (its resolution note is on the ticket). */
  resolved: z.boolean(),
});
export type PsaTicketView = z.infer<typeof psaTicketViewSchema>;

export async function psaTicketView(repos: Repositories, row: DeliveryRow): Promise<PsaTicketView | null> {
  if (!row.vendorTicketId || !row.integrationId) return null;
  const [tracked, state, resolution] = await Promise.all([
    repos.twoWay.findTicket(row.integrationId, row.vendorTicketId),
    repos.twoWay.getTicketState(row.integrationId, row.vendorTicketId),
    repos.twoWay.getResolution(row.partnerId, row.alertId),
  ]);
  // The group's record is current for its own ticket; an older ticket of the group keeps its last observed state.
  const isOpen = state?.isOpen ?? tracked?.isOpen ?? true;
  return {
    vendorTicketId: row.vendorTicketId, state: isOpen ? 'open' : 'closed', statusName: state?.statusName ?? null, changedBy: state?.changedBy ?? null,
    changedAt: state?.changedAt ?? null, checkedAt: state?.checkedAt ? new Date(state.checkedAt).toISOString() : null, resolved: resolution?.noteId != null,
  };
}
