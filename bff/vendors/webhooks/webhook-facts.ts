/**
 * @module What each PSA's ticket push looks like on the wire: header names, how it is signed,
 * payload fields, retries and deactivation. The sandboxes send exactly this and the BFF's
 * receivers verify exactly this, so every ASSUMPTION about a vendor's push lives here, in one
 * place (README "Two-way status" lists them). Sources: the Autotask and BMS swaggers
 * (test/fixtures/vendor-specs), Autotask's "Secret key and payload verification" page,
 * and ConnectWise's callback and HaloPSA's webhook documentation (the team's vendor facts notes).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Equal-length, constant-time text comparison (a length mismatch is simply "not equal"). */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * How old a signed push may be before the receiver refuses it as a replay, where the vendor puts
 * a time in it (Autotask `EventTime`, BMS `Timestamp`, Halo `timestamp`). ConnectWise sends none:
 * there the receiver reads the ticket back, so a replay can only confirm the PSA's current state.
 */
export const MAX_PUSH_AGE_MS = 5 * 60_000;

export const AUTOTASK_WEBHOOK = {
  /** `X-Hook-Signature: sha1=<base64 HMAC-SHA1(secretKey, body)>` (Autotask's payload-verification page). */
  signatureHeader: 'X-Hook-Signature',
  sign: (secretKey: string, body: string) => `sha1=${createHmac('sha1', secretKey).update(body).digest('base64')}`,
  /**
   * ASSUMPTION: the `fieldID` of Ticket.status in `TicketWebhookFields`. Autotask numbers webhook
   * fields per entity; the public material lists no number for status, so the sandbox and the BFF share this one.
   */
  statusFieldId: 20,
  /**
   * ASSUMPTION: Autotask retries a failed callout and deactivates the webhook (isActive false, a
   * POST to `deactivationUrl`) after repeated failures; the counts are not published.
   */
  deactivateAfterFailedDeliveries: 5,
} as const;

/**
 * The last path segment of the deactivation URL a hook is registered with: a digest of that hook's
 * own secret. Autotask tells a hook's deactivation URL when the hook is deleted as well as when it
 * deactivates (psa-apis.md), so when the hub replaces a hook, the old hook's notice arrives after the
 * new one is saved; the tag tells which hook a notice is about. Not the secret, nor enough to forge a push.
 */
export function deactivationTag(secret: string): string {
  return createHmac('sha256', secret).update('autotask deactivation notice').digest('base64url').slice(0, 22);
}

/**
 * Autotask's callout body. `Action`, `Guid`, `EntityType`, `Id` and `Fields` (the subscribed fields
 * that changed) are as psa-apis.md's webhook section documents them.
 */
export interface AutotaskCallout {
  Action: 'Create' | 'Update' | 'Delete';
  Guid: string;
  EntityType: 'Ticket';
  Id: number;
  Fields: Record<string, unknown>;
  /** ASSUMPTION: the documents name no time, sequence or author in a callout; the receiver copes without them (no replay age, no author). */
  EventTime: string;
  /** ASSUMPTION: see EventTime. */
  SequenceNumber: number;
  /** ASSUMPTION: see EventTime. */
  PersonID: number | null;
}

export const KASEYA_BMS_WEBHOOK = {
  /** ASSUMPTION: BMS's swagger has a webhook `Secret` but not how it signs; hex HMAC-SHA256 of the body, GitHub style. */
  signatureHeader: 'X-BMS-Signature',
  sign: (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
  /** ASSUMPTION: ids and names of `/v2/admin/webhooks/events/lookup` for tickets. */
  events: [
    { Id: 101, Name: 'Ticket Created', CategoryName: 'Service Desk', CategoryId: 1 },
    { Id: 102, Name: 'Ticket Updated', CategoryName: 'Service Desk', CategoryId: 1 },
    { Id: 103, Name: 'Ticket Status Changed', CategoryName: 'Service Desk', CategoryId: 1 },
  ],
  ticketStatusChangedEvent: 103,
  /** ASSUMPTION: BMS logs failed deliveries (the redeliver API) and disables a hook after repeated failures. */
  deactivateAfterFailedDeliveries: 5,
} as const;

/** ASSUMPTION: the BMS delivery body (the swagger only shows that a log keeps `RequestPayload`). */
export interface BmsDelivery {
  DeliveryId: string;
  WebhookId: number;
  EventId: number;
  EventName: string;
  Timestamp: string;
  Data: { TicketId: number; TicketNumber: string | null; StatusId: number | null; StatusName: string | null };
}

export const CONNECTWISE_CALLBACK = {
  /** Base64 HMAC-SHA256 of the JSON body keyed by SHA-256 of the `signing_key` at `Metadata.key_url` (connectwise-rest's verifyCallback). */
  signatureHeader: 'x-content-signature',
  sign: (signingKey: string, body: string) => createHmac('sha256', createHash('sha256').update(signingKey).digest()).update(body).digest('base64'),
  /** ASSUMPTION: where a site serves a callback's signing key, below the site's API base (no credentials, as connectwise-rest fetches it). */
  keyPath: 'system/callbackKeys',
  /** ASSUMPTION: ConnectWise marks a callback inactive (`inactiveFlag`) after repeated failed posts. */
  deactivateAfterFailedDeliveries: 5,
} as const;

/** The callback body (field names from the facts file; Entity is the record as a JSON string). */
export interface ConnectWiseCallback {
  /** ASSUMPTION: the values (the facts name the field only); the receiver does not read it, it reads the ticket back. */
  Action: 'added' | 'updated' | 'deleted';
  CompanyId: string;
  Entity: string;
  FromUrl: string;
  ID: number;
  MemberId: string;
  Type: 'ticket';
  Metadata: { key_url: string };
}

export const HALOPSA_WEBHOOK = {
  /** Halo's `authentication_type` for Basic authentication (ASSUMPTION: the number; the swagger names only the field). */
  basicAuthentication: 1,
  /** ASSUMPTION: the notification `eventno` of "Ticket Updated". */
  ticketUpdatedEvent: 2,
  /** ASSUMPTION: Halo disables a webhook (`active` false) after repeated failures. */
  deactivateAfterFailedDeliveries: 5,
} as const;

/** ASSUMPTION: Halo's ticket-updated body (the facts: "a JSON body (verify shape)"). */
export interface HaloDelivery {
  id: string;
  event: 'Ticket Updated';
  timestamp: string;
  object_id: number;
  ticket: { id: number; status_id: number; hasbeenclosed: boolean };
}

/** ASSUMPTION (all four): a failed push is retried after these waits before it counts as failed; the vendors publish none. */
export const SANDBOX_RETRY_DELAYS_MS = [250, 1_000, 3_000];
