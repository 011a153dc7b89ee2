/**
 * @module The HaloPSA sandbox's customers and lookups: clients (search, paging), sites, users (by
 * client and e-mail search), and the ticket lookups the wizard reads: statuses, priorities, teams,
 * agents, categories, outcomes and ticket types with their field rules.
 */
import type { Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import type { HaloClient, HaloData, HaloUser } from './halopsa.seed.js';
import { Query, contains, listAnswer, refuse } from './halopsa-wire.sandbox.js';

/** Site names by id, built once per request (10,000 clients would otherwise scan every site each). */
const siteNames = (data: HaloData) => new Map(data.sites.map((s) => [s.id, s.name]));

function clientDto(data: HaloData, c: HaloClient, sites = siteNames(data)) {
  return {
    id: c.id, name: c.name, toplevel_id: c.toplevel_id, toplevel_name: data.topLevels.find((t) => t.id === c.toplevel_id)?.name ?? '',
    inactive: c.inactive, website: c.website, main_site_id: c.main_site_id, main_site_name: sites.get(c.main_site_id) ?? '', colour: '#2f5bd3',
  };
}

function userDto(data: HaloData, u: HaloUser, sites = siteNames(data)) {
  return {
    id: u.id, name: u.name, firstname: u.firstname, surname: u.surname, emailaddress: u.emailaddress ?? '',
    site_id: u.site_id, site_name: sites.get(u.site_id) ?? '', client_id: u.client_id,
    client_name: data.clientsById.get(u.client_id)?.name ?? '', inactive: u.inactive, ismaincontact: u.ismaincontact,
  };
}

export function registerCrmRoutes(app: Hono, state: SandboxState<HaloData>): void {
  app.get('/api/Client', (c) => {
    const q = new Query(c.req.url);
    const data = state.data;
    const withInactive = q.bool('includeinactive') === true;
    const topLevel = q.int('toplevel_id');
    const rows = data.clients.filter((k) => (withInactive || !k.inactive) && contains(k.name, q.get('search')) && (topLevel === undefined || k.toplevel_id === topLevel));
    const sites = siteNames(data);
    return listAnswer(c, 'clients', rows.map((k) => clientDto(data, k, sites)));
  });

  app.get('/api/Client/:id{[0-9]+}', (c) => {
    const client = state.data.clientsById.get(Number(c.req.param('id')));
    return client ? c.json(clientDto(state.data, client)) : refuse(c, 404, 'Client not found.');
  });

  app.get('/api/Site', (c) => {
    const q = new Query(c.req.url);
    const clientId = q.int('client_id');
    const rows = state.data.sites.filter((s) => !s.inactive && (clientId === undefined || s.client_id === clientId));
    return listAnswer(c, 'sites', rows.map((s) => ({ ...s, client_name: state.data.clientsById.get(s.client_id)?.name ?? '' })));
  });

  app.get('/api/Users', (c) => {
    const q = new Query(c.req.url);
    const data = state.data;
    const clientId = q.int('client_id');
    const search = q.get('search');
    const pool = clientId === undefined ? [...data.usersByClient.values()].flat() : data.usersByClient.get(clientId) ?? [];
    const rows = pool.filter((u) => (q.bool('includeinactive') === true || !u.inactive) && (!search || contains(u.name, search) || contains(u.emailaddress, search)));
    const sites = siteNames(data);
    return listAnswer(c, 'users', rows.map((u) => userDto(data, u, sites)));
  });
}

export function registerLookupRoutes(app: Hono, state: SandboxState<HaloData>): void {
  // Lookups answer bare arrays (no paging), as Halo's configuration lists do.
  app.get('/api/Status', (c) => c.json(state.data.statuses));
  app.get('/api/Priority', (c) => c.json(state.data.priorities));
  app.get('/api/Team', (c) => c.json(state.data.teams.filter((t) => new Query(c.req.url).bool('includedisabled') === true || !t.inactive)));
  app.get('/api/Agent', (c) => c.json(state.data.agents));
  // Halo's category model has no inactive flag: retired values are not listed (ASSUMPTION, see the mapper).
  app.get('/api/Category', (c) => {
    const type = new Query(c.req.url).int('type_id');
    return c.json(state.data.categories.filter((k) => !k.inactive && (type === undefined || k.type_id === type)).map(({ inactive: _, ...k }) => k));
  });
  app.get('/api/Outcome', (c) => c.json(state.data.outcomes.filter((o) => new Query(c.req.url).bool('showhidden') === true || !o.hidden)));
  app.get('/api/TicketType', (c) => {
    const withInactive = new Query(c.req.url).bool('showinactive') === true;
    return c.json(state.data.ticketTypes.filter((t) => withInactive || t.visible).map(({ fields: _, ...t }) => t));
  });
  app.get('/api/TicketType/:id{[0-9]+}', (c) => {
    const type = state.data.ticketTypes.find((t) => t.id === Number(c.req.param('id')));
    if (!type) return refuse(c, 404, 'Ticket type not found.');
    const { fields: _, ...rest } = type;
    return c.json(new Query(c.req.url).bool('includedetails') === true ? type : rest);
  });
}
