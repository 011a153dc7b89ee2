/**
 * @module Refuses request bodies over a size, as problem+json 413. A body with a Content-Length is
 * judged by the header alone: reading `raw.body` to count it (as Hono's bodyLimit does) turns the
 * Node server's fast request into a full stream and costs a third of a small POST's throughput.
 * Bodies without a length (chunked) are counted as they stream.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ProblemError } from '../errors.js';

/** Any API request's body (a route may set a smaller limit of its own). */
export const API_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * The judgement by header: 'ok' (no body to judge, or a declared length within the limit), a throw
 * (413) past it, or 'stream' when the body has no declared length and must be counted as it arrives.
 */
export function bodySizeByHeader(maxBytes: number): (c: Context) => 'ok' | 'stream' {
  const size = sizeWords(maxBytes);
  return (c) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return 'ok';
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding')) return 'stream';
    if (Number(length) > maxBytes) throw tooLarge(size);
    return 'ok';
  };
}

const sizeWords = (maxBytes: number) => (maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes / 1024} KB`);
const tooLarge = (size: string) => new ProblemError(413, 'too_large', 'Too large', `The request body is larger than ${size}.`);

export function limitBody(maxBytes: number) {
  const byHeader = bodySizeByHeader(maxBytes);
  const streamed = bodyLimit({ maxSize: maxBytes, onError: () => { throw tooLarge(sizeWords(maxBytes)); } });
  return createMiddleware(async (c, next) => {
    if (byHeader(c) === 'stream') return streamed(c, next);
    await next();
  });
}
