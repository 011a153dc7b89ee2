/**
 * The PSA wizard machine's last steps, read as the seeds' rules: contract mapping, finish (test
 * ticket, completion, Back and Cancel) and drafts, with fake services, no DOM. The earlier steps are
 * in psa-wizard.machine.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor, type Snapshot } from 'xstate';
import { busyLabel, currentStep, persistableSnapshot, psaWizardMachine } from '../../../../web-components/wizards/psa-wizard/psa-wizard.machine.js';
import { psaWizardActors } from '../../../../web-components/wizards/psa-wizard/psa-wizard.services.js';
import { controllable, fakeServices, problem } from './psa-wizard.fakes.js';
import { AUTOTASK_CREDENTIALS, BACK, NEXT, change, errorsOf, reach, send, settled, start } from './psa-wizard.machine-driver.js';

describe('PSA wizard machine: contract mapping and finish', () => {
  it('is finishable with every contract function off', async () => {
    const actor = await reach('contract-mapping');
    expect(errorsOf(actor)).toEqual({});
    send(actor, NEXT);
    await settled(actor);
    expect(currentStep(actor.getSnapshot())).toBe('finish');
  });

  it('requires a Default Contract Service while Sync Billable Users is on', async () => {
    const actor = await reach('contract-mapping');
    send(actor, change({ 'contract.syncBillableUsers': true }), NEXT);
    expect(errorsOf(actor)).toEqual({ 'contract.defaultServiceId': 'A Default Contract Service is required while Sync Billable Users to Contracts / Agreements is on' });
    send(actor, change({ 'contract.defaultServiceId': 'svc-1', 'contract.defaultServiceName': 'Existing Service' }));
    expect(errorsOf(actor)).toEqual({});
  });

  it('drops an organization’s contract when Back on Account Mapping maps it to another account or unmaps it (that contract is the old account’s)', async () => {
    const actor = await reach('contract-mapping');
    const account = (psaAccountId: string, organizationId: string | null) => ({ psaAccountId, psaAccountName: psaAccountId, organizationId, contactId: null, contactName: null, ignored: false });
    const contract = (organizationId: string, contractId: string) => ({ organizationId, contractId, contractName: contractId, addService: false, serviceId: null, unitCost: null, unitPrice: null });
    send(actor, BACK, BACK);
    await settled(actor);
    send(actor, change({ 'accountMapping.mappings': [account('acc-a', 'org-1'), account('acc-b', 'org-2'), account('acc-c', 'org-3')] }), NEXT);
    await settled(actor);
    send(actor, NEXT);
    await settled(actor);
    send(actor, change({ 'contract.addContractsToTickets': true, 'contract.mappings': [contract('org-1', 'k-a'), contract('org-2', 'k-b'), contract('org-3', 'k-c')] }));
    send(actor, BACK, BACK);
    await settled(actor);
    expect(currentStep(actor.getSnapshot())).toBe('account-mapping');
    // org-1 keeps its account, org-2 moves to acc-d, org-3 is no longer mapped.
    send(actor, change({ 'accountMapping.mappings': [account('acc-a', 'org-1'), account('acc-b', null), account('acc-d', 'org-2'), account('acc-c', null)] }));
    expect(actor.getSnapshot().context.contract.mappings.map((r) => r.organizationId)).toEqual(['org-1']);
  });

  it('checks User Sync Day is 1 to 28', async () => {
    const actor = await reach('contract-mapping');
    send(actor, change({ 'contract.userSyncDay': 31 }));
    expect(errorsOf(actor)['contract.userSyncDay']).toBe('Choose a day from 1 to 28 (every month has it)');
  });

  it('"Create Service" creates it in the PSA and makes it the default; an invalid one is refused', async () => {
    const services = fakeServices();
    const actor = await reach('contract-mapping', services);
    send(actor, change({ 'newService.unitPrice': '-1' }), { type: 'service.create' });
    expect(actor.getSnapshot().matches({ contractMapping: 'editing' })).toBe(true);
    send(actor, change({ 'newService.unitPrice': '5' }), { type: 'service.create' });
    await settled(actor);
    const { contract, services: list } = actor.getSnapshot().context;
    expect(contract.defaultServiceId).toBe('svc-new');
    expect(list?.map((s) => s.id)).toEqual(['svc-1', 'svc-new']);
    expect(services.calls.at(-1)).toMatchObject({ service: 'createService', input: { name: 'Security Monitoring per User', unitCost: 2.5, unitPrice: 5 } });
  });

  it('"Send test ticket" answers the vendor’s ticket id and stays on Finish; a refusal says why', async () => {
    let fail = false;
    const actor = await reach('finish', fakeServices({ sendTestTicket: async () => { if (fail) throw problem(409, 'not_ready'); return { vendorTicketId: '42', ticketNumber: 'T-42', title: '[TEST]' }; } }));
    send(actor, { type: 'testTicket.send' });
    expect(busyLabel(actor.getSnapshot())).toBe('Sending a test ticket to the PSA…');
    await settled(actor);
    expect(actor.getSnapshot().context.testTicket).toEqual({ vendorTicketId: '42', ticketNumber: 'T-42', title: '[TEST]' });
    fail = true;
    send(actor, { type: 'testTicket.send' });
    await settled(actor);
    expect(actor.getSnapshot().matches({ finish: 'review' })).toBe(true);
    expect(actor.getSnapshot().context.testTicketProblem?.code).toBe('not_ready');
  });

  it('completes: the integration becomes Active and the machine is done', async () => {
    const actor = await reach('finish');
    send(actor, NEXT);
    await waitFor(actor, (s) => s.status === 'done');
    expect(actor.getSnapshot().value).toBe('done');
    expect(actor.getSnapshot().context.completedStatus).toBe('active');
  });

  it('stays on Finish with the BFF’s reasons when completion is refused', async () => {
    const actor = await reach('finish', fakeServices({ complete: async () => { throw problem(400, 'validation_failed', [{ field: 'ticket', message: 'Service Parameters are required' }]); } }));
    send(actor, NEXT);
    await settled(actor);
    expect(actor.getSnapshot().matches({ finish: 'review' })).toBe(true);
    expect(actor.getSnapshot().context.serverErrors).toEqual({ ticket: 'Service Parameters are required' });
  });

  it('Back walks every step in reverse; Cancel ends the wizard from anywhere', async () => {
    const actor = await reach('finish');
    const seen: Array<string | null> = [];
    for (let i = 0; i < 4; i += 1) {
      send(actor, BACK);
      await settled(actor);
      seen.push(currentStep(actor.getSnapshot()));
    }
    expect(seen).toEqual(['contract-mapping', 'service-parameters', 'account-mapping', 'credentials']);
    send(actor, { type: 'wizard.cancel' });
    expect(actor.getSnapshot().value).toBe('cancelled');
  });
});

describe('PSA wizard machine: drafts', () => {
  it('never persists credentials, nor a snapshot taken while they are being checked', async () => {
    const fake = controllable();
    const actor = start(fake.services);
    send(actor, change(AUTOTASK_CREDENTIALS));
    expect(JSON.stringify(persistableSnapshot(actor))).not.toContain('sandbox-secret');
    send(actor, NEXT);
    expect(persistableSnapshot(actor)).toBeUndefined();
  });

  it('resumes from a persisted snapshot on the same step with the same values', async () => {
    const actor = await reach('service-parameters');
    send(actor, change({ 'ticket.queueId': 'q-2' }));
    const restored = createActor(psaWizardMachine.provide({ actors: psaWizardActors(fakeServices()) }), { snapshot: persistableSnapshot(actor) as Snapshot<unknown> } as never).start();
    expect(currentStep(restored.getSnapshot())).toBe('service-parameters');
    expect(restored.getSnapshot().context.ticket.queueId).toBe('q-2');
    expect(restored.getSnapshot().context.done).toEqual(['credentials', 'account-mapping']);
  });
});
