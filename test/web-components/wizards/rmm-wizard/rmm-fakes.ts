/**
 * @module Fakes for the RMM wizard machines' services: every call is recorded, answers come from
 * small overridable defaults (the demo organizations' names, a few sites of each type), and
 * `deferredServices()` hands each call's promise to the test to settle (model-based tests).
 */
import type { RmmCustomField } from '../../../../bff/contracts/entra-field.js';
import type { ApiProblem } from '../../../../web-components/api/api-problem.js';
import { send } from '../../../../web-components/wizards/shared/wizard-api.js';
import type { RmmWizardServices } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.services.js';
import type { BootResult, IntegrationSummary, SiteView } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.types.js';

export const ORGANIZATIONS = [
  { id: 'org-internal', name: 'Northwind MSP (Internal)' },
  { id: 'org-acme', name: 'Acme Dental Group' },
  { id: 'org-bluebird', name: 'Bluebird Logistics' },
  { id: 'org-evergreen', name: 'Evergreen Accounting' },
];

export const SITES: SiteView[] = [
  { id: 's-acme', name: 'Acme Dental Group', type: 'managed', deviceCount: 12 },
  { id: 's-bluebird', name: 'Bluebird Logistics', type: 'managed', deviceCount: 30 },
  { id: 's-evergreen', name: 'EVERGREEN ACCOUNTING', type: 'managed', deviceCount: 8 },
  { id: 's-lakeside', name: 'Lakeside Pediatrics', type: 'managed', deviceCount: 5 },
  { id: 's-riverside', name: 'Riverside Auto Repair', type: 'ondemand', deviceCount: 2 },
  { id: 's-deleted', name: 'Deleted Devices', type: 'deleted', deviceCount: 4 },
];

/** The Datto account's UDFs as the BFF reports them: udf5 holds Entra device ids, udf2 asset tags, udf9 nothing yet. */
export const CUSTOM_FIELDS: RmmCustomField[] = [
  { name: 'udf2', label: 'User-defined field 2', devicesSampled: 40, valueCount: 24, deviceIdCount: 0, samples: ['AT-0…', 'AT-1…'] },
  { name: 'udf5', label: 'User-defined field 5', devicesSampled: 40, valueCount: 15, deviceIdCount: 15, samples: ['5f1c7e0a-1111-2222-3333-444455556666', '9a8b7c6d-aaaa-4bbb-8ccc-ddddeeeeffff'] },
  { name: 'udf9', label: 'User-defined field 9', devicesSampled: 40, valueCount: 0, deviceIdCount: 0, samples: [] },
];

export const INTEGRATION: IntegrationSummary = { id: '11111111-1111-4111-8111-111111111111', status: 'draft', accountLabel: 'Sandbox account', userActivityOrganizationId: 'org-internal' };

export const BOOT: BootResult = { organizations: ORGANIZATIONS, duplicateOf: null, integration: null, mapping: null, entraDeviceIdField: null, draft: null };

/** A problem exactly as the wizard's client makes it from a BFF answer (extension members such as `existingIntegrationId` included). */
export async function problem(status: number, code: string, errors: Array<{ field: string; message: string }> = [], extra: Record<string, unknown> = {}, detail = 'Refused.'): Promise<ApiProblem> {
  const body = { type: `urn:integration-hub:problem:${code}`, title: 'Refused', status, code, detail, errors, ...extra };
  try {
    await send(Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } })), '/api');
  } catch (error) {
    return error as ApiProblem;
  }
  throw new Error('send() accepted a non-2xx answer');
}

export interface Recorded {
  calls: Array<{ name: keyof RmmWizardServices; input: unknown }>;
  of(name: keyof RmmWizardServices): unknown[];
}

/** Services that answer at once from `overrides` or the defaults, recording each call. */
export function fakeServices(overrides: Partial<RmmWizardServices> = {}): RmmWizardServices & Recorded {
  const calls: Recorded['calls'] = [];
  const record = <K extends keyof RmmWizardServices>(name: K, impl: RmmWizardServices[K]) =>
    ((input: unknown, signal: AbortSignal) => {
      calls.push({ name, input });
      return (impl as (i: unknown, s: AbortSignal) => Promise<unknown>)(input, signal);
    }) as RmmWizardServices[K];
  const defaults: RmmWizardServices = {
    boot: async () => BOOT,
    connect: async (input) => ({ ...INTEGRATION, userActivityOrganizationId: input.userActivityOrganizationId }),
    replaceCredentials: async () => INTEGRATION,
    loadSites: async () => SITES,
    saveMapping: async ({ body }) => ({
      userActivityOrganizationId: body.userActivityOrganizationId ?? INTEGRATION.userActivityOrganizationId,
      autoMapExact: body.autoMapExact,
      siteTypes: body.siteTypes,
      mappings: body.mappings.map((m) => ({ siteId: m.siteId, organizationId: m.organizationId, ignoreAutoMap: m.ignoreAutoMap })),
    }),
    loadCustomFields: async () => CUSTOM_FIELDS,
    saveParameters: async ({ entraDeviceIdField }) => ({ entraDeviceIdField }),
    complete: async () => ({ ...INTEGRATION, status: 'connected' }),
  };
  const merged = { ...defaults, ...overrides };
  const services = Object.fromEntries(
    (Object.keys(merged) as Array<keyof RmmWizardServices>).map((name) => [name, record(name, merged[name] as never)]),
  ) as unknown as RmmWizardServices;
  return Object.assign(services, { calls, of: (name: keyof RmmWizardServices) => calls.filter((c) => c.name === name).map((c) => c.input) });
}

/** Services whose calls wait until the test settles them: `pending(name)` gives the oldest unsettled call. */
export function deferredServices() {
  const queue: Array<{ name: string; input: unknown; resolve(v: unknown): void; reject(e: unknown): void }> = [];
  const make = (name: string) => (input: unknown, signal: AbortSignal) => new Promise((resolve, reject) => {
    const call = { name, input, resolve, reject };
    queue.push(call);
    // A call whose state was left (Back, Cancel) is abandoned: it can no longer be settled.
    signal.addEventListener('abort', () => { const i = queue.indexOf(call); if (i >= 0) queue.splice(i, 1); reject(new Error('aborted')); });
  });
  const names = ['boot', 'connect', 'replaceCredentials', 'loadSites', 'saveMapping', 'loadCustomFields', 'saveParameters', 'complete'] as const;
  const services = Object.fromEntries(names.map((n) => [n, make(n)])) as unknown as RmmWizardServices;
  return {
    services,
    /** Settles the oldest pending call of `name` (the machine's invoke ids are the service names, except `refreshSites`). */
    settle(name: string, outcome: { output?: unknown; error?: unknown }) {
      const index = queue.findIndex((q) => q.name === name);
      if (index < 0) throw new Error(`no pending ${name} call; pending: ${queue.map((q) => q.name).join(', ') || 'none'}`);
      const [call] = queue.splice(index, 1);
      if ('error' in outcome) call!.reject(outcome.error);
      else call!.resolve(outcome.output);
    },
  };
}

/** Lets resolved promises reach the actor. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
