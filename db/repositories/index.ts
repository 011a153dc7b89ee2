/** @module All repositories over one database (SQLite or PostgreSQL, one interface): the only code that touches tables. */
import type { Db } from '../client.js';
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
import { createPushRemovalsRepo } from './push-removals.repo.js';

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
    pushRemovals: createPushRemovalsRepo(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
