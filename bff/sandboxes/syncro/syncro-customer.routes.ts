/**
 * @module The Syncro sandbox's account, customer, contact and asset endpoints (`/me`,
 * `/customers`, `/contacts`, `/customer_assets`), with the swagger's filters and paging.
 */
import type { Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import { assetJson, contactJson, customerJson, meJson, pageOf } from './syncro-json.mapper.js';
import type { SyncroCustomerRow, SyncroData } from './syncro-rows.js';
import { NOT_FOUND, PAGE_SIZE, denied, idParam } from './syncro-wire.js';

const like = (value: string | null | undefined, needle: string) => (value ?? '').toLowerCase().includes(needle.toLowerCase());

/** Stand-in ids for the asset types the sandbox knows (Syncro returns the type name only). */
const ASSET_TYPE_IDS: Record<string, number> = { 'Syncro Device': 1, 'Network Device': 2 };

const SORTABLE: Record<string, (c: SyncroCustomerRow) => string | number> = {
  id: (c) => c.id,
  firstname: (c) => (c.firstname ?? '').toLowerCase(),
  lastname: (c) => (c.lastname ?? '').toLowerCase(),
  business_name: (c) => (c.businessName ?? '').toLowerCase(),
  email: (c) => (c.email ?? '').toLowerCase(),
  created_at: (c) => c.createdAt,
  updated_at: (c) => c.updatedAt,
};

export function registerCustomerRoutes(api: Hono, state: SandboxState<SyncroData>): void {
  // `/me` needs no permission: it is how n8n and our adapter check a token (facts B1).
  // Under `/<subdomain>/api/v1` the account's own subdomain; under the bare `/api/v1`, the sandbox account's.
  api.get('/me', (c) => c.json(meJson(c.req.param('subdomain' as never) ?? undefined)));

  api.get('/customers', (c) => {
    const no = denied(c, state, 'Customers - List/Search');
    if (no) return no;
    const q = c.req.query();
    const ids = (c.req.queries('id[]') ?? c.req.queries('id') ?? []).map(Number);
    const notIds = (c.req.queries('not_id[]') ?? c.req.queries('not_id') ?? []).map(Number);
    const includeDisabled = q.include_disabled === 'true' || q.include_disabled === '1';
    let rows = state.data.customers.filter((x) => {
      if (x.disabled && !includeDisabled) return false;
      if (ids.length > 0 && !ids.includes(x.id)) return false;
      if (notIds.includes(x.id)) return false;
      if (q.business_name && !like(x.businessName, q.business_name)) return false;
      if (q.firstname && !like(x.firstname, q.firstname)) return false;
      if (q.lastname && !like(x.lastname, q.lastname)) return false;
      if (q.email && !like(x.email, q.email)) return false;
      if (q.query && ![x.businessName, x.firstname, x.lastname, x.email, `${x.firstname} ${x.lastname}`].some((v) => like(v, q.query!))) return false;
      return true;
    });
    // ASSUMPTION: without `sort` customers come in creation (id) order.
    const [field, direction] = (q.sort ?? '').trim().split(/\s+/);
    const key = field ? SORTABLE[field] : undefined;
    if (key) {
      const sign = direction?.toUpperCase() === 'DESC' ? -1 : 1;
      rows = [...rows].sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : a.id - b.id));
    }
    const { slice, meta } = pageOf(rows, q.page, PAGE_SIZE.customers);
    return c.json({ customers: slice.map((x) => customerJson(x, state.data)), meta });
  });

  api.get('/customers/:id', (c) => {
    const no = denied(c, state, 'Customers - View Detail');
    if (no) return no;
    const row = state.data.customers.find((x) => x.id === idParam(c.req.param('id')));
    if (!row) return c.json(NOT_FOUND, 404);
    // The detail view adds links, phones, contracts and addresses (facts B2, SYN-LIVE).
    const phones = row.phone ? [{ id: row.id, label: 'Phone', number: row.phone, extension: null, customer_id: row.id }] : [];
    return c.json({ customer: { ...customerJson(row, state.data), ticket_links: [], invoice_links: [], phones, contracts: [], addresses: [] } });
  });

  // Contacts use the Customers permissions (swagger: "Customers - View Detail").
  api.get('/contacts', (c) => {
    const no = denied(c, state, 'Customers - View Detail');
    if (no) return no;
    const customerId = c.req.query('customer_id');
    const rows = customerId ? state.data.contacts.filter((x) => x.customerId === idParam(customerId)) : state.data.contacts;
    const { slice, meta } = pageOf(rows, c.req.query('page'), PAGE_SIZE.contacts);
    return c.json({ contacts: slice.map(contactJson), meta });
  });

  api.get('/contacts/:id', (c) => {
    const no = denied(c, state, 'Customers - View Detail');
    if (no) return no;
    const row = state.data.contacts.find((x) => x.id === idParam(c.req.param('id')));
    // The swagger answers a single contact unwrapped.
    return row ? c.json(contactJson(row)) : c.json(NOT_FOUND, 404);
  });

  api.get('/customer_assets', (c) => {
    const no = denied(c, state, 'Assets - List/Search');
    if (no) return no;
    const q = c.req.query();
    const customerId = q.customer_id ? idParam(q.customer_id) : null;
    const typeId = q.asset_type_id ? idParam(q.asset_type_id) : null;
    const rows = state.data.assets.filter((a) => {
      if (customerId !== null && a.customerId !== customerId) return false;
      if (typeId !== null && ASSET_TYPE_IDS[a.assetType] !== typeId) return false;
      if (q.snmp_enabled === 'true') return false; // no sandbox asset has SNMP enabled
      if (q.query && !like(a.name, q.query) && !like(a.serial, q.query)) return false;
      return true;
    });
    const { slice, meta } = pageOf(rows, q.page, PAGE_SIZE.assets);
    const customers = new Map(state.data.customers.map((x) => [x.id, x]));
    return c.json({ assets: slice.map((a) => assetJson(a, customers)), meta });
  });

  api.get('/customer_assets/:id', (c) => {
    const no = denied(c, state, 'Assets - View Details');
    if (no) return no;
    const row = state.data.assets.find((a) => a.id === idParam(c.req.param('id')));
    if (!row) return c.json(NOT_FOUND, 404);
    return c.json({ asset: assetJson(row, new Map(state.data.customers.map((x) => [x.id, x]))) });
  });
}
