/**
 * @module Browser-side setup for the list's health tests: PSA/RMM integrations configured through the
 * real setup API against the sandboxes, seeded delivery and sync history, real alert intake, and a
 * look at what the BFF answers (all through test/helpers/browser-bff.ts's `/__test` routes or `/api`).
 */
import type { IntegrationView } from '../../../../web-components/index.js';
import type {
  TestDeliveriesRequest, TestFaultRequest, TestOutageRequest, TestPsaSetupRequest, TestPushRegisterRequest, TestRmmSetupRequest, TestSyncFailureRequest, TestSyncHoldRequest,
} from '../../../helpers/browser-bff.js';
import { tokenFor, uniquePartner } from '../../support/test-bff.js';

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`/__test/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`/__test/${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** A partner with an admin token. */
export async function newPartner() {
  const partner = uniquePartner('health');
  return { partner, token: await tokenFor(partner) };
}

export const configurePsa = (input: TestPsaSetupRequest) => post<IntegrationView>('psa-integrations', input);
export const connectRmm = (input: TestRmmSetupRequest) => post<IntegrationView>('rmm-integrations', input);
export const seedDeliveries = (input: TestDeliveriesRequest) => post<unknown>('deliveries', input);
export const seedSyncFailure = (input: TestSyncFailureRequest) => post<unknown>('rmm-sync-failures', input);
/** Holds a device sync "running" (as another process's run would), then, with `release`, ends it successfully. */
export const holdSync = (input: TestSyncHoldRequest) => post<unknown>('rmm-sync-hold', input);
export const injectFault = (input: TestFaultRequest) => post<unknown>('faults', input);
/** One registration of the PSA's webhook by the real two-way code (`refuse`: the PSA answers 403 to it). */
export const registerPush = (input: TestPushRegisterRequest) => post<{ outcome: string }>('push-register', input);
/** The PSA's notice that it turned the webhook off, posted to the BFF's own deactivation route. */
export const deactivatePush = (input: Omit<TestPushRegisterRequest, 'refuse'>) => post<{ status: number }>('push-deactivated', input);
/** A PSA outage through the real adapter and circuit breaker (see browser-bff.ts `/outage`). */
export const outage = (input: TestOutageRequest) => post<unknown>('outage', input);

/** Posts alerts through the real intake (router role); with no worker in the browser BFF they stay queued. */
export async function queueAlerts(partner: string, n: number): Promise<void> {
  const token = await tokenFor(partner, 'router');
  for (let i = 0; i < n; i += 1) {
    const res = await fetch('/api/routing/alerts', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        id: `${partner}-alert-${i}`, organizationId: 'org-acme', severity: 'high', alertType: 'at-too-many-downloads',
        title: 'Too many downloads', description: 'The user downloaded 1,204 files in 10 minutes.', user: { email: 'user@domain.com' },
      }),
    });
    if (res.status !== 202) throw new Error(`alert intake: HTTP ${res.status} ${await res.text()}`);
  }
}

/** A GET on the real API as the partner's admin. */
export async function api<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`/api${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** A row's text with whitespace collapsed, as a person reads it. */
export const textOf = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
