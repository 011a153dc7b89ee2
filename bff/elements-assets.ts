/**
 * @module Serves the built elements (`dist/elements`) the way a CDN would: gzip or brotli by
 * Accept-Encoding (the build's precompressed `.br`/`.gz` siblings, else compressed once and kept),
 * a strong ETag per representation with 304 on If-None-Match, and caching by file name: content-hashed
 * chunks are immutable for a year; the stable entries (`integration-elements.js` and the lazy
 * `integration-elements-loader.js`) are revalidated on every use (`no-cache` + ETag), so a host page
 * picks up a new release at once. Source maps are
 * served in demo mode only (pointed to by a `SourceMap` header, since the build leaves no comment).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Context } from 'hono';
import { problemResponse } from './errors.js';
import type { Logger } from './logger.js';

export const ENTRY_FILE = 'integration-elements.js';
export const LOADER_FILE = 'integration-elements-loader.js';
/** The names a host page writes in its markup: never content-hashed, so always revalidated. */
const STABLE_FILES = new Set([ENTRY_FILE, LOADER_FILE]);
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'public, no-cache';

/** Vite's chunk names: `[name]-[hash].js`, the hash 8 url-safe characters (vite.config.ts). */
const HASHED_NAME = /-[A-Za-z0-9_-]{8}\.js$/;
const SERVED_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.js(\.map)?$/;

type Encoding = 'br' | 'gzip';
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };
const ETAG_SUFFIX: Record<Encoding, string> = { br: '-br', gzip: '-gz' };

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

interface Asset {
  mtimeMs: number;
  size: number;
  hash: string;
  body: Buffer;
  encoded: Partial<Record<Encoding, Buffer>>;
  hasMap: boolean;
}

/** Picks the best encoding the client accepts (brotli, then gzip); identity otherwise. */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = weight ? Number(weight.slice(2)) : 1;
    if (name) q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

/** True when If-None-Match names this file's content (any of its encodings, weak or strong). */
function matches(ifNoneMatch: string | undefined, hash: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return t === '*' || t === hash || t === `${hash}${ETAG_SUFFIX.br}` || t === `${hash}${ETAG_SUFFIX.gzip}`;
  });
}

async function fileIfNewer(path: string, thanMs: number): Promise<Buffer | undefined> {
  try {
    return (await stat(path)).mtimeMs >= thanMs ? await readFile(path) : undefined;
  } catch {
    return undefined;
  }
}

export interface ElementAssetsOptions {
  dir: string;
  /** Demo mode serves source maps; production never does. */
  sourceMaps: boolean;
  logger: Logger;
}

/** The handler for `GET /elements/:file`. Each file is read and compressed once per build (its mtime and size key the cache). */
export function elementAssets({ dir, sourceMaps, logger }: ElementAssetsOptions) {
  const cache = new Map<string, Promise<Asset>>();

  async function load(name: string, mtimeMs: number, size: number): Promise<Asset> {
    const path = join(dir, name);
    const body = await readFile(path);
    const asset: Asset = { mtimeMs, size, body, encoded: {}, hash: createHash('sha256').update(body).digest('base64url').slice(0, 27), hasMap: false };
    for (const encoding of ['br', 'gzip'] as const) {
      const built = await fileIfNewer(path + SUFFIX[encoding], mtimeMs);
      const compressed = built ?? await compress(encoding, body);
      if (!built) logger.debug({ file: name, encoding }, 'elements: compressed once (no precompressed file from the build)');
      // A tiny file can grow when compressed: then identity is the better answer.
      if (compressed.length < body.length) asset.encoded[encoding] = compressed;
    }
    asset.hasMap = sourceMaps && !name.endsWith('.map') && (await fileIfNewer(`${path}.map`, 0)) !== undefined;
    return asset;
  }

  function compress(encoding: Encoding, body: Buffer): Promise<Buffer> {
    if (encoding === 'gzip') return gzipAsync(body, { level: 9 });
    // Quality 11 (the build's) takes seconds on a megabyte; 9 is within a few percent at a fraction.
    return brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: body.length > 1_000_000 ? 5 : 9, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
  }

  async function asset(name: string): Promise<Asset | undefined> {
    let info;
    try {
      info = await stat(join(dir, name));
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const cached = cache.get(name);
    if (cached) {
      const a = await cached.catch(() => undefined);
      if (a && a.mtimeMs === info.mtimeMs && a.size === info.size) return a;
    }
    const loading = load(name, info.mtimeMs, info.size);
    cache.set(name, loading);
    return loading;
  }

  return async (c: Context) => {
    const name = c.req.param('file') ?? '';
    const allowed = SERVED_NAME.test(name) && (sourceMaps || !name.endsWith('.map'));
    const found = allowed ? await asset(name) : undefined;
    if (!found) {
      return problemResponse(c, { type: 'urn:integration-hub:problem:not_found', title: 'Not found', status: 404, code: 'not_found', detail: `No element file ${name}.` });
    }
    const encoding = negotiateEncoding(c.req.header('Accept-Encoding'));
    const body = (encoding && found.encoded[encoding]) || found.body;
    const used = body === found.body ? undefined : encoding;
    c.header('Cache-Control', !STABLE_FILES.has(name) && HASHED_NAME.test(name) ? IMMUTABLE : REVALIDATE);
    c.header('ETag', `"${found.hash}${used ? ETAG_SUFFIX[used] : ''}"`);
    c.header('Vary', 'Accept-Encoding', { append: true });
    if (matches(c.req.header('If-None-Match'), found.hash)) return c.body(null, 304);
    c.header('Content-Type', name.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8');
    if (used) c.header('Content-Encoding', used);
    if (found.hasMap) c.header('SourceMap', `${name}.map`);
    c.header('Content-Length', String(body.length));
    return c.body(new Uint8Array(body), 200);
  };
}
