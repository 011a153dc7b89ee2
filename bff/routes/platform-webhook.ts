/**
 * @module The platform's event endpoint, operator configuration per partner (admin only): where the
 * BFF posts its Standard Webhooks events and the secret it signs them with. The secret is sealed
 * like vendor credentials and never returned; the delivery log lists each event's state and tries.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { notFound } from '../errors.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import { PLATFORM_EVENT_TYPES } from '../services/two-way/platform-events.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const platformWebhookBody = z.object({
  url: z.string().url().max(2_000).refine((value) => {
    const url = new URL(value);
    // Plain http only to this machine (development, tests); anything else must be https.
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'Use an https address (http only for 127.0.0.1 or localhost).'),
  /** A Standard Webhooks secret: `whsec_` and base64 of 24 to 64 random bytes. */
  secret: z.string().regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'Use a Standard Webhooks secret: whsec_ followed by base64 of 24 to 64 random bytes.'),
});

const endpointView = z.object({ url: z.string(), hasSecret: z.literal(true), events: z.array(z.enum(PLATFORM_EVENT_TYPES)), updatedAt: z.string() });
const logQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });
const eventView = z.object({
  id: z.string(), type: z.string(), state: z.enum(['pending', 'delivered', 'failed']), attempts: z.number(), lastError: z.string().nullable(),
  createdAt: z.string(), deliveredAt: z.string().nullable(), payload: z.unknown(),
});
const logView = z.object({ events: z.array(eventView) });

export function platformWebhookRoutes(deps: AppDeps, docs: ApiDocs) {
  const repo = deps.repos.twoWay;
  const p = '/api/platform-webhook';
  docs.add(
    { method: 'get', path: p, summary: 'The platform endpoint events are sent to (the secret is never returned)', tag: 'platform', roles: ['admin'], response: { status: 200, schema: endpointView } },
    { method: 'put', path: p, summary: 'Set the platform endpoint and its Standard Webhooks secret', tag: 'platform', roles: ['admin'], body: platformWebhookBody, response: { status: 200, schema: endpointView } },
    { method: 'delete', path: p, summary: 'Stop sending events to the platform (queued events wait)', tag: 'platform', roles: ['admin'], response: { status: 204, schema: null } },
    { method: 'get', path: `${p}/events`, summary: 'The delivery log: the latest events with their state and tries', tag: 'platform', roles: ['admin'], query: logQuery, response: { status: 200, schema: logView } },
  );
  const view = (row: { url: string; updatedAt: string }): z.infer<typeof endpointView> => ({ url: row.url, hasSecret: true, events: [...PLATFORM_EVENT_TYPES], updatedAt: row.updatedAt });

  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/', async (c) => {
      const row = await repo.getEndpoint(c.get('principal').partner);
      if (!row) throw notFound('The platform endpoint');
      return c.json(view(row), 200);
    })
    .put('/', validate('json', platformWebhookBody), async (c) => {
      const { partner } = c.get('principal');
      const { url, secret } = c.req.valid('json');
      const box = deps.vault.seal(secret);
      await repo.saveEndpoint({ partnerId: partner, url, secretSealed: box.sealed, secretKeyId: box.keyId });
      deps.logger.info({ partner }, 'two-way: platform endpoint set');
      return c.json(view((await repo.getEndpoint(partner))!), 200);
    })
    .delete('/', async (c) => {
      if (!(await repo.deleteEndpoint(c.get('principal').partner))) throw notFound('The platform endpoint');
      return c.body(null, 204);
    })
    .get('/events', validate('query', logQuery), async (c) => {
      const rows = await repo.listEvents(c.get('principal').partner, c.req.valid('query').limit);
      return c.json({ events: rows.map((r) => ({ id: r.id, type: r.type, state: r.state, attempts: r.attempts, lastError: r.lastError, createdAt: r.createdAt, deliveredAt: r.deliveredAt, payload: r.payload })) }, 200);
    });
}
