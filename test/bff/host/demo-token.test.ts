/**
 * `/demo/token` (issue 17, item 13): demo mode hands an admin token for the seeded partner to a
 * caller on this machine only, over a real socket; a request through a proxy, or without a peer to
 * judge, is refused with problem+json.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { decode } from 'hono/jwt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PARTNER_ID } from '../../../bff/demo/demo-organizations.js';
import { createHost } from '../../../bff/host.js';
import { createSandboxes } from '../../../bff/sandboxes/index.js';
import { createTestApp, TEST_AUTH_SECRET, type TestApp } from '../../helpers/create-test-app.js';

let t: TestApp;
let server: ServerType;
let origin: string;

beforeEach(async () => {
  t = await createTestApp();
  const host = createHost({ deps: t.deps, demo: { sandboxes: createSandboxes(), authSecret: TEST_AUTH_SECRET } });
  await new Promise<void>((resolve) => { server = serve({ fetch: host.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve()); });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

describe('GET /demo/token', () => {
  it('answers a loopback caller with an admin token for the demo partner that the API accepts', async () => {
    const res = await fetch(`${origin}/demo/token?ttl=120`);
    expect(res.status).toBe(200);
    const body = await res.json() as { partner: string; token: string; expiresIn: number };
    expect(body).toMatchObject({ partner: DEMO_PARTNER_ID, expiresIn: 120 });
    expect(decode(body.token).payload).toMatchObject({ partner: DEMO_PARTNER_ID, role: 'admin' });
    const list = await fetch(`${origin}/api/integrations`, { headers: { Authorization: `Bearer ${body.token}` } });
    expect(list.status).toBe(200);
  });

  it('refuses a request that came through a proxy, and one without a socket peer', async () => {
    const proxied = await fetch(`${origin}/demo/token`, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
    expect(proxied.status).toBe(403);
    expect(proxied.headers.get('content-type')).toContain('application/problem+json');
    expect(await proxied.json()).toMatchObject({ code: 'loopback_only' });
    const host = createHost({ deps: t.deps, demo: { sandboxes: createSandboxes(), authSecret: TEST_AUTH_SECRET } });
    expect((await host.request('/demo/token')).status).toBe(403);
  });

  it('does not exist outside demo mode', async () => {
    expect((await createHost({ deps: t.deps }).request('/demo/token')).status).toBe(404);
  });
});
