/** @module The PostgreSQL repositories (same interface as db/repositories), in their own module so SQLite never loads the pg driver. */
import type { PgDb } from '../pg-client.js';
import type { Repositories } from '../repositories/index.js';
import { createPgDevicesRepo } from './devices.repo.js';
import { createPgIntegrationsRepo, createPgMappingsRepo } from './integrations.repo.js';
import { createPgIntegrationHealthRepo } from './integration-health.repo.js';
import { createPgRoutingRepo } from './routing.repo.js';
import { createPgTwoWayRepo } from './two-way.repo.js';
import { createPgPushRemovalsRepo } from './push-removals.repo.js';
import { createPgAuditRepo, createPgOrganizationsRepo, createPgPartnersRepo, createPgWizardDraftsRepo } from './small.repos.js';

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
    pushRemovals: createPgPushRemovalsRepo(db),
  };
}
