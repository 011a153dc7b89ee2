/**
 * @module `npm start` to healthy, installed and built (issue 20, goal ≤ 1.5 s): the product
 * (`node scripts/start.mjs`: stamp checks in plain JS, the esbuild-built server) alternating with
 * the baseline it replaced (the server's sources through tsx), each round on a fresh database and
 * port, timed from spawn to the first 200 from /api/health (migrations run before the server
 * listens, so healthy means ready). `npm start` itself is timed too, npm's CLI in front, since that
 * is what the goal names. Seconds and the ratio, min / median / max.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, benchRounds, loadAverage, ratios, spread, verdict } from './rounds.js';
import { freePort } from './free-port.js';

const GOAL_SECONDS = 1.5;

/** `args` for node, or `npm start` itself (npm's CLI and its shell in front, as a user types it). */
async function timeToHealthy(args: string[] | 'npm start'): Promise<number> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'ih-start-')), 'hub.db'), LOG_LEVEL: 'warn' };
  const started = performance.now();
  // Its own process group, so stopping it stops npm's shell and the server under it too.
  const child = args === 'npm start'
    ? spawn('npm', ['start', '--silent'], { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true })
    : spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  // What a start that fails says, so the bench stops with its reason rather than an exit code alone.
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${String(args)} exited with ${child.exitCode}: ${stderr.trim()}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return (performance.now() - started) / 1000;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
  }
}

export async function startBenchmark(rounds: number): Promise<void> {
  await timeToHealthy(['scripts/start.mjs']); // builds whatever is stale, so the rounds measure "installed and built"
  const runs = await alternate(rounds, {
    baseline: () => timeToHealthy(['--import', 'tsx', 'bff/server.ts']),
    product: () => timeToHealthy(['scripts/start.mjs']),
    npm: () => timeToHealthy('npm start'),
  });
  console.log(`\nStart to healthy (${rounds} rounds alternating, fresh database each; ${loadAverage()})`);
  console.log(`  sources through tsx (before)      ${spread(runs.baseline)} s`);
  console.log(`  node scripts/start.mjs (built)    ${spread(runs.product)} s  ${verdict(runs.product, { atMost: GOAL_SECONDS }, ' s')}`);
  console.log(`  npm start, through npm's CLI      ${spread(runs.npm)} s  ${verdict(runs.npm, { atMost: GOAL_SECONDS }, ' s')}`);
  console.log(`  ratio start.mjs ÷ tsx             ${spread(ratios(runs.product, runs.baseline))}`);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) await startBenchmark(benchRounds());
