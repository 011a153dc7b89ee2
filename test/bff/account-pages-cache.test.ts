/**
 * The account pages the wizard asks for again (bff/services/list-pages.ts) as a browser's cache
 * meets them: an unchanged list answers 304 to the ETag it holds; a changed list (the PSA gained
 * accounts, the admin pressed Refresh) answers a new page under a new ETag; and the cache is the
 * integration's, so another partner never gets someone else's page, not even as a 304. Against the
 * sandboxes over HTTP, on both engines (test/vitest.pg.config.ts includes test/bff/*.test.ts).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PSA_SANDBOX_KITS } from '../../bff/sandboxes/index.js';
import { createTestApp, type TestApp } from '../helpers/create-test-app.js';
import { startSandboxServer } from '../helpers/sandbox-server.js';
import { control, type RunningServer } from '../helpers/serve.js';

let sandbox: RunningServer;
let t: TestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => { t = await createTestApp({ sandboxOrigin: sandbox.origin }); });
afterEach(async () => {
  await control(sandbox.origin, 'autotask', 'seed', {}); // back to the default accounts for the next test
  await t.close();
});

/** What Chromium sends besides the token. */
const BROWSER = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };

async function connect(vendor: 'autotask' | 'kaseya-bms', token?: string): Promise<string> {
  const res = await t.call('POST', '/api/integrations', { token, body: { vendor, credentials: PSA_SANDBOX_KITS[vendor].credentials } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const firstPage = (id: string) => `/api/integrations/${id}/psa/accounts?offset=0&limit=2500`;

describe('account pages under a browser cache', () => {
  it('answers 304 to the held ETag while the list is unchanged, every time, with the same ETag', async () => {
    const id = await connect('autotask');
    const first = await t.call('GET', firstPage(id), { headers: BROWSER });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    for (let i = 0; i < 3; i++) {
      const again = await t.call('GET', firstPage(id), { headers: { ...BROWSER, 'If-None-Match': etag } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
    }
  });

  it('gives a changed list a new ETag: the held one then gets the new page, not a 304', async () => {
    const id = await connect('autotask');
    const before = await t.call('GET', firstPage(id));
    const held = before.headers.get('etag')!;
    const beforeTotal = ((await before.json()) as { total: number }).total;
    await control(sandbox.origin, 'autotask', 'seed', { scale: beforeTotal + 150 });
    // Refresh (as the wizard's Refresh asks) loads the PSA's list again.
    const refreshed = await t.call('GET', `${firstPage(id)}&refresh=true`, { headers: { 'If-None-Match': held } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('etag')).not.toBe(held);
    expect(((await refreshed.json()) as { total: number }).total).toBeGreaterThan(beforeTotal);
    const revalidated = await t.call('GET', firstPage(id), { headers: { 'If-None-Match': held } });
    expect(revalidated.status).toBe(200);
    const fresh = refreshed.headers.get('etag')!;
    expect((await t.call('GET', firstPage(id), { headers: { 'If-None-Match': fresh } })).status).toBe(304);
  });

  it('never answers another partner from an integration’s cached pages, not with a 304 either', async () => {
    const id = await connect('autotask');
    const page = await t.call('GET', firstPage(id), { headers: BROWSER });
    const etag = page.headers.get('etag')!;
    const other = await t.token('partner-b');
    const stranger = await t.call('GET', firstPage(id), { token: other, headers: { ...BROWSER, 'If-None-Match': etag } });
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get('etag')).toBeNull();
    const refused = await stranger.json() as Record<string, unknown>;
    expect(refused).not.toHaveProperty('items');
    expect(refused).not.toHaveProperty('total');
    // The other partner's own PSA has its own pages: the first partner's ETag is not theirs.
    const theirs = await connect('kaseya-bms', other);
    const own = await t.call('GET', firstPage(theirs), { token: other, headers: { 'If-None-Match': etag } });
    expect(own.status).toBe(200);
    expect(own.headers.get('etag')).not.toBe(etag);
  });
});
