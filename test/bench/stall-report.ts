/**
 * @module What held the event loop in each stall the intake bench server recorded: run the bench
 * (or a part of it) with INTAKE_BENCH_STALL_TRACE=<file> and INTAKE_BENCH_CPU_PROF=<dir>, then
 * `node --import tsx test/bench/stall-report.ts <file> <dir> [from-µs to-µs]`. For the longest
 * stalls (STALL_TOP, 12) it prints the GC pauses and worker spans that overlap it and the CPU
 * profile's samples inside it (self time, and the project's functions on the stack), then the
 * same summed over every stall (STALL_SORT=samples: the stalls with the most samples first). Times are monotonic µs (process.hrtime, V8's profile clock).
 * A stall with few samples for its length is the process waiting for a CPU (a busy machine), not work.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface TraceEvent { type: 'stall' | 'gc' | 'span'; start: number; end?: number; ms: number; kind?: string; name?: string; n?: number }
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] }

const [traceFile, profileDir, fromArg, toArg] = process.argv.slice(2);
if (!traceFile || !profileDir) {
  console.error('usage: stall-report.ts <trace.jsonl> <cpu-profile-dir> [from-µs to-µs]');
  process.exit(2);
}
const from = Number(fromArg ?? 0);
const to = Number(toArg ?? Infinity);
const events = readFileSync(traceFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as TraceEvent);
const endOf = (e: TraceEvent) => e.end ?? e.start + e.ms * 1000;
const stalls = events.filter((e) => e.type === 'stall' && e.start >= from && endOf(e) <= to);
const overlapping = (type: TraceEvent['type'], s: TraceEvent) => events.filter((e) => e.type === type && e.start < endOf(s) && endOf(e) > s.start);

// The server's main thread wrote the largest profile (a tsx loader thread writes a small one beside it).
const profileFile = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(profileDir, f))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parents = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
const sampleTimes: number[] = [];
let clock = profile.startTime;
for (const delta of profile.timeDeltas) sampleTimes.push((clock += delta));

const label = (n: ProfileNode) => {
  const url = n.callFrame.url.replace(/^.*node_modules\//, 'nm/').replace(/^file:\/\/.*?\/(bff|db|test)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'}${url ? ` ${url}` : ''}`;
};
const isProject = (n: ProfileNode) => /\/(bff|db)\//.test(n.callFrame.url) && !n.callFrame.url.includes('node_modules');
const count = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
const top = (m: Map<string, number>, k: number, sep: string) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([key, n]) => `${n} ${key}`).join(sep);

const all = { self: new Map<string, number>(), stack: new Map<string, number>(), samples: 0 };
const reports: Array<{ ms: number; samples: number; text: string }> = [];
for (const s of stalls) {
  const self = new Map<string, number>();
  const stack = new Map<string, number>();
  let samples = 0;
  for (let i = 0; i < sampleTimes.length; i++) {
    if (sampleTimes[i]! < s.start || sampleTimes[i]! > endOf(s)) continue;
    samples++;
    const leaf = nodes.get(profile.samples[i]!)!;
    count(self, label(leaf));
    count(all.self, label(leaf));
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parents.get(id)) {
      const n = nodes.get(id)!;
      if (isProject(n) && !seen.has(label(n))) {
        seen.add(label(n));
        count(stack, label(n));
        count(all.stack, label(n));
      }
    }
  }
  all.samples += samples;
  const gc = overlapping('gc', s).map((g) => `${g.kind} ${g.ms} ms`).join(', ') || 'none';
  const spans = overlapping('span', s).map((x) => `${x.name} ${x.ms} ms${x.n === undefined ? '' : ` (${x.n})`}`).join(', ') || 'none';
  reports.push({ ms: s.ms, samples, text: `\nstall ${s.ms} ms at ${s.start}, ${samples} samples; GC: ${gc}\n  worker spans: ${spans}\n  self: ${top(self, 5, ' | ')}\n  on the stack: ${top(stack, 6, ' | ')}` });
}
const over = (ms: number) => stalls.filter((s) => s.ms > ms).length;
console.log(`${profileFile}\n${stalls.length} stalls, ${Math.round(stalls.reduce((n, s) => n + s.ms, 0))} ms in all; over 20 ms: ${over(20)}, over 40 ms: ${over(40)}`);
// STALL_SORT=samples: the stalls with the most work in them first (on a busy machine the longest are mostly waits for a core).
const bySamples = process.env.STALL_SORT === 'samples';
for (const r of reports.sort((a, b) => (bySamples ? b.samples - a.samples : b.ms - a.ms)).slice(0, Number(process.env.STALL_TOP ?? 12))) console.log(r.text);
console.log(`\nevery stall, ${all.samples} samples; self:\n  ${top(all.self, 15, '\n  ')}\non the stack:\n  ${top(all.stack, 25, '\n  ')}`);
