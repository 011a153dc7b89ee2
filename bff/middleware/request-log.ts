/**
 * @module The request line, a debug log: at info and above nothing is timed or built per request.
 * Method, path and status only: bodies, queries and headers can carry secrets. Written by
 * createApiRoutes' first middleware, and by intake's composed handler (routing-intake.ts) and
 * Node-level path (routing-intake-node.ts).
 */
import type { Context } from 'hono';
import type { Logger } from '../logger.js';

/** When the request log is on, the time to pass to `logRequest` once the answer exists; else undefined. */
export function requestLogStart(logger: Logger): number | undefined {
  return logger.isLevelEnabled('debug') ? performance.now() : undefined;
}

export function logRequest(logger: Logger, c: Context, status: number, started: number): void {
  logRequestLine(logger, c.req.method, c.req.path, status, started);
}

/** The same line without a Hono context (intake's Node-level path, routing-intake-node.ts). */
export function logRequestLine(logger: Logger, method: string, path: string, status: number, started: number): void {
  logger.debug({ method, path, status, ms: Math.round(performance.now() - started) }, 'request');
}
