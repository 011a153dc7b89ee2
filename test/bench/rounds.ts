/**
 * @module The benchmarks' honesty rule in one place: a ratio is only worth printing when the baseline
 * and the product were measured in the same run, alternating, over several rounds (BENCH_ROUNDS,
 * at least 3), and shown as min / median / max beside its goal, because the machine is shared and
 * one run of either side can land on a busy second.
 */
import os from 'node:os';

/** Rounds from BENCH_ROUNDS; fewer than 3 would make min / median / max meaningless, so 3 is the floor. */
export function benchRounds(): number {
  return Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3) || 3);
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** `min / median / max` of the values. */
export function spread(values: number[], digits = 2): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${sorted[0]!.toFixed(digits)} / ${median(sorted).toFixed(digits)} / ${sorted[sorted.length - 1]!.toFixed(digits)}`;
}

/** `met` / `MISSED` for the median against a goal, e.g. `goal ≥ 0.25: met (median)`. */
export function verdict(values: number[], goal: { atLeast?: number; atMost?: number }, unit = ''): string {
  const m = median(values);
  if (goal.atLeast !== undefined) return `goal ≥ ${goal.atLeast}${unit}: ${m >= goal.atLeast ? 'met' : 'MISSED'} (median)`;
  return `goal ≤ ${goal.atMost}${unit}: ${m <= goal.atMost! ? 'met' : 'MISSED'} (median)`;
}

/** What a figure is measured against now, for the section header: the 1-, 5- and 15-minute load. */
export function loadAverage(): string {
  return `load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} on ${os.cpus().length} CPUs`;
}

/**
 * Runs each named measurement once per round, in the given order (the baseline first), and
 * collects the results per name: `{ bare: [r1, r2, r3], health: [...] }`.
 */
export async function alternate<K extends string, R>(rounds: number, steps: Record<K, () => Promise<R>>): Promise<Record<K, R[]>> {
  const results = Object.fromEntries(Object.keys(steps).map((k) => [k, []])) as unknown as Record<K, R[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of Object.keys(steps) as K[]) results[name].push(await steps[name]());
  }
  return results;
}

/** The ratios of each round's product to the same round's baseline. */
export const ratios = (product: number[], baseline: number[]): number[] => product.map((p, i) => p / baseline[i]!);
