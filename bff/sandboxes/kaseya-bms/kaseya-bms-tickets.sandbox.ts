/**
 * @module The Kaseya BMS sandbox's service desk: create, read, list/search (with `Filter.*` and
 * `ExcludeCompleted`), JSON-patch and resolve tickets, and list and add ticket notes. A technician
 * closes a ticket here the way BMS lets one: PATCH `/StatusId` to a completed status, or resolve.
 */
import type { Context, Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import { COMPLETED_STATUS_TYPE_ID, ticketNumber, type BmsData, type BmsTicket } from './kaseya-bms.seed.js';
import { noteDto, ticketListDto, ticketOutputDto } from './kaseya-bms-dto.sandbox.js';
import { validateNote, validateTicket, type TicketInput } from './kaseya-bms-validation.sandbox.js';
import {
  Query, contains, field, fail, intField, jsonBody, nowIso, ok, pageOf, paged, stringField, validationFailed,
} from './kaseya-bms-wire.sandbox.js';

type FilterValue = (name: string) => string | undefined;

/** The shared filter of `GET /tickets` (query) and `POST /tickets/search` (body). */
function ticketFilter(data: BmsData, get: FilterValue): (t: BmsTicket) => boolean {
  const list = (name: string) => get(name)?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const ids = (name: string) => list(name)?.map(Number);
  const named = (names: string[] | undefined, label: string | null | undefined) => !names?.length || names.includes((label ?? '').toLowerCase());
  const range = (value: string | null, key: string) => {
    const from = get(`${key}From`);
    const to = get(`${key}To`);
    if (!from && !to) return true;
    if (!value) return false;
    return (!from || Date.parse(value) >= Date.parse(from)) && (!to || Date.parse(value) <= Date.parse(to));
  };
  const f = {
    statuses: list('StatusNames'), queues: list('QueueNames'), priorities: list('PriorityNames'), types: list('TicketTypeNames'),
    issues: list('IssueTypeNames'), subIssues: list('SubIssueTypeNames'), sources: ids('SourceIds'), accounts: ids('AccountIds'),
    excludeCompleted: get('ExcludeCompleted') === '1', contactId: get('ContactId'), locationId: get('AccountLocationId'),
  };
  return (t) => {
    const account = data.accountsById.get(t.accountId);
    const status = data.statuses.find((s) => s.id === t.statusId);
    const issue = data.issueTypes.find((i) => i.id === t.issueTypeId);
    return contains(t.title, get('Title')) && contains(t.details, get('Details')) && contains(account?.name, get('Account'))
      && contains(account?.code, get('AccountCode')) && contains(t.number, get('TicketNumber'))
      && named(f.statuses, status?.name) && named(f.queues, data.queues.find((q) => q.id === t.queueId)?.name)
      && named(f.priorities, data.priorities.find((p) => p.id === t.priorityId)?.name)
      && named(f.types, data.tables.TicketTypes?.find((v) => v.id === t.typeId)?.name) && named(f.issues, issue?.name)
      && named(f.subIssues, issue?.subTypes.find((s) => s.id === t.subIssueTypeId)?.name)
      && (!f.sources?.length || f.sources.includes(t.sourceId)) && (!f.accounts?.length || f.accounts.includes(t.accountId))
      && !(f.excludeCompleted && t.completedDate) && (!f.contactId || Number(f.contactId) === t.contactId)
      && (!f.locationId || Number(f.locationId) === t.locationId)
      && range(t.openDate, 'OpenDate') && range(t.completedDate, 'CompletedDate') && range(t.createdOn, 'CreatedOn');
  };
}

/** ASSUMPTION: lists come newest first (the vendor's default `Sort` is not documented). */
const newestFirst = (a: BmsTicket, b: BmsTicket) => b.id - a.id;

/** Moves a ticket to a status, stamping completion or re-opening as BMS does. */
export function applyStatus(data: BmsData, t: BmsTicket, statusId: number, at: string): void {
  const completed = data.statuses.find((s) => s.id === statusId)?.typeId === COMPLETED_STATUS_TYPE_ID;
  if (completed && !t.completedDate) t.completedDate = at;
  if (!completed && t.completedDate) {
    t.completedDate = null;
    t.reopenedDate = at;
  }
  if (t.statusId !== statusId) t.lastStatusUpdate = at;
  t.statusId = statusId;
}

const PATCHABLE: Record<string, keyof TicketInput> = {
  statusid: 'statusId', priorityid: 'priorityId', queueid: 'queueId', assigneeid: 'assigneeId', title: 'title', details: 'details',
  issuetypeid: 'issueTypeId', subissuetypeid: 'subIssueTypeId', contractid: 'contractId', contactid: 'contactId', typeid: 'typeId', sourceid: 'sourceId',
};

export function registerTicketRoutes(app: Hono, state: SandboxState<BmsData>): void {
  const findTicket = (c: Context) => state.data.tickets.get(Number(c.req.param('ticketId')));
  const notFound = (c: Context) => fail(c, 404, 'Ticket not found.');

  app.post('/v2/servicedesk/tickets', async (c) => {
    const data = state.data;
    const checked = validateTicket(data, await jsonBody(c), null);
    if (checked.kind === 'invalid') return validationFailed(c, checked.errors);
    if (checked.kind === 'rejected') return fail(c, 200, checked.message);
    const input = checked.input;
    const at = nowIso();
    const id = data.nextId.ticket++;
    const ticket: BmsTicket = {
      id, number: ticketNumber(at, id), ...input, openDate: input.openDate ?? at, completedDate: null, reopenedDate: null,
      createdOn: at, createdBy: 1, modifiedOn: at, lastStatusUpdate: at, lastPriorityUpdate: at, lastQueueUpdate: input.queueId ? at : null,
    };
    applyStatus(data, ticket, input.statusId, at);
    data.tickets.set(id, ticket);
    state.recordWrite('ticket', id, input);
    return ok(c, ticketOutputDto(data, ticket));
  });

  app.get('/v2/servicedesk/tickets', (c) => {
    const q = new Query(c.req.url);
    const list = [...state.data.tickets.values()].filter(ticketFilter(state.data, (name) => q.get(`Filter.${name}`))).sort(newestFirst);
    return paged(c, pageOf(list, q.int('PageSize'), q.int('PageNumber')).map((t) => ticketListDto(state.data, t)), list.length);
  });

  app.post('/v2/servicedesk/tickets/search', async (c) => {
    const body = await jsonBody(c);
    const filter = field(body, 'Filter');
    const get: FilterValue = (name) => {
      const v = field(filter, name);
      return v === null || v === undefined || v === '' ? undefined : String(v);
    };
    const list = [...state.data.tickets.values()].filter(ticketFilter(state.data, get)).sort(newestFirst);
    const page = pageOf(list, intField(body, 'PageSize') ?? undefined, intField(body, 'PageNumber') ?? undefined);
    return paged(c, page.map((t) => ticketListDto(state.data, t)), list.length);
  });

  app.get('/v2/servicedesk/tickets/:ticketId{[0-9]+}', (c) => {
    const t = findTicket(c);
    return t ? ok(c, ticketOutputDto(state.data, t)) : notFound(c);
  });

  app.patch('/v2/servicedesk/tickets/:ticketId{[0-9]+}', async (c) => {
    const data = state.data;
    const t = findTicket(c);
    if (!t) return notFound(c);
    const ops = await jsonBody(c);
    if (!Array.isArray(ops) || ops.length === 0) return validationFailed(c, ['A non-empty JSON patch document is required.']);
    const changes: Record<string, unknown> = {};
    for (const op of ops) {
      const kind = stringField(op, 'op')?.toLowerCase();
      const path = stringField(op, 'path') ?? '';
      const key = PATCHABLE[path.replace(/^\//, '').toLowerCase()];
      if (!key) return fail(c, 400, `The target location specified by path segment '${path.replace(/^\//, '')}' was not found.`);
      if (kind === 'replace' || kind === 'add') changes[key] = field(op, 'value');
      else if (kind === 'remove') changes[key] = null;
      else return fail(c, 400, `Invalid JsonPatch operation '${kind ?? ''}'.`);
    }
    const current: Record<string, unknown> = { ...t };
    const checked = validateTicket(data, { ...current, ...changes }, t);
    if (checked.kind === 'invalid') return validationFailed(c, checked.errors);
    if (checked.kind === 'rejected') return fail(c, 200, checked.message);
    const at = nowIso();
    const { statusId, ...rest } = checked.input;
    if (rest.priorityId !== t.priorityId) t.lastPriorityUpdate = at;
    if (rest.queueId !== t.queueId) t.lastQueueUpdate = at;
    Object.assign(t, rest, { openDate: t.openDate, modifiedOn: at });
    applyStatus(data, t, statusId, at);
    state.recordWrite('ticket.update', t.id, ops);
    return ok(c, ticketOutputDto(data, t));
  });

  app.post('/v2/servicedesk/tickets/:ticketId{[0-9]+}/resolve', async (c) => {
    const data = state.data;
    const t = findTicket(c);
    if (!t) return notFound(c);
    const body = await jsonBody(c);
    const comment = stringField(body, 'Comment');
    if (!comment?.trim()) return validationFailed(c, ['The Comment field is required.']);
    const wanted = intField(body, 'StatusId');
    const status = wanted ? data.statuses.find((s) => s.id === wanted) : data.statuses.find((s) => s.typeId === COMPLETED_STATUS_TYPE_ID);
    if (!status || status.typeId !== COMPLETED_STATUS_TYPE_ID) return fail(c, 200, 'The status must be a completed status.');
    const at = nowIso();
    const resolution = data.tables.NoteTypes?.find((n) => n.name === 'Resolution')?.id ?? 1;
    const notes = data.notes.get(t.id) ?? [];
    notes.push({ id: data.nextId.note++, ticketId: t.id, details: comment, isInternal: field(body, 'IsInternal') !== false, typeId: resolution, noteDate: at, createdOn: at, createdBy: 1 });
    data.notes.set(t.id, notes);
    applyStatus(data, t, status.id, at);
    t.modifiedOn = at;
    state.recordWrite('ticket.resolve', t.id, body);
    return ok(c, ticketOutputDto(data, t));
  });

  app.get('/v2/servicedesk/tickets/:ticketId{[0-9]+}/notes', (c) => {
    const t = findTicket(c);
    if (!t) return notFound(c);
    const q = new Query(c.req.url);
    const notes = [...(state.data.notes.get(t.id) ?? [])].sort((a, b) => b.id - a.id);
    return ok(c, pageOf(notes, q.int('PageSize'), q.int('PageNumber')).map((n) => noteDto(state.data, n)));
  });

  app.get('/v2/servicedesk/tickets/:ticketId{[0-9]+}/notes/:noteId{[0-9]+}', (c) => {
    const note = (state.data.notes.get(Number(c.req.param('ticketId'))) ?? []).find((n) => n.id === Number(c.req.param('noteId')));
    return note ? ok(c, noteDto(state.data, note)) : fail(c, 404, 'Note not found.');
  });

  app.post('/v2/servicedesk/tickets/:ticketId{[0-9]+}/notes', async (c) => {
    const data = state.data;
    const t = findTicket(c);
    if (!t) return notFound(c);
    const checked = validateNote(data, await jsonBody(c));
    if (checked.kind === 'invalid') return validationFailed(c, checked.errors);
    if (checked.kind === 'rejected') return fail(c, 200, checked.message);
    const at = nowIso();
    const note = { id: data.nextId.note++, ticketId: t.id, createdOn: at, createdBy: 1, ...checked.input };
    data.notes.set(t.id, [...(data.notes.get(t.id) ?? []), note]);
    if (checked.statusId) applyStatus(data, t, checked.statusId, at);
    t.modifiedOn = at;
    state.recordWrite('note', note.id, { ticketId: t.id, ...checked.input });
    return ok(c, noteDto(data, note));
  });
}
