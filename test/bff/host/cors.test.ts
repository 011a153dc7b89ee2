/**
 * Cross-origin embedding (issue 11, item 12): the configured host origins may load the elements and
 * call the API; a preflight answers without a token; nothing is allowed with cookies; every other
 * origin gets no CORS headers. ALLOWED_ORIGINS is parsed at start-up and a wrong value names it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../../bff/env.js';
import { createHost } from '../../../bff/host.js';
import { start } from '../../../bff/server.js';
import { createTestApp, type TestApp } from '../../helpers/create-test-app.js';

const HOST_PAGE = 'https://portal.example.com';
const OTHER_PAGE = 'https://evil.example.net';

let t: TestApp;
let host: ReturnType<typeof createHost>;
let elementsDir: string;

beforeAll(async () => {
  t = await createTestApp();
  elementsDir = mkdtempSync(join(tmpdir(), 'ih-elements-'));
  mkdirSync(elementsDir, { recursive: true });
  writeFileSync(join(elementsDir, 'integration-elements.js'), 'export const x = 1;\n');
  host = createHost({ deps: t.deps, allowedOrigins: new Set([HOST_PAGE, 'http://127.0.0.1:9000']), elementsDir });
});
afterAll(() => {
  t?.close();
  rmSync(elementsDir, { recursive: true, force: true });
});

const preflight = (origin: string, path = '/api/integrations', method = 'POST') => host.request(path, {
  method: 'OPTIONS',
  headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization, content-type' },
});

describe('CORS for an allowed host origin', () => {
  it('answers the API preflight without a token, allowing the Bearer header and never credentials', async () => {
    const res = await preflight(HOST_PAGE);
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(HOST_PAGE);
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(res.headers.get('Access-Control-Allow-Headers')?.toLowerCase().split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('adds the CORS headers to the API answer itself, authenticated by the Bearer token', async () => {
    const res = await host.request('/api/integrations', { headers: { Origin: HOST_PAGE, Authorization: `Bearer ${await t.token()}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(HOST_PAGE);
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('keeps CORS headers on a refusal, so the page can read the problem (401 without a token)', async () => {
    const res = await host.request('/api/integrations', { headers: { Origin: HOST_PAGE } });
    expect(res.status).toBe(401);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(HOST_PAGE);
  });

  it('lets the page load the elements as a module script (CORS on /elements/*)', async () => {
    const res = await host.request('/elements/integration-elements.js', { headers: { Origin: 'http://127.0.0.1:9000' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('http://127.0.0.1:9000');
    expect(res.headers.get('Vary')).toContain('Origin');
  });
});

describe('CORS for any other origin', () => {
  it('gives a disallowed origin no CORS headers on the preflight, which is refused before authentication', async () => {
    const res = await preflight(OTHER_PAGE);
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('origin_not_allowed');
    const cors = [...res.headers.keys()].filter((h) => h.startsWith('access-control-'));
    expect(cors).toEqual([]);
  });

  it('gives a disallowed origin no CORS headers on the elements or the API', async () => {
    for (const path of ['/elements/integration-elements.js', '/api/health']) {
      const res = await host.request(path, { headers: { Origin: OTHER_PAGE } });
      expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-')), path).toEqual([]);
      expect(res.headers.get('Vary'), path).toContain('Origin');
    }
  });

  it('treats an origin differing only by port or scheme as another origin', async () => {
    for (const origin of ['http://127.0.0.1:9001', 'http://portal.example.com']) {
      expect((await preflight(origin)).headers.get('Access-Control-Allow-Origin'), origin).toBeNull();
    }
  });

  it('allows nobody when no origins are configured (production default)', async () => {
    const closed = createHost({ deps: t.deps, elementsDir });
    const res = await closed.request('/api/health', { headers: { Origin: HOST_PAGE } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('parses comma-separated exact origins', () => {
    expect(parseEnv({ ALLOWED_ORIGINS: 'https://portal.example.com, http://127.0.0.1:9000' }).ALLOWED_ORIGINS)
      .toEqual(['https://portal.example.com', 'http://127.0.0.1:9000']);
  });

  it.each(['https://portal.example.com/', '*', 'portal.example.com', 'https://portal.example.com/settings', 'ftp://portal.example.com'])(
    'stops start-up on %s, naming the variable', (value) => {
      expect(() => parseEnv({ ALLOWED_ORIGINS: value })).toThrow(EnvError);
      expect(() => parseEnv({ ALLOWED_ORIGINS: value })).toThrow(/ALLOWED_ORIGINS: .*is not an origin/);
    });
});

describe('the server as started', () => {
  const allowOriginFor = async (server: { origin: string }, origin: string) =>
    (await fetch(`${server.origin}/api/health`, { headers: { Origin: origin } })).headers.get('Access-Control-Allow-Origin');

  it('allows only its own origin in demo mode without ALLOWED_ORIGINS', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ih-cors-'));
    const server = await start({ PORT: '0', DATABASE_PATH: join(dir, 'hub.db'), LOG_LEVEL: 'silent', DEMO_MODE: 'true' });
    try {
      expect(await allowOriginFor(server, server.origin)).toBe(server.origin);
      expect(await allowOriginFor(server, HOST_PAGE)).toBeNull();
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('allows exactly ALLOWED_ORIGINS in production', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ih-cors-'));
    const server = await start({
      PORT: '0', DATABASE_PATH: join(dir, 'hub.db'), LOG_LEVEL: 'silent', DEMO_MODE: 'false',
      SECRET_KEY: randomBytes(32).toString('base64'), AUTH_SECRET: randomBytes(32).toString('hex'), ALLOWED_ORIGINS: HOST_PAGE,
    });
    try {
      expect(await allowOriginFor(server, HOST_PAGE)).toBe(HOST_PAGE);
      expect(await allowOriginFor(server, server.origin)).toBeNull();
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
