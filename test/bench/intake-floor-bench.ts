/**
 * @module Issue 20's intake figures, each a ratio measured against its baselines in the same run,
 * rounds alternating baseline and product (min / median / max), because the machine is shared and
 * only ratios mean anything: intake (`createHost`, so the production middleware, with the routing
 * worker in the process as `npm start` runs it) against a bare Hono POST of the same body, against
 * the durable floor (bare Hono + one durable INSERT per request) and the group-commit floor (bare
 * Hono + the same INSERT through GroupCommit); then p99 at a steady 2,000 alerts/s offered
 * (autocannon's `overallRate`, a fixed-rate generator, not bursts), intake beside bare POST.
 * `--serve` runs the server (a child process, so the load generator does not share its thread).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { openSqlite } from '../../db/database.js';
import { GroupCommit } from '../../db/group-commit.js';
import { createHost } from '../../bff/host.js';
import { CredentialVault } from '../../bff/credential-vault.js';
import { createLogger } from '../../bff/logger.js';
import { signToken } from '../../bff/middleware/auth.js';
import { seedDemoPartner } from '../../bff/demo/demo-seed.js';
import { DEMO_PARTNER_ID } from '../../bff/demo/demo-organizations.js';
import { VendorGateway } from '../../bff/services/vendor-gateway.js';
import { RoutingWorker } from '../../bff/services/routing/routing-worker.js';
import { createWorkSignal } from '../../bff/services/routing/shared-work-signal.js';
import { createAdapterContext, REAL_ENDPOINTS } from '../../bff/vendors/adapter-context.js';

const GOAL = { ofGroupFloor: 0.9, steadyP99Ms: 25 };

async function serveIntake(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ih-intake-floor-'));
  const secret = randomBytes(32).toString('base64url');
  const database = openSqlite(join(dir, 'bench.db'));
  const repos = database.repos;
  await seedDemoPartner(repos);
  const vault = new CredentialVault('k1', randomBytes(32));
  const vendors = new VendorGateway(createAdapterContext(REAL_ENDPOINTS), repos, vault, 60_000);
  const routingSignal = createWorkSignal(database, createLogger('silent'));
  const deps = { database, repos, vault, vendors, routingSignal, logger: createLogger('silent'), auth: { secret }, version: 'bench' };
  new RoutingWorker(deps).start();
  // The floors write to their own file, same settings as the product's (WAL, synchronous NORMAL).
  const floorDb = new Database(join(dir, 'floor.db'));
  floorDb.pragma('journal_mode = WAL');
  floorDb.pragma('synchronous = NORMAL');
  floorDb.exec('create table alerts (partner_id text not null, alert_id text not null, body text not null, primary key (partner_id, alert_id))');
  const insert = floorDb.prepare('insert into alerts (partner_id, alert_id, body) values (?, ?, ?) on conflict do nothing');
  const grouped = new GroupCommit<{ id: string; body: string }, void>((rows) => floorDb.transaction(() => rows.map((r) => { insert.run('p', r.id, r.body); }))());
  const root = new Hono();
  root.post('/bare-post', async (c) => c.json(await c.req.json(), 202));
  root.post('/floor-insert', async (c) => {
    const alert = await c.req.json<{ id: string }>();
    insert.run('p', alert.id, JSON.stringify(alert));
    return c.json(alert, 202);
  });
  root.post('/floor-group', async (c) => {
    const alert = await c.req.json<{ id: string }>();
    await grouped.submit({ id: alert.id, body: JSON.stringify(alert) });
    return c.json(alert, 202);
  });
  root.route('/', createHost({ deps, allowedOrigins: new Set(['https://portal.example']) }));
  serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 0 }, async (info: AddressInfo) => {
    const router = await signToken(secret, { sub: 'bench', partner: DEMO_PARTNER_ID, role: 'router' });
    process.stdout.write(`${JSON.stringify({ origin: `http://127.0.0.1:${info.port}`, router })}\n`);
  });
}

async function startServer(): Promise<{ origin: string; router: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`intake floor server exited with ${code}`)));
  });
  return { ...JSON.parse(line), stop: () => child.kill('SIGTERM') };
}

let run = 0;
async function post(url: string, router: string, seconds: number, rate?: number) {
  run++;
  const body = JSON.stringify({
    id: `r${run}-[<id>]`, organizationId: 'org-acme', severity: 'high', alertType: 'at-too-many-downloads', title: 'Too Many Downloads',
    description: 'The user downloaded 1,204 files in 10 minutes.', user: { email: 'user@domain.com', name: 'Pat User' }, occurredAt: '2025-05-01T10:00:00Z',
  });
  const r = await autocannon({
    url, connections: 50, duration: seconds, method: 'POST', body, idReplacement: true, ...(rate ? { overallRate: rate } : {}),
    headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json', Origin: 'https://portal.example' },
  });
  return { reqPerSec: r.requests.average, p99: r.latency.p99, bad: r.errors + r.non2xx };
}

const spread = (values: number[], digits = 2) => {
  const s = [...values].sort((a, b) => a - b);
  return `${s[0]!.toFixed(digits)} / ${s[Math.floor(s.length / 2)]!.toFixed(digits)} / ${s[s.length - 1]!.toFixed(digits)}`;
};

export async function intakeFloorBenchmark(seconds: number, rounds: number): Promise<void> {
  const server = await startServer();
  try {
    const url = (p: string) => `${server.origin}${p}`;
    const intakeUrl = url('/api/routing/alerts');
    await post(url('/bare-post'), server.router, 1);
    await post(intakeUrl, server.router, 1);
    const ratios = { bare: [] as number[], floor: [] as number[], group: [] as number[], groupOfBare: [] as number[] };
    let bad = 0;
    for (let i = 0; i < rounds; i++) {
      const bare = await post(url('/bare-post'), server.router, seconds);
      const floor = await post(url('/floor-insert'), server.router, seconds);
      const group = await post(url('/floor-group'), server.router, seconds);
      const intake = await post(intakeUrl, server.router, seconds);
      bad += intake.bad;
      ratios.bare.push(intake.reqPerSec / bare.reqPerSec);
      ratios.floor.push(intake.reqPerSec / floor.reqPerSec);
      ratios.group.push(intake.reqPerSec / group.reqPerSec);
      ratios.groupOfBare.push(group.reqPerSec / bare.reqPerSec);
      console.log(`  round ${i + 1}: bare POST ${Math.round(bare.reqPerSec)}/s, durable floor ${Math.round(floor.reqPerSec)}/s, group-commit floor ${Math.round(group.reqPerSec)}/s, intake ${Math.round(intake.reqPerSec)}/s`);
    }
    console.log(`  intake ÷ bare POST          ${spread(ratios.bare)}  (min / median / max over ${rounds} rounds)`);
    console.log(`  intake ÷ durable floor      ${spread(ratios.floor)}`);
    console.log(`  group-commit floor ÷ bare   ${spread(ratios.groupOfBare)}`);
    const median = [...ratios.group].sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
    console.log(`  intake ÷ group-commit floor ${spread(ratios.group)}  goal ≥ ${GOAL.ofGroupFloor}: ${median >= GOAL.ofGroupFloor ? 'met' : 'MISSED'} (median)${bad ? `  (intake errors/non-2xx ${bad})` : ''}`);

    console.log(`\n  steady 2,000 alerts/s offered (autocannon overallRate, 50 connections, ${seconds} s), p99 in ms:`);
    const p99 = { bare: [] as number[], intake: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      p99.bare.push((await post(url('/bare-post'), server.router, seconds, 2000)).p99);
      p99.intake.push((await post(intakeUrl, server.router, seconds, 2000)).p99);
    }
    const medianP99 = [...p99.intake].sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
    console.log(`  bare POST p99 ${spread(p99.bare, 0)}; intake p99 ${spread(p99.intake, 0)}  goal ≤ ${GOAL.steadyP99Ms} ms: ${medianP99 <= GOAL.steadyP99Ms ? 'met' : 'MISSED'} (median)`);
  } finally {
    server.stop();
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  if (process.argv.includes('--serve')) {
    process.on('SIGTERM', () => process.exit(0));
    await serveIntake();
  } else {
    await intakeFloorBenchmark(Number(process.env.BENCH_SECONDS ?? 5), Number(process.env.BENCH_ROUNDS ?? 3));
  }
}
