/**
 * @module Registers the vendor's own ticket push for one integration, through the vendor's API and
 * the same clients (budgets, tokens, retries) the adapters use: Autotask `TicketWebhooks` with a
 * status field, BMS `/v2/admin/webhooks` for "Ticket Status Changed", a ConnectWise Ticket
 * callback, a HaloPSA "Ticket Updated" webhook with Basic authentication. What the receiver needs
 * later (the vendor's hook id, the ConnectWise site the signing key must come from) is returned.
 * `unregisterTicketPush` removes it again with the vendor's own documented delete call, and
 * `findTicketPushes` lists the hooks that post to a given address (the vendor's documented list or
 * search), so a hook whose registration was never stored can be found again.
 */
import { z } from 'zod';
import type { VendorCredentials } from '../../contracts/credentials.js';
import type { AdapterContext } from '../adapter-context.js';
import type { PsaVendor } from '../../contracts/model.js';
import { AutotaskClient } from '../autotask/autotask.client.js';
import { KaseyaBmsClient } from '../kaseya-bms/kaseya-bms.client.js';
import { ConnectWiseClient, siteOrigin } from '../connectwise/connectwise.client.js';
import { HaloPsaClient } from '../halopsa/halopsa.client.js';
import { created } from '../halopsa/halopsa.schemas.js';
import { VendorError } from '../vendor-errors.js';
import { AUTOTASK_WEBHOOK, HALOPSA_WEBHOOK, KASEYA_BMS_WEBHOOK, deactivationTag } from './webhook-facts.js';

export interface PushTarget {
  integrationId: string;
  /** Where the vendor posts (this BFF's public receiver for the integration). */
  url: string;
  /** The shared secret the vendor signs or authenticates with. */
  secret: string;
}

export interface PushRegistration {
  hookId: string;
  /** ConnectWise: the only origin a callback's `key_url` may point at (the integration's own site). */
  keyOrigin: string | null;
}

const NAME = 'Integration hub: ticket status';

export async function registerTicketPush(ctx: AdapterContext, vendor: PsaVendor, credentials: VendorCredentials[PsaVendor], target: PushTarget, signal?: AbortSignal): Promise<PushRegistration> {
  switch (vendor) {
    case 'autotask': {
      const client = new AutotaskClient(ctx, credentials as VendorCredentials['autotask']);
      const hookId = await client.write('POST', 'TicketWebhooks', {
        name: NAME, webhookUrl: target.url, deactivationUrl: `${target.url}/deactivated/${deactivationTag(target.secret)}`, secretKey: target.secret, isActive: true,
        isSubscribedToCreateEvents: false, isSubscribedToUpdateEvents: true, isSubscribedToDeleteEvents: false, sendThresholdExceededNotification: false,
      }, signal);
      await client.write('POST', `TicketWebhooks/${hookId}/Fields`, { webhookID: Number(hookId), fieldID: AUTOTASK_WEBHOOK.statusFieldId, isSubscribedField: true, isDisplayAlwaysField: false }, signal);
      return { hookId, keyOrigin: null };
    }
    case 'kaseya-bms': {
      const client = new KaseyaBmsClient(ctx, credentials as VendorCredentials['kaseya-bms']);
      // ASSUMPTION: `ContentType` 1 is JSON (BMS's document types it as an integer and names no values).
      const { result } = await client.call(z.object({ id: z.number() }).passthrough(), {
        method: 'POST', path: 'v2/admin/webhooks', idempotent: false, signal,
        json: { Name: NAME, PayloadURL: target.url, IsEnabled: true, Secret: target.secret, ContentType: 1, SendAllEvents: false, Events: [KASEYA_BMS_WEBHOOK.ticketStatusChangedEvent] },
      });
      return { hookId: String(result.id), keyOrigin: null };
    }
    case 'connectwise': {
      const cw = credentials as VendorCredentials['connectwise'];
      const client = new ConnectWiseClient(ctx, cw);
      // ASSUMPTION: `level` owner with `objectId` 1 hears every ticket of the company (the facts name the levels, not their objects).
      const { body } = await client.call(z.object({ id: z.number() }).passthrough(), {
        method: 'POST', path: 'system/callbacks', signal,
        json: { description: NAME, url: target.url, objectId: 1, type: 'ticket', level: 'owner', inactiveFlag: false, isSoapCallbackFlag: false, isSelfSuppressedFlag: false },
      });
      return { hookId: String(body.id), keyOrigin: siteOrigin(ctx, cw) };
    }
    case 'halopsa': {
      const client = new HaloPsaClient(ctx, credentials as VendorCredentials['halopsa']);
      const hook = await client.call(created(z.object({ id: z.string() }).passthrough()), {
        method: 'POST', path: 'Webhook', signal,
        json: [{
          name: NAME, url: target.url, active: true, authentication_type: HALOPSA_WEBHOOK.basicAuthentication,
          basic_username: target.integrationId, basic_password: target.secret, events: [{ eventno: HALOPSA_WEBHOOK.ticketUpdatedEvent }],
        }],
      });
      return { hookId: hook.id, keyOrigin: null };
    }
  }
}

const AUTOTASK_HOOK = z.object({ id: z.number(), webhookUrl: z.string().nullish() }).passthrough();
const BMS_HOOK = z.object({ id: z.number(), payloadUrl: z.string().nullish() }).passthrough();
const CONNECTWISE_CALLBACK = z.object({ id: z.number(), url: z.string().nullish() });
const HALOPSA_HOOK = z.object({ id: z.string(), url: z.string().nullish() }).passthrough();

/**
 * The ids of the ticket pushes that post to `url` at the vendor (every kind of hook the product
 * registers, whatever its state): Autotask `TicketWebhooks/query` (all of them, filtered here:
 * ASSUMPTION, the document does not say whether `webhookUrl` is queryable), BMS
 * `/v2/admin/webhooks/search` by `PayloadUrl`, ConnectWise `system/callbacks` with `conditions` on
 * `url`, HaloPSA `GET /Webhook`. Each answer is checked here again for the exact address.
 */
export async function findTicketPushes(ctx: AdapterContext, vendor: PsaVendor, credentials: VendorCredentials[PsaVendor], url: string, signal?: AbortSignal): Promise<string[]> {
  const ids = (rows: Array<{ id: number | string; url?: string | null }>) => rows.filter((r) => r.url === url).map((r) => String(r.id));
  switch (vendor) {
    case 'autotask': {
      const rows = await new AutotaskClient(ctx, credentials as VendorCredentials['autotask']).query('TicketWebhooks', { filter: [{ op: 'gt', field: 'id', value: 0 }] }, AUTOTASK_HOOK, signal);
      return ids(rows.map((r) => ({ id: r.id, url: r.webhookUrl })));
    }
    case 'kaseya-bms': {
      const rows = await new KaseyaBmsClient(ctx, credentials as VendorCredentials['kaseya-bms']).searchAll(BMS_HOOK, 'v2/admin/webhooks/search', { PayloadUrl: url }, signal);
      return ids(rows.map((r) => ({ id: r.id, url: r.payloadUrl })));
    }
    case 'connectwise': {
      const rows = await new ConnectWiseClient(ctx, credentials as VendorCredentials['connectwise']).all(CONNECTWISE_CALLBACK, 'system/callbacks', { conditions: `url="${url.replaceAll('"', '\\"')}"` }, signal);
      return ids(rows);
    }
    case 'halopsa': {
      // ASSUMPTION: a bare array (Halo's document gives no answer for it, and no paging parameters).
      const rows = await new HaloPsaClient(ctx, credentials as VendorCredentials['halopsa']).call(z.array(HALOPSA_HOOK), { method: 'GET', path: 'Webhook', signal });
      return ids(rows);
    }
  }
}

/**
 * Deletes the vendor's ticket push `hookId`: Autotask `DELETE TicketWebhooks/{id}`, BMS
 * `DELETE /v2/admin/webhooks/{id}`, ConnectWise `DELETE system/callbacks/{id}`, HaloPSA
 * `DELETE /Webhook/{id}`. A hook the vendor no longer has counts as removed.
 * ConnectWise's delete (204 No Content) is in its own OpenAPI document, as the connectwise-rest
 * client generated from it shows (covenanttechnologysolutions/connectwise-rest,
 * src/Manage/SystemAPI.ts, `deleteSystemCallbacksById`); the schemas derived from that package
 * (test/fixtures/vendor-specs) keep only operations answering 200/201 with a body, so of its
 * DELETEs they list only the 4 that answer with one. Autotask's 500 for a delete is followed by a
 * read of the hook: one it no longer has counts as removed.
 */
export async function unregisterTicketPush(ctx: AdapterContext, vendor: PsaVendor, credentials: VendorCredentials[PsaVendor], hookId: string, signal?: AbortSignal): Promise<void> {
  try {
    switch (vendor) {
      case 'autotask': {
        const client = new AutotaskClient(ctx, credentials as VendorCredentials['autotask']);
        try {
          await client.remove('TicketWebhooks', hookId, signal);
        } catch (error) {
          // Autotask answers most refusals with a 500 (psa-apis.md A5), so a delete of a hook it no longer
          // has may too (ASSUMPTION: no document says): whether the hook is still there decides.
          if (!(error instanceof VendorError && error.details.status === 500)) throw error;
          if ((await client.getItem(z.unknown(), 'TicketWebhooks', hookId, signal)) !== null) throw error;
        }
        break;
      }
      case 'kaseya-bms':
        await new KaseyaBmsClient(ctx, credentials as VendorCredentials['kaseya-bms']).call(z.unknown(), {
          method: 'DELETE', path: `v2/admin/webhooks/${encodeURIComponent(hookId)}`, idempotent: true, signal,
        });
        break;
      case 'halopsa':
        await new HaloPsaClient(ctx, credentials as VendorCredentials['halopsa']).call(z.unknown(), { method: 'DELETE', path: `Webhook/${encodeURIComponent(hookId)}`, signal });
        break;
      case 'connectwise':
        await new ConnectWiseClient(ctx, credentials as VendorCredentials['connectwise']).call(z.unknown(), { method: 'DELETE', path: `system/callbacks/${encodeURIComponent(hookId)}`, signal });
        break;
    }
  } catch (error) {
    if (!(error instanceof VendorError && error.code === 'not_found')) throw error;
  }
}
