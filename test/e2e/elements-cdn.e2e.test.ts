/**
 * The built elements as production serves them (issue 11, item 13): `npm start`'s server with
 * DEMO_MODE=false, the real `vite build` output, and Chromium loading the module. Brotli from the
 * build's precompressed file, revalidation of the stable entry by ETag (a 304 in the browser),
 * immutable content-hashed chunks, no public source map, and no rebuild when the build is current.
 * Needs the built elements: `npx vite build` first (npm test does).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type E2eContext } from '../helpers/e2e-server.js';

const DIST = 'dist/elements';
const ENTRY = 'integration-elements.js';
let ctx: E2eContext;
let chunk: string;

beforeAll(async () => {
  const stamp = JSON.parse(readFileSync('dist/elements-build.json', 'utf8')) as { outputs: string[] };
  chunk = stamp.outputs.find((f) => /-[\w-]{8}\.js$/.test(f))!;
  ctx = await startProduct({ DEMO_MODE: 'false', SECRET_KEY: randomBytes(32).toString('base64'), AUTH_SECRET: randomBytes(32).toString('hex') });
});
afterAll(() => ctx?.stop());

function rawBody(url: string, headers: Record<string, string>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts))).on('error', reject);
    }).on('error', reject);
  });
}

const get = (file: string, headers: Record<string, string> = {}) => fetch(`${ctx.origin}/elements/${file}`, { headers });

describe('the elements in production', () => {
  it('sends the build\'s brotli file for the entry, revalidated by ETag', async () => {
    const res = await get(ENTRY, { 'Accept-Encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Cache-Control')).toBe('public, no-cache');
    const etag = res.headers.get('ETag')!;
    // fetch() decodes brotli itself: the decoded text is the built file.
    expect(await res.text()).toBe(readFileSync(`${DIST}/${ENTRY}`, 'utf8'));
    // On the wire, byte for byte the file the build compressed (node:http does not decode).
    expect((await rawBody(`${ctx.origin}/elements/${ENTRY}`, { 'Accept-Encoding': 'br' })).equals(readFileSync(`${DIST}/${ENTRY}.br`))).toBe(true);
    const again = await get(ENTRY, { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(again.status).toBe(304);
  });

  it('caches the content-hashed chunk for a year', async () => {
    expect(chunk).toBeTruthy();
    const res = await get(chunk, { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
  });

  it('publishes no source map', async () => {
    expect((await get(`${ENTRY}.map`)).status).toBe(404);
    expect((await get(ENTRY)).headers.get('SourceMap')).toBeNull();
    expect(readFileSync(`${DIST}/${ENTRY}`, 'utf8')).not.toMatch(/sourceMappingURL/);
  });

  it('loads in Chromium brotli-encoded, and a reload revalidates the entry with a 304', async () => {
    const { page } = ctx;
    const seen: Array<{ status: number; encoding?: string }> = [];
    page.on('response', async (r) => {
      if (r.url().endsWith(`/elements/${ENTRY}`)) seen.push({ status: r.status(), encoding: (await r.allHeaders())['content-encoding'] });
    });
    await page.goto(`${ctx.origin}/api/health`);
    // A string, so vitest leaves the dynamic import alone.
    const load = () => page.evaluate(`import('/elements/${ENTRY}').then(() => customElements.get('psa-wizard') !== undefined)`);
    expect(await load()).toBe(true);
    await page.reload();
    expect(await load()).toBe(true);
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[0]).toEqual({ status: 200, encoding: 'br' });
    expect(seen[1].status).toBe(304);
  });

  it('serves the lazy loader as a revalidated entry, and the chunks it loads in Chromium as immutable brotli', async () => {
    const entry = await get('integration-elements-loader.js', { 'Accept-Encoding': 'br' });
    expect(entry.status).toBe(200);
    expect(entry.headers.get('Content-Encoding')).toBe('br');
    expect(entry.headers.get('Cache-Control')).toBe('public, no-cache');
    const page = await ctx.browser.newPage();
    const chunks: Array<{ file: string; status: number; encoding?: string; cache?: string }> = [];
    page.on('response', async (r) => {
      const file = new URL(r.url()).pathname.replace('/elements/', '');
      if (!r.url().includes('/elements/') || file === 'integration-elements-loader.js') return;
      const headers = await r.allHeaders();
      chunks.push({ file, status: r.status(), encoding: headers['content-encoding'], cache: headers['cache-control'] });
    });
    await page.goto(`${ctx.origin}/api/health`);
    // An element placed in the page: the loader fetches its chunks (a string, so vitest leaves the import alone).
    const defined = await page.evaluate(`(async () => {
      document.body.append(document.createElement('integration-list'));
      await import('/elements/integration-elements-loader.js');
      await customElements.whenDefined('integration-list');
      return true;
    })()`);
    expect(defined).toBe(true);
    await expect.poll(() => chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.file).toMatch(/-[\w-]{8}\.js$/);
      expect(chunk).toMatchObject({ status: 200, encoding: 'br', cache: 'public, max-age=31536000, immutable' });
    }
    await page.close();
  });

  it('is not rebuilt by npm start when the build is current', () => {
    const before = statSync(`${DIST}/${ENTRY}`).mtimeMs;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-elements-if-stale.ts'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Elements build is current; not rebuilding.');
    expect(statSync(`${DIST}/${ENTRY}`).mtimeMs).toBe(before);
  });
});
