/**
 * @module The PSA wizard's calls to the BFF: the machine's services (each with its state's
 * AbortSignal) and the caches the step elements read vendor lists from (accounts in pages with
 * progress, organizations, contacts and contracts per account), all through the typed client.
 */
import type { AccountMapping, ContractSettings, TicketSettings } from '../../../bff/contracts/psa-settings.js';
import type { PsaAccount, PsaContact, PsaContract } from '../../../bff/contracts/model.js';
import type { ApiClient } from '../../api/client.js';
import type { LoadContext } from '../shared/async-list.js';
import { loadAllPages } from '../shared/async-list.js';
import { json } from '../shared/wizard-api.js';
import type { PsaWizardServices, SavedPsaSettings } from './psa-wizard.services.js';
import { EMPTY_CONTRACT, PSA_STEPS, type Catalog, type PsaStep, type TicketDraft } from './psa-wizard.types.js';

const SECTION_STEP: Record<string, PsaStep> = { accountMapping: 'account-mapping', ticket: 'service-parameters', contract: 'contract-mapping' };

/** The machine's services over the BFF. */
export function createPsaWizardServices(api: ApiClient): PsaWizardServices {
  const base = api.apiBase;
  const integrations = api.rpc.api.integrations;
  const one = integrations[':id'];
  const init = (signal: AbortSignal) => ({ init: { signal } });
  return {
    async submitCredentials({ vendor, integrationId, credentials }, signal) {
      const detail = integrationId
        ? await json(one.credentials.$put({ param: { id: integrationId }, json: { credentials } }, init(signal)), base)
        : await json(integrations.$post({ json: { vendor, credentials, confirmSeparateInstance: false } }, init(signal)), base);
      return { integrationId: detail.id };
    },
    async loadSaved({ integrationId }, signal) {
      const param = { id: integrationId };
      const [detail, accountMapping, ticket, contract] = await Promise.all([
        json(one.$get({ param }, init(signal)), base),
        json(one.psa['account-mapping'].$get({ param }, init(signal)), base),
        json(one.psa['ticket-settings'].$get({ param }, init(signal)), base),
        json(one.psa['contract-settings'].$get({ param }, init(signal)), base),
      ]);
      const sections = ((detail.settings ?? {}) as { completedSections?: string[] }).completedSections ?? [];
      const done: PsaStep[] = ['credentials', ...sections.map((s) => SECTION_STEP[s]).filter((s): s is PsaStep => Boolean(s))];
      if (detail.status === 'active' || detail.status === 'paused') done.push('finish');
      // "Finish setup" without a draft: its credentials are stored, so it opens at the first step still to do.
      const resumeAt = detail.status === 'draft' ? PSA_STEPS.find((step) => !done.includes(step)) ?? 'finish' : 'summary';
      // A contract section never saved has no sync day yet: offer the wizard's own default, as a new wizard does.
      const savedContract = contract as ContractSettings;
      const contractValue = done.includes('contract-mapping') ? savedContract : { ...savedContract, userSyncDay: savedContract.userSyncDay ?? EMPTY_CONTRACT.userSyncDay };
      return { accountMapping: accountMapping as AccountMapping, ticket: toTicketDraft(ticket.ticket as TicketSettings | null), contract: contractValue, done, resumeAt,
        connection: detail.connection ?? [], status: detail.status } satisfies SavedPsaSettings;
    },
    async loadContacts({ integrationId, accountId }, signal) {
      return (await json(one.psa.accounts[':accountId'].contacts.$get({ param: { id: integrationId, accountId }, query: {} }, init(signal)), base)).contacts as PsaContact[];
    },
    async saveAccountMapping({ integrationId, value }, signal) {
      return await json(one.psa['account-mapping'].$put({ param: { id: integrationId }, json: value }, init(signal)), base) as AccountMapping;
    },
    async loadServiceLists({ integrationId }, signal) {
      const [picklists, catalog] = await Promise.all([
        json(one.psa.picklists.$get({ param: { id: integrationId }, query: {} }, init(signal)), base),
        json(api.rpc.api.catalog.$get({}, init(signal)), base),
      ]);
      return { picklists, catalog: catalog as Catalog };
    },
    async saveTicketSettings({ integrationId, value }, signal) {
      return await json(one.psa['ticket-settings'].$put({ param: { id: integrationId }, json: value }, init(signal)), base) as TicketSettings;
    },
    async loadServices({ integrationId }, signal) {
      return (await json(one.psa.services.$get({ param: { id: integrationId }, query: {} }, init(signal)), base)).services as never;
    },
    async createService({ integrationId, name, unitCost, unitPrice }, signal) {
      return await json(one.psa.services.$post({ param: { id: integrationId }, json: { name, description: null, unitCost, unitPrice } }, init(signal)), base) as never;
    },
    async saveContractSettings({ integrationId, value }, signal) {
      return await json(one.psa['contract-settings'].$put({ param: { id: integrationId }, json: value }, init(signal)), base) as ContractSettings;
    },
    async complete({ integrationId }, signal) {
      return json(one.psa.complete.$post({ param: { id: integrationId } }, init(signal)), base);
    },
    async sendTestTicket({ integrationId }, signal) {
      return json(one.psa['test-ticket'].$post({ param: { id: integrationId } }, init(signal)), base);
    },
  };
}

/** A stored ticket section as the draft shape (older rows may lack the override tables). */
function toTicketDraft(ticket: TicketSettings | null): TicketDraft | null {
  if (!ticket) return null;
  const overrides = (ticket.overrides ?? {}) as Partial<TicketDraft['overrides']>;
  return { ...ticket, closeOnResolveStatusId: ticket.closeOnResolveStatusId ?? null, overrides: { alertTypes: overrides.alertTypes ?? [], respondRules: overrides.respondRules ?? [], iocRules: overrides.iocRules ?? [] } };
}

export interface OrganizationOption {
  id: string;
  name: string;
  status: 'active' | 'pending';
}

/**
 * Vendor lists the step elements show, fetched once per wizard and shared between steps (the
 * contract step reuses the mapping step's organizations and contacts). Failed loads are forgotten,
 * so Retry really asks again.
 */
export class PsaWizardData {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(private readonly api: ApiClient, readonly integrationId: string) {}

  private memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    let pending = this.cache.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      this.cache.set(key, pending);
      pending.catch(() => { if (this.cache.get(key) === pending) this.cache.delete(key); });
    }
    return pending;
  }

  /** Every PSA account, page by page with progress (the BFF filters too, but 10,000 rows filter faster here). */
  accounts(context: LoadContext, pageSize = 2_500): Promise<PsaAccount[]> {
    const route = this.api.rpc.api.integrations[':id'].psa.accounts;
    return this.memo('accounts', () => loadAllPages(
      (offset, limit, signal) => json(route.$get({ param: { id: this.integrationId }, query: { offset: String(offset), limit: String(limit) } }, { init: { signal } }), this.api.apiBase),
      // Shared between steps: a step that leaves must not abort the load another step waits for.
      { signal: new AbortController().signal, progress: context.progress }, pageSize));
  }

  organizations(): Promise<OrganizationOption[]> {
    return this.memo('organizations', async () => (await json(this.api.rpc.api.organizations.$get({}), this.api.apiBase)).organizations);
  }

  /** "+ Add to platform": a pending organization named after the PSA account (the BFF reuses one of the same name). */
  async addPendingOrganization(name: string): Promise<OrganizationOption> {
    const created = await json(this.api.rpc.api.organizations.pending.$post({ json: { name } }), this.api.apiBase);
    const list = await this.organizations().catch(() => []);
    this.cache.set('organizations', Promise.resolve(list.some((o) => o.id === created.id) ? list : [...list, created]));
    return created;
  }

  contacts(accountId: string): Promise<PsaContact[]> {
    return this.memo(`contacts:${accountId}`, async () => (await json(
      this.api.rpc.api.integrations[':id'].psa.accounts[':accountId'].contacts.$get({ param: { id: this.integrationId, accountId }, query: {} }), this.api.apiBase)).contacts as PsaContact[]);
  }

  contracts(accountId: string): Promise<PsaContract[]> {
    return this.memo(`contracts:${accountId}`, async () => (await json(
      this.api.rpc.api.integrations[':id'].psa.contracts.$get({ param: { id: this.integrationId }, query: { accountId } }), this.api.apiBase)).contracts as PsaContract[]);
  }
}
