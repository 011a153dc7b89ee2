/** @module Integrations (one PSA or RMM connection) and their mappings to platform organizations. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns.helpers.js';
import { partners } from './partners.js';
// The vendor ids come from the one vendor list (pure data); SQLite's text enum is checked by TypeScript only.
import { VENDORS } from '../../bff/contracts/vendor-catalog.js';

export const INTEGRATION_STATUSES = ['draft', 'active', 'paused', 'connected', 'disconnected'] as const;

export const integrations = sqliteTable(
  'integrations',
  {
    id: text('id').primaryKey(),
    partnerId: text('partner_id').notNull().references(() => partners.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['psa', 'rmm'] }).notNull(),
    vendor: text('vendor', { enum: VENDORS }).notNull(),
    status: text('status', { enum: INTEGRATION_STATUSES }).notNull().default('draft'),
    /** AES-256-GCM sealed credentials (base64 iv.tag.ciphertext); never leaves the BFF. */
    credentialsSealed: text('credentials_sealed'),
    /** Which SECRET_KEY sealed them, so keys can rotate. */
    credentialsKeyId: text('credentials_key_id'),
    /**
     * Which vendor account the credentials reach (an RMM's account identity, e.g. Datto RMM platform +
     * API key), as a keyed hash `<keyId>:<HMAC>` and never in clear: it refuses a second connection
     * of one account. Null for PSAs, and for rows sealed before it existed until first compared.
     */
    accountIdentityHash: text('account_identity_hash'),
    /** A non-secret label of the connected vendor account (e.g. zone, tenant), for the list. */
    accountLabel: text('account_label'),
    /** Settings JSON; always read through its zod schema (bff/contracts). */
    settings: text('settings', { mode: 'json' }).$type<unknown>().notNull().default({}),
    /** RMM: the organization all vendor user activity is logged against; immutable once set. */
    userActivityOrganizationId: text('user_activity_organization_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Deleted integrations are kept (routing records must still say why nothing was sent). */
    deletedAt: text('deleted_at'),
  },
  (t) => [
    index('integrations_partner_idx').on(t.partnerId, t.kind),
    // One live connection per account and partner, also when two requests pass the route's check at once.
    uniqueIndex('integrations_account_identity_uq').on(t.partnerId, t.accountIdentityHash).where(sql`${t.deletedAt} is null`),
  ],
);

/** One row per PSA account the admin mapped, ignored, or gave a contact. */
export const psaAccountMappings = sqliteTable(
  'psa_account_mappings',
  {
    integrationId: text('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
    psaAccountId: text('psa_account_id').notNull(),
    psaAccountName: text('psa_account_name').notNull(),
    organizationId: text('organization_id'),
    contactId: text('contact_id'),
    contactName: text('contact_name'),
    ignored: integer('ignored', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.psaAccountId] }),
    // An organization routes to one account only.
    uniqueIndex('psa_account_mappings_org_uq').on(t.integrationId, t.organizationId),
  ],
);

/** Per organization: its PSA contract, whether the contract service is added, and price overrides. */
export const psaContractMappings = sqliteTable(
  'psa_contract_mappings',
  {
    integrationId: text('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id').notNull(),
    contractId: text('contract_id').notNull(),
    contractName: text('contract_name').notNull(),
    addService: integer('add_service', { mode: 'boolean' }).notNull().default(false),
    /** Organization-specific service; null uses the default contract service. */
    serviceId: text('service_id'),
    unitCost: real('unit_cost'),
    unitPrice: real('unit_price'),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.organizationId] })],
);

/** One row per RMM site (Datto site, Syncro customer) seen in the wizard. */
export const rmmSiteMappings = sqliteTable(
  'rmm_site_mappings',
  {
    integrationId: text('integration_id').notNull().references(() => integrations.id, { onDelete: 'cascade' }),
    siteId: text('site_id').notNull(),
    siteName: text('site_name').notNull(),
    siteType: text('site_type', { enum: ['managed', 'ondemand', 'deleted'] }).notNull().default('managed'),
    organizationId: text('organization_id'),
    /** Excluded from "automatically map organizations with a 100% match". */
    ignoreAutoMap: integer('ignore_auto_map', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.siteId] })],
);
