/**
 * Intake's composed handler (bff/routes/routing-intake.ts) answers POST /api/routing/alerts as the
 * middleware chain does: the same status, headers (CORS, nosniff, content type) and body for a new
 * alert, a duplicate and every refusal, through the host (with CORS) and createApp (without). Each
 * request is sent twice: with a Content-Length, as HTTP clients send it (the composed handler takes
 * it), and as a stream without one (the composed handler hands it on to the chain, which counts it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../../bff/host.js';
import { createTestApp, type TestApp } from '../../helpers/create-test-app.js';

const HOST_PAGE = 'https://portal.example.com';
const OTHER_PAGE = 'https://evil.example.net';

let t: TestApp;
let host: ReturnType<typeof createHost>;
let router: string;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  host = createHost({ deps: t.deps, allowedOrigins: new Set([HOST_PAGE]) });
  router = await t.token('partner-a', 'router', 'pipeline');
  admin = await t.token('partner-a', 'admin');
});
afterAll(() => t?.close());

const alert = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  id, organizationId: 'org-a', severity: 'high', alertType: 'x', title: 'T', description: 'D', user: { email: 'u@x.example', name: 'U' }, occurredAt: '2025-05-01T10:00:00Z', ...extra,
});

interface Case { name: string; body: (id: string) => string; headers: Record<string, string> }

const cases = (duplicateId: string): Case[] => [
  { name: 'a new alert', body: (id) => alert(id), headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' } },
  { name: 'a duplicate', body: () => alert(duplicateId), headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' } },
  { name: 'no token', body: (id) => alert(id), headers: { 'Content-Type': 'application/json' } },
  { name: 'a forged token', body: (id) => alert(id), headers: { Authorization: `Bearer ${router.slice(0, -4)}AAAA`, 'Content-Type': 'application/json' } },
  { name: 'the admin role', body: (id) => alert(id), headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' } },
  { name: 'a field list refusal', body: (id) => alert(id, { severity: 'loud', title: '' }), headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' } },
  { name: 'malformed JSON', body: () => '{"id": ', headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' } },
  { name: 'not JSON', body: (id) => alert(id), headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'text/plain' } },
  { name: 'text no database stores', body: (id) => alert(id, { title: 'a\u0000b' }), headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' } },
  { name: 'over the alert limit', body: (id) => alert(id, { description: 'x'.repeat(300 * 1024) }), headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' } },
  { name: 'over the API limit', body: (id) => alert(id, { description: 'x'.repeat(6 * 1024 * 1024) }), headers: { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' } },
  { name: 'over the alert limit without a token', body: (id) => alert(id, { description: 'x'.repeat(300 * 1024) }), headers: { 'Content-Type': 'application/json' } },
];

type Fetch = (request: Request) => Response | Promise<Response>;
const appFetch: Fetch = (r) => t.app.fetch(r);

async function post(fetch: Fetch, body: string, headers: Record<string, string>, declared: boolean) {
  const bytes = new TextEncoder().encode(body);
  const request = declared
    ? new Request('http://hub.test/api/routing/alerts', { method: 'POST', body: bytes, headers: { ...headers, 'Content-Length': String(bytes.byteLength) } })
    : new Request('http://hub.test/api/routing/alerts', {
      method: 'POST', headers, duplex: 'half',
      body: new ReadableStream({ start(controller) { controller.enqueue(bytes); controller.close(); } }),
    } as RequestInit);
  const res = await fetch(request);
  const text = await res.text();
  // The alert's own id and the times differ between the two posts of a new alert; all else must not.
  const answer = res.headers.get('content-type')?.includes('json') ? JSON.parse(text, (key, value) => (key === 'receivedAt' || key === 'updatedAt' ? '(time)' : value)) : text;
  if (answer && typeof answer === 'object' && typeof answer.id === 'string') answer.id = answer.id.replace(/^(declared|streamed)-/, '');
  return { status: res.status, headers: [...res.headers.entries()].filter(([name]) => name !== 'content-length').sort(), answer };
}

async function compare(fetch: Fetch, origin: string | undefined) {
  const seen: Record<string, Awaited<ReturnType<typeof post>>> = {};
  let n = 0;
  const duplicateId = `duplicate-${origin ?? 'none'}-${fetch === appFetch ? 'app' : 'host'}`;
  expect((await post(fetch, alert(duplicateId), { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json' }, true)).status).toBe(202);
  for (const c of cases(duplicateId)) {
    n++;
    const headers = origin ? { ...c.headers, Origin: origin } : c.headers;
    const declared = await post(fetch, c.body(`declared-${origin ?? 'none'}-${n}`), headers, true);
    const streamed = await post(fetch, c.body(`streamed-${origin ?? 'none'}-${n}`), headers, false);
    expect(declared, c.name).toEqual(streamed);
    seen[c.name] = declared;
  }
  return seen;
}

describe('the routing intake, composed, answers as the middleware chain', () => {
  it('through the host, for an allowed origin (CORS headers on every answer)', async () => {
    const seen = await compare((r) => host.fetch(r), HOST_PAGE);
    expect(seen['a new alert']!.status).toBe(202);
    expect(seen['a duplicate']!.status).toBe(200);
    expect(Object.fromEntries(seen['a new alert']!.headers)).toEqual({
      'access-control-allow-origin': HOST_PAGE, vary: 'Origin', 'x-content-type-options': 'nosniff', 'content-type': 'application/json',
    });
    expect(seen['no token']!.status).toBe(401);
    expect(seen['a forged token']!.status).toBe(401);
    expect(seen['the admin role']!.status).toBe(403);
    expect(seen['a field list refusal']!.status).toBe(400);
    expect((seen['a field list refusal']!.answer as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort()).toEqual(['severity', 'title']);
    expect(seen['over the alert limit']!.status).toBe(413);
    expect(seen['over the API limit']!.status).toBe(413);
    expect(seen['over the alert limit without a token']!.status).toBe(401);
    for (const name of ['no token', 'the admin role', 'malformed JSON', 'over the alert limit']) {
      expect(seen[name]!.headers, name).toEqual(expect.arrayContaining([['access-control-allow-origin', HOST_PAGE], ['vary', 'Origin'], ['x-content-type-options', 'nosniff']]));
    }
  });

  it('through the host, for another origin and for none (Vary only)', async () => {
    for (const origin of [OTHER_PAGE, undefined]) {
      const seen = await compare((r) => host.fetch(r), origin);
      expect(Object.fromEntries(seen['a new alert']!.headers), origin).toEqual({ vary: 'Origin', 'x-content-type-options': 'nosniff', 'content-type': 'application/json' });
      expect(seen['no token']!.headers.find(([name]) => name === 'vary'), origin).toEqual(['vary', 'Origin']);
    }
  });

  it('through createApp (no CORS middleware, so no CORS headers)', async () => {
    const seen = await compare(appFetch, HOST_PAGE);
    expect(Object.fromEntries(seen['a new alert']!.headers)).toEqual({ 'x-content-type-options': 'nosniff', 'content-type': 'application/json' });
  });
});
