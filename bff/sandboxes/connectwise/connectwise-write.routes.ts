/**
 * @module The ConnectWise PSA sandbox's writes: tickets (summary at most 100 characters; board,
 * company, status, type/subtype/item, contact and agreement checked against each other), ticket
 * notes (at least one of the detail/internal/resolution flags), status changes by JSON Patch,
 * agreement additions (create, and quantity/price by JSON Patch) and catalog products (identifier,
 * description and customerDescription required, as ConnectWise's CatalogItem model says). A
 * reference is resolved as ConnectWise resolves it: by `id`, else by `identifier` (companies,
 * products) or `name` (boards and their statuses, types, subtypes and items, priorities, sources,
 * agreements), case ignored (ASSUMPTIONS.md). Answers leave unset fields out. Every write
 * is recorded for `_control/writes` with the kinds every PSA sandbox uses (ticket, ticket.update,
 * note, contract-service.units for an addition's quantity, service for a catalog product).
 */
import type { Context, Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import type { CwData, CwNote, CwTicket, Ref } from './connectwise.seed.js';
import { answer, invalidObject, isPatch, jsonBody, notFound } from './connectwise-wire.js';

export const SUMMARY_MAX = 100;
const IDENTIFIER_MAX = 25;
const DESCRIPTION_MAX = 60;
/** ASSUMPTION (ASSUMPTIONS.md): the derived schemas lose maxLength; ConnectWise's UI allows 60 here too. */
const CUSTOMER_DESCRIPTION_MAX = 60;

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
type Body = Record<string, unknown>;
const idOf = (v: unknown): number | null => {
  const id = v && typeof v === 'object' ? (v as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
};
const ref = (r: { id: number; name: string }): Ref => ({ id: r.id, name: r.name });

/** What a reference may name a record by besides its id. */
type RefKey = 'name' | 'identifier';
/**
 * The row a reference points at: `{id}` first, else `{identifier}` or `{name}` as `keys` allow,
 * text compared without case. Undefined when the reference names nothing or nothing matches.
 */
export function byRef<T extends { id: number }>(rows: readonly T[], reference: unknown, keys: readonly RefKey[] = ['name']): T | undefined {
  if (!reference || typeof reference !== 'object') return undefined;
  const id = idOf(reference);
  if (id !== null) return rows.find((r) => r.id === id);
  for (const key of keys) {
    const wanted = (reference as Record<string, unknown>)[key];
    if (typeof wanted !== 'string' || !wanted.trim()) continue;
    return rows.find((r) => String((r as Record<string, unknown>)[key] ?? '').toLowerCase() === wanted.trim().toLowerCase());
  }
  return undefined;
}

export function registerWriteRoutes(api: Hono, state: SandboxState<CwData>): void {
  const d = () => state.data;

  api.post('/service/tickets', async (c) => {
    const body = await jsonBody(c);
    if (!body || typeof body !== 'object' || Array.isArray(body)) return invalidObject(c, 'ticket', [{ field: 'body', message: 'The request body is not a ticket object.' }]);
    const built = buildTicket(d(), body as Body);
    if ('errors' in built) return invalidObject(c, 'ticket', built.errors);
    const ticket = built.ticket;
    d().tickets.set(ticket.id, ticket);
    state.recordWrite('ticket', ticket.id, ticket);
    return answer(c, ticket, 201);
  });

  api.patch('/service/tickets/:id{[0-9]+}', async (c) => {
    const ticket = d().tickets.get(Number(c.req.param('id')));
    if (!ticket) return notFound(c, 'Ticket', c.req.param('id'));
    const patch = await jsonBody(c);
    if (!isPatch(patch)) return invalidObject(c, 'ticket', [{ field: 'body', message: 'Send a JSON Patch array: [{"op":"replace","path":"status","value":{"id":…}}]' }]);
    for (const op of patch) {
      const path = op.path.replace(/^\//, '').toLowerCase();
      if (op.op !== 'replace') return invalidObject(c, 'ticket', [{ field: op.path, message: `Operation ${op.op} is not supported here.` }]);
      if (path === 'status' || path === 'status/id' || path === 'status/name') {
        const reference = path === 'status' ? op.value : path === 'status/id' ? { id: op.value } : { name: op.value };
        const status = byRef(d().statuses.filter((s) => s.board.id === ticket.board.id), reference);
        if (!status) return invalidObject(c, 'ticket', [{ field: 'status', message: 'The status is not a status of the ticket’s board.' }]);
        ticket.status = ref(status);
        ticket.closedFlag = status.closedStatus;
      } else if (path === 'summary') {
        const summary = String(op.value ?? '');
        if (!summary.trim() || summary.length > SUMMARY_MAX) return invalidObject(c, 'ticket', [{ field: 'summary', message: `Summary is required and may have at most ${SUMMARY_MAX} characters.` }]);
        ticket.summary = summary;
      } else {
        return invalidObject(c, 'ticket', [{ field: op.path, message: 'This field cannot be changed by the sandbox.' }]);
      }
    }
    ticket._info.lastUpdated = now();
    state.recordWrite('ticket.update', ticket.id, patch);
    return answer(c, ticket);
  });

  api.post('/service/tickets/:id{[0-9]+}/notes', async (c) => {
    const ticketId = Number(c.req.param('id'));
    if (!d().tickets.has(ticketId)) return notFound(c, 'Ticket', ticketId);
    const body = ((await jsonBody(c)) ?? {}) as Body;
    const flags = { detailDescriptionFlag: body.detailDescriptionFlag === true, internalAnalysisFlag: body.internalAnalysisFlag === true, resolutionFlag: body.resolutionFlag === true };
    const errors = [];
    if (typeof body.text !== 'string' || !body.text.trim()) errors.push({ field: 'text', message: 'Text is required.', code: 'Required' });
    if (!flags.detailDescriptionFlag && !flags.internalAnalysisFlag && !flags.resolutionFlag) {
      errors.push({ field: 'detailDescriptionFlag', message: 'At least one of detailDescriptionFlag, internalAnalysisFlag or resolutionFlag must be true.' });
    }
    if (errors.length) return invalidObject(c, 'ticketNote', errors);
    const note: CwNote = { id: d().nextId.note++, ticketId, text: String(body.text), ...flags, customerUpdatedFlag: body.customerUpdatedFlag === true, dateCreated: now(), createdBy: 'APIMember' };
    const notes = d().notes.get(ticketId) ?? [];
    notes.push(note);
    d().notes.set(ticketId, notes);
    state.recordWrite('note', note.id, note);
    return answer(c, note, 201);
  });

  api.post('/finance/agreements/:id{[0-9]+}/additions', async (c) => addition(c, state));
  api.patch('/finance/agreements/:id{[0-9]+}/additions/:additionId{[0-9]+}', async (c) => {
    const row = d().additions.find((a) => a.id === Number(c.req.param('additionId')) && a.agreementId === Number(c.req.param('id')));
    if (!row) return notFound(c, 'Addition', c.req.param('additionId'));
    const patch = await jsonBody(c);
    if (!isPatch(patch)) return invalidObject(c, 'addition', [{ field: 'body', message: 'Send a JSON Patch array.' }]);
    for (const op of patch) {
      const path = op.path.replace(/^\//, '') as 'quantity' | 'unitPrice' | 'unitCost';
      if (op.op !== 'replace' || !['quantity', 'unitPrice', 'unitCost'].includes(path) || typeof op.value !== 'number' || op.value < 0) {
        return invalidObject(c, 'addition', [{ field: op.path, message: 'Only quantity, unitPrice and unitCost can be replaced, with a number of at least 0.' }]);
      }
      row[path] = op.value;
    }
    state.recordWrite('contract-service.units', row.id, { change: 'update', agreementId: row.agreementId, productId: row.product.id, quantity: row.quantity, unitPrice: row.unitPrice, unitCost: row.unitCost });
    return answer(c, row);
  });

  api.post('/procurement/catalog', async (c) => {
    const body = ((await jsonBody(c)) ?? {}) as Body;
    const identifier = typeof body.identifier === 'string' ? body.identifier.trim() : '';
    const description = typeof body.description === 'string' ? body.description.trim() : '';
    const customerDescription = typeof body.customerDescription === 'string' ? body.customerDescription.trim() : '';
    const errors = [];
    if (!identifier || identifier.length > IDENTIFIER_MAX) errors.push({ field: 'identifier', message: `Identifier is required and may have at most ${IDENTIFIER_MAX} characters.` });
    else if (d().catalog.some((p) => p.identifier.toLowerCase() === identifier.toLowerCase())) errors.push({ field: 'identifier', message: 'The identifier is already used by another product.', code: 'Duplicate' });
    if (!description || description.length > DESCRIPTION_MAX) errors.push({ field: 'description', message: `Description is required and may have at most ${DESCRIPTION_MAX} characters.` });
    if (!customerDescription || customerDescription.length > CUSTOMER_DESCRIPTION_MAX) {
      errors.push({ field: 'customerDescription', message: `Customer description is required and may have at most ${CUSTOMER_DESCRIPTION_MAX} characters.`, code: 'Required' });
    }
    if (errors.length) return invalidObject(c, 'catalogItem', errors);
    const item: CwData['catalog'][number] = {
      id: d().nextId.catalog++, identifier, description, customerDescription, inactiveFlag: false,
      price: typeof body.price === 'number' ? body.price : 0, cost: typeof body.cost === 'number' ? body.cost : 0,
      productClass: body.productClass === 'Agreement' || body.productClass === 'NonInventory' || body.productClass === 'Inventory' ? body.productClass : 'Service',
    };
    d().catalog.push(item);
    state.recordWrite('service', item.id, item);
    return answer(c, item, 201);
  });
}

async function addition(c: Context, state: SandboxState<CwData>): Promise<Response> {
  const d = state.data;
  const agreement = d.agreements.find((a) => a.id === Number(c.req.param('id')));
  if (!agreement) return notFound(c, 'Agreement', c.req.param('id') ?? '');
  const body = ((await jsonBody(c)) ?? {}) as Body;
  const product = byRef(d.catalog, body.product, ['identifier']);
  const errors = [];
  if (!product) errors.push({ field: 'product', message: 'Product is required and must be a catalog item.', code: 'Required' });
  if (typeof body.quantity !== 'number' || body.quantity < 0) errors.push({ field: 'quantity', message: 'Quantity must be a number of at least 0.' });
  if (product && d.additions.some((a) => a.agreementId === agreement.id && a.product.id === product.id && !a.cancelledDate)) {
    errors.push({ field: 'product', message: 'The agreement already has this product; change the existing addition.', code: 'Duplicate' });
  }
  if (errors.length) return invalidObject(c, 'addition', errors);
  const row = {
    id: d.nextId.addition++, product: { id: product!.id, identifier: product!.identifier }, agreementId: agreement.id, quantity: body.quantity as number,
    unitPrice: typeof body.unitPrice === 'number' ? body.unitPrice : product!.price, unitCost: typeof body.unitCost === 'number' ? body.unitCost : product!.cost,
    billCustomer: 'Billable' as const, effectiveDate: typeof body.effectiveDate === 'string' ? body.effectiveDate : now(), cancelledDate: null, description: product!.description,
  };
  d.additions.push(row);
  state.recordWrite('contract-service.units', row.id, { change: 'create', agreementId: row.agreementId, productId: row.product.id, quantity: row.quantity, unitPrice: row.unitPrice, unitCost: row.unitCost });
  return answer(c, row, 201);
}

/** A new ticket from a POST body, or the vendor's field errors. */
function buildTicket(d: CwData, body: Body): { ticket: CwTicket } | { errors: Array<{ field: string; message: string; code?: string }> } {
  const errors: Array<{ field: string; message: string; code?: string }> = [];
  const summary = typeof body.summary === 'string' ? body.summary : '';
  if (!summary.trim()) errors.push({ field: 'summary', message: 'Summary is required.', code: 'Required' });
  else if (summary.length > SUMMARY_MAX) errors.push({ field: 'summary', message: `Summary may have at most ${SUMMARY_MAX} characters.`, code: 'InvalidField' });
  const board = byRef(d.boards.filter((b) => !b.inactiveFlag), body.board);
  if (!board) errors.push({ field: 'board', message: 'Board is required and must be an active service board.', code: 'Required' });
  const company = byRef(d.companies, body.company, ['identifier']);
  if (!company) errors.push({ field: 'company', message: 'Company is required.', code: 'Required' });
  const onBoard = <T extends { id: number; name: string; board: { id: number } }>(rows: T[], field: string, label: string): T | null | undefined => {
    if (body[field] === undefined || body[field] === null) return null;
    const found = byRef(rows.filter((r) => r.board.id === board?.id), body[field]);
    if (!found) errors.push({ field, message: `${label} is not valid for the board.` });
    return found;
  };
  const status = onBoard(d.statuses, 'status', 'Status') ?? d.statuses.find((s) => s.board.id === board?.id && s.defaultFlag);
  const type = onBoard(d.types, 'type', 'Type');
  const subType = onBoard(d.subtypes, 'subType', 'Subtype');
  const item = onBoard(d.items, 'item', 'Item');
  if (subType && (!type || !subType.typeAssociationIds.includes(type.id))) errors.push({ field: 'subType', message: 'The subtype is not associated with the ticket’s type.' });
  const contact = body.contact ? d.contacts.find((x) => x.id === idOf(body.contact)) : null;
  if (body.contact && (!contact || contact.company.id !== company?.id)) errors.push({ field: 'contact', message: 'The contact does not belong to the company.' });
  const priority = body.priority ? byRef(d.priorities, body.priority) : d.priorities.find((p) => p.defaultFlag);
  if (!priority) errors.push({ field: 'priority', message: 'Priority is not valid.' });
  const source = body.source ? byRef(d.sources, body.source) : null;
  if (body.source && !source) errors.push({ field: 'source', message: 'Source is not valid.' });
  const agreement = body.agreement ? byRef(d.agreements.filter((a) => a.company.id === company?.id), body.agreement) : null;
  if (body.agreement && (!agreement || agreement.company.id !== company?.id || agreement.agreementStatus !== 'Active')) {
    errors.push({ field: 'agreement', message: 'The agreement is not an active agreement of the company.' });
  }
  const externalXRef = typeof body.externalXRef === 'string' ? body.externalXRef : null;
  if (externalXRef && externalXRef.length > 100) errors.push({ field: 'externalXRef', message: 'externalXRef may have at most 100 characters.' });
  if (errors.length || !board || !company || !status || !priority) return { errors };
  const at = now();
  return {
    ticket: {
      id: d.nextId.ticket++, summary, recordType: 'ServiceTicket', board: ref(board), status: ref(status),
      company: { id: company.id, identifier: company.identifier, name: company.name },
      contact: contact ? { id: contact.id, name: `${contact.firstName} ${contact.lastName}` } : null,
      type: type ? ref(type) : null, subType: subType ? ref(subType) : null, item: item ? ref(item) : null,
      priority: ref(priority), source: source ? ref(source) : null, agreement: agreement ? { id: agreement.id, name: agreement.name } : null,
      initialDescription: typeof body.initialDescription === 'string' ? body.initialDescription : null,
      externalXRef, closedFlag: status.closedStatus, _info: { lastUpdated: at, dateEntered: at },
    },
  };
}
