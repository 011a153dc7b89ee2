/**
 * @module The Syncro sandbox's tickets and ticket comments: list, show, create, update (so a
 * ticket can be resolved as a technician would) and comment, with the swagger's 422 shapes.
 */
import type { Context, Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import { commentJson, pageOf, ticketDetailJson, ticketListJson } from './syncro-json.mapper.js';
import type { SyncroCommentRow, SyncroData, SyncroTicketRow } from './syncro-rows.js';
import { SANDBOX_USER } from './syncro-rows.js';
import { NOT_FOUND, PAGE_SIZE, denied, idParam } from './syncro-wire.js';

type Body = Record<string, unknown>;

/** Syncro takes JSON or form bodies. */
export async function bodyOf(c: Context): Promise<Body> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) return (await c.req.parseBody()) as Body;
  const parsed: unknown = await c.req.json().catch(() => ({}));
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Body) : {};
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : null);
const bool = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;

/** Statuses that mean "closed" for the pseudo-status "Not Closed" (facts B2). */
const CLOSED = new Set(['Resolved', 'Invoiced']);

export function registerTicketRoutes(api: Hono, state: SandboxState<SyncroData>): void {
  const data = () => state.data;
  const now = () => new Date().toISOString();
  const findTicket = (id: string | undefined) => data().tickets.find((t) => t.id === idParam(id));

  api.get('/tickets', (c) => {
    const no = denied(c, state, 'Tickets - List/Search');
    if (no) return no;
    const q = c.req.query();
    const rows = data().tickets.filter((t) => {
      if (q.customer_id && t.customerId !== idParam(q.customer_id)) return false;
      if (q.contact_id && t.contactId !== idParam(q.contact_id)) return false;
      if (q.number && String(t.number) !== q.number) return false;
      if (q.user_id && t.userId !== idParam(q.user_id)) return false;
      if (q.status === 'Not Closed' ? CLOSED.has(t.status) : q.status && t.status !== q.status) return false;
      if (q.query && !t.subject.toLowerCase().includes(q.query.toLowerCase()) && String(t.number) !== q.query) return false;
      if (q.created_after && t.createdAt < q.created_after) return false;
      if (q.since_updated_at && t.updatedAt < q.since_updated_at) return false;
      if (q.resolved_after && (!t.resolvedAt || t.resolvedAt < q.resolved_after)) return false;
      return true;
    });
    // ASSUMPTION: newest ticket first.
    const sorted = [...rows].sort((a, b) => b.number - a.number);
    const { slice, meta } = pageOf(sorted, q.page, PAGE_SIZE.tickets, 'short');
    return c.json({ tickets: slice.map((t) => ticketListJson(t, data())), meta });
  });

  api.get('/tickets/:id', (c) => {
    const no = denied(c, state, 'Tickets - View Details');
    if (no) return no;
    const ticket = findTicket(c.req.param('id'));
    return ticket ? c.json({ ticket: ticketDetailJson(ticket, data()) }) : c.json(NOT_FOUND, 404);
  });

  api.post('/tickets', async (c) => {
    const no = denied(c, state, 'Tickets - Create');
    if (no) return no;
    const body = await bodyOf(c);
    const customer = data().customers.find((x) => x.id === idParam(str(body.customer_id) ?? undefined));
    if (!customer) return c.json({ error: 'Customer required field' }, 422);
    const contactError = checkContact(body.contact_id, customer.id);
    if (contactError) return c.json({ error: contactError }, 422);
    const at = now();
    const ticket: SyncroTicketRow = {
      id: data().nextId.ticket++,
      number: data().nextId.ticketNumber++,
      subject: str(body.subject) ?? '',
      customerId: customer.id,
      contactId: body.contact_id ? idParam(String(body.contact_id)) : null,
      status: str(body.status) ?? 'New',
      problemType: str(body.problem_type),
      priority: str(body.priority),
      userId: body.user_id ? idParam(String(body.user_id)) : null,
      assetIds: Array.isArray(body.asset_ids) ? body.asset_ids.map((x) => idParam(String(x))).filter((x) => data().assets.some((a) => a.id === x && a.customerId === customer.id)) : [],
      properties: body.properties && typeof body.properties === 'object' ? (body.properties as Record<string, unknown>) : {},
      tagList: Array.isArray(body.tag_list) ? body.tag_list.map(String) : [],
      dueDate: str(body.due_date),
      resolvedAt: CLOSED.has(str(body.status) ?? '') ? at : null,
      createdAt: at,
      updatedAt: at,
    };
    data().tickets.push(ticket);
    const firstComments = Array.isArray(body.comments_attributes) ? (body.comments_attributes as Body[]) : [];
    for (const comment of firstComments) {
      if (!str(comment.body)) continue;
      data().comments.push(newComment(ticket.id, comment, at));
    }
    state.recordWrite('ticket', ticket.id, body);
    return c.json({ ticket: ticketDetailJson(ticket, data()) });
  });

  api.put('/tickets/:id', async (c) => {
    const no = denied(c, state, 'Tickets - Edit');
    if (no) return no;
    const ticket = findTicket(c.req.param('id'));
    if (!ticket) return c.json(NOT_FOUND, 404);
    const body = await bodyOf(c);
    if (body.contact_id !== undefined) {
      const contactError = checkContact(body.contact_id, ticket.customerId);
      if (contactError) return c.json({ error: contactError }, 422);
      ticket.contactId = body.contact_id ? idParam(String(body.contact_id)) : null;
    }
    const at = now();
    if (str(body.subject)) ticket.subject = str(body.subject)!;
    if (str(body.problem_type)) ticket.problemType = str(body.problem_type);
    if (body.priority !== undefined) ticket.priority = str(body.priority);
    if (body.due_date !== undefined) ticket.dueDate = str(body.due_date);
    if (Array.isArray(body.tag_list)) ticket.tagList = body.tag_list.map(String);
    if (body.properties && typeof body.properties === 'object') ticket.properties = { ...ticket.properties, ...(body.properties as Record<string, unknown>) };
    const status = str(body.status);
    if (status && status !== ticket.status) {
      ticket.status = status;
      ticket.resolvedAt = CLOSED.has(status) ? at : null;
    }
    ticket.updatedAt = at;
    state.recordWrite('ticket.update', ticket.id, body);
    return c.json({ ticket: ticketDetailJson(ticket, data()) });
  });

  api.get('/tickets/:id/comments', (c) => {
    const no = denied(c, state, 'Tickets - View Details');
    if (no) return no;
    const ticket = findTicket(c.req.param('id'));
    if (!ticket) return c.json(NOT_FOUND, 404);
    const q = c.req.query();
    const field = q.sort_by === 'updated_at' ? 'updatedAt' : 'createdAt';
    // Newest first unless asked otherwise (reverse chronological order was observed live, facts B2).
    const sign = q.sort_direction?.toLowerCase() === 'asc' ? 1 : -1;
    const rows = data()
      .comments.filter((x) => x.ticketId === ticket.id)
      .filter((x) => (!q.created_after || x.createdAt > q.created_after) && (!q.created_before || x.createdAt < q.created_before))
      .filter((x) => (!q.updated_after || x.updatedAt > q.updated_after) && (!q.updated_before || x.updatedAt < q.updated_before))
      .sort((a, b) => (a[field] < b[field] ? -sign : a[field] > b[field] ? sign : sign * (a.id - b.id)));
    const perPage = Math.min(PAGE_SIZE.commentsMax, idParam(q.per_page) > 0 ? idParam(q.per_page) : PAGE_SIZE.commentsDefault);
    const { slice, meta } = pageOf(rows, q.page, perPage, 'comments');
    return c.json({ comments: slice.map((x) => commentJson(x, 'list')), meta });
  });

  api.post('/tickets/:id/comment', async (c) => {
    const no = denied(c, state, 'Tickets - Edit');
    if (no) return no;
    const ticket = findTicket(c.req.param('id'));
    if (!ticket) return c.json(NOT_FOUND, 404);
    const body = await bodyOf(c);
    const problems = [...(str(body.body) ? [] : ["Body can't be blank"]), ...(str(body.subject) ? [] : ["Subject can't be blank"])];
    if (problems.length > 0) return c.json({ success: false, message: problems }, 422);
    const comment = newComment(ticket.id, body, now());
    data().comments.push(comment);
    ticket.updatedAt = comment.createdAt;
    state.recordWrite('comment', comment.id, { ticketId: ticket.id, ...body });
    return c.json({ comment: commentJson(comment, 'created') });
  });

  function newComment(ticketId: number, body: Body, at: string): SyncroCommentRow {
    return {
      id: data().nextId.comment++,
      ticketId,
      subject: str(body.subject) ?? 'Update',
      body: str(body.body) ?? '',
      tech: str(body.tech) ?? SANDBOX_USER.fullName,
      hidden: bool(body.hidden),
      userId: SANDBOX_USER.id,
      createdAt: at,
      updatedAt: at,
    };
  }

  /**
   * ASSUMPTION: Syncro refuses a contact of another customer with a 422 in its `{"error": …}` shape
   * (the wording is ours).
   */
  function checkContact(contactId: unknown, customerId: number): string | null {
    if (contactId === undefined || contactId === null || contactId === '') return null;
    const contact = data().contacts.find((x) => x.id === idParam(String(contactId)));
    return contact && contact.customerId === customerId ? null : 'Contact must belong to the ticket customer';
  }
}
