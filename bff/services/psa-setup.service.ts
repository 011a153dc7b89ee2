/**
 * @module Saving the PSA wizard's sections and completing the integration. Each save parses the
 * section's zod schema, then checks it against the partner's organizations and the vendor's live
 * data (vendor calls first, outside any transaction), then writes in one transaction. Completion
 * re-checks every rule: the server is the authority, whatever the browser allowed.
 */
import type { Repositories } from '../../db/repositories/index.js';
import type { IntegrationRecord } from '../../db/repositories/integrations.repo.js';
import {
  accountMappingSchema, CONTRACTS_OFF, contractSettingsSchemaFor, NO_CONTACT_MESSAGE, noLongerOfferedMessage, psaStoredSettingsSchema, ticketSettingsSchema,
  type AccountMapping, type ContractSettings, type PsaStoredSettings, type TicketSettings, OPTIONAL_BY_VENDOR_FIELDS,
} from '../contracts/psa-settings.js';
import { psaFieldLabels } from '../contracts/vendor-field-labels.js';
import { isPsaVendor, VENDOR_LABELS } from '../contracts/vendor-catalog.js';
import { fieldsFromZod, ProblemError, validationProblem, type FieldProblem } from '../errors.js';
import type { PicklistKey, PsaPicklists } from '../contracts/model.js';
import type { PsaAdapter } from '../vendors/psa-adapter.js';
import type { VendorGateway } from './vendor-gateway.js';

export type Actor = { partner: string; sub: string };

export class PsaSetupService {
  constructor(
    private readonly repos: Repositories,
    private readonly vendors: VendorGateway,
  ) {}

  storedSettings(integration: IntegrationRecord): PsaStoredSettings {
    return psaStoredSettingsSchema.parse(integration.settings ?? {});
  }

  picklists(integrationId: string, adapter: PsaAdapter, refresh = false): Promise<PsaPicklists> {
    return this.vendors.cached(integrationId, 'picklists', () => adapter.getPicklists(), { refresh });
  }

  contacts(integrationId: string, adapter: PsaAdapter, accountId: string, refresh = false) {
    return this.vendors.cached(integrationId, `contacts:${accountId}`, () => adapter.listContacts(accountId), { refresh });
  }

  /** The whole account-mapping section as the wizard edits it. */
  async accountMapping(integration: IntegrationRecord): Promise<AccountMapping> {
    const s = this.storedSettings(integration);
    return {
      attachContacts: s.attachContacts,
      catchAllAccountId: s.catchAllAccountId ?? '',
      catchAllAccountName: s.catchAllAccountName ?? '',
      catchAllContactId: s.catchAllContactId,
      catchAllContactName: s.catchAllContactName,
      mappings: (await this.repos.mappings.listPsaAccounts(integration.id)).map(({ integrationId: _, ...row }) => row),
    };
  }

  async contractSettings(integration: IntegrationRecord): Promise<ContractSettings> {
    const s = this.storedSettings(integration);
    const mappings = (await this.repos.mappings.listPsaContracts(integration.id)).map(({ integrationId: _, ...row }) => row);
    return s.contract ? { ...s.contract, mappings } : { ...CONTRACTS_OFF, mappings };
  }

  async saveAccountMapping(actor: Actor, integrationId: string, input: unknown): Promise<AccountMapping> {
    const { integration, adapter } = await this.vendors.psa(actor.partner, integrationId);
    const value = await this.checkAccountMapping(actor.partner, integration, adapter, input);
    const before = await this.accountMapping(integration);
    const settings = { ...this.storedSettings(integration), ...pickMappingSettings(value) };
    settings.completedSections = addSection(settings.completedSections, 'accountMapping');
    // A contract belongs to the account it was chosen under (checkContractSettings): an organization now
    // mapped to another account, or to none, loses its contract row in this same write, so no ticket of
    // the new account carries the old one's contract (the PSA would refuse it). The audit names them.
    const was = accountsByOrganization(before.mappings);
    const now = accountsByOrganization(value.mappings);
    const contracts = (await this.repos.mappings.listPsaContracts(integration.id)).map(({ integrationId: _, ...row }) => row);
    const stays = (r: (typeof contracts)[number]) => now.has(r.organizationId) && now.get(r.organizationId) === was.get(r.organizationId);
    const kept = contracts.filter(stays);
    const droppedContracts = contracts.filter((r) => !stays(r)).map((r) => `${r.organizationId}:${r.contractId}`);
    await this.repos.mappings.replace(integration.id, { psaAccounts: value.mappings, ...(droppedContracts.length ? { psaContracts: kept } : {}) }, {
      integration: { partnerId: actor.partner, patch: { settings } },
      audit: { partnerId: actor.partner, actor: actor.sub, action: 'psa.account-mapping', target: `integration:${integration.id}`, before: summarizeMapping(before),
        after: { ...summarizeMapping(value), ...(droppedContracts.length ? { droppedContracts } : {}) } },
    });
    return value;
  }

  async saveTicketSettings(actor: Actor, integrationId: string, input: unknown): Promise<TicketSettings> {
    const { integration, adapter } = await this.vendors.psa(actor.partner, integrationId);
    const value = await this.checkTicketSettings(actor.partner, integration, adapter, input);
    const stored = this.storedSettings(integration);
    const settings = { ...stored, ticket: value, completedSections: addSection(stored.completedSections, 'ticket') };
    await this.repos.integrations.update(actor.partner, integration.id, { settings });
    await this.repos.audit.record({ partnerId: actor.partner, actor: actor.sub, action: 'psa.ticket-settings', target: `integration:${integration.id}`, before: stored.ticket, after: value });
    return value;
  }

  async saveContractSettings(actor: Actor, integrationId: string, input: unknown): Promise<ContractSettings> {
    const { integration, adapter } = await this.vendors.psa(actor.partner, integrationId);
    const value = await this.checkContractSettings(actor.partner, integration, adapter, input);
    const stored = this.storedSettings(integration);
    const { mappings, ...contract } = value;
    const settings = { ...stored, contract, completedSections: addSection(stored.completedSections, 'contract') };
    await this.repos.mappings.replace(integration.id, { psaContracts: mappings }, {
      integration: { partnerId: actor.partner, patch: { settings } },
      audit: { partnerId: actor.partner, actor: actor.sub, action: 'psa.contract-settings', target: `integration:${integration.id}`, before: stored.contract, after: { ...contract, mappedOrganizations: mappings.length } },
    });
    return value;
  }

  /** Re-checks every section as stored, then makes the integration Active. */
  async complete(actor: Actor, integrationId: string): Promise<IntegrationRecord> {
    const { integration, adapter } = await this.vendors.psa(actor.partner, integrationId);
    const stored = this.storedSettings(integration);
    const missing: FieldProblem[] = [];
    if (!stored.completedSections.includes('accountMapping')) missing.push({ field: 'accountMapping', message: 'Account Mapping is required: select a Catch-All PSA Account and map organizations.' });
    if (!stored.completedSections.includes('ticket')) missing.push({ field: 'ticket', message: 'Service Parameters are required: set the ticket and note defaults.' });
    if (missing.length) throw validationProblem(missing, 'The integration cannot be completed until the required steps are done.');
    const problems: FieldProblem[] = [];
    const collect = async (section: string, check: () => Promise<unknown>) => {
      try {
        await check();
      } catch (error) {
        if (error instanceof ProblemError && error.extra.errors) problems.push(...error.extra.errors.map((e) => ({ ...e, field: `${section}.${e.field}` })));
        else throw error;
      }
    };
    await collect('accountMapping', async () => this.checkAccountMapping(actor.partner, integration, adapter, await this.accountMapping(integration)));
    await collect('ticket', () => this.checkTicketSettings(actor.partner, integration, adapter, stored.ticket));
    await collect('contract', async () => this.checkContractSettings(actor.partner, integration, adapter, await this.contractSettings(integration)));
    if (problems.length) throw validationProblem(problems, 'Some saved settings no longer pass; fix them and finish again.');
    const status = integration.status === 'paused' ? 'paused' : 'active';
    const after = (await this.repos.integrations.update(actor.partner, integration.id, { status }))!;
    await this.repos.audit.record({ partnerId: actor.partner, actor: actor.sub, action: 'integration.complete', target: `integration:${integration.id}`, before: { status: integration.status }, after: { status } });
    return after;
  }

  // ---- checks -------------------------------------------------------------------------------

  private async checkAccountMapping(partner: string, integration: IntegrationRecord, adapter: PsaAdapter, input: unknown): Promise<AccountMapping> {
    const parsed = accountMappingSchema.safeParse(input);
    if (!parsed.success) throw validationProblem(fieldsFromZod(parsed.error));
    const value = parsed.data;
    const problems: FieldProblem[] = [];
    const orgIds = new Set((await this.repos.organizations.list(partner)).map((o) => o.id));
    value.mappings.forEach((row, i) => {
      if (row.organizationId && !orgIds.has(row.organizationId)) problems.push({ field: `mappings.${i}.organizationId`, message: 'Unknown organization' });
    });
    if (value.attachContacts) {
      const contacts = await this.contacts(integration.id, adapter, value.catchAllAccountId);
      if (contacts.length === 0) problems.push({ field: 'catchAllAccountId', message: NO_CONTACT_MESSAGE });
      else if (value.catchAllContactId && !contacts.some((c) => c.id === value.catchAllContactId)) {
        problems.push({ field: 'catchAllContactId', message: `That contact does not belong to ${value.catchAllAccountName || 'the catch-all account'}` });
      }
    }
    for (const [i, row] of value.mappings.entries()) {
      if (!row.contactId) continue;
      const contacts = await this.contacts(integration.id, adapter, row.psaAccountId);
      if (!contacts.some((c) => c.id === row.contactId)) problems.push({ field: `mappings.${i}.contactId`, message: `That contact does not belong to ${row.psaAccountName}` });
    }
    if (problems.length) throw validationProblem(problems);
    return value;
  }

  private async checkTicketSettings(partner: string, integration: IntegrationRecord, adapter: PsaAdapter, input: unknown): Promise<TicketSettings> {
    const lists = await this.picklists(integration.id, adapter);
    const unsupported = OPTIONAL_BY_VENDOR_FIELDS.filter((f) => lists.unsupported.includes(FIELD_TO_LIST[f]));
    // Every message names the field as this vendor labels it (ConnectWise's Service Board, Halo's Team).
    const { labels, vendorLabel } = wordsOf(integration);
    const parsed = ticketSettingsSchema(unsupported, labels.ticket).safeParse(input);
    if (!parsed.success) throw validationProblem(fieldsFromZod(parsed.error));
    const value = parsed.data;
    const problems: FieldProblem[] = [];
    const must = (field: string, id: string | null, list: PsaPicklists[PicklistKey], label: string) => {
      const value = id ? list.find((v) => v.id === id) : undefined;
      if (id && !value) problems.push({ field, message: noLongerOfferedMessage(label, vendorLabel) });
      else if (value?.unusableReason) problems.push({ field, message: value.unusableReason });
    };
    const t = labels.ticket;
    must('categoryId', value.categoryId, lists.ticketCategory, t.categoryId);
    must('typeId', value.typeId, lists.ticketType, t.typeId);
    must('statusId', value.statusId, lists.ticketStatus, t.statusId);
    must('queueId', value.queueId, lists.queue, t.queueId);
    must('sourceId', value.sourceId, lists.source, t.sourceId);
    for (const [severity, id] of Object.entries(value.priorityMap)) must(`priorityMap.${severity}`, id, lists.priority, `priority for ${severity} alerts`);
    must('note.typeId', value.note.typeId, lists.noteType, t.noteTypeId);
    if (lists.noteVisibility.length) must('note.visibilityId', value.note.visibilityId, lists.noteVisibility, t.noteVisibilityId);
    // Values that belong to one queue (ConnectWise board statuses, items, types) only go with it.
    const onQueue = (field: string, id: string | null, list: PsaPicklists['ticketStatus'], label: string) => {
      const parent = id ? list.find((v) => v.id === id)?.parentId : undefined;
      if (parent && value.queueId && parent !== value.queueId) problems.push({ field, message: `The chosen ${label} belongs to another ${t.queueId}; choose one of the chosen ${t.queueId}’s values` });
    };
    onQueue('statusId', value.statusId, lists.ticketStatus, t.statusId);
    onQueue('typeId', value.typeId, lists.ticketType, t.typeId);
    if (value.statusId && lists.closedStatusIds.includes(value.statusId)) problems.push({ field: 'statusId', message: 'Choose an open status: new tickets cannot start closed' });
    // Two-way close on resolve: only a status the PSA counts as closed ends the ticket (the adapter's closedStatusIds).
    const closeWith = value.closeOnResolveStatusId ?? null;
    if (closeWith && !lists.closedStatusIds.includes(closeWith)) problems.push({ field: 'closeOnResolveStatusId', message: 'Choose one of the PSA’s closed statuses (or leave the ticket open): this status does not close a ticket' });
    else onQueue('closeOnResolveStatusId', closeWith, lists.ticketStatus, 'closing status');
    const checkIssue = (path: string, issueTypeId: string | null, subIssueTypeId: string | null, issueLabel: string, subLabel: string) => {
      must(`${path}issueTypeId`, issueTypeId, lists.issueType, issueLabel);
      onQueue(`${path}issueTypeId`, issueTypeId, lists.issueType, issueLabel);
      if (subIssueTypeId) {
        const sub = lists.subIssueType.find((s) => s.id === subIssueTypeId);
        if (!sub) problems.push({ field: `${path}subIssueTypeId`, message: noLongerOfferedMessage(subLabel, vendorLabel) });
        else if (sub.parentId !== issueTypeId) problems.push({ field: `${path}subIssueTypeId`, message: `The chosen ${subLabel} belongs to another ${issueLabel}; choose one of the chosen ${issueLabel}’s values` });
      }
    };
    checkIssue('', value.issueTypeId, value.subIssueTypeId, t.issueTypeId, t.subIssueTypeId);
    const catalog = {
      alertTypes: new Set((await this.repos.organizations.listCatalog(partner, 'alert-type')).map((c) => c.id)),
      respondRules: new Set((await this.repos.organizations.listCatalog(partner, 'respond-rule')).map((c) => c.id)),
      iocRules: new Set((await this.repos.organizations.listCatalog(partner, 'ioc-rule')).map((c) => c.id)),
    };
    for (const table of ['alertTypes', 'respondRules', 'iocRules'] as const) {
      value.overrides[table].forEach((row, i) => {
        if (!catalog[table].has(row.key)) problems.push({ field: `overrides.${table}.${i}.key`, message: 'Not in the platform’s catalog' });
        checkIssue(`overrides.${table}.${i}.`, row.issueTypeId, row.subIssueTypeId, t.overrideIssueTypeId, t.overrideSubIssueTypeId);
      });
    }
    if (problems.length) throw validationProblem(problems);
    return value;
  }

  private async checkContractSettings(partner: string, integration: IntegrationRecord, adapter: PsaAdapter, input: unknown): Promise<ContractSettings> {
    const { labels, vendorLabel } = wordsOf(integration);
    const parsed = contractSettingsSchemaFor(labels.contract).safeParse(input);
    if (!parsed.success) throw validationProblem(fieldsFromZod(parsed.error));
    const value = parsed.data;
    const problems: FieldProblem[] = [];
    const orgIds = new Set((await this.repos.organizations.list(partner)).map((o) => o.id));
    const serviceIds = new Set((await this.vendors.cached(integration.id, 'services', () => adapter.listServices())).map((s) => s.id));
    const noun = labels.contract.serviceNoun;
    if (value.defaultServiceId && !serviceIds.has(value.defaultServiceId)) {
      problems.push({ field: 'defaultServiceId', message: `The ${labels.contract.defaultServiceId} chosen no longer exists in ${vendorLabel}; choose or create another ${noun}` });
    }
    // A contract belongs to one PSA account: the organization's own account (as mapped now) must hold
    // it, or the PSA refuses every ticket that carries it (seeds 000/003 "Contract mapping by organization").
    const accountOf = new Map((await this.repos.mappings.listPsaAccounts(integration.id)).flatMap((r) => (r.organizationId ? [[r.organizationId, r] as const] : [])));
    // A row as stored was checked when it was saved, and moving its organization to another account
    // drops it (saveAccountMapping): only new or changed rows cost a vendor call (one per account,
    // cached), so Finish or a re-save of thousands of rows does not spend the PSA's hourly budget.
    const stored = new Map((await this.repos.mappings.listPsaContracts(integration.id)).map((r) => [r.organizationId, r.contractId]));
    const contractWord = labels.contract.contractId.toLowerCase();
    for (const [i, row] of value.mappings.entries()) {
      const account = accountOf.get(row.organizationId);
      if (!orgIds.has(row.organizationId)) problems.push({ field: `mappings.${i}.organizationId`, message: 'Unknown organization' });
      else if (!account) problems.push({ field: `mappings.${i}.organizationId`, message: `This organization is not mapped to a PSA account, so it has no ${contractWord} to choose: map it in Account Mapping first` });
      else if (stored.get(row.organizationId) !== row.contractId) {
        const contracts = await this.vendors.cached(integration.id, `contracts:${account.psaAccountId}`, () => adapter.listContracts(account.psaAccountId));
        if (!contracts.some((k) => k.id === row.contractId)) {
          problems.push({ field: `mappings.${i}.contractId`, message: `That ${contractWord} does not belong to ${account.psaAccountName} in ${vendorLabel}; choose one of its ${contractWord}s` });
        }
      }
      if (row.serviceId && !serviceIds.has(row.serviceId)) problems.push({ field: `mappings.${i}.serviceId`, message: `That ${noun} no longer exists in ${vendorLabel}; choose another` });
    }
    if (problems.length) throw validationProblem(problems);
    return value;
  }
}

/** The vendor's field labels and name, for messages that name a field as the admin sees it. */
function wordsOf(integration: IntegrationRecord) {
  const vendor = isPsaVendor(integration.vendor) ? integration.vendor : undefined;
  return { labels: psaFieldLabels(vendor), vendorLabel: vendor ? VENDOR_LABELS[vendor] : 'the PSA' };
}

const FIELD_TO_LIST = { categoryId: 'ticketCategory', typeId: 'ticketType', queueId: 'queue', sourceId: 'source' } as const;

function addSection<T extends string>(sections: T[], section: T): T[] {
  return sections.includes(section) ? sections : [...sections, section];
}

function accountsByOrganization(rows: AccountMapping['mappings']): Map<string, string> {
  return new Map(rows.flatMap((r) => (r.organizationId ? [[r.organizationId, r.psaAccountId] as const] : [])));
}

function pickMappingSettings(value: AccountMapping) {
  const { mappings: _, ...rest } = value;
  return rest;
}

/** Audit entries carry what changed, not 10,000 rows. */
function summarizeMapping(value: AccountMapping) {
  return {
    attachContacts: value.attachContacts,
    catchAllAccountId: value.catchAllAccountId,
    catchAllContactId: value.catchAllContactId,
    mapped: value.mappings.filter((m) => m.organizationId).map((m) => `${m.psaAccountId}→${m.organizationId}`),
    ignored: value.mappings.filter((m) => m.ignored).map((m) => m.psaAccountId),
  };
}
