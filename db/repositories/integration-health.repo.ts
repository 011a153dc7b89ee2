/**
 * @module The circuit breaker's shared state per integration (table integration_health): transient
 * failures are counted here, by every instance, and the breaker opens in the same statement that
 * counts the failure that crosses the threshold. Closing it also releases the held alerts' backoff,
 * so they drain at once. A transition queues the platform event it owes (`integration.unavailable`,
 * `integration.recovered`) in its own transaction (owed-events.ts). Short transactions only; never
 * held open around a vendor call.
 */
import { and, eq, isNotNull, min, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { alertDeliveries, integrationHealth } from '../schema/index.js';
import { nowIso } from '../schema/columns.helpers.js';
import { sqliteOwedEvents, type OwedEvent } from './owed-events.js';

export type IntegrationHealthRow = typeof integrationHealth.$inferSelect;

/** A transient failure as the breaker records it: when, the HTTP status (0: no answer) and the vendor's words. */
export interface BreakerFailure {
  at: number;
  status: number | null;
  message: string;
}

/** Opens the breaker when this failure reaches `threshold`; the first probe goes out at `firstProbeAt`. */
export interface OpenRule {
  threshold: number;
  firstProbeAt: number;
}

/** Alerts of one integration still waiting for delivery. */
export interface Waiting {
  count: number;
  /** ISO time the oldest of them was accepted. */
  oldestAt: string | null;
}

/** The failure at `at` opened the breaker: the statement that counted it stamped `unavailableSince` with its instant. */
export function openedAt(row: IntegrationHealthRow, at: number): boolean {
  return row.state === 'unavailable' && Number(row.unavailableSince) === at && row.probes === 0;
}

/** The row of an integration's first recorded failure (both engines insert it; a conflict counts on instead). */
export function firstFailureRow(partnerId: string, integrationId: string, f: BreakerFailure, rule: OpenRule) {
  return {
    integrationId, partnerId, failures: 1, failingSince: f.at, lastStatus: f.status, lastError: f.message, updatedAt: nowIso(),
    ...(rule.threshold <= 1 ? { state: 'unavailable' as const, unavailableSince: f.at, nextProbeAt: rule.firstProbeAt } : {}),
  };
}

export function createIntegrationHealthRepo(db: Db) {
  const h = integrationHealth;
  const d = alertDeliveries;
  const getStmt = db.select().from(h).where(eq(h.integrationId, sql.placeholder('integrationId'))).prepare();
  const waitingStmt = db.select({ count: sql<number>`count(*)`, oldestAt: min(d.createdAt) }).from(d)
    .where(and(eq(d.integrationId, sql.placeholder('integrationId')), eq(d.state, 'queued'))).prepare();
  const lateStmt = db.select({ n: sql<number>`count(*)` }).from(d)
    .where(and(eq(d.integrationId, sql.placeholder('integrationId')), eq(d.state, 'delivered'),
      sql`${d.deliveredAt} >= ${sql.placeholder('from')}`, sql`${d.createdAt} < ${sql.placeholder('to')}`)).prepare();
  // Most successes find nothing to reset: the WHERE keeps them from writing.
  const closeStmt = db.update(h).set({
    state: 'available', failures: 0, failingSince: 0, probes: 0, nextProbeAt: 0, probeUntil: 0, updatedAt: sql`${sql.placeholder('iso')}`,
    recoveredAt: sql`case when ${h.state} = 'unavailable' then ${sql.placeholder('at')} else ${h.recoveredAt} end`,
  }).where(and(eq(h.integrationId, sql.placeholder('integrationId')), or(ne(h.failures, 0), ne(h.state, 'available')))).returning({ recoveredAt: h.recoveredAt }).prepare();
  const releaseHeld = db.update(d).set({ nextAttemptAt: 0 })
    .where(and(eq(d.integrationId, sql.placeholder('integrationId')), eq(d.state, 'queued'))).prepare();
  const queue = sqliteOwedEvents(db.$client);

  return {
    async get(integrationId: string): Promise<IntegrationHealthRow | undefined> {
      return getStmt.get({ integrationId });
    },
    /** Every integration the breaker has seen fail (metrics). */
    async list(): Promise<IntegrationHealthRow[]> {
      return db.select().from(h).all();
    },
    /**
     * Counts one transient failure; opens the breaker when it reaches the threshold, and then queues
     * `opened` (the event the opening owes) in the same transaction. Returns the new state.
     */
    async recordFailure(partnerId: string, integrationId: string, f: BreakerFailure, rule: OpenRule, opened?: OwedEvent): Promise<IntegrationHealthRow> {
      const opens = sql`${h.state} = 'available' and ${h.failures} + 1 >= ${rule.threshold}`;
      return db.transaction((tx) => {
        const row = tx.insert(h).values(firstFailureRow(partnerId, integrationId, f, rule)).onConflictDoUpdate({
          target: h.integrationId,
          set: {
            failures: sql`${h.failures} + 1`,
            failingSince: sql`case when ${h.failures} = 0 then ${f.at} else ${h.failingSince} end`,
            lastStatus: f.status, lastError: f.message, updatedAt: nowIso(),
            state: sql`case when ${opens} then 'unavailable' else ${h.state} end`,
            unavailableSince: sql`case when ${opens} then ${f.at} else ${h.unavailableSince} end`,
            nextProbeAt: sql`case when ${opens} then ${rule.firstProbeAt} else ${h.nextProbeAt} end`,
            probes: sql`case when ${opens} then 0 else ${h.probes} end`,
          },
        }).returning().get();
        if (opened && openedAt(row, f.at)) queue([opened]);
        return row;
      }, { behavior: 'immediate' });
    },
    /** A probe failed: the next one waits until `nextProbeAt`, and the probe lease is given back. */
    async recordProbeFailure(integrationId: string, f: BreakerFailure, nextProbeAt: number): Promise<void> {
      db.update(h).set({
        failures: sql`${h.failures} + 1`, probes: sql`${h.probes} + 1`, nextProbeAt, probeUntil: 0, lastStatus: f.status, lastError: f.message, updatedAt: nowIso(),
      }).where(eq(h.integrationId, integrationId)).run();
    },
    /** Keeps a running probe's lease (heartbeat), so no second probe starts beside it. */
    async extendProbe(integrationId: string, until: number): Promise<void> {
      db.update(h).set({ probeUntil: until }).where(and(eq(h.integrationId, integrationId), eq(h.state, 'unavailable'))).run();
    },
    /**
     * The PSA answered: the failure count resets, and an open breaker closes, its held alerts due at
     * once and `recovered` (the event the closing owes) queued. True when this call closed it.
     */
    async recordSuccess(integrationId: string, at: number, recovered?: OwedEvent): Promise<boolean> {
      return db.transaction(() => {
        const row = closeStmt.get({ integrationId, at, iso: nowIso() });
        const closed = row !== undefined && row.recoveredAt === at;
        if (closed) {
          releaseHeld.run({ integrationId });
          if (recovered) queue([recovered]);
        }
        return closed;
      }, { behavior: 'immediate' });
    },
    async waiting(integrationId: string): Promise<Waiting> {
      const row = waitingStmt.get({ integrationId });
      return { count: Number(row?.count ?? 0), oldestAt: row?.oldestAt ?? null };
    },
    /** Oldest waiting alert per integration (metrics). */
    async oldestWaiting(): Promise<Array<{ integrationId: string; oldestAt: string }>> {
      return db.select({ integrationId: sql<string>`${d.integrationId}`, oldestAt: sql<string>`min(${d.createdAt})` }).from(d)
        .where(and(eq(d.state, 'queued'), isNotNull(d.integrationId))).groupBy(d.integrationId).all();
    },
    /** Alerts accepted before `to` and delivered from `from` on: those an outage delayed. */
    async deliveredLate(integrationId: string, from: string, to: string): Promise<number> {
      return Number(lateStmt.get({ integrationId, from, to })?.n ?? 0);
    },
  };
}
export type IntegrationHealthRepo = ReturnType<typeof createIntegrationHealthRepo>;
