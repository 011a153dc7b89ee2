/**
 * Model-based test of the PSA wizard machine (`createTestModel` from 'xstate/graph'): the shortest
 * path to every reachable state (step × validity of each step × what the BFF answered) is replayed
 * against a real actor whose services are controllable fakes, and after every step the actor must
 * stand where the model says. Event cases carry valid and invalid payloads and every BFF answer.
 */
import { describe, expect, it } from 'vitest';
import { createActor, createMachine, waitFor, type AnyEventObject } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { currentStep, psaWizardMachine, type PsaWizardActorRef, type PsaWizardSnapshot } from '../../../../web-components/wizards/psa-wizard/psa-wizard.machine.js';
import { psaWizardActors } from '../../../../web-components/wizards/psa-wizard/psa-wizard.services.js';
import type { PsaStep, PsaVendor, PsaWizardEvent } from '../../../../web-components/wizards/psa-wizard/psa-wizard.types.js';
import { isStepValid } from '../../../../web-components/wizards/psa-wizard/psa-wizard.validation.js';
import { CATALOG, CONTACT, INTEGRATION_ID, PICKLISTS, PRIORITIES, SERVICE, controllable, problem } from './psa-wizard.fakes.js';

const change = (changes: Record<string, unknown>): PsaWizardEvent => ({ type: 'fields.change', changes });
const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output }) as unknown as PsaWizardEvent;
const failed = (id: string, error: unknown) => ({ type: `xstate.error.actor.${id}`, error }) as unknown as PsaWizardEvent;
const REFUSED = problem(400, 'validation_failed', [{ field: 'x', message: 'Refused by the BFF' }]);
const VIEW = { id: INTEGRATION_ID, kind: 'psa', vendor: 'autotask', vendorLabel: 'Autotask', status: 'active', statusLabel: 'Active', hasCredentials: true, accountLabel: null, userActivityOrganizationId: null, createdAt: '', updatedAt: '' };
const SAVED = {
  accountMapping: { attachContacts: true, catchAllAccountId: 'acc-1', catchAllAccountName: 'Default Customer', catchAllContactId: 'c-1', catchAllContactName: 'Default Contact', mappings: [] },
  ticket: null,
  contract: { addContractsToTickets: false, syncBillableUsers: false, userSyncDay: 1, defaultServiceId: null, defaultServiceName: null, mappings: [] },
  done: ['credentials', 'account-mapping'],
};

/** The events worth trying in each state: valid and invalid input, and each answer the BFF can give. */
function eventsFor(vendor: PsaVendor) {
  const credentials = vendor === 'autotask'
    ? { 'credentials.username': 'api-user@sandbox.example', 'credentials.secret': 'sandbox-secret' }
    : { 'credentials.server': 'na', 'credentials.tenant': 'Sandbox MSP', 'credentials.username': 'api-user', 'credentials.password': 'sandbox-password' };
  return (s: PsaWizardSnapshot): PsaWizardEvent[] => {
    const c = s.context;
    if (s.matches({ credentials: 'editing' })) return [change(credentials), change({ 'credentials.username': '' })];
    if (s.matches({ credentials: 'checking' })) return [done('submitCredentials', { integrationId: INTEGRATION_ID }), failed('submitCredentials', problem(422, 'vendor_invalid_credentials', [{ field: 'credentials.username', message: 'Unknown user' }]))];
    if (s.matches('loadingSaved')) return [done('loadSaved', SAVED), failed('loadSaved', problem(502, 'unavailable'))];
    if (s.matches({ accountMapping: { editing: 'checkingContacts' } })) {
      return [done('loadContacts', c.accountMapping.catchAllAccountId === 'acc-1' ? [CONTACT] : []), failed('loadContacts', problem(503, 'vendor_rate_limited'))];
    }
    if (s.matches({ accountMapping: 'editing' })) {
      return [
        change({ 'accountMapping.catchAllAccountId': 'acc-1', 'accountMapping.catchAllAccountName': 'Default Customer' }),
        change({ 'accountMapping.catchAllAccountId': 'acc-nc', 'accountMapping.catchAllAccountName': 'No Contacts' }),
        change({ 'accountMapping.catchAllContactId': 'c-1', 'accountMapping.catchAllContactName': 'Default Contact' }),
        change({ 'accountMapping.attachContacts': !c.accountMapping.attachContacts }),
      ];
    }
    if (s.matches({ accountMapping: 'saving' })) return [done('saveAccountMapping', c.accountMapping), failed('saveAccountMapping', REFUSED)];
    if (s.matches({ serviceParameters: 'loading' })) return [done('loadServiceLists', { picklists: PICKLISTS, catalog: CATALOG }), failed('loadServiceLists', problem(502, 'vendor_unavailable'))];
    if (s.matches({ serviceParameters: 'editing' })) {
      return [
        change({ ...Object.fromEntries(Object.entries(PRIORITIES).map(([sev, p]) => [`ticket.priorityMap.${sev}`, p])), 'ticket.queueId': 'q-1' }),
        change({ 'ticket.priorityMap.critical': null }),
      ];
    }
    if (s.matches({ serviceParameters: 'saving' })) return [done('saveTicketSettings', c.ticket), failed('saveTicketSettings', REFUSED)];
    if (s.matches({ contractMapping: 'loading' })) return [done('loadServices', [SERVICE]), failed('loadServices', problem(502, 'vendor_unavailable'))];
    if (s.matches({ contractMapping: 'editing' })) {
      return [change({ 'contract.syncBillableUsers': !c.contract.syncBillableUsers }), change({ 'newService.name': c.newService.name ? '' : 'Per user' })];
    }
    if (s.matches({ contractMapping: 'creatingService' })) return [done('createService', { id: 'svc-new', name: c.newService.name, unitCost: 2.5, unitPrice: 5 }), failed('createService', REFUSED)];
    if (s.matches({ contractMapping: 'saving' })) return [done('saveContractSettings', c.contract), failed('saveContractSettings', REFUSED)];
    if (s.matches({ finish: 'completing' })) return [done('complete', VIEW), failed('complete', REFUSED)];
    if (s.matches({ finish: 'sendingTestTicket' })) return [done('sendTestTicket', { vendorTicketId: 'T-1', ticketNumber: null, title: '[TEST]' }), failed('sendTestTicket', problem(409, 'not_ready'))];
    return [];
  };
}

/**
 * `isStepValid` of one context, computed once: the walk serializes the same snapshot many times
 * (once per event tried from it, again when replaying), and each check builds the step's zod
 * schema afresh. XState never mutates a context (`assign` makes a new one), so the answer for a
 * context object cannot change.
 */
const validity = new WeakMap<object, Map<string, boolean>>();
function stepValidity(step: PsaStep, c: PsaWizardSnapshot['context']): boolean {
  let known = validity.get(c);
  if (!known) validity.set(c, (known = new Map()));
  if (!known.has(step)) known.set(step, isStepValid(step, c));
  return known.get(step)!;
}

/**
 * What makes two snapshots different for this test: where the wizard stands, whether its current
 * step may advance, how many steps the BFF accepted, and whether the catch-all contacts are known.
 * Coarse on purpose: one path per abstract state keeps the walk short.
 */
function signature(s: PsaWizardSnapshot): string {
  const c = s.context;
  const step = currentStep(s);
  return JSON.stringify({
    value: s.value, valid: step && step !== 'summary' ? stepValidity(step, c) : null, done: c.done.length,
    contacts: c.catchAllContacts ? c.catchAllContacts.contacts.length > 0 : null,
  });
}

/**
 * The machine as a model: `createTestModel` refuses invocations, so each invoke becomes the two
 * transitions it stands for (`xstate.done.actor.<id>` → onDone, `xstate.error.actor.<id>` → onError).
 * Same states, guards and actions; the I/O is what the real actor below does with fakes.
 */
function withoutInvokes(node: Record<string, any>): Record<string, any> {
  const { invoke, states, on, ...rest } = node;
  const next: Record<string, any> = { ...rest, on: { ...on } };
  if (invoke) {
    next.on[`xstate.done.actor.${invoke.id}`] = invoke.onDone;
    next.on[`xstate.error.actor.${invoke.id}`] = invoke.onError;
  }
  if (states) next.states = Object.fromEntries(Object.entries(states).map(([key, child]) => [key, withoutInvokes(child as Record<string, any>)]));
  return next;
}
const modelMachine = createMachine(withoutInvokes(psaWizardMachine.config as Record<string, any>) as never, psaWizardMachine.implementations as never);

function modelFor(vendor: PsaVendor, integrationId?: string) {
  return createTestModel(modelMachine, {
    input: { vendor, integrationId },
    events: eventsFor(vendor),
    // Changes without a payload are not events anyone sends; the payloads above cover changes.
    filterEvents: (s: PsaWizardSnapshot, e: AnyEventObject) => (s as PsaWizardSnapshot).status === 'active' && e.type !== 'field.change' && !(e.type === 'fields.change' && !('changes' in e)),
    serializeState: (s: PsaWizardSnapshot) => signature(s),
  } as never);
}

async function replay(vendor: PsaVendor, integrationId?: string) {
  const model = modelFor(vendor, integrationId);
  const paths = model.getShortestPaths();
  const reached = new Set<string>();
  const reachedNodes = new Set<string>();
  for (const path of paths) {
    const fake = controllable();
    const actor: PsaWizardActorRef = createActor(psaWizardMachine.provide({ actors: psaWizardActors(fake.services) }), { input: { vendor, integrationId } }).start();
    const exec = async (step: { event: AnyEventObject; state: unknown }) => {
      const { event } = step;
      const expected = signature(step.state as PsaWizardSnapshot);
      if (event.type.startsWith('xstate.done.actor.')) fake.resolve(event.type.slice('xstate.done.actor.'.length), event.output);
      else if (event.type.startsWith('xstate.error.actor.')) fake.reject(event.type.slice('xstate.error.actor.'.length), event.error);
      else actor.send(event as PsaWizardEvent);
      await waitFor(actor, (s) => signature(s) === expected, { timeout: 500 });
    };
    await path.test({
      events: new Proxy({}, { get: () => exec }) as never,
      states: { '*': (state: unknown) => { expect(signature(actor.getSnapshot())).toBe(signature(state as PsaWizardSnapshot)); } } as never,
    });
    for (const step of path.steps) {
      const state = step.state as unknown as PsaWizardSnapshot;
      reached.add(JSON.stringify(state.value));
      state._nodes.filter((n) => n.type === 'atomic' || n.type === 'final').forEach((n) => reachedNodes.add(n.id));
    }
    actor.stop();
  }
  return { paths, reached, reachedNodes };
}

// The walk replays a few hundred paths; on a shared 2-core machine that can pass the 20 s default.
describe('PSA wizard machine, model-based', { timeout: 90_000 }, () => {
  it('reaches every state of a new Autotask wizard along its shortest path, the actor agreeing at each step', async () => {
    const { paths, reached, reachedNodes } = await replay('autotask');
    expect(paths.length).toBeGreaterThan(20);
    // Every atomic state the machine can rest in (transient `always` states pass by), except those only editing reaches.
    const atomic: string[] = [];
    const walk = (node: typeof psaWizardMachine.root) => {
      if ((node.type === 'atomic' || node.type === 'final') && !node.always?.length) atomic.push(node.id);
      Object.values(node.states).forEach(walk);
    };
    walk(psaWizardMachine.root);
    expect(atomic.filter((id) => !reachedNodes.has(id))).toEqual(['psa.loadingSaved', 'psa.loadFailed', 'psa.summary.loadingLists', 'psa.summary.idle']);
    for (const state of ['"done"', '"cancelled"', '{"credentials":"checking"}', '{"accountMapping":{"editing":"contactsFailed"}}', '{"serviceParameters":"failed"}', '{"contractMapping":"creatingService"}', '{"finish":"completing"}']) {
      expect(reached, state).toContain(state);
    }
  });

  it('does the same for a new Kaseya BMS wizard', async () => {
    const { reached } = await replay('kaseya-bms');
    expect(reached).toContain('"done"');
  });

  it('and for editing an existing integration (saved values loaded first, Retry when that fails)', async () => {
    const { reached } = await replay('autotask', INTEGRATION_ID);
    expect(reached).toContain('"loadFailed"');
    expect(reached).toContain('"done"');
  });
});
