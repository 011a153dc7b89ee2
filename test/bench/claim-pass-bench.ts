/**
 * @module Claim pass benchmark: what one routing worker pass costs (a resolve pass with nothing to
 * resolve, a claim pass taking 8 groups) while 50,000 alerts wait: 40,000 of an unavailable PSA
 * (its breaker open, as in a vendor outage inside the retry horizon) and 9,998 of an available
 * one in backoff (interleaved in arrival order), ahead of 10 claimable groups. A pass should cost what it takes, not the queue.
 * Runs on SQLite, and on PostgreSQL with TEST_DATABASE_ENGINE=postgres.
 * `node --import tsx test/bench/claim-pass-bench.ts` runs it alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { alertDeliveries as sqliteDeliveries, integrationHealth as sqliteHealth } from '../../db/schema/index.js';
import { alertDeliveries as pgDeliveries, integrationHealth as pgHealth } from '../../db/schema-pg/index.js';
import type { Database } from '../../db/database.js';
import { openTestDatabase, TEST_ENGINE } from '../helpers/test-database.js';

/** Waiting alerts: four in five belong to the unavailable PSA, the rest are backed off. */
const WAITING = 49_990;
const CLAIMABLE = 10;
const PASSES = 30;

type Row = typeof sqliteDeliveries.$inferInsert;

async function seed(database: Database, now: number): Promise<void> {
  const at = new Date(now - 60_000).toISOString();
  const row = (i: number, integrationId: string, groupKey: string, nextAttemptAt: number): Row => ({
    partnerId: integrationId === 'int-down' ? 'partner-down' : 'partner-up', alertId: `a-${i}`, integrationId, organizationId: 'org-1',
    alert: { id: `a-${i}`, title: `Alert ${i}` }, state: 'queued', groupKey, seq: i + 1, nextAttemptAt, createdAt: at, updatedAt: at,
  });
  const rows: Row[] = [];
  for (let i = 0; i < WAITING; i += 1) {
    rows.push(i % 5 !== 4 ? row(i, 'int-down', `down-${i % 400}`, 0) : row(i, 'int-up', `backoff-${i % 100}`, now + 3_600_000));
  }
  for (let i = 0; i < CLAIMABLE; i += 1) rows.push(row(WAITING + i, 'int-up', `fresh-${i}`, 0));
  const health = { integrationId: 'int-down', partnerId: 'partner-down', state: 'unavailable' as const, nextProbeAt: now + 3_600_000 };
  if (database.dialect === 'sqlite') {
    database.db.insert(sqliteHealth).values(health).run();
    for (let i = 0; i < rows.length; i += 500) database.db.insert(sqliteDeliveries).values(rows.slice(i, i + 500)).run();
  } else {
    await database.db.insert(pgHealth).values(health);
    for (let i = 0; i < rows.length; i += 500) await database.db.insert(pgDeliveries).values(rows.slice(i, i + 500));
    // As autovacuum would have by then (SQLite has no automatic ANALYZE, and the app runs none).
    await database.db.$client.query('analyze alert_deliveries');
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (values: number[]) => `${Math.min(...values).toFixed(2)} / ${median(values).toFixed(2)} / ${Math.max(...values).toFixed(2)} ms`;

export async function runClaimPassBench(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'claim-pass-'));
  const database = await openTestDatabase(dir);
  try {
    const now = Date.now();
    await seed(database, now);
    const routing = database.repos.routing;
    const claimMs: number[] = [];
    const claimCpuMs: number[] = [];
    const resolveMs: number[] = [];
    for (let pass = 0; pass < PASSES; pass += 1) {
      let started = performance.now();
      await routing.resolveBatch(200, () => { throw new Error('nothing is waiting to be resolved'); });
      resolveMs.push(performance.now() - started);
      started = performance.now();
      const cpu = process.cpuUsage();
      const claims = await routing.claimGroups(now, now + 30_000, 8);
      claimMs.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      claimCpuMs.push((used.user + used.system) / 1000);
      if (claims.length !== 8 || claims.some((c) => !c.groupKey.startsWith('fresh-'))) throw new Error(`claimed ${claims.map((c) => c.groupKey).join(', ')}`);
      for (const claim of claims) await routing.releaseClaim(claim);
    }
    console.log(`claim pass, ${TEST_ENGINE}, ${WAITING + CLAIMABLE} alerts waiting (load ${os.loadavg()[0]!.toFixed(2)}), ${PASSES} passes, min / median / max:`);
    console.log(`  resolve pass (nothing to resolve): ${fmt(resolveMs)}`);
    console.log(`  claim pass (8 groups of 1 alert):  ${fmt(claimMs)}`);
    // CPU of this process (on PostgreSQL the server's work is not in it).
    console.log(`  claim pass, this process's CPU:     ${fmt(claimCpuMs)}`);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await runClaimPassBench();
