/**
 * @module What RMM syncs store: devices under their organization (for investigations and the
 * Entra-id correlation), user activity under the user-activity organization, and sync state.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { updatedAt } from './columns.helpers.js';

export const rmmDevices = sqliteTable(
  'rmm_devices',
  {
    partnerId: text('partner_id').notNull(),
    integrationId: text('integration_id').notNull(),
    deviceId: text('device_id').notNull(),
    siteId: text('site_id').notNull(),
    /** Null once its site is unmapped: the device leaves the organization's view. */
    organizationId: text('organization_id'),
    hostname: text('hostname').notNull(),
    os: text('os'),
    lastSeen: text('last_seen'),
    online: integer('online', { mode: 'boolean' }).notNull().default(false),
    entraDeviceId: text('entra_device_id'),
    /** Set when the vendor no longer lists the device; kept for history. */
    removedAt: text('removed_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.deviceId] }),
    // In the device list's order (hostname, case-insensitive), so a page reads in index order.
    index('rmm_devices_org_idx').on(t.partnerId, t.organizationId, sql`${t.hostname} collate nocase`),
    index('rmm_devices_entra_idx').on(t.partnerId, t.entraDeviceId),
    // Hostname lookups are case-insensitive; without this a miss scans every similar name.
    index('rmm_devices_hostname_nocase_idx').on(t.partnerId, sql`${t.hostname} collate nocase`),
  ],
);

export const rmmActivity = sqliteTable(
  'rmm_activity',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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

export const rmmSyncState = sqliteTable('rmm_sync_state', {
  integrationId: text('integration_id').primaryKey(),
  lastStartedAt: text('last_started_at'),
  lastFinishedAt: text('last_finished_at'),
  lastSuccessAt: text('last_success_at'),
  deviceCount: integer('device_count').notNull().default(0),
  activityCount: integer('activity_count').notNull().default(0),
  activityCursor: text('activity_cursor'),
  lastError: text('last_error'),
  /** Epoch ms; the scheduler runs a sync when due. */
  nextSyncAt: integer('next_sync_at').notNull().default(0),
  /** Epoch ms; a running sync's claim (a crashed one lapses). */
  runningUntil: integer('running_until').notNull().default(0),
});
