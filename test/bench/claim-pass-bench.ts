/**
 * @module Claim pass benchmark (`BENCH_ONLY=claimPass`): what one routing worker pass costs (a
 * resolve pass with nothing to resolve, a claim pass taking 8 groups) while 49,990 alerts wait,
 * 4 in 5 for an unavailable PSA (its breaker open: a vendor outage inside the retry horizon) and
 * the rest of an available one backing off, interleaved in arrival order, ahead of 10 claimable
 * groups; against the same passes on an empty queue in the same run, alternating. A pass should
 * cost what it takes, not the queue. SQLite; PostgreSQL with TEST_DATABASE_ENGINE=postgres.
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

/** `waiting` alerts (four in five of the unavailable PSA, the rest backed off) ahead of the claimable ones. */
async function seed(database: Database, now: number, waiting: number): Promise<void> {
  const at = new Date(now - 60_000).toISOString();
  const row = (i: number, integrationId: string, groupKey: string, nextAttemptAt: number): Row => ({
    partnerId: integrationId === 'int-down' ? 'partner-down' : 'partner-up', alertId: `a-${i}`, integrationId, organizationId: 'org-1',
    alert: { id: `a-${i}`, title: `Alert ${i}` }, state: 'queued', groupKey, seq: i + 1, nextAttemptAt, createdAt: at, updatedAt: at,
  });
  const rows: Row[] = [];
  for (let i = 0; i < waiting; i += 1) {
    rows.push(i % 5 !== 4 ? row(i, 'int-down', `down-${i % 400}`, 0) : row(i, 'int-up', `backoff-${i % 100}`, now + 3_600_000));
  }
  for (let i = 0; i < CLAIMABLE; i += 1) rows.push(row(waiting + i, 'int-up', `fresh-${i}`, 0));
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

interface Timings { resolveMs: number[]; claimMs: number[]; claimCpuMs: number[] }

/** One resolve pass (nothing to resolve) and one claim pass of 8 groups, then the claims given back. */
async function pass(database: Database, now: number, into: Timings): Promise<void> {
  const routing = database.repos.routing;
  let started = performance.now();
  await routing.resolveBatch(200, () => { throw new Error('nothing is waiting to be resolved'); });
  into.resolveMs.push(performance.now() - started);
  started = performance.now();
  const cpu = process.cpuUsage();
  const claims = await routing.claimGroups(now, now + 30_000, 8);
  into.claimMs.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  into.claimCpuMs.push((used.user + used.system) / 1000);
  if (claims.length !== 8 || claims.some((c) => !c.groupKey.startsWith('fresh-'))) throw new Error(`claimed ${claims.map((c) => c.groupKey).join(', ')}`);
  for (const claim of claims) await routing.releaseClaim(claim);
}

/** The same passes on an empty queue (the baseline) and behind 50,000 waiting alerts, alternating. */
export async function claimPassBenchmark(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'claim-pass-'));
  const empty = await openTestDatabase(join(dir, 'empty'));
  const full = await openTestDatabase(join(dir, 'full'));
  try {
    const now = Date.now();
    await seed(empty, now, 0);
    await seed(full, now, WAITING);
    const base: Timings = { resolveMs: [], claimMs: [], claimCpuMs: [] };
    const loaded: Timings = { resolveMs: [], claimMs: [], claimCpuMs: [] };
    for (let i = 0; i < PASSES; i += 1) {
      const order: Array<[Database, Timings]> = i % 2 ? [[full, loaded], [empty, base]] : [[empty, base], [full, loaded]];
      for (const [database, into] of order) await pass(database, now, into);
    }
    console.log(`Claim pass, ${TEST_ENGINE}: an empty queue vs ${WAITING.toLocaleString('en')} alerts waiting (4/5 for an unavailable PSA, 1/5 backed off), ${PASSES} passes each, alternating, min / median / max (load ${os.loadavg()[0]!.toFixed(2)}):`);
    for (const [what, key] of [['resolve pass, nothing to resolve', 'resolveMs'], ['claim pass, 8 groups, wall', 'claimMs'], ["claim pass, this process's CPU", 'claimCpuMs']] as const) {
      console.log(`  ${what.padEnd(34)} empty ${fmt(base[key])}   waiting ${fmt(loaded[key])}   ×${(median(loaded[key]) / median(base[key])).toFixed(1)}`);
    }
    console.log(`  goal: a pass costs what it takes, not the queue (on PostgreSQL the server's CPU is not in this process's)`);
  } finally {
    await empty.close();
    await full.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await claimPassBenchmark();
