/**
 * @module The HaloPSA sandbox: a Hono app that answers Halo's `/auth/token` and `/api/*` paths
 * below whatever prefix it is mounted at (the product mounts it at /sandbox/halopsa), with
 * client-credentials sign-in, scopes, list paging, array creates, errors and the hosted budget of
 * 300 requests per rolling 5 minutes, plus the `_control/` API (reset, seed, faults, writes,
 * expire-tokens, scopes).
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { SandboxState, WindowCounter, controlRoutes, faultInjection } from '../common/sandbox-kit.js';
import { SANDBOX_GRANTED_SCOPES, seedHaloPsa, type HaloData } from './halopsa.seed.js';
import { TokenStore, bearerAuth, registerAuthRoutes } from './halopsa-auth.sandbox.js';
import { registerCrmRoutes, registerLookupRoutes } from './halopsa-crm.sandbox.js';
import { registerFinanceRoutes } from './halopsa-finance.sandbox.js';
import { registerTicketRoutes } from './halopsa-tickets.sandbox.js';
import { createWebhooks } from './halopsa-webhooks.sandbox.js';
import { refuse, serverError } from './halopsa-wire.sandbox.js';

/** Hosted Halo: 300 requests per rolling 5-minute window (HaloAPI issue #31, PowerShellWarrantyReports #51). */
export const HALO_HOSTED_LIMIT = 300;
export const HALO_WINDOW_MS = 5 * 60_000;

/**
 * Halo's throttling answer. The text is the one integrators report; ASSUMPTION: a `Retry-After`
 * header comes with it (the adapter also copes without one, by backing off).
 */
function rateLimited(c: Context, retryAfterSeconds: number): Response {
  return c.text(`Rate Limit Reached - ${HALO_HOSTED_LIMIT} Requests per rolling 5 minute window.`, 429, { 'Retry-After': String(retryAfterSeconds) });
}

/** ASSUMPTION: an application without the permission gets Halo's bare JSON-string refusal, as the scope check answers (halopsa-auth.sandbox.ts). */
function forbidden(c: Context): Response {
  return c.json('Access denied: the API application does not have permission for this request.', 403);
}

function budget(counter: WindowCounter): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.includes('/_control/') || !/\/(api|auth)\//i.test(c.req.path)) return next();
    const wait = counter.hit();
    return wait > 0 ? rateLimited(c, wait) : next();
  };
}

const scopesSchema = z.object({ scopes: z.array(z.string().min(1)).max(20) });

/** Builds the sandbox. `scale` is the number of clients to seed (default: the ~64 fixed ones). */
export function createHaloPsaSandbox(options: { scale?: number } = {}): { app: Hono; state: SandboxState<HaloData> } {
  const state = new SandboxState<HaloData>((scale) => seedHaloPsa(scale ?? options.scale));
  const tokens = new TokenStore();
  const counter = new WindowCounter(HALO_HOSTED_LIMIT, HALO_WINDOW_MS);
  const app = new Hono();
  const webhooks = createWebhooks(state);
  app.route('/_control/webhooks', webhooks.sender.control());

  app.route('/_control', controlRoutes(state, {
    onReset: () => {
      tokens.clear();
      counter.reset();
    },
    extend: (control) => {
      control.post('/expire-tokens', (c) => c.json({ ok: true, expired: tokens.expireAll() }));
      // What the API application is allowed, as an admin sets it in Halo (tests drop `all:teams`).
      control.post('/scopes', async (c) => {
        const parsed = scopesSchema.safeParse(await c.req.json().catch(() => null));
        if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
        state.data.application.scopes = parsed.data.scopes;
        return c.json({ ok: true, scopes: parsed.data.scopes, default: SANDBOX_GRANTED_SCOPES });
      });
    },
  }));

  app.use('*', faultInjection(state, { rateLimited, serverError, forbidden }));
  app.use('*', budget(counter));
  app.use('*', bearerAuth(tokens));

  registerAuthRoutes(app, state, tokens);
  registerCrmRoutes(app, state);
  registerLookupRoutes(app, state);
  registerTicketRoutes(app, state);
  registerFinanceRoutes(app, state);
  webhooks.register(app);

  app.notFound((c) => refuse(c, 404, 'The requested resource was not found.'));
  app.onError((_error, c) => serverError(c, 500));
  return { app, state };
}
