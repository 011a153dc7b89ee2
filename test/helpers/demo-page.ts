/**
 * @module The demo portal for one end-to-end walk file (vitest hooks): kept apart from e2e-server.ts,
 * which the benchmarks import outside vitest.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { startProduct, type E2eContext } from './e2e-server.js';

const BUNDLE = 'dist/elements/integration-elements.js';

/**
 * The demo portal for one wizard walk file: the product started once (vitest hooks), the page open
 * on its Settings page, and the BFF's API as the demo admin, to check what was stored.
 */
export function useDemoPage(): { readonly ctx: E2eContext; api(path: string): Promise<any> } {
  let ctx: E2eContext | undefined;
  let token = '';
  beforeAll(async () => {
    if (!existsSync(BUNDLE) || !readFileSync(BUNDLE, 'utf8').includes('psa-wizard')) throw new Error('Build the elements first: npx vite build');
    ctx = await startProduct();
    token = (await (await fetch(`${ctx.origin}/demo/session`)).json()).token;
    await ctx.page.goto(`${ctx.origin}/`);
    await ctx.page.locator('integration-list[kind="psa"]').waitFor();
  });
  afterAll(() => ctx?.stop());
  return {
    get ctx() {
      if (!ctx) throw new Error('The demo page is not started yet (use it inside a test).');
      return ctx;
    },
    api: async (path) => (await fetch(`${ctx!.origin}/api${path}`, { headers: { Authorization: `Bearer ${token}` } })).json(),
  };
}
