/**
 * @module The HaloPSA adapter: clients, users (contacts), lookups, tickets, actions (notes),
 * contracts and items over the Halo API, mapped to the neutral model.
 */
import { z } from 'zod';
import type { HaloPsaCredentials } from '../../contracts/credentials.js';
import type { AdapterContext } from '../adapter-context.js';
import type { PicklistValue, PsaPicklists } from '../../contracts/model.js';
import type { PsaAdapter } from '../psa-adapter.js';
import { VendorError } from '../vendor-errors.js';
import { HaloPsaClient } from './halopsa.client.js';
import {
  categoryTree, hasMarker, haloIdOf, isClosedStatus, markerToken, optionalHaloId, toAccount, toContact, toContract, toService,
  toTicketRef, toTicketTypeValue, withMarker,
} from './halopsa.mapper.js';
import {
  actionSchema, categorySchema, clientSchema, contractSchema, created, itemSchema, outcomeSchema, prioritySchema, recurringInvoiceSchema,
  statusSchema, teamSchema, ticketSchema, ticketTypeSchema, userSchema, type HaloCategoryRow, type HaloStatusRow, type HaloTeamRow,
} from './halopsa.schemas.js';

/** Statuses, categories, teams and main sites change rarely; they are kept this long to save calls per alert. */
const INSTANCE_DATA_TTL_MS = 10 * 60_000;

interface InstanceData {
  statuses: { at: number; rows: HaloStatusRow[] } | null;
  categories: { at: number; rows: HaloCategoryRow[] } | null;
  teams: { at: number; rows: HaloTeamRow[] } | null;
  /** Main site per client (Halo needs a site on every ticket). */
  sites: Map<number, { at: number; id: number }>;
}

/** Per token cache (one per BFF process) and instance, so short-lived adapter instances share it. */
const instanceData = new WeakMap<AdapterContext['tokenCache'], Map<string, InstanceData>>();
function instanceDataOf(ctx: AdapterContext, key: string): InstanceData {
  let byInstance = instanceData.get(ctx.tokenCache);
  if (!byInstance) instanceData.set(ctx.tokenCache, (byInstance = new Map()));
  let data = byInstance.get(key);
  if (!data) byInstance.set(key, (data = { statuses: null, categories: null, teams: null, sites: new Map() }));
  return data;
}

const fresh = <T>(entry: { at: number; rows: T } | null): entry is { at: number; rows: T } => entry !== null && Date.now() - entry.at < INSTANCE_DATA_TTL_MS;

/** An action is hidden from the end user or not (the action's own `hiddenfromuser`). */
const NOTE_VISIBILITY: PicklistValue[] = [
  { id: 'internal', label: 'Private (hidden from the end user)', isDefault: true, isActive: true },
  { id: 'public', label: 'Public (visible to the end user)', isDefault: false, isActive: true },
];

export function createHaloPsaAdapter(ctx: AdapterContext, credentials: HaloPsaCredentials): PsaAdapter {
  const client = new HaloPsaClient(ctx, credentials);
  const cached = instanceDataOf(ctx, client.instanceKey);

  /** A lookup kept in the instance data: fresh rows unless `refresh`, else loaded and kept. */
  type Kept = 'statuses' | 'categories' | 'teams';
  const kept = <K extends Kept>(key: K, load: (signal?: AbortSignal) => Promise<NonNullable<InstanceData[K]>['rows']>) =>
    async (signal?: AbortSignal, refresh = false): Promise<NonNullable<InstanceData[K]>['rows']> => {
      const entry = cached[key] as { at: number; rows: NonNullable<InstanceData[K]>['rows'] } | null;
      if (!refresh && fresh(entry)) return entry.rows;
      const rows = await load(signal);
      (cached as Record<Kept, unknown>)[key] = { at: Date.now(), rows };
      return rows;
    };
  const statuses = kept('statuses', (signal) => client.lookup(statusSchema, 'Status', {}, signal));
  const closedIds = async (signal?: AbortSignal) => new Set((await statuses(signal)).filter(isClosedStatus).map((s) => s.id));
  const categories = kept('categories', (signal) => client.lookup(categorySchema, 'Category', { type_id: 1 }, signal));
  const teams = kept('teams', (signal) => client.lookup(teamSchema, 'Team', {}, signal));

  /** The team name Halo's ticket takes for the queue (team id) the wizard saved (ASSUMPTION 7 in the mapper). */
  const teamName = async (queueId: string | null, signal?: AbortSignal): Promise<string | undefined> => {
    if (!queueId) return undefined;
    const id = haloIdOf(queueId, 'team');
    const row = (await teams(signal)).find((t) => t.id === id) ?? (await teams(signal, true)).find((t) => t.id === id);
    if (!row?.name) throw new VendorError('halopsa', 'rejected', `The Halo team ${id} no longer exists; choose the queue again in the integration's settings.`);
    return row.name;
  };

  const mainSiteOf = async (clientId: number, signal?: AbortSignal): Promise<number> => {
    const known = cached.sites.get(clientId);
    if (known && Date.now() - known.at < INSTANCE_DATA_TTL_MS) return known.id;
    const row = await client.call(clientSchema, { method: 'GET', path: `Client/${clientId}`, signal });
    if (!row.main_site_id) throw new VendorError('halopsa', 'rejected', 'The Halo client has no main site; Halo needs one on every ticket. Add a site to the client in Halo.');
    cached.sites.set(clientId, { at: Date.now(), id: row.main_site_id });
    return row.main_site_id;
  };

  /** The category 1 value Halo stores for the chosen issue / sub-issue type (`Parent>Child`). */
  const categoryValue = async (issueTypeId: string | null, subIssueTypeId: string | null, signal?: AbortSignal): Promise<string | undefined> => {
    const id = subIssueTypeId ?? issueTypeId;
    if (!id) return undefined;
    const row = (await categories(signal)).find((r) => String(r.id) === id) ?? (await categories(signal, true)).find((r) => String(r.id) === id);
    if (!row?.value) throw new VendorError('halopsa', 'rejected', `The Halo category ${id} no longer exists; choose the issue type again in the integration's settings.`);
    return row.value;
  };

  const users = (accountId: string, query: Record<string, string>, signal?: AbortSignal) =>
    client.all('users', userSchema, 'Users', { client_id: haloIdOf(accountId, 'client'), ...query }, signal);

  return {
    vendor: 'halopsa',

    async validateCredentials(signal) {
      // Teams need `all:teams`: asking for them here catches the missing permission at the credentials step.
      await teams(signal, true);
      return { accountLabel: credentials.tenant.trim() || new URL(credentials.url).hostname };
    },

    async listAccounts(query, signal) {
      const search = query?.search?.trim();
      const rows = await client.all('clients', clientSchema, 'Client', { search: search || undefined }, signal);
      const accounts = rows.map(toAccount).filter((a) => a.isActive);
      return search ? accounts.filter((a) => a.name.toLowerCase().includes(search.toLowerCase())) : accounts;
    },

    async listContacts(accountId, signal) {
      return (await users(accountId, {}, signal)).map((u) => toContact(u, accountId)).filter((c) => c.accountId === accountId);
    },

    async findContactByEmail(accountId, email, signal) {
      const wanted = email.trim().toLowerCase();
      if (!wanted) return null;
      const matches = (await users(accountId, { search: wanted }, signal)).map((u) => toContact(u, accountId))
        .filter((c) => c.accountId === accountId && c.email?.toLowerCase() === wanted);
      return matches.find((c) => c.isActive) ?? matches[0] ?? null;
    },

    async getPicklists(signal) {
      const [statusRows, priorities, teamRows, outcomes, types, categoryRows] = await Promise.all([
        statuses(signal, true),
        client.lookup(prioritySchema, 'Priority', {}, signal),
        teams(signal, true),
        client.lookup(outcomeSchema, 'Outcome', {}, signal),
        client.lookup(ticketTypeSchema, 'TicketType', {}, signal),
        categories(signal, true),
      ]);
      // The list names no field rules; each type's details do (one call per type, cached with the picklists).
      const detailed = await Promise.all(types.filter((t) => t.visible !== false).map((t) =>
        client.call(ticketTypeSchema, { method: 'GET', path: `TicketType/${t.id}`, query: { includedetails: true }, signal })));
      const byPriority = new Map<number, PicklistValue>();
      for (const p of priorities) {
        if (!byPriority.has(p.priorityid)) byPriority.set(p.priorityid, { id: String(p.priorityid), label: p.name?.trim() || String(p.priorityid), isDefault: false, isActive: !(p.ishidden ?? false) });
      }
      const tree = categoryTree(categoryRows);
      const picklists: PsaPicklists = {
        // Halo has no ticket category apart from the type; ticket sources are not settable through the API.
        ticketCategory: [],
        ticketType: detailed.map(toTicketTypeValue),
        ticketStatus: statusRows.map((s) => ({ id: String(s.id), label: s.name?.trim() || String(s.id), isDefault: s.id === 1, isActive: true })),
        closedStatusIds: statusRows.filter(isClosedStatus).map((s) => String(s.id)),
        queue: teamRows.filter((t) => !t.inactive).map((t) => ({ id: String(t.id), label: t.name?.trim() || String(t.id), isDefault: false, isActive: true })),
        source: [],
        priority: [...byPriority.values()],
        noteType: outcomes.filter((o) => !o.hidden).map((o) => ({ id: String(o.id), label: o.outcome?.trim() || String(o.id), isDefault: false, isActive: true })),
        noteVisibility: NOTE_VISIBILITY.map((v) => ({ ...v })),
        issueType: tree.issueType,
        subIssueType: tree.subIssueType,
        unsupported: ['ticketCategory', 'source'],
      };
      return picklists;
    },

    async createTicket(ticket, signal) {
      const clientId = haloIdOf(ticket.accountId, 'client');
      const [siteId, category, team, closed] = await Promise.all([
        mainSiteOf(clientId, signal),
        categoryValue(ticket.issueTypeId, ticket.subIssueTypeId, signal),
        teamName(ticket.queueId, signal),
        closedIds(signal),
      ]);
      const row = {
        summary: ticket.title.trim() || '(no subject)',
        details: withMarker(ticket.description, ticket.marker),
        tickettype_id: optionalHaloId(ticket.typeId, 'ticket type'),
        client_id: clientId,
        site_id: siteId,
        user_id: optionalHaloId(ticket.contactId, 'user'),
        status_id: haloIdOf(ticket.statusId, 'status'),
        priority_id: haloIdOf(ticket.priorityId, 'priority'),
        team,
        category_1: category,
        contract_id: optionalHaloId(ticket.contractId, 'contract'),
      };
      try {
        const result = await client.call(created(ticketSchema), { method: 'POST', path: 'Tickets', json: [row], signal });
        return toTicketRef(result, closed);
      } catch (error) {
        // The cached site may be gone; the next attempt looks it up again.
        if (error instanceof VendorError && error.code === 'rejected') cached.sites.delete(clientId);
        throw error;
      }
    },

    async findTicketByMarker(marker, signal) {
      const list = z.object({ tickets: z.array(ticketSchema).nullish() });
      const { tickets } = await client.call(list, { method: 'GET', path: 'Tickets', query: { search: markerToken(marker), pageinate: true, page_size: 20, page_no: 1 }, signal });
      const found = (tickets ?? []).filter((t) => hasMarker(t.details, marker)).sort((a, b) => a.id - b.id)[0];
      return found ? toTicketRef(found, await closedIds(signal)) : null;
    },

    async getTicket(ticketId, signal) {
      const [row, closed] = await Promise.all([
        client.call(ticketSchema, { method: 'GET', path: `Tickets/${haloIdOf(ticketId, 'ticket')}`, signal }),
        closedIds(signal),
      ]);
      return toTicketRef(row, closed);
    },

    async addNote(note, signal) {
      const result = await client.call(created(actionSchema), {
        method: 'POST',
        path: 'Actions',
        json: [{
          ticket_id: haloIdOf(note.ticketId, 'ticket'),
          note: [note.title.trim(), note.body.trim(), markerToken(note.marker)].filter(Boolean).join('\n\n'),
          outcome_id: haloIdOf(note.noteTypeId, 'outcome'),
          hiddenfromuser: note.visibilityId !== 'public',
        }],
        signal,
      });
      return { id: String(result.id) };
    },

    async hasNoteWithMarker(ticketId, marker, signal) {
      // Halo's GET /Actions takes no paging parameters: one answer holds the ticket's actions (ASSUMPTION 9 in the mapper).
      const list = z.object({ actions: z.array(actionSchema).nullish() });
      const { actions } = await client.call(list, { method: 'GET', path: 'Actions', query: { ticket_id: haloIdOf(ticketId, 'ticket') }, signal });
      return (actions ?? []).some((a) => hasMarker(a.note, marker));
    },

    async listContracts(accountId, signal) {
      const rows = await client.all('contracts', contractSchema, 'ClientContract', { client_id: accountId ? haloIdOf(accountId, 'client') : undefined }, signal);
      return rows.filter((k) => k.active !== false).map((k) => toContract(k, accountId));
    },

    async listServices(signal) {
      // Listed without `includeinactive`: only items in use (ASSUMPTION 5 in the mapper).
      return (await client.all('items', itemSchema, 'Item', {}, signal)).map(toService);
    },

    async createService(input, signal) {
      const item = await client.call(created(itemSchema), {
        method: 'POST', path: 'Item', json: [{ name: input.name.trim(), description: input.description, costprice: input.unitCost, baseprice: input.unitPrice }], signal,
      });
      return toService(item);
    },

    async setContractServiceUnits(input, signal) {
      // Billable quantities live on the contract's recurring invoice lines (ASSUMPTION 8 in the mapper);
      // the line for the service is changed or added, the other lines are sent unchanged.
      const contractId = haloIdOf(input.contractId, 'contract');
      const itemId = haloIdOf(input.serviceId, 'service');
      const [invoice] = await client.all('invoices', recurringInvoiceSchema, 'RecurringInvoice', { contract_id: contractId }, signal);
      const lines: Array<Record<string, unknown>> = (invoice?.lines ?? []).map((l) => ({ ...l }));
      let line = lines.find((l) => l._itemid === itemId);
      if (!line) lines.push((line = { _itemid: itemId }));
      line.qty_order = Math.max(0, Math.round(input.units));
      if (input.unitCost !== null) line.unit_cost = input.unitCost;
      if (input.unitPrice !== null) line.unit_price = input.unitPrice;
      await client.call(created(recurringInvoiceSchema), {
        method: 'POST', path: 'RecurringInvoice', json: [{ ...(invoice ? { id: invoice.id } : {}), contract_id: contractId, lines }], signal,
      });
    },
  };
}
