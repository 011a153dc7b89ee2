/**
 * @module The ConnectWise PSA sandbox's tables (in ConnectWise's own wire shapes, so routes serve
 * them as they are) and their deterministic seed: one company (the MSP) with API keys, companies
 * named after the demo organizations (exact, near and no-match names) plus invented ones with
 * types, statuses, markets and parents, contacts with e-mail communication items, two service
 * boards with their statuses, types, subtypes and items, priorities, sources, agreements with
 * additions, and catalog products.
 */
import { seededRandom } from '../common/sandbox-kit.js';
import { vendorNamesForDemoOrganizations } from '../../demo/demo-organizations.js';
// The invented customers and people's names are plain word lists, shared with the BMS sandbox.
import { FIRST_NAMES, INVENTED_ACCOUNTS, LAST_NAMES, businessTypeFor, type SeedAccount } from '../kaseya-bms/kaseya-bms-catalog.seed.js';

export const SANDBOX_COMPANY_ID = 'sandboxmsp';
export const SANDBOX_PUBLIC_KEY = 'sandbox-public';
export const SANDBOX_PRIVATE_KEY = 'sandbox-private';
/** The integrator clientId the sandbox accepts (demo mode's CONNECTWISE_CLIENT_ID). */
export const SANDBOX_CLIENT_ID = '00000000-0000-4000-8000-00000000c11d';
/** What `login/companyinfo` names as the codebase; the sandbox also answers below `v4_6_release/`. */
export const SANDBOX_CODEBASE = 'v2025_1/';

export interface Ref { id: number; name: string }
export interface CompanyRef { id: number; identifier: string; name: string }
export interface Info { lastUpdated: string; dateEntered: string }

export interface CwCompany {
  id: number; identifier: string; name: string;
  status: Ref; types: Ref[]; market: Ref | null;
  parentCompany: CompanyRef | null; defaultContact: Ref | null;
  phoneNumber: string; website: string; deletedFlag: boolean; _info: Info;
}

export interface CwCommunicationItem { id: number; type: Ref; value: string; defaultFlag: boolean; communicationType: 'Email' | 'Phone' }
export interface CwContact {
  id: number; firstName: string; lastName: string; company: CompanyRef; title: string | null;
  inactiveFlag: boolean; defaultFlag: boolean; communicationItems: CwCommunicationItem[]; _info: Info;
}

export interface CwBoard { id: number; name: string; inactiveFlag: boolean; location: Ref; department: Ref }
export interface CwBoardStatus { id: number; name: string; board: Ref; sortOrder: number; inactive: boolean; closedStatus: boolean; defaultFlag: boolean }
export interface CwBoardType { id: number; name: string; board: Ref; inactiveFlag: boolean; defaultFlag: boolean }
export interface CwBoardSubType { id: number; name: string; board: Ref; inactiveFlag: boolean; typeAssociationIds: number[] }
export interface CwBoardItem { id: number; name: string; board: Ref; inactiveFlag: boolean }
export interface CwPriority { id: number; name: string; sortOrder: number; defaultFlag: boolean; color: string }
export interface CwSource { id: number; name: string; defaultFlag: boolean }

export interface CwTicket {
  id: number; summary: string; recordType: 'ServiceTicket';
  board: Ref; status: Ref; company: CompanyRef; contact: Ref | null;
  type: Ref | null; subType: Ref | null; item: Ref | null; priority: Ref; source: Ref | null; agreement: Ref | null;
  initialDescription: string | null; externalXRef: string | null; closedFlag: boolean; _info: Info;
}
export interface CwNote {
  id: number; ticketId: number; text: string;
  detailDescriptionFlag: boolean; internalAnalysisFlag: boolean; resolutionFlag: boolean; customerUpdatedFlag: boolean;
  dateCreated: string; createdBy: string;
}

export interface CwAgreement {
  id: number; name: string; type: Ref; company: CompanyRef;
  agreementStatus: 'Active' | 'Cancelled' | 'Expired' | 'Inactive'; cancelledFlag: boolean;
  startDate: string; endDate: string | null; noEndingDateFlag: boolean;
}
export interface CwAddition {
  id: number; product: { id: number; identifier: string }; agreementId: number;
  quantity: number; unitPrice: number; unitCost: number; billCustomer: 'Billable' | 'DoNotBill' | 'NoCharge';
  effectiveDate: string; cancelledDate: string | null; description: string;
}
export interface CwCatalogItem {
  id: number; identifier: string; description: string; customerDescription: string; inactiveFlag: boolean;
  price: number; cost: number; productClass: 'Service' | 'Agreement' | 'NonInventory' | 'Inventory';
}

export interface CwData {
  companies: CwCompany[];
  companiesById: Map<number, CwCompany>;
  contacts: CwContact[];
  boards: CwBoard[];
  statuses: CwBoardStatus[];
  types: CwBoardType[];
  subtypes: CwBoardSubType[];
  items: CwBoardItem[];
  priorities: CwPriority[];
  sources: CwSource[];
  tickets: Map<number, CwTicket>;
  notes: Map<number, CwNote[]>;
  agreements: CwAgreement[];
  additions: CwAddition[];
  catalog: CwCatalogItem[];
  nextId: { ticket: number; note: number; addition: number; catalog: number };
}

const BASE_TIME = Date.parse('2026-01-05T09:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const info = (ms: number): Info => ({ lastUpdated: iso(ms), dateEntered: iso(ms) });

const COMPANY_TYPES = ['Client', 'Prospect', 'Vendor', 'Partner', 'Owner'] as const;
const TYPE_OF: Record<SeedAccount['type'], (typeof COMPANY_TYPES)[number]> = { Customer: 'Client', Prospect: 'Prospect', Vendor: 'Vendor', Partner: 'Partner', Internal: 'Owner' };
const COMPANY_STATUSES = ['Active', 'Inactive', 'Not-Approved'] as const;
const EXTRA = {
  a: ['Amber', 'Blue Spruce', 'Cobalt', 'Evergreen Park', 'Granite Peak', 'Ivory', 'Juniper Hill', 'Mesa', 'Oak Hollow', 'Silverline', 'Sunrise', 'Timber'],
  b: ['Consulting', 'Dental', 'Logistics', 'Law Group', 'Clinic', 'Builders', 'Realty', 'Accounting', 'Manufacturing', 'Hospitality', 'Schools', 'Foods'],
};

const slug = (name: string) => name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '');

/** The fixed companies: the demo organizations' vendor names, the catch-all, the contact-less one, invented ones. */
function fixedCompanies(): SeedAccount[] {
  return [
    ...vendorNamesForDemoOrganizations().map((name): SeedAccount => ({ name, type: name.includes('(Internal)') ? 'Internal' : 'Customer', contacts: 'some' })),
    { name: 'Catch-All Alerts', type: 'Customer', contacts: 'default' },
    { name: 'Quarry Lane Clinic (No Contacts)', type: 'Customer', contacts: 'none' },
    ...INVENTED_ACCOUNTS,
  ];
}

/** Builds every table. `scale` is the number of companies (at least the fixed ones). */
export function seedConnectWise(scale?: number): CwData {
  const rnd = seededRandom(0xc0ffee);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const types: Ref[] = COMPANY_TYPES.map((name, i) => ({ id: i + 1, name }));
  const statuses: Ref[] = COMPANY_STATUSES.map((name, i) => ({ id: i + 1, name }));
  const markets: Ref[] = ['Healthcare', 'Legal', 'Logistics', 'Financial Services', 'Hospitality', 'Education', 'Construction', 'Manufacturing', 'Retail', 'Non-Profit']
    .map((name, i) => ({ id: 11 + i, name }));

  const seeds = fixedCompanies();
  const total = Math.max(scale ?? seeds.length, seeds.length);
  for (let i = seeds.length; i < total; i++) {
    seeds.push({ name: `${pick(EXTRA.a)} ${pick(EXTRA.b)} ${1000 + i}`, type: rnd() < 0.85 ? 'Customer' : 'Prospect', contacts: 'some' });
  }

  const companies: CwCompany[] = [];
  const companiesById = new Map<number, CwCompany>();
  const byName = new Map<string, CwCompany>();
  const contacts: CwContact[] = [];
  let contactId = 301;
  let itemId = 90001;
  seeds.forEach((seed, i) => {
    const id = 250 + i;
    const created = BASE_TIME - (400 - (i % 400)) * DAY;
    const parent = seed.parent ? byName.get(seed.parent) ?? null : null;
    const marketName = businessTypeFor(seed.name);
    const company: CwCompany = {
      id,
      identifier: `${slug(seed.name).slice(0, 20)}${id}`.slice(0, 25),
      name: seed.name,
      status: seed.inactive ? statuses[1]! : statuses[0]!,
      types: [types.find((t) => t.name === TYPE_OF[seed.type])!],
      market: markets.find((m) => m.name === marketName) ?? (rnd() < 0.5 ? pick(markets) : null),
      parentCompany: parent ? { id: parent.id, identifier: parent.identifier, name: parent.name } : null,
      defaultContact: null,
      phoneNumber: `555010${String(i % 10_000).padStart(4, '0')}`,
      website: `www.${slug(seed.name)}.example`,
      deletedFlag: false,
      _info: info(created),
    };
    const ref: CompanyRef = { id, identifier: company.identifier, name: company.name };
    const count = seed.contacts === 'none' ? 0 : seed.contacts === 'default' ? 1 : 1 + Math.floor(rnd() * 4);
    const domain = `${slug(seed.name)}.example`;
    const locals = new Set<string>();
    for (let n = 0; n < count; n++) {
      const [first, last] = seed.contacts === 'default' ? ['Alert', 'Desk'] : [pick(FIRST_NAMES), pick(LAST_NAMES)];
      let local = `${first}.${last}`.toLowerCase();
      if (locals.has(local)) local = `${local}${n + 1}`;
      locals.add(local);
      const email = n > 0 && rnd() < 0.08 ? null : `${local}@${domain}`;
      const items: CwCommunicationItem[] = [];
      if (email) items.push({ id: itemId++, type: { id: 1, name: 'Email' }, value: email, defaultFlag: true, communicationType: 'Email' });
      if (rnd() < 0.7) items.push({ id: itemId++, type: { id: 2, name: 'Direct' }, value: `555020${n}`, defaultFlag: !email, communicationType: 'Phone' });
      const contact: CwContact = {
        id: contactId++, firstName: first, lastName: last, company: ref,
        title: n === 0 ? pick(['Office Manager', 'Owner', 'IT Coordinator']) : null,
        inactiveFlag: n > 1 && rnd() < 0.1, defaultFlag: n === 0, communicationItems: items, _info: info(created),
      };
      contacts.push(contact);
      if (n === 0) company.defaultContact = { id: contact.id, name: `${first} ${last}` };
    }
    companies.push(company);
    companiesById.set(id, company);
    byName.set(seed.name, company);
  });

  const data: CwData = {
    companies, companiesById, contacts, ...serviceSetup(),
    tickets: new Map(), notes: new Map(), agreements: [], additions: [], catalog: [],
    nextId: { ticket: 10_001, note: 50_001, addition: 7_001, catalog: 501 },
  };
  seedFinance(data, byName);
  return data;
}

/** Two service boards, each with its own statuses, types, subtypes (associated with types) and items. */
function serviceSetup(): Pick<CwData, 'boards' | 'statuses' | 'types' | 'subtypes' | 'items' | 'priorities' | 'sources'> {
  const boards: CwBoard[] = [
    { id: 1, name: 'Security Operations', inactiveFlag: false, location: { id: 2, name: 'Main' }, department: { id: 10, name: 'Security' } },
    { id: 2, name: 'Help Desk', inactiveFlag: false, location: { id: 2, name: 'Main' }, department: { id: 11, name: 'Service' } },
    { id: 3, name: 'Legacy Projects', inactiveFlag: true, location: { id: 2, name: 'Main' }, department: { id: 12, name: 'Projects' } },
  ];
  const ref = (b: CwBoard): Ref => ({ id: b.id, name: b.name });
  const statusNames: Array<[string, boolean]> = [['New', false], ['In Progress', false], ['Waiting Customer', false], ['Completed', true], ['Closed', true]];
  let statusId = 11;
  const statuses: CwBoardStatus[] = boards.flatMap((b) => statusNames.map(([name, closed], i) => ({
    id: statusId++, name, board: ref(b), sortOrder: i, inactive: false, closedStatus: closed, defaultFlag: i === 0,
  })));
  const typeTree: Record<number, Array<{ name: string; subtypes: string[] }>> = {
    1: [
      { name: 'Security Incident', subtypes: ['Account Compromise', 'Data Exfiltration', 'Malware', 'Suspicious Sign-in'] },
      { name: 'Identity & Access', subtypes: ['MFA', 'Password Reset'] },
      { name: 'Policy Violation', subtypes: [] },
      { name: 'Vulnerability', subtypes: ['Malware'] },
    ],
    2: [
      { name: 'Service Request', subtypes: ['Installation', 'Access Request'] },
      { name: 'Incident', subtypes: ['Connectivity', 'Hardware'] },
    ],
    3: [{ name: 'Project Task', subtypes: [] }],
  };
  const types: CwBoardType[] = [];
  const subtypes: CwBoardSubType[] = [];
  let typeId = 101;
  let subId = 201;
  for (const b of boards) {
    (typeTree[b.id] ?? []).forEach((t, i) => {
      const id = typeId++;
      types.push({ id, name: t.name, board: ref(b), inactiveFlag: false, defaultFlag: i === 0 });
      for (const name of t.subtypes) {
        // A subtype of the same name on the same board is one record associated with several types.
        const same = subtypes.find((s) => s.board.id === b.id && s.name === name);
        if (same) same.typeAssociationIds.push(id);
        else subtypes.push({ id: subId++, name, board: ref(b), inactiveFlag: false, typeAssociationIds: [id] });
      }
    });
  }
  let itemId = 401;
  const items: CwBoardItem[] = boards.flatMap((b) => ['Alert', 'Investigation', 'Remediation'].map((name) => ({ id: itemId++, name, board: ref(b), inactiveFlag: false })));
  const priorities: CwPriority[] = [
    { id: 1, name: 'Priority 1 - Emergency Response', sortOrder: 1, defaultFlag: false, color: 'Red' },
    { id: 2, name: 'Priority 2 - Quick Response', sortOrder: 2, defaultFlag: false, color: 'Orange' },
    { id: 3, name: 'Priority 3 - Normal Response', sortOrder: 3, defaultFlag: true, color: 'Yellow' },
    { id: 4, name: 'Priority 4 - Schedule Maintenance', sortOrder: 4, defaultFlag: false, color: 'Green' },
    { id: 5, name: 'Do Not Respond', sortOrder: 5, defaultFlag: false, color: 'Gray' },
  ];
  const sources: CwSource[] = ['Phone', 'Email', 'Portal', 'Monitoring', 'Integration'].map((name, i) => ({ id: i + 1, name, defaultFlag: i === 4 }));
  return { boards, statuses, types, subtypes, items, priorities, sources };
}

function seedFinance(data: CwData, byName: Map<string, CwCompany>): void {
  data.catalog = [
    { id: 501, identifier: 'MW-MONTHLY', description: 'Managed Workstation', customerDescription: 'Managed Workstation', inactiveFlag: false, price: 45, cost: 15, productClass: 'Service' },
    { id: 502, identifier: 'MS-MONTHLY', description: 'Managed Server', customerDescription: 'Managed Server', inactiveFlag: false, price: 150, cost: 60, productClass: 'Service' },
    { id: 503, identifier: 'M365-BACKUP', description: 'Microsoft 365 Backup per User', customerDescription: 'Microsoft 365 Backup per User', inactiveFlag: false, price: 4, cost: 1.5, productClass: 'Service' },
    { id: 504, identifier: 'AV-LEGACY', description: 'Legacy Antivirus Seat', customerDescription: 'Legacy Antivirus Seat', inactiveFlag: true, price: 3, cost: 1, productClass: 'Service' },
  ];
  data.nextId.catalog = 505;
  const plan: Array<[string, string, CwAgreement['agreementStatus']]> = [
    ['Northwind MSP (Internal)', 'Internal Services', 'Active'],
    ['Acme Dental Group', 'Managed Services Agreement 2026', 'Active'],
    ['Bluebird Logistics', 'Managed Services Agreement', 'Active'],
    ['Bluebird Logistics', 'Block Time 2026', 'Active'],
    ['Cedar Ridge Law', 'Managed Services Agreement', 'Active'],
    ['Harbor View Hotels', 'Hospitality Care Plan', 'Active'],
    ['Kestrel Aviation Services', 'Managed Services Agreement', 'Active'],
    ['Delta Veterinary Clinics', 'Managed Services Agreement 2024', 'Expired'],
  ];
  plan.forEach(([companyName, name, status], i) => {
    const company = byName.get(companyName);
    if (!company) return;
    data.agreements.push({
      id: 601 + i, name, type: name.startsWith('Block') ? { id: 2, name: 'Block Time' } : { id: 1, name: 'Managed Services' },
      company: { id: company.id, identifier: company.identifier, name: company.name },
      agreementStatus: status, cancelledFlag: false,
      startDate: iso(BASE_TIME - (status === 'Expired' ? 700 : 5) * DAY), endDate: status === 'Expired' ? iso(BASE_TIME - 340 * DAY) : null,
      noEndingDateFlag: status !== 'Expired',
    });
  });
  const acme = data.agreements.find((a) => a.name === 'Managed Services Agreement 2026');
  if (acme) {
    data.additions.push({
      id: data.nextId.addition++, product: { id: 501, identifier: 'MW-MONTHLY' }, agreementId: acme.id, quantity: 38, unitPrice: 45, unitCost: 15,
      billCustomer: 'Billable', effectiveDate: iso(BASE_TIME - 5 * DAY), cancelledDate: null, description: 'Managed Workstation',
    });
  }
}
