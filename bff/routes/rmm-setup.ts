/**
 * @module What the RMM wizards read and save: sites with their types, the custom fields that can
 * hold an Entra device id, the mapping and parameters sections, and completion (which starts the
 * first device sync).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { rmmCustomFieldSchema } from '../contracts/entra-field.js';
import { integrationViewSchema } from '../contracts/integration-view.js';
import { rmmMappingSchema, rmmParametersSchema } from '../contracts/rmm-settings.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import { RmmSetupService } from '../services/rmm-setup.service.js';
import { DEFAULT_RMM_SYNC_INTERVAL_MINUTES, RmmSyncService } from '../services/rmm-sync/rmm-sync.service.js';
import { syncSummaryFor } from '../services/rmm-sync/sync-summary.js';
import { toIntegrationView } from './integrations.js';

const idParam = z.object({ id: z.string().uuid('not an integration id') });
const refreshQuery = z.object({ refresh: z.enum(['true', 'false']).optional().transform((v) => v === 'true') });
const anyJson = validate('json', z.unknown());
const siteSchema = z.object({ id: z.string(), name: z.string(), type: z.enum(['managed', 'ondemand', 'deleted']), deviceCount: z.number().nullable() });

export function rmmSetupRoutes(deps: AppDeps, docs: ApiDocs) {
  const service = new RmmSetupService(deps.repos, deps.vendors);
  const sync = deps.rmmSync ??= new RmmSyncService(deps, { intervalMs: DEFAULT_RMM_SYNC_INTERVAL_MINUTES * 60_000 });
  const p = '/api/integrations/{id}/rmm';
  // The contract is a zod/mini schema (it has no .extend); its fields spread into this full-zod one.
  const mappingView = z.object({
    ...rmmMappingSchema.shape,
    userActivityOrganizationId: z.string().nullable()
      .describe('The User Activity Organization, fixed once set. Datto RMM: its user activity is recorded here. Syncro: its API has no user-activity feed, so nothing is recorded; the connection is filed here (MSP Tools in this organization’s Applications tab).'),
  });
  docs.add(
    { method: 'get', path: `${p}/sites`, summary: 'RMM sites (Datto sites, Syncro customers) with their types', tag: 'rmm', roles: ['admin'], params: idParam, query: refreshQuery, response: { status: 200, schema: z.object({ sites: z.array(siteSchema) }) } },
    { method: 'get', path: `${p}/custom-fields`, summary: 'Custom fields (UDFs, asset properties) that can hold an Entra device id, with sample values from the first devices', tag: 'rmm', roles: ['admin'], params: idParam, response: { status: 200, schema: z.object({ fields: z.array(rmmCustomFieldSchema) }) } },
    { method: 'get', path: `${p}/mapping`, summary: 'User-activity organization and device organization mapping', tag: 'rmm', roles: ['admin'], params: idParam, response: { status: 200, schema: mappingView } },
    { method: 'put', path: `${p}/mapping`, summary: 'Save the mapping (auto-maps exact names when asked)', tag: 'rmm', roles: ['admin'], params: idParam, body: mappingView.partial({ userActivityOrganizationId: true }), response: { status: 200, schema: mappingView } },
    { method: 'get', path: `${p}/parameters`, summary: 'Optional parameters (Entra Device ID field)', tag: 'rmm', roles: ['admin'], params: idParam, response: { status: 200, schema: rmmParametersSchema } },
    { method: 'put', path: `${p}/parameters`, summary: 'Save optional parameters', tag: 'rmm', roles: ['admin'], params: idParam, body: rmmParametersSchema, response: { status: 200, schema: rmmParametersSchema } },
    { method: 'post', path: `${p}/complete`, summary: 'Finish: the integration becomes Connected and, the first time, its first device sync starts (`sync.state` is `running`)', tag: 'rmm', roles: ['admin'], params: idParam, response: { status: 200, schema: integrationViewSchema } },
  );

  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/:id/rmm/sites', validate('param', idParam), validate('query', refreshQuery), async (c) =>
      c.json({ sites: await service.sites(c.get('principal').partner, c.req.valid('param').id, c.req.valid('query').refresh) }, 200))
    .get('/:id/rmm/custom-fields', validate('param', idParam), validate('query', refreshQuery), async (c) =>
      c.json({ fields: await service.customFields(c.get('principal').partner, c.req.valid('param').id, c.req.valid('query').refresh) }, 200))
    .get('/:id/rmm/mapping', validate('param', idParam), async (c) => {
      const { integration } = await deps.vendors.rmm(c.get('principal').partner, c.req.valid('param').id);
      return c.json(await service.mapping(integration), 200);
    })
    .put('/:id/rmm/mapping', validate('param', idParam), anyJson, async (c) => c.json(await service.saveMapping(c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200))
    .get('/:id/rmm/parameters', validate('param', idParam), async (c) => {
      const { integration } = await deps.vendors.rmm(c.get('principal').partner, c.req.valid('param').id);
      return c.json({ entraDeviceIdField: service.storedSettings(integration).entraDeviceIdField }, 200);
    })
    .put('/:id/rmm/parameters', validate('param', idParam), anyJson, async (c) => c.json(await service.saveParameters(c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200))
    .post('/:id/rmm/complete', validate('param', idParam), async (c) => {
      const { partner } = c.get('principal');
      const { integration, connectedNow } = await service.complete(c.get('principal'), c.req.valid('param').id);
      // The first device sync starts at once rather than at the next scheduled run: only its claim is
      // awaited (so the answer already says "running"); the vendor walk goes on after this answer.
      if (connectedNow) {
        // The integration is Connected either way: if the sync cannot start now, the scheduler's next look starts it.
        await sync.startInBackground(partner, integration.id)
          .catch((err: unknown) => deps.logger.warn({ err, integrationId: integration.id }, 'first rmm sync did not start'));
      }
      return c.json(toIntegrationView(integration, await syncSummaryFor(deps.repos, integration)), 200);
    });
}
