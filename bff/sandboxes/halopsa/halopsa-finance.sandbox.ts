/**
 * @module The HaloPSA sandbox's billing side: client contracts (`ClientContract`), items (the
 * catalog services billable users are counted against) and recurring invoices, whose lines carry an
 * item's quantity on a contract.
 */
import type { Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import type { HaloData, HaloInvoiceLine, HaloItem } from './halopsa.seed.js';
import { Query, arrayBody, echo, listAnswer, num, refuse } from './halopsa-wire.sandbox.js';

const itemDto = ({ inactive: _, ...item }: HaloItem) => item;
const money = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

export function registerFinanceRoutes(app: Hono, state: SandboxState<HaloData>): void {
  app.get('/api/ClientContract', (c) => {
    const q = new Query(c.req.url);
    const clientId = q.int('client_id');
    const activeOnly = q.bool('active') === true;
    const rows = state.data.contracts.filter((k) => (clientId === undefined || clientId === 0 || k.client_id === clientId) && (!activeOnly || k.active));
    return listAnswer(c, 'contracts', rows.map((k) => ({ ...k, client_name: state.data.clientsById.get(k.client_id)?.name ?? '' })));
  });

  app.get('/api/Item', (c) => {
    // Halo's item model has no inactive flag: retired items are listed only when asked for (ASSUMPTION, see the mapper).
    const withInactive = new Query(c.req.url).bool('includeinactive') === true;
    return listAnswer(c, 'items', state.data.items.filter((i) => withInactive || !i.inactive).map(itemDto));
  });

  app.post('/api/Item', async (c) => {
    const rows = await arrayBody(c);
    if (!rows || rows.length === 0) return refuse(c, 400, 'The request body must be an array of items.');
    const out = [];
    for (const row of rows) {
      const name = typeof row.name === 'string' ? row.name.trim() : '';
      if (!name) return refuse(c, 400, 'Name is required.');
      const item = {
        id: state.data.nextId.item++, name, description: typeof row.description === 'string' ? row.description : null,
        costprice: money(row.costprice) ?? 0, baseprice: money(row.baseprice) ?? 0, inactive: false,
      };
      state.data.items.push(item);
      state.recordWrite('service', item.id, row);
      out.push(itemDto(item));
    }
    return echo(c, out);
  });

  app.get('/api/RecurringInvoice', (c) => {
    const contractId = new Query(c.req.url).int('contract_id');
    return listAnswer(c, 'invoices', state.data.recurringInvoices.filter((r) => contractId === undefined || r.contract_id === contractId));
  });

  /** Creates a recurring invoice, or (with `id`) replaces its lines; each new or changed line is recorded as units. */
  app.post('/api/RecurringInvoice', async (c) => {
    const rows = await arrayBody(c);
    if (!rows || rows.length === 0) return refuse(c, 400, 'The request body must be an array of recurring invoices.');
    const data = state.data;
    const out = [];
    for (const row of rows) {
      const contract = data.contracts.find((k) => k.id === num(row.contract_id));
      if (!contract) return refuse(c, 400, 'Please select a valid Contract.');
      if (!Array.isArray(row.lines)) return refuse(c, 400, 'lines must be an array.');
      const lines: HaloInvoiceLine[] = [];
      for (const raw of row.lines as Array<Record<string, unknown>>) {
        const item = data.items.find((i) => i.id === num(raw?._itemid));
        const qty = typeof raw?.qty_order === 'number' ? raw.qty_order : NaN;
        if (!item) return refuse(c, 400, 'Please select a valid Item.');
        if (!Number.isFinite(qty) || qty < 0) return refuse(c, 400, 'qty_order must be 0 or more.');
        lines.push({ id: num(raw.id) ?? data.nextId.line++, _itemid: item.id, qty_order: qty, unit_cost: money(raw.unit_cost) ?? item.costprice, unit_price: money(raw.unit_price) ?? item.baseprice });
      }
      const id = num(row.id);
      let invoice = id ? data.recurringInvoices.find((r) => r.id === id) : undefined;
      if (id && !invoice) return refuse(c, 404, `Recurring invoice ${id} not found.`);
      const before = new Map((invoice?.lines ?? []).map((l) => [l._itemid, l]));
      if (invoice) invoice.lines = lines;
      else data.recurringInvoices.push((invoice = { id: data.nextId.invoice++, client_id: contract.client_id, contract_id: contract.id, lines }));
      const changed = lines.filter((l) => { const b = before.get(l._itemid); return !b || b.qty_order !== l.qty_order || b.unit_cost !== l.unit_cost || b.unit_price !== l.unit_price; });
      for (const line of changed) state.recordWrite('contract-service.units', contract.id, { contractId: contract.id, itemId: line._itemid, units: line.qty_order, unitCost: line.unit_cost, unitPrice: line.unit_price });
      out.push(invoice);
    }
    return echo(c, out);
  });
}
