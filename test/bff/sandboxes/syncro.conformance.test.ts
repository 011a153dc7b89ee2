/**
 * @module Every Syncro sandbox answer the adapter reads, and the others the sandbox serves, checked
 * over real HTTP against Syncro's official swagger: its schema where it has a usable one, else the
 * official example (see syncro-example-schema.ts).
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSyncroSandbox } from '../../../bff/sandboxes/syncro/syncro.sandbox.js';
import { loadSpec } from '../../helpers/openapi-conformance.js';
import { control, startServer, type RunningServer } from '../../helpers/serve.js';
import { checkAgainstExample, exampleOf, SYNCRO_SPEC } from './syncro-example-schema.js';

describe('Syncro sandbox conforms to the Syncro swagger', () => {
  let server: RunningServer;
  const spec = loadSpec(SYNCRO_SPEC);
  const call = async (method: string, path: string, body?: unknown, token = 'sandbox-token') => {
    const res = await fetch(`${server.origin}/sandbox/syncro/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    server = await startServer(new Hono().route('/sandbox/syncro', createSyncroSandbox().app).fetch);
  });
  afterAll(() => server.close());
  beforeEach(() => control(server.origin, 'syncro', 'reset'));

  it('the example check itself catches a missing field and a wrong type', () => {
    const sample = structuredClone(exampleOf('get', '/customers', 200)) as { customers: Array<Record<string, unknown>> };
    expect(checkAgainstExample('get', '/customers', 200, sample)).toEqual([]);
    delete sample.customers[0]!.business_name;
    sample.customers[0]!.id = 'x';
    const problems = checkAgainstExample('get', '/customers', 200, sample);
    expect(problems.some((p) => p.includes('business_name'))).toBe(true);
    expect(problems.some((p) => p.includes('/customers/0/id'))).toBe(true);
  });

  describe('answers the adapter reads', () => {
    it('GET /me', async () => {
      const r = await call('GET', '/me');
      expect(r.status).toBe(200);
      expect(checkAgainstExample('get', '/me', 200, r.body)).toEqual([]);
    });

    it('GET /customers, with disabled ones and on a second page', async () => {
      for (let i = 0; i < 80; i++) await control(server.origin, 'syncro', 'customers', { business_name: `Paging Customer ${i}` });
      for (const query of ['', '?include_disabled=true&page=1', '?include_disabled=true&page=2']) {
        const r = await call('GET', `/customers${query}`);
        expect(r.status).toBe(200);
        expect(r.body.customers.length).toBeGreaterThan(0);
        expect(checkAgainstExample('get', '/customers', 200, r.body)).toEqual([]);
        expect(r.body.meta).toEqual({ total_pages: 2, total_entries: expect.any(Number), per_page: 100, page: expect.any(Number) });
      }
    });

    it('GET /customer_assets, account-wide and by customer', async () => {
      const all = await call('GET', '/customer_assets?page=2');
      expect(all.status).toBe(200);
      expect(checkAgainstExample('get', '/customer_assets', 200, all.body)).toEqual([]);
      expect(all.body.meta).toEqual({ total_pages: 3, total_entries: 150, per_page: 50, page: 2 });
      const customerId = all.body.assets[0].customer_id;
      const one = await call('GET', `/customer_assets?customer_id=${customerId}&page=1`);
      expect(checkAgainstExample('get', '/customer_assets', 200, one.body)).toEqual([]);
      expect(one.body.assets.every((a: any) => a.customer_id === customerId)).toBe(true);
    });

    it('401 for a wrong token and for a missing permission', async () => {
      const bad = await call('GET', '/customer_assets', undefined, 'wrong-token');
      expect(bad.status).toBe(401);
      expect(checkAgainstExample('get', '/contacts', 401, bad.body)).toEqual([]);
      await control(server.origin, 'syncro', 'permissions', { denied: ['Customers - List/Search'] });
      const denied = await call('GET', '/customers');
      expect(denied.status).toBe(401);
      expect(checkAgainstExample('get', '/contacts', 401, denied.body)).toEqual([]);
    });
  });

  describe('the rest of the sandbox', () => {
    it('customers, contacts and one asset', async () => {
      const customers = (await call('GET', '/customers')).body.customers;
      const customer = await call('GET', `/customers/${customers[1].id}`);
      expect(checkAgainstExample('get', '/customers/{id}', 200, customer.body)).toEqual([]);
      const contacts = await call('GET', `/contacts?customer_id=${customers[1].id}`);
      expect(checkAgainstExample('get', '/contacts', 200, contacts.body)).toEqual([]);
      const contact = await call('GET', `/contacts/${contacts.body.contacts[0].id}`);
      expect(spec.check('get', '/contacts/{id}', 200, contact.body)).toEqual([]);
      const assetId = (await call('GET', '/customer_assets')).body.assets[0].id;
      const asset = await call('GET', `/customer_assets/${assetId}`);
      // The swagger's own schema for this answer is malformed (ajv rejects it), so the create example stands in.
      expect(checkAgainstExample('get', '/customer_assets/{id}', 200, asset.body, { method: 'post', path: '/customer_assets', status: 200 })).toEqual([]);
      expect((await call('GET', '/customers/999')).body).toEqual({ message: 'Not found' });
    });

    it('tickets: list, create, show, update, comments', async () => {
      const list = await call('GET', '/tickets');
      expect(checkAgainstExample('get', '/tickets', 200, list.body)).toEqual([]);
      const customers = (await call('GET', '/customers')).body.customers;
      const created = await call('POST', '/tickets', {
        customer_id: customers[0].id,
        subject: 'Suspicious sign-in on LT01',
        status: 'New',
        problem_type: 'Other',
        comments_attributes: [{ subject: 'Issue', body: 'Details', hidden: true, do_not_email: true }],
      });
      expect(created.status).toBe(200);
      expect(checkAgainstExample('post', '/tickets', 200, created.body)).toEqual([]);
      const id = created.body.ticket.id;
      expect(checkAgainstExample('get', '/tickets/{id}', 200, (await call('GET', `/tickets/${id}`)).body)).toEqual([]);
      const resolved = await call('PUT', `/tickets/${id}`, { status: 'Resolved' });
      expect(checkAgainstExample('put', '/tickets/{id}', 200, resolved.body)).toEqual([]);
      expect(resolved.body.ticket.resolved_at).not.toBeNull();
      const comment = await call('POST', `/tickets/${id}/comment`, { subject: 'Update', body: 'Another alert', hidden: true });
      expect(checkAgainstExample('post', '/tickets/{id}/comment', 200, comment.body)).toEqual([]);
      const comments = await call('GET', `/tickets/${id}/comments`);
      expect(checkAgainstExample('get', '/tickets/{id}/comments', 200, comments.body)).toEqual([]);
      expect(comments.body.comments[0].id).toBe(comment.body.comment.id);
      const blank = await call('POST', `/tickets/${id}/comment`, { body: '' });
      expect(blank.status).toBe(422);
      expect(checkAgainstExample('post', '/tickets/{id}/comment', 422, blank.body)).toEqual([]);
      const noCustomer = await call('POST', '/tickets', { subject: 'x' });
      expect(noCustomer.status).toBe(422);
      expect(checkAgainstExample('post', '/tickets', 422, noCustomer.body)).toEqual([]);
    });

    it('RMM alerts: list, create, show, clear', async () => {
      expect(checkAgainstExample('get', '/rmm_alerts', 200, (await call('GET', '/rmm_alerts?status=all')).body)).toEqual([]);
      const asset = (await call('GET', '/customer_assets')).body.assets[0];
      const created = await call('POST', '/rmm_alerts', { customer_id: asset.customer_id, asset_id: asset.id, description: 'Test alert', formatted_output: 'Details' });
      expect(created.status).toBe(201);
      expect(checkAgainstExample('post', '/rmm_alerts', 201, created.body)).toEqual([]);
      const id = created.body.alert.id;
      expect(checkAgainstExample('get', '/rmm_alerts/{id}', 200, (await call('GET', `/rmm_alerts/${id}`)).body)).toEqual([]);
      const cleared = await call('DELETE', `/rmm_alerts/${id}`);
      expect(checkAgainstExample('delete', '/rmm_alerts/{id}', 200, cleared.body)).toEqual([]);
      expect((await call('GET', `/rmm_alerts/${id}`)).body.rmm_alert.resolved).toBe(true);
    });

    it('products and recurring invoices', async () => {
      const products = await call('GET', '/products');
      expect(checkAgainstExample('get', '/products', 200, products.body)).toEqual([]);
      expect(checkAgainstExample('get', '/products/{id}', 200, (await call('GET', `/products/${products.body.products[0].id}`)).body)).toEqual([]);
      const schedules = await call('GET', '/schedules');
      expect(checkAgainstExample('get', '/schedules', 200, schedules.body)).toEqual([]);
      const schedule = await call('GET', `/schedules/${schedules.body.schedules[0].id}`);
      expect(checkAgainstExample('get', '/schedules/{id}', 200, schedule.body)).toEqual([]);
      // Line items inside a schedule have the shape Syncro documents for a schedule line item.
      expect(checkAgainstExample('post', '/schedules/{id}/add_line_item', 200, { schedule_line_item: schedule.body.schedule.lines[0] })).toEqual([]);
    });
  });
});
