/**
 * @module Drives the PSA wizard machine as its element does, for the machine tests: a started actor
 * over fake services, `send` (Next becomes its refusal when the machine says no), field changes,
 * waiting until nothing loads, the current step's errors, and `reach` to get to a step with valid values.
 */
import { createActor, waitFor } from 'xstate';
import { busyLabel, currentStep, psaWizardMachine, type PsaWizardActorRef } from '../../../../web-components/wizards/psa-wizard/psa-wizard.machine.js';
import { psaWizardActors, type PsaWizardServices } from '../../../../web-components/wizards/psa-wizard/psa-wizard.services.js';
import type { PsaStep, PsaVendor, PsaWizardEvent } from '../../../../web-components/wizards/psa-wizard/psa-wizard.types.js';
import { stepErrors } from '../../../../web-components/wizards/psa-wizard/psa-wizard.validation.js';
import { PRIORITIES, fakeServices } from './psa-wizard.fakes.js';

export const BMS_CREDENTIALS = { 'credentials.server': 'na', 'credentials.tenant': 'Sandbox MSP', 'credentials.username': 'api-user', 'credentials.password': 'sandbox-password' };
export const AUTOTASK_CREDENTIALS = { 'credentials.username': 'api-user@sandbox.example', 'credentials.secret': 'sandbox-secret' };

export function start(services: PsaWizardServices = fakeServices(), vendor: PsaVendor = 'autotask', integrationId?: string): PsaWizardActorRef {
  return createActor(psaWizardMachine.provide({ actors: psaWizardActors(services) }), { input: { vendor, integrationId } }).start();
}

/** Sends events as the element does: Next (and Create Service) become their refusal when the machine says `can` is false. */
export const send = (actor: PsaWizardActorRef, ...events: PsaWizardEvent[]) => events.forEach((e) => {
  const can = actor.getSnapshot().can(e);
  if (e.type === 'step.next' && !can) actor.send({ type: 'step.refuse' });
  else if (e.type === 'service.create' && !can) actor.send({ type: 'service.refuse' });
  else actor.send(e);
});
export const change = (changes: Record<string, unknown>): PsaWizardEvent => ({ type: 'fields.change', changes });
export const NEXT: PsaWizardEvent = { type: 'step.next' };
export const BACK: PsaWizardEvent = { type: 'step.back' };
export const settled = (actor: PsaWizardActorRef) => waitFor(actor, (s) => busyLabel(s) === null && !s.matches({ accountMapping: { editing: 'checkingContacts' } })
  && !s.matches({ serviceParameters: 'loading' }) && !s.matches({ contractMapping: 'loading' }) && !s.matches('loadingSaved'));
export const errorsOf = (actor: PsaWizardActorRef) => {
  const s = actor.getSnapshot();
  return stepErrors(currentStep(s) as PsaStep, s.context);
};

/** Drives a fresh wizard to the given step with valid values on the way. */
export async function reach(step: 'account-mapping' | 'service-parameters' | 'contract-mapping' | 'finish', services = fakeServices()) {
  const actor = start(services);
  send(actor, change(AUTOTASK_CREDENTIALS), NEXT);
  await settled(actor);
  if (step === 'account-mapping') return actor;
  send(actor, change({ 'accountMapping.catchAllAccountId': 'acc-1', 'accountMapping.catchAllAccountName': 'Default Customer' }));
  await settled(actor);
  send(actor, change({ 'accountMapping.catchAllContactId': 'c-1', 'accountMapping.catchAllContactName': 'Default Contact' }), NEXT);
  await settled(actor);
  if (step === 'service-parameters') return actor;
  send(actor, change(Object.fromEntries(Object.entries(PRIORITIES).map(([s, p]) => [`ticket.priorityMap.${s}`, p]))), change({ 'ticket.queueId': 'q-2' }), NEXT);
  await settled(actor);
  if (step === 'contract-mapping') return actor;
  send(actor, NEXT);
  await settled(actor);
  return actor;
}

