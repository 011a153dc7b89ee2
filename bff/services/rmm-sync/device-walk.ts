/**
 * @module The device part of one RMM sync: page through the adapter (account-wide or site by site),
 * writing each page in its own synchronous transaction with no vendor call inside one, then mark
 * the devices the vendor no longer lists. A walk cut short marks nothing removed.
 */
import type { DevicesRepo, DeviceWrite, SyncClaim } from '../../../db/repositories/devices.repo.js';
import type { RmmAdapter } from '../../vendors/rmm-adapter.js';
import { VendorError } from '../../vendors/vendor-errors.js';
import { entraDeviceIdOf, type SyncedSite, type WalkMode } from './sync-plan.js';

/** A runaway cursor chain stops here (250 × 2,000 = 500,000 Datto devices). */
const MAX_PAGES_PER_WALK = 2_000;

export interface DeviceWalkProgress {
  mode: WalkMode;
  sitesSynced: number;
  pages: number;
  /** Devices the vendor listed (all sites, synced or not). */
  listed: number;
  added: number;
  changed: number;
  /** Devices whose site is no longer synced, taken out of their organization's view. */
  detached: number;
  removed: number;
}

export interface DeviceWalkInput {
  repo: DevicesRepo;
  adapter: RmmAdapter;
  claim: SyncClaim;
  /** The claim's new expiry, computed at each write. */
  leaseUntil: () => number;
  partnerId: string;
  synced: ReadonlyMap<string, SyncedSite>;
  entraField: string | null;
  signal?: AbortSignal;
}

/** Walks the devices; `progress` is filled as pages land, so a failed walk still reports what it wrote. */
export async function walkDevices(input: DeviceWalkInput, progress: DeviceWalkProgress): Promise<void> {
  const { repo, claim, leaseUntil, synced } = input;
  const seen = new Set<string>();
  const targets: Array<string | null> = progress.mode === 'account' ? [null] : [...synced.keys()];

  for (const siteId of targets) {
    let cursor: string | null = null;
    for (let pages = 0; ; pages++) {
      if (pages >= MAX_PAGES_PER_WALK) throw new Error(`The ${input.adapter.vendor} device list did not end after ${MAX_PAGES_PER_WALK} pages.`);
      let page;
      try {
        page = await input.adapter.listDevices({ siteId, cursor }, input.signal);
      } catch (error) {
        // A site deleted at the vendor since the site list was read has no devices to list.
        if (siteId !== null && error instanceof VendorError && error.code === 'not_found') break;
        throw error;
      }
      const rows: DeviceWrite[] = [];
      const detach: Array<{ deviceId: string; siteId: string }> = [];
      for (const device of page.items) {
        seen.add(device.id);
        const site = synced.get(device.siteId);
        if (!site) {
          detach.push({ deviceId: device.id, siteId: device.siteId });
          continue;
        }
        rows.push({
          deviceId: device.id, siteId: device.siteId, organizationId: site.organizationId, hostname: device.hostname,
          os: device.os, lastSeen: device.lastSeen, online: device.online, entraDeviceId: entraDeviceIdOf(device, input.entraField),
        });
      }
      const wrote = await repo.writeDevicePage(claim, leaseUntil(), input.partnerId, rows, detach);
      progress.pages++;
      progress.listed += page.items.length;
      progress.added += wrote.added;
      progress.changed += wrote.changed;
      progress.detached += wrote.detached;
      if (!page.next || page.next === cursor) break;
      cursor = page.next;
    }
  }

  // Only a complete walk knows what is gone. Site by site, a device that moved to a site that is
  // not synced is not seen either: it leaves view as removed, which lookups treat alike.
  const gone = (await repo.liveDeviceIds(claim.integrationId)).filter((id) => !seen.has(id));
  if (gone.length > 0) progress.removed += await repo.markRemoved(claim, leaseUntil(), gone);
}
