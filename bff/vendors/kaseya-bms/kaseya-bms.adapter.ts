/**
 * @module The Kaseya BMS PSA adapter: accounts, contacts, lookups, tickets, notes, contracts and
 * catalog services over the BMS API V2, mapped to the neutral model.
 */
import { z } from 'zod';
import type { KaseyaBmsCredentials } from '../../contracts/credentials.js';
import type { AdapterContext } from '../adapter-context.js';
import type { PicklistKey, PicklistValue, PsaPicklists } from '../../contracts/model.js';
import type { PsaAdapter } from '../psa-adapter.js';
import { VendorError } from '../vendor-errors.js';
import { KaseyaBmsClient } from './kaseya-bms.client.js';
import { BMS_LIST_LABELS, BMS_LIST_SOURCES, type BmsListKey } from './kaseya-bms-picklist-sources.js';
import { chooseMessage } from '../../contracts/vendor-field-labels.js';
import {
  bmsIdOf, hasMarker, isCompletedStatus, markerToken, noteDetails, optionalBmsId, statusToPicklistValue, ticketDetails,
  toAccount, toContact, toContract, toPicklistValue, toService, toTicketRef,
} from './kaseya-bms.mapper.js';
import {
  accountSummarySchema, contactSearchSchema, contractLookupSchema, locationLookupSchema, lookupSchema, noteSchema,
  recurringServiceSchema, serviceSchema, statusSchema, ticketSchema, userInfoSchema, type BmsLookupRow, type BmsStatusRow,
} from './kaseya-bms.schemas.js';

/** Statuses and main locations change rarely; they are kept this long to save calls per alert. */
const TENANT_DATA_TTL_MS = 10 * 60_000;

interface TenantData {
  statuses: { at: number; rows: BmsStatusRow[] } | null;
  /** Main location per account (BMS needs one on every ticket). */
  locations: Map<number, { at: number; id: number }>;
}

/** Per token cache (one per BFF process) and tenant, so short-lived adapter instances share it. */
const tenantData = new WeakMap<AdapterContext['tokenCache'], Map<string, TenantData>>();
function tenantDataOf(ctx: AdapterContext, key: string): TenantData {
  let byTenant = tenantData.get(ctx.tokenCache);
  if (!byTenant) tenantData.set(ctx.tokenCache, (byTenant = new Map()));
  let data = byTenant.get(key);
  if (!data) byTenant.set(key, (data = { statuses: null, locations: new Map() }));
  return data;
}

const NOTE_VISIBILITY: PicklistValue[] = [
  { id: 'internal', label: 'Internal (hidden from the client portal)', isDefault: true, isActive: true },
  { id: 'public', label: 'Public (visible in the client portal)', isDefault: false, isActive: true },
];

/** The reasons of the lists no source could give (PsaPicklists.unreadable). */
function unreadableLists(lists: Partial<Record<PicklistKey, { reason?: string }>>): Partial<Record<PicklistKey, string>> {
  return Object.fromEntries(Object.entries(lists).flatMap(([key, list]) => (list?.reason ? [[key, list.reason]] : [])));
}

export function createKaseyaBmsAdapter(ctx: AdapterContext, credentials: KaseyaBmsCredentials): PsaAdapter {
  const client = new KaseyaBmsClient(ctx, credentials);
  const cached = tenantDataOf(ctx, client.tenantKey);

  const getStatuses = async (signal?: AbortSignal, fresh = false): Promise<BmsStatusRow[]> => {
    if (!fresh && cached.statuses && Date.now() - cached.statuses.at < TENANT_DATA_TTL_MS) return cached.statuses.rows;
    const { result } = await client.call(z.array(statusSchema).nullish(), { method: 'GET', path: 'v2/system/statuses/lookup', signal });
    cached.statuses = { at: Date.now(), rows: result ?? [] };
    return cached.statuses.rows;
  };
  const completedIds = async (signal?: AbortSignal) => new Set((await getStatuses(signal)).filter(isCompletedStatus).map((s) => s.id));

  /**
   * The first of a list's candidate sources that answers a non-empty list (kaseya-bms-picklist-sources.ts);
   * `rows: []` and the reason when none does. Outages and rate limits still fail the whole read.
   */
  const readList = async (key: BmsListKey, signal?: AbortSignal): Promise<{ rows: BmsLookupRow[]; reason?: string }> => {
    const refusals: string[] = [];
    for (const source of BMS_LIST_SOURCES[key]) {
      if (source.kind === 'fixed') return { rows: source.rows.map((r) => ({ ...r })) };
      try {
        const rows = (await client.call(z.array(lookupSchema).nullish(), { method: 'GET', path: source.path, signal })).result ?? [];
        if (rows.some((r) => r.isActive !== false)) return { rows };
        refusals.push(`${source.path}: empty`);
      } catch (error) {
        if (!(error instanceof VendorError) || error.retryable || error.code === 'invalid_credentials') throw error;
        refusals.push(`${source.path}: ${error.code === 'missing_permission' ? 'not permitted' : 'refused'}`);
      }
    }
    return { rows: [], reason: refusals.join('; ') };
  };

  const locationOf = async (accountId: number, signal?: AbortSignal): Promise<number> => {
    const known = cached.locations.get(accountId);
    if (known && Date.now() - known.at < TENANT_DATA_TTL_MS) return known.id;
    const { result } = await client.call(z.array(locationLookupSchema).nullish(), { method: 'GET', path: `v2/crm/accounts/${accountId}/locations/lookup`, signal });
    const location = (result ?? []).find((l) => l.isMain) ?? result?.[0];
    if (!location) throw new VendorError('kaseya-bms', 'rejected', 'The Kaseya BMS account has no location; BMS needs one on every ticket. Add a location to the account in BMS.');
    cached.locations.set(accountId, { at: Date.now(), id: location.id });
    return location.id;
  };

  /** BMS requires a ticket type and source; when the settings leave one out, the tenant's default is used. */
  const defaultOf = async (key: BmsListKey, signal?: AbortSignal): Promise<number> => {
    const rows = (await readList(key, signal)).rows.filter((r) => r.isActive !== false);
    const row = rows.find((r) => r.isDefault) ?? rows[0];
    if (!row) throw new VendorError('kaseya-bms', 'rejected', `The ${BMS_LIST_LABELS[key]} list of Kaseya BMS could not be read. ${chooseMessage(BMS_LIST_LABELS[key])} in the integration’s Service Parameters.`);
    return row.id;
  };

  const contactRows = (accountId: string, extra: Record<string, string>, signal?: AbortSignal) =>
    client.all(contactSearchSchema, 'v2/crm/contacts/search', { 'Filter.AccountIds': bmsIdOf(accountId, 'account'), ...extra }, signal);

  return {
    vendor: 'kaseya-bms',

    async validateCredentials(signal) {
      const { result } = await client.call(userInfoSchema.nullish(), { method: 'GET', path: 'v2/security/userinfo', signal });
      return { accountLabel: result?.businessName?.trim() || credentials.tenant.trim() };
    },

    async listAccounts(query, signal) {
      const search = query?.search?.trim();
      const rows = await client.all(accountSummarySchema, 'v2/crm/accounts/summary', {
        'Filter.IsActive': true,
        'Filter.AccountName': search || undefined,
      }, signal);
      const accounts = rows.map(toAccount).filter((a) => a.isActive);
      // BMS's name filter is taken as a contains match; narrowing again keeps the contract either way.
      return search ? accounts.filter((a) => a.name.toLowerCase().includes(search.toLowerCase())) : accounts;
    },

    async listContacts(accountId, signal) {
      const rows = await contactRows(accountId, {}, signal);
      return rows.map((c) => toContact(c, accountId)).filter((c) => c.accountId === accountId);
    },

    async findContactByEmail(accountId, email, signal) {
      const wanted = email.trim().toLowerCase();
      if (!wanted) return null;
      const rows = await contactRows(accountId, { 'Filter.EmailAddress': wanted }, signal);
      const matches = rows.map((c) => toContact(c, accountId)).filter((c) => c.accountId === accountId && c.email?.toLowerCase() === wanted);
      return matches.find((c) => c.isActive) ?? matches[0] ?? null;
    },

    async getPicklists(signal) {
      const list = (path: string) => client.call(z.array(lookupSchema).nullish(), { method: 'GET', path, signal }).then((r) => r.result ?? []);
      const [statusRows, priorities, queues, issueTypes, ticketTypes, sources, noteTypes] = await Promise.all([
        getStatuses(signal, true),
        list('v2/system/priorities/lookup'),
        list('v2/system/queues/lookup'),
        list('v2/system/issuetypes/lookup'),
        readList('ticketTypes', signal),
        readList('ticketSources', signal),
        readList('noteTypes', signal),
      ]);
      const subTypes = await Promise.all(issueTypes.map(async (issue) =>
        (await list(`v2/system/issuetypes/${issue.id}/issuesubtypes/lookup`)).map((s) => toPicklistValue(s, String(issue.id)))));
      const picklists: PsaPicklists = {
        // BMS tickets have no category field (TicketInputDto); the wizard leaves it out.
        ticketCategory: [],
        ticketType: ticketTypes.rows.map((r) => toPicklistValue(r)),
        ticketStatus: statusRows.map(statusToPicklistValue),
        closedStatusIds: statusRows.filter(isCompletedStatus).map((s) => String(s.id)),
        queue: queues.map((r) => toPicklistValue(r)),
        source: sources.rows.map((r) => toPicklistValue(r)),
        priority: priorities.map((r) => toPicklistValue(r)),
        noteType: noteTypes.rows.map((r) => toPicklistValue(r)),
        // A BMS note is internal or not (IsInternal); internal notes stay out of the client portal.
        noteVisibility: NOTE_VISIBILITY.map((v) => ({ ...v })),
        issueType: issueTypes.map((r) => toPicklistValue(r)),
        subIssueType: subTypes.flat(),
        unsupported: ['ticketCategory'],
        unreadable: unreadableLists({ ticketType: ticketTypes, source: sources, noteType: noteTypes }),
      };
      return picklists;
    },

    async createTicket(ticket, signal) {
      const accountId = bmsIdOf(ticket.accountId, 'account');
      const [locationId, typeId, sourceId, completed] = await Promise.all([
        locationOf(accountId, signal),
        ticket.typeId ? bmsIdOf(ticket.typeId, 'ticket type') : defaultOf('ticketTypes', signal),
        ticket.sourceId ? bmsIdOf(ticket.sourceId, 'ticket source', 0) : defaultOf('ticketSources', signal),
        completedIds(signal),
      ]);
      // Only TicketInputDto fields; BMS keeps no idempotency key, so the marker rides in Details.
      const body = {
        Title: ticket.title.trim() || '(no subject)',
        Details: ticketDetails(ticket.description, ticket.marker),
        AccountId: accountId,
        LocationId: locationId,
        ContactId: optionalBmsId(ticket.contactId, 'contact'),
        StatusId: bmsIdOf(ticket.statusId, 'status'),
        PriorityId: bmsIdOf(ticket.priorityId, 'priority'),
        TypeId: typeId,
        SourceId: sourceId,
        QueueId: optionalBmsId(ticket.queueId, 'queue'),
        IssueTypeId: optionalBmsId(ticket.issueTypeId, 'issue type'),
        SubIssueTypeId: optionalBmsId(ticket.subIssueTypeId, 'sub-issue type'),
        ContractId: optionalBmsId(ticket.contractId, 'contract'),
        OpenDate: new Date().toISOString(),
      };
      try {
        const { result } = await client.call(ticketSchema, { method: 'POST', path: 'v2/servicedesk/tickets', json: body, signal });
        return toTicketRef(result, completed);
      } catch (error) {
        // The cached location may be gone; the next attempt looks it up again.
        if (error instanceof VendorError && error.code === 'rejected') cached.locations.delete(accountId);
        throw error;
      }
    },

    async findTicketByMarker(marker, signal) {
      const { result } = await client.call(z.array(ticketSchema).nullish(), {
        method: 'GET',
        path: 'v2/servicedesk/tickets',
        query: { 'Filter.Details': markerToken(marker), PageSize: 20, PageNumber: 1 },
        signal,
      });
      const found = (result ?? []).filter((t) => hasMarker(t.details, marker)).sort((a, b) => a.id - b.id)[0];
      return found ? toTicketRef(found, await completedIds(signal)) : null;
    },

    async getTicket(ticketId, signal) {
      const id = bmsIdOf(ticketId, 'ticket');
      const [{ result }, completed] = await Promise.all([
        client.call(ticketSchema, { method: 'GET', path: `v2/servicedesk/tickets/${id}`, signal }),
        completedIds(signal),
      ]);
      return toTicketRef(result, completed);
    },

    async addNote(note, signal) {
      const { result } = await client.call(noteSchema, {
        method: 'POST',
        path: `v2/servicedesk/tickets/${bmsIdOf(note.ticketId, 'ticket')}/notes`,
        json: {
          Details: noteDetails(note.title, note.body, note.marker),
          IsInternal: note.visibilityId !== 'public',
          TypeId: bmsIdOf(note.noteTypeId, 'note type'),
          NoteDate: new Date().toISOString(),
        },
        signal,
      });
      return { id: String(result.id) };
    },

    async hasNoteWithMarker(ticketId, marker, signal) {
      const notes = await client.all(noteSchema, `v2/servicedesk/tickets/${bmsIdOf(ticketId, 'ticket')}/notes`, {}, signal);
      return notes.some((n) => hasMarker(n.details, marker));
    },

    async listContracts(accountId, signal) {
      const { result } = await client.call(z.array(contractLookupSchema).nullish(), {
        method: 'GET',
        path: 'v2/finance/contracts/lookup',
        query: { AccountId: accountId ? bmsIdOf(accountId, 'account') : undefined, ExcludeExpiredContracts: true },
        signal,
      });
      return (result ?? []).map((k) => toContract(k, accountId));
    },

    async listServices(signal) {
      const rows = await client.searchAll(serviceSchema, 'v2/admin/finance/services/search', { IsActive: 1 }, signal);
      return rows.filter((s) => s.isActive !== false).map(toService);
    },

    async createService(input, signal) {
      const { result } = await client.call(serviceSchema, {
        method: 'POST',
        path: 'v2/admin/finance/services/services',
        json: { Name: input.name.trim(), Description: input.description, UnitCost: input.unitCost, UnitPrice: input.unitPrice, IsActive: true, IsTaxable: false },
        signal,
      });
      return toService(result);
    },

    async setContractServiceUnits(input, signal) {
      // ASSUMPTION (psa-apis.md B3): V2 has no PUT for a contract's service; re-posting the service
      // with the new Units and today's EffectiveDate is taken as an effective-dated quantity change.
      const line: Record<string, unknown> = {
        ServiceId: bmsIdOf(input.serviceId, 'service'),
        Units: Math.max(0, Math.round(input.units)),
        EffectiveDate: new Date().toISOString(),
        SortOrder: 0,
      };
      if (input.unitCost !== null) line.UnitCost = input.unitCost;
      if (input.unitPrice !== null) line.UnitPrice = input.unitPrice;
      await client.call(recurringServiceSchema.nullish(), {
        method: 'POST',
        path: `v2/finance/contracts/recurringservices/${bmsIdOf(input.contractId, 'contract')}/services`,
        json: [line],
        signal,
      });
    },
  };
}
