/**
 * @module Kaseya BMS webhooks in the sandbox: `/v2/admin/webhooks` (create, get, search, delete one by id
 * or several by `TargetedIds`) and `/v2/admin/webhooks/events/lookup`. A ticket's status change (an update or a
 * resolve) is posted to each enabled hook subscribed to "Ticket Status Changed" (or all events),
 * signed with the hook's `Secret` (webhook-facts.ts), retried, and disabled after repeated failures.
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { KASEYA_BMS_WEBHOOK, type BmsDelivery } from '../../vendors/webhooks/webhook-facts.js';
import type { SandboxState } from '../common/sandbox-kit.js';
import { WebhookSender, type WebhookTarget } from '../common/sandbox-webhooks.js';
import type { BmsData } from './kaseya-bms.seed.js';
import { contains, fail, field, intField, ok, pageOf, paged, stringField, validationFailed } from './kaseya-bms-wire.sandbox.js';

interface BmsHook extends WebhookTarget {
  name: string;
  secret: string | null;
  sendAllEvents: boolean;
  events: number[];
  createdOn: string;
}

export function createWebhooks(state: SandboxState<BmsData>) {
  const sender = new WebhookSender<BmsHook>(KASEYA_BMS_WEBHOOK.deactivateAfterFailedDeliveries);
  state.onReset(() => sender.reset());
  const lastStatus = new Map<number, number>();
  state.onWrite((write) => {
    if (write.kind === 'ticket') {
      const t = state.data.tickets.get(Number(write.id));
      if (t) lastStatus.set(t.id, t.statusId);
    }
    if (write.kind !== 'ticket.update' && write.kind !== 'ticket.resolve') return;
    const ticket = state.data.tickets.get(Number(write.id));
    if (!ticket || lastStatus.get(ticket.id) === ticket.statusId) return;
    lastStatus.set(ticket.id, ticket.statusId);
    const eventId = KASEYA_BMS_WEBHOOK.ticketStatusChangedEvent;
    const status = state.data.statuses.find((s) => s.id === ticket.statusId);
    for (const hook of sender.targets.values()) {
      if (!hook.active || !(hook.sendAllEvents || hook.events.includes(eventId))) continue;
      const delivery: BmsDelivery = {
        DeliveryId: randomUUID(), WebhookId: hook.id, EventId: eventId, EventName: 'Ticket Status Changed', Timestamp: new Date().toISOString(),
        Data: { TicketId: ticket.id, TicketNumber: ticket.number, StatusId: ticket.statusId, StatusName: status?.name ?? null },
      };
      const body = JSON.stringify(delivery);
      sender.push(hook, { body, headers: hook.secret ? { [KASEYA_BMS_WEBHOOK.signatureHeader]: KASEYA_BMS_WEBHOOK.sign(hook.secret, body) } : {} });
    }
  });

  // BMS answers camelCase (ASP.NET's default), whatever the swagger's PascalCase names say.
  const view = (h: BmsHook) => ({
    id: h.id, createdBy: 1, createdOn: h.createdOn, modifiedBy: null, modifiedOn: null, isEnabled: h.active, payloadUrl: h.url, name: h.name,
    contentType: 1, sendAllEvents: h.sendAllEvents, events: h.events, hasSecret: h.secret !== null,
  });

  function register(app: Hono): void {
    app.get('/v2/admin/webhooks/events/lookup', (c) => ok(c, KASEYA_BMS_WEBHOOK.events.map((e) => ({ id: e.Id, name: e.Name, categoryName: e.CategoryName, categoryId: e.CategoryId }))));
    app.post('/v2/admin/webhooks', async (c) => {
      const body = ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
      const url = String(field(body, 'PayloadURL') ?? '');
      if (!/^https?:\/\//.test(url)) return validationFailed(c, ['The PayloadURL field is required.']);
      const events = (field(body, 'Events') as number[] | null | undefined) ?? [];
      const known = new Set<number>(KASEYA_BMS_WEBHOOK.events.map((e) => e.Id));
      if (events.some((e) => !known.has(e))) return fail(c, 200, 'One or more events are not valid.');
      const secret = field(body, 'Secret');
      const hook = sender.add({
        url, active: field(body, 'IsEnabled') !== false, name: String(field(body, 'Name') ?? ''), secret: typeof secret === 'string' && secret ? secret : null,
        sendAllEvents: field(body, 'SendAllEvents') === true, events, createdOn: new Date().toISOString(),
      });
      state.recordWrite('webhook', hook.id, view(hook));
      return ok(c, view(hook));
    });
    // GetWebhookConfigurationsList: `{PageSize, PageNumber, Filter: {PayloadUrl, Name, IsEnabled}}`, answered as WebhookConfigurationListOutputDto rows.
    app.post('/v2/admin/webhooks/search', async (c) => {
      const body = ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
      const filter = field(body, 'Filter');
      const enabled = intField(filter, 'IsEnabled');
      const list = [...sender.targets.values()].filter((h) => contains(h.url, stringField(filter, 'PayloadUrl')) && contains(h.name, stringField(filter, 'Name'))
        && (enabled == null || h.active === (enabled === 1)));
      const page = pageOf(list, intField(body, 'PageSize') ?? undefined, intField(body, 'PageNumber') ?? undefined);
      return paged(c, page.map((h) => ({
        id: h.id, createdBy: 1, createdOn: h.createdOn, modifiedBy: null, modifiedOn: null, payloadUrl: h.url, name: h.name, isEnabled: h.active, recentDelivery: null, useCount: 0,
      })), list.length);
    });
    app.get('/v2/admin/webhooks/:id{[0-9]+}', (c) => {
      const hook = sender.targets.get(Number(c.req.param('id')));
      return hook ? ok(c, view(hook)) : fail(c, 404, 'Webhook not found.');
    });
    // DeleteWebhookConfiguration: one hook by id. ASSUMPTION: the swagger documents only "200 OK";
    // answered in BMS's usual envelope, as the batch delete is.
    app.delete('/v2/admin/webhooks/:id{[0-9]+}', (c) => {
      const id = Number(c.req.param('id'));
      if (!sender.targets.delete(id)) return fail(c, 404, 'Webhook not found.');
      state.recordWrite('webhook.delete', id, {});
      return ok(c, 'Deleted');
    });
    app.delete('/v2/admin/webhooks', async (c) => {
      const body = ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
      const ids = (field(body, 'TargetedIds') as number[] | undefined) ?? [];
      for (const id of ids) {
        if (sender.targets.delete(Number(id))) state.recordWrite('webhook.delete', id, {});
      }
      return ok(c, 'Deleted');
    });
  }
  return { sender, register };
}
