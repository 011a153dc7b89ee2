/**
 * @module The HaloPSA sandbox's tickets and actions: `POST /Tickets` and `POST /Actions` take arrays
 * (an object with an `id` updates that record), the ticket type's mandatory fields are enforced
 * (their defaults fill what is left out), and lists search and page like the rest of the API.
 */
import type { Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import { CLOSED_STATUS_TYPE, TECHNEW_MANDATORY, type HaloData, type HaloTicket, type HaloTicketType } from './halopsa.seed.js';
import { Query, arrayBody, contains, echo, listAnswer, num, refuse } from './halopsa-wire.sandbox.js';

function ticketDto(data: HaloData, t: HaloTicket) {
  return { ...t, client_name: data.clientsById.get(t.client_id)?.name ?? '', status_name: data.statuses.find((s) => s.id === t.status_id)?.name ?? '' };
}

/** The type's own default for a ticket field (`default_category_1`, `default_impact`…), null when it has none. */
const typeDefault = (type: HaloTicketType, field: string): unknown => (type as unknown as Record<string, unknown>)[`default_${field}`] ?? null;

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** Validates and builds a new ticket; a string is the refusal. */
function newTicket(data: HaloData, row: Record<string, unknown>): HaloTicket | string {
  const summary = str(row.summary).trim();
  if (!summary) return 'Summary is required.';
  const client = data.clientsById.get(num(row.client_id) ?? -1);
  if (!client || client.inactive) return 'Please select a valid Client.';
  const type = data.ticketTypes.find((t) => t.id === num(row.tickettype_id));
  if (!type || !type.visible) return 'Please select a valid Ticket Type.';
  const siteId = num(row.site_id) ?? client.main_site_id;
  if (!data.sites.some((s) => s.id === siteId && s.client_id === client.id)) return 'The Site does not belong to the selected Client.';
  const userId = num(row.user_id) ?? null;
  if (userId !== null && !(data.usersByClient.get(client.id) ?? []).some((u) => u.id === userId)) return 'The User does not belong to the selected Client.';
  const statusId = num(row.status_id) ?? type.initial_status;
  if (!data.statuses.some((s) => s.id === statusId)) return 'Please select a valid Status.';
  const priorityId = num(row.priority_id) ?? 3;
  if (!data.priorities.some((p) => p.priorityid === priorityId)) return 'Please select a valid Priority.';
  // Halo names a ticket's team by name (`team`); its ticket model has no team id.
  const teamName = str(row.team).trim() || null;
  const team = teamName === null ? null : data.teams.find((t) => t.name.toLowerCase() === teamName.toLowerCase() && !t.inactive);
  if (teamName !== null && !team) return 'Please select a valid Team.';
  const contractId = num(row.contract_id) ?? null;
  if (contractId !== null && !data.contracts.some((k) => k.id === contractId && k.client_id === client.id && k.active)) return 'The Contract is not valid for the selected Client.';
  const values: Record<string, unknown> = { ...row };
  for (const f of type.fields) {
    if (str(values[f.fieldname]).trim()) continue;
    const fallback = typeDefault(type, f.fieldname);
    if (fallback !== null) values[f.fieldname] = fallback;
    else if (f.technew === TECHNEW_MANDATORY && f.fieldname !== 'user') return `${f.fieldinfo.label} is mandatory for the Ticket Type '${type.name}'.`;
  }
  const category = str(values.category_1).trim() || null;
  if (category && !data.categories.some((k) => k.value === category && !k.inactive)) return `'${category}' is not a valid Category.`;
  const status = data.statuses.find((s) => s.id === statusId)!;
  return {
    id: data.nextId.ticket++, summary, details: str(row.details), tickettype_id: type.id, client_id: client.id, site_id: siteId, user_id: userId,
    status_id: statusId, priority_id: priorityId, team: team?.name ?? null, category_1: category,
    impact: num(values.impact) ?? null, urgency: num(values.urgency) ?? null, contract_id: contractId, dateoccurred: new Date().toISOString(),
    hasbeenclosed: status.type === CLOSED_STATUS_TYPE,
  };
}

/** Actions the API writes are the API application's agent's (the seed's agent 1). */
const API_AGENT_ID = 1;

export function registerTicketRoutes(app: Hono, state: SandboxState<HaloData>): void {
  app.post('/api/Tickets', async (c) => {
    const rows = await arrayBody(c);
    if (!rows || rows.length === 0) return refuse(c, 400, 'The request body must be an array of tickets.');
    const data = state.data;
    const out: unknown[] = [];
    for (const row of rows) {
      const id = num(row.id);
      if (id && id > 0) {
        const ticket = data.tickets.get(id);
        if (!ticket) return refuse(c, 404, `Ticket ${id} not found.`);
        const statusId = num(row.status_id);
        const status = statusId === undefined ? undefined : data.statuses.find((s) => s.id === statusId);
        if (statusId !== undefined && !status) return refuse(c, 400, 'Please select a valid Status.');
        if (status) Object.assign(ticket, { status_id: status.id, hasbeenclosed: ticket.hasbeenclosed || status.type === CLOSED_STATUS_TYPE });
        state.recordWrite('ticket.update', id, row);
        out.push(ticketDto(data, ticket));
        continue;
      }
      const ticket = newTicket(data, row);
      if (typeof ticket === 'string') return refuse(c, 400, ticket);
      data.tickets.set(ticket.id, ticket);
      state.recordWrite('ticket', ticket.id, row);
      out.push(ticketDto(data, ticket));
    }
    return echo(c, out);
  });

  app.get('/api/Tickets', (c) => {
    const q = new Query(c.req.url);
    const data = state.data;
    const clientId = q.int('client_id');
    const search = q.get('search');
    const openOnly = q.bool('open_only') === true;
    const closed = new Set(data.statuses.filter((s) => s.type === CLOSED_STATUS_TYPE).map((s) => s.id));
    // ASSUMPTION: `search` matches the summary and the details.
    const rows = [...data.tickets.values()].filter((t) => (clientId === undefined || t.client_id === clientId)
      && (!search || contains(t.summary, search) || contains(t.details, search)) && (!openOnly || !closed.has(t.status_id)));
    return listAnswer(c, 'tickets', rows.map((t) => ticketDto(data, t)));
  });

  app.get('/api/Tickets/:id{[0-9]+}', (c) => {
    const ticket = state.data.tickets.get(Number(c.req.param('id')));
    return ticket ? c.json(ticketDto(state.data, ticket)) : refuse(c, 404, 'Ticket not found.');
  });

  app.post('/api/Actions', async (c) => {
    const rows = await arrayBody(c);
    if (!rows || rows.length === 0) return refuse(c, 400, 'The request body must be an array of actions.');
    const data = state.data;
    const out: unknown[] = [];
    for (const row of rows) {
      const ticketId = num(row.ticket_id);
      const ticket = ticketId === undefined ? undefined : data.tickets.get(ticketId);
      if (!ticket) return refuse(c, 400, 'Please select a valid Ticket.');
      const outcomeId = num(row.outcome_id) ?? null;
      const outcome = data.outcomes.find((o) => (outcomeId !== null ? o.id === outcomeId : o.outcome === str(row.outcome)));
      if (!outcome || outcome.hidden) return refuse(c, 400, 'Please select a valid Outcome.');
      const action = {
        id: data.nextId.action++, ticket_id: ticket.id, note: str(row.note), outcome: outcome.outcome, outcome_id: outcome.id,
        hiddenfromuser: row.hiddenfromuser === undefined ? outcome.hidefromuser : row.hiddenfromuser === true, datetime: new Date().toISOString(),
        who_agentid: API_AGENT_ID,
      };
      data.actions.set(ticket.id, [...(data.actions.get(ticket.id) ?? []), action]);
      state.recordWrite('note', action.id, row);
      out.push(action);
    }
    return echo(c, out);
  });

  app.get('/api/Actions', (c) => {
    const ticketId = new Query(c.req.url).int('ticket_id');
    if (ticketId === undefined) return refuse(c, 400, 'ticket_id is required.');
    return listAnswer(c, 'actions', state.data.actions.get(ticketId) ?? []);
  });
}
