import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { IntakeYield, STORM_CALM_MS } from '../../../bff/services/routing/intake-yield.js';
import { WorkSignal } from '../../../bff/services/routing/work-signal.js';

/** `count` alerts accepted evenly over `ms`, from `from` on; returns the clock after them. */
function accept(signal: WorkSignal, from: number, count: number, ms: number): number {
  for (let i = 0; i < count; i++) signal.accepted(from + (i * ms) / count);
  return from + ms;
}

describe('WorkSignal arrival rate', () => {
  it('counts the alerts accepted over the last buckets and forgets them after a quiet spell', () => {
    const signal = new WorkSignal();
    const t = accept(signal, 1_000, 300, 150); // 2,000 a second
    expect(signal.acceptedPerSecond(t)).toBeGreaterThan(1_000);
    expect(signal.acceptedPerSecond(t + 1_000)).toBe(0);
  });

  it('still wakes a waiting worker on each accepted alert', async () => {
    const signal = new WorkSignal();
    const woken = signal.wait(60_000);
    signal.accepted();
    await expect(woken).resolves.toBeUndefined();
  });
});

describe('IntakeYield', () => {
  const config = { yieldMaxMs: 2_000, yieldShare: 0.1, yieldBusyPerSecond: 500 };
  /** The event loop busy all the time (a storm saturating intake). */
  const saturated = () => 1;

  it('holds the worker back while intake is busy, for at most yieldMaxMs, and lets go once intake is quiet', () => {
    const signal = new WorkSignal();
    let now = 10_000;
    const yielder = new IntakeYield(signal, config, () => now, saturated);
    expect(yielder.holding()).toBe(false); // nothing arrives: the worker runs at full speed

    // A storm of 1,000 alerts a second for 3 s: the worker yields for its first 2 s only.
    const held: boolean[] = [];
    for (let ms = 0; ms < 3_000; ms += 100) {
      now = accept(signal, now, 100, 100);
      held.push(yielder.holding());
    }
    expect(held.slice(0, 19).every(Boolean)).toBe(true);
    expect(held.slice(20).some(Boolean)).toBe(false);

    // The storm ends: no hold; a later storm may be yielded to again.
    now += 1_000;
    expect(yielder.holding()).toBe(false);
    now = accept(signal, now, 100, 100);
    expect(yielder.holding()).toBe(true);
  });

  it('keeps one storm (and its yieldMaxMs bound) across a moment the process is starved, and ends it after a sustained calm', () => {
    const signal = new WorkSignal();
    let now = 10_000;
    const yielder = new IntakeYield(signal, config, () => now, saturated);
    now = accept(signal, now, 100, 100);
    expect(yielder.holding()).toBe(true);
    const stormStart = yielder.holdingSince;

    // The machine starves the process for 300 ms: no alert is counted, the rate reads 0.
    now += 300;
    expect(yielder.holding()).toBe(false);
    now = accept(signal, now, 100, 100);
    expect(yielder.holding()).toBe(true);
    expect(yielder.holdingSince).toBe(stormStart); // the same storm: its bound still counts from its start

    // Calm for longer than STORM_CALM_MS: the next burst is a new storm.
    now += STORM_CALM_MS + 100;
    expect(yielder.holding()).toBe(false);
    now = accept(signal, now, 100, 100);
    expect(yielder.holding()).toBe(true);
    expect(yielder.holdingSince).toBeGreaterThan(stormStart!);
  });

  it('does not hold while the event loop has room: a steady flow is delivered as it comes', () => {
    const signal = new WorkSignal();
    let now = 0;
    let utilization = 0.5;
    const yielder = new IntakeYield(signal, config, () => now, () => utilization);
    now = accept(signal, now, 100, 100);
    expect(yielder.holding()).toBe(false);
    utilization = 0.95;
    expect(yielder.holding()).toBe(true);
  });

  it('never holds when yieldMaxMs is 0, nor below the busy rate', () => {
    const signal = new WorkSignal();
    let now = 0;
    const off = new IntakeYield(signal, { ...config, yieldMaxMs: 0 }, () => now, saturated);
    const calm = new IntakeYield(signal, { ...config, yieldBusyPerSecond: 5_000 }, () => now, saturated);
    now = accept(signal, now, 100, 100);
    expect(off.holding()).toBe(false);
    expect(calm.holding()).toBe(false);
  });

  it('pauses in proportion to the work it follows while holding (a tenth of the loop for the worker), and only yields a turn otherwise', async () => {
    const signal = new WorkSignal();
    let now = 0;
    const yielder = new IntakeYield(signal, config, () => now, saturated);
    // Timers fire in order of their due time, so these races do not depend on the machine's speed.
    const first = (pause: Promise<void>, timerMs: number) => Promise.race([pause.then(() => 'worker'), sleep(timerMs).then(() => 'timer')]);
    expect(await first(yielder.after(5), 1_000)).toBe('worker'); // not busy: one turn of the event loop
    now = accept(signal, now, 100, 100);
    expect(await first(yielder.after(5), 30)).toBe('timer'); // busy: 5 ms of work is followed by 45 ms for intake
  });

  it('keeps its share of the loop while holding: the worker never stops, and takes no more than yieldShare from intake', async () => {
    const signal = new WorkSignal();
    const yielder = new IntakeYield(signal, { ...config, yieldShare: 0.2, yieldMaxMs: 60_000 }, () => performance.now(), saturated);
    // The work is counted in CPU time: a machine that takes the core away mid-piece (CI runs suites side by
    // side) stretches the wall time of the run, not the work, so the share stays the yielder's doing.
    const cpuMs = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    };
    const started = performance.now();
    let working = 0;
    let pieces = 0;
    while (performance.now() - started < 600) {
      // Intake flat out all along: requests arrived while the worker paused (counted here, not by a timer
      // of its own, which a starved process fires late and the rate would read as calm).
      for (let i = 0; i < 200; i++) signal.accepted();
      const from = cpuMs();
      while (cpuMs() - from < 4); // a piece of worker work holding the loop
      const spent = cpuMs() - from;
      working += spent;
      pieces += 1;
      await yielder.after(spent);
    }
    expect(yielder.holdingSince).not.toBeNull(); // the whole run was a hold
    const share = working / (performance.now() - started);
    // 4 ms of work, then 16 ms for intake: a fifth of the loop, never more; less when timers fire late on a
    // busy machine (measured up to 60 ms per pause under a load average of 7), but it keeps moving.
    expect(share).toBeLessThanOrEqual(0.2 + 0.03);
    expect(share).toBeGreaterThan(0.02);
    expect(pieces).toBeGreaterThanOrEqual(5);
  });
});
