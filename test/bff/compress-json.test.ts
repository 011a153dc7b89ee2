/**
 * Admin API answers are compressed for the browser from 1 KB up (brotli when accepted, else gzip)
 * and decode to the same JSON; tiny answers and intake's answers go out as they are. Runs on both
 * engines (test/vitest.pg.config.ts includes test/bff/*.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { acceptedEncoding } from '../../bff/middleware/compress-json.js';
import { alert } from './routing/routing-harness.js';
import { createTestApp, type TestApp } from '../helpers/create-test-app.js';

let t: TestApp;
beforeEach(async () => { t = await createTestApp(); });
afterEach(() => t.close());

/** 300 organizations: a list of about 20 KB, as a mid-sized MSP's. */
async function manyOrganizations(): Promise<void> {
  const organizations = Array.from({ length: 300 }, (_, i) => ({ id: `org-${i}`, name: `Organization number ${i} of a larger MSP`, billableUsers: i }));
  expect((await t.call('PUT', '/api/organizations', { body: { organizations } })).status).toBe(200);
}

describe('compressed admin answers', () => {
  it('answers a large list in brotli when the browser accepts it, in gzip when only that, and both decode to the plain answer', async () => {
    await manyOrganizations();
    const plain = await t.call('GET', '/api/organizations');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(10_000);
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);

    const br = await t.call('GET', '/api/organizations', { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(text.length / 4);
    expect(JSON.parse(brotliDecompressSync(brBytes).toString('utf8'))).toEqual(JSON.parse(text));

    const gz = await t.call('GET', '/api/organizations', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8'))).toEqual(JSON.parse(text));
  });

  it('leaves a tiny answer uncompressed (its gzip would be larger than itself)', async () => {
    const res = await t.call('GET', '/api/integrations', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toEqual({ integrations: [] });
  });

  it('leaves intake answers alone, however the caller asks', async () => {
    const res = await t.call('POST', '/api/routing/alerts', { token: await t.token('partner-a', 'router'), body: alert({ id: 'compress-1' }), headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(res.status).toBe(202);
    expect(res.headers.get('content-encoding')).toBeNull();
  });

  it('reads Accept-Encoding with its q-values: br refused with q=0 falls back to gzip, identity-only gets nothing', () => {
    expect(acceptedEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(acceptedEncoding('br;q=0, gzip')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBeUndefined();
    expect(acceptedEncoding(undefined)).toBeUndefined();
    expect(acceptedEncoding('*')).toBe('br');
  });
});
