/**
 * @module "Automatically map organizations with a 100% match" as a standing rule (seeds 002 and
 * 004): while the option is on, each sync maps a site that has come to match exactly one platform
 * organization by name (a site created at the RMM later, an organization added later, a site
 * renamed). The save applies the same rule once; this keeps it true between saves.
 */
import type { RmmSiteMappingRow } from '../../../db/repositories/mappings.repo.js';
import { exactNameMatcher, type RmmStoredSettings } from '../../contracts/rmm-settings.js';
import type { RmmSite } from '../../contracts/model.js';

export interface AutoMappedSite {
  siteId: string;
  siteName: string;
  siteType: RmmSite['type'];
  organizationId: string;
  organizationName: string;
}

/** Sites named in one audit entry; a larger run says how many more there were. */
export const AUDITED_SITES = 25;

/**
 * The vendor's sites to map now: no organization yet, not marked "Ignore from Automatic Mapping"
 * (how an admin keeps a matching site unmapped; the save would map it otherwise too), of a listed
 * site type, and named exactly like one organization (a name two organizations share maps to
 * neither). An existing mapping is never changed.
 */
export function newExactMatches(
  settings: Pick<RmmStoredSettings, 'autoMapExact' | 'siteTypes'>,
  rows: readonly RmmSiteMappingRow[],
  vendorSites: readonly RmmSite[],
  organizations: readonly { id: string; name: string }[],
): AutoMappedSite[] {
  if (!settings.autoMapExact) return [];
  const stored = new Map(rows.map((r) => [r.siteId, r]));
  const matchName = exactNameMatcher(organizations);
  const found: AutoMappedSite[] = [];
  for (const site of vendorSites) {
    const row = stored.get(site.id);
    if (row && (row.organizationId || row.ignoreAutoMap)) continue;
    if (!settings.siteTypes.includes(site.type)) continue;
    const organization = matchName(site.name);
    if (!organization) continue;
    found.push({ siteId: site.id, siteName: site.name, siteType: site.type, organizationId: organization.id, organizationName: organization.name });
  }
  return found;
}

/** What the audit log keeps of one run's auto-mapping: names an admin recognizes, bounded. */
export function autoMapAuditAfter(mapped: readonly AutoMappedSite[]) {
  return {
    autoMapped: mapped.length,
    sites: mapped.slice(0, AUDITED_SITES).map((m) => ({ site: m.siteName, organization: m.organizationName })),
    ...(mapped.length > AUDITED_SITES ? { more: mapped.length - AUDITED_SITES } : {}),
  };
}
