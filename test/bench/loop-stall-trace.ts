/**
 * @module INTAKE_BENCH_STALL_TRACE=<file>: records, in the intake bench server, every stretch the
 * event loop was held (a 1 ms timer came due more than STALL_MS late), every GC pause, and the
 * routing worker's spans with their wall and CPU time (each pass and its resolving, from start to
 * settling, which spans several turns of the loop once the worker yields between pieces; each
 * repository call, synchronous on SQLite), as JSON lines with monotonic microsecond times (process.hrtime, the clock
 * V8's CPU profile uses), so a stall can be laid beside what ran in it. With INTAKE_BENCH_CPU_PROF
 * the profile's samples inside each stall say the rest (stall-report.ts).
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { PerformanceObserver, performance, constants } from 'node:perf_hooks';
import { RoutingWorker } from '../../bff/services/routing/routing-worker.js';

/** A timer this late (ms) counts as a stall. */
const STALL_MS = 10;
/** Repository calls shorter than this (ms; INTAKE_BENCH_SPAN_MIN_MS) are not recorded. */
const SPAN_MIN_MS = Number(process.env.INTAKE_BENCH_SPAN_MIN_MS ?? 1);

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major', [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

const nowMicros = () => Number(process.hrtime.bigint() / 1000n);
let lines: string[] = [];
const record = (event: Record<string, unknown>) => lines.push(`${JSON.stringify(event)}\n`);

/** Wraps each method of `target` to record how long it ran (its promise's settling included: these repositories run synchronously underneath). */
function spanMethods(target: Record<string, unknown>, prefix: string, names = Object.keys(target)): void {
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = function (this: unknown, ...args: unknown[]) {
      const start = nowMicros();
      const cpu = process.cpuUsage();
      const done = (value: unknown) => {
        const end = nowMicros();
        const used = process.cpuUsage(cpu);
        if (end - start >= SPAN_MIN_MS * 1000) {
          record({
            type: 'span', name: `${prefix}.${name}`, start, end, ms: +((end - start) / 1000).toFixed(2), cpuMs: +((used.user + used.system) / 1000).toFixed(2),
            n: Array.isArray(value) ? value.length : typeof value === 'number' ? value : undefined,
          });
        }
        return value;
      };
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      return result instanceof Promise ? result.then(done) : done(result);
    };
  }
}

function traceWorker(): void {
  const proto = RoutingWorker.prototype as unknown as Record<string, unknown>;
  spanMethods(proto, 'worker', ['tick', 'resolvePending']);
  const tick = proto.tick as (this: { deps: { repos: Record<string, Record<string, unknown>> } }) => Promise<boolean>;
  let wrapped = false;
  proto.tick = function (this: { deps: { repos: Record<string, Record<string, unknown>> } }) {
    if (!wrapped) {
      wrapped = true;
      // Intake's own write goes through `accept` (group commit): its batches are in the CPU profile, not here.
      spanMethods(this.deps.repos.routing!, 'routing', Object.keys(this.deps.repos.routing!).filter((k) => k !== 'accept'));
      spanMethods(this.deps.repos.twoWay!, 'twoWay');
    }
    return tick.call(this);
  };
}

export function traceLoopStalls(file: string): void {
  writeFileSync(file, '');
  // performance.now() and hrtime share a clock; this is the offset between the two (µs).
  const offset = nowMicros() - performance.now() * 1000;
  const flush = () => {
    if (lines.length > 0) appendFileSync(file, lines.join(''));
    lines = [];
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = ((e as { detail?: { kind?: number } }).detail)?.kind ?? 0;
      record({ type: 'gc', kind: GC_KINDS[kind] ?? String(kind), start: Math.round(offset + e.startTime * 1000), ms: +e.duration.toFixed(2) });
    }
  }).observe({ entryTypes: ['gc'] });
  let last = nowMicros();
  setInterval(() => {
    const now = nowMicros();
    if (now - last > (1 + STALL_MS) * 1000) record({ type: 'stall', start: last, end: now, ms: +((now - last) / 1000).toFixed(1) });
    last = now;
  }, 1).unref();
  setInterval(flush, 1000).unref();
  process.on('exit', flush);
  traceWorker();
}
