/**
 * @module The ConnectWise PSA sandbox's read routes below `<codebase>/apis/3.0/`: system info,
 * companies, contacts, service boards with their statuses/types/subtypes/items, priorities,
 * sources, agreements with their additions, and the product catalog; each list paged and filtered
 * as the vendor does, with its `/count` beside it (connectwise-wire.ts).
 */
import type { Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import type { CwData } from './connectwise.seed.js';
import { answer, countOf, notFound, pageOf } from './connectwise-wire.js';

export function registerReadRoutes(api: Hono, state: SandboxState<CwData>): void {
  const d = () => state.data;
  /** A list and its `/count`. */
  const list = (path: string, rows: () => readonly unknown[], resource: string) => {
    api.get(`${path}/count`, (c) => countOf(c, rows(), resource));
    api.get(path, (c) => pageOf(c, rows(), resource));
  };

  api.get('/system/info', (c) => c.json({ version: 'v2025.1.12345', isCloud: true, serverTimeZone: 'Eastern Standard Time', cloudRegion: 'NA' }));

  list('/company/companies', () => d().companies, 'company');
  api.get('/company/companies/:id{[0-9]+}', (c) => {
    const company = d().companiesById.get(Number(c.req.param('id')));
    return company ? answer(c, company) : notFound(c, 'Company', c.req.param('id'));
  });
  list('/company/contacts', () => d().contacts, 'contact');
  api.get('/company/contacts/:id{[0-9]+}', (c) => {
    const contact = d().contacts.find((x) => x.id === Number(c.req.param('id')));
    return contact ? answer(c, contact) : notFound(c, 'Contact', c.req.param('id'));
  });

  list('/service/boards', () => d().boards, 'board');
  const perBoard = (path: string, rows: () => Array<{ board: { id: number } }>, resource: string) => {
    for (const [suffix, respond] of [['/count', countOf], ['', pageOf]] as const) {
      api.get(`/service/boards/:boardId{[0-9]+}/${path}${suffix}`, (c) => {
        const boardId = Number(c.req.param('boardId'));
        if (!d().boards.some((b) => b.id === boardId)) return notFound(c, 'Board', boardId);
        return respond(c, rows().filter((r) => r.board.id === boardId), resource);
      });
    }
  };
  perBoard('statuses', () => d().statuses, 'boardStatus');
  perBoard('types', () => d().types, 'boardType');
  perBoard('subtypes', () => d().subtypes, 'boardSubType');
  perBoard('items', () => d().items, 'boardItem');
  list('/service/priorities', () => d().priorities, 'priority');
  list('/service/sources', () => d().sources, 'source');

  list('/service/tickets', () => [...d().tickets.values()], 'ticket');
  api.get('/service/tickets/:id{[0-9]+}', (c) => {
    const ticket = d().tickets.get(Number(c.req.param('id')));
    return ticket ? answer(c, ticket) : notFound(c, 'Ticket', c.req.param('id'));
  });
  api.get('/service/tickets/:id{[0-9]+}/notes', (c) => {
    const id = Number(c.req.param('id'));
    if (!d().tickets.has(id)) return notFound(c, 'Ticket', id);
    return pageOf(c, d().notes.get(id) ?? [], 'ticketNote');
  });

  list('/finance/agreements', () => d().agreements, 'agreement');
  api.get('/finance/agreements/:id{[0-9]+}/additions', (c) => {
    const id = Number(c.req.param('id'));
    if (!d().agreements.some((a) => a.id === id)) return notFound(c, 'Agreement', id);
    return pageOf(c, d().additions.filter((a) => a.agreementId === id), 'addition');
  });
  list('/procurement/catalog', () => d().catalog, 'catalogItem');
}
