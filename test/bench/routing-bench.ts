/**
 * @module Routing benchmarks. Intake: `POST /api/routing/alerts` at 50 connections (unique ids),
 * with the routing worker running, beside a bare Hono JSON route in the same server and run
 * (goal: ratio ≥ 0.25, p99 ≤ 25 ms). Storm: 10,000 alerts from 100 users over 3 alert types into
 * the Autotask (and ConnectWise PSA, and HaloPSA with fewer users) sandbox over real HTTP: tickets, notes, vendor calls per alert, whether any vendor
 * budget was exceeded (goal: none), and the time to drain. `--serve` runs the intake server (a child).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { openSqlite } from '../../db/database.js';
import { createApp } from '../../bff/app.js';
import { CredentialVault } from '../../bff/credential-vault.js';
import { createLogger } from '../../bff/logger.js';
import { signToken } from '../../bff/middleware/auth.js';
import { seedDemoPartner } from '../../bff/demo/demo-seed.js';
import { DEMO_PARTNER_ID } from '../../bff/demo/demo-organizations.js';
import { VendorGateway } from '../../bff/services/vendor-gateway.js';
import { RoutingWorker } from '../../bff/services/routing/routing-worker.js';
import { DEFAULT_ROUTING_CONFIG } from '../../bff/services/routing/routing-config.js';
import { createAdapterContext, REAL_ENDPOINTS, VENDOR_BUDGETS } from '../../bff/vendors/adapter-context.js';
import { VENDOR_LABELS, type PsaVendor } from '../../bff/contracts/vendor-catalog.js';
import { seededRandom } from '../../bff/sandboxes/common/sandbox-kit.js';
import { startSandboxServer } from '../helpers/sandbox-server.js';
import { control } from '../helpers/serve.js';
import { alert, createRoutingTestApp, noteWrites, setupPsa, ticketWrites } from '../bff/routing/routing-harness.js';
import { load, type LoadResult } from './http-load.js';
import { alternate, benchRounds, ratios, spread, verdict } from './rounds.js';

const GOAL = { ratio: 0.25, p99Ms: 25 };

// ---- intake ---------------------------------------------------------------------------------------

/** Child mode: the real BFF with its routing worker (temp SQLite file) plus a bare route, one port. */
async function serveIntake(): Promise<void> {
  const secret = randomBytes(32).toString('base64url');
  const database = openSqlite(join(mkdtempSync(join(tmpdir(), 'ih-routing-bench-')), 'bench.db'));
  const repos = database.repos;
  await seedDemoPartner(repos);
  const vault = new CredentialVault('k1', randomBytes(32));
  const vendors = new VendorGateway(createAdapterContext(REAL_ENDPOINTS), repos, vault, 60_000);
  const deps = { database, repos, vault, vendors, logger: createLogger('silent'), auth: { secret }, version: 'bench' };
  // The worker runs as in production; the partner has no PSA yet, so each alert is resolved (skipped) without vendor calls.
  if (!process.env.ROUTING_BENCH_NO_WORKER) new RoutingWorker(deps).start(); // set it to measure intake alone
  const root = new Hono();
  root.get('/bare', (c) => c.json({ ok: true }));
  // The same JSON body through bare Hono: a baseline whose load-generator cost matches intake's.
  root.post('/bare-post', async (c) => c.json(await c.req.json(), 202));
  root.route('/', createApp(deps));
  serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 0 }, async (info: AddressInfo) => {
    const router = await signToken(secret, { sub: 'bench', partner: DEMO_PARTNER_ID, role: 'router' });
    process.stdout.write(`${JSON.stringify({ origin: `http://127.0.0.1:${info.port}`, router })}\n`);
  });
}

async function startIntakeServer(worker: IntakeWorker): Promise<{ origin: string; router: string; stop: () => void }> {
  const env = { ...process.env, ...(worker === 'separate' ? { ROUTING_BENCH_NO_WORKER: '1' } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`routing bench server exited with ${code}`)));
  });
  return { ...JSON.parse(line), stop: () => child.kill('SIGTERM') };
}

async function postLoad(url: string, seconds: number, router: string, route = 'POST /api/routing/alerts'): Promise<LoadResult> {
  const body = JSON.stringify({
    id: '[<id>]', organizationId: 'org-acme', severity: 'high', alertType: 'at-too-many-downloads', title: 'Too Many Downloads',
    description: 'The user downloaded 1,204 files in 10 minutes.', user: { email: 'user@domain.com', name: 'Pat User' }, occurredAt: '2025-05-01T10:00:00Z',
  });
  const result = await autocannon({
    url, connections: 50, duration: seconds, method: 'POST', body, idReplacement: true,
    headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' },
  } as Parameters<typeof autocannon>[0]);
  return { route, reqPerSec: Math.round(result.requests.average), p99Ms: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/** `inline`: the worker shares the intake process (ROUTING_WORKER=inline); `separate`: intake alone, as with ROUTING_WORKER=separate and `npm run worker` elsewhere. */
type IntakeWorker = 'inline' | 'separate';

export async function routingIntakeBenchmark(seconds: number, worker: IntakeWorker = 'inline', rounds = benchRounds()): Promise<void> {
  const server = await startIntakeServer(worker);
  try {
    const mode = worker === 'inline' ? 'worker in the same process' : 'no worker in this process (ROUTING_WORKER=separate)';
    console.log(`\nRouting intake on SQLite (50 connections, ${seconds} s per run, ${mode}, ${rounds} rounds alternating bare GET, bare POST and intake, load generator on the same machine)`);
    await load(`${server.origin}/bare`, { seconds: 1 }); // warm-up
    await postLoad(`${server.origin}/api/routing/alerts`, 1, server.router); // warm-up
    const runs = await alternate(rounds, {
      bare: () => load(`${server.origin}/bare`, { seconds }),
      barePost: () => postLoad(`${server.origin}/bare-post`, seconds, server.router, 'POST /bare-post (same body)'),
      intake: () => postLoad(`${server.origin}/api/routing/alerts`, seconds, server.router),
    });
    const rate = (r: LoadResult[]) => r.map((x) => x.reqPerSec);
    const ofBare = ratios(rate(runs.intake), rate(runs.bare));
    const show = (r: LoadResult[], extra = '') => {
      const bad = r.reduce((n, x) => n + x.errors + x.non2xx, 0);
      console.log(`  ${r[0]!.route.padEnd(30)} ${spread(rate(r), 0).padStart(20)} req/s  p99 ${spread(r.map((x) => x.p99Ms), 0)} ms${extra}${bad ? `  (errors/non-2xx ${bad})` : ''}`);
    };
    show(runs.bare);
    show(runs.barePost, `  ratio to bare GET ${spread(ratios(rate(runs.barePost), rate(runs.bare)))}`);
    show(runs.intake, `  ratio to bare GET ${spread(ofBare)}, to bare POST ${spread(ratios(rate(runs.intake), rate(runs.barePost)))}`);
    console.log(`  ratio to bare GET ${verdict(ofBare, { atLeast: GOAL.ratio })}; p99 ${verdict(runs.intake.map((x) => x.p99Ms), { atMost: GOAL.p99Ms }, ' ms')}`);
  } finally {
    server.stop();
  }
}

// ---- storm ----------------------------------------------------------------------------------------

export async function routingStormBenchmark(options: { alerts?: number; users?: number; vendor?: PsaVendor } = {}): Promise<void> {
  const vendor = options.vendor ?? 'autotask';
  const total = options.alerts ?? 10_000;
  const userCount = options.users ?? 100;
  const types = ['at-too-many-downloads', 'at-too-many-uploads', 'at-mfa-failures'];
  const sandbox = await startSandboxServer();
  const callTimes: number[] = [];
  const stats = { calls: 0, status429: 0, inFlight: 0, maxInFlight: 0, perEndpoint: new Map<string, number>(), maxPerEndpoint: 0 };
  let counting = false;
  const countingFetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const endpoint = url.pathname.split('/').slice(5, 6)[0]?.toLowerCase() ?? '';
    if (counting) {
      stats.calls++;
      callTimes.push(performance.now());
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      stats.perEndpoint.set(endpoint, (stats.perEndpoint.get(endpoint) ?? 0) + 1);
      stats.maxPerEndpoint = Math.max(stats.maxPerEndpoint, stats.perEndpoint.get(endpoint)!);
    }
    const wasCounting = counting;
    try {
      const res = await fetch(input, init);
      if (wasCounting && res.status === 429) stats.status429++;
      return res;
    } finally {
      if (wasCounting) {
        stats.inFlight--;
        stats.perEndpoint.set(endpoint, stats.perEndpoint.get(endpoint)! - 1);
      }
    }
  };
  const t = await createRoutingTestApp(sandbox.origin, {
    config: DEFAULT_ROUTING_CONFIG,
    adapterContext: { timeoutMs: 15_000, maxRetryWaitMs: 30_000, backoffBaseMs: 250, fetchImpl: countingFetch },
  });
  try {
    await control(sandbox.origin, vendor, 'reset');
    await setupPsa(t, vendor, {
      subjectTemplate: '{user} – {alert}',
      mappings: { 'org-acme': { account: 'Acme Dental Group' }, 'org-cedar': { account: 'Cedar Ridge Law' }, 'org-harbor': { account: 'Harbor View Hotels' } },
    });
    const orgs = ['org-acme', 'org-cedar', 'org-harbor', 'org-ironwood'];
    const random = seededRandom(7);
    const alerts = Array.from({ length: total }, (_, i) => {
      const u = Math.floor(random() * userCount);
      return alert({ id: `storm-${i}`, organizationId: orgs[u % orgs.length]!, user: { email: `user${u}@storm.example`, name: null }, alertType: types[Math.floor(random() * types.length)]! });
    });
    const writesBefore = (await control(sandbox.origin, vendor, 'writes')).writes.length;
    counting = true;
    const started = performance.now();
    const queue = [...alerts];
    await Promise.all(Array.from({ length: 50 }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        const res = await t.call('POST', '/api/routing/alerts', { token: t.router, body: a });
        if (res.status !== 202) throw new Error(`intake answered ${res.status}`);
      }
    }));
    const acceptedMs = performance.now() - started;
    let counts = await t.deps.repos.routing.counts(DEMO_PARTNER_ID, '');
    const integrationId = (await t.deps.repos.routing.psaIntegrationIdForPartner('partner-a'))!;
    for (;;) {
      counts = await t.deps.repos.routing.counts('partner-a', integrationId);
      if (counts.queued + counts.unresolved === 0) break;
      if (performance.now() - started > 1_200_000) throw new Error('storm did not drain within 20 minutes');
      await new Promise((r) => setTimeout(r, 50));
    }
    const drainMs = performance.now() - started;
    counting = false;
    const tickets = await ticketWrites(sandbox.origin, vendor);
    const notes = await noteWrites(sandbox.origin, vendor);
    const groups = new Set(alerts.map((a) => `${a.organizationId}|${a.user!.email}|${a.alertType}`)).size;
    const budget = VENDOR_BUDGETS[vendor];
    // The most calls in any one budget window (Autotask's is an hour, ConnectWise's a minute, Halo's a rolling 5 minutes).
    let maxInWindow = 0;
    for (let a = 0, b = 0; b < callTimes.length; b++) {
      while (callTimes[b]! - callTimes[a]! >= budget.windowMs) a++;
      maxInWindow = Math.max(maxInWindow, b - a + 1);
    }
    // Judged against the vendor's own limit (our budgets are it less 5 %): calls are timed here when they
    // leave, a few ms after the limiter granted them, so a window can show one more than our budget.
    const vendorLimit = Math.round(budget.limit / 0.95);
    const exceeded = stats.status429 > 0 || stats.maxPerEndpoint > budget.concurrency || maxInWindow > vendorLimit;
    console.log(`\nRouting storm: ${total.toLocaleString('en')} alerts, ${userCount} users × ${types.length} alert types (${groups} groups, "User + Alert"), ${VENDOR_LABELS[vendor]} sandbox over HTTP`);
    console.log(`  accepted in ${(acceptedMs / 1000).toFixed(1)} s (${Math.round(total / (acceptedMs / 1000))} alerts/s in-process); drained in ${(drainMs / 1000).toFixed(1)} s`);
    console.log(`  delivered ${counts.delivered}, failed ${counts.failed}, skipped ${counts.skipped}; sandbox writes ${(await control(sandbox.origin, vendor, 'writes')).writes.length - writesBefore}`);
    console.log(`  tickets ${tickets.length} (one per group: ${tickets.length === groups ? 'yes' : 'NO'}), notes ${notes.length} (${((counts.delivered - tickets.length) / Math.max(1, notes.length)).toFixed(1)} alerts per note)`);
    console.log(`  vendor calls ${stats.calls} = ${(stats.calls / total).toFixed(3)} per alert; max concurrent ${stats.maxInFlight} (per endpoint ${stats.maxPerEndpoint}, limit ${budget.concurrency}); 429s ${stats.status429}; at most ${maxInWindow} of ${budget.limit.toLocaleString('en')} in any ${budget.windowMs / 60_000}-minute window (vendor limit ${vendorLimit.toLocaleString('en')})`);
    console.log(`  budget exceeded: ${exceeded ? 'YES' : 'no'} (goal: no)`);
  } finally {
    await t.shutdown();
    await sandbox.close();
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  if (process.argv.includes('--serve')) {
    process.on('SIGTERM', () => process.exit(0)); // a normal exit, so --cpu-prof can write its profile
    await serveIntake();
  }
  else {
    await routingIntakeBenchmark(Number(process.env.BENCH_SECONDS ?? 5));
    await routingStormBenchmark();
    await routingStormBenchmark({ vendor: 'halopsa', users: Number(process.env.HALO_STORM_USERS ?? 20) });
  }
}
