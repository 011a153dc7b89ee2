/** @module `GET /api/health`: whether the database answers, and the running version. Public. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import type { ApiDocs } from '../openapi.js';

const healthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'unreachable']), version: z.string() });

export function healthRoutes(deps: AppDeps, docs: ApiDocs) {
  docs.add({ method: 'get', path: '/api/health', summary: 'Liveness and database reachability', tag: 'health', roles: [], response: { status: 200, schema: healthSchema } });
  return new Hono().get('/', async (c) => {
    let database: 'ok' | 'unreachable' = 'ok';
    try {
      await deps.database.ping();
    } catch {
      database = 'unreachable';
    }
    const body = { status: database === 'ok' ? 'ok' : 'degraded', database, version: deps.version } as const;
    return c.json(body, database === 'ok' ? 200 : 503);
  });
}
