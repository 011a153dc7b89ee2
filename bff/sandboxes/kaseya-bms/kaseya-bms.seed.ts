/**
 * @module The Kaseya BMS sandbox's tables and their deterministic seed: one tenant, accounts named
 * after the demo organizations plus invented ones (types, classes, business types, parent/child),
 * contacts, every lookup the PSA wizard reads, a few contracts, catalog services and tickets.
 */
import { seededRandom } from '../common/sandbox-kit.js';
import { vendorNamesForDemoOrganizations } from '../../demo/demo-organizations.js';
import { FIXED_TICKET_SOURCES } from '../../vendors/kaseya-bms/kaseya-bms-picklist-sources.js';
import {
  ACCOUNT_CLASSES, ACCOUNT_TYPES, BUSINESS_TYPES, FIRST_NAMES, INVENTED_ACCOUNTS, ISSUE_TYPES, LAST_NAMES,
  NOTE_TYPES, PRIORITIES, QUEUES, SERVICE_TYPES, SLAS, STATUSES, TICKET_TYPES,
  businessTypeFor, type SeedAccount,
} from './kaseya-bms-catalog.seed.js';

export interface BmsLookup { id: number; name: string; isActive: boolean; isDefault: boolean }
export interface BmsAccountType { id: number; name: string; isActive: boolean; isClient: boolean; isVendor: boolean }
export interface BmsStatus { id: number; name: string; typeId: number; order: number; isSystem: number; isActive: boolean; color: string; fontColor: string }
export interface BmsPriority { id: number; name: string; color: string; isDefault: boolean }
export interface BmsIssueType { id: number; name: string; isActive: boolean; subTypes: Array<{ id: number; name: string }> }

export interface BmsLocation { id: number; accountId: number; name: string; isMain: boolean; address1: string; city: string; state: string; zip: string; phone: string }

export interface BmsAccount {
  id: number;
  code: string;
  name: string;
  typeId: number;
  classId: number;
  businessTypeId: number;
  serviceTypeId: number;
  parentId: number | null;
  isActive: boolean;
  website: string | null;
  createdOn: string;
  locations: BmsLocation[];
}

export interface BmsContact {
  id: number;
  accountId: number;
  locationId: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  isPoc: boolean;
  isActive: boolean;
  createdOn: string;
}

export interface BmsTicket {
  id: number;
  number: string;
  title: string;
  details: string;
  accountId: number;
  locationId: number;
  contactId: number | null;
  statusId: number;
  priorityId: number;
  typeId: number;
  sourceId: number;
  queueId: number | null;
  assigneeId: number | null;
  issueTypeId: number | null;
  subIssueTypeId: number | null;
  contractId: number | null;
  openDate: string;
  completedDate: string | null;
  reopenedDate: string | null;
  createdOn: string;
  createdBy: number;
  modifiedOn: string;
  lastStatusUpdate: string;
  lastPriorityUpdate: string;
  lastQueueUpdate: string | null;
}

export interface BmsNote { id: number; ticketId: number; details: string; isInternal: boolean; typeId: number; noteDate: string; createdOn: string; createdBy: number }

export interface BmsContract {
  id: number;
  accountId: number;
  name: string;
  /** Only recurring-services contracts take services through the V2 API. */
  kind: 'recurring' | 'blockhours';
  slaId: number | null;
  isDefault: boolean;
  isActive: boolean;
  startDate: string;
  endDate: string | null;
}

export interface BmsService { id: number; name: string; description: string | null; unitCost: number; unitPrice: number; isActive: boolean; isTaxable: boolean; createdOn: string; modifiedOn: string }

/** One effective-dated line of a service on a recurring contract. */
export interface BmsContractService {
  id: number;
  contractId: number;
  serviceId: number;
  units: number;
  unitCost: number;
  unitPrice: number;
  originalUnitCost: number;
  originalUnitPrice: number;
  effectiveDate: string;
  sortOrder: number;
  createdOn: string;
}

export interface BmsUser { id: number; username: string; password: string; fullName: string; email: string }
export interface BmsEmployee { id: number; name: string }

export interface BmsData {
  tenant: { id: number; name: string };
  users: BmsUser[];
  employees: BmsEmployee[];
  accountTypes: BmsAccountType[];
  /** System lookup tables by name (classes, business/service types, ticket types, sources, note types). */
  tables: Record<string, BmsLookup[]>;
  statuses: BmsStatus[];
  priorities: BmsPriority[];
  queues: BmsLookup[];
  issueTypes: BmsIssueType[];
  slas: BmsLookup[];
  accounts: BmsAccount[];
  accountsById: Map<number, BmsAccount>;
  contactsByAccount: Map<number, BmsContact[]>;
  tickets: Map<number, BmsTicket>;
  notes: Map<number, BmsNote[]>;
  contracts: BmsContract[];
  services: BmsService[];
  contractServices: BmsContractService[];
  nextId: { ticket: number; note: number; service: number; contractService: number };
}

/**
 * The sandbox's own keys for its tables. Which of them a real BMS serves, and under which name, is
 * assumed in one place: kaseya-bms-picklist-sources.ts (SANDBOX_SERVED), with FACTS.md.
 */
export const LOOKUP_TABLE_NAMES = {
  ticketTypes: 'TicketTypes',
  ticketSources: 'TicketSources',
  noteTypes: 'NoteTypes',
  accountClasses: 'AccountClasses',
  businessTypes: 'BusinessTypes',
  serviceTypes: 'ServiceTypes',
} as const;

export const SANDBOX_TENANT = 'Sandbox MSP';
export const SANDBOX_USERNAME = 'api-user';
export const SANDBOX_PASSWORD = 'sandbox-password';

const BASE_TIME = Date.parse('2026-01-05T09:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function slug(name: string): string {
  return name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '');
}

/** The fixed accounts: demo organizations' vendor names, the catch-all, the contact-less one, invented ones. */
function fixedAccounts(): SeedAccount[] {
  const demo: SeedAccount[] = vendorNamesForDemoOrganizations().map((name) => ({
    name,
    type: name.includes('(Internal)') ? 'Internal' : 'Customer',
    contacts: 'some',
  }));
  return [
    ...demo,
    { name: 'Default Customer', type: 'Customer', contacts: 'default' },
    { name: 'Quarry Lane Clinic (No Contacts)', type: 'Customer', contacts: 'none' },
    ...INVENTED_ACCOUNTS,
  ];
}

const EXTRA_WORDS = {
  a: ['Amber', 'Blue Spruce', 'Cobalt', 'Evergreen Park', 'Granite Peak', 'Ivory', 'Juniper Hill', 'Mesa', 'Oak Hollow', 'Silverline', 'Sunrise', 'Timber'],
  b: ['Consulting', 'Dental', 'Logistics', 'Law Group', 'Clinic', 'Builders', 'Realty', 'Accounting', 'Manufacturing', 'Hospitality', 'Schools', 'Foods'],
};

/** Builds every table. `scale` is the number of accounts (at least the fixed ones). */
export function seedKaseyaBms(scale?: number): BmsData {
  const rnd = seededRandom(0xb35);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const accountTypes: BmsAccountType[] = ACCOUNT_TYPES.map((t, i) => ({ id: i + 1, ...t, isActive: true }));
  const typeId = (name: string) => accountTypes.find((t) => t.name === name)!.id;
  const lookup = (names: readonly string[], defaultIndex = 0, first = 1): BmsLookup[] =>
    names.map((name, i) => ({ id: first + i, name, isActive: !name.startsWith('(Retired)'), isDefault: i === defaultIndex }));
  const tables: Record<string, BmsLookup[]> = {
    [LOOKUP_TABLE_NAMES.ticketTypes]: lookup(TICKET_TYPES, 1),
    // Sources are BMS's fixed enumeration (ids 0–9), not a table (kaseya-bms-picklist-sources.ts).
    [LOOKUP_TABLE_NAMES.ticketSources]: FIXED_TICKET_SOURCES.map((r) => ({ id: r.id, name: r.name ?? '', isActive: true, isDefault: r.isDefault ?? false })),
    [LOOKUP_TABLE_NAMES.noteTypes]: lookup(NOTE_TYPES, 0),
    [LOOKUP_TABLE_NAMES.accountClasses]: lookup(ACCOUNT_CLASSES, 0),
    [LOOKUP_TABLE_NAMES.businessTypes]: lookup(BUSINESS_TYPES, BUSINESS_TYPES.length - 1),
    [LOOKUP_TABLE_NAMES.serviceTypes]: lookup(SERVICE_TYPES, 0),
  };
  const byName = (table: string, name: string) => tables[table]!.find((v) => v.name === name)!.id;

  const seeds = fixedAccounts();
  const total = Math.max(scale ?? seeds.length, seeds.length);
  for (let i = seeds.length; i < total; i++) {
    seeds.push({ name: `${pick(EXTRA_WORDS.a)} ${pick(EXTRA_WORDS.b)} ${1000 + i}`, type: rnd() < 0.85 ? 'Customer' : 'Prospect', contacts: 'some' });
  }

  const accounts: BmsAccount[] = [];
  const accountsById = new Map<number, BmsAccount>();
  const contactsByAccount = new Map<number, BmsContact[]>();
  const idByName = new Map<string, number>();
  let locationId = 2001;
  let contactId = 5001;
  seeds.forEach((seed, i) => {
    const id = 1001 + i;
    const created = iso(BASE_TIME - (400 - (i % 400)) * DAY);
    const location: BmsLocation = {
      id: locationId++, accountId: id, name: 'Main', isMain: true, address1: `${100 + (i % 900)} Market Street`,
      city: pick(['Springfield', 'Riverton', 'Lakewood', 'Fairview', 'Georgetown']), state: pick(['CA', 'TX', 'NY', 'WA', 'FL']),
      zip: String(10000 + Math.floor(rnd() * 89999)), phone: `555-01${String(i % 100).padStart(2, '0')}`,
    };
    const locations = [location];
    if (rnd() < 0.15) locations.push({ ...location, id: locationId++, name: 'Branch Office', isMain: false, address1: `${i % 90 + 1} Commerce Way` });
    const account: BmsAccount = {
      id,
      code: slug(seed.name).slice(0, 10).toUpperCase() + String(id).slice(-3),
      name: seed.name,
      typeId: typeId(seed.type),
      classId: byName(LOOKUP_TABLE_NAMES.accountClasses, seed.type === 'Internal' ? 'Internal' : pick(ACCOUNT_CLASSES.filter((c) => c !== 'Internal'))),
      businessTypeId: byName(LOOKUP_TABLE_NAMES.businessTypes, businessTypeFor(seed.name) ?? pick(BUSINESS_TYPES)),
      serviceTypeId: byName(LOOKUP_TABLE_NAMES.serviceTypes, pick(SERVICE_TYPES)),
      parentId: seed.parent ? idByName.get(seed.parent) ?? null : null,
      isActive: seed.inactive !== true,
      website: `https://www.${slug(seed.name)}.example`,
      createdOn: created,
      locations,
    };
    accounts.push(account);
    accountsById.set(id, account);
    idByName.set(seed.name, id);

    const contacts: BmsContact[] = [];
    const count = seed.contacts === 'none' ? 0 : seed.contacts === 'default' ? 1 : 1 + Math.floor(rnd() * 4);
    const domain = `${slug(seed.name)}.example`;
    for (let n = 0; n < count; n++) {
      const [first, last] = seed.contacts === 'default' ? ['Default', 'Contact'] : [pick(FIRST_NAMES), pick(LAST_NAMES)];
      let local = `${first}.${last}`.toLowerCase();
      if (contacts.some((c) => c.email?.startsWith(`${local}@`))) local = `${local}${n + 1}`;
      contacts.push({
        id: contactId++, accountId: id, locationId: location.id, firstName: first, lastName: last,
        // A few contacts have no e-mail on file, as in real tenants.
        email: n > 0 && rnd() < 0.08 ? null : `${local}@${domain}`,
        phone: rnd() < 0.7 ? `555-02${String(n).padStart(2, '0')}` : null,
        jobTitle: n === 0 ? pick(['Office Manager', 'Owner', 'IT Coordinator', 'Practice Manager']) : pick(['Staff', 'Accountant', 'Nurse', 'Paralegal', null]),
        isPoc: n === 0, isActive: !(n > 1 && rnd() < 0.1), createdOn: created,
      });
    }
    contactsByAccount.set(id, contacts);
  });

  const data: BmsData = {
    tenant: { id: 7001, name: SANDBOX_TENANT },
    users: [{ id: 1, username: SANDBOX_USERNAME, password: SANDBOX_PASSWORD, fullName: 'API User', email: 'api-user@sandbox-msp.example' }],
    employees: [{ id: 1, name: 'API User' }, { id: 2, name: 'Alex Technician' }, { id: 3, name: 'Sam Dispatcher' }],
    accountTypes,
    tables,
    statuses: STATUSES.map((s, i) => ({ id: i + 1, ...s, order: i + 1, isActive: true })),
    priorities: PRIORITIES.map((p, i) => ({ id: i + 1, ...p })),
    queues: lookup(QUEUES, 0),
    issueTypes: buildIssueTypes(),
    slas: lookup(SLAS, 0),
    accounts,
    accountsById,
    contactsByAccount,
    tickets: new Map(),
    notes: new Map(),
    contracts: [],
    services: [],
    contractServices: [],
    nextId: { ticket: 9001, note: 70001, service: 41, contractService: 801 },
  };
  seedFinance(data, idByName);
  seedTickets(data, idByName);
  return data;
}

function buildIssueTypes(): BmsIssueType[] {
  let subId = 601;
  return ISSUE_TYPES.map((t, i) => ({
    id: 501 + i,
    name: t.name,
    isActive: t.isActive ?? true,
    subTypes: t.subTypes.map((name) => ({ id: subId++, name })),
  }));
}

function seedFinance(data: BmsData, idByName: Map<string, number>): void {
  const created = iso(BASE_TIME - 200 * DAY);
  data.services = [
    { id: 41, name: 'Managed Workstation', description: 'Per managed workstation, monthly', unitCost: 15, unitPrice: 45, isActive: true, isTaxable: false, createdOn: created, modifiedOn: created },
    { id: 42, name: 'Managed Server', description: 'Per managed server, monthly', unitCost: 60, unitPrice: 150, isActive: true, isTaxable: false, createdOn: created, modifiedOn: created },
    { id: 43, name: 'Microsoft 365 Backup per User', description: null, unitCost: 1.5, unitPrice: 4, isActive: true, isTaxable: true, createdOn: created, modifiedOn: created },
    { id: 44, name: 'Legacy Antivirus Seat', description: 'Retired offering', unitCost: 1, unitPrice: 3, isActive: false, isTaxable: false, createdOn: created, modifiedOn: created },
  ];
  data.nextId.service = 45;
  const plan: Array<[string, string, BmsContract['kind'], boolean]> = [
    ['Northwind MSP (Internal)', 'Internal Services', 'recurring', true],
    ['Acme Dental Group', 'Managed Services Agreement 2026', 'recurring', true],
    ['Bluebird Logistics', 'Managed Services Agreement', 'recurring', true],
    ['Bluebird Logistics', 'Block Hours 2026', 'blockhours', false],
    ['Cedar Ridge Law', 'Managed Services Agreement', 'recurring', true],
    ['Harbor View Hotels', 'Hospitality Care Plan', 'recurring', true],
    ['Kestrel Aviation Services', 'Managed Services Agreement', 'recurring', true],
    ['Summit Health Partners', 'Group Managed Services', 'recurring', true],
    ['Delta Veterinary Clinics', 'Managed Services Agreement 2024', 'recurring', true],
  ];
  plan.forEach(([account, name, kind, isDefault], i) => {
    const accountId = idByName.get(account);
    if (!accountId) return;
    const expired = name.endsWith('2024');
    data.contracts.push({
      id: 301 + i, accountId, name, kind, slaId: 1, isDefault, isActive: !expired,
      startDate: iso(BASE_TIME - (expired ? 700 : 5) * DAY), endDate: expired ? iso(BASE_TIME - 340 * DAY) : kind === 'blockhours' ? iso(BASE_TIME + 360 * DAY) : null,
    });
  });
  const acme = data.contracts.find((c) => c.name === 'Managed Services Agreement 2026');
  if (acme) {
    data.contractServices.push({
      id: 801, contractId: acme.id, serviceId: 41, units: 38, unitCost: 15, unitPrice: 45, originalUnitCost: 15, originalUnitPrice: 45,
      effectiveDate: iso(BASE_TIME - 5 * DAY), sortOrder: 1, createdOn: iso(BASE_TIME - 5 * DAY),
    });
    data.nextId.contractService = 802;
  }
}

function seedTickets(data: BmsData, idByName: Map<string, number>): void {
  const plan: Array<[string, string, string]> = [
    ['Acme Dental Group', 'Printer offline at front desk', 'New'],
    ['Bluebird Logistics', 'VPN drops for warehouse scanners', 'In Progress'],
    ['Cedar Ridge Law', 'New hire laptop setup', 'Completed'],
    ['Harbor View Hotels', 'Guest Wi-Fi captive portal down', 'Waiting Customer Response'],
    ['Kestrel Aviation Services', 'Suspicious sign-in from new country', 'Completed'],
  ];
  plan.forEach(([account, title, status], i) => {
    const accountId = idByName.get(account)!;
    const acc = data.accountsById.get(accountId)!;
    const at = iso(BASE_TIME + i * 3_600_000);
    const st = data.statuses.find((s) => s.name === status)!;
    const id = data.nextId.ticket++;
    data.tickets.set(id, {
      id, number: ticketNumber(at, id), title, details: `${title}. Reported by phone.`, accountId, locationId: acc.locations[0]!.id,
      contactId: data.contactsByAccount.get(accountId)?.[0]?.id ?? null, statusId: st.id, priorityId: 3, typeId: 2, sourceId: 1,
      queueId: 1, assigneeId: 2, issueTypeId: null, subIssueTypeId: null, contractId: null, openDate: at,
      completedDate: st.typeId === COMPLETED_STATUS_TYPE_ID ? iso(BASE_TIME + DAY) : null, reopenedDate: null, createdOn: at, createdBy: 2,
      modifiedOn: at, lastStatusUpdate: at, lastPriorityUpdate: at, lastQueueUpdate: at,
    });
    data.notes.set(id, [{ id: data.nextId.note++, ticketId: id, details: 'Called the customer; investigating.', isInternal: true, typeId: 1, noteDate: at, createdOn: at, createdBy: 2 }]);
  });
}

/**
 * ASSUMPTION: the status lookup's `TypeId` groups statuses, and 3 means "completed" (the vendor
 * does not document the values, psa-apis.md D9). The adapter reads it the same way.
 */
export const COMPLETED_STATUS_TYPE_ID = 3;

/** BMS-style ticket numbers: T<yyyymmdd>.<seq>. */
export function ticketNumber(openedAt: string, id: number): string {
  return `T${openedAt.slice(0, 10).replace(/-/g, '')}.${String(id % 10_000).padStart(4, '0')}`;
}
