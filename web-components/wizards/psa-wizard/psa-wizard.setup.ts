/**
 * @module The `setup()` the PSA wizard's machine is built from (psa-wizard.machine.ts): its types, the
 * named I/O actors (ports the element fills with BFF calls via `machine.provide`, tests with fakes),
 * the guards (each step's rules, through psa-wizard.guards.ts) and the assign actions, with the
 * helpers the step states share (`refusal`).
 */
import { assign } from 'xstate';
import { clearServerErrors, errorsFromServer, setIn, touch } from '../shared/form-state.js';
import { problemData } from '../shared/wizard-api.js';
import { setupMachine } from '../shared/machine-setup.js';
import { NOT_PROVIDED, psaWizardActors } from './psa-wizard.services.js';
import { STEP_ROOTS, emptyCredentials, type PsaStep, type PsaWizardContext, type PsaWizardEvent, type PsaWizardInput } from './psa-wizard.types.js';
import { credentialsBlank, credentialsOptional, newServicePasses, stepPasses } from './psa-wizard.guards.js';
import { applyDependents } from './psa-wizard.values.js';

/** The paths an event changes (`field.change` one, `fields.change` several). */
export function changedPaths(event: PsaWizardEvent): string[] {
  if (event.type === 'field.change') return [event.path];
  if (event.type === 'fields.change') return Object.keys(event.changes);
  return [];
}

/** Whether every path an event changes belongs to the step's values (a step never writes another's). */
function changeWithin(event: PsaWizardEvent, step: PsaStep): boolean {
  return changedPaths(event).every((path) => STEP_ROOTS[step].some((root) => path === root || path.startsWith(`${root}.`)));
}

/** Field errors and the problem of a refused call, as context (server field names prefixed with the step's root). */
export function refusal(context: PsaWizardContext, error: unknown, root?: string): Partial<PsaWizardContext> {
  const problem = problemData(error);
  const fields = problem.errors.map((e) => ({ ...e, field: root && !e.field.startsWith(`${root}.`) ? `${root}.${e.field}` : e.field }));
  return { problem, serverErrors: errorsFromServer(fields), submitted: true, attempt: context.attempt + 1 };
}

export const psaWizardSetup = setupMachine({
  types: {
    context: {} as PsaWizardContext,
    events: {} as PsaWizardEvent,
    input: {} as PsaWizardInput,
  },
  actors: psaWizardActors(NOT_PROVIDED),
  guards: {
    isEditing: ({ context }) => context.editing,
    /** Edit mode with one section open: its Save returns to the summary, its Cancel restores it. */
    inSection: ({ context }) => context.section !== null,
    /** Create flow: a step whose section was accepted may be jumped to from its heading. */
    canGoTo: ({ context, event }, params: { step: PsaStep }) =>
      !context.sectionMode && event.type === 'step.goto' && event.step === params.step && context.done.includes(params.step),
    opensSection: ({ event }, params: { step: PsaStep }) => event.type === 'section.edit' && event.step === params.step,
    /** The saved integration opens at this step (an unfinished one resumes where it was left). */
    resumesAt: ({ event }, params: { step: PsaStep | 'summary' }) => (event as unknown as { output?: { resumeAt?: string } }).output?.resumeAt === params.step,
    stepValid: ({ context }, params: { step: PsaStep }) => stepPasses(params.step, context),
    /** Editing, or back on step 1 after it succeeded: blank credentials keep the stored ones. */
    credentialsKept: ({ context }) => credentialsOptional(context) && credentialsBlank(context),
    changeAllowed: ({ event }, params: { step: PsaStep }) => changeWithin(event, params.step),
    /** An account-mapping change that touches the catch-all account or the attach switch (its contacts need checking). */
    changesCatchAll: ({ event }) => changeWithin(event, 'account-mapping')
      && changedPaths(event).some((p) => p === 'accountMapping.catchAllAccountId' || p === 'accountMapping.attachContacts'),
    needsContactsCheck: ({ context }) => {
      const { attachContacts, catchAllAccountId } = context.accountMapping;
      return attachContacts && Boolean(catchAllAccountId) && context.catchAllContacts?.accountId !== catchAllAccountId;
    },
    hasServiceLists: ({ context }) => context.picklists !== null && context.catalog !== null,
    hasServices: ({ context }) => context.services !== null,
    newServiceValid: ({ context }) => newServicePasses(context),
  },
  actions: {
    applyChange: assign(({ context, event }) => {
      const changes = event.type === 'field.change' ? { [event.path]: event.value } : event.type === 'fields.change' ? event.changes : {};
      const paths = Object.keys(changes);
      let next = context;
      for (const path of paths) next = setIn(next, path, changes[path]);
      return { ...applyDependents(context, next, paths), touched: touch(context.touched, paths), serverErrors: clearServerErrors(context.serverErrors, paths) };
    }),
    // An edited section shows at once what no longer passes (a picklist value removed in the PSA since it was saved).
    enterStep: assign(({ context }) => ({ touched: [], submitted: context.section !== null, serverErrors: {}, problem: null })),
    openSection: assign(({ context, event }) => ({
      section: event.type === 'section.edit' ? event.step : null,
      sectionBackup: { credentials: context.credentials, accountMapping: context.accountMapping, ticket: context.ticket, contract: context.contract },
    })),
    /** Cancel in a section: only that section's change is discarded. */
    restoreSection: assign(({ context }) => ({ ...(context.sectionBackup ?? {}), credentials: emptyCredentials(context.vendor), section: null, sectionBackup: null, problem: null })),
    sectionSaved: assign(({ context }) => ({ section: null, sectionBackup: null, sectionSaves: context.sectionSaves + 1 })),
    refuse: assign(({ context }) => ({ submitted: true, attempt: context.attempt + 1 })),
    markDone: assign(({ context }, params: { step: PsaStep }) => ({ done: context.done.includes(params.step) ? context.done : [...context.done, params.step] })),
    clearProblem: assign({ problem: null, contactsProblem: null }),
  },
});
