/**
 * @module Two-way status: the vendor push registered per integration, the PSA's last known state of
 * each ticket the product created, the platform's endpoint per partner, and the durable outbox of
 * events to the platform with its delivery log, plus the platform's alert resolutions.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './columns.helpers.js';

export const PLATFORM_EVENT_STATES = ['pending', 'delivered', 'failed'] as const;

export const psaTicketPushes = sqliteTable('psa_ticket_pushes', {
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
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Who may register an integration's push right now: an instance claims the row before calling the
 * vendor, so instances sharing the database register one hook, not one each. A dead instance's
 * lease lapses at `leasedUntil`; after a failed registration it holds the retry time for every instance.
 */
export const psaPushLeases = sqliteTable('psa_push_leases', {
  integrationId: text('integration_id').primaryKey(),
  /** A random id per claim: only its holder extends or gives it back. */
  holder: text('holder').notNull(),
  /** Epoch ms: no other instance registers this integration's push before then. */
  leasedUntil: integer('leased_until').notNull(),
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
  failingSince: integer('failing_since').notNull().default(0),
  lastFailureAt: integer('last_failure_at').notNull().default(0),
  /** Epoch ms: when the failed registration is tried again (the lease end it set; "Try again now" moves both). */
  nextTryAt: integer('next_try_at').notNull().default(0),
});

/** What became of a deleted integration's hook removal (psa_push_removals). */
export const PUSH_REMOVAL_STATES = ['pending', 'removed', 'abandoned'] as const;

/**
 * The removal of a deleted integration's push at the vendor, as durable work: queued in the very
 * transaction that deletes the integration (which erases its credentials), so a vendor outage or a
 * crash only delays it. It keeps a copy of the credentials, still sealed with the credential vault,
 * only until the hook is gone or `giveUpAt` passes. One instance at a time works a row: `holder`
 * and `leasedUntil` are its lease, as in psa_push_leases.
 */
export const psaPushRemovals = sqliteTable(
  'psa_push_removals',
  {
    integrationId: text('integration_id').primaryKey(),
    partnerId: text('partner_id').notNull(),
    vendor: text('vendor').notNull(),
    /** The vendor's id of the webhook/callback to delete. */
    hookId: text('hook_id').notNull(),
    /** The deleted integration's credentials as they were sealed; null once the removal is over. */
    credentialsSealed: text('credentials_sealed'),
    credentialsKeyId: text('credentials_key_id'),
    state: text('state', { enum: PUSH_REMOVAL_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Epoch ms: not tried again before then (backoff). */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** Epoch ms: from then on the removal is abandoned (credentials erased), the hook left at the vendor. */
    giveUpAt: integer('give_up_at').notNull(),
    /** A random id per claim: only its holder records the attempt's outcome. */
    holder: text('holder'),
    /** Epoch ms: no other instance works the row before then (a dead instance's claim lapses). */
    leasedUntil: integer('leased_until').notNull().default(0),
    /** The vendor's classified failure of the last attempt (never a request: it carries credentials). */
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('psa_push_removals_due_idx').on(t.state, t.nextAttemptAt)],
);

export const psaTicketStates = sqliteTable(
  'psa_ticket_states',
  {
    integrationId: text('integration_id').notNull(),
    vendorTicketId: text('vendor_ticket_id').notNull(),
    partnerId: text('partner_id').notNull(),
    isOpen: integer('is_open', { mode: 'boolean' }).notNull(),
    statusId: text('status_id'),
    statusName: text('status_name'),
    changedBy: text('changed_by'),
    changedAt: text('changed_at'),
    /** Epoch ms of the last time the PSA was asked (polling keeps to its budget with it). */
    checkedAt: integer('checked_at').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.vendorTicketId] }), index('psa_ticket_states_checked_idx').on(t.isOpen, t.checkedAt)],
);

export const platformEndpoints = sqliteTable('platform_endpoints', {
  partnerId: text('partner_id').primaryKey(),
  url: text('url').notNull(),
  secretSealed: text('secret_sealed').notNull(),
  secretKeyId: text('secret_key_id').notNull(),
  updatedAt: updatedAt(),
});

export const platformEvents = sqliteTable(
  'platform_events',
  {
    /** The Standard Webhooks `webhook-id`: the receiver's idempotency key. */
    id: text('id').primaryKey(),
    seq: integer('seq').notNull(),
    partnerId: text('partner_id').notNull(),
    /** Events of one ticket (or one integration) are delivered in order: a later one waits for an earlier. */
    orderKey: text('order_key').notNull(),
    type: text('type').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    state: text('state', { enum: PLATFORM_EVENT_STATES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    claimedUntil: integer('claimed_until').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [
    index('platform_events_due_idx').on(t.state, t.nextAttemptAt),
    index('platform_events_order_idx').on(t.orderKey, t.seq),
    // Each new event is numbered max(seq) + 1 inside the write that owes it (a routing write-back):
    // without this index that is a scan of every event ever queued (the outbox is never emptied).
    index('platform_events_seq_idx').on(t.seq),
  ],
);

/** One row per delivery attempt: the delivery log an operator reads. */
export const platformEventAttempts = sqliteTable(
  'platform_event_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    partnerId: text('partner_id').notNull(),
    status: integer('status'),
    error: text('error'),
    at: createdAt(),
  },
  (t) => [index('platform_event_attempts_event_idx').on(t.eventId)],
);

export const alertResolutions = sqliteTable(
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
