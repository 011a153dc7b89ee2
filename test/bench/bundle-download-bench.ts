/**
 * @module The elements as Chromium downloads them (issue 20, item 6): the built `dist/elements`
 * served by the real BFF (`npm start`'s server, demo mode, brotli from the build's precompressed
 * files), a minimal host page per case, a fresh browser context per round (nothing cached), and every
 * JS byte recorded through CDP's Network domain (the body as it came over the wire, brotli-encoded,
 * headers left out) until the case is usable, then until the network has been quiet for a moment,
 * so code fetched just after the first paint still counts.
 *
 * Cases, each with the lazy loader (`integration-elements-loader.js`) and with the full entry
 * (`integration-elements.js`, what every host loaded before) alternating in every round:
 * - PSA step 1: `<integration-hub>` around `<psa-wizard vendor="autotask">`; usable when a field of
 *   the Credentials step takes focus. Goal ≤ 45 KB brotli.
 * - `<integration-list>` alone; usable when its Add button takes focus. Goal ≤ 20 KB brotli.
 * Prints min / median / max KB per case and entry over the rounds, the goal, and the chunks of the
 * last round. A missing or stale build is built first. A build without the loader (before issue 20)
 * measures the full entry only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { buildElementsIfStale } from '../../scripts/build-elements-if-stale.js';
import { startProduct, type E2eContext } from '../helpers/e2e-server.js';

const DIST = 'dist/elements';
const FULL = 'integration-elements.js';
const LOADER = 'integration-elements-loader.js';
/** Quiet this long after the case is usable, with no JS request pending, ends the recording. */
const QUIET_MS = 500;

interface Case {
  name: string;
  goalKb: number;
  body: string;
  /** Runs in the page: true once the case is usable (a field or button inside the elements holds focus). */
  usable: string;
}

/** Finds `selector` through open shadow roots, focuses it, and says whether it now holds focus. */
const FOCUS_DEEP = (selector: string) => `(() => {
  const find = (root) => {
    const hit = root.querySelector(${JSON.stringify(selector)});
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const inner = find(el.shadowRoot); if (inner) return inner; }
    return null;
  };
  const target = find(document);
  if (!target) return false;
  target.focus();
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  return active === target;
})()`;

const CASES: Case[] = [
  {
    name: 'PSA step 1 (hub + <psa-wizard>)',
    goalKb: 45,
    body: '<integration-hub api-base="/api"><psa-wizard vendor="autotask"></psa-wizard></integration-hub>',
    usable: FOCUS_DEEP('input:not([type="hidden"])'),
  },
  {
    name: '<integration-list> alone',
    goalKb: 20,
    body: '<integration-list kind="psa" api-base="/api"></integration-list>',
    usable: FOCUS_DEEP('[part~="add-button"]'),
  },
];

/** A host page as a portal writes it: the token from its backend, then the elements' script. */
function hostPage(c: Case, entry: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bundle bench</title></head><body>
${c.body}
<script type="module">
  const { token } = await (await fetch('/demo/session')).json();
  for (const el of document.querySelectorAll('integration-hub, integration-list')) el.token = token;
  await import('/elements/${entry}');
</script></body></html>`;
}

interface Download { file: string; bytes: number }

/** Every JS response's body bytes as received (encoded), by file name, until usable and then quiet. */
async function measure(ctx: E2eContext, c: Case, entry: string): Promise<{ downloads: Download[]; ms: number }> {
  const context = await ctx.browser.newContext();
  const page: Page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  const pending = new Map<string, { url: string; headerBytes: number }>();
  const downloads: Download[] = [];
  let lastActivity = performance.now();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  cdp.on('Network.responseReceived', (e) => {
    if (e.type !== 'Script') return;
    pending.set(e.requestId, { url: e.response.url, headerBytes: e.response.encodedDataLength });
    lastActivity = performance.now();
  });
  cdp.on('Network.loadingFinished', (e) => {
    const started = pending.get(e.requestId);
    if (!started) return;
    pending.delete(e.requestId);
    downloads.push({ file: started.url.replace(/^.*\//, ''), bytes: e.encodedDataLength - started.headerBytes });
    lastActivity = performance.now();
  });
  const page_url = `${ctx.origin}/bench/host.html`;
  await page.route(page_url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: hostPage(c, entry) }));
  const began = performance.now();
  await page.goto(page_url);
  await page.waitForFunction(c.usable, undefined, { timeout: 30_000, polling: 20 });
  const ms = performance.now() - began;
  while (pending.size > 0 || performance.now() - lastActivity < QUIET_MS) await new Promise((r) => setTimeout(r, 50));
  await context.close();
  return { downloads, ms };
}

const kb = (bytes: number) => bytes / 1024;
const spread = (values: number[], digits = 1) => {
  const s = [...values].sort((a, b) => a - b);
  return `${s[0]!.toFixed(digits)} / ${s[Math.floor(s.length / 2)]!.toFixed(digits)} / ${s[s.length - 1]!.toFixed(digits)}`;
};
const total = (d: Download[]) => d.reduce((n, x) => n + x.bytes, 0);

export async function bundleDownloadBenchmark(rounds: number): Promise<void> {
  // Measures what the sources build to now: a missing or stale build is rebuilt first (as `npm start` does).
  await buildElementsIfStale();
  const entries = existsSync(`${DIST}/${LOADER}`) ? [FULL, LOADER] : [FULL];
  const ctx = await startProduct();
  try {
    console.log(`\nJS a host page downloads, as Chromium receives it (brotli, real BFF, cold cache; ${rounds} rounds alternating the entries; KB min / median / max)`);
    for (const c of CASES) {
      const results = new Map<string, Array<{ downloads: Download[]; ms: number }>>(entries.map((e) => [e, []]));
      for (let round = 0; round < rounds; round++) {
        // Alternate which entry goes first, so neither always meets a warmer server.
        for (const entry of round % 2 === 0 ? entries : [...entries].reverse()) results.get(entry)!.push(await measure(ctx, c, entry));
      }
      console.log(`  ${c.name}  (goal ≤ ${c.goalKb} KB brotli)`);
      for (const entry of entries) {
        const runs = results.get(entry)!;
        const sizes = runs.map((r) => kb(total(r.downloads)));
        const median = [...sizes].sort((a, b) => a - b)[Math.floor(sizes.length / 2)]!;
        const verdict = median <= c.goalKb ? 'goal met' : `over the goal by ${(median - c.goalKb).toFixed(1)} KB`;
        console.log(`    ${entry.padEnd(32)} ${spread(sizes).padStart(20)} KB in ${runs.at(-1)!.downloads.length} files, usable after ${spread(runs.map((r) => r.ms), 0)} ms: ${verdict}`);
      }
      const last = results.get(entries.at(-1)!)!.at(-1)!.downloads;
      console.log(`    chunks (${entries.at(-1)}, last round; on disk: the build's .br):`);
      for (const d of [...last].sort((a, b) => b.bytes - a.bytes)) {
        const onDisk = existsSync(`${DIST}/${d.file}.br`) ? readFileSync(`${DIST}/${d.file}.br`).length : undefined;
        console.log(`      ${kb(d.bytes).toFixed(1).padStart(6)} KB  ${d.file}${onDisk !== undefined && onDisk !== d.bytes ? `  (.br on disk ${kb(onDisk).toFixed(1)} KB)` : ''}`);
      }
    }
  } finally {
    await ctx.stop();
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) await bundleDownloadBenchmark(Number(process.env.BENCH_ROUNDS ?? 3));
