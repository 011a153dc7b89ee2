/**
 * @module PostgreSQL twin of schema/two-way.ts. Two-way status: the vendor push registered per integration, the PSA's last known state of
 * each ticket the product created, the platform's endpoint per partner, and the durable outbox of
 * events to the platform with its delivery log, plus the platform's alert resolutions.
 */
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core';
import { PLATFORM_EVENT_STATES, PUSH_REMOVAL_STATES } from '../schema/two-way.js';
import { createdAt, epochMs, updatedAt } from './columns.helpers.js';

export const psaTicketPushes = pgTable('psa_ticket_pushes', {
  integrationId: text('integration_id').primaryKey(),
  partnerId: text('partner_id').notNull(),
  vendor: text('vendor').notNull(),
  /** The vendor's id of the webhook/callback. */
  hookId: text('hook_id').notNull(),
  /** ConnectWise: the integration's own site, the only place a signing key may be fetched from. */
  keyOrigin: text('key_origin'),
  /** The shared secret the vendor signs with, sealed like vendor credentials. */
  secretSealed: text('secret_sealed').notNull(),
  secretKeyId: text('secret_key_id').notNull(),
  /** False once the vendor deactivated it (polling then carries every change). */
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Who may register an integration's push right now: an instance claims the row before calling the
 * vendor, so instances sharing the database register one hook, not one each. A dead instance's
 * lease lapses at `leasedUntil`; after a failed registration it holds the retry time for every instance.
 */
export const psaPushLeases = pgTable('psa_push_leases', {
  integrationId: text('integration_id').primaryKey(),
  /** A random id per claim: only its holder extends or gives it back. */
  holder: text('holder').notNull(),
  /** Epoch ms: no other instance registers this integration's push before then. */
  leasedUntil: epochMs('leased_until').notNull(),
  /**
   * The last failed registration, so an admin sees why status changes are not pushed: the failure's
   * class (a VendorErrorCode, or 'internal') and the vendor's HTTP status (0: no answer). Never the
   * vendor's words: they may echo a request, and the advice shown comes from the class alone.
   * Cleared when a push is saved.
   */
  failureCode: text('failure_code'),
  failureStatus: integer('failure_status'),
  /** Failed registrations in a row, and when the first and the last of them happened (epoch ms; 0: none). */
  failures: integer('failures').notNull().default(0),
  failingSince: epochMs('failing_since').notNull().default(0),
  lastFailureAt: epochMs('last_failure_at').notNull().default(0),
  /** Epoch ms: when the failed registration is tried again (the lease end it set; "Try again now" moves both). */
  nextTryAt: epochMs('next_try_at').notNull().default(0),
});

/** PostgreSQL twin of schema/two-way.ts psaPushRemovals: a deleted integration's hook removal, as durable work. */
export const psaPushRemovals = pgTable(
  'psa_push_removals',
  {
    integrationId: text('integration_id').primaryKey(),
    partnerId: text('partner_id').notNull(),
    vendor: text('vendor').notNull(),
    hookId: text('hook_id').notNull(),
    credentialsSealed: text('credentials_sealed'),
    credentialsKeyId: text('credentials_key_id'),
    state: text('state', { enum: PUSH_REMOVAL_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at').notNull(),
    giveUpAt: epochMs('give_up_at').notNull(),
    holder: text('holder'),
    leasedUntil: epochMs('leased_until').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('psa_push_removals_due_idx').on(t.state, t.nextAttemptAt)],
);

export const psaTicketStates = pgTable(
  'psa_ticket_states',
  {
    integrationId: text('integration_id').notNull(),
    vendorTicketId: text('vendor_ticket_id').notNull(),
    partnerId: text('partner_id').notNull(),
    isOpen: boolean('is_open').notNull(),
    statusId: text('status_id'),
    statusName: text('status_name'),
    changedBy: text('changed_by'),
    changedAt: text('changed_at'),
    /** Epoch ms of the last time the PSA was asked (polling keeps to its budget with it). */
    checkedAt: epochMs('checked_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.vendorTicketId] }), index('psa_ticket_states_checked_idx').on(t.isOpen, t.checkedAt)],
);

export const platformEndpoints = pgTable('platform_endpoints', {
  partnerId: text('partner_id').primaryKey(),
  url: text('url').notNull(),
  secretSealed: text('secret_sealed').notNull(),
  secretKeyId: text('secret_key_id').notNull(),
  updatedAt: updatedAt(),
});

export const platformEvents = pgTable(
  'platform_events',
  {
    /** The Standard Webhooks `webhook-id`: the receiver's idempotency key. */
    id: text('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    partnerId: text('partner_id').notNull(),
    /** Events of one ticket (or one integration) are delivered in order: a later one waits for an earlier. */
    orderKey: text('order_key').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    state: text('state', { enum: PLATFORM_EVENT_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: epochMs('next_attempt_at').notNull().default(0),
    claimedUntil: epochMs('claimed_until').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [index('platform_events_due_idx').on(t.state, t.nextAttemptAt), index('platform_events_order_idx').on(t.orderKey, t.seq)],
);

/** One row per delivery attempt: the delivery log an operator reads. */
export const platformEventAttempts = pgTable(
  'platform_event_attempts',
  {
    id: serial('id').primaryKey(),
    eventId: text('event_id').notNull(),
    partnerId: text('partner_id').notNull(),
    status: integer('status'),
    error: text('error'),
    at: createdAt(),
  },
  (t) => [index('platform_event_attempts_event_idx').on(t.eventId)],
);

export const alertResolutions = pgTable(
  'alert_resolutions',
  {
    partnerId: text('partner_id').notNull(),
    alertId: text('alert_id').notNull(),
    resolution: text('resolution').notNull(),
    /** The vendor note written for it (null until sent). */
    noteId: text('note_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.alertId] })],
);
