/**
 * Cross-origin embedding (issue 11, item 12), as a real portal does it: the host page lives on its
 * own origin (a second HTTP server on another port) and loads the elements and calls the API on the
 * BFF's origin through the lazy loader. The allowed origin completes the PSA wizard's Credentials step
 * (Account Mapping appears, its lazily loaded chunks included); a page on an origin not in
 * ALLOWED_ORIGINS is refused by Chromium itself. The token's lifecycle (issue 17, item 11): a page
 * handed an expired token, and one whose token expires while the admin is on a step, both renew it
 * through `token-required`, and the refused call is sent again and succeeds. Needs the built
 * elements: `npx vite build` first (npm test does).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type E2eContext } from '../helpers/e2e-server.js';

let ctx: E2eContext;
let allowedHost: HostPage;
let otherHost: HostPage;

interface HostPage { origin: string; server: Server }

/**
 * A host portal: its backend asks the BFF for a token (the demo session stands in for the portal's
 * own signer) and renders a Settings page that loads the elements from the BFF's origin.
 */
async function startHostPage(bff: () => string): Promise<HostPage> {
  const server = createServer(async (req, res) => {
    // The portal's backend: a fresh token for its page (the demo session stands in for its own signer).
    if (req.url === '/token') {
      const { token } = await (await fetch(`${bff()}/demo/session`)).json() as { token: string };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token }));
      return;
    }
    if (req.url === '/expired') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(await expiredTokenPage(bff()));
    if (req.url === '/expiring') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(await expiringTokenPage(bff()));
    if (req.url !== '/') { res.writeHead(404).end(); return; }
    const { token } = await (await fetch(`${bff()}/demo/session`)).json() as { token: string };
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner portal · Settings</title>
<script type="module" src="${bff()}/elements/integration-elements-loader.js" onerror="window.elementsFailed = true"></script>
</head><body><main><h1>Settings</h1>
<integration-hub api-base="${bff()}/api"><psa-wizard vendor="autotask"></psa-wizard></integration-hub>
</main>
<script type="module">document.querySelector('integration-hub').token = ${JSON.stringify(token)};</script>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * A page handed a token that has already expired: it answers the hub's `token-required` from its
 * backend, as the README says, and counts what it heard.
 */
async function expiredTokenPage(bff: string): Promise<string> {
  const { token } = await (await fetch(`${bff}/demo/token?ttl=1`)).json() as { token: string };
  await new Promise((resolve) => setTimeout(resolve, 2_100)); // past its one-second life (exp has second precision)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner portal · Settings</title>
<script type="module" src="${bff}/elements/integration-elements-loader.js"></script>
</head><body><main><h1>Settings</h1>
<integration-hub api-base="${bff}/api"><psa-wizard vendor="autotask"></psa-wizard></integration-hub>
</main>
<script type="module">
  const hub = document.querySelector('integration-hub');
  window.heard = { expired: 0, required: 0 };
  document.addEventListener('token-expired', () => { window.heard.expired += 1; });
  hub.addEventListener('token-required', async () => {
    window.heard.required += 1;
    hub.token = (await (await fetch('/token')).json()).token;
  });
  hub.token = ${JSON.stringify(token)};
</script>
</body></html>`;
}

/**
 * A page whose token is good for three seconds (time enough to load on a busy machine): it expires
 * while the admin works. The page answers
 * `token-required` from its backend once the test lets it (`window.renew()`), so the state the
 * wizard shows meanwhile can be seen; it counts what it heard.
 */
async function expiringTokenPage(bff: string): Promise<string> {
  const { token } = await (await fetch(`${bff}/demo/token?ttl=3`)).json() as { token: string };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner portal · Settings</title>
<script type="module" src="${bff}/elements/integration-elements.js"></script>
</head><body><main><h1>Settings</h1>
<integration-hub api-base="${bff}/api"><psa-wizard vendor="autotask"></psa-wizard></integration-hub>
</main>
<script type="module">
  const hub = document.querySelector('integration-hub');
  window.heard = { expired: 0, required: 0 };
  window.expiresAt = JSON.parse(atob(${JSON.stringify(token)}.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000;
  const renewal = new Promise((resolve) => { window.renew = resolve; });
  document.addEventListener('token-expired', () => { window.heard.expired += 1; });
  hub.addEventListener('token-required', async () => {
    window.heard.required += 1;
    await renewal;
    hub.token = (await (await fetch('/token')).json()).token;
  });
  hub.token = ${JSON.stringify(token)};
</script>
</body></html>`;
}

beforeAll(async () => {
  let bffOrigin = '';
  // The host pages listen first: the BFF's ALLOWED_ORIGINS must name the allowed one's port.
  allowedHost = await startHostPage(() => bffOrigin);
  otherHost = await startHostPage(() => bffOrigin);
  ctx = await startProduct({ ALLOWED_ORIGINS: allowedHost.origin });
  bffOrigin = ctx.origin;
});
afterAll(async () => {
  await ctx?.stop();
  for (const host of [allowedHost, otherHost]) await new Promise((done) => host?.server.close(done));
});

/** The step on screen: null while the step's code is still arriving (the lazy loader's `step-loading`). */
const step = () => ctx.page.evaluate(() => {
  const wizard = document.querySelector('psa-wizard');
  return wizard?.shadowRoot?.querySelector('.step-loading') ? null : wizard?.step ?? null;
});

describe('a host page on another origin', () => {
  it('loads the elements from the BFF and completes the PSA Credentials step', async () => {
    const { page } = ctx;
    const fromBff: string[] = [];
    const failures: string[] = [];
    page.on('requestfinished', (r) => { if (r.url().startsWith(ctx.origin)) fromBff.push(new URL(r.url()).pathname); });
    page.on('requestfailed', (r) => failures.push(`${r.url()} ${r.failure()?.errorText}`));
    page.on('pageerror', (e) => failures.push(e.message));

    await page.goto(`${allowedHost.origin}/`);
    expect(new URL(page.url()).origin).not.toBe(ctx.origin);
    // The first page of the file: the elements' code arrives from the BFF (seconds on a loaded machine), as the later walks allow.
    await expect.poll(step, { timeout: 15_000 }).toBe('credentials');
    await page.getByLabel('API Username').fill('api-user@sandbox.example');
    await page.getByLabel('API Password (secret)').fill('sandbox-secret');
    await page.getByRole('button', { name: 'Next' }).click();

    await expect.poll(step, { timeout: 15_000 }).toBe('account-mapping');
    await page.getByRole('heading', { name: /Account Mapping/ }).waitFor();
    await page.getByText(/^Showing \d+ of \d+ PSA accounts/).waitFor();
    // The loader fetched the wizard's code and each step's as lazily imported chunks: they too came cross-origin.
    expect(fromBff.filter((p) => /^\/elements\/.+-[\w-]{8}\.js$/.test(p)).length).toBeGreaterThan(2);
    expect(fromBff).toContain('/elements/integration-elements-loader.js');
    expect(fromBff.filter((p) => p.startsWith('/api/')).length).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});

describe('a host page whose token has expired', () => {
  it('renews it through token-required and the wizard goes on with the refused call sent again', async () => {
    const { page } = ctx;
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.goto(`${allowedHost.origin}/expired`);
    // The partner's draft from the walk above is read with the new token: the wizard resumes it.
    await expect.poll(step, { timeout: 15_000 }).toBe('account-mapping');
    const heard = await page.evaluate(() => (window as unknown as { heard: { expired: number; required: number } }).heard);
    expect(heard.required).toBe(1);
    expect(heard.expired).toBeGreaterThan(0);
    expect(await page.locator('psa-wizard').evaluate((w) => w.shadowRoot!.querySelector('[part~="token-expired"]'))).toBeNull();
    expect(failures).toEqual([]);
  });
});

describe('a host page whose token expires while the admin works', () => {
  it('shows the session expired, renews the token through token-required, and the refused Next is sent again and succeeds', async () => {
    const { page } = ctx;
    // No PSA yet: the walks above left a draft, which would open past the Credentials step.
    const { token } = await (await fetch(`${ctx.origin}/demo/token`)).json() as { token: string };
    const admin = { Authorization: `Bearer ${token}` };
    for (const row of (await (await fetch(`${ctx.origin}/api/integrations?kind=psa`, { headers: admin })).json()).integrations) {
      await fetch(`${ctx.origin}/api/integrations/${row.id}`, { method: 'DELETE', headers: admin });
    }
    const calls: Array<{ call: string; status: number; auth: string }> = [];
    page.on('response', (r) => {
      if (r.url().startsWith(`${ctx.origin}/api/`)) calls.push({ call: `${r.request().method()} ${new URL(r.url()).pathname}`, status: r.status(), auth: r.request().headers().authorization ?? '' });
    });
    await page.goto(`${allowedHost.origin}/expiring`);
    await expect.poll(step, { timeout: 15_000 }).toBe('credentials');
    await page.getByLabel('API Username').fill('api-user@sandbox.example');
    await page.getByLabel('API Password (secret)').fill('sandbox-secret');
    // The token's three seconds pass while the admin is on the step.
    const expiresAt = await page.evaluate(() => (window as unknown as { expiresAt: number }).expiresAt);
    await expect.poll(() => Date.now() > expiresAt, { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: 'Next' }).click();

    // Meanwhile the wizard says so, the host has been asked once, and nothing was lost.
    const expiredNotice = page.locator('psa-wizard [part~="token-expired"][role="alert"]');
    await expiredNotice.waitFor();
    const heard = () => page.evaluate(() => (window as unknown as { heard: { expired: number; required: number } }).heard);
    expect((await heard()).required).toBe(1);
    expect(await step()).toBe('credentials');
    const refused = calls.filter((c) => c.status === 401);
    expect(refused.map((c) => c.call)).toContain('POST /api/integrations');

    await page.evaluate(() => (window as unknown as { renew: () => void }).renew());
    await expect.poll(step, { timeout: 15_000 }).toBe('account-mapping');
    expect(await expiredNotice.count()).toBe(0);
    expect((await heard()).required).toBe(1);
    // Each refused call was sent once more, with the new token, and succeeded.
    for (const r of refused) {
      const again = calls.slice(calls.indexOf(r) + 1).filter((c) => c.call === r.call);
      expect(again.map((c) => c.status < 400 && c.auth !== r.auth), r.call).toEqual([true]);
    }
    const stored = (await (await fetch(`${ctx.origin}/api/integrations?kind=psa`, { headers: admin })).json()).integrations;
    expect(stored.map((row: { vendor: string }) => row.vendor)).toEqual(['autotask']);
  });
});

describe('a host page on an origin not in ALLOWED_ORIGINS', () => {
  it('is refused by the browser: the elements do not load and the API cannot be called', async () => {
    const page = await ctx.browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(`${otherHost.origin}/`);
    await expect.poll(() => page.evaluate(() => (window as { elementsFailed?: boolean }).elementsFailed === true)).toBe(true);
    expect(await page.evaluate(() => customElements.get('psa-wizard') === undefined)).toBe(true);
    expect(consoleErrors.join('\n')).toMatch(/blocked by CORS policy/);

    const calls = await page.evaluate(async (bff) => {
      const attempt = (init?: RequestInit) => fetch(`${bff}/api/integrations`, init).then((r) => `answered ${r.status}`, (e: Error) => e.name);
      return { simple: await attempt(), withToken: await attempt({ headers: { Authorization: 'Bearer x' } }) };
    }, ctx.origin);
    expect(calls).toEqual({ simple: 'TypeError', withToken: 'TypeError' });
    await page.close();
  });
});
