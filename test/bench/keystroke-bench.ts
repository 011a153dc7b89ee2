/**
 * @module Filter keystroke → next paint in the account-mapping table with 10,000 Autotask accounts
 * (issue 20, goal: Event Timing median ≤ 16 ms with the CPU throttled 4×). The real product (BFF,
 * sandbox, built elements) in Chromium; a realistic query typed key by key, a typo corrected with
 * Backspace and the box cleared again. Baseline: a plain `<input>` on the same page, typed the same
 * way, alternating with the product every round, at 1× and 4× CPU (CDP Emulation.setCPUThrottlingRate).
 *
 * Per key, three readings:
 * - Event Timing: the longest PerformanceEventTiming entry (keydown, keypress, input, keyup) of that
 *   key. Chromium reports only entries of ≥ 16 ms (the smallest durationThreshold) and rounds durations
 *   to 8 ms, so a key without an entry counts as "< 16" and the median is then "< 16".
 * - processing: processingEnd − processingStart summed over that key's reported entries (the handlers).
 * - next paint: from the keydown's timeStamp to a task queued by the next requestAnimationFrame
 *   (which runs once that frame is painted): a continuous cross-check below 16 ms.
 */
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import type { CDPSession, Page } from 'playwright-core';
import { startProduct } from '../helpers/e2e-server.js';

const GOAL_MS = 16;
/** A person looking for "Granite Dental": a typo ("dnet"), corrected, then the box cleared. */
const KEYS = [...'granite d', ...'net', 'Backspace', 'Backspace', 'Backspace', ...'ental', ...Array<string>(16).fill('Backspace')];
/** Time between keys: a brisk typist, and long enough for a throttled frame to finish before the next key. */
const GAP_MS = 150;

interface KeyReading { eventTiming: number | null; processing: number | null; nextPaint: number }
type Target = 'baseline' | 'product';

/** Installs the observers once: every Event Timing entry, and per keydown its next-paint time. */
export async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __keys: Array<{ t: number; paint: number }>; __events: Array<{ name: string; startTime: number; duration: number; processing: number }> };
    w.__keys = [];
    w.__events = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as PerformanceEventTiming[]) {
        w.__events.push({ name: e.name, startTime: e.startTime, duration: e.duration, processing: e.processingEnd - e.processingStart });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
    window.addEventListener('keydown', (e) => {
      const key = { t: e.timeStamp, paint: 0 };
      w.__keys.push(key);
      // rAF runs before the frame is painted; the task queued from it runs after that paint.
      requestAnimationFrame(() => setTimeout(() => { key.paint = performance.now() - e.timeStamp; }));
    }, { capture: true });
    // The baseline: a plain input in the page itself, with no listener of its own.
    const plain = document.createElement('input');
    plain.id = 'bench-plain-input';
    plain.setAttribute('aria-label', 'Plain input (benchmark baseline)');
    plain.style.cssText = 'position: fixed; inset-block-start: 0; inset-inline-end: 0; z-index: 10;';
    document.body.append(plain);
  });
}

/** Types KEYS into the target and returns one reading per key. */
export async function typeRound(page: Page, target: Target): Promise<KeyReading[]> {
  await page.evaluate((which) => {
    const w = window as unknown as { __keys: unknown[]; __events: unknown[] };
    w.__keys = [];
    w.__events = [];
    const table = document.querySelector('psa-wizard')!.shadowRoot!.querySelector('ih-psa-account-mapping-step')!.shadowRoot!.querySelector('ih-psa-account-table')!;
    const input = which === 'product' ? table.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')! : document.querySelector<HTMLInputElement>('#bench-plain-input')!;
    input.focus();
  }, target);
  await page.waitForTimeout(200);
  for (const key of KEYS) {
    await page.keyboard.press(key);
    await page.waitForTimeout(GAP_MS);
  }
  await page.waitForTimeout(300);
  const { keys, events, value } = await page.evaluate((which) => {
    const w = window as unknown as { __keys: Array<{ t: number; paint: number }>; __events: Array<{ name: string; startTime: number; duration: number; processing: number }> };
    const table = document.querySelector('psa-wizard')!.shadowRoot!.querySelector('ih-psa-account-mapping-step')!.shadowRoot!.querySelector('ih-psa-account-table')!;
    const input = which === 'product' ? table.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')! : document.querySelector<HTMLInputElement>('#bench-plain-input')!;
    return { keys: w.__keys, events: w.__events, value: input.value };
  }, target);
  if (keys.length !== KEYS.length) throw new Error(`${target}: saw ${keys.length} keydowns for ${KEYS.length} keys`);
  if (value !== '') throw new Error(`${target}: the box should be empty after the round, holds "${value}"`);
  return keys.map((k, i) => {
    const end = keys[i + 1]?.t ?? Infinity;
    const mine = events.filter((e) => e.startTime >= k.t && e.startTime < end);
    return {
      eventTiming: mine.length ? Math.max(...mine.map((e) => e.duration)) : null,
      processing: mine.length ? mine.reduce((n, e) => n + e.processing, 0) : null,
      nextPaint: k.paint,
    };
  });
}

/** Median where null means "below Event Timing's 16 ms threshold" (sorted first). */
function medianOf(values: Array<number | null>): number | null {
  const sorted = [...values].sort((a, b) => (a ?? -1) - (b ?? -1));
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}
const spread = (values: number[], digits = 1) => {
  const s = [...values].sort((a, b) => a - b);
  return `${s[0]!.toFixed(digits)} / ${s[Math.floor((s.length - 1) / 2)]!.toFixed(digits)} / ${s[s.length - 1]!.toFixed(digits)}`;
};
const et = (v: number | null) => (v === null ? '<16' : String(Math.round(v)));
const etSpread = (values: Array<number | null>) => {
  const s = [...values].sort((a, b) => (a ?? -1) - (b ?? -1));
  return `${et(s[0]!)} / ${et(s[Math.floor((s.length - 1) / 2)]!)} / ${et(s[s.length - 1]!)}`;
};

/** Seeds 10,000 Autotask accounts and opens a new Autotask wizard with its credentials filled in (Next not yet pressed). */
export async function fillAutotaskCredentials(page: Page, origin: string): Promise<void> {
  await page.addInitScript('window.__name = (f) => f;'); // tsx's keepNames helper, absent in the page
  const seeded = await fetch(`${origin}/sandbox/autotask/_control/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scale: 10_000 }) });
  if (!seeded.ok) throw new Error(`seeding 10,000 accounts failed: ${seeded.status}`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'Add PSA' }).click();
  await page.getByRole('button', { name: 'Autotask' }).click();
  await page.getByLabel('API Username').fill('api-user@sandbox.example');
  await page.getByLabel('API Password (secret)').fill('sandbox-secret');
}

export async function openMappingStep(page: Page, origin: string): Promise<void> {
  await fillAutotaskCredentials(page, origin);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForFunction(() => {
    const table = document.querySelector('psa-wizard')?.shadowRoot?.querySelector('ih-psa-account-mapping-step')?.shadowRoot?.querySelector('ih-psa-account-table') as (HTMLElement & { accounts: unknown[]; organizations: unknown[] }) | null | undefined;
    return (table?.accounts.length ?? 0) >= 10_000 && (table?.organizations.length ?? 0) > 0;
  }, undefined, { timeout: 60_000, polling: 50 });
  await page.evaluate(() => {
    const table = document.querySelector('psa-wizard')!.shadowRoot!.querySelector('ih-psa-account-mapping-step')!.shadowRoot!.querySelector('ih-psa-account-table')!;
    table.shadowRoot!.querySelector('.viewport')!.scrollIntoView({ block: 'end' });
  });
  await page.waitForTimeout(500);
}

async function throttle(cdp: CDPSession, rate: number): Promise<void> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

export async function keystrokeBenchmark(rounds = Number(process.env.BENCH_ROUNDS ?? 3), options: { build?: boolean } = {}): Promise<void> {
  if (options.build !== false) {
    const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('vite build failed');
  }
  const ctx = await startProduct();
  try {
    const { page, origin } = ctx;
    await openMappingStep(page, origin);
    await instrument(page);
    const cdp = await page.context().newCDPSession(page);
    console.log(`\nFilter keystroke → next paint, account mapping with 10,000 Autotask accounts (Chromium, ${KEYS.length} keys a round, ${rounds} rounds alternating with a plain <input>)`);
    console.log(`  keys: ${KEYS.map((k) => (k === 'Backspace' ? '⌫' : k)).join('')}, ${GAP_MS} ms apart`);
    console.log('  each figure: the median over a round\'s keys, then min / median / max over the rounds; "<16": no Event Timing entry');
    console.log('  (under Chromium\'s 16 ms threshold), so under 16 ms; processing = the handlers\' time in those entries');
    for (const rate of [1, 4]) {
      await throttle(cdp, rate);
      await typeRound(page, 'product'); // warm-up: JIT and the first filters
      const byTarget: Record<Target, KeyReading[][]> = { baseline: [], product: [] };
      for (let r = 0; r < rounds; r++) {
        const order: Target[] = r % 2 ? ['product', 'baseline'] : ['baseline', 'product'];
        for (const target of order) byTarget[target].push(await typeRound(page, target));
      }
      await throttle(cdp, 1);
      const etMedians = (t: Target) => byTarget[t].map((round) => medianOf(round.map((k) => k.eventTiming)));
      const paintMedians = (t: Target) => byTarget[t].map((round) => medianOf(round.map((k) => k.nextPaint))!);
      const processing = (t: Target) => byTarget[t].map((round) => medianOf(round.map((k) => k.processing)));
      const slow = (t: Target) => byTarget[t].map((round) => (100 * round.filter((k) => (k.eventTiming ?? 0) > GOAL_MS).length) / round.length);
      const worst = (t: Target) => byTarget[t].map((round) => Math.max(...round.map((k) => k.eventTiming ?? 0)));
      const ratios = byTarget.product.map((_, i) => paintMedians('product')[i]! / paintMedians('baseline')[i]!);
      const productEt = medianOf(etMedians('product'));
      console.log(`  CPU ${rate}×`);
      for (const t of ['baseline', 'product'] as const) {
        const label = t === 'baseline' ? 'plain <input>' : 'account table';
        console.log(`    ${label.padEnd(14)} Event Timing median ${etSpread(etMedians(t)).padEnd(16)} ms  processing ${etSpread(processing(t)).padEnd(14)} ms  next paint ${spread(paintMedians(t))} ms  keys > 16 ms ${spread(slow(t), 0)} %  worst ${spread(worst(t), 0)} ms`);
      }
      console.log(`    ratio table ÷ plain input (next paint medians) ${spread(ratios, 2)}`);
      console.log(`    goal: Event Timing median ≤ ${GOAL_MS} ms${rate === 4 ? '' : ' (goal is set at 4×)'}: ${productEt === null || productEt <= GOAL_MS ? 'met' : 'MISSED'} (median of round medians ${et(productEt)} ms)`);
    }
  } finally {
    await ctx.stop();
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) await keystrokeBenchmark(Number(process.env.BENCH_ROUNDS ?? 3), { build: process.env.BENCH_NO_BUILD !== '1' });
