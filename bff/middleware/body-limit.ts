/**
 * @module Refuses request bodies over a size, as problem+json 413. A body with a Content-Length is
 * judged by the header alone: reading `raw.body` to count it (as Hono's bodyLimit does) turns the
 * Node server's fast request into a full stream and costs a third of a small POST's throughput.
 * Bodies without a length (chunked) are counted as they stream.
 */
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ProblemError } from '../errors.js';

export function limitBody(maxBytes: number) {
  const size = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes / 1024} KB`;
  const tooLarge = () => { throw new ProblemError(413, 'too_large', 'Too large', `The request body is larger than ${size}.`); };
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return createMiddleware(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding')) return streamed(c, next);
    if (Number(length) > maxBytes) tooLarge();
    await next();
  });
}
