/** The sync's pure planning: which sites are synced, account-wide or site-by-site, the Entra id. */
import { describe, expect, it } from 'vitest';
import { chooseWalk, entraDeviceIdOf, syncedSites } from '../../../bff/services/rmm-sync/sync-plan.js';
import type { RmmDevice, RmmSite } from '../../../bff/contracts/model.js';

const site = (id: string, deviceCount: number | null, type: RmmSite['type'] = 'managed'): RmmSite => ({ id, name: id, type, deviceCount });
const row = (siteId: string, organizationId: string | null, siteType: RmmSite['type'] = 'managed') => ({ integrationId: 'i', siteId, siteName: siteId, siteType, organizationId, ignoreAutoMap: false });

describe('syncedSites', () => {
  it('keeps mapped rows whose site still exists with a listed type, by the vendor’s current type', () => {
    const vendor = [site('a', 5), site('b', 5, 'ondemand'), site('c', 5), site('d', 5, 'ondemand')];
    const rows = [row('a', 'o1'), row('b', 'o2'), row('c', null), row('d', 'o4', 'managed'), row('gone', 'o5')];
    expect([...syncedSites(rows, ['managed'], vendor).keys()]).toEqual(['a']);
    expect([...syncedSites(rows, ['managed', 'ondemand'], vendor).keys()]).toEqual(['a', 'b', 'd']);
  });
});

describe('chooseWalk', () => {
  const synced = (...ids: string[]) => new Map(ids.map((id) => [id, { organizationId: 'o', deviceCount: null }]));

  it('walks the account when most devices are mapped (Datto counts per site)', () => {
    const sites = Array.from({ length: 40 }, (_, i) => site(`s${i}`, 250));
    const all = synced(...sites.map((s) => s.id));
    expect(chooseWalk('datto-rmm', all, sites, new Map())).toEqual({ mode: 'account', estimatedPages: 40 });
  });

  it('walks site by site when few small sites are mapped in a large account', () => {
    const sites = [...Array.from({ length: 40 }, (_, i) => site(`s${i}`, 250)), site('small', 3)];
    expect(chooseWalk('datto-rmm', synced('small'), sites, new Map())).toEqual({ mode: 'sites', estimatedPages: 1 });
  });

  it('uses stored counts where the vendor gives none (Syncro), the average for uncounted sites, and the account walk with nothing counted', () => {
    const sites = Array.from({ length: 30 }, (_, i) => site(`c${i}`, null));
    expect(chooseWalk('syncro', synced('c0'), sites, new Map()).mode).toBe('account');
    expect(chooseWalk('syncro', synced('c0'), sites, new Map([['c0', 40]]))).toEqual({ mode: 'sites', estimatedPages: 1 });
    expect(chooseWalk('syncro', synced(...sites.map((s) => s.id)), sites, new Map([['c0', 40]])).mode).toBe('account');
  });
});

describe('entraDeviceIdOf', () => {
  const device = (value: string | null): RmmDevice => ({ id: 'd', siteId: 's', hostname: 'h', os: null, lastSeen: null, online: true, customFields: { udf5: value } });
  it('reads a GUID from the mapped field, lower-cased, braces allowed; anything else is null', () => {
    expect(entraDeviceIdOf(device(' {6F1C2A9E-3B4D-4E5F-8A6B-7C8D9E0F1A2B} '), 'udf5')).toBe('6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b');
    expect(entraDeviceIdOf(device('N/A'), 'udf5')).toBeNull();
    expect(entraDeviceIdOf(device(null), 'udf5')).toBeNull();
    expect(entraDeviceIdOf(device('6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b'), null)).toBeNull();
    expect(entraDeviceIdOf(device('6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b'), 'udf9')).toBeNull();
  });
});
