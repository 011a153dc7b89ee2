/**
 * @module The Datto RMM sandbox: a Hono app that answers like `https://<platform>-api.centrastage.net`
 * (OAuth password grant at `auth/oauth/token`, REST under `api/v2`, `page`/`max` and `searchAfter`
 * paging, 600 reads / 100 writes a minute) with a seeded account, plus its `_control/` API. Routes
 * are relative, so it works mounted under any prefix (the product uses `/sandbox/datto-rmm`).
 */
import { Hono } from 'hono';
import { controlRoutes, faultInjection, SandboxState, sleep } from '../common/sandbox-kit.js';
import { activityRoutes } from './datto-rmm.activity-routes.js';
import { bearerAuth, DattoTokenStore, tokenEndpoint } from './datto-rmm.auth.js';
import { dattoControl } from './datto-rmm.control.js';
import { apiError, rateLimited, serverError } from './datto-rmm.errors.js';
import { DattoRateLimits } from './datto-rmm.rate-limits.js';
import { readRoutes } from './datto-rmm.read-routes.js';
import { seedDattoRmm, type DattoRmmData } from './datto-rmm.seed.js';
import { writeRoutes } from './datto-rmm.write-routes.js';

export { SANDBOX_API_KEY, SANDBOX_API_SECRET, SANDBOX_SECOND_API_KEY, SANDBOX_SECOND_API_SECRET } from './datto-rmm.auth.js';
export type { DattoRmmData } from './datto-rmm.records.js';

export interface DattoRmmSandboxOptions {
  /** Devices account-wide when `_control/seed` names no scale (default ~150). */
  scale?: number;
  /** The delay Datto adds to reads above 90 % of the minute's budget (default one second). */
  slowDownMs?: number;
}

export function createDattoRmmSandbox(options: DattoRmmSandboxOptions = {}): { app: Hono; state: SandboxState<DattoRmmData> } {
  const state = new SandboxState<DattoRmmData>((scale) => seedDattoRmm(scale ?? options.scale));
  const tokens = new DattoTokenStore();
  const limits = new DattoRateLimits(options.slowDownMs ?? 1_000);

  const app = new Hono();
  app.use('*', faultInjection(state, { rateLimited, serverError }));
  app.route(
    '/_control',
    controlRoutes(state, {
      extend: dattoControl(tokens),
      onReset: () => {
        tokens.clear();
        limits.reset();
      },
    }),
  );

  app.post('/auth/oauth/token', tokenEndpoint(tokens));

  app.use('/api/*', bearerAuth(tokens));
  // Reads and writes are separate quotas; writes count per operation inside their handlers.
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const { retryAfter, delayMs } = limits.read();
    if (retryAfter > 0) return rateLimited(c, retryAfter);
    if (delayMs > 0) await sleep(delayMs, c.req.raw.signal);
    return next();
  });
  app.route('/api/v2', readRoutes(state, limits));
  app.route('/api/v2', activityRoutes(state));
  app.route('/api/v2', writeRoutes(state, limits));
  app.all('/api/*', (c) => apiError(c, 404, 'Not Found'));
  return { app, state };
}
