/**
 * @module The ConnectWise PSA adapter: companies, contacts, service boards with their statuses,
 * types, subtypes and items, priorities, sources, tickets and notes, agreements with additions and
 * catalog products over the REST API 3.0, mapped to the neutral model.
 *
 * Neutral picklists in ConnectWise's terms (the wizard labels them so, psa-vendor-copy.ts):
 * queue = Service Board; ticketStatus = the boards' statuses ("Board / Status"); issueType = Type
 * and subIssueType = Subtype (its parent is each type it is associated with); ticketType = Item;
 * noteType = Discussion or Resolution; noteVisibility = Internal (Internal Analysis flag) or
 * Customer-visible; contracts = agreements, services = catalog products, units = addition quantity.
 */
import { z } from 'zod';
import type { ConnectWiseCredentials } from '../../contracts/credentials.js';
import type { AdapterContext } from '../adapter-context.js';
import type { PicklistValue, PsaPicklists, TicketRef } from '../../contracts/model.js';
import type { PsaAdapter } from '../psa-adapter.js';
import { ConnectWiseClient } from './connectwise.client.js';
import {
  cwIdOf, markerToken, noteFlags, noteText, optionalRef, quoted, summaryAndDescription, toAccount, toContact,
  toPicklistValue, toService,
} from './connectwise.mapper.js';
import {
  additionSchema, agreementSchema, boardItemSchema, boardSchema, boardStatusSchema, boardSubTypeSchema, boardTypeSchema,
  catalogItemSchema, companySchema, contactSchema, fieldsOf, noteSchema, prioritySchema, sourceSchema, systemInfoSchema, ticketSchema,
  type CwBoardStatusRow, type CwTicketRow,
} from './connectwise.schemas.js';

/** Board statuses change rarely; kept this long to spare a call per alert. */
const STATUS_TTL_MS = 10 * 60_000;
/**
 * ASSUMPTION: a tenant's inactive company status is named "Inactive…" (ConnectWise's default
 * list); filtering it in `conditions` keeps listing 10,000 companies at 10 requests.
 */
const ACTIVE_COMPANIES = 'deletedFlag=false and status/name not like "Inactive%"';
/** ConnectWise's `externalXRef` holds at most 100 characters. */
const XREF_MAX = 100;

const NOTE_TYPES: PicklistValue[] = [
  { id: 'discussion', label: 'Discussion', isDefault: true, isActive: true },
  { id: 'resolution', label: 'Resolution', isDefault: false, isActive: true },
];
const NOTE_VISIBILITY: PicklistValue[] = [
  { id: 'internal', label: 'Internal Analysis (hidden from the customer)', isDefault: true, isActive: true },
  { id: 'public', label: 'Customer-visible (Detail Description)', isDefault: false, isActive: true },
];

/** Statuses per token cache and company, shared by short-lived adapter instances. */
const statusCache = new WeakMap<AdapterContext['tokenCache'], Map<string, Map<number, { at: number; rows: CwBoardStatusRow[] }>>>();

export function createConnectWiseAdapter(ctx: AdapterContext, credentials: ConnectWiseCredentials): PsaAdapter {
  const client = new ConnectWiseClient(ctx, credentials);
  let byCompany = statusCache.get(ctx.tokenCache);
  if (!byCompany) statusCache.set(ctx.tokenCache, (byCompany = new Map()));
  let boards = byCompany.get(client.companyKey);
  if (!boards) byCompany.set(client.companyKey, (boards = new Map()));
  const cachedStatuses = boards;

  const statusesOf = async (boardId: number, signal?: AbortSignal, fresh = false): Promise<CwBoardStatusRow[]> => {
    const known = cachedStatuses.get(boardId);
    if (!fresh && known && Date.now() - known.at < STATUS_TTL_MS) return known.rows;
    const rows = await client.all(boardStatusSchema, `service/boards/${boardId}/statuses`, {}, signal);
    cachedStatuses.set(boardId, { at: Date.now(), rows });
    return rows;
  };

  /** Open unless the ticket's status is one its board marks closed (closedFlag as a fallback). */
  const toTicketRef = async (t: CwTicketRow, signal?: AbortSignal): Promise<TicketRef> => {
    let closed = t.closedFlag ?? false;
    if (t.board && t.status) {
      const status = (await statusesOf(t.board.id, signal)).find((s) => s.id === t.status!.id);
      if (status) closed = status.closedStatus ?? closed;
    }
    return { id: String(t.id), number: String(t.id), isOpen: !closed, statusId: t.status?.id === undefined ? null : String(t.status.id) };
  };

  const contactsWhere = (accountId: string, childConditions?: string, signal?: AbortSignal) =>
    client.all(contactSchema, 'company/contacts', { conditions: `company/id=${cwIdOf(accountId, 'company')}`, childConditions }, signal);

  return {
    vendor: 'connectwise',

    async validateCredentials(signal) {
      const { companyName } = await client.companyInfo(signal);
      await client.call(systemInfoSchema, { method: 'GET', path: 'system/info', signal });
      return { accountLabel: companyName ?? credentials.companyId.trim() };
    },

    async listAccounts(query, signal) {
      const search = query?.search?.trim();
      const conditions = search ? `${ACTIVE_COMPANIES} and name contains ${quoted(search)}` : ACTIVE_COMPANIES;
      const rows = await client.all(companySchema, 'company/companies', { conditions }, signal);
      const accounts = rows.map(toAccount).filter((a) => a.isActive);
      return search ? accounts.filter((a) => a.name.toLowerCase().includes(search.toLowerCase())) : accounts;
    },

    async listContacts(accountId, signal) {
      return (await contactsWhere(accountId, undefined, signal)).map((c) => toContact(c, accountId)).filter((c) => c.accountId === accountId);
    },

    async findContactByEmail(accountId, email, signal) {
      const wanted = email.trim().toLowerCase();
      if (!wanted) return null;
      const rows = await contactsWhere(accountId, `communicationItems/value=${quoted(wanted)} and communicationItems/communicationType="Email"`, signal);
      const matches = rows.filter((c) => (c.communicationItems ?? []).some((i) => i.communicationType === 'Email' && i.value?.trim().toLowerCase() === wanted))
        .map((c) => toContact(c, accountId))
        .filter((c) => c.accountId === accountId);
      return matches.find((c) => c.isActive) ?? matches[0] ?? null;
    },

    async getPicklists(signal) {
      const [boardRows, priorities, sources] = await Promise.all([
        client.all(boardSchema, 'service/boards', { conditions: 'inactiveFlag=false' }, signal),
        client.all(prioritySchema, 'service/priorities', { orderBy: 'sortOrder asc' }, signal),
        client.all(sourceSchema, 'service/sources', {}, signal),
      ]);
      const perBoard = await Promise.all(boardRows.map(async (board) => {
        const [statuses, types, subtypes, items] = await Promise.all([
          statusesOf(board.id, signal, true),
          client.all(boardTypeSchema, `service/boards/${board.id}/types`, {}, signal),
          client.all(boardSubTypeSchema, `service/boards/${board.id}/subtypes`, {}, signal),
          client.all(boardItemSchema, `service/boards/${board.id}/items`, {}, signal),
        ]);
        const named = (name: string) => (boardRows.length > 1 ? `${board.name} / ${name}` : name);
        const boardId = String(board.id);
        return {
          statuses: statuses.map((s) => toPicklistValue(s, named(s.name), boardId)),
          closed: statuses.filter((s) => s.closedStatus).map((s) => String(s.id)),
          types: types.map((t) => toPicklistValue(t, named(t.name), boardId)),
          // One entry per type a subtype is associated with, so the wizard can offer it under each.
          subtypes: subtypes.flatMap((s) => (s.typeAssociationIds ?? []).map((typeId) => toPicklistValue(s, s.name, String(typeId)))),
          items: items.map((i) => toPicklistValue(i, named(i.name), boardId)),
        };
      }));
      const picklists: PsaPicklists = {
        ticketCategory: [],
        ticketType: perBoard.flatMap((b) => b.items),
        ticketStatus: perBoard.flatMap((b) => b.statuses),
        closedStatusIds: perBoard.flatMap((b) => b.closed),
        queue: boardRows.map((b) => toPicklistValue(b)),
        source: sources.map((s) => toPicklistValue(s)),
        priority: priorities.map((p) => toPicklistValue(p)),
        noteType: NOTE_TYPES.map((v) => ({ ...v })),
        noteVisibility: NOTE_VISIBILITY.map((v) => ({ ...v })),
        issueType: perBoard.flatMap((b) => b.types),
        subIssueType: perBoard.flatMap((b) => b.subtypes),
        // ConnectWise tickets have no category beside Type/Subtype/Item.
        unsupported: ['ticketCategory'],
      };
      return picklists;
    },

    async createTicket(ticket, signal) {
      const { summary, initialDescription } = summaryAndDescription(ticket.title, ticket.description);
      const body = {
        summary,
        initialDescription,
        board: optionalRef(ticket.queueId, 'service board'),
        company: { id: cwIdOf(ticket.accountId, 'company') },
        contact: optionalRef(ticket.contactId, 'contact'),
        status: { id: cwIdOf(ticket.statusId, 'status') },
        priority: { id: cwIdOf(ticket.priorityId, 'priority') },
        type: optionalRef(ticket.issueTypeId, 'type'),
        subType: optionalRef(ticket.subIssueTypeId, 'subtype'),
        item: optionalRef(ticket.typeId, 'item'),
        source: optionalRef(ticket.sourceId, 'source'),
        agreement: optionalRef(ticket.contractId, 'agreement'),
        // ConnectWise keeps no idempotency key; the marker rides in the external reference.
        externalXRef: ticket.marker.slice(0, XREF_MAX),
      };
      const { body: created } = await client.call(ticketSchema, { method: 'POST', path: 'service/tickets', json: body, signal });
      return toTicketRef(created, signal);
    },

    async findTicketByMarker(marker, signal) {
      const { body } = await client.call(z.array(ticketSchema), {
        method: 'GET', path: 'service/tickets',
        query: { conditions: `externalXRef=${quoted(marker.slice(0, XREF_MAX))}`, orderBy: 'id asc', fields: fieldsOf(ticketSchema), page: 1, pageSize: 1 }, signal,
      });
      return body[0] ? toTicketRef(body[0], signal) : null;
    },

    async getTicket(ticketId, signal) {
      const { body } = await client.call(ticketSchema, { method: 'GET', path: `service/tickets/${cwIdOf(ticketId, 'ticket')}`, query: { fields: fieldsOf(ticketSchema) }, signal });
      return toTicketRef(body, signal);
    },

    async addNote(note, signal) {
      const { body } = await client.call(noteSchema, {
        method: 'POST',
        path: `service/tickets/${cwIdOf(note.ticketId, 'ticket')}/notes`,
        json: { text: noteText(note.title, note.body, note.marker), ...noteFlags(note.noteTypeId, note.visibilityId) },
        signal,
      });
      return { id: String(body.id) };
    },

    async hasNoteWithMarker(ticketId, marker, signal) {
      const notes = await client.all(noteSchema, `service/tickets/${cwIdOf(ticketId, 'ticket')}/notes`, { conditions: `text contains ${quoted(markerToken(marker))}` }, signal);
      return notes.some((n) => (n.text ?? '').includes(markerToken(marker)));
    },

    async listContracts(accountId, signal) {
      const conditions = accountId ? `agreementStatus="Active" and company/id=${cwIdOf(accountId, 'company')}` : 'agreementStatus="Active"';
      const rows = await client.all(agreementSchema, 'finance/agreements', { conditions }, signal);
      return rows.map((a) => ({ id: String(a.id), accountId: a.company ? String(a.company.id) : accountId ?? '', name: a.name ?? String(a.id), isActive: !a.cancelledFlag }));
    },

    async listServices(signal) {
      return (await client.all(catalogItemSchema, 'procurement/catalog', { conditions: 'inactiveFlag=false' }, signal)).map(toService);
    },

    async createService(input, signal) {
      const name = input.name.trim();
      const { body } = await client.call(catalogItemSchema, {
        method: 'POST',
        path: 'procurement/catalog',
        // identifier, description and customerDescription are the CatalogItem model's required fields
        // (ASSUMPTIONS.md: at most 25 and 60 characters; a real site may also demand a subcategory).
        json: {
          identifier: name.slice(0, 25).trim(), description: name.slice(0, 60).trim(), customerDescription: (input.description?.trim() || name).slice(0, 60).trim(),
          price: input.unitPrice, cost: input.unitCost, productClass: 'Service',
        },
        signal,
      });
      return toService(body);
    },

    async setContractServiceUnits(input, signal) {
      const agreementId = cwIdOf(input.contractId, 'agreement');
      const productId = cwIdOf(input.serviceId, 'product');
      const quantity = Math.max(0, Math.round(input.units));
      const additions = await client.all(additionSchema, `finance/agreements/${agreementId}/additions`, { conditions: `product/id=${productId}` }, signal);
      const current = additions.find((a) => !a.cancelledDate);
      if (current) {
        const patch: Array<{ op: 'replace'; path: string; value: number }> = [{ op: 'replace', path: 'quantity', value: quantity }];
        if (input.unitPrice !== null) patch.push({ op: 'replace', path: 'unitPrice', value: input.unitPrice });
        if (input.unitCost !== null) patch.push({ op: 'replace', path: 'unitCost', value: input.unitCost });
        await client.call(additionSchema, { method: 'PATCH', path: `finance/agreements/${agreementId}/additions/${current.id}`, json: patch, signal });
        return;
      }
      const addition: Record<string, unknown> = { product: { id: productId }, quantity, billCustomer: 'Billable', effectiveDate: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') };
      if (input.unitPrice !== null) addition.unitPrice = input.unitPrice;
      if (input.unitCost !== null) addition.unitCost = input.unitCost;
      await client.call(additionSchema, { method: 'POST', path: `finance/agreements/${agreementId}/additions`, json: addition, signal });
    },
  };
}
