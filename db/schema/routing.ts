/**
 * @module Alert routing's durable state: the outbox of accepted alerts (one row per platform alert
 * id, the idempotency key), the open ticket per group, and the billable-user syncs sent.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns.helpers.js';

export const DELIVERY_STATES = ['queued', 'delivered', 'skipped', 'failed'] as const;

export const alertDeliveries = sqliteTable(
  'alert_deliveries',
  {
    partnerId: text('partner_id').notNull(),
    /** The platform's alert id: posting it again returns this row, never a second ticket. */
    alertId: text('alert_id').notNull(),
    integrationId: text('integration_id'),
    organizationId: text('organization_id').notNull(),
    /** The alert as accepted (parsed by its zod schema on the way in). */
    alert: text('alert', { mode: 'json' }).$type<unknown>().notNull(),
    state: text('state', { enum: DELIVERY_STATES }).notNull().default('queued'),
    outcome: text('outcome', { enum: ['ticket_created', 'note_added'] }),
    /** Why it was skipped or failed, in words an admin can act on. */
    reason: text('reason'),
    /** The decision made for it (account, contact, subject, priority, issue types, contract). */
    decision: text('decision', { mode: 'json' }).$type<unknown>(),
    groupKey: text('group_key'),
    vendorTicketId: text('vendor_ticket_id'),
    vendorNoteId: text('vendor_note_id'),
    /** Marker written into the vendor record so a retry after a crash finds what was already sent. */
    marker: text('marker'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Epoch ms: when the worker may try (again). */
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    /** Epoch ms: a worker's claim expires then (a crashed worker's claim lapses). */
    claimedUntil: integer('claimed_until').notNull().default(0),
    /** Arrival order, for in-order handling within a group. */
    seq: integer('seq').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.alertId] }),
    // The routing worker's passes read only what they take (test/db/routing-query-plans.test.ts pins the plans):
    // resolving walks the unresolved alerts in arrival order (only they are in it: a storm's backlog at
    // most, not the history, so intake's INSERT writes to a small index whose pages stay in cache),
    index('alert_deliveries_unresolved_idx').on(t.seq).where(sql`state = 'queued' and group_key is null`),
    // claiming walks each integration's waiting alerts in arrival order (and lists the integrations with any),
    // and reads one group's waiting alerts oldest first (and steps from one group to the next).
    // These and the log's index hold only resolved alerts (an integration, a group): every query on them
    // names one, and intake's INSERT (neither yet) then writes none of them; resolving adds the entries.
    index('alert_deliveries_queue_idx').on(t.state, t.integrationId, t.seq).where(sql`integration_id is not null`),
    index('alert_deliveries_group_queue_idx').on(t.state, t.integrationId, t.groupKey, t.seq).where(sql`group_key is not null`),
    // Whether a group is held (a waiting alert claimed or backing off) without reading its whole backlog: only
    // waiting alerts ever claimed or retried are in here (a claim's few hundred, not a storm's thousands).
    index('alert_deliveries_held_idx').on(t.integrationId, t.groupKey).where(sql`state = 'queued' and (claimed_until > 0 or next_attempt_at > 0)`),
    // The delivery log: one integration's alerts, newest first, paged by (seq, alert id).
    index('alert_deliveries_log_idx').on(t.partnerId, t.integrationId, t.seq, t.alertId).where(sql`integration_id is not null`),
  ],
);

export const ticketGroups = sqliteTable(
  'ticket_groups',
  {
    integrationId: text('integration_id').notNull(),
    /** (PSA account, rendered subject); with the integration id it is DESIGN.md's group key. */
    groupKey: text('group_key').notNull(),
    psaAccountId: text('psa_account_id').notNull(),
    vendorTicketId: text('vendor_ticket_id'),
    ticketNumber: text('ticket_number'),
    isOpen: integer('is_open', { mode: 'boolean' }).notNull().default(true),
    /** Epoch ms of the last time the PSA was asked whether the ticket is still open. */
    checkedAt: integer('checked_at').notNull().default(0),
    /** Marker of a ticket create in flight: recorded before the vendor call, reconciled after a crash. */
    pendingMarker: text('pending_marker'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.groupKey] })],
);

export const billableSyncs = sqliteTable(
  'billable_syncs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    integrationId: text('integration_id').notNull(),
    organizationId: text('organization_id').notNull(),
    contractId: text('contract_id').notNull(),
    serviceId: text('service_id').notNull(),
    units: integer('units').notNull(),
    unitCost: real('unit_cost'),
    unitPrice: real('unit_price'),
    /** 'YYYY-MM' for the scheduled run, or 'manual'. */
    period: text('period').notNull(),
    status: text('status', { enum: ['sent', 'failed'] }).notNull(),
    error: text('error'),
    at: createdAt(),
  },
  (t) => [index('billable_syncs_integration_idx').on(t.integrationId, t.id)],
);
