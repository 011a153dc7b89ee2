/**
 * @module The Kaseya BMS sandbox: a Hono app that answers BMS API V2 paths below whatever prefix
 * it is mounted at (the product mounts it at /sandbox/kaseya-bms), with BMS's sign-in, envelope,
 * paging, errors and its 1,500-requests-an-hour-per-endpoint budget, plus the `_control/` API.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SandboxState, WindowCounter, controlRoutes, faultInjection } from '../common/sandbox-kit.js';
import { seedKaseyaBms, type BmsData } from './kaseya-bms.seed.js';
import { TokenStore, bearerAuth, registerAuthRoutes } from './kaseya-bms-auth.sandbox.js';
import { registerCrmRoutes, registerLookupRoutes } from './kaseya-bms-crm.sandbox.js';
import { registerFinanceRoutes } from './kaseya-bms-finance.sandbox.js';
import { registerTicketRoutes } from './kaseya-bms-tickets.sandbox.js';
import { createWebhooks } from './kaseya-bms-webhooks.sandbox.js';
import { errorInfo, fail } from './kaseya-bms-wire.sandbox.js';

/** BMS V2: 1,500 requests per hour per endpoint (psa-apis.md B5). */
export const BMS_LIMIT_PER_ENDPOINT = 1_500;
const HOUR_MS = 3_600_000;

/**
 * ASSUMPTION (psa-apis.md B5: the breach status and body are not documented): HTTP 429 with
 * `Retry-After` and the plain-text body of ASP.NET's usual rate-limit middleware.
 */
function quotaExceeded(c: Context, retryAfterSeconds: number): Response {
  return c.text(`API calls quota exceeded! maximum admitted ${BMS_LIMIT_PER_ENDPOINT} per 1h.`, 429, { 'Retry-After': String(retryAfterSeconds) });
}

/** ASSUMPTION: a server fault answers in the envelope with a generic message. */
function serverError(c: Context, status: number): Response {
  return c.json({ success: false, error: errorInfo(status, 'An error has occurred. Please try again later.'), result: null }, status as ContentfulStatusCode);
}

/** ASSUMPTION: a role's refusal answers in the envelope, as a server fault does. */
function forbidden(c: Context): Response {
  return c.json({ success: false, error: errorInfo(403, 'You do not have permission to access this resource.'), result: null }, 403);
}

/** One sliding-window counter per endpoint: method + path template (ids folded into `{id}`). */
class EndpointLimits {
  private readonly counters = new Map<string, WindowCounter>();

  hit(method: string, path: string): number {
    const at = path.indexOf('/v2/');
    if (at < 0) return 0;
    const key = `${method} ${path.slice(at).toLowerCase().replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
    let counter = this.counters.get(key);
    if (!counter) this.counters.set(key, (counter = new WindowCounter(BMS_LIMIT_PER_ENDPOINT, HOUR_MS)));
    return counter.hit();
  }

  clear(): void {
    this.counters.clear();
  }
}

function rateLimit(limits: EndpointLimits): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path.includes('/_control/')) return next();
    const wait = limits.hit(c.req.method, c.req.path);
    return wait > 0 ? quotaExceeded(c, wait) : next();
  };
}

/** Builds the sandbox. `scale` is the number of accounts to seed (default: the ~64 fixed ones). */
export function createKaseyaBmsSandbox(options: { scale?: number } = {}): { app: Hono; state: SandboxState<BmsData> } {
  const state = new SandboxState<BmsData>((scale) => seedKaseyaBms(scale ?? options.scale));
  const tokens = new TokenStore();
  const limits = new EndpointLimits();
  const app = new Hono();
  const webhooks = createWebhooks(state);
  app.route('/_control/webhooks', webhooks.sender.control());

  app.route('/_control', controlRoutes(state, {
    onReset: () => {
      tokens.clear();
      limits.clear();
    },
    extend: (control) => {
      control.post('/expire-tokens', (c) => c.json({ ok: true, expired: tokens.expireAll() }));
      // Someone deletes an account in BMS (the mappings that point at it go stale; tickets for it are refused).
      const deleteAccount = (id: number) => {
        const deleted = state.data.accountsById.delete(id);
        state.data.accounts = state.data.accounts.filter((a) => a.id !== id);
        return deleted;
      };
      control.delete('/accounts/:id', (c) => c.json({ ok: true, deleted: deleteAccount(Number(c.req.param('id'))) }));
      control.post('/accounts/:id/delete', (c) => (deleteAccount(Number(c.req.param('id'))) ? c.json({ ok: true }) : c.json({ error: 'no such account' }, 404)));
      // A contract that ended, or a contact someone deactivated, after it was mapped: tickets carrying it are refused.
      control.post('/contracts/:id/end', (c) => {
        const contract = state.data.contracts.find((k) => k.id === Number(c.req.param('id')));
        if (!contract) return c.json({ error: 'no such contract' }, 404);
        contract.isActive = false;
        return c.json({ ok: true });
      });
      control.post('/contacts/:id/deactivate', (c) => {
        const contact = [...state.data.contactsByAccount.values()].flat().find((k) => k.id === Number(c.req.param('id')));
        if (!contact) return c.json({ error: 'no such contact' }, 404);
        contact.isActive = false;
        return c.json({ ok: true });
      });
    },
  }));

  app.use('*', faultInjection(state, { rateLimited: quotaExceeded, serverError, forbidden }));
  app.use('*', rateLimit(limits));
  app.use('*', bearerAuth(tokens));

  registerAuthRoutes(app, state, tokens);
  registerCrmRoutes(app, state);
  registerLookupRoutes(app, state);
  registerTicketRoutes(app, state);
  registerFinanceRoutes(app, state);
  webhooks.register(app);

  // ASP.NET answers an unknown route with an empty 404.
  app.notFound((c) => c.body(null, 404));
  app.onError((_error, c) => fail(c, 500, 'An error has occurred.'));
  return { app, state };
}
