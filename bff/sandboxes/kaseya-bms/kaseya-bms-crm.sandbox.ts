/**
 * @module The Kaseya BMS sandbox's CRM and system lookups: account summaries and lookups (with
 * `Filter.*` and page-number paging), locations, contacts by account and by e-mail, account types,
 * and the ticket lookups (statuses, priorities, queues, issue/sub-issue types, generic tables).
 */
import type { Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import { LOOKUP_TABLE_NAMES, type BmsContact, type BmsData } from './kaseya-bms.seed.js';
import { SANDBOX_SERVED, type BmsListKey } from '../../vendors/kaseya-bms/kaseya-bms-picklist-sources.js';
import { accountLookupDto, accountSummaryDto, contactLookupDto, contactSearchDto } from './kaseya-bms-dto.sandbox.js';
import { Query, contains, fail, ok, pageFromQuery, paged } from './kaseya-bms-wire.sandbox.js';

const inRange = (value: string, from?: string, to?: string) =>
  (!from || Date.parse(value) >= Date.parse(from)) && (!to || Date.parse(value) <= Date.parse(to));

export function registerCrmRoutes(app: Hono, state: SandboxState<BmsData>): void {
  app.get('/v2/crm/accounts/summary', (c) => {
    const q = new Query(c.req.url);
    const data = state.data;
    const typeName = q.get('Filter.AccountTypeName')?.toLowerCase();
    const typeId = q.int('Filter.AccountTypeId');
    const active = q.bool('Filter.IsActive');
    const name = q.get('Filter.AccountName');
    const code = q.get('Filter.AccountCode');
    const list = data.accounts.filter((a) =>
      contains(a.name, name) && contains(a.code, code) && (typeId === undefined || a.typeId === typeId)
      && (!typeName || data.accountTypes.find((t) => t.id === a.typeId)?.name.toLowerCase() === typeName)
      && (active === undefined || a.isActive === active)
      && inRange(a.createdOn, q.get('Filter.CreatedOnFrom'), q.get('Filter.CreatedOnTo'))
      && inRange(a.createdOn, q.get('Filter.ModifiedOnFrom'), q.get('Filter.ModifiedOnTo')));
    return paged(c, pageFromQuery(list, q).map((a) => accountSummaryDto(data, a)), list.length);
  });

  // The spec declares this one without the envelope (psa-apis.md B3); the sandbox follows the spec.
  app.get('/v2/crm/accounts/summary/:id{[0-9]+}', (c) => {
    const account = state.data.accountsById.get(Number(c.req.param('id')));
    return account ? c.json(accountSummaryDto(state.data, account), 200) : fail(c, 404, 'Account not found.');
  });

  app.get('/v2/crm/accounts/lookup', (c) => {
    const q = new Query(c.req.url);
    const data = state.data;
    const ids = new Set(q.all('Filter.Ids').map(Number));
    const withInactive = q.bool('Filter.WithInactiveAccounts') === true;
    const list = data.accounts.filter((a) => (withInactive || a.isActive) && contains(a.name, q.get('Filter.Name')) && (ids.size === 0 || ids.has(a.id)));
    return ok(c, pageFromQuery(list, q).map((a) => accountLookupDto(data, a)));
  });

  app.get('/v2/crm/accounts/:accountId{[0-9]+}/locations/lookup', (c) => {
    const account = state.data.accountsById.get(Number(c.req.param('accountId')));
    if (!account) return fail(c, 404, 'Account not found.');
    return ok(c, account.locations.map((l) => ({ id: l.id, name: l.name, accountId: account.id, isMain: l.isMain })));
  });

  app.get('/v2/crm/accounts/:accountId{[0-9]+}/contacts/lookup', (c) => {
    const q = new Query(c.req.url);
    const data = state.data;
    const accountId = Number(c.req.param('accountId'));
    if (!data.accountsById.has(accountId)) return fail(c, 404, 'Account not found.');
    const locationId = q.int('Filter.LocationId');
    const list = (data.contactsByAccount.get(accountId) ?? []).filter((k) =>
      k.isActive && contains(`${k.firstName} ${k.lastName}`, q.get('Filter.Name')) && (locationId === undefined || k.locationId === locationId));
    return ok(c, pageFromQuery(list, q).map((k) => contactLookupDto(data, k)));
  });

  app.get('/v2/crm/contacts/search', (c) => {
    const q = new Query(c.req.url);
    const data = state.data;
    const accountIds = q.all('Filter.AccountIds').map(Number);
    const ids = new Set(q.all('Filter.Ids').map(Number));
    const pool: BmsContact[] = accountIds.length
      ? accountIds.flatMap((id) => data.contactsByAccount.get(id) ?? [])
      : [...data.contactsByAccount.values()].flat();
    const flag = (name: string) => q.bool(name);
    const email = q.get('Filter.EmailAddress');
    const locationId = q.int('Filter.LocationId');
    const list = pool.filter((k) => {
      const account = data.accountsById.get(k.accountId);
      const location = account?.locations.find((l) => l.id === k.locationId);
      return (ids.size === 0 || ids.has(k.id))
        && contains(account?.name, q.get('Filter.AccountName')) && contains(location?.name, q.get('Filter.LocationName'))
        && (locationId === undefined || k.locationId === locationId)
        && contains(k.firstName, q.get('Filter.FirstName')) && contains(k.lastName, q.get('Filter.LastName'))
        && contains(k.jobTitle, q.get('Filter.JobTitle')) && (email === undefined || contains(k.email, email))
        && (flag('Filter.IsPoc') === undefined || k.isPoc === flag('Filter.IsPoc'))
        && (flag('Filter.IsActive') === undefined || k.isActive === flag('Filter.IsActive'))
        && (flag('Filter.HasClientPortalAccess') === undefined || flag('Filter.HasClientPortalAccess') === false);
    });
    return ok(c, pageFromQuery(list, q).map((k) => contactSearchDto(data, k)));
  });

  app.get('/v2/system/accounttypes/lookup', (c) =>
    ok(c, state.data.accountTypes.map((t) => ({ id: t.id, name: t.name, isActive: t.isActive, isClient: t.isClient, isVendor: t.isVendor }))));
}

/** The sandbox's tables behind the three ticket picklists whose real names are unknown. */
const PICKLIST_TABLES: Record<BmsListKey, string> = {
  ticketTypes: LOOKUP_TABLE_NAMES.ticketTypes, ticketSources: LOOKUP_TABLE_NAMES.ticketSources, noteTypes: LOOKUP_TABLE_NAMES.noteTypes,
};

export function registerLookupRoutes(app: Hono, state: SandboxState<BmsData>): void {
  app.get('/v2/system/statuses/lookup', (c) => ok(c, state.data.statuses.map((s) => ({
    id: s.id, name: s.name, fontColor: s.fontColor, color: s.color, statusOrder: s.order, typeId: s.typeId,
    isSystemStatus: s.isSystem, slaEventId: null, isActive: s.isActive,
  }))));

  app.get('/v2/system/priorities/lookup', (c) => ok(c, state.data.priorities.map((p) => ({ id: p.id, name: p.name, color: p.color, isDefault: p.isDefault }))));

  app.get('/v2/system/queues/lookup', (c) => ok(c, state.data.queues.map((v) => ({ id: v.id, name: v.name, isActive: v.isActive }))));

  app.get('/v2/system/issuetypes/lookup', (c) => {
    const name = new Query(c.req.url).get('Filter.Name');
    return ok(c, state.data.issueTypes.filter((t) => contains(t.name, name)).map((t) => ({ id: t.id, name: t.name, isActive: t.isActive })));
  });

  app.get('/v2/system/issuetypes/:issueTypeId{[0-9]+}/issuesubtypes/lookup', (c) => {
    const issue = state.data.issueTypes.find((t) => t.id === Number(c.req.param('issueTypeId')));
    return issue ? ok(c, issue.subTypes.map((s) => ({ id: s.id, name: s.name }))) : fail(c, 404, 'Issue type not found.');
  });

  // ASSUMPTION: table names are matched without regard to case; an unknown table is a business error.
  // The ticket picklists answer only under the names SANDBOX_SERVED assumes a real BMS uses.
  const picklistTables = new Set<string>(Object.values(PICKLIST_TABLES).map((n) => n.toLowerCase()));
  const served = new Set(Object.keys(SANDBOX_SERVED.lookupNames).map((n) => n.toLowerCase()));
  const table = (name: string) => {
    const key = name.toLowerCase();
    if (picklistTables.has(key) && !served.has(key)) return undefined;
    return Object.entries(state.data.tables).find(([k]) => k.toLowerCase() === key)?.[1];
  };
  // ASSUMPTION: the route Huntress's BMS client reads ticket types from answers in the v2 envelope.
  app.get('/system/lists/:listId', (c) => {
    const list = SANDBOX_SERVED.listRoutes[c.req.param('listId')];
    const rows = list ? state.data.tables[PICKLIST_TABLES[list]] : undefined;
    if (!rows) return fail(c, 404, 'List not found.');
    return ok(c, rows.map((v) => ({ id: v.id, name: v.name, isDefault: v.isDefault, isActive: v.isActive })));
  });
  app.get('/v2/system/lookup/:tableName', (c) => {
    const rows = table(c.req.param('tableName'));
    if (!rows) return fail(c, 200, `Lookup table '${c.req.param('tableName')}' does not exist.`);
    return ok(c, rows.map((v) => ({ id: v.id, name: v.name, isDefault: v.isDefault, isActive: v.isActive })));
  });
  app.get('/v2/system/tenantlookup/:tableName', (c) => {
    const rows = table(c.req.param('tableName'));
    if (!rows) return fail(c, 200, `Lookup table '${c.req.param('tableName')}' does not exist.`);
    return ok(c, rows.map((v) => ({ id: v.id, name: v.name, isActive: v.isActive, isDefault: v.isDefault })));
  });
}
