/**
 * @module Screenshot baselines for the e2e walks: an element's PNG compared with the committed
 * baseline (test/e2e/screenshots/) by pixelmatch, within a tolerance, so font rasterising noise
 * passes and a moved or missing control fails. `UPDATE_SCREENSHOTS=1` rewrites the baselines; a
 * missing baseline fails otherwise. Failed comparisons leave the actual and diff PNGs in
 * test-results/screenshots/ to look at.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';

const BASELINES = join(process.cwd(), 'test/e2e/screenshots');
const RESULTS = join(process.cwd(), 'test-results/screenshots');
/** Per pixel: YIQ colour distance pixelmatch ignores (anti-aliasing noise). */
const PIXEL_THRESHOLD = 0.2;
/** Per image: the share of pixels that may differ beyond that. Two runs here differ by 0 pixels; fonts of another machine by more. */
export const MAX_DIFF_RATIO = 0.005;

/**
 * Carets, animations and transitions off in the document and every shadow root, and toasts hidden
 * (they come and go on a timer), so two runs paint the same.
 */
export async function freezePage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const css = '*, *::before, *::after { caret-color: transparent !important; animation: none !important; transition: none !important; }'
      + ' ih-page-toasts, ih-toast-region { visibility: hidden !important; }';
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    const visit = (root: Document | ShadowRoot) => {
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      root.querySelectorAll('*').forEach((el) => { if (el.shadowRoot) visit(el.shadowRoot); });
    };
    visit(document);
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    (active as HTMLElement | null)?.blur();
  });
}

/**
 * Compares what the window shows, with `locator` scrolled to its top, with the baseline `name`.png;
 * returns a failure message, or null. The window, not the element: sticky parts (the wizard's button
 * bar) sit where a person sees them.
 */
export async function matchScreenshot(page: Page, locator: Locator, name: string): Promise<string | null> {
  await freezePage(page);
  await locator.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  // Two frames: the virtualizer lays out rows after a resize or scroll.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const actual = await page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' });
  const baselinePath = join(BASELINES, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(baselinePath, actual);
    return null;
  }
  if (!existsSync(baselinePath)) return `${name}: no baseline (run with UPDATE_SCREENSHOTS=1 and look at it)`;
  const a = PNG.sync.read(actual);
  const b = PNG.sync.read(readFileSync(baselinePath));
  const keep = (suffix: string, png: Buffer) => { mkdirSync(RESULTS, { recursive: true }); writeFileSync(join(RESULTS, `${name}.${suffix}.png`), png); };
  if (a.width !== b.width || a.height !== b.height) {
    keep('actual', actual);
    return `${name}: ${a.width}×${a.height} px, baseline ${b.width}×${b.height} px`;
  }
  const diff = new PNG({ width: a.width, height: a.height });
  const pixels = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: PIXEL_THRESHOLD });
  const ratio = pixels / (a.width * a.height);
  if (ratio <= MAX_DIFF_RATIO) return null;
  keep('actual', actual);
  keep('diff', PNG.sync.write(diff));
  return `${name}: ${pixels} pixels differ (${(ratio * 100).toFixed(2)} %, at most ${MAX_DIFF_RATIO * 100} %)`;
}
