/**
 * @module The ConnectWise PSA sandbox's read routes below `<codebase>/apis/3.0/`: system info,
 * companies, contacts, service boards with their statuses/types/subtypes/items, priorities,
 * sources, agreements with their additions, and the product catalog; each list paged and filtered
 * as the vendor does (connectwise-wire.ts).
 */
import type { Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import type { CwData } from './connectwise.seed.js';
import { notFound, pageOf } from './connectwise-wire.js';

export function registerReadRoutes(api: Hono, state: SandboxState<CwData>): void {
  const d = () => state.data;

  api.get('/system/info', (c) => c.json({ version: 'v2025.1.12345', isCloud: true, serverTimeZone: 'Eastern Standard Time', cloudRegion: 'NA' }));

  api.get('/company/companies', (c) => pageOf(c, d().companies, 'company'));
  api.get('/company/companies/:id{[0-9]+}', (c) => {
    const company = d().companiesById.get(Number(c.req.param('id')));
    return company ? c.json(company) : notFound(c, 'Company', c.req.param('id'));
  });
  api.get('/company/contacts', (c) => pageOf(c, d().contacts, 'contact'));
  api.get('/company/contacts/:id{[0-9]+}', (c) => {
    const contact = d().contacts.find((x) => x.id === Number(c.req.param('id')));
    return contact ? c.json(contact) : notFound(c, 'Contact', c.req.param('id'));
  });

  api.get('/service/boards', (c) => pageOf(c, d().boards, 'board'));
  const perBoard = (path: string, rows: () => Array<{ board: { id: number } }>, resource: string) => {
    api.get(`/service/boards/:boardId{[0-9]+}/${path}`, (c) => {
      const boardId = Number(c.req.param('boardId'));
      if (!d().boards.some((b) => b.id === boardId)) return notFound(c, 'Board', boardId);
      return pageOf(c, rows().filter((r) => r.board.id === boardId), resource);
    });
  };
  perBoard('statuses', () => d().statuses, 'boardStatus');
  perBoard('types', () => d().types, 'boardType');
  perBoard('subtypes', () => d().subtypes, 'boardSubType');
  perBoard('items', () => d().items, 'boardItem');
  api.get('/service/priorities', (c) => pageOf(c, d().priorities, 'priority'));
  api.get('/service/sources', (c) => pageOf(c, d().sources, 'source'));

  api.get('/service/tickets', (c) => pageOf(c, [...d().tickets.values()], 'ticket'));
  api.get('/service/tickets/:id{[0-9]+}', (c) => {
    const ticket = d().tickets.get(Number(c.req.param('id')));
    return ticket ? c.json(ticket) : notFound(c, 'Ticket', c.req.param('id'));
  });
  api.get('/service/tickets/:id{[0-9]+}/notes', (c) => {
    const id = Number(c.req.param('id'));
    if (!d().tickets.has(id)) return notFound(c, 'Ticket', id);
    return pageOf(c, d().notes.get(id) ?? [], 'ticketNote');
  });

  api.get('/finance/agreements', (c) => pageOf(c, d().agreements, 'agreement'));
  api.get('/finance/agreements/:id{[0-9]+}/additions', (c) => {
    const id = Number(c.req.param('id'));
    if (!d().agreements.some((a) => a.id === id)) return notFound(c, 'Agreement', id);
    return pageOf(c, d().additions.filter((a) => a.agreementId === id), 'addition');
  });
  api.get('/procurement/catalog', (c) => pageOf(c, d().catalog, 'catalogItem'));
}
