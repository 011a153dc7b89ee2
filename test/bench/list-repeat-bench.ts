/**
 * @module Issue 20's "cached repeat of a 10,000-account list, over HTTP as the wizard asks" (goal:
 * ≤ 20 ms for the whole list, 304 on an unchanged list). The product runs as `npm start` runs it
 * (`node scripts/start.mjs`, demo mode, its own sandboxes, a temp database); the sandbox holds
 * 10,000 accounts. The client asks exactly what `<psa-wizard>` asks (PsaWizardData.accounts:
 * `GET /api/integrations/{id}/psa/accounts?offset=…&limit=2500` in turn until `total`, the bearer
 * token, Chromium's Accept-Encoding) and, as Chromium's HTTP cache does with the BFF's
 * `Cache-Control: private, no-cache` + ETag, sends back each page's ETag as If-None-Match.
 * Baseline: a bare Hono process serving the very bytes the product answered with (the same
 * compressed bodies and Content-Encoding), from memory. Rounds alternate baseline and product;
 * min / median / max of the whole list's time and of the ratio; per page p50/p99; the 304 rate.
 * `node --import tsx test/bench/list-repeat-bench.ts` runs it alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { PSA_SANDBOX_KITS } from '../../bff/sandboxes/index.js';
import type { PsaVendor } from '../../bff/contracts/vendor-catalog.js';
import { benchRounds, median, ratios, spread, verdict } from './rounds.js';
import { freePort } from './free-port.js';

const GOAL_MS = 20;
const SCALE = 10_000;
/** PsaWizardData.accounts' page size. */
const PAGE_SIZE = 2_500;
/** What Chromium sends. */
const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
/** Whole-list repeats per round (each a few page requests). */
const REPEATS = 25;
const VENDORS: PsaVendor[] = ['autotask', 'connectwise'];

interface Answer { status: number; headers: Record<string, string>; body: Buffer; ms: number }

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One request on a kept-alive connection, as the browser's; the time is until the last body byte. */
function get(origin: string, path: string, headers: Record<string, string>): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - started,
        headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
      }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function call(origin: string, method: string, path: string, token: string | null, body?: unknown): Promise<unknown> {
  const res = await fetch(`${origin}${path}`, {
    method, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

async function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => { if (pattern.test(line)) resolve(line); });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
}

/** The product as `npm start` runs it, on a free port and a temp database; resolves once healthy. */
async function startProduct(): Promise<{ origin: string; child: ChildProcess }> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'ih-list-repeat-')), 'hub.db'), LOG_LEVEL: 'warn', DEMO_MODE: 'true' };
  const child = spawn(process.execPath, ['scripts/start.mjs'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const origin = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); Date.now() - started < 120_000;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { origin, child };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  throw new Error('npm start did not become healthy within 2 minutes');
}

/** The pages the wizard asks for, in order, until `total` (PsaWizardData.accounts → loadAllPages). */
const pagePaths = (id: string, total: number) => Array.from({ length: Math.ceil(total / PAGE_SIZE) }, (_, i) => `/api/integrations/${id}/psa/accounts?offset=${i * PAGE_SIZE}&limit=${PAGE_SIZE}`);

interface Stored { path: string; headers: Record<string, string>; body: string }

/** Child mode: bare Hono serving the stored answers (the product's bytes and content headers) from memory. */
async function serveBare(file: string): Promise<void> {
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  const stored = JSON.parse(readFileSync(file, 'utf8')) as Stored[];
  const byPath = new Map(stored.map((s) => [s.path, { headers: s.headers, body: new Uint8Array(Buffer.from(s.body, 'base64')) }]));
  const app = new Hono();
  app.get('*', (c) => {
    const hit = byPath.get(c.req.path + new URL(c.req.url).search);
    return hit ? c.body(hit.body, 200, hit.headers) : c.body(null, 404);
  });
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => process.stdout.write(`bare http://127.0.0.1:${info.port}\n`));
}

async function startBare(stored: Stored[]): Promise<{ origin: string; child: ChildProcess }> {
  const file = join(mkdtempSync(join(tmpdir(), 'ih-list-bare-')), 'pages.json');
  writeFileSync(file, JSON.stringify(stored));
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--bare', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await waitForLine(child, /^bare /);
  return { origin: line.slice('bare '.length), child };
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const at = (values: number[], q: number) => { const s = sorted(values); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };

/** One whole-list load; `etags` (path → ETag) makes it a revalidation as the browser's cache sends it. */
async function wholeList(origin: string, paths: string[], token: string, etags?: Map<string, string>) {
  const perPage: number[] = [];
  const statuses: number[] = [];
  let bytes = 0;
  const started = performance.now();
  for (const path of paths) {
    const etag = etags?.get(path);
    const a = await get(origin, path, { Authorization: `Bearer ${token}`, Accept: '*/*', 'Accept-Encoding': ACCEPT_ENCODING, ...(etag ? { 'If-None-Match': etag } : {}) });
    if (a.status !== 200 && a.status !== 304) throw new Error(`${path}: HTTP ${a.status}`);
    perPage.push(a.ms);
    statuses.push(a.status);
    bytes += a.body.length;
  }
  return { ms: performance.now() - started, perPage, statuses, bytes };
}

async function benchVendor(product: string, token: string, vendor: PsaVendor, rounds: number): Promise<void> {
  await call(product, 'POST', `/sandbox/${vendor}/_control/seed`, null, { scale: SCALE });
  const created = await call(product, 'POST', '/api/integrations', token, { vendor, credentials: PSA_SANDBOX_KITS[vendor].credentials }) as { id: string };
  // The wizard's first load: the BFF lists every account from the sandbox (the cache fills).
  const firstStarted = performance.now();
  const first = await get(product, `/api/integrations/${created.id}/psa/accounts?offset=0&limit=${PAGE_SIZE}`, { Authorization: `Bearer ${token}`, 'Accept-Encoding': ACCEPT_ENCODING });
  const firstMs = performance.now() - firstStarted;
  const { total } = await call(product, 'GET', `/api/integrations/${created.id}/psa/accounts?offset=0&limit=1`, token) as { total: number };
  // The sandbox seeds SCALE companies; an adapter may leave out a few the vendor marks as not listable.
  if (total < SCALE * 0.99) throw new Error(`${vendor}: the BFF lists ${total} accounts, expected about ${SCALE}`);
  const paths = pagePaths(created.id, total);
  // What the browser's cache holds after the first load: each page's bytes, headers and ETag.
  const stored: Stored[] = [];
  const etags = new Map<string, string>();
  for (const path of paths) {
    const a = await get(product, path, { Authorization: `Bearer ${token}`, 'Accept-Encoding': ACCEPT_ENCODING });
    const headers: Record<string, string> = { 'Content-Type': a.headers['content-type'] ?? 'application/json' };
    if (a.headers['content-encoding']) headers['Content-Encoding'] = a.headers['content-encoding'];
    stored.push({ path, headers, body: a.body.toString('base64') });
    if (a.headers.etag) etags.set(path, a.headers.etag);
  }
  const bare = await startBare(stored);
  try {
    await wholeList(bare.origin, paths, token); // warm-up of both: connections, JIT
    await wholeList(product, paths, token, etags);
    const rows = { bare: [] as number[], revalidated: [] as number[], refetched: [] as number[], ratio: [] as number[], ratioRefetched: [] as number[] };
    const pages = { bare: [] as number[], revalidated: [] as number[], refetched: [] as number[] };
    let unchanged = 0;
    let repeats = 0;
    let bytes = { bare: 0, revalidated: 0, refetched: 0 };
    for (let round = 0; round < rounds; round++) {
      const r = { bare: [] as number[], revalidated: [] as number[], refetched: [] as number[] };
      for (let i = 0; i < REPEATS; i++) {
        const b = await wholeList(bare.origin, paths, token);
        const p = await wholeList(product, paths, token, etags);
        const f = await wholeList(product, paths, token);
        r.bare.push(b.ms); r.revalidated.push(p.ms); r.refetched.push(f.ms);
        pages.bare.push(...b.perPage); pages.revalidated.push(...p.perPage); pages.refetched.push(...f.perPage);
        unchanged += p.statuses.filter((s) => s === 304).length;
        repeats += p.statuses.length;
        bytes = { bare: b.bytes, revalidated: p.bytes, refetched: f.bytes };
      }
      rows.bare.push(median(r.bare)); rows.revalidated.push(median(r.revalidated)); rows.refetched.push(median(r.refetched));
    }
    rows.ratio = ratios(rows.revalidated, rows.bare);
    rows.ratioRefetched = ratios(rows.refetched, rows.bare);
    console.log(`  ${vendor}: first load ${firstMs.toFixed(0)} ms (the BFF lists ${total.toLocaleString('en')} accounts from the sandbox; first page ${(first.body.length / 1024).toFixed(0)} KB ${first.headers['content-encoding'] ?? 'uncompressed'}); ${paths.length} pages of ${PAGE_SIZE.toLocaleString('en')}`);
    console.log(`    whole list, ms (median of ${REPEATS} per round; min / median / max over ${rounds} rounds):`);
    console.log(`    bare Hono, the same bytes (200)        ${spread(rows.bare)}  ${(bytes.bare / 1024).toFixed(0)} KB; per page p50 ${at(pages.bare, 0.5).toFixed(2)}, p99 ${at(pages.bare, 0.99).toFixed(2)}`);
    console.log(`    product, no cached copy (200)          ${spread(rows.refetched)}  ${(bytes.refetched / 1024).toFixed(0)} KB; per page p50 ${at(pages.refetched, 0.5).toFixed(2)}, p99 ${at(pages.refetched, 0.99).toFixed(2)}; ratio to bare ${spread(rows.ratioRefetched)}`);
    console.log(`    product, browser-cache revalidation    ${spread(rows.revalidated)}  ${(bytes.revalidated / 1024).toFixed(1)} KB; per page p50 ${at(pages.revalidated, 0.5).toFixed(2)}, p99 ${at(pages.revalidated, 0.99).toFixed(2)}; ratio to bare ${spread(rows.ratio)}`);
    console.log(`    304 on the unchanged list: ${unchanged} of ${repeats} (${((100 * unchanged) / repeats).toFixed(0)} %)`);
    console.log(`    whole list revalidated ${verdict(rows.revalidated, { atMost: GOAL_MS }, ' ms')}; 304 on an unchanged list: ${unchanged === repeats ? 'met' : 'MISSED'}`);
  } finally {
    bare.child.kill('SIGTERM');
    // One PSA per partner: the next vendor's integration needs this one gone.
    await call(product, 'DELETE', `/api/integrations/${created.id}`, token);
  }
}

export async function listRepeatBenchmark(rounds: number): Promise<void> {
  console.log(`\nCached repeat of a ${SCALE.toLocaleString('en')}-account list over HTTP as <psa-wizard> asks (npm start's server, sandbox PSAs, one kept-alive connection; baseline and product alternate)`);
  const product = await startProduct();
  try {
    const { token } = await call(product.origin, 'GET', '/demo/token', null) as { token: string };
    for (const vendor of VENDORS) await benchVendor(product.origin, token, vendor, rounds);
  } finally {
    product.child.kill('SIGTERM');
    agent.destroy();
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const bareAt = process.argv.indexOf('--bare');
  if (bareAt > 0) {
    process.on('SIGTERM', () => process.exit(0));
    await serveBare(process.argv[bareAt + 1]!);
  } else {
    await listRepeatBenchmark(benchRounds());
  }
}
