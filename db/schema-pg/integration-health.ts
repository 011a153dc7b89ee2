/** @module PostgreSQL twin of schema/integration-health.ts (the circuit breaker's shared state). */
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { AVAILABILITY_STATES } from '../schema/integration-health.js';
import { epochMs, updatedAt } from './columns.helpers.js';

export const integrationHealth = pgTable('integration_health', {
  integrationId: text('integration_id').primaryKey(),
  partnerId: text('partner_id').notNull(),
  state: text('state', { enum: AVAILABILITY_STATES }).notNull().default('available'),
  failures: integer('failures').notNull().default(0),
  failingSince: epochMs('failing_since').notNull().default(0),
  unavailableSince: epochMs('unavailable_since').notNull().default(0),
  lastStatus: integer('last_status'),
  lastError: text('last_error'),
  probes: integer('probes').notNull().default(0),
  nextProbeAt: epochMs('next_probe_at').notNull().default(0),
  probeUntil: epochMs('probe_until').notNull().default(0),
  recoveredAt: epochMs('recovered_at').notNull().default(0),
  updatedAt: updatedAt(),
});
