/**
 * @module HaloPSA webhooks in the sandbox: `/api/Webhook` (array create, list, get, delete). A
 * ticket update is posted to each active webhook subscribed to "Ticket Updated", with the Basic
 * authentication the webhook was set up with (webhook-facts.ts), retried, and the webhook is
 * deactivated after repeated failures.
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { HALOPSA_WEBHOOK, type HaloDelivery } from '../../vendors/webhooks/webhook-facts.js';
import type { SandboxState } from '../common/sandbox-kit.js';
import { WebhookSender, type WebhookTarget } from '../common/sandbox-webhooks.js';
import type { HaloData } from './halopsa.seed.js';
import { arrayBody, echo, refuse } from './halopsa-wire.sandbox.js';

interface HaloHook extends WebhookTarget {
  guid: string;
  name: string;
  authenticationType: number;
  username: string | null;
  password: string | null;
  events: number[];
}

export function createWebhooks(state: SandboxState<HaloData>) {
  const sender = new WebhookSender<HaloHook>(HALOPSA_WEBHOOK.deactivateAfterFailedDeliveries);
  state.onReset(() => sender.reset());
  state.onWrite((write) => {
    if (write.kind !== 'ticket.update') return;
    const ticket = state.data.tickets.get(Number(write.id));
    if (!ticket) return;
    for (const hook of sender.targets.values()) {
      if (!hook.active || !hook.events.includes(HALOPSA_WEBHOOK.ticketUpdatedEvent)) continue;
      const delivery: HaloDelivery = {
        id: randomUUID(), event: 'Ticket Updated', timestamp: new Date().toISOString(), object_id: ticket.id,
        ticket: { id: ticket.id, status_id: ticket.status_id, hasbeenclosed: ticket.hasbeenclosed },
      };
      const headers: Record<string, string> = {};
      if (hook.authenticationType === HALOPSA_WEBHOOK.basicAuthentication) headers.Authorization = `Basic ${Buffer.from(`${hook.username ?? ''}:${hook.password ?? ''}`).toString('base64')}`;
      sender.push(hook, { body: JSON.stringify(delivery), headers });
    }
  });

  const view = (h: HaloHook) => ({ id: h.guid, name: h.name, url: h.url, active: h.active, authentication_type: h.authenticationType, basic_username: h.username, events: h.events.map((eventno) => ({ eventno })) });
  const byGuid = (guid: string) => [...sender.targets.values()].find((h) => h.guid === guid);

  function register(app: Hono): void {
    // ASSUMPTION: a bare array of Webhook records, as Halo's configuration lookups answer; the document
    // describes no answer and declares no paging parameters for this list (only isazureautomation, type).
    app.get('/api/Webhook', (c) => c.json([...sender.targets.values()].map(view)));
    app.get('/api/Webhook/:id', (c) => {
      const hook = byGuid(c.req.param('id'));
      return hook ? c.json(view(hook)) : refuse(c, 404, 'Webhook not found.');
    });
    app.post('/api/Webhook', async (c) => {
      const rows = await arrayBody(c);
      if (!rows || rows.length !== 1) return refuse(c, 400, 'The request body must be an array with one webhook.');
      const row = rows[0]!;
      const url = String(row.url ?? '');
      if (!/^https?:\/\//.test(url)) return refuse(c, 400, 'Please enter a valid URL.');
      const events = Array.isArray(row.events) ? (row.events as Array<{ eventno?: unknown }>).map((e) => Number(e.eventno)).filter(Number.isFinite) : [];
      const hook = sender.add({
        url, active: row.active !== false, guid: randomUUID(), name: String(row.name ?? ''), authenticationType: Number(row.authentication_type ?? 0),
        username: typeof row.basic_username === 'string' ? row.basic_username : null, password: typeof row.basic_password === 'string' ? row.basic_password : null, events,
      });
      state.recordWrite('webhook', hook.guid, view(hook));
      return echo(c, [view(hook)]);
    });
    app.delete('/api/Webhook/:id', (c) => {
      const hook = byGuid(c.req.param('id'));
      if (!hook) return refuse(c, 404, 'Webhook not found.');
      sender.targets.delete(hook.id);
      state.recordWrite('webhook.delete', hook.guid, {});
      return c.body(null, 200);
    });
  }
  return { sender, register };
}
