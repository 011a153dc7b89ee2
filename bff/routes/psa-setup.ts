/**
 * @module What the PSA wizard reads from and saves to a draft or live PSA integration: the vendor's
 * accounts (filtered, searched, paged), contacts, picklists, contracts and services (cached per
 * integration, with refresh), the three sections, and completion. Secrets stay server-side.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { accountMappingSchema, contractSettingsSchema, newServiceSchema, ticketSettingsSchema } from '../contracts/psa-settings.js';
import { integrationViewSchema } from '../contracts/integration-view.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import { PsaSetupService } from '../services/psa-setup.service.js';
import type { PsaAccount } from '../contracts/model.js';
import { toIntegrationView } from './integrations.js';
import { answerPage, perList } from '../services/list-pages.js';

/** The section's own schema runs in the service (it depends on the vendor); here only JSON itself. */
const anyJson = validate('json', z.unknown());
const idParam = z.object({ id: z.string().uuid('not an integration id') });
const accountParam = idParam.extend({ accountId: z.string().min(1).max(100) });
const refresh = z.enum(['true', 'false']).optional().transform((v) => v === 'true');
const accountsQuery = z.object({
  search: z.string().max(200).optional(),
  type: z.string().max(200).optional(),
  classification: z.string().max(200).optional(),
  marketSegment: z.string().max(200).optional(),
  relation: z.enum(['all', 'parent', 'child']).default('all'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(20_000).default(500),
  refresh,
});

const accountSchema = z.object({ id: z.string(), name: z.string(), type: z.string().nullable(), classification: z.string().nullable(), marketSegment: z.string().nullable(), parentId: z.string().nullable(), isActive: z.boolean() });
const facetsOf = (accounts: PsaAccount[]) => {
  const distinct = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
  return { types: distinct(accounts.map((a) => a.type)), classifications: distinct(accounts.map((a) => a.classification)), marketSegments: distinct(accounts.map((a) => a.marketSegment)) };
};

export function psaSetupRoutes(deps: AppDeps, docs: ApiDocs) {
  const service = new PsaSetupService(deps.repos, deps.vendors);
  const { vendors } = deps;
  const p = '/api/integrations/{id}/psa';
  docs.add(
    { method: 'get', path: `${p}/accounts`, summary: 'PSA accounts with filters and paging (cached per integration)', tag: 'psa', roles: ['admin'], params: idParam, query: accountsQuery, response: { status: 200, schema: z.object({ total: z.number(), items: z.array(accountSchema), facets: z.object({ types: z.array(z.string()), classifications: z.array(z.string()), marketSegments: z.array(z.string()) }) }) } },
    { method: 'get', path: `${p}/accounts/{accountId}/contacts`, summary: 'Contacts of one PSA account', tag: 'psa', roles: ['admin'], params: accountParam, response: { status: 200, schema: z.object({ contacts: z.array(z.unknown()) }) } },
    { method: 'get', path: `${p}/picklists`, summary: 'Ticket and note picklists from the PSA', tag: 'psa', roles: ['admin'], params: idParam, response: { status: 200, schema: z.unknown() } },
    { method: 'get', path: `${p}/contracts`, summary: 'Contracts of one PSA account', tag: 'psa', roles: ['admin'], params: idParam, query: z.object({ accountId: z.string().min(1) }), response: { status: 200, schema: z.object({ contracts: z.array(z.unknown()) }) } },
    { method: 'get', path: `${p}/services`, summary: 'Contract services in the PSA catalog', tag: 'psa', roles: ['admin'], params: idParam, response: { status: 200, schema: z.object({ services: z.array(z.unknown()) }) } },
    { method: 'post', path: `${p}/services`, summary: 'Create a contract service in the PSA ("Create Service")', tag: 'psa', roles: ['admin'], params: idParam, body: newServiceSchema, response: { status: 201, schema: z.unknown() } },
    { method: 'get', path: `${p}/account-mapping`, summary: 'The account-mapping section', tag: 'psa', roles: ['admin'], params: idParam, response: { status: 200, schema: accountMappingSchema } },
    { method: 'put', path: `${p}/account-mapping`, summary: 'Save the account-mapping section (re-checked against the PSA)', tag: 'psa', roles: ['admin'], params: idParam, body: accountMappingSchema, response: { status: 200, schema: accountMappingSchema } },
    { method: 'get', path: `${p}/ticket-settings`, summary: 'The service-parameters section', tag: 'psa', roles: ['admin'], params: idParam, response: { status: 200, schema: z.unknown() } },
    { method: 'put', path: `${p}/ticket-settings`, summary: 'Save ticket and note defaults and overrides', tag: 'psa', roles: ['admin'], params: idParam, body: ticketSettingsSchema(), response: { status: 200, schema: z.unknown() } },
    { method: 'get', path: `${p}/contract-settings`, summary: 'The contract-mapping section', tag: 'psa', roles: ['admin'], params: idParam, response: { status: 200, schema: contractSettingsSchema } },
    { method: 'put', path: `${p}/contract-settings`, summary: 'Save contract mapping and billable-user sync', tag: 'psa', roles: ['admin'], params: idParam, body: contractSettingsSchema, response: { status: 200, schema: contractSettingsSchema } },
    { method: 'post', path: '/api/integrations/{id}/psa/complete', summary: 'Re-check every rule and make the integration Active', tag: 'psa', roles: ['admin'], params: idParam, response: { status: 200, schema: integrationViewSchema } },
  );

  const accounts = async (partner: string, id: string, fresh = false) => {
    const { adapter } = await vendors.psa(partner, id);
    return vendors.cached(id, 'accounts', () => adapter.listAccounts(), { refresh: fresh });
  };

  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/:id/psa/accounts', validate('param', idParam), validate('query', accountsQuery), async (c) => {
      const q = c.req.valid('query');
      const all = await accounts(c.get('principal').partner, c.req.valid('param').id, q.refresh);
      const search = q.search?.trim().toLowerCase();
      // Filtered, serialized and compressed once per cached list, filter and range (list-pages.ts).
      const key = JSON.stringify([search ?? '', q.type ?? null, q.classification ?? null, q.marketSegment ?? null, q.relation, q.offset, q.limit]);
      return answerPage(c, all, key, () => {
        const filtered = all.filter((a) =>
          (!search || a.name.toLowerCase().includes(search)) && (!q.type || a.type === q.type) && (!q.classification || a.classification === q.classification)
          && (!q.marketSegment || a.marketSegment === q.marketSegment)
          && (q.relation === 'all' || (q.relation === 'child' ? a.parentId !== null : a.parentId === null)));
        return { total: filtered.length, items: filtered.slice(q.offset, q.offset + q.limit), facets: perList(all, () => facetsOf(all)) };
      });
    })
    .get('/:id/psa/accounts/:accountId/contacts', validate('param', accountParam), validate('query', z.object({ refresh })), async (c) => {
      const { id, accountId } = c.req.valid('param');
      const { adapter } = await vendors.psa(c.get('principal').partner, id);
      return c.json({ contacts: await service.contacts(id, adapter, accountId, c.req.valid('query').refresh) }, 200);
    })
    .get('/:id/psa/picklists', validate('param', idParam), validate('query', z.object({ refresh })), async (c) => {
      const { id } = c.req.valid('param');
      const { adapter } = await vendors.psa(c.get('principal').partner, id);
      return c.json(await service.picklists(id, adapter, c.req.valid('query').refresh), 200);
    })
    .get('/:id/psa/contracts', validate('param', idParam), validate('query', z.object({ accountId: z.string().min(1).max(100), refresh })), async (c) => {
      const { id } = c.req.valid('param');
      const { accountId, refresh: fresh } = c.req.valid('query');
      const { adapter } = await vendors.psa(c.get('principal').partner, id);
      return c.json({ contracts: await vendors.cached(id, `contracts:${accountId}`, () => adapter.listContracts(accountId), { refresh: fresh }) }, 200);
    })
    .get('/:id/psa/services', validate('param', idParam), validate('query', z.object({ refresh })), async (c) => {
      const { id } = c.req.valid('param');
      const { adapter } = await vendors.psa(c.get('principal').partner, id);
      return c.json({ services: await vendors.cached(id, 'services', () => adapter.listServices(), { refresh: c.req.valid('query').refresh }) }, 200);
    })
    .post('/:id/psa/services', validate('param', idParam), validate('json', newServiceSchema), async (c) => {
      const { partner, sub } = c.get('principal');
      const { id } = c.req.valid('param');
      const { adapter } = await vendors.psa(partner, id);
      const created = await adapter.createService(c.req.valid('json'));
      await vendors.cached(id, 'services', () => adapter.listServices(), { refresh: true });
      await deps.repos.audit.record({ partnerId: partner, actor: sub, action: 'psa.service-create', target: `integration:${id}`, after: created });
      return c.json(created, 201);
    })
    .get('/:id/psa/account-mapping', validate('param', idParam), async (c) => {
      const { integration } = await vendors.psa(c.get('principal').partner, c.req.valid('param').id);
      return c.json(await service.accountMapping(integration), 200);
    })
    .put('/:id/psa/account-mapping', validate('param', idParam), anyJson, async (c) => c.json(await service.saveAccountMapping(c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200))
    .get('/:id/psa/ticket-settings', validate('param', idParam), async (c) => {
      const { integration } = await vendors.psa(c.get('principal').partner, c.req.valid('param').id);
      return c.json({ ticket: service.storedSettings(integration).ticket }, 200);
    })
    .put('/:id/psa/ticket-settings', validate('param', idParam), anyJson, async (c) => c.json(await service.saveTicketSettings(c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200))
    .get('/:id/psa/contract-settings', validate('param', idParam), async (c) => {
      const { integration } = await vendors.psa(c.get('principal').partner, c.req.valid('param').id);
      return c.json(await service.contractSettings(integration), 200);
    })
    .put('/:id/psa/contract-settings', validate('param', idParam), anyJson, async (c) => c.json(await service.saveContractSettings(c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200))
    .post('/:id/psa/complete', validate('param', idParam), async (c) => c.json(toIntegrationView(await service.complete(c.get('principal'), c.req.valid('param').id)), 200));
}
