/**
 * @module Splits the intake bench server's CPU profile by run: `INTAKE_BENCH_CPU_PROF=<dir>
 * BENCH_ONLY=intakeFloor npm run bench`, then `node --import tsx test/bench/profile-split.ts <dir>`.
 * The floors and intake share one process and event loop, so one profile holds them all; the bench
 * writes each run's span (windows.json, on the clock the profile stamps its samples with) and this
 * prints, per kind of run (bare, floor, group, intake, drain), the server's time per request by
 * cause (the outermost project file on the sample's stack: the route, the group commit, the
 * worker's loop or a group's delivery), by place (the project file nearest the leaf, so SQLite's
 * native time counts for the repository that ran the statement; else the package or Node module),
 * and the busiest functions. Time is sampled wall time while not idle, so on a busy machine it exceeds CPU time;
 * compare the kinds of one run with each other, not runs on different days.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number }
interface RunWindow { name: string; start: number; end: number; requests: number }

const [dir, topArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: profile-split.ts <INTAKE_BENCH_CPU_PROF dir> [functions to list]');
const top = Number(topArg ?? 12);
const windows = JSON.parse(readFileSync(join(dir, 'windows.json'), 'utf8')) as RunWindow[];
const IDLE = new Set(['(idle)', '(root)']);
const PROJECT = /^file:\/\/.*?\/(bff|db|test)\//;

const short = (url: string) => url.replace(/^file:\/\/.*?\/(?=(bff|db|test)\/)/, '').replace(/^.*node_modules\//, '');
/** The project file nearest the leaf (`nearest`) or the outermost one (`outermost`), else the package or Node module. */
const where = (stack: CallFrame[], end: 'nearest' | 'outermost'): string => {
  const leaf = stack[0]!;
  if (leaf.functionName.startsWith('(')) return leaf.functionName;
  const own = (end === 'nearest' ? stack : [...stack].reverse()).find((f) => PROJECT.test(f.url));
  if (own) return short(own.url);
  const pkg = stack.find((f) => f.url.includes('node_modules/'));
  return pkg ? pkg.url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1') : leaf.url.replace(/^(node:[^/]+\/?[^/]*).*$/, '$1') || '(native)';
};

/** Samples inside a window, per window name: time by place and by leaf function (µs), and the requests those windows served. */
function split(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id: number) => {
    const frames: CallFrame[] = [];
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) frames.push(byId.get(x)!.callFrame);
    return frames;
  };
  const kinds = new Map<string, { requests: number; busy: number; causes: Map<string, number>; places: Map<string, number>; leaves: Map<string, number> }>();
  for (const w of windows) {
    const kind = kinds.get(w.name) ?? { requests: 0, busy: 0, causes: new Map(), places: new Map(), leaves: new Map() };
    kind.requests += w.requests;
    kinds.set(w.name, kind);
  }
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!;
    const w = windows.find((x) => at >= x.start && at < x.end);
    const stack = stackOf(id);
    if (!w || IDLE.has(stack[0]!.functionName)) return;
    const kind = kinds.get(w.name)!;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + dt);
    kind.busy += dt;
    add(kind.causes, where(stack, 'outermost'));
    add(kind.places, where(stack, 'nearest'));
    add(kind.leaves, `${stack[0]!.functionName || '(anonymous)'} ${short(stack[0]!.url)}`);
  });
  return kinds;
}

// The server's main thread: the profile with the most busy time inside the windows (worker threads write idle ones).
const splits = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => split(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile))
  .sort((a, b) => [...b.values()].reduce((s, k) => s + k.busy, 0) - [...a.values()].reduce((s, k) => s + k.busy, 0));
if (splits.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
for (const [name, kind] of splits[0]!) {
  const per = (us: number) => (us / kind.requests).toFixed(1);
  const ranked = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`\n${name}: ${kind.requests} requests, ${per(kind.busy)} µs busy per request`);
  console.log(`  by cause: ${ranked(kind.causes, 10).map(([k, v]) => `${k} ${per(v)}`).join(', ')}`);
  console.log(`  by place: ${ranked(kind.places, 14).map(([k, v]) => `${k} ${per(v)}`).join(', ')}`);
  for (const [k, v] of ranked(kind.leaves, top)) console.log(`  ${per(v).padStart(7)}  ${k}`);
}
