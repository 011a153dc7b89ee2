/**
 * @module What an admin is told about an integration's ticket push (the webhook the two-way worker
 * registers at the PSA, push-register.ts): whether status changes arrive by push, and if not, why
 * (the class of the last failed registration), what fixes it, and when it is tried again. Built from
 * the stored class and status alone, so no vendor body or credential can reach the answer.
 */
import type { Repositories } from '../../../db/repositories/index.js';
import type { TicketPush } from '../../contracts/ticket-push.js';
import { isPsaVendor, VENDOR_LABELS, type PsaVendor } from '../../contracts/vendor-catalog.js';
import type { FailureCode } from '../../routing/failure.js';
import { REGISTER_RETRY_MS } from './push-register.js';

export type { TicketPush };

/** Classes in which the PSA answered and said no (the others: it did not answer, or the hub failed). */
const REFUSALS: ReadonlySet<string> = new Set<FailureCode>(['missing_permission', 'invalid_credentials', 'not_found', 'rejected']);

/** The failure class in a word or two, for "the PSA refused the webhook (permission)". */
export const PUSH_FAILURE_REASONS: Record<FailureCode, string> = {
  missing_permission: 'permission',
  invalid_credentials: 'credentials',
  rate_limited: 'rate limit',
  unavailable: 'no answer',
  not_found: 'not found',
  rejected: 'refused',
  unexpected_answer: 'unreadable answer',
  internal: 'internal error',
};

/**
 * Where each PSA lets an admin allow its API user to create the webhook. Autotask: webhooks are a
 * permission of the API user's security level, off by default (SaaS Alerts' Autotask webhook guide,
 * PEERS.md [SA3]); security levels are under Admin > Account Settings & Users > Resources/Users (HR)
 * > Security (Autotask's own help, Web Services API security settings). Kaseya BMS: webhooks live
 * under `/v2/admin/webhooks` and roles under Admin > Security > Roles (the BMS seed article);
 * ASSUMPTION: the Admin module's rights in that role cover webhooks. ConnectWise PSA: callbacks are
 * `system/callbacks`; ASSUMPTION: the System module of the API member's security role governs them
 * (no stored document names the line). HaloPSA: the API application's permissions under
 * Configuration > Integrations > HaloPSA API (as halopsa.client.ts already advises for scopes).
 */
const PERMISSION_FIX: Record<PsaVendor, string> = {
  autotask: 'In Autotask, allow the API user’s security level to create webhooks (it is off by default): Admin > Account Settings & Users > Resources/Users (HR) > Security > Security Levels.',
  'kaseya-bms': 'In Kaseya BMS, give the API user’s security role the Admin module’s rights to webhooks: Admin > Security > Roles.',
  connectwise: 'In ConnectWise PSA, allow the API member’s security role to add callbacks (the System module): System > Security Roles.',
  halopsa: 'In Halo, allow the API application to manage webhooks: Configuration > Integrations > HaloPSA API, the application’s permissions.',
};

/** What fixes a failed registration, per failure class; a permission names the vendor's own setting. */
export function pushAdvice(vendor: string, code: string): string {
  const label = VENDOR_LABELS[vendor as PsaVendor] ?? 'The PSA';
  switch (code as FailureCode) {
    case 'missing_permission':
      return `${isPsaVendor(vendor) ? PERMISSION_FIX[vendor] : 'Give the PSA API user the right to create webhooks.'} Then choose “Try again now”.`;
    case 'invalid_credentials':
      return `${label} refused the API user’s credentials. Enter them again in the integration’s Credentials step.`;
    case 'rate_limited':
      return `${label} was limiting requests for this account. It is tried again by itself.`;
    case 'unavailable':
      return `${label} did not answer (outage or time-out). It is tried again by itself.`;
    case 'not_found':
    case 'rejected':
    case 'unexpected_answer':
      return `${label} did not accept the webhook as it was sent. It is tried again by itself; if this lasts, report it to support.`;
    default:
      return 'An error inside the integration hub stopped the registration. It was logged and is tried again by itself.';
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** What the two-way worker of this deployment does: how often it polls, and whether it registers webhooks at all. */
export interface PushSettings { pollIntervalMs: number; pushEnabled: boolean }

/** The ticket push of the partner's integration as an admin reads it; null when the partner has no such integration. */
export async function ticketPushOf(repos: Repositories, partnerId: string, integration: { id: string; vendor: string }, settings: PushSettings): Promise<TicketPush | null> {
  const row = await repos.twoWay.pushStatus(partnerId, integration.id);
  if (!row) return null;
  const pollMinutes = Math.max(1, Math.round(settings.pollIntervalMs / 60_000));
  const { registered, failure } = row;
  if (registered?.active) return { state: 'registered', pollMinutes, registeredAt: registered.at, replacementAt: null, failure: null };
  // The two-way worker forgets a webhook the PSA turned off once the retry time has passed, and registers a new one.
  if (registered) {
    const replacementAt = settings.pushEnabled ? iso(Date.parse(registered.changedAt) + REGISTER_RETRY_MS) : null;
    return { state: 'deactivated', pollMinutes, registeredAt: registered.at, replacementAt, failure: null };
  }
  // Without a public address no registration is ever tried: "not registered yet" would wait forever.
  if (!settings.pushEnabled) return { state: 'off', pollMinutes, registeredAt: null, replacementAt: null, failure: null };
  if (!failure) return { state: 'pending', pollMinutes, registeredAt: null, replacementAt: null, failure: null };
  return {
    state: 'failing', pollMinutes, registeredAt: null, replacementAt: null,
    failure: {
      code: failure.code, reason: PUSH_FAILURE_REASONS[failure.code as FailureCode] ?? PUSH_FAILURE_REASONS.internal, status: failure.status,
      refused: REFUSALS.has(failure.code), advice: pushAdvice(integration.vendor, failure.code), attempts: failure.failures,
      since: iso(failure.failingSince), lastAt: iso(failure.lastFailureAt), nextTryAt: iso(failure.nextTryAt),
    },
  };
}
