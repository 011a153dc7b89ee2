/**
 * @module Integrations as the list panels use them: list, read one, pause/resume (PSA),
 * disconnect/reconnect (RMM) and delete (its logs: integration-logs.ts; the vendor's ticket push is
 * removed after it by the two-way worker, retried until a deadline: push-unregister.ts). Credentials never appear in any answer.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { notFound, ProblemError } from '../errors.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import {
  integrationDetailSchema, integrationKindSchema, integrationViewSchema, STATUS_LABELS,
  type IntegrationDetail, type IntegrationView,
} from '../contracts/integration-view.js';
import { VENDOR_LABELS } from '../vendors/vendor-errors.js';
import { connectionFacts } from '../contracts/credentials.js';
import type { IntegrationRecord, IntegrationStatus } from '../../db/repositories/integrations.repo.js';
import { syncSummaryFor } from '../services/rmm-sync/sync-summary.js';
import { availabilityOf, type Availability } from '../services/routing/integration-availability.js';
import type { RmmSyncSummary } from '../contracts/integration-view.js';
import { deleteIntegration } from '../services/two-way/push-unregister.js';

const idParam = z.object({ id: z.string().uuid('not an integration id') });
const listQuery = z.object({ kind: z.optional(integrationKindSchema) });

/**
 * `sync`: an RMM integration's device sync summary; `availability`: an active PSA's (its circuit
 * breaker and waiting alerts), where the caller has them (the list does).
 */
export function toIntegrationView(row: IntegrationRecord, sync?: RmmSyncSummary, availability?: Availability): IntegrationView {
  return {
    id: row.id, kind: row.kind, vendor: row.vendor, vendorLabel: VENDOR_LABELS[row.vendor], status: row.status,
    statusLabel: STATUS_LABELS[row.status], hasCredentials: row.hasCredentials, accountLabel: row.accountLabel,
    userActivityOrganizationId: row.userActivityOrganizationId, createdAt: row.createdAt, updatedAt: row.updatedAt,
    ...(sync ? { sync } : {}),
    ...(availability ? { availability } : {}),
  };
}

/** The list's view of a row: with its RMM sync summary or its PSA availability. */
async function viewOf(repos: AppDeps['repos'], row: IntegrationRecord): Promise<IntegrationView> {
  const availability = row.kind === 'psa' && row.status === 'active' && !row.deletedAt ? await availabilityOf(repos, row.id) : undefined;
  return toIntegrationView(row, await syncSummaryFor(repos, row), availability);
}

export function toIntegrationDetail(row: IntegrationRecord): IntegrationDetail {
  return { ...toIntegrationView(row), settings: row.settings };
}

/** Which status changes each action makes, and from where. */
const TRANSITIONS = {
  pause: { kind: 'psa', from: ['active'], to: 'paused', verb: 'paused' },
  resume: { kind: 'psa', from: ['paused'], to: 'active', verb: 'resumed' },
  disconnect: { kind: 'rmm', from: ['connected'], to: 'disconnected', verb: 'disconnected' },
  reconnect: { kind: 'rmm', from: ['disconnected'], to: 'connected', verb: 'reconnected' },
} as const satisfies Record<string, { kind: 'psa' | 'rmm'; from: IntegrationStatus[]; to: IntegrationStatus; verb: string }>;
type Action = keyof typeof TRANSITIONS;

export function integrationRoutes(deps: AppDeps, docs: ApiDocs) {
  const { integrations, audit } = deps.repos;
  const viewList = z.object({ integrations: z.array(integrationViewSchema) });
  docs.add(
    { method: 'get', path: '/api/integrations', summary: 'List the partner’s integrations', tag: 'integrations', roles: ['admin'], query: listQuery, response: { status: 200, schema: viewList } },
    { method: 'get', path: '/api/integrations/{id}', summary: 'Read one integration with its settings (never its credentials)', tag: 'integrations', roles: ['admin'], params: idParam, response: { status: 200, schema: integrationDetailSchema } },
    ...(Object.keys(TRANSITIONS) as Action[]).map((action) => ({
      method: 'post' as const, path: `/api/integrations/{id}/${action}`, summary: `${action[0]!.toUpperCase()}${action.slice(1)} the integration`, tag: 'integrations', roles: ['admin' as const], params: idParam, response: { status: 200, schema: integrationViewSchema },
    })),
    { method: 'delete', path: '/api/integrations/{id}', summary: 'Delete the integration (its credentials are erased)', tag: 'integrations', roles: ['admin'], params: idParam, response: { status: 204, schema: null } },
  );

  const load = async (partner: string, id: string) => {
    const row = await integrations.get(partner, id);
    if (!row) throw notFound(`Integration ${id}`);
    return row;
  };

  /** The edit summary's "what is connected": opened from the sealed credentials, secrets left out; none when unreadable. */
  const connectionOf = async (partner: string, row: IntegrationRecord) => {
    const sealed = row.hasCredentials ? await integrations.getSealedCredentials(partner, row.id) : null;
    if (!sealed) return [];
    try {
      return connectionFacts(row.vendor, deps.vault.open(sealed));
    } catch {
      return []; // a key no longer configured: the summary says only that credentials are stored
    }
  };

  const applyTransition = (action: Action) => async (c: import("hono").Context<AppEnv>) => {
    const { partner, sub } = c.get('principal');
    const id = c.req.param('id')!;
    const row = await load(partner, id);
    const rule = TRANSITIONS[action];
    if (row.kind !== rule.kind || !(rule.from as readonly string[]).includes(row.status)) {
      throw new ProblemError(409, 'invalid_transition', 'Not possible now',
        `A ${STATUS_LABELS[row.status].toLowerCase()} ${VENDOR_LABELS[row.vendor]} integration cannot be ${rule.verb}.`);
    }
    const after = (await integrations.update(partner, id, { status: rule.to }))!;
    await audit.record({ partnerId: partner, actor: sub, action: `integration.${action}`, target: `integration:${id}`, before: { status: row.status }, after: { status: after.status } });
    return c.json(await viewOf(deps.repos, after), 200);
  };

  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/', validate('query', listQuery), async (c) => {
      const rows = await integrations.list(c.get('principal').partner, c.req.valid('query').kind);
      return c.json({ integrations: await Promise.all(rows.map((row) => viewOf(deps.repos, row))) }, 200);
    })
    .get('/:id', validate('param', idParam), async (c) => {
      const { partner } = c.get('principal');
      const row = await load(partner, c.req.valid('param').id);
      return c.json({ ...toIntegrationDetail(row), connection: await connectionOf(partner, row) }, 200);
    })
    .post('/:id/pause', validate('param', idParam), applyTransition('pause'))
    .post('/:id/resume', validate('param', idParam), applyTransition('resume'))
    .post('/:id/disconnect', validate('param', idParam), applyTransition('disconnect'))
    .post('/:id/reconnect', validate('param', idParam), applyTransition('reconnect'))
    .delete('/:id', validate('param', idParam), async (c) => {
      const { partner, sub } = c.get('principal');
      const { id } = c.req.valid('param');
      const row = await load(partner, id);
      // The database work only: the vendor's push is removed later by the two-way worker (push-unregister.ts).
      const { vendorPush } = await deleteIntegration(deps, partner, row);
      deps.vendors.forget(id);
      await audit.record({
        partnerId: partner, actor: sub, action: 'integration.delete', target: `integration:${id}`,
        before: { status: row.status, vendor: row.vendor }, ...(vendorPush ? { after: { vendorPush } } : {}),
      });
      return c.body(null, 204);
    });
}
