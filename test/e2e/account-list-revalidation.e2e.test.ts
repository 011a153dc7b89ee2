/**
 * Issue 20: the cached repeat of an account list is a 304 in the browser. Chromium, fetching a
 * page of accounts the way the wizard's client does (hc's plain `fetch` with the bearer token, the
 * default cache mode), keeps the page (`Cache-Control: private, no-cache` + ETag) and asks again
 * with If-None-Match; the BFF answers 304 on the wire and the page still reads the whole list.
 * After the admin's Refresh finds the list changed, the next repeat gets the new list, not the old
 * copy. `npm start`'s server in demo mode (its own sandboxes), Chromium through the DevTools protocol.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { PSA_SANDBOX_KITS } from '../../bff/sandboxes/index.js';
import { startProduct, type E2eContext } from '../helpers/e2e-server.js';

let ctx: E2eContext;
let token: string;
let id: string;

beforeAll(async () => {
  ctx = await startProduct();
  token = ((await (await fetch(`${ctx.origin}/demo/token`)).json()) as { token: string }).token;
  const created = await fetch(`${ctx.origin}/api/integrations`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ vendor: 'autotask', credentials: PSA_SANDBOX_KITS.autotask.credentials }),
  });
  expect(created.status).toBe(201);
  id = ((await created.json()) as { id: string }).id;
});
afterAll(() => ctx?.stop());

/** What went over the wire for each accounts request: the If-None-Match Chromium sent and the status it got. */
async function wire(cdp: CDPSession) {
  const byId = new Map<string, { url: string; ifNoneMatch?: string; status?: number }>();
  const entry = (requestId: string) => byId.get(requestId) ?? byId.set(requestId, { url: '' }).get(requestId)!;
  cdp.on('Network.requestWillBeSent', (e) => { entry(e.requestId).url = e.request.url; });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    const header = Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'if-none-match');
    if (header) entry(e.requestId).ifNoneMatch = String(header[1]);
  });
  cdp.on('Network.responseReceivedExtraInfo', (e) => { entry(e.requestId).status = e.statusCode; });
  await cdp.send('Network.enable');
  return () => [...byId.values()].filter((r) => r.url.includes('/psa/accounts'));
}

/** One page as the wizard's client asks for it; what the page's script sees. */
const readPage = (url: string, bearer: string) => ctx.page.evaluate(async ([u, t]) => {
  const res = await fetch(u!, { method: 'GET', headers: { Authorization: `Bearer ${t}` } });
  const body = await res.json() as { total: number; items: Array<{ id: string }> };
  return { status: res.status, etag: res.headers.get('etag'), total: body.total, ids: body.items.map((a) => a.id) };
}, [url, bearer]);

describe('an account list the browser asks for again', () => {
  it('is revalidated with If-None-Match and answered 304 on the wire, while the page reads the same list', async () => {
    await ctx.page.goto(`${ctx.origin}/api/health`);
    const seen = await wire(await ctx.page.context().newCDPSession(ctx.page));
    const url = `${ctx.origin}/api/integrations/${id}/psa/accounts?offset=0&limit=2500`;
    const first = await readPage(url, token);
    expect(first.status).toBe(200);
    expect(first.ids.length).toBeGreaterThan(0);
    const second = await readPage(url, token);
    expect(second).toEqual(first);
    await expect.poll(() => seen().length).toBe(2);
    const [a, b] = seen();
    expect(a!.status).toBe(200);
    expect(a!.ifNoneMatch).toBeUndefined();
    expect(b!.ifNoneMatch).toBe(first.etag);
    expect(b!.status).toBe(304);

    // The PSA gains accounts and the admin refreshes: the next repeat reads the new list.
    await fetch(`${ctx.origin}/sandbox/autotask/_control/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ scale: first.total + 100 }) });
    const refreshed = await fetch(`${url}&refresh=true`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await refreshed.json()) as { total: number }).total).toBeGreaterThan(first.total);
    const third = await readPage(url, token);
    expect(third.total).toBeGreaterThan(first.total);
    expect(third.etag).not.toBe(first.etag);
    await expect.poll(() => seen().length).toBe(3);
    expect(seen()[2]!.status).toBe(200);
  });
});
