/**
 * @module `GET /api/health` (liveness: the process answers; whether the database does, and the
 * version) and `GET /api/ready` (readiness: the database answers and every migration is applied,
 * else 503 so a load balancer sends no traffic yet). Public.
 */
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

const readySchema = z.object({ status: z.enum(['ready', 'not_ready']), database: z.enum(['ok', 'unreachable']), migrations: z.enum(['applied', 'pending', 'unknown']) });

export function readinessRoutes(deps: AppDeps, docs: ApiDocs) {
  docs.add({ method: 'get', path: '/api/ready', summary: 'Readiness: database reachable and migrations applied', tag: 'health', roles: [], response: { status: 200, schema: readySchema } });
  return new Hono().get('/', async (c) => {
    let database: 'ok' | 'unreachable' = 'ok';
    let migrations: 'applied' | 'pending' | 'unknown' = 'unknown';
    try {
      await deps.database.ping();
      migrations = (await deps.database.migrationsApplied()) ? 'applied' : 'pending';
    } catch {
      database = 'unreachable';
    }
    const ready = database === 'ok' && migrations === 'applied';
    return c.json({ status: ready ? 'ready' : 'not_ready', database, migrations } as const, ready ? 200 : 503);
  });
}
