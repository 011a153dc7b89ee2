/**
 * @module Removing the vendor's ticket push when its integration is deleted, in two steps because
 * the deletion erases the credentials: `preparePushRemoval` reads the push and opens the
 * credentials before the row is deleted; the returned `run` calls the vendor after the delete has
 * been stored (never a vendor call while the database work is open). Best effort: a vendor
 * failure is logged (no secrets) and reported as an outcome for the audit log; it never fails or
 * undoes the delete.
 */
import type { AppDeps } from '../../app-deps.js';
import { credentialSchemas, type VendorCredentials } from '../../contracts/credentials.js';
import type { PsaVendor } from '../../contracts/model.js';
import { PUSH_UNREGISTERABLE, unregisterTicketPush } from '../../vendors/webhooks/ticket-push.js';
import { VendorError } from '../../vendors/vendor-errors.js';

/**
 * What became of the vendor's push: `removed`; `failed` (the vendor refused or was unreachable;
 * the push stays registered there and is ignored here); `not-supported` (the vendor documents no
 * delete for it); `unreadable` (the stored credentials could not be opened).
 */
export type PushRemovalOutcome = 'removed' | 'failed' | 'not-supported' | 'unreadable';

export interface PushRemoval {
  run(): Promise<PushRemovalOutcome>;
}

type Deps = Pick<AppDeps, 'repos' | 'vault' | 'vendors' | 'logger'>;

/** Null when the integration has no push registered (nothing to remove). */
export async function preparePushRemoval(deps: Deps, partnerId: string, integrationId: string): Promise<PushRemoval | null> {
  const push = await deps.repos.twoWay.getPush(integrationId);
  if (!push || push.partnerId !== partnerId) return null;
  const vendor = push.vendor as PsaVendor;
  const done = async (outcome: PushRemovalOutcome): Promise<PushRemovalOutcome> => {
    // The row goes only once the vendor's hook is gone; otherwise it keeps the hook id (it is inactive either way).
    if (outcome === 'removed') await deps.repos.twoWay.deletePush(integrationId);
    else await deps.repos.twoWay.setPushActive(integrationId, false);
    return outcome;
  };
  if (!PUSH_UNREGISTERABLE[vendor]) return { run: () => done('not-supported') };
  let credentials: VendorCredentials[PsaVendor] | null = null;
  try {
    const sealed = await deps.repos.integrations.getSealedCredentials(partnerId, integrationId);
    if (sealed) credentials = credentialSchemas[vendor].parse(deps.vault.open(sealed)) as VendorCredentials[PsaVendor];
  } catch {
    credentials = null; // a key no longer configured or credentials of an older shape: nothing to call with
  }
  if (!credentials) {
    deps.logger.warn({ integrationId, vendor }, 'two-way: the deleted integration’s credentials could not be read; its PSA ticket push stays registered');
    return { run: () => done('unreadable') };
  }
  const opened = credentials;
  return {
    async run() {
      try {
        await unregisterTicketPush(deps.vendors.context, vendor, opened, push.hookId);
        deps.logger.info({ integrationId, vendor }, 'two-way: removed the PSA ticket push of a deleted integration');
        return await done('removed');
      } catch (error) {
        // Only the vendor's classified code and status: never the request (it carries credentials).
        const reason = error instanceof VendorError ? { code: error.code, status: error.details.status } : { code: 'error' };
        deps.logger.warn({ integrationId, vendor, ...reason }, 'two-way: could not remove the PSA ticket push of a deleted integration; it stays registered at the vendor and is ignored');
        return await done('failed');
      }
    },
  };
}
