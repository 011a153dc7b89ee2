/** @module PostgreSQL twin of schema/devices.ts. Case-insensitive hostname order and lookups use lower(hostname). */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { epochMs, updatedAt } from './columns.helpers.js';

export const rmmDevices = pgTable(
  'rmm_devices',
  {
    partnerId: text('partner_id').notNull(),
    integrationId: text('integration_id').notNull(),
    deviceId: text('device_id').notNull(),
    siteId: text('site_id').notNull(),
    organizationId: text('organization_id'),
    hostname: text('hostname').notNull(),
    os: text('os'),
    lastSeen: text('last_seen'),
    online: boolean('online').notNull().default(false),
    entraDeviceId: text('entra_device_id'),
    removedAt: text('removed_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.deviceId] }),
    index('rmm_devices_org_idx').on(t.partnerId, t.organizationId, sql`lower(${t.hostname})`),
    index('rmm_devices_entra_idx').on(t.partnerId, t.entraDeviceId),
    index('rmm_devices_hostname_nocase_idx').on(t.partnerId, sql`lower(${t.hostname})`),
  ],
);

export const rmmActivity = pgTable(
  'rmm_activity',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnerId: text('partner_id').notNull(),
    integrationId: text('integration_id').notNull(),
    organizationId: text('organization_id').notNull(),
    vendorActivityId: text('vendor_activity_id').notNull(),
    at: text('at').notNull(),
    user: text('user'),
    action: text('action').notNull(),
    details: text('details'),
  },
  (t) => [uniqueIndex('rmm_activity_vendor_uq').on(t.integrationId, t.vendorActivityId), index('rmm_activity_org_idx').on(t.partnerId, t.organizationId, t.at)],
);

export const rmmSyncState = pgTable('rmm_sync_state', {
  integrationId: text('integration_id').primaryKey(),
  lastStartedAt: text('last_started_at'),
  lastFinishedAt: text('last_finished_at'),
  lastSuccessAt: text('last_success_at'),
  deviceCount: integer('device_count').notNull().default(0),
  activityCount: integer('activity_count').notNull().default(0),
  activityCursor: text('activity_cursor'),
  lastError: text('last_error'),
  nextSyncAt: epochMs('next_sync_at').notNull().default(0),
  runningUntil: epochMs('running_until').notNull().default(0),
});
