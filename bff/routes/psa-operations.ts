/**
 * @module Admin actions on a PSA integration: "Send test ticket", an on-demand billable-user sync,
 * and the integration's health (deliveries, queue, failures with advice, billable-user syncs).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { notFound, ProblemError } from '../errors.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import { availabilitySchema } from '../contracts/integration-view.js';
import { ticketPushSchema } from '../contracts/ticket-push.js';
import { ticketPushOf } from '../services/two-way/push-status.js';
import { DEFAULT_TWO_WAY_CONFIG } from '../services/two-way/two-way-worker.js';
import { BillableSyncService } from '../services/routing/billable-sync.service.js';
import { PsaOperationsService } from '../services/routing/psa-operations.service.js';
import { DEFAULT_ROUTING_CONFIG } from '../services/routing/routing-config.js';

const idParam = z.object({ id: z.string().uuid('not an integration id') });

const testTicketSchema = z.object({ vendorTicketId: z.string(), ticketNumber: z.string().nullable(), title: z.string(), accountId: z.string(), contactId: z.string().nullable() });
const billableResultSchema = z.object({
  integrationId: z.string(),
  period: z.string(),
  results: z.array(z.object({
    organizationId: z.string(), organizationName: z.string(), contractId: z.string(), serviceId: z.string(), units: z.number(),
    unitCost: z.number().nullable(), unitPrice: z.number().nullable(), status: z.enum(['sent', 'failed']), error: z.string().nullable(),
  })),
  skipped: z.array(z.object({ organizationId: z.string(), reason: z.string() })),
});
const pushRetrySchema = z.object({ retried: z.boolean(), ticketPush: ticketPushSchema });
const healthSchema = z.object({
  integrationId: z.string(),
  status: z.string(),
  /** Whether the PSA answers (the circuit breaker), and the alerts waiting for it. */
  availability: availabilitySchema,
  lastDelivery: z.object({ alertId: z.string(), outcome: z.string().nullable(), vendorTicketId: z.string().nullable(), deliveredAt: z.string().nullable() }).nullable(),
  queue: z.object({ depth: z.number(), retrying: z.array(z.object({ alertId: z.string(), attempts: z.number(), lastError: z.string().nullable(), nextAttemptAt: z.string() })) }),
  totals: z.object({ delivered: z.number(), skipped: z.number(), failed: z.number() }),
  failures: z.object({
    total: z.number(),
    advice: z.array(z.object({ code: z.string().nullable(), advice: z.string(), count: z.number() })),
    recent: z.array(z.object({ alertId: z.string(), attempts: z.number(), lastError: z.string().nullable(), advice: z.string().nullable(), code: z.string().nullable(), at: z.string() })),
  }),
  /** Whether ticket status changes arrive by push (the PSA's webhook), or why not and what fixes it. */
  ticketPush: ticketPushSchema,
  billableSync: z.object({
    enabled: z.boolean(), userSyncDay: z.number().nullable(), nextSyncDate: z.string().nullable(),
    lastResults: z.array(z.object({ organizationId: z.string(), contractId: z.string(), serviceId: z.string(), units: z.number(), period: z.string(), status: z.string(), error: z.string().nullable(), at: z.string() })),
  }),
});

export function psaOperationsRoutes(deps: AppDeps, docs: ApiDocs) {
  const billable = new BillableSyncService(deps.repos, deps.vendors, deps.logger, DEFAULT_ROUTING_CONFIG);
  const service = new PsaOperationsService(deps.repos, deps.vendors, billable);
  const p = '/api/integrations/{id}';
  const pushSettings = { pollIntervalMs: deps.twoWay?.pollIntervalMs ?? DEFAULT_TWO_WAY_CONFIG.pollIntervalMs, pushEnabled: deps.twoWay?.pushEnabled ?? true };
  /** The partner's live PSA integration `id`: 404 when there is none, 409 (with `why`) for an RMM one. */
  const psaIntegration = async (partner: string, id: string, why: string) => {
    const integration = await deps.repos.integrations.get(partner, id);
    if (!integration) throw notFound(`Integration ${id}`);
    if (integration.kind !== 'psa') throw new ProblemError(409, 'wrong_kind', 'Not a PSA integration', why);
    return integration;
  };
  /** Its ticket push as the admin reads it (deleted since it was loaded: 404). */
  const ticketPush = async (integration: { id: string; partnerId: string; vendor: string }) => {
    const push = await ticketPushOf(deps.repos, integration.partnerId, integration, pushSettings);
    if (!push) throw notFound(`Integration ${integration.id}`);
    return push;
  };
  docs.add(
    { method: 'post', path: `${p}/psa/test-ticket`, summary: 'Send test ticket: a “[TEST]” ticket in the catch-all account with the integration’s defaults', tag: 'psa', roles: ['admin'], params: idParam, response: { status: 201, schema: testTicketSchema } },
    { method: 'post', path: `${p}/psa/billable-sync`, summary: 'Sync billable users to the mapped contracts now', tag: 'psa', roles: ['admin'], params: idParam, response: { status: 200, schema: billableResultSchema } },
    { method: 'post', path: `${p}/psa/push-retry`, summary: 'Try again now: a failed ticket push registration is tried at the worker’s next pass instead of at its retry time', tag: 'psa', roles: ['admin'], params: idParam, response: { status: 200, schema: pushRetrySchema } },
    { method: 'get', path: `${p}/health`, summary: 'Delivery health: availability (outage, waiting alerts, next try), last delivery, queue depth, failures with advice, ticket status by push or polling, billable-user sync', tag: 'psa', roles: ['admin'], params: idParam, response: { status: 200, schema: healthSchema } },
  );

  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .post('/:id/psa/test-ticket', validate('param', idParam), async (c) => {
      const { partner, sub } = c.get('principal');
      const { id } = c.req.valid('param');
      const result = await service.sendTestTicket(partner, id);
      await deps.repos.audit.record({ partnerId: partner, actor: sub, action: 'psa.test-ticket', target: `integration:${id}`, after: { vendorTicketId: result.vendorTicketId } });
      return c.json(result, 201);
    })
    .post('/:id/psa/billable-sync', validate('param', idParam), async (c) => {
      const { partner, sub } = c.get('principal');
      const { id } = c.req.valid('param');
      const result = await billable.syncNow(partner, id, c.req.raw.signal);
      await deps.repos.audit.record({ partnerId: partner, actor: sub, action: 'psa.billable-sync', target: `integration:${id}`, after: { sent: result.results.filter((r) => r.status === 'sent').length, failed: result.results.filter((r) => r.status === 'failed').length } });
      return c.json(result, 200);
    })
    .post('/:id/psa/push-retry', validate('param', idParam), async (c) => {
      const { partner, sub } = c.get('principal');
      const integration = await psaIntegration(partner, c.req.valid('param').id, 'Ticket pushes are registered for PSA integrations.');
      // Nothing to bring forward (no failure, a push saved, an attempt under way) is not an error: the answer says what holds now.
      const retried = await deps.repos.twoWay.retryPushNow(partner, integration.id, Date.now());
      if (retried) await deps.repos.audit.record({ partnerId: partner, actor: sub, action: 'psa.push-retry', target: `integration:${integration.id}` });
      return c.json({ retried, ticketPush: await ticketPush(integration) }, 200);
    })
    .get('/:id/health', validate('param', idParam), async (c) => {
      const integration = await psaIntegration(c.get('principal').partner, c.req.valid('param').id, 'Delivery health is kept for PSA integrations.');
      return c.json({ ...(await service.health(integration)), ticketPush: await ticketPush(integration) }, 200);
    });
}
