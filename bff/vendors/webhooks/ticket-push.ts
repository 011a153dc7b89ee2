/**
 * @module Registers the vendor's own ticket push for one integration, through the vendor's API and
 * the same clients (budgets, tokens, retries) the adapters use: Autotask `TicketWebhooks` with a
 * status field, BMS `/v2/admin/webhooks` for "Ticket Status Changed", a ConnectWise Ticket
 * callback, a HaloPSA "Ticket Updated" webhook with Basic authentication. What the receiver needs
 * later (the vendor's hook id, the ConnectWise site the signing key must come from) is returned.
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
import { AUTOTASK_WEBHOOK, HALOPSA_WEBHOOK, KASEYA_BMS_WEBHOOK } from './webhook-facts.js';

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
        name: NAME, webhookUrl: target.url, deactivationUrl: `${target.url}/deactivated`, secretKey: target.secret, isActive: true,
        isSubscribedToCreateEvents: false, isSubscribedToUpdateEvents: true, isSubscribedToDeleteEvents: false, sendThresholdExceededNotification: false,
      }, signal);
      await client.write('POST', `TicketWebhooks/${hookId}/Fields`, { webhookID: Number(hookId), fieldID: AUTOTASK_WEBHOOK.statusFieldId, isSubscribedField: true, isDisplayAlwaysField: false }, signal);
      return { hookId, keyOrigin: null };
    }
    case 'kaseya-bms': {
      const client = new KaseyaBmsClient(ctx, credentials as VendorCredentials['kaseya-bms']);
      const { result } = await client.call(z.object({ id: z.number() }).passthrough(), {
        method: 'POST', path: 'v2/admin/webhooks', idempotent: false, signal,
        json: { Name: NAME, PayloadURL: target.url, IsEnabled: true, Secret: target.secret, ContentType: 1, SendAllEvents: false, Events: [KASEYA_BMS_WEBHOOK.ticketStatusChangedEvent] },
      });
      return { hookId: String(result.id), keyOrigin: null };
    }
    case 'connectwise': {
      const cw = credentials as VendorCredentials['connectwise'];
      const client = new ConnectWiseClient(ctx, cw);
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
