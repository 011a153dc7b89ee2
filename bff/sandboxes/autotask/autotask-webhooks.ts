/**
 * @module Autotask's ticket webhooks in the sandbox: `TicketWebhooks` (create, get, query, activate
 * or deactivate, delete) and `TicketWebhooks/{id}/Fields`; a change to a subscribed ticket field is
 * called out to `webhookUrl`, signed with the webhook's `secretKey` as Autotask signs it
 * (webhook-facts.ts), retried, and after repeated failures the webhook is deactivated and its
 * `deactivationUrl` is told.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { AUTOTASK_WEBHOOK, type AutotaskCallout } from '../../vendors/webhooks/webhook-facts.js';
import type { SandboxState } from '../common/sandbox-kit.js';
import { WebhookSender, type WebhookTarget } from '../common/sandbox-webhooks.js';
import type { AutotaskData } from './autotask-db.js';
import { methodNotAllowed, noRoute } from './autotask-api.js';
import type { DataType, EntityDef, FieldDef } from './autotask-entities.js';
import { compileFilter, PAGE_SIZE, parseQueryModel, parseSearch, selectPage, type Row } from './autotask-query.js';

interface AutotaskHook extends WebhookTarget {
  name: string;
  secretKey: string;
  deactivationUrl: string | null;
  webhookGUID: string;
  isSubscribedToUpdateEvents: boolean;
  /** Subscribed field ids (TicketWebhookFields). */
  fields: Map<number, { id: number; fieldID: number; isSubscribedField: boolean }>;
}

/** ASSUMPTION: the sandbox API user's resource id, named as the PersonID of its own changes. */
const API_USER_RESOURCE_ID = 29682885;
/** Ticket field names by webhook field id (only status is subscribed by the product). */
const FIELD_NAMES: Record<number, string> = { [AUTOTASK_WEBHOOK.statusFieldId]: 'status' };

/** TicketWebhookModel's fields (the swagger), for query filters; `secretKey` is write-only here, so neither shown nor queryable. */
const HOOK_FIELDS: Array<[string, DataType]> = [
  ['id', 'long'], ['deactivationUrl', 'string'], ['isActive', 'boolean'], ['isReady', 'boolean'], ['isSubscribedToCreateEvents', 'boolean'],
  ['isSubscribedToDeleteEvents', 'boolean'], ['isSubscribedToUpdateEvents', 'boolean'], ['name', 'string'], ['notificationEmailAddress', 'string'],
  ['ownerResourceID', 'integer'], ['sendThresholdExceededNotification', 'boolean'], ['webhookGUID', 'string'], ['webhookUrl', 'string'],
];
const HOOK_ENTITY: EntityDef = (() => {
  const fields = HOOK_FIELDS.map(([name, dataType]): FieldDef => ({
    name, dataType, length: dataType === 'string' ? 500 : 0, isRequired: false, isReadOnly: name === 'id', isQueryable: true, isReference: false,
    referenceEntityType: '', isPickList: false, picklistValues: null, picklistParentValueField: '', isSupportedWebhookField: false,
  }));
  const byLower = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  return {
    name: 'TicketWebhooks', modelName: 'TicketWebhook', internalName: 'TicketWebhook', fields, hasUserDefinedFields: false, canQuery: true,
    rootCreate: true, rootUpdate: true, field: (name) => byLower.get(name.toLowerCase()),
  };
})();

/** How long after a delete the sandbox tells the webhook's deactivation URL (see the DELETE route). */
const DELETE_NOTICE_DELAY_MS = 300;

export function createAutotaskWebhooks(state: SandboxState<AutotaskData>) {
  let sequence = 0;
  let nextFieldId = 1;
  /**
   * Autotask notifies a webhook's `deactivationUrl` when the webhook deactivates or is deleted
   * (psa-apis.md's webhook section). ASSUMPTION: the notice's body (Autotask documents the URL, not the body).
   */
  const notifyDeactivation = (hook: AutotaskHook) => {
    if (!hook.deactivationUrl) return;
    void fetch(hook.deactivationUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ Guid: hook.webhookGUID, Id: hook.id, IsActive: false }) }).catch(() => undefined);
  };
  const sender = new WebhookSender<AutotaskHook>(AUTOTASK_WEBHOOK.deactivateAfterFailedDeliveries, notifyDeactivation);
  state.onReset(() => sender.reset());
  state.onWrite((write) => {
    if (write.kind !== 'ticket.update') return;
    const changed = write.data as Record<string, unknown>;
    const ticket = state.data.db.get('Tickets', Number(write.id));
    if (!ticket) return;
    for (const hook of sender.targets.values()) {
      if (!hook.active || !hook.isSubscribedToUpdateEvents) continue;
      const fields: Record<string, unknown> = {};
      for (const f of hook.fields.values()) {
        const name = FIELD_NAMES[f.fieldID];
        if (f.isSubscribedField && name && name in changed) fields[name] = ticket[name];
      }
      if (Object.keys(fields).length === 0) continue;
      const callout: AutotaskCallout = {
        Action: 'Update', Guid: hook.webhookGUID, EntityType: 'Ticket', Id: Number(write.id), Fields: fields,
        EventTime: new Date().toISOString(), SequenceNumber: ++sequence, PersonID: API_USER_RESOURCE_ID,
      };
      const body = JSON.stringify(callout);
      sender.push(hook, { body, headers: { [AUTOTASK_WEBHOOK.signatureHeader]: AUTOTASK_WEBHOOK.sign(hook.secretKey, body) } });
    }
  });

  const view = (h: AutotaskHook) => ({
    id: h.id, name: h.name, webhookUrl: h.url, deactivationUrl: h.deactivationUrl, isActive: h.active, isReady: [...h.fields.values()].some((f) => f.isSubscribedField),
    isSubscribedToCreateEvents: false, isSubscribedToUpdateEvents: h.isSubscribedToUpdateEvents, isSubscribedToDeleteEvents: false, webhookGUID: h.webhookGUID,
    // secretKey is write-only here (ASSUMPTION), as the product's credentials are.
  });

  /**
   * Why Autotask refuses a new webhook, or null: psa-apis.md's webhook section makes `DeactivationUrl`
   * required and caps `Name` at 50 and `SecretKey` at 64 characters; a webhook cannot post without
   * `WebhookUrl` or sign without `SecretKey`. ASSUMPTION: the texts (Autotask's 500 with `errors`, as
   * its other refusals, psa-apis.md A5).
   */
  function refusal(url: string, deactivationUrl: string, name: string, secretKey: string): string | null {
    if (!/^https?:\/\//.test(url) || !secretKey) return 'webhookUrl and secretKey are required.';
    if (!/^https?:\/\//.test(deactivationUrl)) return 'deactivationUrl is required.';
    if (name.length > 50) return 'name must be 50 characters or fewer.';
    if (secretKey.length > 64) return 'secretKey must be 64 characters or fewer.';
    return null;
  }

  /** `segments` are the path below `/V1.0/`, starting with `TicketWebhooks`. */
  async function route(c: Context, method: string, segments: string[]): Promise<Response> {
    const body = method === 'GET' || method === 'DELETE' ? {} : ((await c.req.json().catch(() => ({}))) as Record<string, unknown>);
    const pick = (name: string) => body[name] ?? body[name[0]!.toUpperCase() + name.slice(1)];
    if (segments.length === 1) {
      if (method === 'POST') {
        const url = String(pick('webhookUrl') ?? '');
        const secretKey = String(pick('secretKey') ?? '');
        const deactivationUrl = String(pick('deactivationUrl') ?? '');
        const refused = refusal(url, deactivationUrl, String(pick('name') ?? ''), secretKey);
        if (refused) return c.json({ errors: [refused] }, 500);
        const hook = sender.add({
          url, active: pick('isActive') !== false, name: String(pick('name') ?? ''), secretKey, deactivationUrl,
          webhookGUID: randomUUID(), isSubscribedToUpdateEvents: pick('isSubscribedToUpdateEvents') === true, fields: new Map(),
        });
        state.recordWrite('ticket-webhook', hook.id, view(hook));
        return c.json({ itemId: hook.id });
      }
      if (method === 'PATCH') {
        const hook = sender.targets.get(Number(pick('id')));
        if (!hook) return c.json({ errors: ['Webhook not found.'] }, 500);
        if (typeof pick('isActive') === 'boolean') {
          hook.active = pick('isActive') as boolean;
          hook.consecutiveFailures = 0;
        }
        return c.json({ itemId: hook.id });
      }
      return methodNotAllowed(c, method);
    }
    if (segments.length === 2 && segments[1]!.toLowerCase() === 'query') {
      if (method !== 'GET' && method !== 'POST') return methodNotAllowed(c, method);
      // ASSUMPTION: an account's webhooks fit one page (Autotask's 500), so no next page is offered.
      const query = method === 'GET' ? parseSearch(c.req.query('search')) : parseQueryModel(body);
      const rows = [...sender.targets.values()].map((h) => view(h) as Row);
      const items = selectPage(rows, compileFilter(HOOK_ENTITY, query.filter), -1, query.maxRecords ?? PAGE_SIZE).items;
      return c.json({ items, pageDetails: { count: items.length, requestCount: PAGE_SIZE, prevPageUrl: null, nextPageUrl: null } });
    }
    const hook = sender.targets.get(Number(segments[1]));
    if (segments.length === 2) {
      if (method === 'GET') return c.json({ item: hook ? view(hook) : null });
      if (method === 'DELETE') {
        if (!hook) return c.json({ errors: ['Webhook not found.'] }, 500);
        sender.targets.delete(hook.id);
        // ASSUMPTION: the notice comes from Autotask's callout queue a moment after the delete, not within it.
        setTimeout(() => notifyDeactivation(hook), DELETE_NOTICE_DELAY_MS).unref();
        state.recordWrite('ticket-webhook.delete', hook.id, {});
        return c.json({ itemId: hook.id });
      }
      return methodNotAllowed(c, method);
    }
    if (segments.length === 3 && segments[2]!.toLowerCase() === 'fields' && method === 'POST') {
      if (!hook) return c.json({ errors: ['Webhook not found.'] }, 500);
      const field = { id: nextFieldId++, fieldID: Number(pick('fieldID')), isSubscribedField: pick('isSubscribedField') === true };
      hook.fields.set(field.id, field);
      return c.json({ itemId: field.id });
    }
    return noRoute(c);
  }

  return { sender, route };
}
