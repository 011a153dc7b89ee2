/**
 * Edit mode (issue 17, item 1): a finished integration opens at a summary; each section opens alone,
 * Save validates and saves only it and returns to the summary, Cancel discards only its change, and
 * nothing is saved before Save. A saved picklist value the PSA no longer offers is flagged at once.
 * The create flow's done steps can be jumped to.
 */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { busyLabel, currentStep, psaWizardMachine, type PsaWizardActorRef } from '../../../../web-components/wizards/psa-wizard/psa-wizard.machine.js';
import { psaWizardActors, type PsaWizardServices, type SavedPsaSettings } from '../../../../web-components/wizards/psa-wizard/psa-wizard.services.js';
import { EMPTY_TICKET } from '../../../../web-components/wizards/psa-wizard/psa-wizard.types.js';
import { stepErrors } from '../../../../web-components/wizards/psa-wizard/psa-wizard.validation.js';
import { INTEGRATION_ID, PICKLISTS, PRIORITIES, fakeServices } from './psa-wizard.fakes.js';

const SAVED: SavedPsaSettings = {
  accountMapping: { attachContacts: false, catchAllAccountId: 'acc-2', catchAllAccountName: 'Catch All', catchAllContactId: null, catchAllContactName: null, mappings: [] },
  ticket: { ...EMPTY_TICKET, categoryId: 'cat-1', typeId: 'type-1', statusId: 'st-1', queueId: 'q-1', sourceId: 'src-1', priorityMap: { ...PRIORITIES }, note: { ...EMPTY_TICKET.note, typeId: 'nt-1', visibilityId: 'nv-1' } },
  contract: { addContractsToTickets: false, syncBillableUsers: false, userSyncDay: 1, defaultServiceId: null, defaultServiceName: null, mappings: [] },
  done: ['credentials', 'account-mapping', 'service-parameters', 'contract-mapping', 'finish'],
  resumeAt: 'summary',
  connection: [{ label: 'API username', value: 'api-user@sandbox.example' }],
  status: 'active',
};

function start(services: PsaWizardServices): PsaWizardActorRef {
  return createActor(psaWizardMachine.provide({ actors: psaWizardActors(services) }), { input: { vendor: 'autotask', integrationId: INTEGRATION_ID } }).start();
}
const settled = (actor: PsaWizardActorRef) => waitFor(actor, (s) => busyLabel(s) === null && !s.matches('loadingSaved')
  && !s.matches({ summary: 'loadingLists' }) && !s.matches({ serviceParameters: 'loading' }));
const saves = (services: ReturnType<typeof fakeServices>) => services.calls.filter((c) => /^(save|submit|complete)/.test(c.service)).map((c) => c.service);

describe('editing a finished PSA integration', () => {
  it('opens at the summary with what is connected, and saves nothing on the way there', async () => {
    const services = fakeServices({ loadSaved: async () => SAVED });
    const actor = start(services);
    await settled(actor);
    expect(currentStep(actor.getSnapshot())).toBe('summary');
    expect(actor.getSnapshot().context.connection).toEqual(SAVED.connection);
    expect(saves(services)).toEqual([]);
  });

  it('Save on one section saves that section only and returns to the summary', async () => {
    const services = fakeServices({ loadSaved: async () => SAVED });
    const actor = start(services);
    await settled(actor);
    actor.send({ type: 'section.edit', step: 'service-parameters' });
    await settled(actor);
    expect(currentStep(actor.getSnapshot())).toBe('service-parameters');
    actor.send({ type: 'field.change', path: 'ticket.priorityMap.high', value: 'p-1' });
    expect(actor.getSnapshot().can({ type: 'step.next' })).toBe(true);
    actor.send({ type: 'step.next' });
    await settled(actor);
    expect(currentStep(actor.getSnapshot())).toBe('summary');
    expect(saves(services)).toEqual(['saveTicketSettings']);
    expect((services.calls.at(-1)!.input as { value: { priorityMap: Record<string, string> } }).value.priorityMap.high).toBe('p-1');
    expect(actor.getSnapshot().context.sectionSaves).toBe(1);
  });

  it('Cancel in a section discards only its change, saves nothing, and stays in the wizard', async () => {
    const services = fakeServices({ loadSaved: async () => SAVED });
    const actor = start(services);
    await settled(actor);
    actor.send({ type: 'section.edit', step: 'service-parameters' });
    await settled(actor);
    actor.send({ type: 'field.change', path: 'ticket.priorityMap.high', value: 'p-1' });
    actor.send({ type: 'wizard.cancel' });
    expect(currentStep(actor.getSnapshot())).toBe('summary');
    expect(actor.getSnapshot().context.ticket.priorityMap.high).toBe(PRIORITIES.high);
    expect(saves(services)).toEqual([]);
    // Cancel on the summary itself closes the wizard.
    actor.send({ type: 'wizard.cancel' });
    expect(actor.getSnapshot().value).toBe('cancelled');
  });

  it('blank credentials in the Connection section keep the stored ones without a call', async () => {
    const services = fakeServices({ loadSaved: async () => SAVED });
    const actor = start(services);
    await settled(actor);
    actor.send({ type: 'section.edit', step: 'credentials' });
    actor.send({ type: 'step.next' });
    expect(currentStep(actor.getSnapshot())).toBe('summary');
    expect(saves(services)).toEqual([]);
  });

  it('flags a saved priority the PSA no longer offers next to its field, and Save is refused until another is chosen', async () => {
    const services = fakeServices({
      loadSaved: async () => SAVED,
      loadServiceLists: async () => ({ picklists: { ...PICKLISTS, priority: PICKLISTS.priority.filter((p) => p.id !== PRIORITIES.high) }, catalog: { alertTypes: [], respondRules: [], iocRules: [] } }),
    });
    const actor = start(services);
    await settled(actor);
    actor.send({ type: 'section.edit', step: 'service-parameters' });
    await settled(actor);
    const s = actor.getSnapshot();
    expect(s.context.submitted).toBe(true); // shown at once, not after a refused Save
    expect(stepErrors('service-parameters', s.context)['ticket.priorityMap.high']).toBe('The chosen priority for high alerts is no longer offered by Autotask (it may have been removed); choose again');
    expect(s.can({ type: 'step.next' })).toBe(false);
    actor.send({ type: 'field.change', path: 'ticket.priorityMap.high', value: 'p-1' });
    expect(actor.getSnapshot().can({ type: 'step.next' })).toBe(true);
  });
});

describe('the create flow', () => {
  it('jumps to a done step from its heading, and never to a step not done yet', async () => {
    const services = fakeServices();
    const actor = createActor(psaWizardMachine.provide({ actors: psaWizardActors(services) }), { input: { vendor: 'autotask' } }).start();
    actor.send({ type: 'fields.change', changes: { 'credentials.username': 'api-user@sandbox.example', 'credentials.secret': 'sandbox-secret' } });
    actor.send({ type: 'step.next' });
    await waitFor(actor, (s) => s.matches('accountMapping'));
    actor.send({ type: 'step.goto', step: 'service-parameters' });
    expect(currentStep(actor.getSnapshot())).toBe('account-mapping');
    actor.send({ type: 'step.goto', step: 'credentials' });
    expect(currentStep(actor.getSnapshot())).toBe('credentials');
  });
});
