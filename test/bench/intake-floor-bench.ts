/**
 * @module Issue 20's intake figures, each a ratio to baselines measured in the same run, rounds
 * alternating baseline and product (the order reversed every other round, so drift on the shared
 * machine favours neither; min / median / max), because only ratios mean anything here. The
 * product is the BFF as `npm start` builds it (intake-bench-server.ts: production middleware, the
 * workers in the process) with an Autotask sandbox configured as its PSA through the API, so the
 * worker delivers every alert as a ticket or note over real HTTP while intake is measured. The
 * baselines run in the same process: a bare Hono POST of the same body, the durable floor (one
 * durable INSERT per request) and the group-commit floor (the same INSERT through GroupCommit).
 * Then p99 at a steady 2,000 alerts/s offered by an open-loop generator (steady-rate-load.ts),
 * intake beside the bare POST, and how soon an alert posted after that load is in the PSA.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { signToken } from '../../bff/middleware/auth.js';
import { DEMO_PARTNER_ID } from '../../bff/demo/demo-organizations.js';
import { setupPsa } from '../bff/routing/routing-harness.js';
import { steadyRate, type SteadyRateResult } from './steady-rate-load.js';

const GOAL = { ofGroupFloor: 0.9, steadyP99Ms: 25 };
const PORTAL = 'https://portal.example';

interface BenchServer { origin: string; floorOrigin: string; router: string; logFile: string; cpuMicros: () => Promise<number>; stop: () => Promise<void> }

/** Starts the sandboxes and the server (each a child process), and configures the Autotask sandbox as the partner's PSA through the API. */
export async function startServer(): Promise<BenchServer> {
  const sandbox = fork(fileURLToPath(new URL('./sandbox-process.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const sandboxOrigin = await new Promise<string>((resolve, reject) => {
    sandbox.once('message', (m) => resolve((m as { origin: string }).origin));
    sandbox.once('exit', (code) => reject(new Error(`sandbox process exited with ${code}`)));
  });
  const dir = mkdtempSync(join(tmpdir(), 'ih-intake-bench-'));
  const secret = randomBytes(32).toString('base64url');
  const logFile = join(dir, 'server.log');
  const child = fork(fileURLToPath(new URL('./intake-bench-server.ts', import.meta.url)), [], {
    // INTAKE_BENCH_CPU_PROF=<dir> writes the server's CPU profile there (to find where intake's time goes; profile-split.ts splits it by run).
    execArgv: ['--import', 'tsx', ...(process.env.INTAKE_BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.INTAKE_BENCH_CPU_PROF}`] : [])],
    stdio: ['ignore', openSync(logFile, 'a'), 'inherit', 'ipc'],
    env: {
      ...process.env, DEMO_MODE: 'true', DATABASE_PATH: join(dir, 'bench.db'), PORT: '0', HOST: '127.0.0.1', AUTH_SECRET: secret,
      ALLOWED_ORIGINS: PORTAL, VENDOR_SANDBOX_ORIGIN: sandboxOrigin, ROUTING_WORKER: process.env.INTAKE_BENCH_ROUTING_WORKER ?? 'inline', LOG_LEVEL: 'info',
    },
  });
  const { origin, floorOrigin } = await new Promise<{ origin: string; floorOrigin: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { origin: string; floorOrigin: string }));
    child.once('exit', (code) => reject(new Error(`intake bench server exited with ${code}; its log: ${logFile}`)));
  });
  const admin = await signToken(secret, { sub: 'bench-admin', partner: DEMO_PARTNER_ID, role: 'admin' });
  const router = await signToken(secret, { sub: 'bench', partner: DEMO_PARTNER_ID, role: 'router' });
  const call = (method: string, path: string, options: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}) => {
    const token = options.token === undefined ? admin : options.token;
    return fetch(`${origin}${path}`, {
      method, body: options.body === undefined ? options.rawBody : JSON.stringify(options.body),
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...options.headers },
    });
  };
  await setupPsa({ call }, 'autotask', { mappings: { 'org-acme': { account: 'Acme Dental Group' } } });
  return {
    origin, floorOrigin, router, logFile,
    cpuMicros: () => new Promise((resolve) => {
      child.once('message', (m) => resolve((m as { cpuMicros: number }).cpuMicros));
      child.send('cpu');
    }),
    stop: async () => {
      child.kill('SIGTERM');
      sandbox.kill('SIGTERM');
    },
  };
}

export const alertBody = (id: string) => JSON.stringify({
  id, organizationId: 'org-acme', severity: 'high', alertType: 'at-too-many-downloads', title: 'Too Many Downloads',
  description: 'The user downloaded 1,204 files in 10 minutes.', user: { email: 'user@domain.com', name: 'Pat User' }, occurredAt: '2025-05-01T10:00:00Z',
});
export const headers = (router: string) => ({ Authorization: `Bearer ${router}`, 'Content-Type': 'application/json', Origin: PORTAL });

/**
 * With INTAKE_BENCH_CPU_PROF, the span of each measured run and drain on the monotonic clock the
 * server's CPU profile stamps its samples with, written beside the profile (windows.json), so
 * profile-split.ts can split the server's time between the floors, intake and the worker's drain.
 */
const runWindows: Array<{ name: string; start: number; end: number; requests: number }> = [];
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
async function windowed<T>(name: string | undefined, requests: (result: T) => number, work: () => Promise<T>): Promise<T> {
  const start = monotonicMicros();
  const result = await work();
  if (name) runWindows.push({ name, start, end: monotonicMicros(), requests: requests(result) });
  return result;
}

let run = 0;
/** 50 connections for `seconds`, the same body (a fresh id per request) and headers for every route; a named run is a profile window. */
async function post(url: string, router: string, seconds: number, name?: string) {
  run++;
  const r = await windowed(name, (x) => x.requests.total, () => autocannon({ url, connections: 50, duration: seconds, method: 'POST', body: alertBody(`r${run}-[<id>]`), idReplacement: true, headers: headers(router) }));
  return { reqPerSec: r.requests.average, requests: r.requests.total, bad: r.errors + r.non2xx };
}

const spread = (values: number[], digits = 2) => {
  const s = [...values].sort((a, b) => a - b);
  return `${s[0]!.toFixed(digits)} / ${s[Math.floor(s.length / 2)]!.toFixed(digits)} / ${s[s.length - 1]!.toFixed(digits)}`;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs the entries in the order given on odd rounds and in reverse on even ones. */
async function alternating<R extends Record<string, unknown>>(round: number, runs: { [K in keyof R]: () => Promise<R[K]> }): Promise<R> {
  const out = {} as R;
  const keys = Object.keys(runs) as Array<keyof R>;
  for (const key of round % 2 === 0 ? keys : keys.reverse()) out[key] = await runs[key]();
  return out;
}

/** Time until an alert posted now is delivered (it queues behind every earlier alert of its group, so this is also the drain time) to the PSA (a ticket or a note), or null past `limitMs`. */
async function timeToPsa(server: BenchServer, id: string, limitMs = 60_000): Promise<{ ms: number | null; outcome: string | null }> {
  const started = performance.now();
  const res = await fetch(`${server.origin}/api/routing/alerts`, { method: 'POST', headers: headers(server.router), body: alertBody(id) });
  if (res.status !== 202) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
  while (performance.now() - started < limitMs) {
    const record = await (await fetch(`${server.origin}/api/routing/alerts/${id}`, { headers: headers(server.router) })).json() as { state: string; outcome: string | null; reason: string | null };
    if (record.state === 'delivered') return { ms: performance.now() - started, outcome: record.outcome };
    if (record.state !== 'queued') throw new Error(`alert ${id} ended ${record.state}: ${record.reason}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { ms: null, outcome: null };
}

/** The machine's 1-minute load average: on a shared 2-core machine it says how far to trust a run. */
const load = () => `load average ${loadavg()[0]!.toFixed(1)}`;

const drained = (d: { ms: number | null; skipped?: boolean }) => (d.skipped ? 'not waited for: no worker in the process' : d.ms === null ? 'NOT within 60 s' : `${(d.ms / 1000).toFixed(1)} s`);

/**
 * INTAKE_BENCH_ROUTING_WORKER=off (or separate, with no worker started) measures intake's own cost:
 * nothing delivers, so the drain waits are skipped (each would poll for 60 s and bill its GETs to intake).
 */
const workerInProcess = (process.env.INTAKE_BENCH_ROUTING_WORKER ?? 'inline') === 'inline';
const drain = (server: BenchServer, id: string): Promise<{ ms: number | null; skipped?: boolean }> => (workerInProcess ? timeToPsa(server, id) : Promise.resolve({ ms: null, skipped: true }));

/** Intake's throughput against a bare POST, the durable floor and the group-commit floor, alternating over `rounds`. */
export async function intakeFloorBenchmark(seconds: number, rounds: number): Promise<void> {
  const server = await startServer();
  try {
    const first = await drain(server, 'bench-first');
    console.log(`  ${load()}; PSA: the Autotask sandbox over HTTP; the first alert became a ticket in ${first.skipped ? drained(first) : first.ms === null ? 'NOT within 60 s' : `${Math.round(first.ms)} ms`}`);
    const floor = (p: string) => `${server.floorOrigin}${p}`;
    const intakeUrl = `${server.origin}/api/routing/alerts`;
    await post(floor('/bare-post'), server.router, 1);
    await post(intakeUrl, server.router, 1);
    // The warm-up's alerts are delivered before the first measured run, as every measured intake run's are.
    await drain(server, 'bench-warm');
    const ratios = { bare: [] as number[], floor: [] as number[], group: [] as number[], groupOfBare: [] as number[] };
    const cpu = { group: [] as number[], intake: [] as number[] };
    let bad = 0;
    for (let i = 0; i < rounds; i++) {
      // Each run also reads the server's CPU time, so a cost per request stands beside the rates (a busy machine skews rates, far less CPU per request).
      const measured = async <T extends { requests: number }>(run: () => Promise<T>) => {
        const before = await server.cpuMicros();
        const result = await run();
        return { ...result, cpuPerRequest: (await server.cpuMicros() - before) / result.requests };
      };
      const r = await alternating(i, {
        bare: () => measured(() => post(floor('/bare-post'), server.router, seconds, 'bare')),
        floor: () => measured(() => post(floor('/floor-insert'), server.router, seconds, 'floor')),
        group: () => measured(() => post(floor('/floor-group'), server.router, seconds, 'group')),
        // The worker catches up before the next run starts, so its deferred work never lands in a baseline's run (and its CPU counts for intake).
        intake: () => measured(async () => {
          const accepted = await post(intakeUrl, server.router, seconds, 'intake');
          return { ...accepted, drain: await windowed('drain', () => accepted.requests, () => drain(server, `bench-drain-${i}`)) };
        }),
      });
      cpu.group.push(r.group.cpuPerRequest);
      cpu.intake.push(r.intake.cpuPerRequest);
      bad += r.intake.bad;
      ratios.bare.push(r.intake.reqPerSec / r.bare.reqPerSec);
      ratios.floor.push(r.intake.reqPerSec / r.floor.reqPerSec);
      ratios.group.push(r.intake.reqPerSec / r.group.reqPerSec);
      ratios.groupOfBare.push(r.group.reqPerSec / r.bare.reqPerSec);
      console.log(`  round ${i + 1}: bare POST ${Math.round(r.bare.reqPerSec)}/s, durable floor ${Math.round(r.floor.reqPerSec)}/s, group-commit floor ${Math.round(r.group.reqPerSec)}/s, intake ${Math.round(r.intake.reqPerSec)}/s (every alert in the PSA ${drained(r.intake.drain)} after the run)`);
    }
    console.log(`  intake ÷ bare POST          ${spread(ratios.bare)}  (min / median / max over ${rounds} rounds)`);
    console.log(`  server CPU per request: group-commit floor ${spread(cpu.group, 0)} µs; intake, ${workerInProcess ? 'with the worker delivering those alerts to the PSA' : 'no worker in the process'}, ${spread(cpu.intake, 0)} µs (÷ floor ${spread(cpu.intake.map((x, k) => x / cpu.group[k]!))})`);
    console.log(`  intake ÷ durable floor      ${spread(ratios.floor)}`);
    console.log(`  group-commit floor ÷ bare   ${spread(ratios.groupOfBare)}`);
    const met = median(ratios.group) >= GOAL.ofGroupFloor;
    console.log(`  intake ÷ group-commit floor ${spread(ratios.group)}  goal ≥ ${GOAL.ofGroupFloor}: ${met ? 'met' : 'MISSED'} (median)${bad ? `  (intake errors/non-2xx ${bad})` : ''}; ${load()}`);
  } finally {
    await server.stop();
    if (process.env.INTAKE_BENCH_CPU_PROF) writeFileSync(join(process.env.INTAKE_BENCH_CPU_PROF, 'windows.json'), JSON.stringify(runWindows));
  }
}

const RATE = 2_000;
const CONNECTIONS = 50;

/** p50 / p99 / max at a steady 2,000 alerts/s offered (open loop), intake beside the bare POST, alternating over `rounds`. */
export async function intakeSteadyBenchmark(seconds: number, rounds: number): Promise<void> {
  const server = await startServer();
  try {
    console.log(`\nIntake at a steady ${RATE.toLocaleString('en')} alerts/s offered (open loop: latency from each request's scheduled time; ≤ ${CONNECTIONS} connections; ${seconds} s per run; production middleware, workers in the process, Autotask sandbox as the PSA)`);
    let run = 0;
    // A named run is a profile window (INTAKE_BENCH_CPU_PROF), as the floor runs are.
    const steady = (url: string, name?: string) => {
      run++;
      return windowed(name, (x) => x.sent, () => steadyRate({ url, rate: RATE, seconds, connections: CONNECTIONS, headers: headers(server.router), body: (i) => alertBody(`s${run}-${i}`) }));
    };
    await steady(`${server.floorOrigin}/bare-post`); // warm-up (also the first ticket's group exists from here on)
    const results = { bare: [] as SteadyRateResult[], intake: [] as SteadyRateResult[] };
    const cpu: Array<{ run: number; all: number }> = [];
    for (let i = 0; i < rounds; i++) {
      const r = await alternating(i, {
        bare: () => steady(`${server.floorOrigin}/bare-post`, 'steady bare'),
        // The server's CPU per alert, during the run and with the drain after it (intake and delivery): on a busy shared machine it holds up where latencies do not.
        intake: async () => {
          const before = await server.cpuMicros();
          const answered = await steady(`${server.origin}/api/routing/alerts`, 'steady intake');
          const during = await server.cpuMicros();
          const drainResult = await windowed('steady drain', () => answered.sent, () => drain(server, `bench-steady-drain-${i}`));
          const cpu = { run: (during - before) / answered.sent, all: (await server.cpuMicros() - before) / answered.sent };
          return { ...answered, drain: drainResult, cpu };
        },
      });
      results.bare.push(r.bare);
      results.intake.push(r.intake);
      cpu.push(r.intake.cpu);
      const show = (x: SteadyRateResult) => `p50 ${x.p50Ms.toFixed(1)} / p99 ${x.p99Ms.toFixed(1)} / max ${x.maxMs.toFixed(0)} ms (${x.achievedPerSec}/s answered${x.bad ? `, ${x.bad} bad` : ''})`;
      console.log(`  round ${i + 1}: bare POST ${show(r.bare)}; intake ${show(r.intake)}, every alert in the PSA ${drained(r.intake.drain)} after the run`);
    }
    const p99 = (k: 'bare' | 'intake') => results[k].map((x) => x.p99Ms);
    console.log(`  server CPU per alert: during the intake run ${spread(cpu.map((c) => c.run), 0)} µs; with every alert delivered ${spread(cpu.map((c) => c.all), 0)} µs`);
    console.log(`  bare POST p99 ${spread(p99('bare'), 1)} ms; intake p99 ${spread(p99('intake'), 1)} ms (min / median / max over ${rounds} rounds)  goal ≤ ${GOAL.steadyP99Ms} ms: ${median(p99('intake')) <= GOAL.steadyP99Ms ? 'met' : 'MISSED'} (median); ${load()}`);
  } finally {
    await server.stop();
    if (process.env.INTAKE_BENCH_CPU_PROF) writeFileSync(join(process.env.INTAKE_BENCH_CPU_PROF, 'windows.json'), JSON.stringify(runWindows));
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  await intakeFloorBenchmark(seconds, rounds);
  await intakeSteadyBenchmark(Math.max(10, seconds), rounds);
}
