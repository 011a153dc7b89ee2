/**
 * @module The HaloPSA sandbox's tables and their deterministic seed: one hosted tenant with one API
 * application, clients named after the demo organizations (exact, near and none) plus invented ones
 * grouped in top levels, sites, users (contacts), the ticket lookups (statuses, priorities per SLA,
 * teams, agents, categories, outcomes, ticket types with their field rules), contracts, items and a
 * few tickets with actions. `scale` sets the client count.
 */
import { vendorNamesForDemoOrganizations } from '../../demo/demo-organizations.js';
import { seededRandom } from '../common/sandbox-kit.js';
import { FIRST_NAMES, INVENTED_ACCOUNTS, LAST_NAMES } from '../kaseya-bms/kaseya-bms-catalog.seed.js';

export const SANDBOX_TENANT = 'sandbox';
export const SANDBOX_CLIENT_ID = 'sandbox-client';
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret';
/** The scopes the seeded API application is granted (an admin ticks them in Halo). */
export const SANDBOX_GRANTED_SCOPES = ['all', 'all:teams'];

export interface HaloApplication { clientId: string; clientSecret: string; tenant: string; scopes: string[] }
export interface HaloTopLevel { id: number; name: string }
export interface HaloClient { id: number; name: string; toplevel_id: number; inactive: boolean; website: string; main_site_id: number }
export interface HaloSite { id: number; name: string; client_id: number; inactive: boolean }
export interface HaloUser {
  id: number; name: string; firstname: string; surname: string; emailaddress: string | null;
  site_id: number; client_id: number; inactive: boolean; ismaincontact: boolean;
}
/**
 * Field names are those of Halo's own models (its OpenAPI document; test/bff/sandboxes/halopsa.conformance.test.ts
 * checks every answer). How some of them behave Halo does not document: the ASSUMPTION block in
 * bff/vendors/halopsa/halopsa.mapper.ts lists those readings, and the sandbox plays them the same way.
 */
/** A status's `type` 2 marks a closed status (ASSUMPTION, see the mapper). */
export const CLOSED_STATUS_TYPE = 2;
/** A ticket type field's `technew` 2: mandatory when an agent (or the API) logs a new ticket (ASSUMPTION, see the mapper). */
export const TECHNEW_MANDATORY = 2;
export const TECHNEW_OPTIONAL = 1;
export interface HaloStatus { id: number; name: string; shortname: string; type: number; colour: string; sequence: number }
/** Halo keeps priorities per SLA: each row is (slaid, priorityid) with a GUID id. */
export interface HaloPriority { id: string; slaid: number; priorityid: number; name: string; colour: string; ishidden: boolean }
export interface HaloTeam { id: number; name: string; inactive: boolean; department_id: number }
export interface HaloAgent { id: number; name: string; email: string; team: string; isdisabled: boolean }
/** Category 1 values; a child's value is `Parent>Child`. `inactive` stays in the sandbox: Halo's model has no such field, retired values are just not listed. */
export interface HaloCategory { id: number; value: string; type_id: number; inactive: boolean }
/** `hidefromuser`: actions with this outcome are private; `hidden`: the outcome is retired (listed only with `showhidden`). */
export interface HaloOutcome { id: number; outcome: string; hidefromuser: boolean; hidden: boolean }
/** A field a ticket type shows (`technew`: how an agent's new ticket treats it) and the field's own definition. */
export interface HaloTypeField { id: number; fieldid: number; fieldname: string; technew: number; fieldinfo: { id: number; name: string; label: string } }
/**
 * `visible` false: a retired type (listed only with `showinactive`); `initial_status`: a new ticket's
 * status when none is given; `default_*`: the values a new ticket of this type gets when left out.
 */
export interface HaloTicketType {
  id: number; name: string; visible: boolean; initial_status: number; default_category_1: string | null; default_impact: number | null; fields: HaloTypeField[];
}
export interface HaloTicket {
  id: number; summary: string; details: string; tickettype_id: number; client_id: number; site_id: number; user_id: number | null;
  status_id: number; priority_id: number; team: string | null; category_1: string | null;
  impact: number | null; urgency: number | null; contract_id: number | null; dateoccurred: string; hasbeenclosed: boolean;
}
export interface HaloAction { id: number; ticket_id: number; note: string; outcome: string; outcome_id: number | null; hiddenfromuser: boolean; datetime: string; who_agentid: number }
export interface HaloContract { id: number; client_id: number; ref: string; start_date: string; end_date: string | null; active: boolean }
/** `inactive` stays in the sandbox: Halo's Item model has no such field; retired items are listed only with `includeinactive`. */
export interface HaloItem { id: number; name: string; description: string | null; costprice: number; baseprice: number; inactive: boolean }
export interface HaloInvoiceLine { id: number; _itemid: number; qty_order: number; unit_cost: number; unit_price: number }
export interface HaloRecurringInvoice { id: number; client_id: number; contract_id: number; lines: HaloInvoiceLine[] }

export interface HaloData {
  application: HaloApplication;
  topLevels: HaloTopLevel[];
  clients: HaloClient[];
  clientsById: Map<number, HaloClient>;
  sites: HaloSite[];
  usersByClient: Map<number, HaloUser[]>;
  statuses: HaloStatus[];
  priorities: HaloPriority[];
  teams: HaloTeam[];
  agents: HaloAgent[];
  categories: HaloCategory[];
  outcomes: HaloOutcome[];
  ticketTypes: HaloTicketType[];
  tickets: Map<number, HaloTicket>;
  actions: Map<number, HaloAction[]>;
  contracts: HaloContract[];
  items: HaloItem[];
  recurringInvoices: HaloRecurringInvoice[];
  nextId: { ticket: number; action: number; item: number; invoice: number; line: number };
}

const BASE_TIME = Date.parse('2026-01-05T09:00:00.000Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const slug = (name: string) => name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '');

const TOP_LEVELS = ['Customers', 'Prospects', 'Suppliers', 'Internal'] as const;
const EXTRA = {
  a: ['Amber', 'Blue Spruce', 'Cobalt', 'Evergreen Park', 'Granite Peak', 'Ivory', 'Juniper Hill', 'Mesa', 'Oak Hollow', 'Silverline', 'Sunrise', 'Timber'],
  b: ['Consulting', 'Dental', 'Logistics', 'Law Group', 'Clinic', 'Builders', 'Realty', 'Accounting', 'Manufacturing', 'Hospitality', 'Schools', 'Foods'],
};

interface SeedClient { name: string; topLevel: (typeof TOP_LEVELS)[number]; users: 'some' | 'none' | 'default'; inactive?: boolean }

function fixedClients(): SeedClient[] {
  const demo = vendorNamesForDemoOrganizations().map((name): SeedClient => ({ name, topLevel: name.includes('(Internal)') ? 'Internal' : 'Customers', users: 'some' }));
  const invented = INVENTED_ACCOUNTS.map((a): SeedClient => ({
    name: a.name,
    topLevel: a.type === 'Prospect' ? 'Prospects' : a.type === 'Vendor' ? 'Suppliers' : 'Customers',
    users: 'some',
    inactive: a.inactive,
  }));
  return [...demo, { name: 'Default Customer', topLevel: 'Customers', users: 'default' }, { name: 'Quarry Lane Clinic (No Contacts)', topLevel: 'Customers', users: 'none' }, ...invented];
}

/** Builds every table. `scale` is the number of clients (at least the fixed ones). */
export function seedHaloPsa(scale?: number): HaloData {
  const rnd = seededRandom(0x4a10);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const seeds = fixedClients();
  const total = Math.max(scale ?? seeds.length, seeds.length);
  for (let i = seeds.length; i < total; i++) seeds.push({ name: `${pick(EXTRA.a)} ${pick(EXTRA.b)} ${1000 + i}`, topLevel: rnd() < 0.85 ? 'Customers' : 'Prospects', users: 'some' });

  const topLevels = TOP_LEVELS.map((name, i) => ({ id: i + 1, name }));
  const clients: HaloClient[] = [];
  const clientsById = new Map<number, HaloClient>();
  const sites: HaloSite[] = [];
  const usersByClient = new Map<number, HaloUser[]>();
  let siteId = 101;
  let userId = 2001;
  seeds.forEach((seed, i) => {
    const id = 12 + i;
    const main: HaloSite = { id: siteId++, name: 'Main', client_id: id, inactive: false };
    sites.push(main);
    if (rnd() < 0.15) sites.push({ id: siteId++, name: 'Branch Office', client_id: id, inactive: false });
    const client: HaloClient = {
      id, name: seed.name, toplevel_id: topLevels.find((t) => t.name === seed.topLevel)!.id, inactive: seed.inactive === true,
      website: `https://www.${slug(seed.name)}.example`, main_site_id: main.id,
    };
    clients.push(client);
    clientsById.set(id, client);
    const users: HaloUser[] = [];
    const count = seed.users === 'none' ? 0 : seed.users === 'default' ? 1 : 1 + Math.floor(rnd() * 4);
    for (let n = 0; n < count; n++) {
      const [first, last] = seed.users === 'default' ? ['Default', 'Contact'] : [pick(FIRST_NAMES), pick(LAST_NAMES)];
      let local = `${first}.${last}`.toLowerCase();
      if (users.some((u) => u.emailaddress?.startsWith(`${local}@`))) local = `${local}${n + 1}`;
      users.push({
        id: userId++, name: `${first} ${last}`, firstname: first, surname: last,
        emailaddress: n > 0 && rnd() < 0.08 ? null : `${local}@${slug(seed.name)}.example`,
        site_id: main.id, client_id: id, inactive: n > 1 && rnd() < 0.1, ismaincontact: n === 0,
      });
    }
    usersByClient.set(id, users);
  });

  const data: HaloData = {
    application: { clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, tenant: SANDBOX_TENANT, scopes: [...SANDBOX_GRANTED_SCOPES] },
    topLevels, clients, clientsById, sites, usersByClient,
    statuses: [
      { id: 1, name: 'New', shortname: 'New', type: 0, colour: '#1e88e5', sequence: 1 },
      { id: 2, name: 'In Progress', shortname: 'In Prog', type: 0, colour: '#fb8c00', sequence: 2 },
      { id: 3, name: 'Action Required', shortname: 'Action', type: 0, colour: '#e53935', sequence: 3 },
      { id: 4, name: 'Waiting on User', shortname: 'Wait User', type: 1, colour: '#fdd835', sequence: 4 },
      { id: 5, name: 'Waiting on Supplier', shortname: 'Wait Supp', type: 1, colour: '#c0ca33', sequence: 5 },
      { id: 9, name: 'Closed', shortname: 'Closed', type: CLOSED_STATUS_TYPE, colour: '#43a047', sequence: 9 },
      { id: 10, name: 'Cancelled', shortname: 'Cancelled', type: CLOSED_STATUS_TYPE, colour: '#757575', sequence: 10 },
    ],
    priorities: [1, 2].flatMap((slaid) => ['Critical', 'High', 'Medium', 'Low'].map((name, i) => ({
      id: `0b6c${slaid}${i}00-1111-4a4a-9b9b-00000000000${i}`, slaid, priorityid: i + 1, name,
      colour: ['#d32f2f', '#f57c00', '#fbc02d', '#388e3c'][i]!, ishidden: false,
    }))),
    teams: [
      { id: 1, name: 'Service Desk', inactive: false, department_id: 1 },
      { id: 2, name: 'Security Operations', inactive: false, department_id: 1 },
      { id: 3, name: 'Projects', inactive: false, department_id: 2 },
      { id: 4, name: 'Tier 3 (Retired)', inactive: true, department_id: 1 },
    ],
    agents: [
      { id: 1, name: 'API Application', email: 'api@sandbox.halopsa.example', team: 'Service Desk', isdisabled: false },
      { id: 2, name: 'Alex Technician', email: 'alex@sandbox.halopsa.example', team: 'Service Desk', isdisabled: false },
      { id: 3, name: 'Sam Analyst', email: 'sam@sandbox.halopsa.example', team: 'Security Operations', isdisabled: false },
    ],
    categories: buildCategories(),
    outcomes: [
      { id: 1, outcome: 'Note', hidefromuser: false, hidden: false },
      { id: 2, outcome: 'Private Note', hidefromuser: true, hidden: false },
      { id: 3, outcome: 'Alert Update', hidefromuser: true, hidden: false },
      { id: 4, outcome: 'Resolution', hidefromuser: false, hidden: false },
      { id: 5, outcome: 'Legacy Update', hidefromuser: true, hidden: true },
    ],
    ticketTypes: buildTicketTypes(),
    tickets: new Map(),
    actions: new Map(),
    contracts: [],
    items: [],
    recurringInvoices: [],
    nextId: { ticket: 3001, action: 80001, item: 45, invoice: 601, line: 9001 },
  };
  seedFinance(data);
  seedTickets(data);
  return data;
}

const field = (id: number, name: string, label: string, mandatory: boolean): HaloTypeField =>
  ({ id, fieldid: id, fieldname: name, technew: mandatory ? TECHNEW_MANDATORY : TECHNEW_OPTIONAL, fieldinfo: { id, name, label } });

/**
 * Ticket types and their field rules. "Problem" demands fields nobody can fill from an alert and
 * gives them no default: the integration must refuse it at setup. "Security Alert" demands a
 * category but defaults it, so it stays usable.
 */
function buildTicketTypes(): HaloTicketType[] {
  const base = [field(1, 'summary', 'Summary', true), field(2, 'details', 'Details', true), field(3, 'user', 'User', false)];
  const type = (id: number, name: string, fields: HaloTypeField[], defaults: Partial<HaloTicketType> = {}): HaloTicketType =>
    ({ id, name, visible: true, initial_status: 1, default_category_1: null, default_impact: null, fields, ...defaults });
  return [
    type(1, 'Incident', [...base, field(10, 'impact', 'Impact', true), field(11, 'urgency', 'Urgency', false)], { default_impact: 3 }),
    type(3, 'Service Request', [...base, field(12, 'category_1', 'Category', false)]),
    type(4, 'Problem', [...base, field(10, 'impact', 'Impact', true), field(11, 'urgency', 'Urgency', true), field(12, 'category_1', 'Category', true)]),
    type(21, 'Security Alert', [...base, field(12, 'category_1', 'Category', true)], { default_category_1: 'Security' }),
    type(22, 'Change Request (Retired)', base, { visible: false }),
  ];
}

/** Category 1 values (the same in every seed: tests map a written `Parent>Child` back to ids with it). */
export function buildCategories(): HaloCategory[] {
  const tree: Array<[string, string[], boolean?]> = [
    ['Security', ['Account Compromise', 'Data Leakage', 'Malware', 'Policy Violation', 'Suspicious Sign-in']],
    ['Identity & Access', ['MFA', 'Password Reset', 'Permissions']],
    ['Network', ['Connectivity', 'Firewall', 'Wi-Fi']],
    ['Hardware', []],
    ['Software', ['Installation', 'Licensing']],
    ['Legacy Monitoring', ['Disk Space'], true],
  ];
  const rows: HaloCategory[] = [];
  let id = 501;
  for (const [parent, children, inactive] of tree) {
    rows.push({ id: id++, value: parent, type_id: 1, inactive: inactive === true });
    for (const child of children) rows.push({ id: id++, value: `${parent}>${child}`, type_id: 1, inactive: inactive === true });
  }
  return rows;
}

function seedFinance(data: HaloData): void {
  data.items = [
    { id: 41, name: 'Managed Workstation', description: 'Per managed workstation, monthly', costprice: 15, baseprice: 45, inactive: false },
    { id: 42, name: 'Managed Server', description: 'Per managed server, monthly', costprice: 60, baseprice: 150, inactive: false },
    { id: 43, name: 'Microsoft 365 Backup per User', description: null, costprice: 1.5, baseprice: 4, inactive: false },
    { id: 44, name: 'Legacy Antivirus Seat', description: 'Retired offering', costprice: 1, baseprice: 3, inactive: true },
  ];
  const byName = (name: string) => data.clients.find((c) => c.name === name)?.id;
  const plan: Array<[string, string]> = [
    ['Northwind MSP (Internal)', 'Internal Services'],
    ['Acme Dental Group', 'Managed Services Agreement 2026'],
    ['Bluebird Logistics', 'Managed Services Agreement'],
    ['Cedar Ridge Law', 'Managed Services Agreement'],
    ['Harbor View Hotels', 'Hospitality Care Plan'],
    ['Kestrel Aviation Services', 'Managed Services Agreement'],
    ['Delta Veterinary Clinics', 'Managed Services Agreement 2024'],
  ];
  plan.forEach(([client, ref], i) => {
    const clientId = byName(client);
    if (!clientId) return;
    const expired = ref.endsWith('2024');
    data.contracts.push({
      id: 301 + i, client_id: clientId, ref, start_date: iso(BASE_TIME - (expired ? 700 : 5) * DAY),
      end_date: expired ? iso(BASE_TIME - 340 * DAY) : null, active: !expired,
    });
  });
  const acme = data.contracts.find((k) => k.ref === 'Managed Services Agreement 2026');
  if (acme) data.recurringInvoices.push({ id: data.nextId.invoice++, client_id: acme.client_id, contract_id: acme.id, lines: [{ id: data.nextId.line++, _itemid: 41, qty_order: 38, unit_cost: 15, unit_price: 45 }] });
}

function seedTickets(data: HaloData): void {
  const plan: Array<[string, string, number]> = [
    ['Acme Dental Group', 'Printer offline at front desk', 1],
    ['Bluebird Logistics', 'VPN drops for warehouse scanners', 2],
    ['Cedar Ridge Law', 'New hire laptop setup', 9],
    ['Kestrel Aviation Services', 'Suspicious sign-in from new country', 9],
  ];
  plan.forEach(([name, summary, status], i) => {
    const client = data.clients.find((c) => c.name === name)!;
    const id = data.nextId.ticket++;
    const at = iso(BASE_TIME + i * 3_600_000);
    data.tickets.set(id, {
      id, summary, details: `${summary}. Reported by phone.`, tickettype_id: 3, client_id: client.id, site_id: client.main_site_id,
      user_id: data.usersByClient.get(client.id)?.[0]?.id ?? null, status_id: status, priority_id: 3, team: 'Service Desk',
      category_1: null, impact: null, urgency: null, contract_id: null, dateoccurred: at, hasbeenclosed: status === 9,
    });
    data.actions.set(id, [{ id: data.nextId.action++, ticket_id: id, note: 'Called the user; investigating.', outcome: 'Private Note', outcome_id: 2, hiddenfromuser: true, datetime: at, who_agentid: 2 }]);
  });
}
