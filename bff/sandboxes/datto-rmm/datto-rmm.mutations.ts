/**
 * @module Changes to the Datto RMM sandbox's account, shared by its vendor write operations and its
 * `_control/` routes: create and remove sites, add, move and remove devices. Each change leaves the
 * activity-log entry Datto would record (device moves and deletions are logged, facts A3).
 */
import {
  compareActivity,
  deviceActivity,
  SeedRandom,
  SYSTEM_SITE_NAMES,
  type DattoActivityRecord,
  type DattoDeviceRecord,
  type DattoRmmData,
  type DattoSiteRecord,
  type DattoUserRecord,
  type DeviceCategory,
} from './datto-rmm.records.js';
import { seedDevice } from './datto-rmm.seed.js';

const rand = (data: DattoRmmData) => new SeedRandom(data.random);

/** Who the change is attributed to: the API user for API writes, a technician for control changes. */
export function actor(data: DattoRmmData, via: 'api' | 'portal'): DattoUserRecord {
  return (via === 'api' ? data.users.find((u) => u.userName === 'api-integration') : data.users[0]) ?? data.users[0]!;
}

export function appendActivity(data: DattoRmmData, entry: DattoActivityRecord): void {
  const last = data.activities[data.activities.length - 1];
  data.activities.push(entry);
  if (last && compareActivity(last, entry) > 0) data.activities.sort(compareActivity);
}

export function isSystemSite(site: DattoSiteRecord): boolean {
  return (Object.values(SYSTEM_SITE_NAMES) as string[]).includes(site.name);
}

export function deletedDevicesSite(data: DattoRmmData): DattoSiteRecord {
  let site = data.sites.find((s) => s.name === SYSTEM_SITE_NAMES.deleted);
  if (!site) site = createSite(data, { name: SYSTEM_SITE_NAMES.deleted });
  return site;
}

export function createSite(
  data: DattoRmmData,
  input: { name: string; description?: string | null; notes?: string | null; onDemand?: boolean; splashtopAutoInstall?: boolean },
): DattoSiteRecord {
  const site: DattoSiteRecord = {
    id: data.nextSiteId++,
    uid: rand(data).guid(),
    name: input.name,
    description: input.description ?? null,
    notes: input.notes ?? null,
    onDemand: input.onDemand ?? false,
    splashtopAutoInstall: input.splashtopAutoInstall ?? false,
    autotaskCompanyName: null,
    autotaskCompanyId: null,
  };
  data.sites.push(site);
  return site;
}

/** Removes a site; its devices go to the deleted-devices queue, as deleting them in the portal would. */
export function removeSite(data: DattoRmmData, site: DattoSiteRecord): number {
  const queued = data.devices.filter((d) => d.siteUid === site.uid);
  for (const device of queued) removeDevice(data, device, false);
  data.sites = data.sites.filter((s) => s.uid !== site.uid);
  data.alerts = data.alerts.filter((a) => !queued.some((d) => d.uid === a.deviceUid));
  return queued.length;
}

export function addDevice(
  data: DattoRmmData,
  site: DattoSiteRecord,
  input: { hostname: string; category?: DeviceCategory; operatingSystem?: string; online?: boolean; udf?: Record<string, string> },
): DattoDeviceRecord {
  const device = seedDevice(rand(data), site, data.nextDeviceId++, input.hostname, Date.now(), input.category);
  if (input.operatingSystem) device.operatingSystem = input.operatingSystem;
  if (input.online !== undefined) {
    device.online = input.online;
    device.lastSeen = input.online ? Date.now() : Date.now() - 3_600_000;
  }
  if (input.udf) device.udf = { ...input.udf };
  data.devices.push(device);
  return device;
}

export function moveDevice(data: DattoRmmData, device: DattoDeviceRecord, to: DattoSiteRecord, via: 'api' | 'portal'): void {
  const from = data.sites.find((s) => s.uid === device.siteUid);
  device.siteUid = to.uid;
  device.deleted = to.name === SYSTEM_SITE_NAMES.deleted;
  appendActivity(
    data,
    deviceActivity(rand(data).guid(), Date.now(), actor(data, via), to, device, 'device', 'move.device', {
      'data.from_site_id': from?.id ?? null,
      'data.from_site_uid': from?.uid ?? null,
      'data.from_site_name': from?.name ?? null,
      'data.to_site_id': to.id,
      'data.to_site_uid': to.uid,
      'data.to_site_name': to.name,
    }),
  );
}

/**
 * Deletes a device as the portal does: by default it moves to the "Deleted Devices" queue with the
 * agent flagged for removal; `purge` removes it at once (facts A5).
 */
export function removeDevice(data: DattoRmmData, device: DattoDeviceRecord, purge: boolean): void {
  const site = data.sites.find((s) => s.uid === device.siteUid);
  if (site) appendActivity(data, deviceActivity(rand(data).guid(), Date.now(), actor(data, 'portal'), site, device, 'device', 'delete', {}));
  if (purge) {
    data.devices = data.devices.filter((d) => d.uid !== device.uid);
    data.alerts = data.alerts.filter((a) => a.deviceUid !== device.uid);
    return;
  }
  const queue = deletedDevicesSite(data);
  device.siteUid = queue.uid;
  // ASSUMPTION: a device in the deletion queue reports `deleted: true` (unconfirmed, facts A5).
  device.deleted = true;
  device.online = false;
}
