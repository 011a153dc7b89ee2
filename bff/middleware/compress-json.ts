/**
 * @module Compresses the admin API's JSON answers (lists, settings, logs) for the browser: brotli
 * when the caller accepts it, else gzip, from 1 KB up. Tiny answers go out as they are: their
 * compressed form is no smaller and costs a round of zlib. Hono's own compress middleware judges
 * size by Content-Length, which `c.json` does not set, so it compressed even `{"integrations":[]}`
 * (19 bytes into 39). Not for event streams (only JSON is touched), nor for answers that are already
 * encoded (a cached list page, list-pages.ts). The work runs on libuv's threads, not the event loop.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

/** Below this a compressed body saves less than it costs (the same floor as list-pages.ts). */
export const COMPRESS_FROM_BYTES = 1024;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** `br` if the caller accepts it (q > 0), else `gzip`, else nothing. */
export function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map((header ?? '').split(',').map((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return [name.trim(), q ? Number(q.slice(2)) : 1] as const;
  }));
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}

export function compressJson(threshold = COMPRESS_FROM_BYTES): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    // Status and headers only until compressing is decided: reading `res.body` would turn the Node
    // server's lightweight response (a string it writes directly) into a full stream on every answer.
    if (c.req.method === 'HEAD' || res.status === 204 || res.status === 304 || !JSON_TYPE.test(res.headers.get('Content-Type') ?? '')) return;
    // Whether or not this answer is compressed, the same URL's answer may be: caches must key on it.
    const vary = res.headers.get('Vary');
    if (!/\baccept-encoding\b/i.test(vary ?? '')) res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (res.headers.has('Content-Encoding')) return;
    const encoding = acceptedEncoding(c.req.header('Accept-Encoding'));
    const length = res.headers.get('Content-Length');
    if (!encoding || (length !== null && Number(length) < threshold)) return;
    const raw = new Uint8Array(await res.arrayBuffer());
    if (raw.byteLength < threshold) {
      c.res = new Response(raw, res);
      return;
    }
    const packed = encoding === 'br'
      ? await brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.byteLength } })
      : await gzipAsync(raw, { level: 6 });
    c.res = new Response(new Uint8Array(packed), res);
    c.res.headers.delete('Content-Length');
    c.res.headers.set('Content-Encoding', encoding);
    // Another encoding is another byte sequence: a strong validator would claim they are the same.
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}
