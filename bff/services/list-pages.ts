/**
 * @module Pages of a cached vendor list, answered as the wizard asks for them again and again:
 * each page (per list, filter and range) is filtered, serialized and compressed once, and carries
 * an ETag, so a repeat is a lookup and a revalidation is a 304. Everything hangs off the list's
 * own identity (the array the vendor cache holds), so a refresh, which loads a new array, starts
 * afresh and the old pages go with the old array. Facets are computed once per loaded list.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Context, TypedResponse } from 'hono';

interface Page {
  etag: string;
  json: string;
  encoded: Partial<Record<'br' | 'gzip', Buffer>>;
}
interface ListState {
  facets?: unknown;
  pages: Map<string, Page>;
}

/** Enough for a wizard's filters and scrolling; the oldest page is dropped beyond it. */
const MAX_PAGES_PER_LIST = 200;
/** Below this a compressed body saves less than it costs. */
const COMPRESS_FROM_BYTES = 1024;
const lists = new WeakMap<object, ListState>();

const stateOf = (list: object): ListState => {
  let state = lists.get(list);
  if (!state) lists.set(list, state = { pages: new Map() });
  return state;
};

/** What `compute` derives from the whole list (facets), once per loaded list. */
export function perList<T>(list: object, compute: () => T): T {
  const state = stateOf(list);
  if (state.facets === undefined) state.facets = compute();
  return state.facets as T;
}

function pageOf(list: object, key: string, build: () => unknown): Page {
  const { pages } = stateOf(list);
  let page = pages.get(key);
  if (!page) {
    const json = JSON.stringify(build());
    page = { json, etag: `W/"${createHash('sha1').update(json).digest('base64url')}"`, encoded: {} };
    if (pages.size >= MAX_PAGES_PER_LIST) pages.delete(pages.keys().next().value!);
    pages.set(key, page);
  }
  return page;
}

function encodingFor(c: Context): 'br' | 'gzip' | undefined {
  const accepted = c.req.header('Accept-Encoding') ?? '';
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return undefined;
}

/**
 * Answers one page of `list` (keyed by everything that shapes it): 304 when the caller holds the
 * same page, else its JSON, brotli or gzip as the caller accepts. `Cache-Control: no-cache` lets
 * the browser keep the page and revalidate it, so its repeat costs one small exchange.
 */
export function answerPage<T>(c: Context, list: object, key: string, build: () => T): Response & TypedResponse<T, 200, 'json'> {
  return answer(c, pageOf(list, key, build)) as Response & TypedResponse<T, 200, 'json'>;
}

function answer(c: Context, page: Page): Response {
  c.header('ETag', page.etag);
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Accept-Encoding', { append: true });
  const held = c.req.header('If-None-Match');
  if (held && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag.slice(2))) return c.body(null, 304);
  const encoding = page.json.length >= COMPRESS_FROM_BYTES ? encodingFor(c) : undefined;
  if (!encoding) return c.body(page.json, 200, { 'Content-Type': 'application/json' });
  const body = page.encoded[encoding] ??= encoding === 'br'
    ? brotliCompressSync(page.json, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: page.json.length } })
    : gzipSync(page.json, { level: 6 });
  return c.body(new Uint8Array(body), 200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding });
}
