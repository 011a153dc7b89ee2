/**
 * @module The RMM wizards' I/O against the BFF: each call the machines invoke, passing the invoking
 * state's AbortSignal on (leaving the state cancels the request). `rmmWizardActors(services)` turns
 * them into the actor logic `machine.provide({ actors })` expects; tests pass fakes instead.
 */
import { fromPromise } from 'xstate';
import type { RmmCustomField } from '../../../bff/contracts/entra-field.js';
import type { ApiClient, IntegrationView } from '../../api/client.js';
import type { WizardDraftStore } from '../shared/draft-store.js';
import { json } from '../shared/wizard-api.js';
import type {
  BootInput, BootResult, ConnectInput, IntegrationSummary, MappingSaveInput, MappingSaveResult, RmmDraftValues, RmmVendor, SiteView,
} from './rmm-wizard.types.js';

export interface RmmWizardServices {
  boot(input: BootInput, signal: AbortSignal): Promise<BootResult>;
  connect(input: ConnectInput, signal: AbortSignal): Promise<IntegrationSummary>;
  replaceCredentials(input: { integrationId: string; vendor: RmmVendor; credentials: Record<string, string> }, signal: AbortSignal): Promise<IntegrationSummary>;
  loadSites(input: { integrationId: string; refresh: boolean }, signal: AbortSignal): Promise<SiteView[]>;
  saveMapping(input: MappingSaveInput, signal: AbortSignal): Promise<MappingSaveResult>;
  loadCustomFields(input: { integrationId: string }, signal: AbortSignal): Promise<RmmCustomField[]>;
  saveParameters(input: { integrationId: string; entraDeviceIdField: string | null }, signal: AbortSignal): Promise<{ entraDeviceIdField: string | null }>;
  complete(input: { integrationId: string }, signal: AbortSignal): Promise<IntegrationSummary>;
}

type In<K extends keyof RmmWizardServices> = Parameters<RmmWizardServices[K]>[0];
type Out<K extends keyof RmmWizardServices> = Awaited<ReturnType<RmmWizardServices[K]>>;

const actor = <K extends keyof RmmWizardServices>(services: RmmWizardServices, key: K) =>
  fromPromise<Out<K>, In<K>>(({ input, signal }) => (services[key] as (i: In<K>, s: AbortSignal) => Promise<Out<K>>)(input, signal));

/** The services as actor logic, keyed as the machines name them. */
export function rmmWizardActors(services: RmmWizardServices) {
  return {
    boot: actor(services, 'boot'),
    connect: actor(services, 'connect'),
    replaceCredentials: actor(services, 'replaceCredentials'),
    loadSites: actor(services, 'loadSites'),
    saveMapping: actor(services, 'saveMapping'),
    loadCustomFields: actor(services, 'loadCustomFields'),
    saveParameters: actor(services, 'saveParameters'),
    complete: actor(services, 'complete'),
  };
}

const summary = (view: IntegrationView): IntegrationSummary => ({
  id: view.id, status: view.status, accountLabel: view.accountLabel, userActivityOrganizationId: view.userActivityOrganizationId,
  ...(view.sync ? { sync: view.sync } : {}),
});

/** Reads a draft defensively: it was written by this machine version, but it is still data from outside. */
function asDraft(value: unknown): RmmDraftValues | null {
  if (!value || typeof value !== 'object') return null;
  const draft = value as Partial<RmmDraftValues>;
  if (typeof draft.step !== 'string' || !draft.mapping || typeof draft.mapping !== 'object') return null;
  return {
    step: draft.step,
    integrationId: typeof draft.integrationId === 'string' ? draft.integrationId : null,
    confirmSeparateInstance: draft.confirmSeparateInstance === true,
    userActivityOrganizationId: typeof draft.userActivityOrganizationId === 'string' ? draft.userActivityOrganizationId : null,
    credentials: draft.credentials && typeof draft.credentials === 'object' ? draft.credentials : {},
    mapping: draft.mapping,
    entraDeviceIdField: typeof draft.entraDeviceIdField === 'string' ? draft.entraDeviceIdField : null,
    doneSteps: Array.isArray(draft.doneSteps) ? draft.doneSteps.filter((s): s is string => typeof s === 'string') : [],
  };
}

/** The BFF-backed services. `drafts` is the wizard's draft store (its key already names vendor and integration). */
export function createRmmWizardServices(api: ApiClient, drafts: WizardDraftStore | null): RmmWizardServices {
  const base = api.apiBase;
  const one = (id: string) => api.rpc.api.integrations[':id'];
  const init = (signal: AbortSignal) => ({ init: { signal } });

  async function integrationState(id: string, vendor: RmmVendor, signal: AbortSignal) {
    const [view, mapping, parameters] = await Promise.all([
      json(one(id).$get({ param: { id } }, init(signal)), base),
      json(one(id).rmm.mapping.$get({ param: { id } }, init(signal)), base),
      vendor === 'datto-rmm' ? json(one(id).rmm.parameters.$get({ param: { id } }, init(signal)), base) : Promise.resolve({ entraDeviceIdField: null }),
    ]);
    return {
      integration: summary(view),
      // Never saved: the BFF answers its defaults (no auto-mapping, Managed sites, no rows).
      mapping: { autoMapExact: mapping.autoMapExact, siteTypes: mapping.siteTypes, rows: mapping.mappings },
      entraDeviceIdField: parameters.entraDeviceIdField,
    };
  }

  return {
    async boot({ vendor, integrationId }, signal) {
      const [orgs, rmm, draftValue] = await Promise.all([
        json(api.rpc.api.organizations.$get(undefined, init(signal)), base),
        api.integrations.list('rmm', signal),
        drafts ? drafts.load(signal).catch(() => undefined) : Promise.resolve(undefined),
      ]);
      const draft = asDraft(draftValue);
      // Edit mode opens its integration; a new wizard's draft may already have created one.
      const id = integrationId ?? (draft?.integrationId && rmm.some((i) => i.id === draft.integrationId) ? draft.integrationId : null);
      const state = id ? await integrationState(id, vendor, signal) : null;
      const others = rmm.filter((i) => i.vendor === vendor && i.id !== id);
      return {
        organizations: orgs.organizations.map((o) => ({ id: o.id, name: o.name })),
        duplicateOf: id ? null : others[0]?.id ?? null,
        integration: state?.integration ?? null,
        mapping: state?.mapping ?? null,
        entraDeviceIdField: state?.entraDeviceIdField ?? null,
        draft: draft && (!draft.integrationId || draft.integrationId === id) ? draft : null,
      };
    },
    async connect({ vendor, credentials, confirmSeparateInstance, userActivityOrganizationId }, signal) {
      const body = { vendor, credentials, confirmSeparateInstance, ...(userActivityOrganizationId ? { userActivityOrganizationId } : {}) };
      return summary(await json(api.rpc.api.integrations.$post({ json: body }, init(signal)), base));
    },
    async replaceCredentials({ integrationId, credentials }, signal) {
      return summary(await json(one(integrationId).credentials.$put({ param: { id: integrationId }, json: { credentials } }, init(signal)), base));
    },
    async loadSites({ integrationId, refresh }, signal) {
      const query = refresh ? { refresh: 'true' as const } : {};
      return (await json(one(integrationId).rmm.sites.$get({ param: { id: integrationId }, query }, init(signal)), base)).sites;
    },
    async saveMapping({ integrationId, body }, signal) {
      return json(one(integrationId).rmm.mapping.$put({ param: { id: integrationId }, json: body }, init(signal)), base) as Promise<MappingSaveResult>;
    },
    async loadCustomFields({ integrationId }, signal) {
      return (await json(one(integrationId).rmm['custom-fields'].$get({ param: { id: integrationId }, query: {} }, init(signal)), base)).fields;
    },
    async saveParameters({ integrationId, entraDeviceIdField }, signal) {
      return json(one(integrationId).rmm.parameters.$put({ param: { id: integrationId }, json: { entraDeviceIdField } }, init(signal)), base) as Promise<{ entraDeviceIdField: string | null }>;
    },
    async complete({ integrationId }, signal) {
      return summary(await json(one(integrationId).rmm.complete.$post({ param: { id: integrationId } }, init(signal)), base));
    },
  };
}
