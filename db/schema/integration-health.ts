/**
 * @module Each PSA integration's availability as the routing worker sees it (the circuit breaker's
 * state, shared by every instance on the database): consecutive transient failures, when the PSA
 * stopped answering and what it said, and when the next single probe may go out.
 */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { updatedAt } from './columns.helpers.js';

export const AVAILABILITY_STATES = ['available', 'unavailable'] as const;

export const integrationHealth = sqliteTable('integration_health', {
  integrationId: text('integration_id').primaryKey(),
  partnerId: text('partner_id').notNull(),
  state: text('state', { enum: AVAILABILITY_STATES }).notNull().default('available'),
  /** Transient failures in a row (outage, time-out, 5xx, 429); a success resets it. */
  failures: integer('failures').notNull().default(0),
  /** Epoch ms of the first failure of the current run of failures (0 when the last call succeeded). */
  failingSince: integer('failing_since').notNull().default(0),
  /** Epoch ms the breaker opened (0 while available). */
  unavailableSince: integer('unavailable_since').notNull().default(0),
  /** The last failure's HTTP status (0: no answer) and the vendor's words. */
  lastStatus: integer('last_status'),
  lastError: text('last_error'),
  /** Probes that failed since the breaker opened: the next waits longer. */
  probes: integer('probes').notNull().default(0),
  /** Epoch ms: the next probe may go out then. */
  nextProbeAt: integer('next_probe_at').notNull().default(0),
  /** Epoch ms: a probe is out until then (one at a time across instances; a dead prober's lease lapses). */
  probeUntil: integer('probe_until').notNull().default(0),
  /** Epoch ms the breaker last closed (the held alerts started draining). */
  recoveredAt: integer('recovered_at').notNull().default(0),
  updatedAt: updatedAt(),
});
