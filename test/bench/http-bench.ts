/**
 * @module BFF core figures: `/api/health` and the authenticated integration list, behind the
 * production host (CORS for the calling page's origin), against a bare Hono JSON route in the same server process (test/bench/bench-server.ts), rounds alternating bare
 * and product (min / median / max of req/s, p99 and the ratio). Issue 20 sets no goal for these:
 * they are the reference the other HTTP ratios are read against, printed with "no goal".
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { load, type LoadResult } from './http-load.js';
import { alternate, benchRounds, ratios, spread } from './rounds.js';

async function startBenchServer(): Promise<{ origin: string; admin: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/bench-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { ...JSON.parse(line), stop: () => child.kill('SIGTERM') };
}

export async function httpBenchmarks(seconds: number, rounds = benchRounds()): Promise<void> {
  const server = await startBenchServer();
  try {
    console.log(`\nBFF core (50 connections, ${seconds} s per run, ${rounds} rounds alternating bare and product, load generator on the same machine)`);
    // Every request as an embedding host page's: from its origin (CORS), the admin's token where needed.
    const page = { Origin: 'https://portal.example' };
    const auth = { ...page, Authorization: `Bearer ${server.admin}` };
    await load(`${server.origin}/bare`, { seconds: 1, headers: page }); // warm-up of both sides
    await load(`${server.origin}/api/integrations`, { seconds: 1, headers: auth });
    const runs = await alternate(rounds, {
      bare: () => load(`${server.origin}/bare`, { seconds, headers: page }),
      health: () => load(`${server.origin}/api/health`, { seconds, headers: page }),
      list: () => load(`${server.origin}/api/integrations`, { seconds, headers: auth }),
    });
    const rate = (r: LoadResult[]) => r.map((x) => x.reqPerSec);
    const show = (label: string, r: LoadResult[], ratio?: number[]) => {
      const bad = r.reduce((n, x) => n + x.errors + x.non2xx, 0);
      console.log(`  ${label.padEnd(28)} ${spread(rate(r), 0).padStart(20)} req/s  p99 ${spread(r.map((x) => x.p99Ms), 0)} ms`
        + `${ratio ? `  ratio to bare ${spread(ratio)} (no goal: reference)` : ''}${bad ? `  (errors/non-2xx ${bad})` : ''}`);
    };
    show('GET /bare (bare Hono)', runs.bare);
    show('GET /api/health', runs.health, ratios(rate(runs.health), rate(runs.bare)));
    show('GET /api/integrations (auth)', runs.list, ratios(rate(runs.list), rate(runs.bare)));
  } finally {
    server.stop();
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) await httpBenchmarks(Number(process.env.BENCH_SECONDS ?? 5));
