/** @module PostgreSQL twin of schema/integrations.ts: same tables, same column names. */
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { VENDORS } from '../../bff/contracts/vendor-catalog.js';
import { INTEGRATION_STATUSES } from '../schema/integrations.js';
import { createdAt, updatedAt } from './columns.helpers.js';
import { partners } from './partners.js';

export const integrations = pgTable(
  'integrations',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['psa', 'rmm'] }).notNull(),
    vendor: text('vendor', { enum: VENDORS }).notNull(),
    status: text('status', { enum: INTEGRATION_STATUSES }).notNull().default('draft'),
    credentialsSealed: text('credentials_sealed'),
    credentialsKeyId: text('credentials_key_id'),
    accountIdentityHash: text('account_identity_hash'),
    accountLabel: text('account_label'),
    settings: jsonb('settings').$type<unknown>().notNull().default({}),
    userActivityOrganizationId: text('user_activity_organization_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    index('integrations_partner_idx').on(t.partnerId, t.kind),
    uniqueIndex('integrations_account_identity_uq').on(t.partnerId, t.accountIdentityHash).where(sql`${t.deletedAt} is null`),
  ],
);

export const psaAccountMappings = pgTable(
  'psa_account_mappings',
  {
    integrationId: text('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
    psaAccountId: text('psa_account_id').notNull(),
    psaAccountName: text('psa_account_name').notNull(),
    organizationId: text('organization_id'),
    contactId: text('contact_id'),
    contactName: text('contact_name'),
    ignored: boolean('ignored').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.psaAccountId] }), uniqueIndex('psa_account_mappings_org_uq').on(t.integrationId, t.organizationId)],
);

export const psaContractMappings = pgTable(
  'psa_contract_mappings',
  {
    integrationId: text('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id').notNull(),
    contractId: text('contract_id').notNull(),
    contractName: text('contract_name').notNull(),
    addService: boolean('add_service').notNull().default(false),
    serviceId: text('service_id'),
    unitCost: doublePrecision('unit_cost'),
    unitPrice: doublePrecision('unit_price'),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.organizationId] })],
);

export const rmmSiteMappings = pgTable(
  'rmm_site_mappings',
  {
    integrationId: text('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
    siteId: text('site_id').notNull(),
    siteName: text('site_name').notNull(),
    siteType: text('site_type', { enum: ['managed', 'ondemand', 'deleted'] }).notNull().default('managed'),
    organizationId: text('organization_id'),
    ignoreAutoMap: boolean('ignore_auto_map').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.siteId] })],
);
