/**
 * @module Removing the vendor's ticket push when its integration is deleted, in two steps because
 * the deletion erases the credentials: `preparePushRemoval` opens the credentials before the row is
 * deleted; the returned `run` reads the push and calls the vendor after the delete has been stored
 * (never a vendor call while the database work is open). Reading the push only then also finds one
 * a two-way worker saved while the delete was under way (a registration finishing later saves
 * nothing and removes its own hook: `removeVendorPush`, push-register.ts). Best effort: a vendor
 * failure is logged (no secrets) and reported as an outcome for the audit log; it never fails or
 * undoes the delete.
 */
import type { AppDeps } from '../../app-deps.js';
import { credentialSchemas, type VendorCredentials } from '../../contracts/credentials.js';
import type { PsaVendor } from '../../contracts/model.js';
import { unregisterTicketPush } from '../../vendors/webhooks/ticket-push.js';
import { VendorError } from '../../vendors/vendor-errors.js';

/**
 * What became of the vendor's push: `removed`; `failed` (the vendor refused or was unreachable;
 * the push stays registered there and is ignored here); `unreadable` (the stored credentials could
 * not be opened).
 */
export type PushRemovalOutcome = 'removed' | 'failed' | 'unreadable';

export interface PushRemoval {
  /** Null when the integration had no push registered (nothing to remove). */
  run(): Promise<PushRemovalOutcome | null>;
}

type Deps = Pick<AppDeps, 'repos' | 'vault' | 'vendors' | 'logger'>;

/** One registered hook, with the credentials to remove it. */
export interface VendorPush {
  integrationId: string;
  vendor: PsaVendor;
  credentials: VendorCredentials[PsaVendor];
  hookId: string;
}

/**
 * Deletes one hook at the vendor and logs what happened (`whose`: for the log, e.g. "a deleted
 * integration"). Only the vendor's classified code and status are logged, never the request (it
 * carries credentials).
 */
export async function removeVendorPush(deps: Pick<Deps, 'vendors' | 'logger'>, push: VendorPush, whose: string): Promise<'removed' | 'failed'> {
  const { integrationId, vendor } = push;
  try {
    await unregisterTicketPush(deps.vendors.context, vendor, push.credentials, push.hookId);
    deps.logger.info({ integrationId, vendor }, `two-way: removed the PSA ticket push of ${whose}`);
    return 'removed';
  } catch (error) {
    const reason = error instanceof VendorError ? { code: error.code, status: error.details.status } : { code: 'error' };
    deps.logger.warn({ integrationId, vendor, ...reason }, `two-way: could not remove the PSA ticket push of ${whose}; it stays registered at the vendor and is ignored`);
    return 'failed';
  }
}

/** Null for an integration that never has a push (RMM). */
export async function preparePushRemoval(deps: Deps, partnerId: string, integration: { id: string; kind: string; vendor: string }): Promise<PushRemoval | null> {
  if (integration.kind !== 'psa') return null;
  const integrationId = integration.id;
  const vendor = integration.vendor as PsaVendor;
  const done = async (outcome: PushRemovalOutcome): Promise<PushRemovalOutcome> => {
    // The row goes only once the vendor's hook is gone; otherwise it keeps the hook id (it is inactive either way).
    if (outcome === 'removed') await deps.repos.twoWay.deletePush(integrationId);
    else await deps.repos.twoWay.setPushActive(integrationId, false);
    return outcome;
  };
  // Opened whether or not a push is stored yet: one may be saved before the delete is.
  let credentials: VendorCredentials[PsaVendor] | null = null;
  try {
    const sealed = await deps.repos.integrations.getSealedCredentials(partnerId, integrationId);
    if (sealed) credentials = credentialSchemas[vendor].parse(deps.vault.open(sealed)) as VendorCredentials[PsaVendor];
  } catch {
    credentials = null; // a key no longer configured or credentials of an older shape: nothing to call with
  }
  return {
    async run() {
      const push = await deps.repos.twoWay.getPush(integrationId);
      if (!push || push.partnerId !== partnerId) return null;
      if (!credentials) {
        deps.logger.warn({ integrationId, vendor }, 'two-way: the deleted integration’s credentials could not be read; its PSA ticket push stays registered');
        return done('unreadable');
      }
      return done(await removeVendorPush(deps, { integrationId, vendor, credentials, hookId: push.hookId }, 'a deleted integration'));
    },
  };
}
