/**
 * @module Registering one integration's ticket push at the vendor, safe with several BFF instances
 * on one database and with an admin deleting the integration meanwhile:
 * - a lease is claimed in the database before the vendor is called (psa_push_leases), so of the
 *   instances that all saw the integration needing a push, one registers; a heartbeat keeps it
 *   while the vendor call runs, and a dead instance's lease lapses so another takes over;
 * - the push is saved only while the integration is still active and not deleted; otherwise the
 *   hook just made is removed at the vendor again (push-unregister.ts), so none is left behind
 *   (for a deleted integration, a removal the vendor fails is queued for the worker to retry);
 * - a process that died after the vendor made the hook but before the push was saved left a hook
 *   nobody knows of: every registration first lists the hooks posting to this integration's
 *   receiver (no push is stored, so none of them is in use) and removes them, then makes its own.
 * After a failure the lease holds the retry time, so no instance tries again before it (polling
 * carries status changes meanwhile), and the failure's class is recorded for the admin's health
 * view (push-status.ts). No database transaction is open during a vendor call.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Repositories } from '../../../db/repositories/index.js';
import type { PushFailure } from '../../../db/repositories/two-way.repo.js';
import { classifyFailure } from '../../routing/failure.js';
import { credentialSchemas, type VendorCredentials } from '../../contracts/credentials.js';
import type { CredentialVault } from '../../credential-vault.js';
import type { Logger } from '../../logger.js';
import type { PsaVendor } from '../../contracts/model.js';
import { findTicketPushes, registerTicketPush, unregisterTicketPush } from '../../vendors/webhooks/ticket-push.js';
import type { VendorGateway } from '../vendor-gateway.js';
import { leaseHeartbeat } from './lease-heartbeat.js';
import { PUSH_REMOVAL_GIVE_UP_MS, removeVendorPush } from './push-unregister.js';

/** A failed push registration is tried again after this long (polling covers the gap). */
export const REGISTER_RETRY_MS = 5 * 60_000;

export interface PushRegisterDeps {
  repos: Repositories;
  vendors: VendorGateway;
  vault: CredentialVault;
  logger: Logger;
}

export interface PushRegisterOptions {
  /** This BFF's public origin (no trailing slash): the vendor posts to `<origin>/webhooks/psa/<id>`. */
  origin: string;
  /** How long a claim holds before it lapses; renewed every third of it while the vendor call runs. */
  leaseMs: number;
  now: () => number;
  signal: AbortSignal;
}

/**
 * What became of one integration: `registered`; `taken` (another instance holds the lease, or
 * the integration no longer needs a push); `discarded` (registered, but the integration was
 * deleted or paused meanwhile, so the hook was removed again where the vendor allows it);
 * `failed` (tried again after REGISTER_RETRY_MS).
 */
export type PushRegisterOutcome = 'registered' | 'taken' | 'discarded' | 'failed';

export async function registerPush(deps: PushRegisterDeps, integration: { id: string; partnerId: string; vendor: string }, options: PushRegisterOptions): Promise<PushRegisterOutcome> {
  const { repos, vault, vendors, logger } = deps;
  const { now, leaseMs, signal } = options;
  const integrationId = integration.id;
  const holder = randomUUID();
  if (!(await repos.twoWay.claimPushLease(integrationId, holder, now(), now() + leaseMs))) return 'taken';
  const heartbeat = leaseHeartbeat(() => repos.twoWay.setPushLease(integrationId, holder, now() + leaseMs), leaseMs, logger, { integrationId }, 'push registration lease');
  // Where the lease ends once this attempt is over; a registered push keeps it until it lapses (by
  // then every instance reads the saved push, even one whose claim began before it was saved).
  let leaseEnd: number | null = 0;
  // A failed attempt, recorded with the lease's end so an admin sees why status is polled (push-status.ts).
  let failure: PushFailure | null = null;
  try {
    const sealed = await repos.integrations.getSealedCredentials(integration.partnerId, integrationId);
    if (!sealed) throw new Error('the integration has no stored credentials');
    const vendor = integration.vendor as PsaVendor;
    const credentials = credentialSchemas[vendor].parse(vault.open(sealed)) as VendorCredentials[PsaVendor];
    const url = `${options.origin}/webhooks/psa/${integrationId}`;
    // Under the lease no other registration is under way, so a hook already posting here is an orphan.
    await removeOrphans(deps, { integrationId, vendor, credentials, url }, signal);
    const secret = randomBytes(24).toString('base64url');
    const registration = await registerTicketPush(vendors.context, vendor, credentials, { integrationId, url, secret }, signal);
    const box = vault.seal(secret);
    const saved = await repos.twoWay.savePush({ integrationId, partnerId: integration.partnerId, vendor, hookId: registration.hookId, keyOrigin: registration.keyOrigin, secretSealed: box.sealed, secretKeyId: box.keyId });
    if (saved) {
      leaseEnd = null;
      logger.info({ integrationId, vendor }, 'two-way: registered the PSA ticket push');
      return 'registered';
    }
    const removal = await removeVendorPush(deps, { integrationId, vendor, credentials, hookId: registration.hookId }, 'an integration deleted or paused while it was being registered');
    if (removal === 'failed') await queueRemovalIfDeleted(deps, integration, registration.hookId, sealed, now());
    return 'discarded';
  } catch (error) {
    // Stopping hands the registration over at once; a failure waits for the retry time on every instance.
    const at = now();
    leaseEnd = signal.aborted ? 0 : at + REGISTER_RETRY_MS;
    if (!signal.aborted) {
      // Only the class and the status are kept: the vendor's words may echo what was sent.
      const { code, status } = classifyFailure(error);
      // A refused connection (-1) is "no answer" (0) to an admin, as the health contract words it.
      failure = { code, status: status === null ? null : Math.max(0, status), at, retryAt: leaseEnd };
    }
    logger.warn({ integrationId, err: error }, 'two-way: could not register the PSA ticket push; polling carries status changes');
    return 'failed';
  } finally {
    await heartbeat.stop();
    if (leaseEnd !== null) {
      await (failure ? repos.twoWay.recordPushFailure(integrationId, holder, failure) : repos.twoWay.setPushLease(integrationId, holder, leaseEnd))
        .catch((error: unknown) => logger.debug({ integrationId, err: error }, 'two-way: could not end the push registration lease'));
    }
  }
}

/**
 * A hook made for an integration deleted meanwhile, whose removal just failed (the PSA down for a
 * moment): nothing would ever find it again (no later registration of a deleted integration runs its
 * orphan search), so its removal becomes the two-way worker's durable work, with the credentials
 * read before the delete erased them, still sealed. A paused integration's hook needs none: its next
 * registration, on resume, finds and removes it.
 */
async function queueRemovalIfDeleted(
  deps: PushRegisterDeps, integration: { id: string; partnerId: string; vendor: string }, hookId: string, sealed: { sealed: string; keyId: string }, now: number,
): Promise<void> {
  const log = { integrationId: integration.id, vendor: integration.vendor };
  try {
    if (!(await deps.repos.integrations.getIncludingDeleted(integration.partnerId, integration.id))?.deletedAt) return;
    const queued = await deps.repos.pushRemovals.queue({ integrationId: integration.id, partnerId: integration.partnerId, vendor: integration.vendor, hookId, sealed, now, giveUpAt: now + PUSH_REMOVAL_GIVE_UP_MS });
    if (queued) deps.logger.info(log, 'two-way: queued the removal of the hook made for a deleted integration');
    else deps.logger.warn(log, 'two-way: the deleted integration already has a hook removal; the hook made meanwhile stays registered at the vendor and is ignored');
  } catch (error) {
    deps.logger.warn({ ...log, err: error }, 'two-way: could not queue the removal of the hook made for a deleted integration; it stays registered at the vendor and is ignored');
  }
}

/**
 * Removes the hooks already posting to `url` (under the lease no other registration is under way,
 * so any there is an orphan). Best effort: a vendor that refuses or fails the list (an API user
 * allowed to make hooks but not to list them, an outage of that one call) still gets its push —
 * status changes must not wait on a cleanup; an orphan left now is found by a later registration.
 */
async function removeOrphans(
  deps: PushRegisterDeps,
  target: { integrationId: string; vendor: PsaVendor; credentials: VendorCredentials[PsaVendor]; url: string },
  signal: AbortSignal | undefined,
): Promise<void> {
  const { integrationId, vendor, credentials, url } = target;
  try {
    const orphans = await findTicketPushes(deps.vendors.context, vendor, credentials, url, signal);
    for (const hookId of orphans) await unregisterTicketPush(deps.vendors.context, vendor, credentials, hookId, signal);
    if (orphans.length > 0) deps.logger.info({ integrationId, vendor, removed: orphans.length }, 'two-way: removed PSA ticket pushes left by a registration that was never saved');
  } catch (error) {
    if (signal?.aborted) throw error;
    deps.logger.warn({ integrationId, vendor, err: error }, 'two-way: could not look for ticket pushes left by an unsaved registration; registering anyway');
  }
}
