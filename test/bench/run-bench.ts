/**
 * @module `npm run bench`: prints the machine and its load, then each benchmark section's figures
 * beside its goal. Targets live here, never in timed tests. Every ratio is measured against its
 * baseline in the same run, rounds alternating (BENCH_ROUNDS, at least 3), min / median / max, so
 * a slower or busier machine does not hide a regression (rounds.ts).
 *
 * `BENCH_ONLY=http,listRepeat npm run bench` runs only the named sections (names below: each
 * benchmark function's name without "Benchmark(s)"); `BENCH_SECONDS` sets each load run's length.
 */
import os from 'node:os';
import { httpBenchmarks } from './http-bench.js';
import { psaVendorBenchmarks } from './psa-vendor-bench.js';
import { routingIntakeBenchmark, routingStormBenchmark } from './routing-bench.js';
import { rmmBenchmarks } from './rmm-bench.js';
import { psaWizardBenchmarks } from './psa-wizard-bench.js';
import { keystrokeBenchmark } from './keystroke-bench.js';
import { scaleOutBenchmarks } from './scale-out-bench.js';
import { deliveryLogBenchmark } from './delivery-log-bench.js';
import { claimPassBenchmark } from './claim-pass-bench.js';
import { intakeFloorBenchmark, intakeSteadyBenchmark } from './intake-floor-bench.js';
import { startBenchmark } from './start-bench.js';
import { listRepeatBenchmark } from './list-repeat-bench.js';
import { twoWayBenchmarks } from './two-way-bench.js';
import { benchRounds, loadAverage } from './rounds.js';
import { selectSections } from './bench-only.js';
import { bundleDownloadBenchmark } from './bundle-download-bench.js';

const rounds = benchRounds();
const seconds = Number(process.env.BENCH_SECONDS ?? 5);

/** Every section, in the order a full run takes them. */
const SECTIONS: Record<string, () => Promise<void>> = {
  http: () => httpBenchmarks(seconds, rounds),
  intakeFloor: async () => {
    console.log(`\nIntake against its floors (SQLite, 50 connections, ${seconds} s per run, production middleware, the server as npm start builds it with an Autotask sandbox as its PSA; shared machine: ratios, not absolute figures, are what count)`);
    await intakeFloorBenchmark(seconds, rounds);
  },
  intakeSteady: () => intakeSteadyBenchmark(Math.max(10, seconds), rounds),
  start: () => startBenchmark(rounds),
  bundle: () => bundleDownloadBenchmark(rounds),
  listRepeat: () => listRepeatBenchmark(rounds),
  psaVendor: () => psaVendorBenchmarks(rounds),
  routingIntake: async () => {
    await routingIntakeBenchmark(seconds, 'inline', rounds);
    await routingIntakeBenchmark(seconds, 'separate', rounds);
  },
  routingStorm: async () => {
    await routingStormBenchmark();
    await routingStormBenchmark({ vendor: 'connectwise' });
    // Hosted Halo allows 300 calls per rolling 5 minutes: fewer users (groups) keep the run short; the budget is what is measured.
    await routingStormBenchmark({ vendor: 'halopsa', users: Number(process.env.HALO_STORM_USERS ?? 20) });
  },
  deliveryLog: () => deliveryLogBenchmark(),
  claimPass: () => claimPassBenchmark(),
  rmm: () => rmmBenchmarks(seconds, rounds),
  twoWay: () => twoWayBenchmarks(rounds),
  psaWizard: () => psaWizardBenchmarks(),
  keystroke: () => keystrokeBenchmark(rounds),
  scaleOut: () => scaleOutBenchmarks(),
};

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} CPU (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

let chosen: string[];
try {
  chosen = selectSections(process.env.BENCH_ONLY, Object.keys(SECTIONS));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
console.log(`Machine: ${machine()}`);
console.log(`At start: ${loadAverage()}; ${rounds} rounds; sections: ${chosen.join(', ')}`);
for (const name of chosen) {
  console.log(`\n[${name}] ${new Date().toISOString().slice(11, 19)} UTC, ${loadAverage()}`);
  await SECTIONS[name]!();
}
// Some harnesses keep sockets or timers of their own; the run is over.
process.exit(0);
