/**
 * @module Removing the vendor's ticket push when its integration is deleted, as durable work:
 * - `deleteIntegration` (the delete route) stores the delete and, in the same transaction, queues
 *   the push's removal with a copy of the credentials as they were sealed (the delete erases the
 *   integration's own). No vendor call is made on the admin's request. The push is read inside that
 *   transaction, after the integration row is locked, so a push a two-way worker saved while the
 *   delete was under way is found and queued too (a registration finishing after the delete saves
 *   nothing and removes its own hook: `removeVendorPush`, push-register.ts).
 * - `removeDuePushes` (the two-way worker) works due removals, one instance per removal under a
 *   claim held in its row (as psa_push_leases for registrations): the vendor call runs outside any
 *   transaction, a failure is retried with backoff, and at the end (the hook removed, the vendor no
 *   longer having it, or the give-up deadline passed) the sealed credentials are erased and the audit
 *   log gets an entry by the system. Only the vendor's classified code and status are ever logged.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app-deps.js';
import { credentialSchemas, type VendorCredentials } from '../../contracts/credentials.js';
import type { PsaVendor } from '../../contracts/model.js';
import { retryDelayMs } from '../../routing/failure.js';
import { unregisterTicketPush } from '../../vendors/webhooks/ticket-push.js';
import { VendorError } from '../../vendors/vendor-errors.js';
import { SYSTEM_ACTOR } from '../audit/audit-view.js';
import { leaseHeartbeat } from './lease-heartbeat.js';

/** How long a deleted integration's hook removal is retried before it is abandoned (the hook then stays at the vendor, ignored here). */
export const PUSH_REMOVAL_GIVE_UP_MS = 7 * 24 * 3_600_000;

/**
 * What the delete's audit entry says of the vendor's push: `queued` (it is removed by the two-way
 * worker, which records how that ended); `unreadable` (a push was stored but no credentials were, so
 * nothing can remove it: it stays registered at the vendor and is ignored). Absent: no push.
 */
export type PushRemovalOutcome = 'queued' | 'unreadable';

type Deps = Pick<AppDeps, 'repos' | 'vault' | 'vendors' | 'logger'>;

/** One registered hook, with the credentials to remove it. */
export interface VendorPush {
  integrationId: string;
  vendor: PsaVendor;
  credentials: VendorCredentials[PsaVendor];
  hookId: string;
}

/** A vendor failure as it may be stored and logged: its classified code and HTTP status, never the request (it carries credentials). */
function failureOf(error: unknown): { code: string; status?: number } {
  return error instanceof VendorError ? { code: error.code, ...(error.details.status ? { status: error.details.status } : {}) } : { code: 'error' };
}

/**
 * Deletes one hook at the vendor once and logs what happened (`whose`: for the log, e.g. "an
 * integration deleted while it was being registered"). Best effort, for a registration discarding
 * the hook it just made.
 */
export async function removeVendorPush(deps: Pick<Deps, 'vendors' | 'logger'>, push: VendorPush, whose: string): Promise<'removed' | 'failed'> {
  const { integrationId, vendor } = push;
  try {
    await unregisterTicketPush(deps.vendors.context, vendor, push.credentials, push.hookId);
    deps.logger.info({ integrationId, vendor }, `two-way: removed the PSA ticket push of ${whose}`);
    return 'removed';
  } catch (error) {
    deps.logger.warn({ integrationId, vendor, ...failureOf(error) }, `two-way: could not remove the PSA ticket push of ${whose}; it stays registered at the vendor and is ignored`);
    return 'failed';
  }
}

/**
 * Deletes the partner's integration; for a PSA whose push is stored, queues the push's removal in the
 * same transaction. Returns what the audit entry says of the push (nothing for none, or an RMM).
 */
export async function deleteIntegration(
  deps: Pick<Deps, 'repos' | 'logger'>, partnerId: string, integration: { id: string; kind: string; vendor: string }, now: number = Date.now(),
): Promise<{ vendorPush?: PushRemovalOutcome }> {
  if (integration.kind !== 'psa') {
    await deps.repos.integrations.softDelete(partnerId, integration.id);
    return {};
  }
  const log = { integrationId: integration.id, vendor: integration.vendor };
  const push = await deps.repos.pushRemovals.deleteIntegration(partnerId, integration.id, { now, giveUpAt: now + PUSH_REMOVAL_GIVE_UP_MS });
  if (push === 'queued') {
    deps.logger.info(log, 'two-way: queued the removal of the deleted integration’s PSA ticket push');
    return { vendorPush: 'queued' };
  }
  if (push === 'no-credentials') {
    deps.logger.warn(log, 'two-way: the deleted integration had no credentials to remove its PSA ticket push with; it stays registered');
    return { vendorPush: 'unreadable' };
  }
  return {};
}

export interface PushRemovalConfig {
  /** How long a claim holds before it lapses; renewed every third of it while the vendor call runs. */
  leaseMs: number;
  /** Backoff between failed attempts ("equal jitter", doubling from base up to max; a vendor's Retry-After is honoured). */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_PUSH_REMOVAL_CONFIG: PushRemovalConfig = { leaseMs: 60_000, backoffBaseMs: 30_000, backoffMaxMs: 60 * 60_000 };

/**
 * What became of one due removal: `removed` (or already gone at the vendor); `failed` (tried again
 * after a backoff, never past the deadline); `abandoned` (the deadline passed); `taken` (another
 * instance claimed it first, or it is no longer due).
 */
export type PushRemovalResult = 'removed' | 'failed' | 'abandoned' | 'taken';

/** Works the removals due now, one after another; returns what became of each. */
export async function removeDuePushes(deps: Deps, config: PushRemovalConfig, now: () => number, signal: AbortSignal, limit = 20): Promise<PushRemovalResult[]> {
  const results: PushRemovalResult[] = [];
  for (const integrationId of await deps.repos.pushRemovals.due(now(), limit)) {
    if (signal.aborted) break;
    results.push(await removeOne(deps, integrationId, config, now, signal));
  }
  return results;
}

async function removeOne(deps: Deps, integrationId: string, config: PushRemovalConfig, now: () => number, signal: AbortSignal): Promise<PushRemovalResult> {
  const { pushRemovals } = deps.repos;
  const holder = randomUUID();
  const row = await pushRemovals.claim(integrationId, holder, now(), now() + config.leaseMs);
  if (!row) return 'taken';
  const vendor = row.vendor as PsaVendor;
  const log = { integrationId, vendor };
  const end = async (state: 'removed' | 'abandoned', attempted: boolean) => {
    const attempts = row.attempts + (attempted ? 1 : 0);
    const action = state === 'removed' ? 'integration.push-removed' : 'integration.push-abandoned';
    return pushRemovals.finish(integrationId, holder, { state, attempted, lastError: state === 'removed' ? null : row.lastError, audit: { actor: SYSTEM_ACTOR, action, after: { vendorPush: state, attempts } } });
  };

  if (now() >= row.giveUpAt) {
    if (await end('abandoned', false)) {
      deps.logger.warn({ ...log, attempts: row.attempts, lastError: row.lastError }, 'two-way: gave up removing the deleted integration’s PSA ticket push; it stays registered at the vendor and is ignored');
    }
    return 'abandoned';
  }

  const heartbeat = leaseHeartbeat(() => pushRemovals.renew(integrationId, holder, now() + config.leaseMs), config.leaseMs, deps.logger, { integrationId }, 'push removal claim');
  try {
    let credentials: VendorCredentials[PsaVendor];
    try {
      credentials = credentialSchemas[vendor].parse(deps.vault.open({ sealed: row.credentialsSealed!, keyId: row.credentialsKeyId! })) as VendorCredentials[PsaVendor];
    } catch {
      // A key this instance lacks (another may have it) or credentials of an older shape: retried until the deadline.
      throw new UnreadableCredentials();
    }
    // Outside any transaction; a hook the vendor no longer has counts as removed (unregisterTicketPush).
    await unregisterTicketPush(deps.vendors.context, vendor, credentials, row.hookId, signal);
  } catch (error) {
    await heartbeat.stop();
    if (signal.aborted) {
      await pushRemovals.release(integrationId, holder); // stopping hands the removal over at once, uncounted
      return 'failed';
    }
    const failure = error instanceof UnreadableCredentials ? { code: 'unreadable' } : failureOf(error);
    const retryAfterMs = error instanceof VendorError ? error.details.retryAfterMs ?? null : null;
    const wait = retryDelayMs(row.attempts + 1, { retryAfterMs }, config.backoffBaseMs, config.backoffMaxMs);
    // Never later than the deadline, so an abandoned removal is recorded when it is due.
    const nextAttemptAt = Math.min(row.giveUpAt, now() + wait);
    await pushRemovals.recordFailure(integrationId, holder, { nextAttemptAt, lastError: failure.status ? `${failure.code} (${failure.status})` : failure.code });
    deps.logger.warn({ ...log, ...failure, attempts: row.attempts + 1, nextAttemptAt }, 'two-way: could not remove the deleted integration’s PSA ticket push; it is tried again');
    return 'failed';
  }
  await heartbeat.stop();
  if (await end('removed', true)) deps.logger.info(log, 'two-way: removed the PSA ticket push of a deleted integration');
  return 'removed';
}

class UnreadableCredentials extends Error {
  override readonly name = 'UnreadableCredentials';
}
