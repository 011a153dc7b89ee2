/**
 * @module RMM figures: listing 10,000 Datto RMM devices and 10,000 Syncro assets through the adapters
 * against the sandboxes over real HTTP (vendor requests, time, whether each vendor's budget held),
 * one full Datto sync of 10,000 devices through the sync service, and the device lookups' throughput
 * beside bare Hono. Run with `--lookup-server`, this file is also the server the lookups load.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../bff/app.js';
import { CredentialVault } from '../../bff/credential-vault.js';
import { DEMO_ORGANIZATIONS, DEMO_PARTNER_ID } from '../../bff/demo/demo-organizations.js';
import { seedDemoPartner } from '../../bff/demo/demo-seed.js';
import { createLogger } from '../../bff/logger.js';
import { signToken } from '../../bff/middleware/auth.js';
import { createSandboxes, mountSandboxes } from '../../bff/sandboxes/index.js';
import { RmmSyncService } from '../../bff/services/rmm-sync/rmm-sync.service.js';
import { VendorGateway } from '../../bff/services/vendor-gateway.js';
import { createAdapterContext, REAL_ENDPOINTS, sandboxEndpoints, VENDOR_BUDGETS } from '../../bff/vendors/adapter-context.js';
import type { RmmVendor } from '../../bff/contracts/model.js';
import { createRmmAdapter } from '../../bff/vendors/registry.js';
import { openSqlite } from '../../db/database.js';
import { startServer } from '../helpers/serve.js';
import { load, type LoadResult } from './http-load.js';
import { alternate, benchRounds, ratios, spread } from './rounds.js';

const SCALE = 10_000;
const CODE = 'SANDBOXINTEGRATIONCODE00000';
const CREDENTIALS = {
  'datto-rmm': { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' },
  syncro: { subdomain: 'sandbox', apiToken: 'sandbox-token' },
} as const;
/** The fewest device pages 10,000 devices can come in: Datto 250 a page, Syncro 50. */
const MINIMUM_PAGES: Record<RmmVendor, number> = { 'datto-rmm': SCALE / 250, syncro: SCALE / 50 };

/** Most requests started in any window of the budget's length. */
function busiestWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

async function listingBenchmarks(origin: string): Promise<void> {
  console.log(`\nRMM vendor layer (${SCALE.toLocaleString('en')} devices per sandbox, real HTTP on loopback, the adapters' own limiters)`);
  for (const vendor of ['datto-rmm', 'syncro'] as const) {
    await fetch(`${origin}/sandbox/${vendor}/_control/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scale: SCALE }) });
    const requests: Array<{ at: number; path: string }> = [];
    let refused = 0;
    const fetchImpl: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (res.status === 429) refused++;
      return res;
    };
    const ctx = createAdapterContext(sandboxEndpoints(origin, CODE), { fetchImpl, onRequest: (_v, r) => requests.push({ at: performance.now(), path: new URL(r.url).pathname }) });
    const adapter = createRmmAdapter(ctx, vendor, CREDENTIALS[vendor] as never);
    const started = performance.now();
    let devices = 0;
    let cursor: string | null = null;
    do {
      const page = await adapter.listDevices({ siteId: null, cursor });
      devices += page.items.length;
      cursor = page.next;
    } while (cursor);
    const ms = performance.now() - started;
    const pages = requests.filter((r) => /devices|customer_assets/.test(r.path)).length;
    const budget = VENDOR_BUDGETS[vendor];
    const peak = busiestWindow(requests.map((r) => r.at), budget.windowMs);
    // The limiter's own count (its key as the adapters build it): the client-side clock above can
    // see one more at a window's edge, since a request is logged a moment after its slot was taken.
    const limiterKey = vendor === 'syncro' ? `syncro:${CREDENTIALS.syncro.subdomain}` : `datto-rmm:${origin}/sandbox/datto-rmm:${CREDENTIALS['datto-rmm'].apiKey}`;
    const limiterPeak = ctx.limiters.get(limiterKey, budget).stats.maxInWindow;
    if (limiterPeak === 0) throw new Error(`No limiter under ${limiterKey}: the adapter's key changed; update the benchmark.`);
    const held = limiterPeak <= budget.limit && refused === 0 ? 'held' : limiterPeak <= budget.limit ? 'held by our limiter, but the vendor refused some' : 'EXCEEDED';
    console.log(`  ${vendor.padEnd(9)} ${devices} devices in ${(ms / 1000).toFixed(1)} s, ${requests.length} vendor requests (${pages} device requests, goal: the minimum, ${MINIMUM_PAGES[vendor]} pages; ${requests.length - pages} other: the token)`);
    console.log(`  ${''.padEnd(9)} budget ${budget.limit} per ${budget.windowMs / 1000} s: busiest window ${limiterPeak} requests by the limiter (${peak} by the request log), 429 answers ${refused}: ${held}`);
  }
}

/** One whole sync of 10,000 Datto devices, every site mapped: vendor requests and time end to end. */
async function syncBenchmark(origin: string): Promise<void> {
  await fetch(`${origin}/sandbox/datto-rmm/_control/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scale: SCALE }) });
  const database = openSqlite(':memory:');
  const repos = database.repos;
  await seedDemoPartner(repos);
  const vault = new CredentialVault('k1', randomBytes(32));
  const sealed = vault.seal(CREDENTIALS['datto-rmm']);
  const row = await repos.integrations.create({ partnerId: DEMO_PARTNER_ID, kind: 'rmm', vendor: 'datto-rmm', credentialsSealed: sealed.sealed, credentialsKeyId: sealed.keyId, accountLabel: null, userActivityOrganizationId: 'org-internal' });
  await repos.integrations.update(DEMO_PARTNER_ID, row.id, { status: 'connected', settings: { siteTypes: ['managed', 'ondemand'], entraDeviceIdField: 'udf5', completedSections: ['mapping'] } });
  const requests: string[] = [];
  const ctx = createAdapterContext(sandboxEndpoints(origin, CODE), { onRequest: (_v, r) => requests.push(new URL(r.url).pathname) });
  const vendors = new VendorGateway(ctx, repos, vault, 300_000);
  const sites = await (await vendors.rmm(DEMO_PARTNER_ID, row.id)).adapter.listSites();
  const orgs = DEMO_ORGANIZATIONS.map((o) => o.id);
  await repos.mappings.replace(row.id, { rmmSites: sites.map((s, i) => ({ siteId: s.id, siteName: s.name, siteType: s.type, organizationId: orgs[i % orgs.length]!, ignoreAutoMap: false })) });
  const service = new RmmSyncService({ repos, vendors, logger: createLogger('silent') }, { intervalMs: 15 * 60_000 });
  const before = requests.length;
  const started = performance.now();
  const result = (await service.runIfFree(DEMO_PARTNER_ID, row.id))!;
  const ms = performance.now() - started;
  const firstCalls = requests.length - before;
  const again = performance.now();
  const second = (await service.runIfFree(DEMO_PARTNER_ID, row.id))!;
  const againMs = performance.now() - again;
  const secondCalls = requests.length - before - firstCalls;
  console.log(`  sync      Datto, every site mapped: ${result.devices.added} devices stored in ${(ms / 1000).toFixed(1)} s, ${firstCalls} vendor requests`
    + ` (${result.devices.pages} device pages, ${result.userActivity.pages} activity pages, ${firstCalls - result.devices.pages - result.userActivity.pages} other: site list, token); ${result.outcome}`);
  console.log(`  ${''.padEnd(9)} repeat sync, nothing changed: ${(againMs / 1000).toFixed(1)} s, ${secondCalls} vendor requests, ${second.devices.changed} rows rewritten`);
  await database.close();
}

async function startLookupServer(): Promise<{ origin: string; router: string; entra: string; hostname: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/rmm-bench.ts', '--lookup-server'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`lookup server exited with ${code}`)));
  });
  return { ...JSON.parse(line), stop: () => child.kill('SIGTERM') };
}

export async function lookupBenchmarks(seconds: number, rounds = benchRounds()): Promise<void> {
  const server = await startLookupServer();
  const auth = { Authorization: `Bearer ${server.router}` };
  // Stored names are upper case here, so a mixed-case query is found by its upper-cased seek.
  const mixed = [...server.hostname].map((ch, i) => (i % 2 ? ch.toLowerCase() : ch.toUpperCase())).join('');
  const lookup = (query: string) => () => load(`${server.origin}/api/devices/lookup?${query}`, { seconds, headers: auth });
  try {
    console.log(`\nDevice lookups (${SCALE.toLocaleString('en')} devices in one partner, 50 connections, ${seconds} s per run, ${rounds} rounds alternating bare Hono and each lookup; no goal in an issue: reference ratios)`);
    await load(`${server.origin}/bare`, { seconds: 1 });
    await lookup(`entraDeviceId=${server.entra}`)(); // warm-up of the BFF's code paths
    const runs = await alternate(rounds, {
      'bare Hono': () => load(`${server.origin}/bare`, { seconds }),
      'lookup by Entra device id': lookup(`entraDeviceId=${server.entra}`),
      'lookup by hostname (as stored)': lookup(`hostname=${server.hostname}`),
      'lookup by hostname (mixed case input)': lookup(`hostname=${mixed}`),
      'not found, other first letter (404)': lookup('hostname=NO-SUCH-HOST'),
      'not found, same first letter (404)': lookup('hostname=desktop-none'),
      'organization devices (50 a page)': () => load(`${server.origin}/api/organizations/org-acme/devices?limit=50`, { seconds, headers: auth }),
    });
    const rate = (r: LoadResult[]) => r.map((x) => x.reqPerSec);
    const bare = rate(runs['bare Hono']);
    for (const [label, r] of Object.entries(runs) as Array<[string, LoadResult[]]>) {
      const expect404 = label.includes('(404)');
      const bad = r.reduce((n, x) => n + x.errors + (expect404 ? 0 : x.non2xx), 0);
      const ratio = label === 'bare Hono' ? '' : `  ratio to bare ${spread(ratios(rate(r), bare))}`;
      console.log(`  ${label.padEnd(40)} ${spread(rate(r), 0).padStart(20)} req/s  p99 ${spread(r.map((x) => x.p99Ms), 0)} ms${ratio}${bad ? `  (errors/non-2xx ${bad})` : ''}`);
    }
  } finally {
    server.stop();
  }
}

export async function rmmBenchmarks(seconds = Number(process.env.BENCH_SECONDS ?? 5), rounds = benchRounds()): Promise<void> {
  const sandboxes = createSandboxes();
  const host = new Hono();
  mountSandboxes(host, sandboxes);
  const server = await startServer(host.fetch);
  try {
    await listingBenchmarks(server.origin);
    await syncBenchmark(server.origin);
  } finally {
    await server.close();
  }
  await lookupBenchmarks(seconds, rounds);
}

/** The lookup server: the real BFF on a temp SQLite file holding 10,000 synced devices. */
async function serveLookups(): Promise<void> {
  const secret = randomBytes(32).toString('base64url');
  const database = openSqlite(join(mkdtempSync(join(tmpdir(), 'ih-rmm-bench-')), 'bench.db'));
  const repos = database.repos;
  await seedDemoPartner(repos);
  const vault = new CredentialVault('k1', randomBytes(32));
  const sealed = vault.seal({ secret: 'x' });
  const integration = await repos.integrations.create({ partnerId: DEMO_PARTNER_ID, kind: 'rmm', vendor: 'datto-rmm', credentialsSealed: sealed.sealed, credentialsKeyId: sealed.keyId, accountLabel: null });
  await repos.integrations.update(DEMO_PARTNER_ID, integration.id, { status: 'connected' });
  const orgs = DEMO_ORGANIZATIONS.map((o) => o.id);
  await repos.mappings.replace(integration.id, { rmmSites: orgs.map((org, i) => ({ siteId: `site-${i}`, siteName: `Site ${i}`, siteType: 'managed' as const, organizationId: org, ignoreAutoMap: false })) });
  const claim = (await repos.devices.claim(integration.id, Date.now(), Date.now() + 60_000))!;
  const guid = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const devices = Array.from({ length: SCALE }, (_, n) => ({
    deviceId: `dev-${n}`, siteId: `site-${n % orgs.length}`, organizationId: orgs[n % orgs.length]!, hostname: `DESKTOP-${n.toString(36).toUpperCase().padStart(5, '0')}`,
    os: 'Microsoft Windows 11 Pro', lastSeen: new Date().toISOString(), online: n % 3 !== 0, entraDeviceId: n % 2 ? guid(n) : null,
  }));
  await repos.devices.writeDevicePage(claim, Date.now() + 60_000, DEMO_PARTNER_ID, devices, []);
  await repos.devices.finish(claim, { finishedAt: new Date().toISOString(), succeeded: true, lastError: null, nextSyncAt: Date.now() + 900_000 });
  const vendors = new VendorGateway(createAdapterContext(REAL_ENDPOINTS), repos, vault, 60_000);
  const app = createApp({ database, repos, vault, vendors, logger: createLogger('silent'), auth: { secret }, version: 'bench' });
  const root = new Hono();
  root.get('/bare', (c) => c.json({ ok: true }));
  root.route('/', app);
  const probe = devices[4_321]!;
  serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 0 }, async (info: AddressInfo) => {
    const router = await signToken(secret, { sub: 'bench', partner: DEMO_PARTNER_ID, role: 'router' });
    process.stdout.write(`${JSON.stringify({ origin: `http://127.0.0.1:${info.port}`, router, entra: guid(4_321), hostname: probe.hostname })}\n`);
  });
}

if (process.argv.includes('--lookup-server')) await serveLookups();
else if (process.argv.includes('--lookups-only')) await lookupBenchmarks(Number(process.env.BENCH_SECONDS ?? 5));
else if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await rmmBenchmarks();
