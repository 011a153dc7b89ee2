/**
 * @module The Datto RMM schemas and mapper against what live accounts send: nulls in unexpected
 * places, the DateTime.MinValue sentinel, ISO dates where the spec's letter wins, 300 UDFs, and
 * activity dates in epoch seconds with `details` as a JSON string.
 */
import { describe, expect, it } from 'vitest';
import { instantToIso, toRmmActivity, toRmmDevice, toRmmSite, UDF_NAMES } from '../../../../bff/vendors/datto-rmm/datto-rmm.mapper.js';
import { activityPageSchema, devicesPageSchema, sitesPageSchema } from '../../../../bff/vendors/datto-rmm/datto-rmm.schemas.js';

describe('Datto RMM mapper', () => {
  it('reads epoch milliseconds, ISO strings and the "never" sentinel', () => {
    expect(instantToIso(1721131200000)).toBe('2024-07-16T12:00:00.000Z');
    expect(instantToIso('2024-07-16T12:00:00Z')).toBe('2024-07-16T12:00:00.000Z');
    expect(instantToIso('1721131200000')).toBe('2024-07-16T12:00:00.000Z');
    expect(instantToIso(-62135596800000)).toBeNull();
    expect(instantToIso(null)).toBeNull();
  });

  it('types sites: managed, OnDemand and the deleted-devices queue', () => {
    const page = sitesPageSchema.parse({
      pageDetails: { count: 3, totalCount: 3, prevPageUrl: null, nextPageUrl: null },
      sites: [
        { uid: 'a', name: 'Contoso', onDemand: false, notes: null, proxySettings: null, devicesStatus: { numberOfDevices: 4 } },
        { uid: 'b', name: 'OnDemand', onDemand: true, devicesStatus: null },
        { uid: 'c', name: 'Deleted Devices', onDemand: null, extra: { anything: 1 } },
      ],
    });
    expect(page.sites!.map(toRmmSite)).toEqual([
      { id: 'a', name: 'Contoso', type: 'managed', deviceCount: 4 },
      { id: 'b', name: 'OnDemand', type: 'ondemand', deviceCount: null },
      { id: 'c', name: 'Deleted Devices', type: 'deleted', deviceCount: null },
    ]);
  });

  it('keeps every named UDF and any higher one that is set', () => {
    const udf: Record<string, string | null> = {};
    for (let i = 1; i <= 300; i++) udf[`udf${i}`] = null;
    udf.udf5 = '5f1c7e0a-1111-2222-3333-444455556666';
    udf.udf250 = 'ring-b';
    const page = devicesPageSchema.parse({
      pageDetails: { count: 1, totalCount: 1, prevPageUrl: null, nextPageUrl: null },
      devices: [{ uid: 'd1', siteUid: 's1', hostname: null, description: 'Front desk PC', operatingSystem: null, online: null, a64Bit: null, lastSeen: 1721131200000, udf, deviceClass: 'rmmnetworkdevice' }],
    });
    const device = toRmmDevice(page.devices![0]!);
    expect(device).toMatchObject({ id: 'd1', siteId: 's1', hostname: 'Front desk PC', os: null, online: false, lastSeen: '2024-07-16T12:00:00.000Z' });
    expect(Object.keys(device.customFields)).toEqual([...UDF_NAMES, 'udf250']);
    expect(device.customFields.udf5).toBe('5f1c7e0a-1111-2222-3333-444455556666');
  });

  it('turns an activity entry into a readable user action', () => {
    const page = activityPageSchema.parse({
      pageDetails: { count: 1, totalCount: 1, prevPageUrl: null, nextPageUrl: null },
      activities: [
        {
          id: '60761aa3-d03e-3d76-b75b-da28629a4103',
          entity: 'DEVICE',
          category: 'device',
          action: 'move.device',
          date: 1689072497.714,
          site: { id: 4, name: 'Contoso' },
          deviceId: 123456,
          hostname: 'CONTOSO-LT01',
          user: { id: 1, userName: 'jdoe', firstName: 'Jane', lastName: 'Doe' },
          details: JSON.stringify({ 'data.from_site_name': 'Managed', 'data.to_site_name': 'Contoso' }),
          hasStdOut: false,
          hasStdErr: false,
        },
      ],
    });
    expect(toRmmActivity(page.activities![0]!)).toEqual({
      id: '60761aa3-d03e-3d76-b75b-da28629a4103',
      at: '2023-07-11T10:48:17.714Z',
      user: 'jdoe',
      action: 'device.move.device',
      details: 'CONTOSO-LT01 (Contoso); moved from Managed to Contoso',
    });
  });

  it('tolerates an activity entry without user, site or readable details', () => {
    const [entry] = activityPageSchema.parse({ activities: [{ id: 7, date: 1689072497, details: 'not json', user: null, site: null }] }).activities!;
    expect(toRmmActivity(entry!)).toEqual({ id: '7', at: '2023-07-11T10:48:17.000Z', user: null, action: 'activity', details: null });
  });
});
