/**
 * @module The request line, a debug log: at info and above nothing is timed or built per request.
 * Method, path and status only: bodies, queries and headers can carry secrets. Written by
 * createApiRoutes' first middleware and by intake's composed handler (routing-intake.ts).
 */
import type { Context } from 'hono';
import type { Logger } from '../logger.js';

/** When the request log is on, the time to pass to `logRequest` once the answer exists; else undefined. */
export function requestLogStart(logger: Logger): number | undefined {
  return logger.isLevelEnabled('debug') ? performance.now() : undefined;
}

export function logRequest(logger: Logger, c: Context, status: number, started: number): void {
  logger.debug({ method: c.req.method, path: c.req.path, status, ms: Math.round(performance.now() - started) }, 'request');
}
