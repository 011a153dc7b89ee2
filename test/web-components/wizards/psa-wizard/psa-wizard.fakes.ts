/**
 * @module Fakes for the PSA wizard machine's services (vitest, no BFF): `controllable()` holds each
 * call until the test settles it, so a test can look at the machine mid-request; `FIXTURES` is a
 * small, consistent PSA (one account with contacts, one without, picklists, catalog, services).
 */
import type { PsaPicklists } from '../../../../bff/contracts/model.js';
import { problemFromBody } from '../../../../web-components/wizards/shared/wizard-api.js';
import type { PsaWizardServices } from '../../../../web-components/wizards/psa-wizard/psa-wizard.services.js';
import type { Catalog } from '../../../../web-components/wizards/psa-wizard/psa-wizard.types.js';

const value = (id: string, label: string, extra: Partial<{ isDefault: boolean; parentId: string }> = {}) => ({ id, label, isDefault: false, isActive: true, ...extra });

export const PICKLISTS: PsaPicklists = {
  ticketCategory: [value('cat-1', 'Standard', { isDefault: true })],
  ticketType: [value('type-1', 'Incident', { isDefault: true }), value('type-2', 'Alert')],
  ticketStatus: [value('st-1', 'New', { isDefault: true }), value('st-5', 'Complete')],
  closedStatusIds: ['st-5'],
  queue: [value('q-1', 'Triage'), value('q-2', 'Security')],
  source: [value('src-1', 'Monitoring Alert', { isDefault: true })],
  priority: [value('p-1', 'Critical'), value('p-2', 'High'), value('p-3', 'Medium'), value('p-4', 'Low')],
  noteType: [value('nt-1', 'Task Notes', { isDefault: true })],
  noteVisibility: [value('nv-1', 'Internal', { isDefault: true })],
  issueType: [value('it-1', 'Security'), value('it-2', 'Hardware')],
  subIssueType: [value('sit-1', 'Phishing', { parentId: 'it-1' }), value('sit-2', 'Disk', { parentId: 'it-2' })],
  unsupported: [],
};

/** Kaseya BMS has no ticket category (its adapter says so). */
export const BMS_PICKLISTS: PsaPicklists = { ...PICKLISTS, ticketCategory: [], unsupported: ['ticketCategory'] };

export const CATALOG: Catalog = {
  alertTypes: [{ id: 'at-1', name: 'Too Many Downloads' }],
  respondRules: [{ id: 'rr-1', name: 'Disable user' }],
  iocRules: [{ id: 'ioc-1', name: 'Known bad IP' }],
};

export const CONTACT = { id: 'c-1', accountId: 'acc-1', name: 'Default Contact', email: 'alerts@default.example', isPrimary: true, isActive: true };
export const SERVICE = { id: 'svc-1', name: 'Existing Service', unitCost: 1, unitPrice: 2 };
export const INTEGRATION_ID = '00000000-0000-4000-8000-000000000001';

export const PRIORITIES = { critical: 'p-1', high: 'p-2', medium: 'p-3', low: 'p-4', informational: 'p-4' };

/** Services that answer at once, as a healthy BFF would; override any of them per test. */
export function fakeServices(overrides: Partial<PsaWizardServices> = {}): PsaWizardServices & { calls: Array<{ service: string; input: unknown }> } {
  const calls: Array<{ service: string; input: unknown }> = [];
  const base: PsaWizardServices = {
    submitCredentials: async () => ({ integrationId: INTEGRATION_ID }),
    loadSaved: async () => { throw new Error('not editing'); },
    loadContacts: async ({ accountId }) => (accountId === 'acc-1' ? [CONTACT] : []),
    saveAccountMapping: async ({ value: v }) => v,
    loadServiceLists: async () => ({ picklists: PICKLISTS, catalog: CATALOG }),
    saveTicketSettings: async ({ value: v }) => v as never,
    loadServices: async () => [SERVICE],
    createService: async ({ name, unitCost, unitPrice }) => ({ id: 'svc-new', name, unitCost, unitPrice }),
    saveContractSettings: async ({ value: v }) => v,
    complete: async ({ integrationId }) => ({
      id: integrationId, kind: 'psa', vendor: 'autotask', vendorLabel: 'Autotask', status: 'active', statusLabel: 'Active',
      hasCredentials: true, accountLabel: null, userActivityOrganizationId: null, createdAt: '', updatedAt: '',
    }),
    sendTestTicket: async () => ({ vendorTicketId: 'T-1', ticketNumber: 'T20260101.0001', title: '[TEST] Integration hub test ticket' }),
    ...overrides,
  };
  const recorded = Object.fromEntries(Object.entries(base).map(([name, fn]) => [name, (input: unknown, signal: AbortSignal) => {
    calls.push({ service: name, input });
    return (fn as (i: unknown, s: AbortSignal) => Promise<unknown>)(input, signal);
  }])) as unknown as PsaWizardServices;
  return Object.assign(recorded, { calls });
}

interface Pending {
  input: unknown;
  signal: AbortSignal;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Services whose every call waits until the test resolves or rejects it. */
export function controllable() {
  const pending = new Map<string, Pending>();
  const services = new Proxy({} as PsaWizardServices, {
    get: (_, service: string) => (input: unknown, signal: AbortSignal) =>
      new Promise((resolve, reject) => { pending.set(service, { input, signal, resolve, reject }); }),
  });
  const take = (service: string): Pending => {
    const call = pending.get(service);
    if (!call) throw new Error(`no pending ${service} call (pending: ${[...pending.keys()].join(', ') || 'none'})`);
    pending.delete(service);
    return call;
  };
  return {
    services,
    pending,
    resolve: (service: string, output: unknown) => take(service).resolve(output),
    reject: (service: string, error: unknown) => take(service).reject(error),
  };
}

/** A problem+json refusal as the client throws it. */
export function problem(status: number, code: string, errors: Array<{ field: string; message: string }> = [], extra: Record<string, unknown> = {}) {
  return problemFromBody({ type: `urn:integration-hub:problem:${code}`, title: code, status, code, detail: `Refused (${code})`, errors, ...extra });
}
