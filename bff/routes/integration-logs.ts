/**
 * @module An integration's logs, for the admin's panels: the delivery log (server-paged, newest
 * first, filtered by state and organization), "Retry" for one, some or all failed deliveries
 * (audited), and the audit trail of its configuration changes (paged, credentials never shown).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { safeString } from '../safe-string.js';
import { notFound } from '../errors.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import { auditEntrySchema, toAuditEntryView } from '../services/audit/audit-view.js';
import {
  DELIVERY_LOG_STATES, deliveryCursorSchema, deliveryLogEntrySchema, encodeCursor, STATE_OF_FILTER, toDeliveryLogEntry,
} from '../services/delivery-log/delivery-log-view.js';
import { ticketLinkFor, type TicketLink } from '../services/delivery-log/ticket-links.js';
import type { IntegrationRecord } from '../../db/repositories/integrations.repo.js';

const idParam = z.object({ id: z.string().uuid('not an integration id') });
const limit = (fallback: number) => z.coerce.number({ message: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit must be at least 1').max(200, 'limit must be at most 200').default(fallback);

const deliveriesQuery = z.object({
  state: z.enum(DELIVERY_LOG_STATES, { message: `state must be one of ${DELIVERY_LOG_STATES.join(', ')}` }).optional(),
  organizationId: safeString().trim().min(1).max(100).optional(),
  cursor: deliveryCursorSchema.optional(),
  limit: limit(50),
});
const deliveryPage = z.object({
  items: z.array(deliveryLogEntrySchema),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
  /** The integration's deliveries by outcome (all of them, not only this page or filter). */
  counts: z.object({ waiting: z.number(), delivered: z.number(), skipped: z.number(), failed: z.number() }),
});

const MAX_RETRY_IDS = 1_000;
const retryBody = z.object({
  /** Every failed delivery of the integration. */
  all: z.literal(true, { message: 'all must be true when given' }).optional(),
  /** Only these alerts (those still failed are queued again). */
  alertIds: z.array(safeString().trim().min(1).max(200)).min(1, 'alertIds must not be empty').max(MAX_RETRY_IDS, `at most ${MAX_RETRY_IDS} alertIds at once`).optional(),
}).strict().refine((v) => (v.all === true) !== (v.alertIds !== undefined), { message: 'Send either "all": true or a list of alertIds', path: ['alertIds'] });
const retryResult = z.object({
  /** How many failed deliveries were queued again. */
  retried: z.number(),
  alertIds: z.array(z.string()),
  /** Of the ids asked for, those that were not failed (already queued again, delivered, or unknown). */
  notRetried: z.array(z.string()),
});

const auditQuery = z.object({
  cursor: z.coerce.number({ message: 'cursor must be a nextCursor value from a previous page' }).int().positive('cursor must be a nextCursor value from a previous page').optional(),
  limit: limit(50),
});
const auditPage = z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() });

/** How many retried ids the audit entry lists (the count is always there). */
const AUDITED_IDS = 50;

export function integrationLogRoutes(deps: AppDeps, docs: ApiDocs) {
  const { integrations, routing, audit } = deps.repos;
  docs.add(
    { method: 'get', path: '/api/integrations/{id}/deliveries', summary: 'The delivery log: alerts sent to this PSA, newest first, paged by cursor (still readable once the integration is deleted)', tag: 'integrations', roles: ['admin'], params: idParam, query: deliveriesQuery, response: { status: 200, schema: deliveryPage } },
    { method: 'post', path: '/api/integrations/{id}/deliveries/retry', summary: 'Queue failed deliveries again: all of them, or the listed alerts (audited)', tag: 'integrations', roles: ['admin'], params: idParam, body: retryBody, response: { status: 200, schema: retryResult } },
    { method: 'get', path: '/api/integrations/{id}/audit', summary: 'Configuration changes of this integration, newest first, paged by cursor (credentials never shown; still readable once the integration is deleted)', tag: 'integrations', roles: ['admin'], params: idParam, query: auditQuery, response: { status: 200, schema: auditPage } },
  );

  const load = async (partner: string, id: string) => {
    const row = await integrations.get(partner, id);
    if (!row) throw notFound(`Integration ${id}`);
    return row;
  };
  /**
   * The history (delivery log, audit trail) outlives the integration: who deleted it, where its
   * last alerts went and whether its webhook left the PSA stay readable. Actions need a live one (`load`).
   */
  const loadHistory = async (partner: string, id: string) => {
    const row = await integrations.getIncludingDeleted(partner, id);
    if (!row) throw notFound(`Integration ${id}`);
    return row;
  };

  /** The link builder from the integration's stored site or address (its credentials are opened here and go no further). */
  const ticketLink = async (row: IntegrationRecord): Promise<TicketLink> => {
    const sealed = await integrations.getSealedCredentials(row.partnerId, row.id);
    return ticketLinkFor(row.vendor, sealed ? deps.vault.open(sealed) : null);
  };

  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/:id/deliveries', validate('param', idParam), validate('query', deliveriesQuery), async (c) => {
      const { partner } = c.get('principal');
      const row = await loadHistory(partner, c.req.valid('param').id);
      const q = c.req.valid('query');
      // One row more than asked says whether another page follows.
      const rows = await routing.deliveryLog(partner, row.id, {
        state: q.state ? STATE_OF_FILTER[q.state] : null, organizationId: q.organizationId ?? null, after: q.cursor ?? null, limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const link = await ticketLink(row);
      const last = page.at(-1);
      const counts = await routing.counts(partner, row.id);
      return c.json({
        items: page.map((r) => toDeliveryLogEntry(r, link)),
        nextCursor: rows.length > q.limit && last ? encodeCursor(last.row) : null,
        counts: { waiting: counts.queued, delivered: counts.delivered, skipped: counts.skipped, failed: counts.failed },
      }, 200);
    })
    .post('/:id/deliveries/retry', validate('param', idParam), validate('json', retryBody), async (c) => {
      const { partner, sub } = c.get('principal');
      const row = await load(partner, c.req.valid('param').id);
      const { alertIds } = c.req.valid('json');
      const asked = alertIds ? [...new Set(alertIds)] : null;
      const requeued = (await routing.requeueFailedOf(partner, row.id, asked)).map((r) => r.alertId);
      const retried = new Set(requeued);
      await audit.record({
        partnerId: partner, actor: sub, action: 'deliveries.retry', target: `integration:${row.id}`,
        after: { scope: asked ? 'selected' : 'all failed', retried: requeued.length, alertIds: requeued.slice(0, AUDITED_IDS) },
      });
      if (requeued.length) deps.routingSignal?.notify();
      return c.json({ retried: requeued.length, alertIds: requeued, notRetried: (asked ?? []).filter((id) => !retried.has(id)) }, 200);
    })
    .get('/:id/audit', validate('param', idParam), validate('query', auditQuery), async (c) => {
      const { partner } = c.get('principal');
      const { id } = c.req.valid('param');
      await loadHistory(partner, id);
      const q = c.req.valid('query');
      const rows = await audit.list(partner, { target: `integration:${id}`, before: q.cursor, limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      return c.json({ entries: page.map(toAuditEntryView), nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null }, 200);
    });
}
