/**
 * @module PostgreSQL twin of schema/routing.ts. Arrival order (`seq`) is a bigserial here: the
 * sequence hands out increasing numbers to concurrent inserts from every instance.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { DELIVERY_STATES } from '../schema/routing.js';
import { createdAt, epochMs, updatedAt } from './columns.helpers.js';

export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    partnerId: text('partner_id').notNull(),
    alertId: text('alert_id').notNull(),
    integrationId: text('integration_id'),
    organizationId: text('organization_id').notNull(),
    alert: jsonb('alert').$type<unknown>().notNull(),
    state: text('state', { enum: DELIVERY_STATES }).notNull().default('queued'),
    outcome: text('outcome', { enum: ['ticket_created', 'note_added'] }),
    reason: text('reason'),
    decision: jsonb('decision').$type<unknown>(),
    groupKey: text('group_key'),
    vendorTicketId: text('vendor_ticket_id'),
    vendorNoteId: text('vendor_note_id'),
    marker: text('marker'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: epochMs('next_attempt_at').notNull().default(0),
    claimedUntil: epochMs('claimed_until').notNull().default(0),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.alertId] }),
    // The routing worker's passes read only what they take (test/db/routing-query-plans.test.ts pins the plans):
    // resolving walks the unresolved alerts in arrival order,
    index('alert_deliveries_unresolved_idx').on(t.state, t.groupKey, t.seq),
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

export const ticketGroups = pgTable(
  'ticket_groups',
  {
    integrationId: text('integration_id').notNull(),
    groupKey: text('group_key').notNull(),
    psaAccountId: text('psa_account_id').notNull(),
    vendorTicketId: text('vendor_ticket_id'),
    ticketNumber: text('ticket_number'),
    isOpen: boolean('is_open').notNull().default(true),
    checkedAt: epochMs('checked_at').notNull().default(0),
    pendingMarker: text('pending_marker'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.groupKey] })],
);

export const billableSyncs = pgTable(
  'billable_syncs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    integrationId: text('integration_id').notNull(),
    organizationId: text('organization_id').notNull(),
    contractId: text('contract_id').notNull(),
    serviceId: text('service_id').notNull(),
    units: integer('units').notNull(),
    unitCost: doublePrecision('unit_cost'),
    unitPrice: doublePrecision('unit_price'),
    period: text('period').notNull(),
    status: text('status', { enum: ['sent', 'failed'] }).notNull(),
    error: text('error'),
    at: createdAt(),
  },
  (t) => [index('billable_syncs_integration_idx').on(t.integrationId, t.id)],
);

/**
 * Shared vendor rate budgets (PostgreSQL only): one token bucket per vendor account, so every
 * instance draws from the same budget and N instances together stay inside the vendor's limit.
 */
export const vendorBudgets = pgTable('vendor_budgets', {
  key: text('key').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  /** Epoch ms of the last refill. */
  refilledAt: epochMs('refilled_at').notNull(),
});
