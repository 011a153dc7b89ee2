/**
 * @module What the outage tests and the outage bench share: a PSA outage in three phases (503s,
 * then hangs past the time-out, then a 429 storm) switched atomically in the sandbox, the calls the
 * sandbox answered, and the bound the circuit breaker's probe schedule puts on them. Free of vitest
 * imports so the bench can use it too.
 */
import type { PsaVendor } from '../../../bff/contracts/model.js';
import { probesWithin, type BreakerConfig } from '../../../bff/services/routing/circuit-breaker.js';
import type { RoutingConfig } from '../../../bff/services/routing/routing-config.js';
import { control } from '../../helpers/serve.js';

/** Short clocks for tests: the breaker opens after 3 failures in a row and probes every 150 ms doubling to 600 ms. */
export const OUTAGE_CONFIG: Partial<RoutingConfig> & BreakerConfig = { breakerThreshold: 3, probeBaseMs: 150, probeMaxMs: 600 };

export const OUTAGE_PHASES = {
  '503': [{ kind: '5xx', count: 10_000, status: 503 }],
  hang: [{ kind: 'hang', count: 10_000, ms: 3_000 }],
  '429': [{ kind: '429', count: 10_000, retryAfterSeconds: 1 }],
} as const;
export type OutagePhase = keyof typeof OUTAGE_PHASES;

/** Replaces the sandbox's queued faults in one step (no healthy call slips in between two phases). */
export async function setFaults(origin: string, vendor: PsaVendor, faults: readonly object[]): Promise<void> {
  const res = await fetch(`${origin}/sandbox/${vendor}/_control/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(faults) });
  if (!res.ok) throw new Error(`faults: HTTP ${res.status} ${await res.text()}`);
}

export interface SandboxStats {
  calls: number;
  inFlight: number;
  faultsTaken: Record<string, number>;
}

export const sandboxStats = (origin: string, vendor: PsaVendor): Promise<SandboxStats> => control(origin, vendor, 'stats');

/**
 * The most vendor calls an outage of `heldMs` may cost once the breaker is open: the probes its
 * schedule allows plus the groups that were already in flight when it opened, each step of a
 * delivery at most `callsPerTry` calls (a contact lookup, then the write).
 */
export function heldCallBound(heldMs: number, config: Pick<BreakerConfig, 'probeBaseMs' | 'probeMaxMs'>, inFlightAtOpen: number, callsPerTry = 2): number {
  return (probesWithin(heldMs, config) + inFlightAtOpen) * callsPerTry;
}

/** Polls `read` until `done` says so; throws with the last value at the deadline. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One line of the outage figures (printed by the tests and the bench). */
export function outageFigures(f: { vendor: string; engine: string; alerts: number; callsDuringOutage: number; callBound: number; drainMs: number; duplicates: number; lost: number }): string {
  return `outage figures: ${f.vendor} on ${f.engine}: ${f.alerts} alerts, ${f.callsDuringOutage} vendor calls while unavailable (schedule bound ${f.callBound}), drained in ${f.drainMs} ms, ${f.duplicates} duplicates, ${f.lost} lost`;
}
