/**
 * @module Browser-side helpers for the RMM wizard and applications tests: a partner with the demo
 * organizations, RMM and PSA connections made through the real API (against the sandboxes), and
 * small queries into the wizard's shadow roots.
 */
import { waitUntil } from '@open-wc/testing';
import { DEMO_ORGANIZATIONS } from '../../../../bff/demo/demo-organizations.js';
import { seedPartner } from '../../support/test-bff.js';

export const DATTO = { platform: 'merlot', apiKey: 'sandbox-key', apiSecret: 'sandbox-secret' };
export const SYNCRO = { subdomain: 'sandbox', apiToken: 'sandbox-token' };

export async function api<T = any>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? (undefined as T) : await res.json() };
}

/** A fresh partner with the demo organizations (the platform's copy, as the host pushes it). */
export async function partnerWithOrganizations() {
  const seeded = await seedPartner();
  const put = await api(seeded.token, 'PUT', '/organizations', { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })) });
  if (put.status !== 200) throw new Error(`organizations: ${put.status}`);
  return seeded;
}

/** Connects an RMM entirely through the API: create, map (auto exact names + `extra` rows), complete. */
export async function connectRmm(token: string, vendor: 'datto-rmm' | 'syncro', userActivityOrganizationId: string, options: { autoMapExact?: boolean; confirmSeparateInstance?: boolean } = {}) {
  const created = await api(token, 'POST', '/integrations', {
    vendor, credentials: vendor === 'syncro' ? SYNCRO : DATTO, confirmSeparateInstance: options.confirmSeparateInstance ?? false,
    ...(vendor === 'datto-rmm' ? { userActivityOrganizationId } : {}),
  });
  if (created.status !== 201) throw new Error(`create ${vendor}: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const mapped = await api(token, 'PUT', `/integrations/${id}/rmm/mapping`, { userActivityOrganizationId, autoMapExact: options.autoMapExact ?? true, siteTypes: ['managed'], mappings: [] });
  if (mapped.status !== 200) throw new Error(`map ${vendor}: ${mapped.status} ${JSON.stringify(mapped.body)}`);
  const done = await api(token, 'POST', `/integrations/${id}/rmm/complete`);
  if (done.status !== 200) throw new Error(`complete ${vendor}: ${done.status}`);
  return { id, mapping: mapped.body };
}

/** The shadow root of an element inside another's shadow root, by selector, in order. */
export function deep(root: Element, ...selectors: string[]): Element {
  let node: Element | ShadowRoot = root;
  for (const selector of selectors) {
    const scope: ParentNode = (node as Element).shadowRoot ?? (node as ShadowRoot);
    const found: Element | null = scope.querySelector(selector);
    if (!found) throw new Error(`no ${selector}`);
    node = found;
  }
  return node as Element;
}

export const waitFor = (predicate: () => unknown, message: string, timeout = 5000) => waitUntil(() => Boolean(predicate()), message, { timeout, interval: 20 });
