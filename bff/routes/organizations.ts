/**
 * @module The platform's organizations and catalog as the host pushes them (`PUT`, admin), read
 * back for the wizards, and each organization's ticket-delivery switch.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { safeString } from '../safe-string.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { notFound } from '../errors.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import { organizationsPutSchema, organizationViewSchema } from '../contracts/integration-view.js';
import type { OrganizationRow } from '../../db/repositories/organizations.repo.js';

const idParam = z.object({ id: z.string().min(1).max(100) });
const pendingBody = z.object({ name: safeString().trim().min(1, 'Name is required').max(200) });
const deliveryBody = z.object({ ticketDelivery: z.boolean({ message: 'ticketDelivery must be true or false' }) });
const catalogView = z.object({ id: z.string(), name: z.string() });
const catalogSchema = z.object({ alertTypes: z.array(catalogView), respondRules: z.array(catalogView), iocRules: z.array(catalogView) });

export const toOrganizationView = (row: OrganizationRow) => ({
  id: row.id, name: row.name, status: row.status, billableUsers: row.billableUsers, ticketDelivery: row.ticketDelivery,
});

export function organizationRoutes(deps: AppDeps, docs: ApiDocs) {
  const { organizations, audit } = deps.repos;
  docs.add(
    { method: 'put', path: '/api/organizations', summary: 'Upsert the platform’s organizations (and optionally its catalog)', tag: 'organizations', roles: ['admin'], body: organizationsPutSchema, response: { status: 200, schema: z.object({ created: z.number(), updated: z.number() }) } },
    { method: 'get', path: '/api/organizations', summary: 'List organizations', tag: 'organizations', roles: ['admin'], response: { status: 200, schema: z.object({ organizations: z.array(organizationViewSchema) }) } },
    { method: 'patch', path: '/api/organizations/{id}', summary: 'Turn an organization’s ticket delivery on or off', tag: 'organizations', roles: ['admin'], params: idParam, body: deliveryBody, response: { status: 200, schema: organizationViewSchema } },
    { method: 'post', path: '/api/organizations/pending', summary: '"+ Add to platform": create a pending organization for a PSA customer', tag: 'organizations', roles: ['admin'], body: pendingBody, response: { status: 201, schema: organizationViewSchema } },
    { method: 'get', path: '/api/catalog', summary: 'Alert types, respond rules and IOC rules', tag: 'organizations', roles: ['admin'], response: { status: 200, schema: catalogSchema } },
  );

  return new Hono<AppEnv>()
    // Guard only this module's paths: it is mounted at /api, and a bare use() would also guard
    // every /api route mounted after it.
    .use('/organizations', requireRole('admin'))
    .use('/organizations/*', requireRole('admin'))
    .use('/catalog', requireRole('admin'))
    .put('/organizations', validate('json', organizationsPutSchema), async (c) => {
      const { partner, sub } = c.get('principal');
      const body = c.req.valid('json');
      const counts = await organizations.upsertMany(partner, body.organizations);
      const catalog = body.catalog;
      if (catalog?.alertTypes) await organizations.replaceCatalog(partner, 'alert-type', catalog.alertTypes);
      if (catalog?.respondRules) await organizations.replaceCatalog(partner, 'respond-rule', catalog.respondRules);
      if (catalog?.iocRules) await organizations.replaceCatalog(partner, 'ioc-rule', catalog.iocRules);
      await audit.record({ partnerId: partner, actor: sub, action: 'organizations.sync', target: 'organizations', after: { ...counts, catalog: Boolean(catalog) } });
      return c.json(counts, 200);
    })
    .get('/organizations', async (c) => {
      const rows = await organizations.list(c.get('principal').partner);
      return c.json({ organizations: rows.map(toOrganizationView) }, 200);
    })
    .post('/organizations/pending', validate('json', pendingBody), async (c) => {
      const { partner, sub } = c.get('principal');
      const { name } = c.req.valid('json');
      const existing = (await organizations.list(partner)).find((o) => o.name.toLowerCase() === name.toLowerCase());
      if (existing) return c.json(toOrganizationView(existing), 200);
      const row = await organizations.createPending(partner, `pending-${randomUUID()}`, name);
      await audit.record({ partnerId: partner, actor: sub, action: 'organization.add-pending', target: `organization:${row.id}`, after: { name } });
      return c.json(toOrganizationView(row), 201);
    })
    .patch('/organizations/:id', validate('param', idParam), validate('json', deliveryBody), async (c) => {
      const { partner, sub } = c.get('principal');
      const { id } = c.req.valid('param');
      const before = await organizations.get(partner, id);
      if (!before) throw notFound(`Organization ${id}`);
      const after = (await organizations.setTicketDelivery(partner, id, c.req.valid('json').ticketDelivery))!;
      await audit.record({ partnerId: partner, actor: sub, action: 'organization.ticket-delivery', target: `organization:${id}`, before: { ticketDelivery: before.ticketDelivery }, after: { ticketDelivery: after.ticketDelivery } });
      return c.json(toOrganizationView(after), 200);
    })
    .get('/catalog', async (c) => {
      const partner = c.get('principal').partner;
      return c.json({
        alertTypes: await organizations.listCatalog(partner, 'alert-type'),
        respondRules: await organizations.listCatalog(partner, 'respond-rule'),
        iocRules: await organizations.listCatalog(partner, 'ioc-rule'),
      }, 200);
    });
}
