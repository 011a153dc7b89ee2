/**
 * @module Platform → PSA: `POST /api/routing/alerts/{id}/resolve` (router role). The resolution text
 * becomes a note on the alert's ticket, once however often the call is repeated (the resolution is
 * recorded by alert id first; its note id after the vendor write). When every alert on the ticket
 * is resolved and the integration's "close with status" is set, the ticket is closed with it and
 * the group stops taking notes (the next alert opens a new ticket).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { credentialSchemas, type VendorCredentials } from '../contracts/credentials.js';
import { notFound, ProblemError } from '../errors.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import type { DeliverDecision } from '../routing/decision.js';
import { newMarker } from '../routing/group-step.js';
import type { PsaVendor } from '../contracts/model.js';
import { closeTicket } from '../vendors/webhooks/ticket-close.js';
import { TicketStatusService } from '../services/two-way/ticket-status.service.js';

const alertParam = z.object({ id: z.string().min(1).max(200) });
export const resolveBody = z.object({ resolution: z.string().trim().min(1, 'Describe the resolution').max(8_000) });
const resolveView = z.object({
  alertId: z.string(),
  vendorTicketId: z.string(),
  noteAdded: z.boolean(),
  /** Whether this call closed the ticket (every alert on it is resolved and closing is on). */
  ticketClosed: z.boolean(),
  alreadyResolved: z.boolean(),
});

export function alertResolveRoutes(deps: AppDeps, docs: ApiDocs) {
  const { repos } = deps;
  const status = new TicketStatusService(deps);
  docs.add({
    method: 'post', path: '/api/routing/alerts/{id}/resolve', summary: 'The platform resolved the alert: add the resolution as a note (once), and close the ticket when every alert on it is resolved and the integration says so',
    tag: 'routing', roles: ['router'], params: alertParam, body: resolveBody, response: { status: 200, schema: resolveView },
  });

  return new Hono<AppEnv>().post('/alerts/:id/resolve', requireRole('router'), validate('param', alertParam), validate('json', resolveBody), async (c) => {
    const { partner } = c.get('principal');
    const { id } = c.req.valid('param');
    const { resolution } = c.req.valid('json');
    const row = await repos.routing.get(partner, id);
    if (!row) throw notFound(`Alert ${id}`);
    if (row.state !== 'delivered' || !row.vendorTicketId || !row.integrationId) {
      throw new ProblemError(409, 'not_delivered', 'Not in the PSA yet', `This alert is ${row.state}; only an alert delivered to a ticket can be resolved there.`);
    }
    const ticketId = row.vendorTicketId;
    const integrationId = row.integrationId;
    const fresh = await repos.twoWay.recordResolution(partner, id, resolution);
    const recorded = fresh ? null : await repos.twoWay.getResolution(partner, id);
    if (recorded?.noteId) return c.json({ alertId: id, vendorTicketId: ticketId, noteAdded: false, ticketClosed: false, alreadyResolved: true }, 200);

    const { adapter, integration } = await deps.vendors.psa(partner, integrationId);
    const decision = row.decision as DeliverDecision;
    const note = await adapter.addNote({
      ticketId, title: 'Resolved in the security platform', body: recorded?.resolution ?? resolution,
      noteTypeId: decision.note.typeId, visibilityId: decision.note.visibilityId, marker: newMarker('note'),
    }, c.req.raw.signal);
    await repos.twoWay.recordResolutionNote(partner, id, note.id);

    const closeWith = (integration.settings as { ticket?: { closeOnResolveStatusId?: string | null } } | null)?.ticket?.closeOnResolveStatusId ?? null;
    let ticketClosed = false;
    if (closeWith) {
      const onTicket = await repos.twoWay.alertIdsOfTicket(partner, integrationId, ticketId);
      const resolved = await repos.twoWay.resolvedAlertIds(partner, onTicket);
      const tracked = await repos.twoWay.findTicket(integrationId, ticketId);
      if (onTicket.every((a) => resolved.has(a)) && tracked?.isOpen) {
        const sealed = await repos.integrations.getSealedCredentials(partner, integrationId);
        const vendor = integration.vendor as PsaVendor;
        const credentials = credentialSchemas[vendor].parse(deps.vault.open(sealed!)) as VendorCredentials[PsaVendor];
        await closeTicket(deps.vendors.context, vendor, credentials, ticketId, closeWith, c.req.raw.signal);
        // Read back at once: the group stops taking notes and the platform hears the close, push or not.
        await status.refresh(tracked, { source: 'platform', changedBy: 'platform' }, c.req.raw.signal);
        ticketClosed = true;
      }
    }
    return c.json({ alertId: id, vendorTicketId: ticketId, noteAdded: true, ticketClosed, alreadyResolved: !fresh }, 200);
  });
}
