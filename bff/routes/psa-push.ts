/**
 * @module The receivers of the PSAs' ticket pushes, one URL per integration
 * (`/webhooks/psa/{integrationId}`, registered with the vendor by the two-way worker). Each push is
 * verified as its vendor signs it (webhook-facts.ts): Autotask's `X-Hook-Signature`, BMS's secret,
 * ConnectWise's `x-content-signature` with the key fetched only from the integration's own site,
 * Halo's Basic authentication; a push older than MAX_PUSH_AGE_MS is a replay. A push that fails
 * verification answers 401 and changes nothing; a verified one (or a replay, or a ticket the
 * product did not create) answers 200 so the vendor neither retries nor deactivates the hook, and
 * only makes the BFF read the ticket back (ticket-status.service.ts).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import type { PushRow } from '../../db/repositories/two-way.repo.js';
import {
  AUTOTASK_WEBHOOK, CONNECTWISE_CALLBACK, KASEYA_BMS_WEBHOOK, MAX_PUSH_AGE_MS, deactivationTag, sameText,
  type AutotaskCallout, type BmsDelivery, type ConnectWiseCallback, type HaloDelivery,
} from '../vendors/webhooks/webhook-facts.js';
import { TicketStatusService } from '../services/two-way/ticket-status.service.js';

/** What a verified push says: which ticket, who changed it, and whether it is too old to act on. */
interface VerifiedPush {
  ticketId: string;
  changedBy: string | null;
  sentAt: number | null;
}

type Verify = (c: Context, body: string, secret: string, push: PushRow) => Promise<VerifiedPush | null>;

const integrationParam = z.object({ integrationId: z.string().min(1).max(100) });

function json<T>(body: string): T | null {
  try {
    return JSON.parse(body) as T;
  } catch {
    return null;
  }
}

const time = (value: unknown) => (typeof value === 'string' && Number.isFinite(Date.parse(value)) ? Date.parse(value) : null);

/** ConnectWise signing keys by key URL (a site rotates them rarely; one fetch per key). */
const cwKeys = new Map<string, Promise<string | null>>();

async function connectWiseKey(keyUrl: string, push: PushRow): Promise<string | null> {
  // The key URL comes from the untrusted body: only the integration's own site may serve it.
  if (!push.keyOrigin || !keyUrl.startsWith(`${push.keyOrigin}/`)) return null;
  let key = cwKeys.get(keyUrl);
  if (!key) {
    key = fetch(keyUrl, { redirect: 'error', signal: AbortSignal.timeout(5_000) })
      .then(async (res) => (res.ok ? ((await res.json()) as { signing_key?: unknown }).signing_key : null))
      .then((k) => (typeof k === 'string' && k ? k : null), () => null);
    cwKeys.set(keyUrl, key);
    void key.then((k) => { if (!k) cwKeys.delete(keyUrl); });
  }
  return key;
}

const VERIFY: Record<string, Verify> = {
  async autotask(c, body, secret) {
    const signature = c.req.header(AUTOTASK_WEBHOOK.signatureHeader) ?? '';
    if (!sameText(signature, AUTOTASK_WEBHOOK.sign(secret, body))) return null;
    const callout = json<AutotaskCallout>(body);
    if (!callout || callout.EntityType !== 'Ticket' || !Number.isInteger(callout.Id)) return null;
    return { ticketId: String(callout.Id), changedBy: callout.PersonID === null || callout.PersonID === undefined ? null : `resource:${callout.PersonID}`, sentAt: time(callout.EventTime) };
  },
  async 'kaseya-bms'(c, body, secret, push) {
    const signature = c.req.header(KASEYA_BMS_WEBHOOK.signatureHeader) ?? '';
    if (!sameText(signature, KASEYA_BMS_WEBHOOK.sign(secret, body))) return null;
    const delivery = json<BmsDelivery>(body);
    if (!delivery || String(delivery.WebhookId) !== push.hookId || !Number.isInteger(delivery.Data?.TicketId)) return null;
    return { ticketId: String(delivery.Data.TicketId), changedBy: null, sentAt: time(delivery.Timestamp) };
  },
  async connectwise(c, body, _secret, push) {
    const callback = json<ConnectWiseCallback>(body);
    if (!callback || typeof callback.Metadata?.key_url !== 'string' || !Number.isInteger(callback.ID)) return null;
    const key = await connectWiseKey(callback.Metadata.key_url, push);
    if (!key || !sameText(c.req.header(CONNECTWISE_CALLBACK.signatureHeader) ?? '', CONNECTWISE_CALLBACK.sign(key, body))) return null;
    if (String(callback.Type).toLowerCase() !== 'ticket') return null;
    // ConnectWise puts no time in a callback: the read-back makes a replay harmless.
    return { ticketId: String(callback.ID), changedBy: callback.MemberId ? `member:${callback.MemberId}` : null, sentAt: null };
  },
  async halopsa(c, body, secret, push) {
    const expected = `Basic ${Buffer.from(`${push.integrationId}:${secret}`).toString('base64')}`;
    if (!sameText(c.req.header('Authorization') ?? '', expected)) return null;
    const delivery = json<HaloDelivery>(body);
    if (!delivery || !Number.isInteger(delivery.object_id)) return null;
    return { ticketId: String(delivery.object_id), changedBy: null, sentAt: time(delivery.timestamp) };
  },
};

export function psaPushRoutes(deps: AppDeps, now: () => number = Date.now) {
  const status = new TicketStatusService(deps, now);
  const refused = (c: Context) => c.json({ error: 'The signature does not match.' }, 401);

  /** The integration's push is taken as off (polling carries on). ASSUMPTION: Autotask's notice is not signed. */
  async function deactivate(integrationId: string): Promise<void> {
    const push = await deps.repos.twoWay.getPush(integrationId);
    if (push) await deps.repos.twoWay.setPushActive(push.integrationId, false);
    deps.logger.warn({ integrationId }, 'two-way: the PSA deactivated its ticket webhook; polling carries status changes');
  }

  return new Hono()
    // A hook registered before deactivation URLs carried a tag: its notice cannot be told from a replaced hook's.
    .post('/:integrationId/deactivated', async (c) => {
      const parsed = integrationParam.safeParse(c.req.param());
      if (!parsed.success) return c.json({ error: 'Unknown webhook.' }, 404);
      await deactivate(parsed.data.integrationId);
      return c.body(null, 200);
    })
    // Autotask also tells a deleted hook's URL: a notice whose tag is not the current hook's is about a
    // hook the hub replaced or removed, and leaves the current one on (webhook-facts.ts deactivationTag).
    .post('/:integrationId/deactivated/:tag', async (c) => {
      const parsed = integrationParam.safeParse(c.req.param());
      if (!parsed.success) return c.json({ error: 'Unknown webhook.' }, 404);
      const push = await deps.repos.twoWay.getPush(parsed.data.integrationId);
      const current = push ? deactivationTag(deps.vault.open<string>({ sealed: push.secretSealed, keyId: push.secretKeyId })) : null;
      if (current !== null && sameText(c.req.param('tag'), current)) await deactivate(parsed.data.integrationId);
      else deps.logger.info({ integrationId: parsed.data.integrationId }, 'two-way: a deactivation notice about a hook the hub no longer uses; the current one stays on');
      return c.body(null, 200);
    })
    .post('/:integrationId', async (c) => {
      const parsed = integrationParam.safeParse(c.req.param());
      const push = parsed.success ? await deps.repos.twoWay.getPush(parsed.data.integrationId) : null;
      const body = await c.req.text();
      if (!push) return refused(c);
      const secret = deps.vault.open<string>({ sealed: push.secretSealed, keyId: push.secretKeyId });
      const verified = await VERIFY[push.vendor]?.(c, body, secret, push);
      if (!verified) {
        deps.logger.warn({ integrationId: push.integrationId, vendor: push.vendor }, 'two-way: refused a PSA push that failed verification');
        return refused(c);
      }
      if (verified.sentAt !== null && Math.abs(now() - verified.sentAt) > MAX_PUSH_AGE_MS) {
        deps.logger.info({ integrationId: push.integrationId }, 'two-way: ignored a replayed (too old) PSA push');
        return c.body(null, 200);
      }
      const ticket = await deps.repos.twoWay.findTicket(push.integrationId, verified.ticketId);
      if (!ticket) return c.body(null, 200);
      try {
        await status.refresh(ticket, { changedBy: verified.changedBy, source: 'webhook' }, c.req.raw.signal);
      } catch (error) {
        // The PSA did not answer the read-back: polling will ask again within its interval.
        deps.logger.warn({ integrationId: push.integrationId, err: error }, 'two-way: could not read back a pushed ticket');
      }
      return c.body(null, 200);
    });
}
