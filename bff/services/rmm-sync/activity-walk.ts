/**
 * @module The user-activity part of one RMM sync: read the vendor's activity log from the stored
 * cursor and keep it under the integration's user-activity organization (seeds 002 and 004), one
 * page and its cursor per transaction, so a failure resumes where it stopped without duplicates.
 */
import type { DevicesRepo, SyncClaim } from '../../../db/repositories/devices.repo.js';
import { RMM_USER_ACTIVITY } from '../../contracts/rmm-settings.js';
import type { RmmVendor } from '../../contracts/model.js';
import type { RmmAdapter } from '../../vendors/rmm-adapter.js';
import { VendorError } from '../../vendors/vendor-errors.js';

/** Pages read per run; the rest waits for the next run (the cursor is kept). 200 × 250 = 50,000 entries. */
const MAX_ACTIVITY_PAGES = 200;

/**
 * Whether the vendor's API offers a user-activity feed at all, from the RMM contract (Syncro's
 * does not, so nothing is recorded for it). The RmmAdapter interface has no capability flag for this.
 */
export const ACTIVITY_FEED: Record<RmmVendor, { offered: boolean; note: string }> = {
  'datto-rmm': { offered: RMM_USER_ACTIVITY['datto-rmm'].recorded, note: 'Datto RMM user activity is recorded under the User Activity Organization.' },
  syncro: { offered: RMM_USER_ACTIVITY.syncro.recorded, note: RMM_USER_ACTIVITY.syncro.purpose },
};

export interface ActivityWalkProgress {
  pages: number;
  added: number;
}

export interface ActivityWalkInput {
  repo: DevicesRepo;
  adapter: RmmAdapter;
  claim: SyncClaim;
  leaseUntil: () => number;
  target: { partnerId: string; organizationId: string };
  cursor: string | null;
  signal?: AbortSignal;
}

export async function walkActivity(input: ActivityWalkInput, progress: ActivityWalkProgress): Promise<void> {
  let cursor = input.cursor;
  for (let pages = 0; pages < MAX_ACTIVITY_PAGES; pages++) {
    let page;
    try {
      page = await input.adapter.listActivity({ cursor }, input.signal);
    } catch (error) {
      // A stored cursor the adapter no longer accepts (Datto's is a URL on the vendor's host, so a
      // changed base URL voids it): start again from what the vendor keeps. The unique index on
      // (integration, vendor activity id) drops what was already recorded.
      if (pages > 0 || cursor === null || !(error instanceof VendorError) || !['unexpected_answer', 'rejected'].includes(error.code)) throw error;
      cursor = null;
      page = await input.adapter.listActivity({ cursor }, input.signal);
    }
    // An empty last page answers no cursor: keep the one we have, so the next run starts there
    // rather than at the beginning of what the vendor keeps.
    const next = page.next ?? cursor;
    progress.added += await input.repo.writeActivityPage(input.claim, input.leaseUntil(), input.target, page.items, next);
    progress.pages++;
    if (!page.next || page.items.length === 0 || page.next === cursor) return;
    cursor = page.next;
  }
}
