/**
 * @module The sandbox tenant's deterministic seed: the MSP's own company (id 0), companies named
 * after the demo organizations plus invented ones across types, classifications, market segments and
 * parent/child, contacts with e-mails on each company's domain, resources, billing codes, services,
 * recurring contracts with unit counts, and a few tickets with notes. `scale` sets the company count.
 */
import { vendorNamesForDemoOrganizations } from '../../demo/demo-organizations.js';
import { seededRandom } from '../common/sandbox-kit.js';
import { AutotaskDb, monthlyPeriods } from './autotask-db.js';
import { seedTickets } from './autotask-tickets.seed.js';

export const SANDBOX_USERNAME = 'api-user@sandbox.example';
export const SANDBOX_SECRET = 'sandbox-secret';
export const SANDBOX_INTEGRATION_CODE = 'SANDBOXINTEGRATIONCODE00000';
/** The API user's own resource row (creatorResourceID of everything the API writes). */
export const API_RESOURCE_ID = 29682885;
export const MSP_COMPANY_NAME = 'Northwind MSP (Internal)';

type Kind = 'customer' | 'prospect' | 'lead' | 'dead' | 'cancel' | 'vendor' | 'partner';
const TYPE_IDS: Record<Kind, number> = { customer: 1, lead: 2, prospect: 3, dead: 4, cancel: 6, vendor: 7, partner: 8 };

/** Invented companies: [name, kind, market segment]. */
const INVENTED: Array<[string, Kind, number]> = [
  ['Aspen Family Dentistry', 'customer', 1], ['Blue Harbor Insurance Agency', 'customer', 6], ['Brightline Physical Therapy', 'customer', 1],
  ['Canyon Creek Vineyards', 'prospect', 10], ['Cascade Orthopedics', 'customer', 1], ['Clearwater Property Management', 'customer', 6],
  ['Copperfield Architects', 'customer', 8], ['Crestview Senior Living', 'customer', 1], ['Driftwood Coffee Roasters', 'lead', 10],
  ['Eagle Point Credit Union', 'customer', 6], ['Elm Street Pediatrics', 'customer', 1], ['Foxglove Florists', 'dead', 10],
  ['Frontier Freight Lines', 'customer', 3], ['Glacier Peak Outfitters', 'prospect', 10], ['Golden Gate Title Company', 'customer', 2],
  ['Greenfield Community College', 'customer', 7], ['Hawthorne & Pike LLP', 'customer', 2], ['Highland Dental Studio', 'customer', 1],
  ['Hillside Animal Hospital', 'customer', 1], ['Horizon Solar Installers', 'prospect', 8], ['Indigo Marketing Collective', 'cancel', 10],
  ['Keystone Mortgage Partners', 'customer', 6], ['Lakeshore Chiropractic', 'customer', 1], ['Lighthouse Charter School', 'customer', 7],
  ['Maple Leaf Bakery', 'lead', 10], ['Meridian Wealth Advisors', 'customer', 6], ['Mountain View Orthodontics', 'customer', 1],
  ['Northstar Engineering', 'customer', 5], ['Oak Hollow Country Club', 'customer', 4], ['Pacific Rim Imports', 'customer', 3],
  ['Pinecrest Medical Billing', 'customer', 1], ['Prairie Wind Farms', 'prospect', 11], ['Quarry Stone Supply', 'customer', 8],
  ['Redwood Realty Group', 'customer', 6], ['Riverbend Auto Repair', 'customer', 10], ['Sagebrush Veterinary Care', 'customer', 1],
  ['Silver Birch Accounting', 'customer', 6], ['Summit Peak Fitness', 'lead', 4], ['Sunrise Home Health', 'customer', 1],
  ['Tidewater Seafood Co', 'customer', 10], ['Timberline Construction', 'customer', 8], ['Trailhead Sporting Goods', 'prospect', 10],
  ['Union Square Dental Lab', 'customer', 1], ['Valley Forge Machining', 'customer', 5], ['Westbrook Public Library', 'customer', 11],
  ['Whitestone Legal Services', 'customer', 2], ['Willow Creek Pharmacy', 'dead', 1], ['Zenith Data Recovery', 'partner', 5],
  ['Bayside Pediatric Dentistry', 'customer', 1], ['Orion Freight Brokers', 'customer', 3],
  ['Contoso Hardware Distribution', 'vendor', 10], ['Fabrikam Telecom', 'vendor', 10],
];

/** Children of seeded companies: [name, parent name]. */
const CHILDREN: Array<[string, string]> = [
  ['Harbor View Hotels - Downtown', 'Harbor View Hotels'],
  ['Harbor View Hotels - Airport', 'Harbor View Hotels'],
  ['Cascade Orthopedics Surgery Center', 'Cascade Orthopedics'],
];

/** A company with no contacts at all (the wizard must refuse it as a catch-all account). */
export const NO_CONTACTS_COMPANY = 'Unassigned Alerts (No Contacts)';

const FIRST = ['Jane', 'John', 'Maria', 'David', 'Aisha', 'Wei', 'Sofia', 'Liam', 'Olivia', 'Noah', 'Priya', 'Mateo', 'Emma', 'Lucas',
  'Chloe', 'Ethan', 'Grace', 'Omar', 'Hannah', 'Kenji', 'Isla', 'Diego', 'Zoe', 'Ravi', 'Nora', 'Felix', 'Amara', 'Samuel', 'Leah', 'Tomas'];
const LAST = ['Doe', 'Smith', 'Garcia', 'Chen', 'Patel', 'Nguyen', 'Johnson', 'Okafor', 'Müller', 'Rossi', 'Kowalski', 'Tanaka', 'Brown',
  'Silva', 'Haddad', 'Andersen', 'Murphy', "O'Neil", 'Kim', 'Lopez', 'Novak', 'Ivanova', 'Dubois', 'Fischer', 'Jones', 'Brady', 'Wright'];
const TITLES = ['Office Manager', 'Practice Manager', 'IT Coordinator', 'Owner', 'Operations Director', 'Controller', null];
const CITIES: Array<[string, string, string]> = [['Portland', 'OR', '97201'], ['Seattle', 'WA', '98101'], ['Denver', 'CO', '80202'],
  ['Austin', 'TX', '73301'], ['Boise', 'ID', '83702'], ['Madison', 'WI', '53703'], ['Raleigh', 'NC', '27601']];
const GEN_A = ['Alder', 'Beacon', 'Birch', 'Cobalt', 'Cedar', 'Crescent', 'Falcon', 'Granite', 'Harbor', 'Iron', 'Juniper', 'Lantern',
  'Maple', 'Meadow', 'Nimbus', 'Orchid', 'Pioneer', 'Quartz', 'Raven', 'Sierra', 'Spruce', 'Summit', 'Tundra', 'Vista', 'Willow'];
const GEN_B = ['Dental', 'Logistics', 'Legal', 'Clinic', 'Realty', 'Foods', 'Analytics', 'Builders', 'Hotels', 'Motors', 'Pharmacy',
  'Studios', 'Farms', 'Finance', 'Labs', 'Outfitters', 'Schools', 'Marine', 'Energy', 'Design'];
const GEN_C = ['Group', 'Partners', 'Inc', 'LLC', 'Co', 'Associates', 'Services', 'Holdings'];

const STOP_WORDS = new Set(['group', 'llc', 'llp', 'ltd', 'inc', 'co', 'company', 'the', 'and', 'of', 'internal']);

/** `Acme Dental Group` → `acmedental.example` (e-mail domain of the company's contacts). */
export function domainFor(companyName: string): string {
  const words = companyName.toLowerCase().normalize('NFKD').replace(/[^a-z0-9 ]/g, ' ').split(/\s+/).filter((w) => w && !STOP_WORDS.has(w));
  return `${words.join('') || 'company'}.example`;
}

function emailLocal(first: string, last: string): string {
  return `${first}.${last}`.toLowerCase().normalize('NFKD').replace(/[^a-z.]/g, '');
}

function iso(date: Date): string {
  return date.toISOString();
}

/** Builds the whole tenant. Default: ~66 companies; `scale` = exact company count (10,000 in under a second). */
export function seedAutotask(scale?: number): AutotaskDb {
  const db = new AutotaskDb();
  const random = seededRandom(20264);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const created = new Date(Date.UTC(2024, 0, 15, 9, 30));

  seedResourcesAndCatalog(db, created);

  // The MSP's own company is id 0 [AT-POSTMAN "Companies with an ID of zero"].
  const demo = vendorNamesForDemoOrganizations();
  const names: Array<{ name: string; kind: Kind; segment: number | null; parent?: string }> = [];
  for (const name of demo.filter((n) => n !== MSP_COMPANY_NAME)) names.push({ name, kind: 'customer', segment: null });
  if (scale === undefined) {
    for (const [name, kind, segment] of INVENTED) names.push({ name, kind, segment });
    for (const [name, parent] of CHILDREN) names.push({ name, kind: 'customer', segment: null, parent });
    names.push({ name: NO_CONTACTS_COMPANY, kind: 'customer', segment: null });
  } else {
    names.push({ name: NO_CONTACTS_COMPANY, kind: 'customer', segment: null });
    const combos = GEN_A.length * GEN_B.length * GEN_C.length;
    for (let i = 0; names.length < scale - 1; i++) {
      const base = `${GEN_A[i % GEN_A.length]} ${GEN_B[Math.floor(i / GEN_A.length) % GEN_B.length]} ${GEN_C[Math.floor(i / (GEN_A.length * GEN_B.length)) % GEN_C.length]}`;
      names.push({ name: i < combos ? base : `${base} ${Math.floor(i / combos) + 1}`, kind: i % 9 === 8 ? 'prospect' : 'customer', segment: null });
    }
  }

  const ids = new Map<string, number>();
  const msp = db.insert('Companies', companyValues(MSP_COMPANY_NAME, 'customer', 5, null, created, random, pick), 0);
  ids.set(MSP_COMPANY_NAME, msp.id);
  for (const entry of names) {
    const parentId = entry.parent ? ids.get(entry.parent) ?? null : null;
    const row = db.insert('Companies', companyValues(entry.name, entry.kind, entry.segment ?? 1 + Math.floor(random() * 11), parentId, created, random, pick));
    ids.set(entry.name, row.id);
    if (random() < 0.3) db.setUdf('Companies', row, 'CustomerRanking', pick(['Golden', 'Silver', 'Bronze']));
  }
  for (const row of db.rows('Companies')) {
    if (row.companyName === NO_CONTACTS_COMPANY) continue;
    const isDemo = demo.includes(String(row.companyName));
    const count = isDemo ? 2 + Math.floor(random() * 3) : scale === undefined ? 1 + Math.floor(random() * 4) : 1 + Math.floor(random() * 3);
    seedContacts(db, row.id, String(row.companyName), count, created, random, pick);
  }
  seedContracts(db, random);
  seedTickets(db, ids, random);
  return db;
}

function companyValues(name: string, kind: Kind, segment: number, parentId: number | null, created: Date, random: () => number, pick: <T>(l: readonly T[]) => T): Record<string, unknown> {
  const [city, state, postalCode] = pick(CITIES);
  const inactive = kind === 'dead' || kind === 'cancel';
  return {
    companyName: name,
    companyType: TYPE_IDS[kind],
    classification: random() < 0.7 ? 101 + Math.floor(random() * 5) : null,
    marketSegmentID: segment,
    parentCompanyID: parentId,
    isActive: !inactive,
    phone: `(555) ${String(200 + Math.floor(random() * 700))}-${String(1000 + Math.floor(random() * 9000))}`,
    address1: `${100 + Math.floor(random() * 9800)} ${pick(['Main St', 'Oak Ave', 'Harbor Blvd', 'Pine Rd', 'Market St'])}`,
    address2: '',
    additionalAddressInformation: '',
    city, state, postalCode,
    countryID: 237,
    webAddress: `https://www.${domainFor(name).replace(/\.example$/, '')}.example`,
    ownerResourceID: 29682886,
    createdByResourceID: 4,
    createDate: iso(created),
    lastActivityDate: iso(created),
    lastTrackedModifiedDateTime: iso(created),
    companyCategoryID: 1,
    currencyID: 1,
    invoiceMethod: 1,
    territoryID: null,
    isClientPortalActive: kind === 'customer',
    isTaskFireActive: false,
    taxRegionID: null,
  };
}

function seedContacts(db: AutotaskDb, companyId: number, companyName: string, count: number, created: Date, random: () => number, pick: <T>(l: readonly T[]) => T): void {
  const domain = domainFor(companyName);
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    let local = emailLocal(firstName, lastName);
    for (let n = 2; used.has(local); n++) local = `${emailLocal(firstName, lastName)}${n}`;
    used.add(local);
    db.insert('Contacts', {
      companyID: companyId,
      firstName, lastName,
      emailAddress: random() < 0.93 || i === 0 ? `${local}@${domain}` : null,
      emailAddress2: random() < 0.15 ? `${local.replace('.', '')}@mail.example` : null,
      title: pick(TITLES),
      phone: `(555) 01${Math.floor(random() * 10)}-${String(1000 + Math.floor(random() * 9000))}`,
      // The first contact is the primary one and stays active; some others have left.
      isActive: i === 0 || random() > 0.12 ? 1 : 0,
      primaryContact: i === 0,
      receivesEmailNotifications: true,
      createDate: created.toISOString(),
      lastModifiedDate: created.toISOString(),
      countryID: 237,
    });
  }
}

function seedResourcesAndCatalog(db: AutotaskDb, created: Date): void {
  const resource = (id: number, firstName: string, lastName: string, email: string, userName: string, licenseType: number) =>
    db.insert('Resources', { firstName, lastName, email, userName, isActive: true, licenseType, resourceType: 'Employee', userType: 1, title: null, hireDate: created.toISOString() }, id);
  // Resource 4 is the built-in Autotask Administrator [AT-GDS-NOTES].
  resource(4, 'Autotask', 'Administrator', 'admin@northwind-msp.example', 'admin', 1);
  resource(API_RESOURCE_ID, 'API', 'User', SANDBOX_USERNAME, SANDBOX_USERNAME, 7);
  resource(29682886, 'Sam', 'Rivera', 'sam.rivera@northwind-msp.example', 'srivera', 1);
  resource(29682887, 'Riley', 'Chen', 'riley.chen@northwind-msp.example', 'rchen', 1);

  const code = (id: number, name: string, useType: number, isActive: boolean, unitPrice: number | null) =>
    db.insert('BillingCodes', { name, useType, billingCodeType: 0, isActive, isExcludedFromNewContracts: false, unitPrice, unitCost: null, description: name }, id);
  code(29682801, 'Recurring Services', 5, true, null);
  code(29682802, 'Remote Support', 1, true, 125);
  code(29682803, 'Hardware', 2, true, null);
  code(29682804, 'Legacy Recurring Services', 5, false, null);

  const service = (name: string, unitPrice: number, unitCost: number) =>
    db.insert('Services', { name, description: name, invoiceDescription: name, billingCodeID: 29682801, periodType: 1, unitPrice, unitCost, markupRate: null, isActive: true, createDate: created.toISOString(), creatorResourceID: 4, lastModifiedDate: created.toISOString() });
  service('Managed Workstation', 25, 10);
  service('Managed Server', 150, 60);
  service('Microsoft 365 Seat', 12, 8);

  db.insert('UserDefinedFieldDefinitions', { name: 'CustomerRanking', udfType: 1, dataType: 1, isActive: true, isRequired: false, description: 'Account tier', createDate: created.toISOString(), sortOrder: 1 });
}

/** Recurring-service contracts (the first contract of a company) and some block-hour ones, with unit rows. */
function seedContracts(db: AutotaskDb, random: () => number): void {
  const now = new Date();
  const year = now.getUTCFullYear();
  const lastMonth = Date.UTC(year, now.getUTCMonth() - 1, 1);
  const contractEnd = Date.UTC(year + 2, 0, 1);
  const services = db.rows('Services');
  const customers = db.rows('Companies').filter((c) => c.id !== 0 && c.companyType === 1 && c.isActive && c.parentCompanyID === null);
  customers.slice(0, 14).forEach((company, i) => {
    const contract = db.insert('Contracts', {
      companyID: company.id, contractName: `Managed Services Agreement ${year}`, contractNumber: `MSA-${company.id}`,
      contractType: 7, status: 1, contractCategory: null, isDefaultContract: true, billingPreference: 1,
      startDate: new Date(Date.UTC(year - 1, 0, 1)).toISOString(), endDate: new Date(contractEnd).toISOString(),
      timeReportingRequiresStartAndStopTimes: 0, setupFee: 0, description: 'Per-device and per-user managed services',
    });
    for (const service of services.slice(0, 1 + (i % 2))) {
      const cs = db.insert('ContractServices', { contractID: contract.id, serviceID: service.id, unitPrice: service.unitPrice, unitCost: service.unitCost, invoiceDescription: service.name });
      const units = 5 + Math.floor(random() * 55);
      // Last month had one unit fewer; from this month on, `units` through the contract's end.
      monthlyPeriods(lastMonth, contractEnd).forEach(([start, end], n) => {
        const u = n === 0 ? units - 1 : units;
        db.insert('ContractServiceUnits', {
          contractID: contract.id, contractServiceID: cs.id, serviceID: service.id, startDate: new Date(start).toISOString(), endDate: new Date(end).toISOString(),
          units: u, price: Number(service.unitPrice) * u, cost: Number(service.unitCost) * u, approveAndPostDate: n === 0 ? new Date(start).toISOString() : null,
        });
      });
    }
    if (i % 3 === 0) {
      db.insert('Contracts', {
        companyID: company.id, contractName: `Block Hours ${year}`, contractNumber: `BH-${company.id}`, contractType: 4,
        status: i % 6 === 0 ? 0 : 1, isDefaultContract: false, billingPreference: 1, timeReportingRequiresStartAndStopTimes: 0,
        startDate: new Date(Date.UTC(year, 0, 1)).toISOString(), endDate: new Date(Date.UTC(year, 11, 31)).toISOString(),
        estimatedHours: 40, setupFee: 0,
      });
    }
  });
}
