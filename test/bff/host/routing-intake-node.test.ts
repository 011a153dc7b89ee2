/**
 * Intake's Node-level path (bff/routes/routing-intake-node.ts), over real HTTP: two servers on the
 * same host and database, one with the path in front of the host's listener as `npm start` serves
 * it, one with the host's listener alone. Every request answers the same on both (status, headers,
 * body); the path answers only a valid alert with an already verified router token and hands every
 * other request to the host, which sees it (and its body) as it was sent.
 */
import { connect } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../../bff/host.js';
import { createTestApp, type TestApp } from '../../helpers/create-test-app.js';

const HOST_PAGE = 'https://portal.example.com';

let t: TestApp;
let router: string;
let admin: string;
/** Each request the host's listener got: the alert id of one the path read first (or its raw body without one), else '(not read)'. */
const handedOn: string[] = [];
let withPath: { server: Server; origin: string };
let hostOnly: { server: Server; origin: string };

const listen = (server: Server) => new Promise<{ server: Server; origin: string }>((resolve) => {
  server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
});

beforeAll(async () => {
  t = await createTestApp();
  const host = createHost({ deps: t.deps, allowedOrigins: new Set([HOST_PAGE]) });
  const listener = getRequestListener(host.fetch);
  withPath = await listen(createServer(host.withNodeIntake((req, res) => {
    const body = (req as { rawBody?: Buffer }).rawBody?.toString('utf8');
    handedOn.push(body === undefined ? '(not read)' : /"id":"([^"]+)"/.exec(body)?.[1] ?? body);
    return listener(req, res);
  })));
  hostOnly = await listen(createServer(listener));
  router = await t.token('partner-a', 'router', 'pipeline');
  admin = await t.token('partner-a', 'admin');
});
afterAll(async () => {
  withPath?.server.close();
  hostOnly?.server.close();
  await t?.close();
});

const alert = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({
  id, organizationId: 'org-a', severity: 'high', alertType: 'x', title: 'T', description: 'D', user: { email: 'u@x.example', name: 'U' }, occurredAt: '2025-05-01T10:00:00Z', ...extra,
});
const json = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: HOST_PAGE });

/** What a client notices of an answer: status, headers (not the date) and body (the times and the server's id prefix made equal). */
async function post(origin: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${origin}/api/routing/alerts`, { method: 'POST', body, headers });
  const text = await res.text();
  const answer = res.headers.get('content-type')?.includes('json')
    ? JSON.parse(text, (key, value) => (key === 'receivedAt' || key === 'updatedAt' ? '(time)' : key === 'id' && typeof value === 'string' ? value.replace(/^(path|host)-/, '') : value))
    : text;
  const shown = [...res.headers.entries()].filter(([name]) => name !== 'date');
  return { status: res.status, headers: Object.fromEntries(shown), answer };
}

/** Posts the same request to both servers (the alert id prefixed per server) and expects the same answer. */
async function same(name: string, body: (id: string) => string, headers: Record<string, string>) {
  const viaPath = await post(withPath.origin, body(`path-${name}`), headers);
  const viaHost = await post(hostOnly.origin, body(`host-${name}`), headers);
  expect(viaPath, name).toEqual(viaHost);
  return viaPath;
}

describe("intake's Node-level path", () => {
  it('answers a new alert and a re-post as the host does, once the token is verified, without the host', async () => {
    // The token's first use is verified by the API (the path hands it on); from then on the path answers.
    const first = await same('first', (id) => alert(id), json(router));
    expect(first.status).toBe(202);
    expect(handedOn).toEqual(['(not read)']);

    const fresh = await same('fresh', (id) => alert(id), json(router));
    expect(fresh.status).toBe(202);
    expect(fresh.headers).toEqual({
      'access-control-allow-origin': HOST_PAGE, vary: 'Origin', 'x-content-type-options': 'nosniff', 'content-type': 'application/json',
      connection: 'keep-alive', 'keep-alive': 'timeout=5', 'content-length': expect.any(String),
    });
    expect(fresh.answer).toMatchObject({ id: 'fresh', organizationId: 'org-a', state: 'queued', integrationId: null, attempts: 0 });
    const again = await same('fresh', (id) => alert(id), json(router));
    expect(again.status).toBe(200);
    expect(again.answer).toMatchObject({ id: 'fresh', state: 'queued', psaTicket: null });
    // Without an Origin, or another one: no CORS headers, Vary still.
    for (const origin of [undefined, 'https://evil.example.net']) {
      const headers: Record<string, string> = { Authorization: `Bearer ${router}`, 'Content-Type': 'application/json; charset=utf-8' };
      if (origin) headers.Origin = origin;
      const other = await same(`origin-${origin ?? 'none'}`, (id) => alert(id), headers);
      expect(other.headers['access-control-allow-origin'], origin).toBeUndefined();
      expect(other.headers.vary).toBe('Origin');
    }
    expect(handedOn).toEqual(['(not read)']);

    // The alerts are stored as the host stores them, and the request line is logged for the path's answers too.
    const stored = await (await fetch(`${hostOnly.origin}/api/routing/alerts/path-fresh`, { headers: json(router) })).json() as { id: string; state: string };
    expect(stored).toMatchObject({ id: 'path-fresh', state: 'queued' });
    expect(t.logLines.filter((line) => line.includes('"path":"/api/routing/alerts"') && line.includes('"status":202')).length).toBeGreaterThanOrEqual(8);
  });

  it('hands every refusal to the host, body and all, and the answers read the same', async () => {
    await same('warm', (id) => alert(id), json(router));
    handedOn.length = 0;
    const refusals: Array<[string, (id: string) => string, Record<string, string>, number]> = [
      ['no-token', (id) => alert(id), { 'Content-Type': 'application/json' }, 401],
      ['admin', (id) => alert(id), json(admin), 403],
      ['fields', (id) => alert(id, { severity: 'loud', title: '' }), json(router), 400],
      ['malformed', () => '{"id": ', json(router), 400],
      ['unsafe-text', (id) => alert(id, { title: 'a\u0000b' }), json(router), 400],
      ['not-json', (id) => alert(id), { ...json(router), 'Content-Type': 'text/plain' }, 400],
      ['too-large', (id) => alert(id, { description: 'x'.repeat(300 * 1024) }), json(router), 413],
    ];
    for (const [name, body, headers, status] of refusals) {
      const answer = await same(name, body, headers);
      expect(answer.status, name).toBe(status);
      expect(answer.headers['content-type'], name).toBe('application/problem+json');
    }
    const fields = await post(withPath.origin, alert('fields-again', { severity: 'loud', title: '' }), json(router));
    expect((fields.answer as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort()).toEqual(['severity', 'title']);
    // Read by the path first (a verified router token, a JSON body within the limits), then handed on with the body it read.
    expect(handedOn).toEqual(['(not read)', '(not read)', 'path-fields', '{"id": ', 'path-unsafe-text', '(not read)', '(not read)', 'fields-again']);
  });

  it('hands on a request with two Authorization headers, which the host refuses, instead of reading only the first', async () => {
    const body = alert('two-tokens');
    const raw = (origin: string) => new Promise<string>((resolve, reject) => {
      const { port } = new URL(origin);
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.end(`POST /api/routing/alerts HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer ${router}\r\nAuthorization: Bearer ${admin}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      });
      let text = '';
      socket.on('data', (chunk) => { text += chunk; });
      socket.on('end', () => resolve(text.split('\r\n')[0]!));
      socket.on('error', reject);
    });
    await same('warm-two', (id) => alert(id), json(router));
    expect(await raw(withPath.origin)).toBe(await raw(hostOnly.origin));
    expect(await raw(withPath.origin)).toBe('HTTP/1.1 401 Unauthorized');
  });

  it('hands an alert whose write failed to the host, which accepts it: nothing is lost', async () => {
    await same('warm-failure', (id) => alert(id), json(router));
    handedOn.length = 0;
    const routing = t.deps.repos.routing;
    const accept = routing.accept;
    let failures = 0;
    routing.accept = (...args) => {
      routing.accept = accept;
      failures++;
      return Promise.reject(new Error('database is locked'));
    };
    const answer = await post(withPath.origin, alert('after-failure'), json(router));
    expect(failures).toBe(1);
    expect(answer.status).toBe(202);
    expect(handedOn).toEqual(['after-failure']);
    const stored = await (await fetch(`${hostOnly.origin}/api/routing/alerts/after-failure`, { headers: json(router) })).json() as { state: string };
    expect(stored.state).toBe('queued');
  });
});
