/**
 * "Automatically map organizations with a 100% match" (seeds 002 and 004) as a standing rule:
 * while it is on, a sync maps a site that has come to match one organization's name since the
 * admin saved the mapping (site added or renamed at the RMM, organization added later) and syncs
 * its devices in the same run. Ignored sites, unlisted site types, a name two organizations share,
 * the option off and existing mappings stay as they are. Each case beside a site that does map, so
 * that every test fails when the sync does not auto-map.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/create-test-app.js';
import { startSandboxServer } from '../../helpers/sandbox-server.js';
import { connectRmm, createSyncTestApp, ctl, getJson, syncNow, type RmmTestVendor, type SandboxServer } from './rmm-sync.helpers.js';

let sandbox: SandboxServer;
let t: TestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => {
  await ctl(sandbox, 'datto-rmm', 'POST', 'seed', { scale: 60 });
  await ctl(sandbox, 'syncro', 'POST', 'seed', { scale: 60 });
  t = await createSyncTestApp(sandbox);
});
afterEach(() => t.close());

/** Adds a site at the RMM with devices; `otherType` makes it one the default mapping does not list (Datto OnDemand, a disabled Syncro customer). */
async function addSite(vendor: RmmTestVendor, name: string, devices: number, otherType = false): Promise<string> {
  let siteId: string;
  if (vendor === 'datto-rmm') siteId = (await ctl(sandbox, vendor, 'POST', 'sites', { name, onDemand: otherType })).uid;
  else siteId = String((await ctl(sandbox, vendor, 'POST', 'customers', { business_name: name, disabled: otherType })).customer.id);
  for (let i = 1; i <= devices; i++) {
    const hostname = `${name.replace(/\W+/g, '-').slice(0, 40)}-${i}`;
    if (vendor === 'datto-rmm') await ctl(sandbox, vendor, 'POST', 'devices', { siteUid: siteId, hostname });
    else await ctl(sandbox, vendor, 'POST', 'assets', { customerId: Number(siteId), name: hostname });
  }
  return siteId;
}

/** The platform pushes more organizations (PUT is an upsert: the demo organizations stay). */
async function addOrganizations(...organizations: Array<{ id: string; name: string }>) {
  const res = await t.call('PUT', '/api/organizations', { token: await t.token(), body: { organizations: organizations.map((o) => ({ ...o, billableUsers: 5 })) } });
  expect(res.status).toBe(200);
}

/** The sync reads the site list the wizard cached (VENDOR_CACHE_SECONDS); here that time has passed. */
const cacheLapses = (id: string) => t.deps.vendors.forget(id);

async function mappingOf(id: string): Promise<Map<string, { organizationId: string | null; ignoreAutoMap: boolean }>> {
  const { body } = await getJson(t, `/api/integrations/${id}/rmm/mapping`);
  return new Map((body.mappings as Array<{ siteName: string; organizationId: string | null; ignoreAutoMap: boolean }>).map((m) => [m.siteName, { organizationId: m.organizationId, ignoreAutoMap: m.ignoreAutoMap }]));
}

const devicesOf = async (organizationId: string) => (await getJson(t, `/api/organizations/${organizationId}/devices`)).body.total as number;

async function autoMapEntries(id: string) {
  const { body } = await getJson(t, `/api/integrations/${id}/audit`);
  return (body.entries as Array<{ action: string; actor: string; actionLabel: string; after: any }>).filter((e) => e.action === 'rmm.auto-mapped');
}

describe.each<RmmTestVendor>(['datto-rmm', 'syncro'])('%s: exact-name auto-mapping on every sync', (vendor) => {
  it('maps a site added at the RMM after setup to the organization of its name, syncs its devices, audits it as the system, and changes no other mapping', async () => {
    // Acme's site is mapped by hand to another organization: auto-mapping must leave it there.
    const { id } = await connectRmm(t, vendor, { map: { 'Acme Dental Group': 'org-bluebird' } });
    const before = await mappingOf(id);
    expect(before.get('Acme Dental Group')?.organizationId).toBe('org-bluebird');
    expect(await devicesOf('org-juniper')).toBe(0);

    await addSite(vendor, 'Juniper Schools Trust', 3);
    cacheLapses(id);
    const run = await syncNow(t, id);
    expect(run.body.outcome).toBe('succeeded');
    expect(run.body.devices.added).toBe(3);
    expect(run.body.sitesAutoMapped).toBe(1);

    const after = await mappingOf(id);
    expect(after.get('Juniper Schools Trust')).toEqual({ organizationId: 'org-juniper', ignoreAutoMap: false });
    for (const [name, row] of before) expect(after.get(name), name).toEqual(row);
    expect(after.size).toBe(before.size + 1);
    expect(await devicesOf('org-juniper')).toBe(3);

    const [entry, ...more] = await autoMapEntries(id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor: 'system', actionLabel: 'Automatically mapped sites with a 100% name match', after: { autoMapped: 1, sites: [{ site: 'Juniper Schools Trust', organization: 'Juniper Schools Trust' }] } });

    // Nothing new matches: the next sync maps and audits nothing.
    const again = await syncNow(t, id);
    expect(again.body.devices.added).toBe(0);
    expect(again.body.sitesAutoMapped).toBe(0);
    expect(await autoMapEntries(id)).toHaveLength(1);
  });

  it('maps an existing unmapped site once an organization of its name is added', async () => {
    await addSite(vendor, 'Lakeside Pharmacy', 2);
    const { id } = await connectRmm(t, vendor);
    expect((await mappingOf(id)).get('Lakeside Pharmacy')?.organizationId).toBeNull();

    await addOrganizations({ id: 'org-lakeside', name: 'Lakeside Pharmacy' });
    const run = await syncNow(t, id);
    expect(run.body.devices.added).toBe(2);
    expect((await mappingOf(id)).get('Lakeside Pharmacy')?.organizationId).toBe('org-lakeside');
    expect(await devicesOf('org-lakeside')).toBe(2);
    expect((await autoMapEntries(id))[0]?.after.sites).toEqual([{ site: 'Lakeside Pharmacy', organization: 'Lakeside Pharmacy' }]);
  });

  it('leaves a site marked "Ignore from Automatic Mapping" unmapped', async () => {
    await addSite(vendor, 'Lakeside Pharmacy', 2);
    await addSite(vendor, 'Willow Creek Dental', 2);
    // null: "Not mapped" with the site ignored for auto-mapping (rmm-sync.helpers.ts).
    const { id } = await connectRmm(t, vendor, { map: { 'Lakeside Pharmacy': null } });
    await addOrganizations({ id: 'org-lakeside', name: 'Lakeside Pharmacy' }, { id: 'org-willow', name: 'Willow Creek Dental' });
    await syncNow(t, id);
    const mapping = await mappingOf(id);
    expect(mapping.get('Willow Creek Dental')?.organizationId).toBe('org-willow');
    expect(mapping.get('Lakeside Pharmacy')).toEqual({ organizationId: null, ignoreAutoMap: true });
    expect(await devicesOf('org-lakeside')).toBe(0);
  });

  it('leaves a site of a type the mapping does not list unmapped', async () => {
    const { id } = await connectRmm(t, vendor);
    await addSite(vendor, 'Lakeside Pharmacy', 2, true);
    await addSite(vendor, 'Willow Creek Dental', 2);
    await addOrganizations({ id: 'org-lakeside', name: 'Lakeside Pharmacy' }, { id: 'org-willow', name: 'Willow Creek Dental' });
    cacheLapses(id);
    await syncNow(t, id);
    const mapping = await mappingOf(id);
    expect(mapping.get('Willow Creek Dental')?.organizationId).toBe('org-willow');
    expect(mapping.get('Lakeside Pharmacy')?.organizationId ?? null).toBeNull();
    expect(await devicesOf('org-lakeside')).toBe(0);
  });

  it('leaves a site unmapped whose name two organizations share', async () => {
    const { id } = await connectRmm(t, vendor);
    await addSite(vendor, 'Lakeside Pharmacy', 2);
    await addSite(vendor, 'Willow Creek Dental', 2);
    await addOrganizations({ id: 'org-lakeside-north', name: 'Lakeside Pharmacy' }, { id: 'org-lakeside-south', name: 'Lakeside Pharmacy' }, { id: 'org-willow', name: 'Willow Creek Dental' });
    cacheLapses(id);
    expect((await syncNow(t, id)).body.sitesAutoMapped).toBe(1);
    const mapping = await mappingOf(id);
    expect(mapping.get('Willow Creek Dental')?.organizationId).toBe('org-willow');
    expect(mapping.get('Lakeside Pharmacy')?.organizationId ?? null).toBeNull();
    expect(await devicesOf('org-lakeside-north') + await devicesOf('org-lakeside-south')).toBe(0);
    expect((await autoMapEntries(id))[0]?.after.sites).toEqual([{ site: 'Willow Creek Dental', organization: 'Willow Creek Dental' }]);
  });

  it('maps nothing while the option is off (the other RMM, with it on, maps the same name)', async () => {
    const other: RmmTestVendor = vendor === 'datto-rmm' ? 'syncro' : 'datto-rmm';
    const { id: off } = await connectRmm(t, vendor, { autoMap: false });
    const { id: on } = await connectRmm(t, other);
    await addSite(vendor, 'Juniper Schools Trust', 2);
    await addSite(other, 'Juniper Schools Trust', 3);
    cacheLapses(off);
    cacheLapses(on);
    expect((await syncNow(t, off)).body.sitesAutoMapped).toBe(0);
    expect((await syncNow(t, on)).body.sitesAutoMapped).toBe(1);
    expect((await mappingOf(on)).get('Juniper Schools Trust')?.organizationId).toBe('org-juniper');
    expect((await mappingOf(off)).get('Juniper Schools Trust')?.organizationId ?? null).toBeNull();
    expect(await devicesOf('org-juniper')).toBe(3);
    expect(await autoMapEntries(off)).toEqual([]);
  });
});

describe('syncro: a renamed customer', () => {
  it('is mapped once its new name is an organization’s', async () => {
    const customerId = await addSite('syncro', 'Lakeside Pharmacy', 2);
    const { id } = await connectRmm(t, 'syncro');
    expect((await mappingOf(id)).get('Lakeside Pharmacy')?.organizationId).toBeNull();
    await ctl(sandbox, 'syncro', 'PATCH', `customers/${customerId}`, { business_name: 'Juniper Schools Trust' });
    cacheLapses(id);
    await syncNow(t, id);
    const mapping = await mappingOf(id);
    expect(mapping.get('Juniper Schools Trust')?.organizationId).toBe('org-juniper');
    expect(mapping.has('Lakeside Pharmacy')).toBe(false);
    expect(await devicesOf('org-juniper')).toBe(2);
  });
});
