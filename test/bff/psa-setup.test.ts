/**
 * The PSA setup API against the real Autotask and Kaseya BMS sandboxes over HTTP: every refusal
 * the seeds state (no catch-all, contact-less catch-all, missing priority, sync without a default
 * service, wrong credentials, second PSA) and a full save → complete.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CATALOG, DEMO_ORGANIZATIONS } from '../../bff/demo/demo-organizations.js';
import { NO_CONTACT_MESSAGE, SEVERITIES } from '../../bff/contracts/psa-settings.js';
import { PSA_SANDBOX_KITS } from '../../bff/sandboxes/index.js';
import { createTestApp, type TestApp } from '../helpers/create-test-app.js';
import { startSandboxServer } from '../helpers/sandbox-server.js';
import type { RunningServer } from '../helpers/serve.js';

let sandbox: RunningServer;
let t: TestApp;
beforeAll(async () => { sandbox = await startSandboxServer(); });
afterAll(() => sandbox.close());
beforeEach(async () => {
  t = await createTestApp({ sandboxOrigin: sandbox.origin });
  await t.call('PUT', '/api/organizations', {
    body: { organizations: DEMO_ORGANIZATIONS.map((o) => ({ id: o.id, name: o.name, billableUsers: o.billableUsers })), catalog: DEMO_CATALOG },
  });
});
afterEach(() => t.close());

/** Every PSA's sandbox credentials, from the sandboxes' own kits. */
const VENDORS = Object.fromEntries(Object.values(PSA_SANDBOX_KITS).map((k) => [k.vendor, { valid: k.credentials, wrong: k.wrongCredentials }]));

/**
 * Issue 17 item 7: each PSA's own field labels (what its wizard shows on steps 3 and 4), written out
 * here, and the message the problem+json field list must give for each empty one.
 */
const OWN_WORDS: Record<string, Record<string, string>> = {
  autotask: {
    queueId: 'Choose a Ticket Queue', typeId: 'Choose a Ticket Type', statusId: 'Choose a Ticket Status', sourceId: 'Choose a Ticket Source',
    'note.typeId': 'Choose a Note Type',
    defaultServiceId: 'A Default Contract Service is required while Sync Billable Users to Contracts / Agreements is on',
    goneQueue: 'The chosen Ticket Queue is no longer offered by Autotask (it may have been removed); choose again',
  },
  'kaseya-bms': {
    queueId: 'Choose a Ticket Queue', typeId: 'Choose a Ticket Type', statusId: 'Choose a Ticket Status', sourceId: 'Choose a Ticket Source',
    'note.typeId': 'Choose a Note Type',
    defaultServiceId: 'A Default Contract Service is required while Sync Billable Users to Contracts / Agreements is on',
    goneQueue: 'The chosen Ticket Queue is no longer offered by Kaseya BMS (it may have been removed); choose again',
  },
  connectwise: {
    queueId: 'Choose a Service Board', typeId: 'Choose an Item', statusId: 'Choose a Status', sourceId: 'Choose a Source',
    'note.typeId': 'Choose a Note Type (Discussion or Resolution)',
    defaultServiceId: 'A Default Addition (catalog product) is required while Sync Billable Users to Agreement Additions is on',
    goneQueue: 'The chosen Service Board is no longer offered by ConnectWise PSA (it may have been removed); choose again',
  },
  halopsa: {
    queueId: 'Choose a Team', typeId: 'Choose a Ticket Type', statusId: 'Choose a Ticket Status',
    'note.typeId': 'Choose an Outcome (note type)',
    defaultServiceId: 'A Default Contract Item is required while Sync Billable Users to Contracts / Agreements is on',
    goneQueue: 'The chosen Team is no longer offered by HaloPSA (it may have been removed); choose again',
  },
};

async function json(res: Response) {
  return { status: res.status, body: await res.json() };
}

for (const [vendor, creds] of Object.entries(VENDORS)) {
  describe(`PSA setup: ${vendor}`, () => {
    async function start() {
      const res = await json(await t.call('POST', '/api/integrations', { body: { vendor, credentials: creds.valid } }));
      expect(res.status).toBe(201);
      return res.body.id as string;
    }

    it('refuses wrong credentials with the vendor’s reason and stores nothing', async () => {
      const { status, body } = await json(await t.call('POST', '/api/integrations', { body: { vendor, credentials: creds.wrong } }));
      expect(status).toBe(422);
      expect(body.code).toBe('vendor_invalid_credentials');
      expect(body.errors?.[0]?.field).toMatch(/^credentials\./);
      expect((await (await t.call('GET', '/api/integrations')).json()).integrations).toEqual([]);
    });

    it('refuses a second PSA and names the first', async () => {
      const id = await start();
      const other = vendor === 'autotask' ? 'kaseya-bms' : 'autotask';
      const { status, body } = await json(await t.call('POST', '/api/integrations', { body: { vendor: other, credentials: VENDORS[other].valid } }));
      expect(status).toBe(409);
      expect(body).toMatchObject({ code: 'psa_exists', existingIntegrationId: id });
    });

    it('lists accounts with search, facets and paging', async () => {
      const id = await start();
      const all = (await json(await t.call('GET', `/api/integrations/${id}/psa/accounts?limit=20`))).body;
      expect(all.total).toBeGreaterThanOrEqual(60);
      expect(all.items).toHaveLength(20);
      expect(all.facets.types.length).toBeGreaterThan(1);
      const found = (await json(await t.call('GET', `/api/integrations/${id}/psa/accounts?search=acme%20dental`))).body;
      expect(found.items.map((a: { name: string }) => a.name)).toEqual(['Acme Dental Group']);
      const typed = (await json(await t.call('GET', `/api/integrations/${id}/psa/accounts?type=${encodeURIComponent(all.facets.types[0])}`))).body;
      expect(typed.items.every((a: { type: string }) => a.type === all.facets.types[0])).toBe(true);
    });

    it('enforces the account-mapping rules', async () => {
      const id = await start();
      const accounts = (await json(await t.call('GET', `/api/integrations/${id}/psa/accounts?limit=20000`))).body.items as Array<{ id: string; name: string }>;
      const noContacts = accounts.find((a) => a.name.includes('No Contacts'))!;
      const acme = accounts.find((a) => a.name === 'Acme Dental Group')!;
      const bluebird = accounts.find((a) => a.name === 'Bluebird Logistics')!;
      const base = { attachContacts: true, catchAllAccountId: '', catchAllAccountName: '', catchAllContactId: null, catchAllContactName: null, mappings: [] };

      const none = await json(await t.call('PUT', `/api/integrations/${id}/psa/account-mapping`, { body: base }));
      expect(none.body.errors.map((e: { field: string }) => e.field)).toContain('catchAllAccountId');

      const contactless = await json(await t.call('PUT', `/api/integrations/${id}/psa/account-mapping`, { body: { ...base, catchAllAccountId: noContacts.id, catchAllAccountName: noContacts.name, catchAllContactId: 'x' } }));
      expect(contactless.body.errors).toContainEqual({ field: 'catchAllAccountId', message: NO_CONTACT_MESSAGE });

      const attachOff = await json(await t.call('PUT', `/api/integrations/${id}/psa/account-mapping`, { body: { ...base, attachContacts: false, catchAllAccountId: noContacts.id, catchAllAccountName: noContacts.name } }));
      expect(attachOff.status).toBe(200);

      const contacts = (await json(await t.call('GET', `/api/integrations/${id}/psa/accounts/${acme.id}/contacts`))).body.contacts as Array<{ id: string; name: string }>;
      const twice = await json(await t.call('PUT', `/api/integrations/${id}/psa/account-mapping`, {
        body: { ...base, catchAllAccountId: acme.id, catchAllAccountName: acme.name, catchAllContactId: contacts[0]!.id, catchAllContactName: contacts[0]!.name,
          mappings: [
            { psaAccountId: acme.id, psaAccountName: acme.name, organizationId: 'org-acme', contactId: null, contactName: null, ignored: false },
            { psaAccountId: bluebird.id, psaAccountName: bluebird.name, organizationId: 'org-acme', contactId: contacts[0]!.id, contactName: 'wrong account', ignored: false },
          ] },
      }));
      expect(twice.status).toBe(400);
      expect(twice.body.errors.map((e: { field: string }) => e.field)).toContain('mappings.1.organizationId');
    });

    // Seed 000/003 "Contract mapping by organization": each organization's contract is one of the PSA
    // contracts of the account it is mapped to; a contract of another account would make the PSA
    // refuse every ticket of that organization (decision.ts), and an unmapped organization has no
    // contracts to choose from (the wizard lists none for it).
    it('refuses a contract that is not one of the organization’s mapped account’s contracts', async () => {
      const id = await start();
      const accounts = (await json(await t.call('GET', `/api/integrations/${id}/psa/accounts?limit=20000`))).body.items as Array<{ id: string; name: string }>;
      const withContracts: Array<{ account: { id: string; name: string }; contract: { id: string; name: string } }> = [];
      for (const account of accounts) {
        const list = (await json(await t.call('GET', `/api/integrations/${id}/psa/contracts?accountId=${encodeURIComponent(account.id)}`))).body.contracts as Array<{ id: string; name: string; isActive: boolean }>;
        const active = list.find((k) => k.isActive);
        if (active) withContracts.push({ account, contract: active });
        if (withContracts.length === 2) break;
      }
      expect(withContracts).toHaveLength(2);
      const [mine, other] = withContracts as [typeof withContracts[0], typeof withContracts[0]];
      expect((await t.call('PUT', `/api/integrations/${id}/psa/account-mapping`, { body: {
        attachContacts: false, catchAllAccountId: mine.account.id, catchAllAccountName: mine.account.name, catchAllContactId: null, catchAllContactName: null,
        mappings: [{ psaAccountId: mine.account.id, psaAccountName: mine.account.name, organizationId: 'org-acme', contactId: null, contactName: null, ignored: false }],
      } })).status).toBe(200);
      const contractOn = { addContractsToTickets: true, syncBillableUsers: false, userSyncDay: null, defaultServiceId: null, defaultServiceName: null };
      const row = (organizationId: string, contract: { id: string; name: string }) => ({ organizationId, contractId: contract.id, contractName: contract.name, addService: false, serviceId: null, unitCost: null, unitPrice: null });

      const foreign = await json(await t.call('PUT', `/api/integrations/${id}/psa/contract-settings`, { body: { ...contractOn, mappings: [row('org-acme', other.contract)] } }));
      expect(foreign.status).toBe(400);
      expect(foreign.body.errors).toEqual([{ field: 'mappings.0.contractId', message: expect.stringContaining(`does not belong to ${mine.account.name}`) }]);
      const unmapped = await json(await t.call('PUT', `/api/integrations/${id}/psa/contract-settings`, { body: { ...contractOn, mappings: [row('org-bluebird', other.contract)] } }));
      expect(unmapped.status).toBe(400);
      expect(unmapped.body.errors).toEqual([{ field: 'mappings.0.organizationId', message: expect.stringContaining('not mapped to a PSA account') }]);
      expect((await t.call('PUT', `/api/integrations/${id}/psa/contract-settings`, { body: { ...contractOn, mappings: [row('org-acme', mine.contract), row('org-bluebird', other.contract)] } })).status).toBe(400);
      expect((await t.call('PUT', `/api/integrations/${id}/psa/contract-settings`, { body: { ...contractOn, mappings: [row('org-acme', mine.contract)] } })).status).toBe(200);

      // Editing Account Mapping alone (a section edit) moves org-acme to another account: its contract,
      // the old account's, goes with that save, so no ticket of the new account carries it.
      const keep = await json(await t.call('PUT', `/api/integrations/${id}/psa/account-mapping`, { body: {
        attachContacts: false, catchAllAccountId: mine.account.id, catchAllAccountName: mine.account.name, catchAllContactId: null, catchAllContactName: null,
        mappings: [{ psaAccountId: mine.account.id, psaAccountName: mine.account.name, organizationId: 'org-acme', contactId: null, contactName: null, ignored: false }],
      } }));
      expect(keep.status).toBe(200);
      expect((await json(await t.call('GET', `/api/integrations/${id}/psa/contract-settings`))).body.mappings.map((r: { contractId: string }) => r.contractId)).toEqual([mine.contract.id]);
      const moved = await t.call('PUT', `/api/integrations/${id}/psa/account-mapping`, { body: {
        attachContacts: false, catchAllAccountId: mine.account.id, catchAllAccountName: mine.account.name, catchAllContactId: null, catchAllContactName: null,
        mappings: [{ psaAccountId: other.account.id, psaAccountName: other.account.name, organizationId: 'org-acme', contactId: null, contactName: null, ignored: false }],
      } });
      expect(moved.status).toBe(200);
      expect((await json(await t.call('GET', `/api/integrations/${id}/psa/contract-settings`))).body.mappings).toEqual([]);
    });

    it('saves every section, refuses the seeds’ bad values, and completes as Active', async () => {
      const id = await start();
      const accounts = (await json(await t.call('GET', `/api/integrations/${id}/psa/accounts?search=Acme%20Dental`))).body.items as Array<{ id: string; name: string }>;
      const acme = accounts[0]!;
      const contacts = (await json(await t.call('GET', `/api/integrations/${id}/psa/accounts/${acme.id}/contacts`))).body.contacts as Array<{ id: string; name: string }>;
      const notReady = await json(await t.call('POST', `/api/integrations/${id}/psa/complete`));
      expect(notReady.status).toBe(400);
      expect(notReady.body.errors.map((e: { field: string }) => e.field)).toEqual(['accountMapping', 'ticket']);

      expect((await t.call('PUT', `/api/integrations/${id}/psa/account-mapping`, { body: {
        attachContacts: true, catchAllAccountId: acme.id, catchAllAccountName: acme.name, catchAllContactId: contacts[0]!.id, catchAllContactName: contacts[0]!.name,
        mappings: [{ psaAccountId: acme.id, psaAccountName: acme.name, organizationId: 'org-acme', contactId: null, contactName: null, ignored: false }],
      } })).status).toBe(200);

      const lists = (await json(await t.call('GET', `/api/integrations/${id}/psa/picklists`))).body;
      const first = (key: string) => (lists[key].length ? lists[key][0].id : null);
      const openStatus = lists.ticketStatus.find((s: { id: string }) => !lists.closedStatusIds.includes(s.id)).id;
      const ticket = {
        categoryId: first('ticketCategory'), typeId: first('ticketType'), statusId: openStatus, queueId: first('queue'), sourceId: first('source'),
        subjectTemplate: '{user} – {alert}',
        priorityMap: Object.fromEntries(SEVERITIES.map((s) => [s, lists.priority[0].id])),
        note: { typeId: lists.noteType[0].id, visibilityId: first('noteVisibility') ?? 'internal', titleTemplate: '{alert}' },
        issueTypeId: null, subIssueTypeId: null,
        overrides: { alertTypes: [{ key: 'at-malware', keyName: 'Malware Detected', issueTypeId: lists.issueType[0].id, subIssueTypeId: null }], respondRules: [], iocRules: [] },
      };
      // Every empty ticket default is named as this PSA labels it (never "Ticket Queue" under a Service Board).
      const emptied = { ...ticket, queueId: '', typeId: '', statusId: '', ...('sourceId' in OWN_WORDS[vendor]! ? { sourceId: '' } : {}), note: { ...ticket.note, typeId: '' } };
      const empty = await json(await t.call('PUT', `/api/integrations/${id}/psa/ticket-settings`, { body: emptied }));
      expect(empty.status).toBe(400);
      const { defaultServiceId: contractWords, goneQueue, ...ticketWords } = OWN_WORDS[vendor]!;
      expect(Object.fromEntries(empty.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]))).toEqual(ticketWords);
      // A value the PSA no longer lists is named the same way.
      const gone = await json(await t.call('PUT', `/api/integrations/${id}/psa/ticket-settings`, { body: { ...ticket, queueId: 'no-such-queue' } }));
      expect(gone.status).toBe(400);
      expect(gone.body.errors).toContainEqual({ field: 'queueId', message: goneQueue });
      const { informational: _, ...partial } = ticket.priorityMap;
      const missingPriority = await json(await t.call('PUT', `/api/integrations/${id}/psa/ticket-settings`, { body: { ...ticket, priorityMap: partial } }));
      expect(missingPriority.status).toBe(400);
      expect(missingPriority.body.errors).toContainEqual({ field: 'priorityMap.informational', message: 'Choose a priority for informational alerts' });
      const badToken = await json(await t.call('PUT', `/api/integrations/${id}/psa/ticket-settings`, { body: { ...ticket, subjectTemplate: '{user} {hostname}' } }));
      expect(badToken.body.errors[0].field).toBe('subjectTemplate');
      expect((await t.call('PUT', `/api/integrations/${id}/psa/ticket-settings`, { body: ticket })).status).toBe(200);

      const contractOff = { addContractsToTickets: false, syncBillableUsers: false, userSyncDay: null, defaultServiceId: null, defaultServiceName: null, mappings: [] };
      const syncWithout = await json(await t.call('PUT', `/api/integrations/${id}/psa/contract-settings`, { body: { ...contractOff, syncBillableUsers: true, userSyncDay: 5 } }));
      expect(syncWithout.body.errors).toContainEqual({ field: 'defaultServiceId', message: contractWords });
      const service = await json(await t.call('POST', `/api/integrations/${id}/psa/services`, { body: { name: 'SIEM per user', unitCost: 2, unitPrice: 5 } }));
      expect(service.status).toBe(201);
      expect((await t.call('PUT', `/api/integrations/${id}/psa/contract-settings`, { body: { ...contractOff, syncBillableUsers: true, userSyncDay: 5, defaultServiceId: service.body.id, defaultServiceName: service.body.name } })).status).toBe(200);

      const done = await json(await t.call('POST', `/api/integrations/${id}/psa/complete`));
      expect(done.body).toMatchObject({ status: 'active', statusLabel: 'Active' });
      const audit = (await json(await t.call('GET', `/api/integrations/${id}/audit`))).body.entries.map((e: { action: string }) => e.action);
      expect(audit).toEqual(expect.arrayContaining(['integration.create', 'psa.account-mapping', 'psa.ticket-settings', 'psa.contract-settings', 'integration.complete']));
      // The secret is the credential the kit's wrong credentials change.
      const secret = Object.entries(creds.valid as Record<string, string>).find(([k, v]) => (creds.wrong as Record<string, string>)[k] !== v)![1];
      expect(t.logLines.join('')).not.toContain(secret);
    });
  });
}

/**
 * Seed rules the wizard's machine enforces and the BFF must enforce again on its own (DESIGN: "the BFF
 * is the authority"): each refused over the API, whatever a browser sent.
 */
describe('PSA setup: the server refuses what the wizard would', () => {
  it('refuses a mapped ignored account, a missing catch-all contact, another account’s contact, an unknown override key, and sync without a User Sync Day', async () => {
    const created = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'autotask', credentials: VENDORS.autotask!.valid } }));
    const id = created.body.id as string;
    const accounts = (await json(await t.call('GET', `/api/integrations/${id}/psa/accounts?limit=20000`))).body.items as Array<{ id: string; name: string }>;
    const acme = accounts.find((a) => a.name === 'Acme Dental Group')!;
    const bluebird = accounts.find((a) => a.name === 'Bluebird Logistics')!;
    const acmeContact = (await json(await t.call('GET', `/api/integrations/${id}/psa/accounts/${acme.id}/contacts`))).body.contacts[0] as { id: string; name: string };
    const mapping = { attachContacts: true, catchAllAccountId: acme.id, catchAllAccountName: acme.name, catchAllContactId: acmeContact.id, catchAllContactName: acmeContact.name, mappings: [] };
    const row = { psaAccountId: bluebird.id, psaAccountName: bluebird.name, organizationId: 'org-bluebird', contactId: null, contactName: null, ignored: false };
    const refused = async (path: string, body: unknown) => {
      const res = await json(await t.call('PUT', `/api/integrations/${id}/psa/${path}`, { body }));
      expect(res.status).toBe(400);
      return res.body.errors as Array<{ field: string; message: string }>;
    };

    // Seed 000: ignored accounts are not available for mapping.
    expect(await refused('account-mapping', { ...mapping, mappings: [{ ...row, ignored: true }] }))
      .toEqual([{ field: 'mappings.0.organizationId', message: 'Bluebird Logistics is ignored, so it cannot be mapped' }]);
    // Seed 001: with Attach Contacts on, the catch-all account comes with its Catch-All PSA Ticket Contact.
    expect(await refused('account-mapping', { ...mapping, catchAllContactId: null, catchAllContactName: null }))
      .toEqual([{ field: 'catchAllContactId', message: expect.stringContaining('Select a Catch-All PSA Ticket Contact') }]);
    // Seed 000/001: a mapped account's contact is one of that account's contacts.
    expect(await refused('account-mapping', { ...mapping, mappings: [{ ...row, contactId: acmeContact.id, contactName: acmeContact.name }] }))
      .toEqual([{ field: 'mappings.0.contactId', message: 'That contact does not belong to Bluebird Logistics' }]);
    expect((await t.call('PUT', `/api/integrations/${id}/psa/account-mapping`, { body: { ...mapping, mappings: [row] } })).status).toBe(200);

    // Seed 000: overrides are for the platform's own alert types, Respond Rules and IOC rules.
    const lists = (await json(await t.call('GET', `/api/integrations/${id}/psa/picklists`))).body;
    const openStatus = lists.ticketStatus.find((s: { id: string }) => !lists.closedStatusIds.includes(s.id)).id;
    const ticket = {
      categoryId: lists.ticketCategory[0]?.id ?? null, typeId: lists.ticketType[0].id, statusId: openStatus, queueId: lists.queue[0].id, sourceId: lists.source[0].id,
      subjectTemplate: '{user}', priorityMap: Object.fromEntries(SEVERITIES.map((s) => [s, lists.priority[0].id])),
      note: { typeId: lists.noteType[0].id, visibilityId: lists.noteVisibility[0]?.id ?? 'internal', titleTemplate: '{alert}' },
      issueTypeId: null, subIssueTypeId: null, overrides: { alertTypes: [], respondRules: [], iocRules: [{ key: 'ioc-nowhere', keyName: 'Nowhere', issueTypeId: lists.issueType[0].id, subIssueTypeId: null }] },
    };
    expect(await refused('ticket-settings', ticket)).toEqual([{ field: 'overrides.iocRules.0.key', message: 'Not in the platform’s catalog' }]);

    // Seed 000: User Sync Day is the day billable users are synchronized, so sync needs one.
    const service = (await json(await t.call('POST', `/api/integrations/${id}/psa/services`, { body: { name: 'SIEM per user', unitCost: 2, unitPrice: 5 } }))).body as { id: string; name: string };
    expect(await refused('contract-settings', { addContractsToTickets: false, syncBillableUsers: true, userSyncDay: null, defaultServiceId: service.id, defaultServiceName: service.name, mappings: [] }))
      .toEqual([{ field: 'userSyncDay', message: expect.stringMatching(/User Sync Day/) }]);
  });
});

describe('PSA setup: HaloPSA specifics', () => {
  const halo = PSA_SANDBOX_KITS.halopsa.credentials;

  it('refuses a ticket type whose mandatory fields have no default, saying which fields and what to do', async () => {
    const created = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'halopsa', credentials: halo } }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const lists = (await json(await t.call('GET', `/api/integrations/${id}/psa/picklists`))).body;
    const problem = lists.ticketType.find((v: { label: string }) => v.label === 'Problem');
    const usable = lists.ticketType.find((v: { label: string }) => v.label === 'Incident');
    const openStatus = lists.ticketStatus.find((s: { id: string }) => !lists.closedStatusIds.includes(s.id)).id;
    const ticket = {
      categoryId: null, typeId: problem.id, statusId: openStatus, queueId: lists.queue[0].id, sourceId: null, subjectTemplate: '{user}',
      priorityMap: Object.fromEntries(SEVERITIES.map((s) => [s, lists.priority[0].id])),
      note: { typeId: lists.noteType[0].id, visibilityId: 'internal', titleTemplate: '{alert}' },
      issueTypeId: null, subIssueTypeId: null, overrides: { alertTypes: [], respondRules: [], iocRules: [] },
    };
    const refused = await json(await t.call('PUT', `/api/integrations/${id}/psa/ticket-settings`, { body: ticket }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'typeId', message: expect.stringContaining('The Halo ticket type “Problem” requires Impact, Urgency, Category, which have no default in Halo') }]);
    expect((await t.call('PUT', `/api/integrations/${id}/psa/ticket-settings`, { body: { ...ticket, typeId: usable.id } })).status).toBe(200);
  });

  it('points a wrong tenant at the tenant field and refuses an address that is not https', async () => {
    const wrongTenant = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'halopsa', credentials: { ...halo, tenant: 'other' } } }));
    expect(wrongTenant.status).toBe(422);
    expect(wrongTenant.body.errors[0].field).toBe('credentials.tenant');
    const badUrl = await json(await t.call('POST', '/api/integrations', { body: { vendor: 'halopsa', credentials: { ...halo, url: 'ftp://halo' } } }));
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.errors).toEqual([{ field: 'credentials.url', message: 'Enter your Halo address, e.g. https://yourcompany.halopsa.com' }]);
  });
});

describe('PSA account pages as the wizard asks for them again', () => {
  it('answers a repeat with 304 while the list is unchanged, compressed when the caller accepts it; another page is not the same', async () => {
    const created = await t.call('POST', '/api/integrations', { body: { vendor: 'autotask', credentials: VENDORS.autotask!.valid } });
    const id = ((await created.json()) as { id: string }).id;
    const path = `/api/integrations/${id}/psa/accounts?limit=50&search=a`;
    const first = await t.call('GET', path);
    expect(first.status).toBe(200);
    const page = await first.json() as { total: number; items: unknown[] };
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await t.call('GET', path, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const gz = await t.call('GET', path, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8'))).toEqual(page);
    const otherPage = await t.call('GET', `${path}&offset=50`, { headers: { 'If-None-Match': etag } });
    expect(otherPage.status).toBe(200);
  });
});
