/**
 * @module The Syncro sandbox's RMM alerts (list, show, create, clear), products and recurring
 * invoices ("schedules"), shaped as the swagger shows them.
 */
import type { Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import { alertJson, pageOf, productJson, scheduleJson } from './syncro-json.mapper.js';
import type { SyncroAlertRow, SyncroData } from './syncro-rows.js';
import { bodyOf } from './syncro-ticket.routes.js';
import { NOT_FOUND, PAGE_SIZE, denied, idParam } from './syncro-wire.js';

export function registerBillingRoutes(api: Hono, state: SandboxState<SyncroData>): void {
  const data = () => state.data;

  api.get('/rmm_alerts', (c) => {
    const no = denied(c, state, 'RMM Alerts - List');
    if (no) return no;
    const status = c.req.query('status') ?? 'active';
    const rows = data()
      .alerts.filter((a) => status === 'all' || (status === 'resolved' ? a.resolved : !a.resolved))
      // ASSUMPTION: newest alert first.
      .sort((a, b) => b.id - a.id);
    const { slice, meta } = pageOf(rows, c.req.query('page'), PAGE_SIZE.alerts, 'short');
    return c.json({ rmm_alerts: slice.map((a) => alertJson(a, data(), 'get')), meta });
  });

  api.get('/rmm_alerts/:id', (c) => {
    const no = denied(c, state, 'RMM Alerts - List');
    if (no) return no;
    const alert = data().alerts.find((a) => a.id === idParam(c.req.param('id')));
    return alert ? c.json({ rmm_alert: alertJson(alert, data(), 'get') }) : c.json(NOT_FOUND, 404);
  });

  api.post('/rmm_alerts', async (c) => {
    const no = denied(c, state, 'RMM Alerts - Create');
    if (no) return no;
    const body = await bodyOf(c);
    const asset = body.asset_id !== undefined ? data().assets.find((a) => a.id === idParam(String(body.asset_id))) : undefined;
    const customerId = body.customer_id !== undefined ? idParam(String(body.customer_id)) : asset?.customerId;
    // ASSUMPTION: an alert needs a known customer; the refusal uses the tickets' 422 wording.
    if (!customerId || !data().customers.some((x) => x.id === customerId)) return c.json({ error: 'Customer required field' }, 422);
    const at = new Date().toISOString();
    const resolved = body.resolved === true || body.resolved === 'true';
    const alert: SyncroAlertRow = {
      id: data().nextId.alert++,
      customerId,
      assetId: asset?.id ?? null,
      computerName: asset?.name ?? null,
      description: typeof body.description === 'string' ? body.description : '',
      // The UI's "Details"; accepted although the swagger's body schema omits it (facts B2).
      formattedOutput: typeof body.formatted_output === 'string' ? body.formatted_output : null,
      status: typeof body.status === 'string' ? body.status : null,
      resolved,
      ticketId: null,
      checkId: null,
      properties: body.properties && typeof body.properties === 'object' ? (body.properties as Record<string, unknown>) : {},
      createdAt: at,
      updatedAt: at,
    };
    data().alerts.push(alert);
    state.recordWrite('rmm_alert', alert.id, body);
    return c.json({ success: true, alert: alertJson(alert, data(), 'created') }, 201);
  });

  // "Deletes/Clears" in the swagger; in reality it resolves the alert, which stays readable (facts B2).
  api.delete('/rmm_alerts/:id', (c) => {
    const no = denied(c, state, 'RMM Alerts - Delete');
    if (no) return no;
    const alert = data().alerts.find((a) => a.id === idParam(c.req.param('id')));
    if (!alert) return c.json(NOT_FOUND, 404);
    alert.resolved = true;
    alert.status = 'resolved';
    alert.updatedAt = new Date().toISOString();
    state.recordWrite('rmm_alert.clear', alert.id, null);
    return c.json({ success: 'true' });
  });

  api.get('/products', (c) => {
    const no = denied(c, state, 'Products - List/Search');
    if (no) return no;
    const q = c.req.query();
    const ids = (c.req.queries('id[]') ?? []).map(Number);
    const has = (v: string | null, needle: string | undefined) => !needle || (v ?? '').toLowerCase().includes(needle.toLowerCase());
    const rows = data().products.filter(
      (p) => (ids.length === 0 || ids.includes(p.id)) && has(p.name, q.name) && has(p.sku, q.sku) && (!q.query || has(p.name, q.query) || has(p.description, q.query)),
    );
    const { slice, meta } = pageOf(rows, q.page, PAGE_SIZE.products);
    return c.json({ products: slice.map(productJson), meta });
  });

  api.get('/products/:id', (c) => {
    const no = denied(c, state, 'Products - List/Search');
    if (no) return no;
    const product = data().products.find((p) => p.id === idParam(c.req.param('id')));
    return product ? c.json({ product: productJson(product) }) : c.json(NOT_FOUND, 404);
  });

  api.get('/schedules', (c) => {
    const no = denied(c, state, 'Recurring Invoices - List');
    if (no) return no;
    const customerId = c.req.query('customer_id');
    const rows = customerId ? data().schedules.filter((s) => s.customerId === idParam(customerId)) : data().schedules;
    const { slice, meta } = pageOf(rows, c.req.query('page'), PAGE_SIZE.schedules);
    return c.json({ schedules: slice.map(scheduleJson), meta });
  });

  api.get('/schedules/:id', (c) => {
    const no = denied(c, state, 'Recurring Invoices - List');
    if (no) return no;
    const schedule = data().schedules.find((s) => s.id === idParam(c.req.param('id')));
    return schedule ? c.json({ schedule: scheduleJson(schedule) }) : c.json(NOT_FOUND, 404);
  });
}
