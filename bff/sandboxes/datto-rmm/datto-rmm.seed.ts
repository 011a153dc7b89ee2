/**
 * @module The Datto RMM sandbox's deterministic seed: one account, its sites (the
 * demo organizations' names, invented customers, and the system sites Managed / OnDemand / Deleted
 * Devices), devices spread over them, users, a user-activity log and open alerts.
 */
import { seededRandom } from '../common/sandbox-kit.js';
import { vendorNamesForDemoOrganizations } from '../../demo/demo-organizations.js';
import {
  compareActivity,
  deviceActivity,
  ENTRA_UDF,
  SeedRandom,
  SYSTEM_SITE_NAMES,
  userActivity,
  type DattoActivityRecord,
  type DattoAlertRecord,
  type DattoDeviceRecord,
  type DattoRmmData,
  type DattoSiteRecord,
  type DattoUserRecord,
  type DeviceCategory,
} from './datto-rmm.records.js';

export type { DattoRmmData } from './datto-rmm.records.js';

/** Devices generated when no scale is given (~150, as a small MSP's demo account). */
export const DEFAULT_DEVICE_COUNT = 150;
/** Activity entries the log holds, whatever the device scale. */
const ACTIVITY_COUNT = 320;
/** Activity entries placed inside the last 15 minutes, so a call without `from` sees some. */
const RECENT_ACTIVITY_COUNT = 6;

const INVENTED_SITES: Array<{ name: string; onDemand?: boolean }> = [
  { name: 'Lakeside Pediatrics' },
  { name: 'Maple Street Bakery' },
  { name: 'Northgate Property Management' },
  { name: 'Oakhurst Family Dentistry' },
  { name: 'Pinecrest Insurance Brokers' },
  { name: 'Quarry Hill Architects' },
  { name: 'Riverside Auto Repair', onDemand: true },
  { name: 'Summit Physical Therapy' },
  { name: 'Tidewater Freight' },
  { name: 'Union Square Florists', onDemand: true },
  { name: 'Valley Credit Union' },
  { name: 'Westbrook Chiropractic' },
  { name: 'Yellowstone Outfitters', onDemand: true },
  { name: 'Zephyr Travel Agency' },
  { name: 'Copperline Engineering' },
];

const USERS: Array<[string, string, string]> = [
  ['amorgan', 'Alex', 'Morgan'],
  ['pshah', 'Priya', 'Shah'],
  ['tbecker', 'Tom', 'Becker'],
  ['lkovac', 'Lena', 'Kovac'],
  ['mreed', 'Marcus', 'Reed'],
  ['api-integration', 'API', 'Integration'],
];

const WORKSTATION_OS = [
  'Microsoft Windows 11 Pro 10.0.26100',
  'Microsoft Windows 11 Pro 10.0.22631',
  'Microsoft Windows 10 Pro 10.0.19045',
  'Microsoft Windows 11 Enterprise 10.0.26100',
  'macOS Sonoma 14.6',
];
const SERVER_OS = [
  'Microsoft Windows Server 2022 Standard 10.0.20348',
  'Microsoft Windows Server 2019 Standard 10.0.17763',
  'Ubuntu 22.04.4 LTS',
];
const JOBS = ['Install Windows Updates', 'Restart Device', 'Clear Temp Files', 'Deploy Agent Update', 'Collect Event Logs'];

/** Builds the whole account. `scale` is the number of devices account-wide (all sites together). */
export function seedDattoRmm(scale: number | undefined): DattoRmmData {
  const r = new SeedRandom(seededRandom(20_240_611));
  const now = Date.now();
  const deviceCount = scale ?? DEFAULT_DEVICE_COUNT;
  const account = {
    id: 4711,
    uid: 'a1b2c3d4-0000-4000-8000-sandbox00001',
    name: 'Northwind MSP',
    currency: 'USD',
    billingEmail: 'billing@northwind-msp.example',
    deviceLimit: 25_000,
    timeZone: 'America/New_York',
  };

  let siteId = 101;
  const site = (name: string, onDemand: boolean, description: string | null): DattoSiteRecord => ({
    id: siteId++,
    uid: r.guid(),
    name,
    description,
    notes: null,
    onDemand,
    splashtopAutoInstall: r.chance(0.3),
    autotaskCompanyName: null,
    autotaskCompanyId: null,
  });
  // New accounts start with "Managed" and "OnDemand"; the deleted-devices queue is its own site (facts A5).
  const sites: DattoSiteRecord[] = [
    site(SYSTEM_SITE_NAMES.managed, false, 'Default site for managed devices'),
    site(SYSTEM_SITE_NAMES.onDemand, true, 'Default site for OnDemand devices'),
    ...vendorNamesForDemoOrganizations().map((name) => site(name, false, null)),
    ...INVENTED_SITES.map((s) => site(s.name, s.onDemand ?? false, null)),
    site(SYSTEM_SITE_NAMES.deleted, false, null),
  ];

  const devices = seedDevices(r, sites, deviceCount, now);
  const users: DattoUserRecord[] = USERS.map(([userName, firstName, lastName], i) => ({
    id: i + 1,
    userName,
    firstName,
    lastName,
    email: `${userName}@northwind-msp.example`,
    created: now - r.int(200, 900) * 86_400_000,
    lastAccess: now - r.int(0, 72) * 3_600_000,
  }));
  const activities = seedActivities(r, sites, devices, users, now);
  const alerts = seedAlerts(r, devices, now);
  return {
    account,
    sites,
    devices,
    users,
    activities,
    alerts,
    apiUserIsAdministrator: true,
    nextSiteId: siteId,
    nextDeviceId: 900_001 + devices.length,
    random: seededRandom(99_991),
  };
}

/** Splits `total` devices over the sites by weight, with exact sums (largest remainder). */
function allocate(r: SeedRandom, sites: DattoSiteRecord[], total: number): number[] {
  const weights = sites.map((s) => {
    if (s.name === SYSTEM_SITE_NAMES.deleted) return 0.5;
    if (s.name === SYSTEM_SITE_NAMES.managed || s.name === SYSTEM_SITE_NAMES.onDemand) return 0.4;
    return s.onDemand ? 1 : 2 + r.next() * 6;
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]![1]]!++;
  return counts;
}

function hostPrefix(name: string): string {
  return (name.split(/\s+/)[0] ?? 'HOST').replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 8) || 'HOST';
}

export function seedDevice(
  r: SeedRandom,
  site: DattoSiteRecord,
  id: number,
  hostname: string,
  now: number,
  category: DeviceCategory = r.chance(0.12) ? 'Server' : r.chance(0.55) ? 'Laptop' : 'Desktop',
): DattoDeviceRecord {
  const isServer = category === 'Server';
  const os = isServer ? r.pick(SERVER_OS) : r.pick(WORKSTATION_OS);
  const windows = os.startsWith('Microsoft Windows');
  const deletedSite = site.name === SYSTEM_SITE_NAMES.deleted;
  // OnDemand agents appear offline unless the end user asks for a session (facts A5).
  const online = !deletedSite && (site.onDemand ? r.chance(0.05) : r.chance(isServer ? 0.95 : 0.72));
  const lastSeen = online ? now - r.int(5, 240) * 1_000 : now - r.int(1, 30 * 24) * 3_600_000;
  const isSystemSite = (Object.values(SYSTEM_SITE_NAMES) as string[]).includes(site.name);
  const domain = windows ? (isSystemSite ? 'WORKGROUP' : hostPrefix(site.name)) : null;
  const udf: Record<string, string> = {};
  if (r.chance(0.6)) udf.udf2 = `AT-${String(r.int(1000, 99999)).padStart(5, '0')}`;
  if (r.chance(0.4)) udf.udf3 = r.pick(['Front Office', 'Finance', 'Operations', 'Clinical', 'Warehouse']);
  if (windows && !isServer && r.chance(0.4)) udf[ENTRA_UDF] = r.guid();
  const patchStatus = r.pick(['FullyPatched', 'FullyPatched', 'FullyPatched', 'ApprovedPending', 'RebootRequired', 'NoPolicy'] as const);
  return {
    id,
    uid: r.guid(),
    siteUid: site.uid,
    hostname,
    category,
    operatingSystem: os,
    intIpAddress: `10.${r.int(0, 40)}.${r.int(0, 255)}.${r.int(2, 254)}`,
    extIpAddress: `203.0.113.${r.int(1, 254)}`,
    lastLoggedInUser: isServer ? `${domain ?? 'LOCAL'}\\administrator` : r.chance(0.9) ? `${domain ?? 'LOCAL'}\\${r.pick(['jdoe', 'asmith', 'mlee', 'kpatel', 'rgarcia', 'front.desk'])}` : null,
    domain,
    description: null,
    a64Bit: r.chance(0.03) ? null : true,
    rebootRequired: patchStatus === 'RebootRequired',
    online,
    suspended: false,
    // Queued devices report `deleted: true` (the assumption lives in datto-rmm.mutations.ts removeDevice).
    deleted: deletedSite,
    lastSeen,
    lastReboot: lastSeen - r.int(1, 20 * 24) * 3_600_000,
    lastAuditDate: lastSeen - r.int(1, 48) * 3_600_000,
    creationDate: now - r.int(30, 1_500) * 86_400_000,
    udf,
    antivirusProduct: windows ? 'Windows Defender' : null,
    antivirusStatus: windows ? r.pick(['RunningAndUpToDate', 'RunningAndUpToDate', 'RunningAndUpToDate', 'RunningAndNotUpToDate', 'NotRunning'] as const) : 'NotDetected',
    patchStatus,
    patchesInstalled: r.int(40, 400),
    patchesApprovedPending: patchStatus === 'ApprovedPending' ? r.int(1, 12) : 0,
  };
}

/** Windows' own default hostname, as unnamed machines in the default sites carry. */
export function defaultHostname(r: SeedRandom, category: DeviceCategory): string {
  const server = category === 'Server';
  let s = '';
  for (let i = 0; i < (server ? 11 : 7); i++) s += '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[r.int(0, 35)];
  return server ? `WIN-${s}` : `DESKTOP-${s}`;
}

function seedDevices(r: SeedRandom, sites: DattoSiteRecord[], total: number, now: number): DattoDeviceRecord[] {
  const counts = allocate(r, sites, total);
  const devices: DattoDeviceRecord[] = [];
  let id = 900_001;
  sites.forEach((site, i) => {
    const isSystem = (Object.values(SYSTEM_SITE_NAMES) as string[]).includes(site.name);
    const prefix = hostPrefix(site.name);
    for (let n = 1; n <= counts[i]!; n++) {
      const category: DeviceCategory = r.chance(0.12) ? 'Server' : r.chance(0.55) ? 'Laptop' : 'Desktop';
      const code = category === 'Server' ? 'SRV' : category === 'Laptop' ? 'LT' : 'DT';
      const hostname = isSystem ? defaultHostname(r, category) : `${prefix}-${code}${String(n).padStart(3, '0')}`;
      devices.push(seedDevice(r, site, id++, hostname, now, category));
    }
  });
  return devices;
}

function seedActivities(r: SeedRandom, sites: DattoSiteRecord[], devices: DattoDeviceRecord[], users: DattoUserRecord[], now: number): DattoActivityRecord[] {
  const people = users.filter((u) => u.userName !== 'api-integration');
  const siteByUid = new Map(sites.map((s) => [s.uid, s]));
  const out: DattoActivityRecord[] = [];
  for (let i = 0; i < ACTIVITY_COUNT; i++) {
    const recent = i < RECENT_ACTIVITY_COUNT;
    const dateMs = recent ? now - r.int(10, 14 * 60) * 1_000 : now - r.int(20 * 60, 30 * 86_400) * 1_000 - r.int(0, 999);
    const user = r.pick(people);
    const device = devices.length > 0 ? r.pick(devices) : null;
    const kind = device ? r.next() : 0;
    let entry: DattoActivityRecord;
    if (kind < 0.4) {
      entry = userActivity(r.guid(), dateMs, user, 'user', 'login', { 'source.forwarded_ip': `198.51.100.${r.int(1, 254)}` });
    } else if (kind < 0.47) {
      entry = userActivity(r.guid(), dateMs, user, 'user', r.pick(['password.reset', 'twofactor.reset']), {});
    } else {
      const s = siteByUid.get(device!.siteUid)!;
      const [category, action, extra] =
        kind < 0.7
          ? ['job', 'deployment', { 'job.uid': r.guid(), 'job.name': r.pick(JOBS), 'job.status': 'success' }]
          : kind < 0.88
            ? ['remote', r.pick(['jrto', 'chat']), { 'remote_session.id': r.int(10_000, 99_999), 'remote_session.type': 'web' }]
            : ['device', 'note', { note: r.pick(['Replaced SSD', 'User reports slow boot', 'Reimaged after malware cleanup']) }];
      entry = deviceActivity(r.guid(), dateMs, user, s, device!, category as string, action as string, extra as Record<string, unknown>);
    }
    out.push(entry);
  }
  return out.sort(compareActivity);
}

/**
 * A disk usage monitor's alert on the system volume. The enums are the spec's DiskUsageContext:
 * `unitOfMeasure` ∈ PERCENT|USED|FREE, `diskNameDesignation` ∈ ANY_VOLUME|ALL_VOLUMES|SINGLE_VOLUME.
 * ASSUMPTION: `unitOfMeasure` is the unit of the monitor's threshold and of `freeSpace` (here
 * percent free); `totalVolume` is the volume's size in GB.
 */
function diskUsageContext(percentFree: number): DattoAlertRecord['context'] {
  return { '@class': 'disk_usage_ctx', diskName: 'C:', totalVolume: 237, freeSpace: percentFree, unitOfMeasure: 'PERCENT', diskNameDesignation: 'SINGLE_VOLUME' };
}

function seedAlerts(r: SeedRandom, devices: DattoDeviceRecord[], now: number): DattoAlertRecord[] {
  const alerts: DattoAlertRecord[] = [];
  const step = Math.max(1, Math.floor(devices.length / 40));
  for (let i = 0; i < devices.length && alerts.length < 500; i += step) {
    const d = devices[i]!;
    if (d.deleted || !r.chance(0.5)) continue;
    const context: DattoAlertRecord['context'] = !d.online
      ? { '@class': 'online_offline_status_ctx', status: 'OFFLINE' }
      : d.antivirusStatus === 'NotRunning'
        ? { '@class': 'antivirus_ctx', status: 'NotRunning', productName: d.antivirusProduct ?? 'Unknown' }
        : diskUsageContext(r.int(2, 12));
    alerts.push({
      alertUid: r.guid(),
      priority: r.pick(['Critical', 'High', 'Moderate', 'Low', 'Information'] as const),
      diagnostics: context['@class'] === 'online_offline_status_ctx' ? 'Device went offline' : context['@class'] === 'antivirus_ctx' ? 'Antivirus is not running' : 'Disk C: is nearly full',
      deviceUid: d.uid,
      timestamp: now - r.int(1, 72 * 60) * 60_000,
      resolved: false,
      resolvedOn: null,
      resolvedBy: null,
      context,
    });
  }
  return alerts;
}
