/**
 * @module ConnectWise callbacks in the sandbox: `system/callbacks` (create, list, delete) and the
 * signing key served at `Metadata.key_url`. A ticket change is posted to each active Ticket
 * callback with `x-content-signature` as ConnectWise signs it (webhook-facts.ts), retried, and the
 * callback is marked inactive after repeated failures.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { CONNECTWISE_CALLBACK, type ConnectWiseCallback } from '../../vendors/webhooks/webhook-facts.js';
import type { SandboxState } from '../common/sandbox-kit.js';
import { WebhookSender, type WebhookTarget } from '../common/sandbox-webhooks.js';
import { SANDBOX_COMPANY_ID, type CwData } from './connectwise.seed.js';
import { invalidObject, pageOf } from './connectwise-wire.js';

interface CwCallback extends WebhookTarget {
  description: string;
  type: string;
  level: string;
  objectId: number;
  /** `…/apis/3.0` as the registering client addressed it (key_url and FromUrl point there). */
  apiBase: string;
}

export function createConnectWiseCallbacks(state: SandboxState<CwData>) {
  const sender = new WebhookSender<CwCallback>(CONNECTWISE_CALLBACK.deactivateAfterFailedDeliveries);
  // One signing key per site, rotated on reset; served by id so a receiver can cache it.
  let key = { id: randomUUID(), value: randomBytes(24).toString('base64') };
  state.onReset(() => {
    sender.reset();
    key = { id: randomUUID(), value: randomBytes(24).toString('base64') };
  });
  state.onWrite((write) => {
    if (write.kind !== 'ticket.update') return;
    const ticket = state.data.tickets.get(Number(write.id));
    if (!ticket) return;
    // ASSUMPTION: every active ticket callback hears every ticket, whatever its `level` and `objectId`
    // (the product registers `owner` level, the whole company, only); the facts file names the levels, not their scoping.
    for (const hook of sender.targets.values()) {
      if (!hook.active || hook.type.toLowerCase() !== 'ticket') continue;
      const callback: ConnectWiseCallback = {
        Action: 'updated', CompanyId: SANDBOX_COMPANY_ID, Entity: JSON.stringify(ticket), FromUrl: `${hook.apiBase}/service/tickets/${ticket.id}`,
        ID: ticket.id, MemberId: 'apiuser', Type: 'ticket', Metadata: { key_url: `${hook.apiBase}/${CONNECTWISE_CALLBACK.keyPath}/${key.id}` },
      };
      const body = JSON.stringify(callback);
      sender.push(hook, { body, headers: { [CONNECTWISE_CALLBACK.signatureHeader]: CONNECTWISE_CALLBACK.sign(key.value, body) } });
    }
  });

  const view = (h: CwCallback) => ({ id: h.id, description: h.description, url: h.url, objectId: h.objectId, type: h.type, level: h.level, inactiveFlag: !h.active, isSoapCallbackFlag: false, isSelfSuppressedFlag: false });

  /** The key endpoint, mounted without credentials (connectwise-rest fetches it so). */
  function registerKeyRoute(app: Hono, codebasePath: string): void {
    app.get(`/${codebasePath}apis/3.0/${CONNECTWISE_CALLBACK.keyPath}/:id`, (c) => (c.req.param('id') === key.id ? c.json({ signing_key: key.value }) : c.json({ code: 'NotFound', message: 'Key not found' }, 404)));
  }

  function registerRoutes(api: Hono): void {
    api.get('/system/callbacks', (c) => pageOf(c, [...sender.targets.values()].map(view), 'callbackEntry'));
    // ASSUMPTION: `url`, `type` and `level` are required and refused as `InvalidObject` field errors (the derived
    // CallbackEntry model marks none required; a callback cannot work without them). The texts are the sandbox's.
    api.post('/system/callbacks', async (c) => {
      const body = ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
      const url = String(body.url ?? '');
      if (!/^https?:\/\//.test(url)) return invalidObject(c, 'callbackEntry', [{ field: 'url', message: 'url is required.' }]);
      if (!body.type || !body.level) return invalidObject(c, 'callbackEntry', [{ field: body.type ? 'level' : 'type', message: 'type and level are required.' }]);
      const apiBase = new URL(c.req.url).href.replace(/\/system\/callbacks\/?$/, '');
      const hook = sender.add({
        url, active: body.inactiveFlag !== true, description: String(body.description ?? ''), type: String(body.type), level: String(body.level), objectId: Number(body.objectId ?? 0), apiBase,
      });
      state.recordWrite('callback', hook.id, view(hook));
      return c.json(view(hook), 201);
    });
    // 204 No Content, as ConnectWise's own document says (ticket-push.ts); ASSUMPTION: an unknown id answers the NotFound error body.
    api.delete('/system/callbacks/:id{[0-9]+}', (c) => {
      if (!sender.targets.delete(Number(c.req.param('id')))) return c.json({ code: 'NotFound', message: `callbackEntry ID ${c.req.param('id')} not found` }, 404);
      state.recordWrite('callback.delete', c.req.param('id'), {});
      return c.body(null, 204);
    });
  }

  return { sender, registerRoutes, registerKeyRoute };
}
