/**
 * The elements served like a CDN would (issue 11, item 13): brotli or gzip by Accept-Encoding from
 * the build's precompressed files (else compressed once and kept), ETag and 304, a year's immutable
 * caching for content-hashed chunks and revalidation for the stable entry, and source maps only in
 * demo mode. Runs on a folder of its own, so it needs no build.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../../../bff/host.js';
import { createSandboxes } from '../../../bff/sandboxes/index.js';
import { createTestApp, type TestApp } from '../../helpers/create-test-app.js';

const ENTRY = '/elements/integration-elements.js';
const CHUNK = '/elements/flow-AbCd_f12.js';
const entrySource = `export const greeting = ${JSON.stringify('hello from the elements '.repeat(200))};\n`;
const chunkSource = `export const layout = ${JSON.stringify('flow layout '.repeat(300))};\n`;
/** Quality 1, unlike anything the server would make itself: proves the build's file is what goes out. */
const chunkPrecompressed = brotliCompressSync(Buffer.from(chunkSource), { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } });

let t: TestApp;
let dir: string;
let production: ReturnType<typeof createHost>;
let demo: ReturnType<typeof createHost>;

beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'ih-elements-'));
  writeFileSync(join(dir, 'integration-elements.js'), entrySource);
  writeFileSync(join(dir, 'integration-elements.js.map'), '{"version":3,"sources":["web-components/define.ts"],"mappings":""}');
  writeFileSync(join(dir, 'flow-AbCd_f12.js'), chunkSource);
  writeFileSync(join(dir, 'integration-elements-loader.js'), entrySource);
  // A chunk whose name the bundler took from a module with a dot in it (a `*.tags.ts` registry module).
  writeFileSync(join(dir, 'list.tags-Bx_q175T.js'), chunkSource);
  writeFileSync(join(dir, 'flow-AbCd_f12.js.br'), chunkPrecompressed);
  production = createHost({ deps: t.deps, elementsDir: dir });
  demo = createHost({ deps: t.deps, elementsDir: dir, demo: { sandboxes: createSandboxes(), authSecret: 'x'.repeat(32) } });
});
afterAll(() => {
  t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}, host = production) => host.request(path, { headers });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('content encoding', () => {
  it('sends brotli to a browser that accepts it, and the bytes decode to the file', async () => {
    const res = await get(ENTRY, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    const body = await bytes(res);
    expect(body.length).toBeLessThan(entrySource.length / 5);
    expect(Number(res.headers.get('Content-Length'))).toBe(body.length);
    expect(brotliDecompressSync(body).toString()).toBe(entrySource);
    expect(res.headers.get('Vary')).toMatch(/Accept-Encoding/);
    expect(res.headers.get('Vary')).toMatch(/Origin/);
  });

  it('sends gzip when brotli is not accepted, and the plain file when neither is', async () => {
    const gz = await get(ENTRY, { 'Accept-Encoding': 'gzip, br;q=0' });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(gz)).toString()).toBe(entrySource);
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get(ENTRY, accept ? { 'Accept-Encoding': accept } : {});
      expect(plain.headers.get('Content-Encoding'), accept).toBeNull();
      expect((await bytes(plain)).toString(), accept).toBe(entrySource);
    }
  });

  it('serves the build\'s precompressed file as it is', async () => {
    const res = await get(CHUNK, { 'Accept-Encoding': 'br' });
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect((await bytes(res)).equals(chunkPrecompressed)).toBe(true);
  });

  it('compresses a file without a precompressed sibling once, not per request', async () => {
    for (let i = 0; i < 3; i++) {
      for (const accept of ['br', 'gzip']) expect((await get(ENTRY, { 'Accept-Encoding': accept })).status).toBe(200);
    }
    const compressions = t.logLines.filter((l) => l.includes('compressed once') && l.includes('"file":"integration-elements.js"'))
      .map((l) => JSON.parse(l).encoding as string);
    // However many requests (here and in the tests before), one compression per encoding.
    expect(compressions.sort()).toEqual(['br', 'gzip']);
  });
});

describe('caching', () => {
  it('caches a content-hashed chunk for a year, immutable', async () => {
    const res = await get(CHUNK);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('caches a chunk named after a dotted module for a year too', async () => {
    const res = await get('/elements/list.tags-Bx_q175T.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('has the lazy loader entry revalidated on every use like the full entry (a host page names it, unhashed)', async () => {
    const res = await get('/elements/integration-elements-loader.js', { 'Accept-Encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(res.headers.get('ETag')).toMatch(/^"[\w-]+-br"$/);
  });

  it('has the stable entry revalidated on every use, with an ETag', async () => {
    const res = await get(ENTRY);
    expect(res.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(res.headers.get('ETag')).toMatch(/^"[\w-]{20,}"$/);
  });

  it('answers 304 without a body when If-None-Match names the current content, in any encoding', async () => {
    const first = await get(ENTRY, { 'Accept-Encoding': 'br' });
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/-br"$/);
    for (const accept of ['br', 'gzip', 'identity']) {
      const again = await get(ENTRY, { 'Accept-Encoding': accept, 'If-None-Match': etag });
      expect(again.status, accept).toBe(304);
      expect((await bytes(again)).length).toBe(0);
      expect(again.headers.get('Cache-Control')).toBe('public, no-cache');
    }
    expect((await get(ENTRY, { 'If-None-Match': '"something-else"' })).status).toBe(200);
  });

  it('gives a new ETag and the new content once the file is rebuilt', async () => {
    const before = (await get(ENTRY)).headers.get('ETag')!;
    const path = join(dir, 'integration-elements.js');
    writeFileSync(path, `${entrySource}export const release = 2;\n`);
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    const after = await get(ENTRY, { 'If-None-Match': before });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(before);
    expect((await bytes(after)).toString()).toContain('release = 2');
  });
});

describe('what is served', () => {
  it('publishes no source map in production mode', async () => {
    expect((await get(`${ENTRY}.map`)).status).toBe(404);
    expect((await get(ENTRY)).headers.get('SourceMap')).toBeNull();
  });

  it('serves the source map in demo mode and points the browser to it', async () => {
    expect((await get(ENTRY, {}, demo)).headers.get('SourceMap')).toBe('integration-elements.js.map');
    const map = await get(`${ENTRY}.map`, {}, demo);
    expect(map.status).toBe(200);
    expect((await map.json()).version).toBe(3);
  });

  it('serves nothing but the element files', async () => {
    for (const path of ['/elements/flow-AbCd_f12.js.br', '/elements/..%2F..%2Fpackage.json', '/elements/missing.js', '/elements/']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('answers HEAD with the headers alone', async () => {
    const res = await production.request(ENTRY, { method: 'HEAD', headers: { 'Accept-Encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ETag')).toMatch(/-br"$/);
    expect((await bytes(res)).length).toBe(0);
  });
});
