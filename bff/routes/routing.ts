/**
 * @module The routing API the platform's alert pipeline calls: accept an alert (durable, idempotent
 * by its id, delivered asynchronously), read its delivery record, preview where an alert would go,
 * and (admin) retry a failed delivery. Intake is one prepared INSERT and a kick to the worker.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { notFound, ProblemError } from '../errors.js';
import { requireRole } from '../middleware/auth.js';
import { limitBody } from '../middleware/body-limit.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import { previewAlertSchema, routingAlertSchema, type RoutingAlert } from '../routing/alert.js';
import { RoutingPreviewService } from '../services/routing/routing-preview.service.js';
import type { DeliveryRow } from '../../db/repositories/routing-contract.js';
import { psaTicketView, psaTicketViewSchema } from '../services/two-way/psa-ticket-view.js';

const alertParam = z.object({ id: z.string().min(1).max(200) });

/** An alert is small (its description at most 20,000 characters). */
export const ALERT_BODY_LIMIT_BYTES = 256 * 1024;
const limitAlertBody = limitBody(ALERT_BODY_LIMIT_BYTES);
/** Intake's body validation, one instance: the route below and intake's composed handler (routing-intake.ts) run this same middleware. */
export const validateAlert = validate('json', routingAlertSchema);

export const deliveryViewSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  integrationId: z.string().nullable(),
  state: z.enum(['queued', 'delivered', 'skipped', 'failed']),
  outcome: z.enum(['ticket_created', 'note_added']).nullable(),
  vendorTicketId: z.string().nullable(),
  vendorNoteId: z.string().nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  /** Why it was skipped or failed, in words an admin can act on. */
  reason: z.string().nullable(),
  /** Account, contact, subject, priority, issue types, contract (or the skip code). */
  decision: z.unknown(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  deliveredAt: z.string().nullable(),
  /** When the next try is due, while a retry is pending. */
  nextAttemptAt: z.string().nullable(),
  /** The ticket's current state in the PSA, as last learnt (push, polling or resolve); null before it has a ticket. */
  psaTicket: psaTicketViewSchema.nullable().optional(),
});
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export function toDeliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.alertId, organizationId: row.organizationId, integrationId: row.integrationId, state: row.state, outcome: row.outcome,
    vendorTicketId: row.vendorTicketId, vendorNoteId: row.vendorNoteId, attempts: row.attempts, lastError: row.lastError, reason: row.reason,
    decision: row.decision ?? null, receivedAt: row.createdAt, updatedAt: row.updatedAt, deliveredAt: row.deliveredAt,
    nextAttemptAt: row.state === 'queued' && row.nextAttemptAt > 0 ? new Date(row.nextAttemptAt).toISOString() : null,
  };
}

const previewSchema = z.object({
  action: z.enum(['skip', 'create_ticket', 'add_note']),
  why: z.string(),
  decision: z.unknown(),
  contact: z.object({ id: z.string(), name: z.string().nullable(), source: z.enum(['email-match', 'mapping', 'catch-all', 'primary']) }).nullable(),
  ticket: z.object({ vendorTicketId: z.string(), ticketNumber: z.string().nullable(), isOpen: z.boolean() }).nullable(),
});

/**
 * What intake does once the request is authenticated and its alert valid: the durable write (its
 * promise settles after the row's batch committed), the worker's wake-up, the operator's counter,
 * and the answer. A re-post answers what GET answers (with the PSA's ticket state); a new alert
 * has no ticket yet. Shared by the route below and intake's composed handler (routing-intake.ts).
 */
export function intakeAnswer(deps: AppDeps) {
  const { routing } = deps.repos;
  return async (partner: string, alert: RoutingAlert) => {
    const { row, created } = await routing.accept(partner, alert);
    if (created) deps.routingSignal?.accepted();
    deps.metrics?.intake.inc({ result: created ? 'accepted' : 'duplicate' });
    return created
      ? { status: 202 as const, view: toDeliveryView(row) }
      : { status: 200 as const, view: { ...toDeliveryView(row), psaTicket: await psaTicketView(deps.repos, row) } };
  };
}

export function routingRoutes(deps: AppDeps, docs: ApiDocs) {
  const { routing } = deps.repos;
  const previews = new RoutingPreviewService(deps.repos, deps.vendors, () => deps.routing);
  docs.add(
    { method: 'post', path: '/api/routing/alerts', summary: 'Accept an alert for delivery to the PSA (idempotent by id; 200 with the same record when posted again)', tag: 'routing', roles: ['router'], body: routingAlertSchema, response: { status: 202, schema: deliveryViewSchema, description: 'Accepted; delivered asynchronously' } },
    { method: 'get', path: '/api/routing/alerts/{id}', summary: 'The delivery record of an alert', tag: 'routing', roles: ['router', 'admin'], params: alertParam, response: { status: 200, schema: deliveryViewSchema } },
    { method: 'post', path: '/api/routing/alerts/{id}/retry', summary: 'Queue a failed delivery again', tag: 'routing', roles: ['admin'], params: alertParam, response: { status: 200, schema: deliveryViewSchema } },
    { method: 'post', path: '/api/routing/preview', summary: 'What would happen to an alert, and why, without doing it', tag: 'routing', roles: ['router', 'admin'], body: previewAlertSchema, response: { status: 200, schema: previewSchema } },
  );

  const accept = intakeAnswer(deps);
  const load = async (partner: string, id: string) => {
    const row = await routing.get(partner, id);
    if (!row) throw notFound(`Alert ${id}`);
    return row;
  };

  return new Hono<AppEnv>()
    .use(limitAlertBody)
    .post('/alerts', requireRole('router'), validateAlert, async (c) => {
      const answer = await accept(c.get('principal').partner, c.req.valid('json'));
      return answer.status === 202 ? c.json(answer.view, 202) : c.json(answer.view, 200);
    })
    .get('/alerts/:id', requireRole('router', 'admin'), validate('param', alertParam), async (c) => {
      const row = await load(c.get('principal').partner, c.req.valid('param').id);
      return c.json({ ...toDeliveryView(row), psaTicket: await psaTicketView(deps.repos, row) }, 200);
    })
    .post('/alerts/:id/retry', requireRole('admin'), validate('param', alertParam), async (c) => {
      const { partner, sub } = c.get('principal');
      const { id } = c.req.valid('param');
      const before = await load(partner, id);
      if (before.state !== 'failed') throw new ProblemError(409, 'not_failed', 'Not failed', `Only failed deliveries can be retried; this one is ${before.state}.`);
      const row = await routing.requeueFailed(partner, id) ?? await load(partner, id);
      await deps.repos.audit.record({ partnerId: partner, actor: sub, action: 'routing.retry', target: `alert:${id}`, before: { state: before.state, lastError: before.lastError } });
      deps.routingSignal?.notify();
      return c.json(toDeliveryView(row), 200);
    })
    .post('/preview', requireRole('router', 'admin'), validate('json', previewAlertSchema), async (c) => {
      const preview = await previews.preview(c.get('principal').partner, c.req.valid('json'), c.req.raw.signal);
      return c.json(preview, 200);
    });
}
