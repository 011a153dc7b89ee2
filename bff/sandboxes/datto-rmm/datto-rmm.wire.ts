/**
 * @module How the Datto RMM sandbox's records look on the wire: the spec's field names with the
 * reality corrections applied (epoch-millisecond dates, activity dates in epoch seconds with a
 * fraction, nulls where production sends nulls), and the `page`/`max` paging envelope whose
 * `nextPageUrl` is an absolute URL built from the incoming request.
 */
import type { Context } from 'hono';
import type { DattoActivityRecord, DattoAlertRecord, DattoDeviceRecord, DattoRmmData, DattoSiteRecord, DattoUserRecord } from './datto-rmm.records.js';

/**
 * UDF keys each device carries. The older spec build, the help page ("up to 30") and this
 * project's brief use 30; the newest build and live accounts send udf1–udf300 (facts A3).
 */
export const UDF_COUNT = 30;
/** Default and largest page for `page`/`max` lists (`GET /v2/system/pagination`, facts A4). */
export const MAX_PAGE_SIZE = 250;
/** Where the sandbox's portal links point; never fetched. */
const PORTAL = 'https://sandbox-rmm.example';

export interface PageDetails {
  count: number;
  totalCount: number;
  prevPageUrl: string | null;
  nextPageUrl: string | null;
}

/** Reads `page` (zero-based, facts A4) and `max`; null when either is not a number. */
export function pageParams(c: Context): { page: number; max: number } | null {
  const page = c.req.query('page');
  const max = c.req.query('max');
  const p = page === undefined || page === '' ? 0 : Number(page);
  const m = max === undefined || max === '' ? MAX_PAGE_SIZE : Number(max);
  if (!Number.isInteger(p) || !Number.isInteger(m) || p < 0 || m < 1) return null;
  // ASSUMPTION: a `max` above the maximum is capped, not refused.
  return { page: p, max: Math.min(m, MAX_PAGE_SIZE) };
}

/** The request's own URL with some query parameters replaced, so links work under any mount prefix. */
export function selfUrl(c: Context, params: Record<string, string>): string {
  const url = new URL(c.req.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** One page of `items` and its `pageDetails`; `nextPageUrl` is null on the last page (facts A4). */
export function pageOf<T>(c: Context, items: readonly T[], page: number, max: number): { slice: T[]; pageDetails: PageDetails } {
  const slice = items.slice(page * max, page * max + max);
  const hasNext = (page + 1) * max < items.length;
  return {
    slice,
    pageDetails: {
      count: slice.length,
      totalCount: items.length,
      prevPageUrl: page > 0 ? selfUrl(c, { max: String(max), page: String(page - 1) }) : null,
      nextPageUrl: hasNext ? selfUrl(c, { max: String(max), page: String(page + 1) }) : null,
    },
  };
}

/** Devices and online devices per site uid, counted once per request. */
export function deviceCounts(data: DattoRmmData): Map<string, { total: number; online: number }> {
  const counts = new Map<string, { total: number; online: number }>();
  for (const d of data.devices) {
    const entry = counts.get(d.siteUid) ?? { total: 0, online: 0 };
    entry.total++;
    if (d.online) entry.online++;
    counts.set(d.siteUid, entry);
  }
  return counts;
}

export function accountToWire(data: DattoRmmData) {
  const onDemandSites = new Set(data.sites.filter((s) => s.onDemand).map((s) => s.uid));
  const online = data.devices.filter((d) => d.online).length;
  const onDemand = data.devices.filter((d) => onDemandSites.has(d.siteUid)).length;
  const a = data.account;
  return {
    id: a.id,
    uid: a.uid,
    name: a.name,
    currency: a.currency,
    // `bilingEmail` is the spec's own spelling (facts A3).
    descriptor: { bilingEmail: a.billingEmail, deviceLimit: a.deviceLimit, timeZone: a.timeZone },
    devicesStatus: {
      numberOfDevices: data.devices.length,
      numberOfOnlineDevices: online,
      numberOfOfflineDevices: data.devices.length - online,
      numberOfOnDemandDevices: onDemand,
      numberOfManagedDevices: data.devices.length - onDemand,
    },
  };
}

export function siteToWire(site: DattoSiteRecord, accountUid: string, counts: Map<string, { total: number; online: number }>) {
  const c = counts.get(site.uid) ?? { total: 0, online: 0 };
  return {
    id: site.id,
    uid: site.uid,
    accountUid,
    name: site.name,
    description: site.description,
    notes: site.notes,
    onDemand: site.onDemand,
    splashtopAutoInstall: site.splashtopAutoInstall,
    // Production sends null here in every observed row (facts A3).
    proxySettings: null,
    devicesStatus: { numberOfDevices: c.total, numberOfOnlineDevices: c.online, numberOfOfflineDevices: c.total - c.online },
    autotaskCompanyName: site.autotaskCompanyName,
    autotaskCompanyId: site.autotaskCompanyId,
    portalUrl: `${PORTAL}/site/${site.id}`,
  };
}

export function deviceToWire(d: DattoDeviceRecord, site: DattoSiteRecord | undefined) {
  const udf: Record<string, string | null> = {};
  for (let i = 1; i <= UDF_COUNT; i++) udf[`udf${i}`] = d.udf[`udf${i}`] ?? null;
  return {
    id: d.id,
    uid: d.uid,
    siteId: site?.id ?? null,
    siteUid: d.siteUid,
    siteName: site?.name ?? null,
    deviceType: { category: d.category, type: d.category === 'Server' ? 'Server' : 'Workstation' },
    hostname: d.hostname,
    intIpAddress: d.intIpAddress,
    operatingSystem: d.operatingSystem,
    lastLoggedInUser: d.lastLoggedInUser,
    domain: d.domain,
    cagVersion: '11965',
    displayVersion: '4.4.11965.11965',
    extIpAddress: d.extIpAddress,
    description: d.description,
    a64Bit: d.a64Bit,
    rebootRequired: d.rebootRequired,
    online: d.online,
    suspended: d.suspended,
    deleted: d.deleted,
    lastSeen: d.lastSeen,
    lastReboot: d.lastReboot,
    lastAuditDate: d.lastAuditDate,
    creationDate: d.creationDate,
    udf,
    snmpEnabled: false,
    deviceClass: 'device',
    portalUrl: `${PORTAL}/device/${d.id}`,
    warrantyDate: null,
    antivirus: { antivirusProduct: d.antivirusProduct, antivirusStatus: d.antivirusStatus },
    patchManagement: {
      patchStatus: d.patchStatus,
      patchesApprovedPending: d.patchesApprovedPending,
      patchesNotApproved: 0,
      patchesInstalled: d.patchesInstalled,
    },
    softwareStatus: 'Compliant',
    webRemoteUrl: `${PORTAL}/remote/${d.uid}`,
    networkProbe: false,
    onboardedViaNetworkMonitor: false,
  };
}

export function userToWire(u: DattoUserRecord) {
  return {
    firstName: u.firstName,
    lastName: u.lastName,
    username: u.userName,
    email: u.email,
    telephone: null,
    status: 'active',
    created: u.created,
    lastAccess: u.lastAccess,
    disabled: false,
  };
}

export function activityToWire(a: DattoActivityRecord, users: Map<number, DattoUserRecord>) {
  const u = a.userId === null ? undefined : users.get(a.userId);
  return {
    id: a.id,
    entity: a.entity,
    category: a.category,
    action: a.action,
    // Epoch seconds with the milliseconds as a fraction (spec example 1689072497.714).
    date: a.dateMs / 1_000,
    site: a.site,
    deviceId: a.deviceId,
    hostname: a.hostname,
    user: u ? { id: u.id, userName: u.userName, firstName: u.firstName, lastName: u.lastName } : null,
    details: JSON.stringify(a.details),
    hasStdOut: false,
    hasStdErr: false,
  };
}

export function alertToWire(a: DattoAlertRecord, device: DattoDeviceRecord | undefined, site: DattoSiteRecord | undefined) {
  return {
    alertUid: a.alertUid,
    priority: a.priority,
    diagnostics: a.diagnostics,
    resolved: a.resolved,
    resolvedBy: a.resolvedBy,
    resolvedOn: a.resolvedOn,
    muted: false,
    ticketNumber: null,
    timestamp: a.timestamp,
    alertMonitorInfo: { sendsEmails: true, createsTicket: false },
    alertContext: a.context,
    alertSourceInfo: { deviceUid: a.deviceUid, deviceName: device?.hostname ?? null, siteUid: site?.uid ?? null, siteName: site?.name ?? null },
    responseActions: [],
    autoresolveMins: null,
  };
}
