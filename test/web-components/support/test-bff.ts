/**
 * @module Browser-side access to the test-only routes of the in-process BFF (test/helpers/browser-bff.ts).
 * Each test acts as its own partner, so files running in parallel never see each other's rows.
 */
import type { IntegrationView } from '../../../web-components/index.js';
import type { TestFaultRequest, TestIntegrationRequest } from '../../helpers/browser-bff.js';

async function post<T>(path: string, body: unknown, method = 'POST'): Promise<T> {
  const res = await fetch(`/__test/${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`/__test/${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

let counter = 0;
/** A partner id no other test uses. */
export function uniquePartner(label = 'p'): string {
  counter += 1;
  return `wtr-${label}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

export async function tokenFor(partner: string, role: 'admin' | 'router' = 'admin'): Promise<string> {
  return (await post<{ token: string }>('token', { partner, role })).token;
}

/** Creates an integration directly in the store (the wizards that create them come later). */
export function createIntegration(input: TestIntegrationRequest): Promise<IntegrationView> {
  return post<IntegrationView>('integrations', input);
}

/** Changes a stored status behind the elements' back (as another admin or tab would). */
export function setStoredStatus(partner: string, id: string, status: IntegrationView['status']): Promise<IntegrationView> {
  return post<IntegrationView>(`integrations/${id}`, { partner, status }, 'PATCH');
}

/** What the BFF has stored for an integration, deleted ones included. */
export async function storedIntegration(partner: string, id: string): Promise<IntegrationView & { deletedAt: string | null }> {
  const res = await fetch(`/__test/integrations/${id}?partner=${encodeURIComponent(partner)}`);
  if (!res.ok) throw new Error(`stored integration ${id}: HTTP ${res.status}`);
  return res.json();
}

/** The next `count` `/api` calls with this partner's token answer `status` (problem+json). */
export function injectFault(input: TestFaultRequest): Promise<unknown> {
  return post('faults', input);
}

/** A partner with a token and, optionally, some integrations. */
export async function seedPartner(integrations: Array<Omit<TestIntegrationRequest, 'partner'>> = []) {
  const partner = uniquePartner();
  const token = await tokenFor(partner);
  const rows: IntegrationView[] = [];
  for (const input of integrations) rows.push(await createIntegration({ ...input, partner }));
  return { partner, token, rows };
}

/** Deletes this partner's integrations and faults (other partners, and so other test files, are untouched). */
export function resetPartner(partner: string): Promise<unknown> {
  return post('reset', { partner });
}
