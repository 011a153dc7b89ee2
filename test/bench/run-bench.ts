/**
 * @module `npm run bench`: prints the machine, then each benchmark's figures beside its goal.
 * Targets live here, never in timed tests. Each HTTP figure is measured beside a bare Hono JSON
 * route in the same run and reported as a ratio, so a slower machine does not hide a regression.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import os from 'node:os';
import { load, type LoadResult } from './http-load.js';
import { psaVendorBenchmarks } from './psa-vendor-bench.js';
import { routingIntakeBenchmark, routingStormBenchmark } from './routing-bench.js';
import { rmmBenchmarks } from './rmm-bench.js';
import { psaWizardBenchmarks } from './psa-wizard-bench.js';
import { keystrokeBenchmark } from './keystroke-bench.js';
import { scaleOutBenchmarks } from './scale-out-bench.js';
import { deliveryLogBenchmark } from './delivery-log-bench.js';
import { intakeFloorBenchmark } from './intake-floor-bench.js';
import { startBenchmark } from './start-bench.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const seconds = Number(process.env.BENCH_SECONDS ?? 5);

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} CPU (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

async function startBenchServer(): Promise<{ origin: string; admin: string; router: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/bench-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { ...JSON.parse(line), stop: () => child.kill('SIGTERM') };
}

function row(r: LoadResult, baseline?: LoadResult): string {
  const ratio = baseline ? `  ratio to bare Hono ${(r.reqPerSec / baseline.reqPerSec).toFixed(2)}` : '';
  const bad = r.errors || r.non2xx ? `  (errors ${r.errors}, non-2xx ${r.non2xx})` : '';
  return `  ${r.route.padEnd(28)} ${String(r.reqPerSec).padStart(7)} req/s  p99 ${String(r.p99Ms).padStart(4)} ms${ratio}${bad}`;
}

async function httpBenchmarks(): Promise<void> {
  const server = await startBenchServer();
  try {
    console.log(`\nBFF core (50 connections, ${seconds} s each, load generator on the same machine)`);
    await load(`${server.origin}/bare`, { seconds: 1 }); // warm-up
    const bare = await load(`${server.origin}/bare`, { seconds });
    console.log(row(bare));
    const health = await load(`${server.origin}/api/health`, { seconds });
    console.log(row(health, bare));
    const list = await load(`${server.origin}/api/integrations`, { seconds, headers: { Authorization: `Bearer ${server.admin}` } });
    console.log(row({ ...list, route: 'GET /api/integrations (auth)' }, bare));
  } finally {
    server.stop();
  }
}

console.log(`Machine: ${machine()}`);
await httpBenchmarks();
console.log(`\nIntake against its floors (SQLite, 50 connections, ${seconds} s per run, production middleware, worker in the process; shared machine: ratios, not absolute figures, are what count)`);
await intakeFloorBenchmark(seconds, rounds);
await startBenchmark(rounds);
await psaVendorBenchmarks();
await routingIntakeBenchmark(seconds, 'inline');
await routingIntakeBenchmark(seconds, 'separate');
await routingStormBenchmark();
await routingStormBenchmark({ vendor: 'connectwise' });
await deliveryLogBenchmark();
// Hosted Halo allows 300 calls per rolling 5 minutes: fewer users (groups) keep the run short; the budget is what is measured.
await routingStormBenchmark({ vendor: 'halopsa', users: Number(process.env.HALO_STORM_USERS ?? 20) });
await rmmBenchmarks(seconds);
await psaWizardBenchmarks();
await keystrokeBenchmark(rounds, { build: false }); // the elements were just built by psaWizardBenchmarks
await scaleOutBenchmarks();
