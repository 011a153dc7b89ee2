/** @module PostgreSQL implementation of the circuit breaker's shared state (same interface as db/repositories/integration-health.repo.ts). */
import { and, eq, isNotNull, min, ne, or, sql } from 'drizzle-orm';
import type { PgDb } from '../pg-client.js';
import { alertDeliveries, integrationHealth } from '../schema-pg/index.js';
import { nowIso } from '../schema/columns.helpers.js';
import { firstFailureRow, openedAt, type IntegrationHealthRepo } from '../repositories/integration-health.repo.js';
import { queueOwedEvents } from './owed-events.js';

export function createPgIntegrationHealthRepo(db: PgDb): IntegrationHealthRepo {
  const h = integrationHealth;
  const d = alertDeliveries;
  return {
    async get(integrationId) {
      return (await db.select().from(h).where(eq(h.integrationId, integrationId)))[0];
    },
    async list() {
      return db.select().from(h);
    },
    async recordFailure(partnerId, integrationId, f, rule, opened) {
      const opens = sql`${h.state} = 'available' and ${h.failures} + 1 >= ${rule.threshold}`;
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(h).values(firstFailureRow(partnerId, integrationId, f, rule)).onConflictDoUpdate({
          target: h.integrationId,
          set: {
            failures: sql`${h.failures} + 1`,
            failingSince: sql`case when ${h.failures} = 0 then ${f.at}::bigint else ${h.failingSince} end`,
            lastStatus: f.status, lastError: f.message, updatedAt: nowIso(),
            state: sql`case when ${opens} then 'unavailable' else ${h.state} end`,
            unavailableSince: sql`case when ${opens} then ${f.at}::bigint else ${h.unavailableSince} end`,
            nextProbeAt: sql`case when ${opens} then ${rule.firstProbeAt}::bigint else ${h.nextProbeAt} end`,
            probes: sql`case when ${opens} then 0 else ${h.probes} end`,
          },
        }).returning();
        if (opened && openedAt(row!, f.at)) await queueOwedEvents(tx, [opened]);
        return row!;
      });
    },
    async recordProbeFailure(integrationId, f, nextProbeAt) {
      await db.update(h).set({
        failures: sql`${h.failures} + 1`, probes: sql`${h.probes} + 1`, nextProbeAt, probeUntil: 0, lastStatus: f.status, lastError: f.message, updatedAt: nowIso(),
      }).where(eq(h.integrationId, integrationId));
    },
    async extendProbe(integrationId, until) {
      await db.update(h).set({ probeUntil: until }).where(and(eq(h.integrationId, integrationId), eq(h.state, 'unavailable')));
    },
    async recordSuccess(integrationId, at, recovered) {
      return db.transaction(async (tx) => {
        const [row] = await tx.update(h).set({
          state: 'available', failures: 0, failingSince: 0, probes: 0, nextProbeAt: 0, probeUntil: 0, updatedAt: nowIso(),
          recoveredAt: sql`case when ${h.state} = 'unavailable' then ${at}::bigint else ${h.recoveredAt} end`,
        }).where(and(eq(h.integrationId, integrationId), or(ne(h.failures, 0), ne(h.state, 'available')))).returning({ recoveredAt: h.recoveredAt });
        const closed = row !== undefined && Number(row.recoveredAt) === at;
        if (closed) {
          await tx.update(d).set({ nextAttemptAt: 0 }).where(and(eq(d.integrationId, integrationId), eq(d.state, 'queued')));
          if (recovered) await queueOwedEvents(tx, [recovered]);
        }
        return closed;
      });
    },
    async waiting(integrationId) {
      const [row] = await db.select({ count: sql<number>`count(*)::int`, oldestAt: min(d.createdAt) }).from(d)
        .where(and(eq(d.integrationId, integrationId), eq(d.state, 'queued')));
      return { count: Number(row?.count ?? 0), oldestAt: row?.oldestAt ?? null };
    },
    async oldestWaiting() {
      return db.select({ integrationId: sql<string>`${d.integrationId}`, oldestAt: sql<string>`min(${d.createdAt})` }).from(d)
        .where(and(eq(d.state, 'queued'), isNotNull(d.integrationId))).groupBy(d.integrationId);
    },
    async deliveredLate(integrationId, from, to) {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(d)
        .where(and(eq(d.integrationId, integrationId), eq(d.state, 'delivered'), sql`${d.deliveredAt} >= ${from}`, sql`${d.createdAt} < ${to}`));
      return Number(row?.n ?? 0);
    },
  } satisfies IntegrationHealthRepo;
}
