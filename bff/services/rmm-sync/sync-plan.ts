/**
 * @module What one RMM sync covers and how it walks, as pure functions: which sites are synced
 * (mapped, of a type the mapping lists, still present at the vendor), whether listing the whole
 * account or site by site costs fewer vendor calls, and the Entra device id of a device.
 */
import type { RmmSiteMappingRow } from '../../../db/repositories/mappings.repo.js';
import { ENTRA_DEVICE_ID } from '../../contracts/entra-field.js';
import type { RmmDevice, RmmSite, RmmSiteType, RmmVendor } from '../../contracts/model.js';

export interface SyncedSite {
  organizationId: string;
  /** Devices the vendor (or our last sync) counts in this site; null when nobody knows. */
  deviceCount: number | null;
}

export type WalkMode = 'account' | 'sites';

/**
 * Devices a vendor returns per page, for planning only (the walk itself follows the cursors):
 * Datto RMM 250 (its maximum, facts A4); Syncro 50.
 * ASSUMPTION: Syncro pages assets by 50, as a live account did (facts B3); its swagger says 25.
 */
export const DEVICE_PAGE_HINT: Record<RmmVendor, number> = { 'datto-rmm': 250, syncro: 50 };

/**
 * The sites a sync lists devices for, with their organization: mapped rows whose site the vendor
 * still lists and whose current type is one the mapping's site types include (seed 004: Managed,
 * OnDemand, Deleted Devices). Every other site's devices leave their organization.
 */
export function syncedSites(rows: RmmSiteMappingRow[], siteTypes: readonly RmmSiteType[], vendorSites: RmmSite[]): Map<string, SyncedSite> {
  const byId = new Map(vendorSites.map((s) => [s.id, s]));
  const synced = new Map<string, SyncedSite>();
  for (const row of rows) {
    const site = byId.get(row.siteId);
    if (!row.organizationId || !site || !siteTypes.includes(site.type)) continue;
    synced.set(row.siteId, { organizationId: row.organizationId, deviceCount: site.deviceCount });
  }
  return synced;
}

/**
 * Account-wide or site by site, whichever needs fewer pages. Site counts come from the vendor
 * (Datto sends them) or from what the last sync stored (Syncro does not count assets per
 * customer); sites nobody has counted are assumed to hold the average of the counted ones. With
 * nothing counted at all, the account-wide walk runs (it is never worse by more than one page per
 * site, and it teaches the next plan the counts). A tie goes to the account-wide walk, which also
 * sees devices that moved into a site that is not synced.
 */
export function chooseWalk(
  vendor: RmmVendor,
  synced: ReadonlyMap<string, SyncedSite>,
  vendorSites: RmmSite[],
  storedCounts: ReadonlyMap<string, number>,
): { mode: WalkMode; estimatedPages: number } {
  const pageSize = DEVICE_PAGE_HINT[vendor];
  const countOf = (siteId: string, vendorCount: number | null) => vendorCount ?? storedCounts.get(siteId) ?? null;
  const counts = vendorSites.map((s) => countOf(s.id, s.deviceCount));
  const known = counts.filter((n): n is number => n !== null);
  if (known.length === 0 || synced.size === 0) return { mode: 'account', estimatedPages: synced.size === 0 ? 0 : 1 };
  const average = known.reduce((a, b) => a + b, 0) / known.length;
  const total = counts.reduce<number>((sum, n) => sum + (n ?? average), 0);
  const accountPages = Math.max(1, Math.ceil(total / pageSize));
  let sitePages = 0;
  for (const [siteId, site] of synced) sitePages += Math.max(1, Math.ceil((countOf(siteId, site.deviceCount) ?? average) / pageSize));
  return sitePages < accountPages ? { mode: 'sites', estimatedPages: sitePages } : { mode: 'account', estimatedPages: accountPages };
}

/**
 * The device's Microsoft Entra device id from the mapped custom field, lower-cased so lookups
 * match any spelling; null without a mapped field or value.
 * ASSUMPTION: a value that is not a GUID (e.g. "N/A", a placeholder text) is not an Entra device id.
 */
export function entraDeviceIdOf(device: RmmDevice, field: string | null): string | null {
  if (!field) return null;
  const match = ENTRA_DEVICE_ID.exec(device.customFields[field]?.trim() ?? '');
  return match ? match[1]!.toLowerCase() : null;
}
