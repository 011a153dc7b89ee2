/**
 * @module `npm start` to healthy, installed and built (issue 20, goal ≤ 1.5 s): the product
 * (`node scripts/start.mjs`: stamp checks in plain JS, the esbuild-built server) alternating with
 * the baseline it replaced (the server's sources through tsx), each round on a fresh database and
 * port, timed from spawn to the first 200 from /api/health. Seconds and the ratio, min / median / max.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOAL_SECONDS = 1.5;

async function timeToHealthy(args: string[]): Promise<number> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env = { ...process.env, PORT: String(port), DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'ih-start-')), 'hub.db'), LOG_LEVEL: 'warn' };
  const started = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return (performance.now() - started) / 1000;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
  }
}

const spread = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return `${s[0]!.toFixed(2)} / ${s[Math.floor(s.length / 2)]!.toFixed(2)} / ${s[s.length - 1]!.toFixed(2)}`;
};

export async function startBenchmark(rounds: number): Promise<void> {
  await timeToHealthy(['scripts/start.mjs']); // builds whatever is stale, so the rounds measure "installed and built"
  const product: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baseline.push(await timeToHealthy(['--import', 'tsx', 'bff/server.ts']));
    product.push(await timeToHealthy(['scripts/start.mjs']));
  }
  const ratios = product.map((p, i) => p / baseline[i]!);
  const median = [...product].sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
  console.log(`\nStart to healthy (${rounds} rounds alternating, fresh database each)`);
  console.log(`  sources through tsx (before)   ${spread(baseline)} s`);
  console.log(`  npm start (built, bare node)   ${spread(product)} s  goal ≤ ${GOAL_SECONDS} s: ${median <= GOAL_SECONDS ? 'met' : 'MISSED'} (median)`);
  console.log(`  ratio npm start ÷ tsx          ${spread(ratios)}`);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) await startBenchmark(Number(process.env.BENCH_ROUNDS ?? 3));
