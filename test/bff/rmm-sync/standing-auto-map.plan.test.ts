/** The standing auto-mapping's pure parts: which sites a sync maps, and the bounded audit record of a large run. */
import { describe, expect, it } from 'vitest';
import { AUDITED_SITES, autoMapAuditAfter, newExactMatches } from '../../../bff/services/rmm-sync/standing-auto-map.js';

const site = (id: string, name: string, type: 'managed' | 'ondemand' = 'managed') => ({ id, name, type, deviceCount: null });
const row = (siteId: string, organizationId: string | null, ignoreAutoMap = false) => ({ integrationId: 'i', siteId, siteName: siteId, siteType: 'managed' as const, organizationId, ignoreAutoMap });

describe('newExactMatches', () => {
  const organizations = [{ id: 'o1', name: 'Alpha' }, { id: 'o2', name: 'Beta' }, { id: 'o3', name: 'Twin' }, { id: 'o4', name: 'Twin' }, { id: 'o5', name: 'Gamma' }];
  const sites = [site('new', 'Alpha'), site('unmapped', 'Beta'), site('mapped', 'Gamma'), site('ignored', 'Alpha'), site('twin', 'Twin'), site('od', 'Beta', 'ondemand'), site('near', 'alpha')];
  const rows = [row('unmapped', null), row('mapped', 'o1'), row('ignored', null, true)];

  it('maps new and unmapped sites of a listed type whose name exactly one organization has', () => {
    expect(newExactMatches({ autoMapExact: true, siteTypes: ['managed'] }, rows, sites, organizations).map((m) => `${m.siteId}→${m.organizationId}`))
      .toEqual(['new→o1', 'unmapped→o2']);
    expect(newExactMatches({ autoMapExact: true, siteTypes: ['managed', 'ondemand'] }, rows, sites, organizations).map((m) => m.siteId)).toEqual(['new', 'unmapped', 'od']);
  });

  it('maps nothing while the option is off', () => {
    expect(newExactMatches({ autoMapExact: false, siteTypes: ['managed'] }, rows, sites, organizations)).toEqual([]);
  });
});

describe('autoMapAuditAfter', () => {
  it(`names at most ${AUDITED_SITES} sites and counts the rest`, () => {
    const many = Array.from({ length: AUDITED_SITES + 3 }, (_, i) => ({ siteId: `s${i}`, siteName: `Site ${i}`, siteType: 'managed' as const, organizationId: `o${i}`, organizationName: `Org ${i}` }));
    const after = autoMapAuditAfter(many);
    expect(after).toMatchObject({ autoMapped: AUDITED_SITES + 3, more: 3 });
    expect(after.sites).toHaveLength(AUDITED_SITES);
    expect(after.sites[0]).toEqual({ site: 'Site 0', organization: 'Org 0' });
    expect(autoMapAuditAfter(many.slice(0, 2))).toEqual({ autoMapped: 2, sites: [{ site: 'Site 0', organization: 'Org 0' }, { site: 'Site 1', organization: 'Org 1' }] });
  });
});
