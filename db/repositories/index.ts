/** @module All repositories over one database (SQLite or PostgreSQL, one interface): the only code that touches tables. */
import type { Db } from '../client.js';
import type { PgDb } from '../pg-client.js';
import { createPgDevicesRepo } from '../repositories-pg/devices.repo.js';
import { createPgIntegrationHealthRepo } from '../repositories-pg/integration-health.repo.js';
import { createPgIntegrationsRepo, createPgMappingsRepo } from '../repositories-pg/integrations.repo.js';
import { createPgRoutingRepo } from '../repositories-pg/routing.repo.js';
import { createPgTwoWayRepo } from '../repositories-pg/two-way.repo.js';
import { createPgAuditRepo, createPgOrganizationsRepo, createPgPartnersRepo, createPgWizardDraftsRepo } from '../repositories-pg/small.repos.js';
import { createAuditRepo } from './audit.repo.js';
import { createDevicesRepo } from './devices.repo.js';
import { createIntegrationHealthRepo } from './integration-health.repo.js';
import { createIntegrationsRepo } from './integrations.repo.js';
import { createMappingsRepo } from './mappings.repo.js';
import { createOrganizationsRepo } from './organizations.repo.js';
import { createPartnersRepo } from './partners.repo.js';
import { createRoutingRepo } from './routing.repo.js';
import { createWizardDraftsRepo } from './wizard-drafts.repo.js';
import { createTwoWayRepo } from './two-way.repo.js';

export function createRepositories(db: Db) {
  return {
    partners: createPartnersRepo(db),
    organizations: createOrganizationsRepo(db),
    integrations: createIntegrationsRepo(db),
    mappings: createMappingsRepo(db),
    wizardDrafts: createWizardDraftsRepo(db),
    audit: createAuditRepo(db),
    routing: createRoutingRepo(db),
    integrationHealth: createIntegrationHealthRepo(db),
    devices: createDevicesRepo(db),
    twoWay: createTwoWayRepo(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

/** The same repositories on PostgreSQL. */
export function createPgRepositories(db: PgDb): Repositories {
  return {
    partners: createPgPartnersRepo(db),
    organizations: createPgOrganizationsRepo(db),
    integrations: createPgIntegrationsRepo(db),
    mappings: createPgMappingsRepo(db),
    wizardDrafts: createPgWizardDraftsRepo(db),
    audit: createPgAuditRepo(db),
    routing: createPgRoutingRepo(db),
    integrationHealth: createPgIntegrationHealthRepo(db),
    devices: createPgDevicesRepo(db),
    twoWay: createPgTwoWayRepo(db),
  };
}
