/**
 * The PSA wizard machine, read as the seeds' rules: every guard and path with fake services
 * (machine.provide), no DOM; credentials, account mapping and service parameters here, contract
 * mapping, finish and drafts in psa-wizard.finish.machine.test.ts. The model-based walk over every
 * state is in psa-wizard.model.machine.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { NO_CONTACT_MESSAGE } from '../../../../bff/contracts/psa-settings.js';
import { visibleErrors } from '../../../../web-components/wizards/shared/form-state.js';
import { busyLabel, currentStep } from '../../../../web-components/wizards/psa-wizard/psa-wizard.machine.js';
import { BMS_PICKLISTS, CATALOG, INTEGRATION_ID, PRIORITIES, controllable, fakeServices, problem } from './psa-wizard.fakes.js';
import { AUTOTASK_CREDENTIALS, BACK, BMS_CREDENTIALS, NEXT, change, errorsOf, reach, send, settled, start } from './psa-wizard.machine-driver.js';

describe('PSA wizard machine: credentials', () => {
  it('starts on the credentials step with nothing shown as an error before a change or Next', () => {
    const actor = start(fakeServices(), 'kaseya-bms');
    const { context } = actor.getSnapshot();
    expect(currentStep(actor.getSnapshot())).toBe('credentials');
    expect(Object.keys(errorsOf(actor))).toEqual(['credentials.server', 'credentials.tenant', 'credentials.username', 'credentials.password']);
    expect(visibleErrors(errorsOf(actor), context.touched, context.submitted, context.serverErrors)).toEqual({});
  });

  it('refuses Next on blank credentials: stays, shows every error, asks for focus (attempt)', () => {
    const actor = start(fakeServices(), 'kaseya-bms');
    expect(actor.getSnapshot().can(NEXT)).toBe(false); // the element still sends step.refuse: Next stays pressable
    send(actor, NEXT);
    const s = actor.getSnapshot();
    expect(s.matches({ credentials: 'editing' })).toBe(true);
    expect(s.context.submitted).toBe(true);
    expect(s.context.attempt).toBe(1);
    expect(errorsOf(actor)['credentials.tenant']).toBe('BMS tenant is required');
  });

  it('shows an error only for a field that was changed', () => {
    const actor = start(fakeServices(), 'autotask');
    send(actor, change({ 'credentials.username': 'not-an-email' }));
    const { context } = actor.getSnapshot();
    expect(visibleErrors(errorsOf(actor), context.touched, context.submitted)).toEqual({ 'credentials.username': 'API username is the API user’s e-mail address' });
  });

  it('checks valid credentials with the BFF, then forgets them and moves to Account Mapping', async () => {
    const fake = controllable();
    const actor = start(fake.services, 'kaseya-bms');
    send(actor, change(BMS_CREDENTIALS));
    expect(actor.getSnapshot().can(NEXT)).toBe(true);
    send(actor, NEXT);
    expect(actor.getSnapshot().matches({ credentials: 'checking' })).toBe(true);
    expect(busyLabel(actor.getSnapshot())).toBe('Checking the credentials with the PSA…');
    expect(fake.pending.get('submitCredentials')!.input).toEqual({ vendor: 'kaseya-bms', integrationId: null, credentials: { server: 'na', tenant: 'Sandbox MSP', username: 'api-user', password: 'sandbox-password' } });
    fake.resolve('submitCredentials', { integrationId: INTEGRATION_ID });
    await waitFor(actor, (s) => s.matches('accountMapping'));
    const { context } = actor.getSnapshot();
    expect(context.integrationId).toBe(INTEGRATION_ID);
    expect(context.credentials).toEqual({ server: '', tenant: '', username: '', password: '' });
    expect(context.done).toEqual(['credentials']);
  });

  it('keeps the step and puts the vendor’s reason next to the field when the PSA refuses', async () => {
    const fake = controllable();
    const actor = start(fake.services, 'autotask');
    send(actor, change(AUTOTASK_CREDENTIALS), NEXT);
    fake.reject('submitCredentials', problem(422, 'vendor_invalid_credentials', [{ field: 'credentials.secret', message: 'Autotask rejected the API username and password (secret).' }]));
    await waitFor(actor, (s) => s.matches({ credentials: 'editing' }));
    const { context } = actor.getSnapshot();
    expect(context.serverErrors).toEqual({ 'credentials.secret': 'Autotask rejected the API username and password (secret).' });
    expect(context.attempt).toBe(1);
    send(actor, change({ 'credentials.secret': 'another' }));
    expect(actor.getSnapshot().context.serverErrors).toEqual({});
  });

  it('says a PSA exists (409 psa_exists) and keeps the existing integration’s id for "Edit the existing integration"', async () => {
    const actor = start(fakeServices({ submitCredentials: async () => { throw problem(409, 'psa_exists', [], { existingIntegrationId: 'other-id', existingVendor: 'kaseya-bms' }); } }));
    send(actor, change(AUTOTASK_CREDENTIALS), NEXT);
    await settled(actor);
    const { context } = actor.getSnapshot();
    expect(context.problem?.code).toBe('psa_exists');
    expect(context.problem?.extra).toMatchObject({ existingIntegrationId: 'other-id', existingVendor: 'kaseya-bms' });
    expect(currentStep(actor.getSnapshot())).toBe('credentials');
  });

  it('when editing, loads every saved section and lets blank credentials keep the stored ones', async () => {
    const services = fakeServices({
      loadSaved: async () => ({
        accountMapping: { attachContacts: false, catchAllAccountId: 'acc-2', catchAllAccountName: 'No Contacts', catchAllContactId: null, catchAllContactName: null, mappings: [] },
        ticket: null, contract: { addContractsToTickets: true, syncBillableUsers: false, userSyncDay: 3, defaultServiceId: null, defaultServiceName: null, mappings: [] },
        done: ['credentials', 'account-mapping', 'contract-mapping'], resumeAt: 'credentials', connection: [], status: 'draft' as const,
      }),
    });
    const actor = start(services, 'autotask', INTEGRATION_ID);
    await settled(actor);
    expect(actor.getSnapshot().context.contract.userSyncDay).toBe(3);
    expect(errorsOf(actor)).toEqual({});
    send(actor, NEXT);
    expect(currentStep(actor.getSnapshot())).toBe('account-mapping');
    expect(services.calls.map((c) => c.service)).toEqual(['loadSaved']);
  });

  it('opens an unfinished integration ("Finish setup" without a draft) at its first step still to do, with its saved values', async () => {
    const services = fakeServices({
      loadSaved: async () => ({
        accountMapping: { attachContacts: false, catchAllAccountId: 'acc-2', catchAllAccountName: 'No Contacts', catchAllContactId: null, catchAllContactName: null, mappings: [] },
        ticket: null, contract: { addContractsToTickets: false, syncBillableUsers: false, userSyncDay: 1, defaultServiceId: null, defaultServiceName: null, mappings: [] },
        done: ['credentials', 'account-mapping'], resumeAt: 'service-parameters', connection: [], status: 'draft' as const,
      }),
    });
    const actor = start(services, 'autotask', INTEGRATION_ID);
    await settled(actor);
    expect(currentStep(actor.getSnapshot())).toBe('service-parameters');
    expect(actor.getSnapshot().context.accountMapping.catchAllAccountName).toBe('No Contacts');
    expect(services.calls.map((c) => c.service)).toEqual(['loadSaved', 'loadServiceLists']);
    send(actor, { type: 'step.back' });
    expect(currentStep(actor.getSnapshot())).toBe('account-mapping');
  });

  it('when editing, new credentials must be complete and are replaced through the BFF', async () => {
    const services = fakeServices({ loadSaved: async () => ({ accountMapping: { attachContacts: false, catchAllAccountId: 'x', catchAllAccountName: 'X', catchAllContactId: null, catchAllContactName: null, mappings: [] }, ticket: null, contract: { addContractsToTickets: false, syncBillableUsers: false, userSyncDay: null, defaultServiceId: null, defaultServiceName: null, mappings: [] }, done: [], resumeAt: 'credentials', connection: [], status: 'draft' as const }) });
    const actor = start(services, 'autotask', INTEGRATION_ID);
    await settled(actor);
    send(actor, change({ 'credentials.username': 'api-user@sandbox.example' }), NEXT);
    expect(errorsOf(actor)).toEqual({ 'credentials.secret': 'API password (secret) is required' });
    send(actor, change({ 'credentials.secret': 'new-secret' }), NEXT);
    await settled(actor);
    expect(services.calls.at(-1)).toEqual({ service: 'submitCredentials', input: { vendor: 'autotask', integrationId: INTEGRATION_ID, credentials: { username: 'api-user@sandbox.example', secret: 'new-secret' } } });
  });

  it('offers Retry when the saved settings could not be loaded', async () => {
    let fail = true;
    const services = fakeServices({ loadSaved: async () => { if (fail) throw problem(502, 'unavailable'); return { accountMapping: { attachContacts: false, catchAllAccountId: 'x', catchAllAccountName: 'X', catchAllContactId: null, catchAllContactName: null, mappings: [] }, ticket: null, contract: { addContractsToTickets: false, syncBillableUsers: false, userSyncDay: null, defaultServiceId: null, defaultServiceName: null, mappings: [] }, done: [], resumeAt: 'credentials', connection: [], status: 'draft' as const }; } });
    const actor = start(services, 'autotask', INTEGRATION_ID);
    await waitFor(actor, (s) => s.matches('loadFailed'));
    fail = false;
    send(actor, { type: 'saved.retry' });
    await waitFor(actor, (s) => s.matches('credentials'));
  });

  it('ignores changes to another step’s values', () => {
    const actor = start();
    send(actor, change({ 'ticket.statusId': 'st-1' }));
    expect(actor.getSnapshot().context.ticket.statusId).toBeNull();
  });
});

describe('PSA wizard machine: account mapping', () => {
  it('refuses Next without a Catch-All PSA Account', async () => {
    const actor = await reach('account-mapping');
    send(actor, NEXT);
    expect(errorsOf(actor)['accountMapping.catchAllAccountId']).toBe('Select a Catch-All PSA Account');
    expect(actor.getSnapshot().context.attempt).toBe(1);
  });

  it('checks the catch-all account’s contacts and blocks an account without any (attach on)', async () => {
    const actor = await reach('account-mapping');
    send(actor, change({ 'accountMapping.catchAllAccountId': 'acc-nc', 'accountMapping.catchAllAccountName': 'No Contacts' }));
    expect(actor.getSnapshot().matches({ accountMapping: { editing: 'checkingContacts' } })).toBe(true);
    await settled(actor);
    expect(errorsOf(actor)['accountMapping.catchAllAccountId']).toBe(NO_CONTACT_MESSAGE);
    send(actor, NEXT);
    expect(currentStep(actor.getSnapshot())).toBe('account-mapping');
  });

  it('lets a contact-less catch-all account through once Attach Contacts is off', async () => {
    const actor = await reach('account-mapping');
    send(actor, change({ 'accountMapping.catchAllAccountId': 'acc-nc', 'accountMapping.catchAllAccountName': 'No Contacts' }));
    await settled(actor);
    send(actor, change({ 'accountMapping.attachContacts': false }));
    expect(errorsOf(actor)).toEqual({});
    send(actor, NEXT);
    await settled(actor);
    expect(currentStep(actor.getSnapshot())).toBe('service-parameters');
  });

  it('requires the catch-all contact while attach is on, and clears it when the account changes', async () => {
    const actor = await reach('account-mapping');
    send(actor, change({ 'accountMapping.catchAllAccountId': 'acc-1', 'accountMapping.catchAllAccountName': 'Default Customer' }));
    await settled(actor);
    expect(errorsOf(actor)).toHaveProperty('accountMapping.catchAllContactId');
    send(actor, change({ 'accountMapping.catchAllContactId': 'c-1', 'accountMapping.catchAllContactName': 'Default Contact' }));
    expect(errorsOf(actor)).toEqual({});
    send(actor, change({ 'accountMapping.catchAllAccountId': 'acc-nc', 'accountMapping.catchAllAccountName': 'No Contacts' }));
    expect(actor.getSnapshot().context.accountMapping.catchAllContactId).toBeNull();
  });

  it('offers Retry when the contacts could not be loaded', async () => {
    let fail = true;
    const actor = await reach('account-mapping', fakeServices({ loadContacts: async () => { if (fail) throw problem(503, 'vendor_rate_limited'); return []; } }));
    send(actor, change({ 'accountMapping.catchAllAccountId': 'acc-1', 'accountMapping.catchAllAccountName': 'A' }));
    await waitFor(actor, (s) => s.matches({ accountMapping: { editing: 'contactsFailed' } }));
    expect(errorsOf(actor)['accountMapping.catchAllAccountId']).toContain('could not be loaded');
    fail = false;
    send(actor, { type: 'contacts.retry' });
    await settled(actor);
    expect(errorsOf(actor)['accountMapping.catchAllAccountId']).toBe(NO_CONTACT_MESSAGE);
  });

  it('refuses a mapping that maps one organization twice (the contract’s rule)', async () => {
    const actor = await reach('account-mapping');
    const row = (id: string) => ({ psaAccountId: id, psaAccountName: id, organizationId: 'org-1', contactId: null, contactName: null, ignored: false });
    send(actor, change({ 'accountMapping.attachContacts': false, 'accountMapping.catchAllAccountId': 'acc-1', 'accountMapping.catchAllAccountName': 'A', 'accountMapping.mappings': [row('a'), row('b')] }));
    expect(errorsOf(actor)['accountMapping.mappings.1.organizationId']).toBe('This organization is already mapped to a');
  });

  it('shows the BFF’s field errors next to the fields and keeps the step', async () => {
    const actor = await reach('account-mapping', fakeServices({ saveAccountMapping: async () => { throw problem(400, 'validation_failed', [{ field: 'mappings.0.organizationId', message: 'Unknown organization' }]); } }));
    send(actor, change({ 'accountMapping.attachContacts': false, 'accountMapping.catchAllAccountId': 'acc-1', 'accountMapping.catchAllAccountName': 'A' }), NEXT);
    await settled(actor);
    expect(actor.getSnapshot().matches({ accountMapping: { editing: 'idle' } })).toBe(true);
    expect(actor.getSnapshot().context.serverErrors).toEqual({ 'accountMapping.mappings.0.organizationId': 'Unknown organization' });
  });

  it('goes Back at any time, cancelling a save in flight', async () => {
    const fake = controllable();
    const actor = start(fake.services);
    send(actor, change(AUTOTASK_CREDENTIALS), NEXT);
    fake.resolve('submitCredentials', { integrationId: INTEGRATION_ID });
    await waitFor(actor, (s) => s.matches('accountMapping'));
    send(actor, change({ 'accountMapping.attachContacts': false, 'accountMapping.catchAllAccountId': 'acc-1', 'accountMapping.catchAllAccountName': 'A' }), NEXT);
    const save = fake.pending.get('saveAccountMapping')!;
    send(actor, BACK);
    expect(save.signal.aborted).toBe(true);
    expect(currentStep(actor.getSnapshot())).toBe('credentials');
  });
});

describe('PSA wizard machine: service parameters', () => {
  it('loads the PSA’s lists and the catalog, prefilling the PSA’s defaults but never a priority', async () => {
    const actor = await reach('service-parameters');
    const { ticket, catalog } = actor.getSnapshot().context;
    expect(catalog).toEqual(CATALOG);
    expect(ticket).toMatchObject({ typeId: 'type-1', statusId: 'st-1', categoryId: 'cat-1', note: { typeId: 'nt-1', visibilityId: 'nv-1' } });
    expect(Object.values(ticket.priorityMap)).toEqual([null, null, null, null, null]);
  });

  it('refuses Next while a severity has no priority', async () => {
    const actor = await reach('service-parameters');
    send(actor, change({ ...Object.fromEntries(Object.entries(PRIORITIES).map(([s, p]) => [`ticket.priorityMap.${s}`, p])), 'ticket.queueId': 'q-1', 'ticket.priorityMap.medium': null }), NEXT);
    expect(currentStep(actor.getSnapshot())).toBe('service-parameters');
    expect(errorsOf(actor)).toEqual({ 'ticket.priorityMap.medium': 'Choose a priority for medium alerts' });
  });

  it('remembers a Next pressed while the lists still load: once they arrive, the step shows its errors (nothing was skipped)', async () => {
    let arrive!: (lists: { picklists: typeof BMS_PICKLISTS; catalog: typeof CATALOG }) => void;
    const actor = await reach('account-mapping', fakeServices({ loadServiceLists: () => new Promise((resolve) => { arrive = resolve; }) }));
    send(actor, change({ 'accountMapping.catchAllAccountId': 'acc-1', 'accountMapping.catchAllAccountName': 'Default Customer' }));
    await settled(actor);
    send(actor, change({ 'accountMapping.catchAllContactId': 'c-1', 'accountMapping.catchAllContactName': 'Default Contact' }), NEXT);
    await waitFor(actor, (s) => s.matches({ serviceParameters: 'loading' }));
    const attempt = actor.getSnapshot().context.attempt;
    send(actor, NEXT);
    expect(actor.getSnapshot().context.attempt).toBe(attempt + 1);
    arrive({ picklists: BMS_PICKLISTS, catalog: CATALOG });
    await settled(actor);
    const s = actor.getSnapshot();
    expect(currentStep(s)).toBe('service-parameters');
    expect(s.context.submitted).toBe(true);
    expect(errorsOf(actor)).toHaveProperty('ticket.priorityMap.critical', 'Choose a priority for critical alerts');
  });

  it('does not ask a vendor without ticket categories (Kaseya BMS) for one', async () => {
    const actor = await reach('service-parameters', fakeServices({ loadServiceLists: async () => ({ picklists: BMS_PICKLISTS, catalog: CATALOG }) }));
    expect(actor.getSnapshot().context.ticket.categoryId).toBeNull();
    expect(errorsOf(actor)).not.toHaveProperty('ticket.categoryId');
  });

  const ALL_PRIORITIES = change(Object.fromEntries(Object.entries(PRIORITIES).map(([s, p]) => [`ticket.priorityMap.${s}`, p])));

  it('clears a sub-issue type of another issue type, and requires an issue type before a sub-issue type', async () => {
    const actor = await reach('service-parameters');
    send(actor, ALL_PRIORITIES, change({ 'ticket.queueId': 'q-1' }));
    send(actor, change({ 'ticket.issueTypeId': 'it-1', 'ticket.subIssueTypeId': 'sit-1' }));
    send(actor, change({ 'ticket.issueTypeId': 'it-2' }));
    expect(actor.getSnapshot().context.ticket.subIssueTypeId).toBeNull();
    send(actor, change({ 'ticket.issueTypeId': null, 'ticket.subIssueTypeId': 'sit-2' }));
    expect(errorsOf(actor)['ticket.subIssueTypeId']).toBe('Choose a Default Issue Type before a Default Sub-Issue Type');
  });

  it('requires an issue type in each override row and refuses a duplicate alert type', async () => {
    const actor = await reach('service-parameters');
    send(actor, ALL_PRIORITIES, change({ 'ticket.queueId': 'q-1' }));
    const row = { key: 'at-1', keyName: 'Too Many Downloads', issueTypeId: null, subIssueTypeId: null };
    send(actor, change({ 'ticket.overrides.alertTypes': [row] }));
    expect(errorsOf(actor)).toEqual({ 'ticket.overrides.alertTypes.0.issueTypeId': 'Choose an Issue Type' });
    send(actor, change({ 'ticket.overrides.alertTypes': [{ ...row, issueTypeId: 'it-1' }, { ...row, issueTypeId: 'it-2' }] }));
    expect(errorsOf(actor)).toEqual({ 'ticket.overrides.alertTypes.1.key': 'Too Many Downloads already has an override' });
  });

  it('offers Retry when the PSA’s lists could not be loaded', async () => {
    let fail = true;
    const actor = await reach('service-parameters', fakeServices({ loadServiceLists: async () => { if (fail) throw problem(502, 'vendor_unavailable'); return { picklists: BMS_PICKLISTS, catalog: CATALOG }; } }));
    expect(actor.getSnapshot().matches({ serviceParameters: 'failed' })).toBe(true);
    fail = false;
    send(actor, { type: 'lists.retry' });
    await settled(actor);
    expect(actor.getSnapshot().matches({ serviceParameters: 'editing' })).toBe(true);
  });
});
