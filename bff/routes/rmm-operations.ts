/**
 * @module The RMM device sync as admins see it: "Sync now" (runs at once and answers the result)
 * and the sync status (last sync, counts, last error, whether user activity is recorded).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { notFound, ProblemError } from '../errors.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import { DEFAULT_RMM_SYNC_INTERVAL_MINUTES, RmmSyncService, rmmSyncResultSchema } from '../services/rmm-sync/rmm-sync.service.js';
import { rmmSyncStatusSchema, syncStatus } from '../services/rmm-sync/sync-summary.js';

const idParam = z.object({ id: z.string().uuid('not an integration id') });

export function rmmOperationsRoutes(deps: AppDeps, docs: ApiDocs) {
  const service = deps.rmmSync ??= new RmmSyncService(deps, { intervalMs: DEFAULT_RMM_SYNC_INTERVAL_MINUTES * 60_000 });
  const p = '/api/integrations/{id}/rmm/sync';
  docs.add(
    { method: 'post', path: p, summary: 'Sync now: list the mapped sites’ devices and the user activity at once, and answer the result', tag: 'rmm', roles: ['admin'], params: idParam, response: { status: 200, schema: rmmSyncResultSchema, description: 'The run’s result; a run the vendor cut short has outcome "failed" and keeps what it wrote' } },
    { method: 'get', path: p, summary: 'Device sync status: last sync, counts, last error, next run', tag: 'rmm', roles: ['admin'], params: idParam, response: { status: 200, schema: rmmSyncStatusSchema } },
  );

  return new Hono<AppEnv>()
    // Not tied to the request's signal: an admin closing the page does not cut the sync short.
    .post('/:id/rmm/sync', requireRole('admin'), validate('param', idParam), async (c) =>
      c.json(await service.syncNow(c.get('principal').partner, c.req.valid('param').id), 200))
    .get('/:id/rmm/sync', requireRole('admin'), validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const integration = await deps.repos.integrations.get(c.get('principal').partner, id);
      if (!integration) throw notFound(`Integration ${id}`);
      if (integration.kind !== 'rmm') throw new ProblemError(409, 'wrong_kind', 'Not an RMM integration', 'This action needs an RMM integration.');
      return c.json(syncStatus(integration, await deps.repos.devices.syncState(id)), 200);
    });
}
