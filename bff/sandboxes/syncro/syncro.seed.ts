/**
 * @module Deterministic seed data for the Syncro sandbox: customers named after the demo
 * organizations plus invented ones, their contacts and assets (agent data, some with an Entra
 * device id property), and a few tickets, comments, RMM alerts, products and recurring invoices.
 */
import { vendorNamesForDemoOrganizations } from '../../demo/demo-organizations.js';
import { seededRandom } from '../common/sandbox-kit.js';
import { DEFAULT_ASSET_COUNT, ENTRA_PROPERTY, SANDBOX_SECOND_SUBDOMAIN, SANDBOX_SUBDOMAIN, SEED } from './syncro-rows.js';
import type { SyncroAssetRow, SyncroCustomerRow, SyncroData } from './syncro-rows.js';
import { seedWork } from './syncro-work.seed.js';

interface CustomerPlan {
  business: string | null;
  first: string;
  last: string;
  weight: number;
  disabled?: boolean;
}

/** Invented customers besides the demo organizations' counterparts; two are people, two disabled. */
const INVENTED: CustomerPlan[] = [
  { business: 'Pinecrest Family Dentistry', first: 'Laura', last: 'Pine', weight: 1.5 },
  { business: 'Summit Peak Realty', first: 'Owen', last: 'Marsh', weight: 1 },
  { business: 'Oakhaven Senior Living', first: 'Grace', last: 'Holloway', weight: 2 },
  { business: 'Riverbend Credit Union', first: 'Victor', last: 'Salas', weight: 2 },
  { business: 'Lakeside Animal Hospital', first: 'Nina', last: 'Brandt', weight: 1 },
  { business: 'Copperline Electrical', first: 'Sam', last: 'Okafor', weight: 1 },
  { business: 'Maple Street Bakery', first: 'Rosa', last: 'Delgado', weight: 0.4, disabled: true },
  { business: 'Northgate Insurance Brokers', first: 'Henry', last: 'Vance', weight: 1.5 },
  { business: 'Silverleaf Architects', first: 'Iris', last: 'Tanaka', weight: 1 },
  { business: 'Brightwater Charter School', first: 'Paul', last: 'Greer', weight: 2 },
  { business: 'Redwood Physical Therapy', first: 'Mia', last: 'Lindqvist', weight: 1 },
  { business: 'Tidewater Marine Services', first: 'Eli', last: 'Crane', weight: 0.4, disabled: true },
  { business: 'Orchard Hill Church', first: 'Ruth', last: 'Abbott', weight: 0.6 },
  { business: null, first: 'Dana', last: 'Whitfield', weight: 0.4 },
  { business: null, first: 'Marcus', last: 'Oyelaran', weight: 0.4 },
];

const FIRST_NAMES = ['Alex', 'Jordan', 'Priya', 'Chen', 'Maria', 'Tom', 'Aisha', 'Lukas', 'Sofia', 'Ben', 'Hana', 'Diego'];
const LAST_NAMES = ['Nguyen', 'Smith', 'Patel', 'Garcia', 'Kowalski', 'Reid', 'Haddad', 'Berg', 'Moreno', 'Clarke', 'Ito', 'Fischer'];

/** Builds the whole account. `scale` is the number of assets account-wide (default ~150). */
export function seedSyncro(scale: number | undefined, now = Date.now()): SyncroData {
  const rand = seededRandom(SEED);
  const anchor = Math.floor(now / 60_000) * 60_000;
  const ago = (minutes: number) => new Date(anchor - Math.round(minutes) * 60_000).toISOString();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

  const plans: CustomerPlan[] = [
    ...vendorNamesForDemoOrganizations().map((name, i) => ({
      business: name,
      first: FIRST_NAMES[i % FIRST_NAMES.length]!,
      last: LAST_NAMES[(i * 5) % LAST_NAMES.length]!,
      weight: i === 0 ? 2 : 3,
    })),
    ...INVENTED,
  ];

  const data: SyncroData = {
    customers: [],
    contacts: [],
    assets: [],
    tickets: [],
    comments: [],
    alerts: [],
    products: [],
    schedules: [],
    nextId: { customer: 31_278_001, contact: 18_400_001, asset: 9_800_001, ticket: 71_000_001, ticketNumber: 1001, comment: 120_000_001, alert: 5_600_001, lineItem: 880_001 },
    deniedPermissions: new Set(),
    subdomains: new Set([SANDBOX_SUBDOMAIN, SANDBOX_SECOND_SUBDOMAIN]),
    anchor,
  };

  for (const plan of plans) {
    const created = ago(60 * 24 * (200 + rand() * 900));
    const domain = `${slug(plan.business ?? `${plan.first}${plan.last}`)}.example`;
    const customer: SyncroCustomerRow = {
      id: data.nextId.customer++,
      firstname: plan.first,
      lastname: plan.last,
      businessName: plan.business,
      email: `${plan.first}.${plan.last}@${domain}`.toLowerCase(),
      phone: `555${String(1_000_000 + Math.floor(rand() * 8_999_999)).slice(0, 7)}`,
      address: `${100 + Math.floor(rand() * 900)} ${pick(['Main St', 'Harbor Rd', 'Oak Ave', 'Mill Lane', 'Station Rd'])}`,
      city: pick(['Springfield', 'Riverton', 'Fairview', 'Lakewood', 'Georgetown']),
      state: pick(['OR', 'WA', 'CA', 'TX', 'NY']),
      zip: String(10_000 + Math.floor(rand() * 89_999)),
      disabled: plan.disabled ?? false,
      createdAt: created,
      updatedAt: created,
      properties: {},
    };
    data.customers.push(customer);
    const contactCount = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < contactCount; i++) {
      const first = i === 0 ? plan.first : pick(FIRST_NAMES);
      const last = i === 0 ? plan.last : pick(LAST_NAMES);
      data.contacts.push({
        id: data.nextId.contact++,
        customerId: customer.id,
        name: `${first} ${last}`,
        email: `${first}.${last}@${domain}`.toLowerCase(),
        phone: `555${String(1_000_000 + Math.floor(rand() * 8_999_999)).slice(0, 7)}`,
        title: i === 0 ? 'Office Manager' : pick(['Accountant', 'Director', 'Receptionist', 'IT Contact']),
        createdAt: created,
        updatedAt: created,
      });
    }
  }

  const counts = apportion(scale ?? DEFAULT_ASSET_COUNT, plans.map((p) => p.weight));
  data.customers.forEach((customer, i) => {
    for (let n = 1; n <= counts[i]!; n++) data.assets.push(makeAsset(data, customer, n, rand, ago));
  });

  seedWork(data, rand, ago);
  return data;
}

/** Splits `total` by weight with the largest-remainder method, so the sum is exactly `total`. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]![1]]!++;
  return counts;
}

/** A short hostname prefix from the customer's name ("Acme Dental Group" → "ADG"). */
function hostPrefix(customer: SyncroCustomerRow): string {
  const words = (customer.businessName ?? `${customer.firstname} ${customer.lastname}`).split(/[^A-Za-z0-9]+/).filter(Boolean);
  const prefix = words.length >= 2 ? words.map((w) => w[0]).join('').slice(0, 4) : (words[0] ?? 'PC').slice(0, 5);
  return prefix.toUpperCase();
}

const WORKSTATION_OS = [
  { name: 'Microsoft Windows 11 Pro', build: '10.0.22631', release: '23H2' },
  { name: 'Microsoft Windows 11 Pro', build: '10.0.26100', release: '24H2' },
  { name: 'Microsoft Windows 10 Pro', build: '10.0.19045', release: '22H2' },
];
const SERVER_OS = [
  { name: 'Microsoft Windows Server 2022 Standard', build: '10.0.20348', release: '21H2' },
  { name: 'Microsoft Windows Server 2019 Standard', build: '10.0.17763', release: '1809' },
];

function makeAsset(data: SyncroData, customer: SyncroCustomerRow, n: number, rand: () => number, ago: (minutes: number) => string): SyncroAssetRow {
  const id = data.nextId.asset++;
  const roll = rand();
  const prefix = hostPrefix(customer);
  const created = ago(60 * 24 * (30 + rand() * 700));
  const serial = `${['5CG', 'PF3', 'C02', 'J7Q'][Math.floor(rand() * 4)]}${Math.floor(rand() * 36 ** 6).toString(36).toUpperCase().padStart(6, '0')}`;
  const properties: Record<string, unknown> = {};
  if (rand() < 0.3) properties['Warranty Expiry'] = `${2026 + Math.floor(rand() * 3)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-28`;

  // A few network devices without the Syncro agent: no agent data, never "online".
  if (roll > 0.95) {
    return { id, customerId: customer.id, contactId: null, name: `${prefix}-FW${String(n).padStart(2, '0')}`, assetType: 'Network Device', serial, createdAt: created, updatedAt: created, properties, agentOffline: true };
  }
  const kind = roll < 0.5 ? 'LT' : roll < 0.85 ? 'WS' : 'SRV';
  const mac = rand() < 0.12 && kind === 'LT';
  const os = mac
    ? { name: 'macOS 14.5 Sonoma', build: '23F79', release: '14.5' }
    : (kind === 'SRV' ? SERVER_OS : WORKSTATION_OS)[Math.floor(rand() * (kind === 'SRV' ? SERVER_OS.length : WORKSTATION_OS.length))]!;
  const hostname = `${prefix}-${kind}${String(n).padStart(3, '0')}`;
  const offline = rand() < 0.18;
  const lastSync = offline ? ago(60 + rand() * 60 * 24 * 30) : ago(rand() * 10);
  const domain = kind === 'SRV' || rand() < 0.6 ? `${prefix.toLowerCase()}.local` : 'WORKGROUP';
  properties.kabuto_information = {
    general: {
      name: hostname,
      domain,
      manufacturer: mac ? 'Apple Inc.' : kind === 'SRV' ? 'Dell Inc.' : ['HP', 'LENOVO', 'Dell Inc.'][Math.floor(rand() * 3)],
      form_factor: kind === 'LT' ? 'Laptop' : kind === 'WS' ? 'Desktop' : 'Server',
      serial_number: serial,
      ip: `10.${Math.floor(rand() * 250)}.${Math.floor(rand() * 250)}.${2 + Math.floor(rand() * 250)}`,
    },
    os: { name: os.name, build: os.build, windows_release_version: os.release, os_architecture: '64-bit', pending_reboot: rand() < 0.1, last_boot_time: new Date(Date.parse(lastSync) - rand() * 14 * 86_400_000).toISOString() },
    last_synced_at: lastSync,
    last_user: `${prefix}\\${FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)]!.toLowerCase()}`,
  };
  // Entra-joined Windows workstations carry the device id the agent script writes (facts: GMIT).
  if (!mac && kind !== 'SRV' && rand() < 0.2) properties[ENTRA_PROPERTY] = guid(rand);
  return { id, customerId: customer.id, contactId: null, name: hostname, assetType: 'Syncro Device', serial, createdAt: created, updatedAt: lastSync, properties, agentOffline: offline };
}

export function guid(rand: () => number): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(rand() * 16).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(rand() * 4)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
