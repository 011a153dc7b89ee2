/** @module Demo mode's data: the demo partner, its organizations and catalog (idempotent on every start). */
import type { Repositories } from '../../db/repositories/index.js';
import { DEMO_CATALOG, DEMO_ORGANIZATIONS, DEMO_PARTNER_ID } from './demo-organizations.js';

export async function seedDemoPartner(repos: Repositories): Promise<void> {
  await repos.partners.ensure(DEMO_PARTNER_ID);
  // Only a first start creates them: an admin's later changes (names, delivery switches) are kept.
  if ((await repos.organizations.list(DEMO_PARTNER_ID)).length > 0) return;
  await repos.organizations.upsertMany(DEMO_PARTNER_ID, DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, status: 'active', billableUsers: o.billableUsers })));
  await repos.organizations.replaceCatalog(DEMO_PARTNER_ID, 'alert-type', DEMO_CATALOG.alertTypes);
  await repos.organizations.replaceCatalog(DEMO_PARTNER_ID, 'respond-rule', DEMO_CATALOG.respondRules);
  await repos.organizations.replaceCatalog(DEMO_PARTNER_ID, 'ioc-rule', DEMO_CATALOG.iocRules);
}
