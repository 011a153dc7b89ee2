/**
 * @module Starts the real product as `npm start` does (demo mode, sandboxes, built elements) on a
 * free port with a temp database, and a Chromium page through playwright-core (in a context of its
 * own on the run's shared Chromium, or in a Chromium of its own: e2e-chromium.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { start } from '../../bff/server.js';
import { openChromium } from './e2e-chromium.js';

export interface E2eContext {
  origin: string;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

export async function startProduct(env: Record<string, string> = {}): Promise<E2eContext> {
  const dir = mkdtempSync(join(tmpdir(), 'ih-e2e-'));
  const settings = { PORT: '0', DATABASE_PATH: join(dir, 'hub.db'), LOG_LEVEL: 'warn', DEMO_MODE: 'true', ...env };
  const server = await start(settings);
  // Demo mode loads and seeds its vendor sandboxes on the first request to one (server.ts): done here,
  // in set-up, rather than inside the first wizard step's wait, where on a busy machine (CI runs the
  // browser suites side by side) that one-time cost outlasted the step's 8 s and failed the walk.
  if (settings.DEMO_MODE === 'true') await fetch(`${server.origin}/sandbox/`);
  const browser = await openChromium();
  const page = await browser.newPage();
  return {
    origin: server.origin,
    browser,
    page,
    async stop() {
      await browser.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core in the page and returns its violations (id and targets). */
export async function axeViolations(page: Page, include?: string): Promise<Array<{ id: string; nodes: string[] }>> {
  await page.addScriptTag({ path: join(process.cwd(), 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async (selector) => {
    const result = await (window as any).axe.run(selector ? document.querySelector(selector) : document);
    return result.violations.map((v: any) => ({ id: v.id, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
  }, include);
}
