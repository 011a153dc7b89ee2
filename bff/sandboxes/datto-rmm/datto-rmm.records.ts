/**
 * @module The Datto RMM sandbox's tables: the record types behind its wire answers, the random
 * source its seed and later changes draw ids from, and the constructors of activity-log entries.
 */

/**
 * The UDF holding the Microsoft Entra device id in this account. Datto has no fixed field for it;
 * each MSP picks one in Setup > Global Settings > User-Defined Fields (facts A3).
 */
// ASSUMPTION: the sandbox MSP keeps the Entra device id in udf5.
export const ENTRA_UDF = 'udf5';

export const SYSTEM_SITE_NAMES = { managed: 'Managed', onDemand: 'OnDemand', deleted: 'Deleted Devices' } as const;

export interface DattoSiteRecord {
  id: number;
  uid: string;
  name: string;
  description: string | null;
  notes: string | null;
  onDemand: boolean;
  splashtopAutoInstall: boolean;
  autotaskCompanyName: string | null;
  autotaskCompanyId: string | null;
}

export type DeviceCategory = 'Desktop' | 'Laptop' | 'Server';

export interface DattoDeviceRecord {
  id: number;
  uid: string;
  siteUid: string;
  hostname: string;
  category: DeviceCategory;
  operatingSystem: string;
  intIpAddress: string;
  extIpAddress: string;
  lastLoggedInUser: string | null;
  domain: string | null;
  description: string | null;
  a64Bit: boolean | null;
  rebootRequired: boolean;
  online: boolean;
  suspended: boolean;
  deleted: boolean;
  /** Epoch milliseconds, as the real API sends them (facts A3, reality corrections). */
  lastSeen: number;
  lastReboot: number;
  lastAuditDate: number;
  creationDate: number;
  /** Only the UDFs that hold a value; the wire form lists every UDF key, null when unset. */
  udf: Record<string, string>;
  antivirusProduct: string | null;
  antivirusStatus: 'RunningAndUpToDate' | 'RunningAndNotUpToDate' | 'NotRunning' | 'NotDetected';
  patchStatus: 'NoPolicy' | 'NoData' | 'RebootRequired' | 'InstallError' | 'ApprovedPending' | 'FullyPatched';
  patchesInstalled: number;
  patchesApprovedPending: number;
}

export interface DattoUserRecord {
  id: number;
  userName: string;
  firstName: string;
  lastName: string;
  email: string;
  created: number;
  lastAccess: number;
}

export interface DattoActivityRecord {
  id: string;
  entity: 'DEVICE' | 'USER';
  category: string;
  action: string;
  /** Epoch milliseconds; the wire sends epoch seconds with a fraction. */
  dateMs: number;
  site: { id: number; name: string } | null;
  deviceId: number | null;
  hostname: string | null;
  userId: number | null;
  /** Sent as a JSON string with dotted keys (facts A3). */
  details: Record<string, unknown>;
}

export interface DattoAlertRecord {
  alertUid: string;
  priority: 'Critical' | 'High' | 'Moderate' | 'Low' | 'Information';
  diagnostics: string;
  deviceUid: string;
  timestamp: number;
  resolved: boolean;
  resolvedOn: number | null;
  resolvedBy: string | null;
  context: { '@class': string } & Record<string, unknown>;
}

export interface DattoRmmData {
  account: { id: number; uid: string; name: string; currency: string; billingEmail: string; deviceLimit: number; timeZone: string };
  sites: DattoSiteRecord[];
  /** Ordered by id: the account-wide device list pages in this order. */
  devices: DattoDeviceRecord[];
  users: DattoUserRecord[];
  /** Ordered by (dateMs, id): the activity log's sort key. */
  activities: DattoActivityRecord[];
  alerts: DattoAlertRecord[];
  /** Whether the API user has the Administrator security level (activity logs need it). */
  apiUserIsAdministrator: boolean;
  nextSiteId: number;
  nextDeviceId: number;
  /** The sandbox's own random source for ids made after seeding (control routes, API writes). */
  random: () => number;
}

export class SeedRandom {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
  guid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${this.pick(['8', '9', 'a', 'b'])}${this.hex(3)}-${this.hex(12)}`;
  }
}

export function userActivity(id: string, dateMs: number, user: DattoUserRecord, category: string, action: string, extra: Record<string, unknown>): DattoActivityRecord {
  return {
    id,
    entity: 'USER',
    category,
    action,
    dateMs,
    site: null,
    deviceId: null,
    hostname: null,
    userId: user.id,
    details: { entity: 'USER', uid: id, 'event.category': category, 'event.action': action, ...userDetails(user), ...extra },
  };
}

export function deviceActivity(
  id: string,
  dateMs: number,
  user: DattoUserRecord,
  site: DattoSiteRecord,
  device: DattoDeviceRecord,
  category: string,
  action: string,
  extra: Record<string, unknown>,
): DattoActivityRecord {
  return {
    id,
    entity: 'DEVICE',
    category,
    action,
    dateMs,
    site: { id: site.id, name: site.name },
    deviceId: device.id,
    hostname: device.hostname,
    userId: user.id,
    details: {
      entity: 'DEVICE',
      uid: id,
      'event.category': category,
      'event.action': action,
      'device.uid': device.uid,
      'device.hostname': device.hostname,
      'site.name': site.name,
      ...userDetails(user),
      ...extra,
    },
  };
}

function userDetails(user: DattoUserRecord): Record<string, unknown> {
  return { 'user.id': user.id, 'user.username': user.userName, 'user.email': user.email, 'user.firstname': user.firstName, 'user.lastname': user.lastName };
}

export function compareActivity(a: DattoActivityRecord, b: DattoActivityRecord): number {
  return a.dateMs - b.dateMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
