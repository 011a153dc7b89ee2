/**
 * @module No vendor call follows a redirect. Every vendor's sandbox sits behind a loopback "vendor
 * host" that answers one of its calls (token endpoint, zone or codebase lookup, or a credentialed
 * API call) with a 302 to a second loopback listener standing in for an attacker's host (or the
 * cloud metadata address). That listener must see nothing, the redirecting call must not be
 * repeated, and the admin's error names the vendor and the target's host only, never its body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PSA_SANDBOX_KITS } from '../../../bff/sandboxes/index.js';
import type { HaloPsaCredentials, VendorCredentials } from '../../../bff/contracts/credentials.js';
import { createAdapterContext, REAL_ENDPOINTS, sandboxEndpoints, type AdapterContext } from '../../../bff/vendors/adapter-context.js';
import { createPsaAdapter, createRmmAdapter } from '../../../bff/vendors/registry.js';
import { isPsaVendor, VENDOR_LABELS, VENDORS, type Vendor } from '../../../bff/contracts/vendor-catalog.js';
import { createHaloPsaAdapter } from '../../../bff/vendors/halopsa/halopsa.adapter.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { startServer, type RunningServer } from '../../helpers/serve.js';
import { SANDBOX_INTEGRATION_CODE } from '../../suites/sandboxed-adapter.js';

const RMM_CREDENTIALS = {
  'datto-rmm': { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' },
  syncro: { subdomain: 'sandbox', apiToken: 'sandbox-token' },
} as const;
const BODY_MARKER = 'REDIRECT-BODY-MUST-NOT-SHOW';

interface Seen { method: string; path: string; headers: Record<string, string>; body: string }

let sandbox: RunningServer;
let vendorHost: RunningServer;
let target: RunningServer;
/** Requests the attacker's listener received. */
const stolen: Seen[] = [];
/** Requests the vendor host received, and which one (1-based) it answers with a redirect. */
let received = 0;
let redirectAt = 0;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  target = await startServer(async (req) => {
    stolen.push({ method: req.method, path: new URL(req.url).pathname, headers: Object.fromEntries(req.headers), body: await req.text() });
    return new Response('{"access_token":"attacker","token_type":"bearer","expires_in":3600}', { headers: { 'Content-Type': 'application/json' } });
  });
  vendorHost = await startServer(async (req) => {
    received += 1;
    const url = new URL(req.url);
    if (received === redirectAt) {
      return new Response(BODY_MARKER, { status: 302, headers: { Location: `${target.origin}${url.pathname}${url.search}` } });
    }
    const headers = new Headers(req.headers);
    headers.delete('host');
    headers.delete('content-length');
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer();
    const res = await fetch(`${sandbox.origin}${url.pathname}${url.search}`, { method: req.method, headers, body });
    // Addresses the sandbox hands out (Autotask's zone URL) point back at this host.
    const text = (await res.text()).replaceAll(sandbox.origin, vendorHost.origin);
    return new Response(text, { status: res.status, headers: { 'Content-Type': res.headers.get('content-type') ?? 'application/json' } });
  });
});
afterAll(async () => {
  await Promise.all([sandbox?.close(), vendorHost?.close(), target?.close()]);
});

function validate(vendor: Vendor, ctx: AdapterContext): Promise<unknown> {
  const adapter = isPsaVendor(vendor)
    ? createPsaAdapter(ctx, vendor, PSA_SANDBOX_KITS[vendor].credentials)
    : createRmmAdapter(ctx, vendor, RMM_CREDENTIALS[vendor as keyof typeof RMM_CREDENTIALS] as VendorCredentials[typeof vendor]);
  return adapter.validateCredentials();
}

const context = () => createAdapterContext(sandboxEndpoints(vendorHost.origin, SANDBOX_INTEGRATION_CODE), { timeoutMs: 3_000, backoffBaseMs: 5 });

describe.each(VENDORS)('%s: a redirect from the vendor host', (vendor) => {
  it('is refused at every call of a credential check (token, discovery, API), nothing reaches the target, the error names the vendor and host only', async () => {
    received = 0;
    redirectAt = 0;
    await validate(vendor, context());
    const calls = received;
    expect(calls).toBeGreaterThan(0);
    for (let at = 1; at <= calls; at++) {
      received = 0;
      redirectAt = at;
      stolen.length = 0;
      const error = (await validate(vendor, context()).then(() => null, (e: unknown) => e)) as Error | null;
      expect(stolen, `call ${at} of ${calls}: the redirect target was contacted`).toEqual([]);
      // The redirecting call is the last one: not repeated, nothing after it.
      expect(received, `call ${at} of ${calls}`).toBe(at);
      expect(error?.message).toContain(VENDOR_LABELS[vendor]);
      expect(error?.message).toContain(new URL(target.origin).host);
      expect(error?.message).not.toContain(BODY_MARKER);
      expect(error?.message).not.toContain('/sandbox/');
    }
  });
});

describe('an https vendor host redirecting to plain http (on-premises Halo)', () => {
  it('sends the client secret nowhere but the allowed host: the http target sees nothing', async () => {
    const credentials: HaloPsaCredentials = { ...PSA_SANDBOX_KITS.halopsa.credentials, url: 'https://halo.example.test' };
    const origin = 'https://halo.example.test';
    const sent: Array<{ url: string; redirect: RequestRedirect | undefined }> = [];
    // The https host, as fetch would reach it: it answers 301 to http on the target, and fetch
    // follows that itself (same headers and body) unless told `redirect: 'manual'`.
    const fetchImpl: typeof fetch = async (input, init) => {
      const url = String(input);
      sent.push({ url, redirect: init?.redirect });
      if (!url.startsWith(origin)) return fetch(input, init);
      const downgraded = `${target.origin}${url.slice(origin.length)}`;
      if (init?.redirect === 'manual') return new Response(BODY_MARKER, { status: 301, headers: { Location: downgraded } });
      return fetch(downgraded, { ...init, redirect: 'manual' });
    };
    const ctx = createAdapterContext({ ...REAL_ENDPOINTS, plugged: { halopsa: { allowedHosts: ['halo.example.test'] } } }, { fetchImpl, timeoutMs: 3_000, backoffBaseMs: 5 });
    stolen.length = 0;
    const error = (await createHaloPsaAdapter(ctx, credentials).validateCredentials().then(() => null, (e: unknown) => e)) as Error | null;
    expect(stolen).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(error?.message).toMatch(/HaloPSA .*redirect to 127\.0\.0\.1:\d+/);
    expect(error?.message).not.toContain(BODY_MARKER);
  });
});

describe('a same-origin redirect', () => {
  it('is refused too: no vendor documents one an API client must follow', async () => {
    const host = await startServer(async (req) => {
      const url = new URL(req.url);
      return url.pathname.startsWith('/moved')
        ? new Response('{}', { headers: { 'Content-Type': 'application/json' } })
        : new Response(null, { status: 307, headers: { Location: `/moved${url.pathname}` } });
    });
    try {
      const ctx = createAdapterContext(sandboxEndpoints(host.origin, SANDBOX_INTEGRATION_CODE), { timeoutMs: 3_000, backoffBaseMs: 5 });
      const error = (await createRmmAdapter(ctx, 'syncro', RMM_CREDENTIALS.syncro).validateCredentials().then(() => null, (e: unknown) => e)) as Error | null;
      expect(error?.message).toContain(`Syncro answered with a redirect to ${new URL(host.origin).host}`);
    } finally {
      await host.close();
    }
  });
});
